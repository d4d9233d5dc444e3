"""seed_scale: a small fraction of the reference practice, coherent as the services leave it."""

import io
import zoneinfo
from collections import Counter, defaultdict

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from clients.models import Client, Membership, PowerOfAttorney, User
from enforcement import lifecycle
from enforcement.links import recognise
from enforcement.management.commands.seed_demo import DEFAULT_PASSWORD, USERS
from enforcement.models import (
    IPR,
    Complaint,
    ComplaintLink,
    CounterNotice,
    Deadline,
    Dispute,
    IPRVerification,
    Listing,
    PlatformAccount,
)
from enforcement.rules.outcomes import listing_status_for
from enforcement.scale import PORTAL_CLIENT, client_weights, summary_counts, targets
from enforcement.services import problems_of, reminders

from ..factories import ClientFactory, ListingFactory

FRACTION = 0.002
EXACT = ("clients", "iprs", "sellers", "listings", "complaints", "links", "counter_notices",
         "deadlines")  # fmt: skip


def seed(fraction=FRACTION):
    out = io.StringIO()
    call_command("seed_scale", "--fraction", str(fraction), stdout=out)
    return out.getvalue()


def reachable(table, start):
    """Every state a record can reach from ``start`` through the table's moves."""
    seen, todo = {start}, [start]
    while todo:
        for new in lifecycle.allowed(table, todo.pop()):
            if new not in seen:
                seen.add(new)
                todo.append(new)
    return seen


@pytest.mark.django_db
def test_seeded_practice_is_proportional_coherent_and_skewed(settings):
    settings.DIGEST_HOUR = 99  # the digest is not what this checks
    output = seed()
    wanted = targets(FRACTION)
    counts = summary_counts()
    for name in EXACT:
        assert counts[name] == wanted[name], name
    assert (
        abs(counts["open_deadlines"] - wanted["open_deadlines"]) <= 0.1 * wanted["open_deadlines"]
    )
    assert 1 <= counts["due_reminders"] <= wanted["due_reminders"]
    assert "enforcement_complaintlink" in output and "paralegal" in output

    # Referential integrity: a link's listing is on the complaint's platform and reported
    # for one client only; the right, the account and the notice hang off the same client.
    owner_of_listing = {}
    for link in ComplaintLink.objects.select_related("complaint", "listing"):
        assert link.listing.platform_id == link.complaint.platform_id
        assert owner_of_listing.setdefault(link.listing_id, link.complaint.client_id) == (
            link.complaint.client_id
        )
    for complaint in Complaint.objects.select_related("ipr", "account", "platform"):
        assert complaint.ipr.client_id == complaint.client_id
        assert complaint.account.group_id == complaint.platform.group_id
        assert complaint.account.client_id in (None, complaint.client_id)
    for notice in CounterNotice.objects.prefetch_related("links"):
        assert notice.client_id == notice.complaint.client_id
        assert {link.complaint_id for link in notice.links.all()} == {notice.complaint_id}

    # States: each one reachable through the lifecycle tables, derived fields in step.
    for model, field, start in [
        (Complaint, "state", "draft"),
        (ComplaintLink, "outcome", "pending"),
        (CounterNotice, "status", "awaiting_review"),
        (Dispute, "status", "open"),
        (Deadline, "status", "open"),
        (IPRVerification, "status", "submitted"),
        (PlatformAccount, "verification_status", "not_submitted"),
    ]:
        table = lifecycle.TABLES[(model, field)]
        found = set(model.objects.values_list(field, flat=True))
        assert found <= reachable(table, start), (model, found)
    outcomes = set(ComplaintLink.objects.values_list("outcome", flat=True))
    assert {"pending", "removed", "rejected", "restored", "withdrawn"} <= outcomes
    assert set(CounterNotice.objects.values_list("status", flat=True)) >= {
        "awaiting_review", "rejected", "accepted"}  # fmt: skip
    assert Dispute.objects.exists()
    latest = {}
    for link in ComplaintLink.objects.order_by("complaint__submitted_at", "pk").select_related(
        "complaint"
    ):
        if link.complaint.state != "draft" and link.complaint.state != "ready":
            latest[link.listing_id] = link.outcome
    for listing in Listing.objects.select_related("platform"):
        expected = listing_status_for(latest[listing.pk]) if listing.pk in latest else "known"
        assert listing.status == expected
        result = recognise(listing.canonical_url, expected_platform=listing.platform.code)
        assert result.ok and result.canonical_id == listing.canonical_id
    countered = ComplaintLink.objects.filter(outcome="countered")
    for link in countered.prefetch_related("counter_notices__dispute"):
        (notice,) = link.counter_notices.all()
        assert notice.status == "awaiting_review" or notice.dispute.status == "open"
    submitted = ComplaintLink.objects.filter(complaint__state="submitted")
    assert not submitted.filter(offense="").exists()
    for notice in CounterNotice.objects.filter(status="awaiting_review"):
        window = Deadline.objects.get(subject_id=notice.pk, event="counter_notice_received")
        assert notice.response_due_at == window.due_at and window.status == "open"
    assert not Deadline.objects.exclude(status="open").filter(closed_at__isnull=True).exists()

    # Filed complaints pass every eligibility rule on the day they were filed.
    for complaint in Complaint.objects.filter(state="submitted").order_by("?")[:15]:
        zone = zoneinfo.ZoneInfo(complaint.platform.time_zone)
        filed = timezone.localtime(complaint.submitted_at, zone).date()
        assert problems_of(complaint, on=filed) == [], complaint.pk

    # Skew: the portal demo client is the biggest, by about its designed share.
    per_client = Counter()
    for client_id, _listing in ComplaintLink.objects.values_list(
        "complaint__client_id", "listing_id"
    ).distinct():
        per_client[client_id] += 1
    (biggest, held), *_rest = per_client.most_common()
    assert Client.objects.get(pk=biggest).legal_name == PORTAL_CLIENT
    share = held / sum(per_client.values())
    designed = client_weights(wanted["clients"])[0]
    assert designed * 0.6 <= share <= min(1, designed * 1.4)
    assert Membership.objects.get(user__username="client").client_id == biggest

    # The sweep finds the seeded reminders due, and nothing to repair.
    report = reminders.sweep(hand_to_workers=False)
    assert report.expiry_deadlines_opened == 0 and report.due_dates_computed == 0
    assert report.deadlines_due == counts["due_reminders"] and report.messages_queued >= 1


