"""List pages keep a fixed number of queries whatever the number of rows."""

import datetime as dt
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from enforcement.models import CalendarOverride, Deadline, HolidayCalendar

from .factories import (
    ClientFactory,
    ComplaintFactory,
    IdentityDocumentFactory,
    IPRFactory,
    IPRVerificationFactory,
    ListingFactory,
    MembershipFactory,
    PlatformAccountFactory,
    PowerOfAttorneyFactory,
    UserFactory,
)


def overrides(n):
    CalendarOverride.objects.all().delete()  # the seeded ones (Vietnam 2026) out of the count
    return [
        CalendarOverride.objects.create(
            calendar=HolidayCalendar.objects.get(code="CN"),
            date=dt.date(2026, 1, 1) + dt.timedelta(days=i),
            kind="holiday",
            name=f"Closure {i}",
        )
        for i in range(n)
    ]


MAKERS = {
    "clients:client_list": lambda n: ClientFactory.create_batch(n),
    "clients:identitydocument_list": lambda n: IdentityDocumentFactory.create_batch(n),
    "clients:powerofattorney_list": lambda n: PowerOfAttorneyFactory.create_batch(n),
    "clients:membership_list": lambda n: MembershipFactory.create_batch(n),
    "enforcement:ipr_list": lambda n: IPRFactory.create_batch(n),
    "enforcement:iprverification_list": lambda n: IPRVerificationFactory.create_batch(n),
    "enforcement:platformaccount_list": lambda n: PlatformAccountFactory.create_batch(n),
    "enforcement:platform_list": lambda n: None,  # the seeded catalogue (18 platforms)
    "enforcement:complaint_list": lambda n: ComplaintFactory.create_batch(n, eligible=False),
    "enforcement:listing_list": lambda n: ListingFactory.create_batch(n),
    "enforcement:reasoncode_list": lambda n: None,  # the seeded reason codes
    "enforcement:windowrule_list": lambda n: None,  # the seeded window rules
    "enforcement:holidaycalendar_list": lambda n: None,  # the seeded calendars
    "enforcement:calendaroverride_list": lambda n: overrides(n),
}
SEEDED = (
    "enforcement:platform_list",
    "enforcement:reasoncode_list",
    "enforcement:windowrule_list",
    "enforcement:holidaycalendar_list",
)
# session + user + count + page rows + filter-form choices; the same for 5 rows or 50.
BUDGET = 12


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize("name", list(MAKERS))
def test_list_page_query_count_does_not_grow_with_rows(
    client, paralegal, django_assert_max_num_queries, name, rows, settings
):
    settings.PAGE_SIZE = 100  # all rows on one page, so growth would show
    MAKERS[name](rows)
    client.force_login(paralegal)
    with django_assert_max_num_queries(BUDGET):
        response = client.get(reverse(name))
    assert response.status_code == 200
    if name not in SEEDED:
        assert response.context["paginator"].count == rows


@pytest.mark.django_db
def test_list_page_paginates(client, paralegal, settings):
    settings.PAGE_SIZE = 10
    ClientFactory.create_batch(25)
    client.force_login(paralegal)
    url = reverse("clients:client_list")
    response = client.get(url)
    seen = []
    for _ in range(2):  # to the third page by the pages' own Next links
        seen += response.context["object_list"]
        following = re.search(r'rel="next" href="([^"]+)"', response.content.decode())
        response = client.get(url + html.unescape(following.group(1)))
    assert len(response.context["object_list"]) == 5
    assert not response.context["page_obj"].has_next
    assert not set(response.context["object_list"]) & set(seen)


@pytest.mark.django_db
def test_client_detail_queries_do_not_grow_with_related_records(
    client, paralegal, django_assert_max_num_queries
):
    target = ClientFactory()
    for _ in range(20):
        IdentityDocumentFactory(client=target)
        PowerOfAttorneyFactory(client=target)
        IPRFactory(client=target)
        MembershipFactory(client=target)
    client.force_login(paralegal)
    with django_assert_max_num_queries(14):
        response = client.get(target.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("links", [3, 300])
def test_complaint_detail_queries_do_not_grow_with_links(
    client, paralegal, django_assert_max_num_queries, links
):
    complaint = ComplaintFactory(links=links)
    client.force_login(paralegal)
    with django_assert_max_num_queries(40):
        response = client.get(complaint.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["object"].links.all()) == links


def _month_ahead() -> dt.date:
    """The first day of the month after next: the deadlines below all fall in that month."""
    first = timezone.localdate().replace(day=1)
    return (first + dt.timedelta(days=62)).replace(day=1)


def _deadlines(owner, n):
    from enforcement.services.deadlines import sync_expiry

    for i in range(n):
        poa = PowerOfAttorneyFactory(valid_to=_month_ahead() + dt.timedelta(days=i % 10))
        poa.client.supervising_attorney = owner
        poa.client.save()
        sync_expiry(poa)
    assert Deadline.objects.filter(owner=owner).count() == n


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [5, 50])
def test_my_deadlines_query_count_does_not_grow(
    client, attorney, django_assert_max_num_queries, rows, settings
):
    settings.PAGE_SIZE = 100
    _deadlines(attorney, rows)
    client.force_login(attorney)
    with django_assert_max_num_queries(BUDGET):
        response = client.get(reverse("enforcement:deadline_list"))
    assert response.context["paginator"].count == rows
    with django_assert_max_num_queries(BUDGET):
        month = _month_ahead().strftime("%Y-%m")
        response = client.get(reverse("enforcement:deadline_calendar"), {"month": month})
    cells = [c for w in response.context["weeks"] for c in w if c]
    assert sum(c["due"] for c in cells) == rows
    # Each day names its first few by due moment, however many fall due that day.
    assert all(len(c["deadlines"]) == min(c["due"], 4) for c in cells)
    for c in cells:
        moments = [(d.due_at, d.pk) for d in c["deadlines"]]
        assert moments == sorted(moments)