@pytest.mark.django_db
def test_seeded_logins_open_their_pages(client):
    seed()
    pages = {
        "paralegal": ["enforcement:complaint_list", "enforcement:listing_list",
                      "enforcement:counternotice_list", "home", "enforcement:deadline_list"],
        "attorney": ["enforcement:counternotice_list", "enforcement:numbers"],
        "admin": ["clients:client_list", "enforcement:platformaccount_list"],
        "client": ["portal:overview", "portal:complaint_list", "portal:export"],
    }  # fmt: skip
    for username, names in pages.items():
        assert client.login(username=username, password=DEFAULT_PASSWORD), username
        client.force_login(User.objects.get(username=username))  # and its second factor
        for name in names:
            response = client.get(reverse(name))
            assert response.status_code == 200, (username, name)
        client.logout()
    busiest = Complaint.objects.order_by("-batch_size", "pk").first()
    client.force_login(User.objects.get(username="paralegal"))
    assert client.get(busiest.get_absolute_url()).status_code == 200
    assert {u[0] for u in USERS} <= set(User.objects.values_list("username", flat=True))
    # The sequences moved past the copied ids: new records get fresh ones.
    for model, factory in [(Client, ClientFactory), (Listing, ListingFactory)]:
        last = model.objects.order_by("pk").last().pk
        assert factory().pk > last


@pytest.mark.django_db
def test_refuses_a_database_that_holds_clients():
    ClientFactory()
    with pytest.raises(CommandError, match="already holds clients"):
        seed()
    assert not PowerOfAttorney.objects.exists() and not IPR.objects.exists()


@pytest.mark.parametrize("count", [1, 4, 200, 2000])
def test_client_weights_put_the_biggest_first(count):
    weights = client_weights(count)
    assert abs(sum(weights) - 1) < 1e-9
    assert weights == sorted(weights, reverse=True)
    if count == 2000:
        assert 0.10 <= weights[0] <= 0.14
        assert 0.25 <= sum(weights[:20]) <= 0.35


def test_targets_scale_and_never_drop_to_zero():
    assert targets(1.0)["links"] == 1_970_000
    assert targets(0.01)["listings"] == 20_000
    assert min(targets(1e-9).values()) == 1
    groups = defaultdict(int)
    for name, count in targets(0.5).items():
        groups[name] += count
    assert groups["open_deadlines"] < groups["deadlines"]