@pytest.mark.django_db
def test_my_deadlines_shows_only_mine_unless_asked(client, attorney, paralegal):
    _deadlines(attorney, 3)
    client.force_login(paralegal)
    assert client.get(reverse("enforcement:deadline_list")).context["paginator"].count == 0
    everyone = client.get(reverse("enforcement:deadline_list"), {"scope": "all"})
    assert everyone.context["paginator"].count == 3


def _notices(count):
    """``count`` counter-notices, half awaiting review, half settled (with disputes)."""
    from django.utils import timezone

    from enforcement.models import Complaint, ComplaintLink, CounterNotice, Dispute
    from enforcement.services.summaries import rebuild_summary

    complaint = ComplaintFactory(links=0, eligible=False)
    now = timezone.now()
    Complaint.objects.filter(pk=complaint.pk).update(
        state="submitted", submitted_at=now, platform_reference="IPP-BULK"
    )
    links = ComplaintLink.objects.bulk_create(
        ComplaintLink(
            complaint=complaint, listing=listing, position=i, outcome="removed", outcome_at=now
        )
        for i, listing in enumerate(ListingFactory.create_batch(count))
    )
    notices = CounterNotice.objects.bulk_create(
        CounterNotice(
            client=complaint.client,
            complaint=complaint,
            received_at=now,
            response_due_at=now,
            status="awaiting_review" if i % 2 else "rejected",
            decision_reasons="" if i % 2 else "Counterfeit",
            decided_at=None if i % 2 else now,
            decided_by=None if i % 2 else _decider(),
        )  # fmt: skip
        for i in range(count)
    )
    CounterNotice.links.through.objects.bulk_create(
        CounterNotice.links.through(counternotice_id=n.pk, complaintlink_id=link.pk)
        for n, link in zip(notices, links, strict=True)
    )
    Dispute.objects.bulk_create(
        Dispute(notice=n, opened_at=now, status="upheld", decided_on=now.date())
        for n in notices
        if n.status == "rejected"
    )
    rebuild_summary()  # written in bulk above: counted as the import of existing data is


def _decider():
    from clients.models import User

    return User.objects.filter(username="decider").first() or UserFactory(
        username="decider", role="attorney"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [10, 500])
def test_attorney_queue_and_numbers_keep_a_fixed_query_count(
    client, attorney, django_assert_max_num_queries, rows, settings
):
    settings.PAGE_SIZE = 1000  # every notice on one page, so growth would show
    _notices(rows)
    client.force_login(attorney)
    with django_assert_max_num_queries(BUDGET):
        response = client.get(reverse("enforcement:counternotice_list"), {"status": ""})
    assert response.context["paginator"].count == rows
    with django_assert_max_num_queries(15):
        response = client.get(reverse("enforcement:numbers"))
    overall = response.context["overall"]["rates"]
    assert (overall.accepted, overall.decided) == (rows, rows)
    assert (overall.seller_won, overall.notices_decided) == (0, rows // 2)


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [3, 30])
def test_the_dashboard_keeps_a_fixed_query_count(
    client, attorney, django_assert_max_num_queries, rows
):
    _deadlines(attorney, rows)  # one open deadline each, owned by the attorney
    IPRFactory.create_batch(rows, kind="trademark", status="pending")
    PowerOfAttorneyFactory(client=ClientFactory(), signed_file="")  # awaiting signature
    mine = list(Deadline.objects.filter(owner=attorney).order_by("pk"))
    Deadline.objects.filter(pk__in=[d.pk for d in mine[:2]]).update(
        due_at=timezone.now() - dt.timedelta(hours=1)
    )
    Deadline.objects.filter(pk=mine[2].pk).update(due_at=timezone.now() + dt.timedelta(days=2))
    client.force_login(attorney)
    # 12 for the page, 3 for the sign-in: the session, the user, the second factor.
    with django_assert_max_num_queries(15):
        response = client.get(reverse("home"))
    figures = response.context
    assert (figures["my_overdue"], figures["my_due_week"], figures["undated_count"]) == (2, 1, 0)
    assert figures["pending_trademarks"] == figures["ipr_count"] == rows
    assert figures["client_count"] == 2 * rows + 1  # the POAs' and the rights' clients
    assert figures["active_poa_count"] == rows and figures["draft_poa_count"] == 1


@pytest.mark.django_db
def test_the_dashboard_lists_deadlines_without_a_due_date_only_when_there_are_some(
    client, attorney, django_assert_max_num_queries
):
    _deadlines(attorney, 12)
    client.force_login(attorney)
    assert client.get(reverse("home")).context["undated_deadlines"] == []
    Deadline.objects.filter(owner=attorney).update(due_at=None)
    with django_assert_max_num_queries(17):
        response = client.get(reverse("home"))
    assert response.context["undated_count"] == 12
    assert len(response.context["undated_deadlines"]) == 10
    assert "12 open deadlines have no due date" in response.content.decode()
