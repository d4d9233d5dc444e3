"""The outcome summary equals what the raw rows give, after any sequence of the services
that change outcomes, and the pages read from it show the figures the raw rows gave.

The property test draws sequences (seeded: the same cases every run) of filings,
outcomes, withdrawals, counter-notices, decisions and dispute decisions over two clients,
three platform accounts and two reason codes at moments spread over weeks, then checks
the summary against its recomputation from the raw rows, and the numbers page, the portal
figures and the reason codes' rates against the old one-row-at-a-time counts, in several
time zones (whole-hour, half-hour and quarter-hour) and periods.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter
from io import StringIO
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enforcement import figures
from enforcement import lifecycle as lc
from enforcement.models import (
    Complaint,
    ComplaintLink,
    CounterNotice,
    Dispute,
    OutcomeHour,
    OutcomeTotal,
    ReasonCode,
)
from enforcement.rules import periods
from enforcement.services import counter_notices as notices
from enforcement.services import (
    record_link_outcomes,
    submit_complaint,
    summaries,
    withdraw_complaint,
)
from enforcement.services.summaries import COUNTED_STATES, rebuild_summary
from tests.factories import (
    ClientFactory,
    ComplaintFactory,
    IPRFactory,
    IPRVerificationFactory,
    PlatformAccountFactory,
    PowerOfAttorneyFactory,
    platform,
)
from tests.support import raw_figures

pytestmark = pytest.mark.django_db

ZONES = ["Asia/Shanghai", "UTC", "America/Los_Angeles", "Asia/Kolkata", "Asia/Kathmandu",
         "America/St_Johns", "Australia/Adelaide"]  # fmt: skip
# The services, the later steps first and more often, so that cases reach them (the
# simplest draw is the first one).
KINDS = ["dispute"] * 8 + ["decide"] * 6 + ["counter"] * 5 + ["outcome"] * 4 + ["submit"] * 3
KINDS += ["withdraw"]


@pytest.fixture
def firm(paralegal, attorney):
    """Two clients, three platform accounts (one shared by the firm), two reason codes."""
    clients = [ClientFactory(legal_name="Alpha Outdoor"), ClientFactory(legal_name="Beta SA")]
    shared = PlatformAccountFactory(client=None)
    accounts = {c.pk: [PlatformAccountFactory(client=c), shared] for c in clients}
    setups = []
    for client in clients:
        PowerOfAttorneyFactory(client=client)
        ipr = IPRFactory(client=client)
        for account in accounts[client.pk]:
            IPRVerificationFactory(
                ipr=ipr, account=account, status="verified",
                submitted_on=timezone.localdate() - dt.timedelta(days=300),
                decided_on=timezone.localdate() - dt.timedelta(days=296),
            )  # fmt: skip
            setups.append((client, account, ipr))
    codes = list(ReasonCode.objects.filter(code__in=["tm-counterfeit", "tm-similar-mark"]))
    return SimpleNamespace(
        clients=clients, setups=setups, codes=codes, paralegal=paralegal, attorney=attorney
    )


def _pending(complaint):
    return list(complaint.links.filter(outcome="pending").order_by("pk"))


def _removed(complaint):
    return list(complaint.links.filter(outcome="removed").order_by("pk"))


def _withdrawable(complaint) -> bool:
    outcomes = set(complaint.links.values_list("outcome", flat=True))
    if complaint.state == Complaint.State.WITHDRAWN or "countered" in outcomes:
        return False
    return complaint.state != Complaint.State.SUBMITTED or any(
        lc.link_moves(o, "withdrawn", lc.By.WITHDRAWAL) for o in outcomes
    )


def candidates(complaints) -> dict[str, list]:
    """What each service could act on now."""
    filed = [c for c in complaints if c.state == Complaint.State.SUBMITTED]
    found = {
        "submit": [c for c in complaints if c.state == Complaint.State.DRAFT],
        "outcome": [c for c in filed if _pending(c)],
        "withdraw": [c for c in complaints if _withdrawable(c)],
        "counter": [c for c in filed if _removed(c)],
        "decide": list(CounterNotice.objects.filter(status="awaiting_review").order_by("pk")),
        "dispute": list(Dispute.objects.filter(status="open").order_by("pk")),
    }
    return {kind: found[kind] for kind in KINDS if found[kind]}


def apply(data, firm, at: dt.datetime, complaints: list) -> str | None:
    """One service call drawn among those that can act now: its kind, None when none can."""
    by, attorney = firm.paralegal, firm.attorney
    found = candidates(complaints)
    if not found:
        return None
    op = data.draw(st.sampled_from([k for k in KINDS if k in found]))  # weighted by KINDS
    target = data.draw(st.sampled_from(found[op]))
    if op == "submit":
        submit_complaint(target, reference=f"IPP-{target.pk}", submitted_at=at, by=by)
    elif op == "outcome":
        chosen = data.draw(st.lists(st.sampled_from(_pending(target)), min_size=1, unique=True))
        outcome = data.draw(st.sampled_from(["removed", "removed", "removed", "rejected"]))
        record_link_outcomes(chosen, outcome=outcome, at=at, by=by, reason="No proof")
    elif op == "withdraw":
        withdraw_complaint(target, reason="Settled with the seller", by=by)
    elif op == "counter":
        chosen = data.draw(st.lists(st.sampled_from(_removed(target)), min_size=1, unique=True))
        notices.record_counter_notice(
            complaint=target, links=chosen, received_at=at, by=by, claim_kind="trademark",
            claim_number="TM-SELLER", seller_statement="Our own mark.",
        )  # fmt: skip
    elif op == "decide":
        decision = data.draw(st.sampled_from(["reject"] * 3 + ["accept", "withdraw", "lapse"]))
        notices.decide_counter_notice(
            target, decision=decision, reasons="Counterfeit goods.", by=attorney, at=at
        )
    else:
        notices.record_dispute_decision(
            target, upheld=data.draw(st.booleans()), decided_on=timezone.localdate(at),
            notes="", by=by,
        )  # fmt: skip
    for c in complaints:
        c.refresh_from_db(fields=["state"])
    return op


def assert_summary_matches(report=None):
    report = report or rebuild_summary(check_only=True)
    assert not report.differs, [d.samples for d in report.differences]


def assert_pages_match_raw(firm, zone: str, start: dt.date, end: dt.date, scope) -> None:
    staff = firm.attorney
    client, account = scope
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        new = figures.success_numbers(staff, start, end, client, account)
        old = raw_figures.success_numbers(staff, start, end, client, account)
        assert new == old, (zone, start, end)
        for c in firm.clients:
            links = ComplaintLink.objects.filter(
                complaint__client=c, complaint__state__in=COUNTED_STATES
            )
            new_portal = figures.portal_figures(
                OutcomeTotal.objects.filter(client=c), OutcomeHour.objects.filter(client=c),
                links, timezone.get_current_timezone(),
            )  # fmt: skip
            old_portal = raw_figures.portal_figures(links)
            assert new_portal["counts"] == old_portal["counts"], zone
            assert new_portal["months"] == old_portal["months"], zone
            # From a month on (the overview's last twelve): only the summary hours from
            # its first moment, and no minute of the month before it.
            recent = figures.portal_figures(
                OutcomeTotal.objects.filter(client=c), OutcomeHour.objects.filter(client=c),
                links, timezone.get_current_timezone(), since=start,
            )  # fmt: skip
            first = start.replace(day=1)
            assert recent["months"] == [
                m for m in old_portal["months"] if timezone.localtime(m["month"]).date() >= first
            ], zone
    codes = ReasonCode.objects.visible_to(staff).order_by("pk")
    rates = [(r.pk, r.decided, r.accepted) for r in figures.reason_code_rates(codes, staff)]
    assert rates == [(r.pk, r.decided, r.accepted) for r in raw_figures.reason_code_rates(codes)]


def test_any_sequence_of_services_keeps_the_summary_equal_to_the_raw_rows(firm):
    ran: Counter = Counter()

    @settings(
        max_examples=30,
        derandomize=True,  # the same cases on every run and machine
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(data=st.data())
    def case(data):
        now = timezone.now()
        with transaction.atomic():
            complaints = [
                ComplaintFactory(
                    client=client, account=account, ipr=ipr, eligible=False,
                    reason_code=data.draw(st.sampled_from(firm.codes)),
                    links=data.draw(st.integers(1, 4)),
                )
                for client, account, ipr in data.draw(
                    st.lists(st.sampled_from(firm.setups), min_size=2, max_size=4)
                )
            ]  # fmt: skip
            clock = now - dt.timedelta(days=45)
            for _step in range(data.draw(st.integers(8, 24))):
                clock += dt.timedelta(minutes=data.draw(st.integers(0, 3 * 24 * 60)))
                op = apply(data, firm, min(clock, now - dt.timedelta(minutes=1)), complaints)
                if op is None:
                    break
                ran[op] += 1
            assert_summary_matches()
            today = timezone.localdate()
            start = today - dt.timedelta(days=data.draw(st.integers(0, 50)))
            end = start + dt.timedelta(days=data.draw(st.integers(0, 50)))
            client = data.draw(st.sampled_from([None, *firm.clients]))
            accounts = sorted({a for _c, a, _i in firm.setups}, key=lambda a: a.pk)
            account = data.draw(st.sampled_from([None, *accounts]))
            zones = st.lists(st.sampled_from(ZONES), min_size=1, max_size=2, unique=True)
            for zone in data.draw(zones):
                assert_pages_match_raw(firm, zone, start, end, (client, account))
            transaction.set_rollback(True)

    case()
    # Every service ran, and often: the cases reach disputes, not only filings.
    assert min(ran[kind] for kind in set(KINDS)) >= 10, ran


# --- Directed cases -----------------------------------------------------------------------


def _filed(firm, links=3, at=None):
    client, account, ipr = firm.setups[0]
    complaint = ComplaintFactory(
        client=client, account=account, ipr=ipr, eligible=False, links=links,
        reason_code=firm.codes[0],
    )  # fmt: skip
    at = at or timezone.now() - dt.timedelta(days=80)
    return submit_complaint(complaint, reference="IPP-1", submitted_at=at, by=firm.paralegal)


def test_a_half_hour_zone_counts_its_edges_and_month_starts_from_the_links(firm):
    """In India a day starts at 18:30 UTC: the summary's hour 18:00–19:00 holds the last
    minutes of one day and the first of the next, so those links are counted one by one."""
    india = zoneinfo.ZoneInfo("Asia/Kolkata")
    today = timezone.localdate(timezone.now(), india)
    first = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)  # last month's 1st
    starts = periods.day_start(first, india)
    assert starts.minute == 30  # inside a UTC hour
    complaint = _filed(firm, links=4)
    before, just_in, later, rejected = complaint.links.order_by("pk")
    by = firm.paralegal
    record_link_outcomes([before], outcome="removed", at=starts - dt.timedelta(minutes=10), by=by)
    record_link_outcomes([just_in], outcome="removed", at=starts + dt.timedelta(minutes=10), by=by)
    record_link_outcomes([later], outcome="removed", at=starts + dt.timedelta(hours=2), by=by)
    record_link_outcomes(
        [rejected], outcome="rejected", at=starts + dt.timedelta(days=3), by=by, reason="x"
    )
    assert_summary_matches()
    end = first + dt.timedelta(days=9)
    with timezone.override(india):
        numbers = figures.success_numbers(firm.attorney, first, end)
    rates = numbers["overall"]["rates"]
    assert (rates.accepted, rates.decided) == (2, 3)  # the link 10 minutes early is not in it
    assert [(m["month"], m["decided"]) for m in numbers["months"]] == [(first, 3)]
    assert_pages_match_raw(firm, "Asia/Kolkata", first - dt.timedelta(days=5), end, (None, None))
    assert_pages_match_raw(firm, "Asia/Shanghai", first, end, (None, None))
    # A period starting the day before takes in the early link, and two months.
    with timezone.override(india):
        numbers = figures.success_numbers(firm.attorney, first - dt.timedelta(days=1), end)
    assert [m["decided"] for m in numbers["months"]] == [1, 3]


def test_rebuild_reports_and_repairs_a_summary_that_drifted(firm):
    from django.core.management import CommandError, call_command
    from django.db.models import F

    complaint = _filed(firm)
    links = list(complaint.links.order_by("pk"))
    record_link_outcomes(links[:2], outcome="removed", at=timezone.now(), by=firm.paralegal)
    out = StringIO()
    call_command("rebuild_outcome_summary", "--check", stdout=out)
    assert "matches the records" in out.getvalue()

    OutcomeHour.objects.filter(removed__gt=0).update(removed=F("removed") + 1)  # drifted
    OutcomeTotal.objects.all().delete()  # lost
    with pytest.raises(CommandError) as refused:
        call_command("rebuild_outcome_summary", "--check", stdout=(out := StringIO()))
    assert refused.value.returncode == 1
    text = out.getvalue()
    assert "per hour: 1 row(s) missing or different, 1 extra" in text
    assert "totals: 1 row(s) missing or different, 0 extra" in text
    assert OutcomeTotal.objects.count() == 0  # --check changes nothing

    call_command("rebuild_outcome_summary", stdout=(out := StringIO()))
    assert "Rebuilt from the records" in out.getvalue()
    assert_summary_matches()
    total = OutcomeTotal.objects.get()
    assert (total.removed, total.pending) == (2, 1)


def test_the_migration_counts_the_records_already_there(firm):
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    complaint = _filed(firm)
    notice_link = complaint.links.order_by("pk").first()
    record_link_outcomes([notice_link], outcome="removed", at=timezone.now(), by=firm.paralegal)
    notices.record_counter_notice(
        complaint=complaint, links=[notice_link], received_at=timezone.now(), by=firm.paralegal
    )
    OutcomeHour.objects.all().delete()
    OutcomeTotal.objects.all().delete()
    state = MigrationExecutor(connection).loader.project_state(
        ("enforcement", "0017_outcome_summary")
    )
    import_module("enforcement.migrations.0017_outcome_summary").fill(state.apps, None)
    assert_summary_matches()
    total = OutcomeTotal.objects.get()
    assert (total.countered, total.pending, total.notices) == (1, 2, 1)


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_each_add_their_own_count(firm):
    """Two services counting into the same rows at once, on PostgreSQL: no count lost."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time")
    client, account, _ipr = firm.setups[0]
    dims = (client.pk, platform("taobao").pk, account.pk, firm.codes[0].pk)
    hour = summaries.hour_of(timezone.now())
    rounds, start = 25, threading.Barrier(2)
    errors = []

    def writer():
        try:
            start.wait()
            for _ in range(rounds):
                with transaction.atomic():
                    tally = summaries.Tally()
                    tally.add(hour, dims, "removed")
                    tally.add(summaries.UNDATED, dims, "pending", -1)
                    tally.save()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    row = OutcomeHour.objects.get(hour=hour, client=client, account_key=account.pk)
    assert row.removed == 2 * rounds
    total = OutcomeTotal.objects.get(client=client, account_key=account.pk)
    assert (total.removed, total.pending) == (2 * rounds, -2 * rounds)


# --- Fixed queries ------------------------------------------------------------------------


def _decided(firm, n: int, zone: str):
    """A filed complaint of ``n`` links, decided one by one over the last three months;
    the first ten minutes after the reader's last month began, so that in a half-hour zone
    the hour in which a month begins is always among them (it is read from the raw rows)."""
    complaint = _filed(firm, links=n, at=timezone.now() - dt.timedelta(days=95))
    local = timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(zone))
    last_month = (local.replace(day=1) - dt.timedelta(days=1)).replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )
    for i, link in enumerate(complaint.links.order_by("pk")):
        outcome = "rejected" if i % 4 == 3 else "removed"
        at = timezone.now() - dt.timedelta(days=(i * 7) % 90, minutes=i * 37)
        if i == 0:
            at = last_month + dt.timedelta(minutes=10)
        record_link_outcomes([link], outcome=outcome, at=at, by=firm.paralegal, reason="x")
    return complaint


@pytest.mark.parametrize("links", [4, 60])
@pytest.mark.parametrize("zone", ["Asia/Shanghai", "Asia/Kolkata"])
def test_figure_pages_keep_a_fixed_query_count(
    client, firm, links, zone, django_assert_max_num_queries
):
    from django.urls import reverse

    from clients.models import Membership
    from clients.roles import Role
    from tests.factories import UserFactory

    complaint = _decided(firm, links, zone)
    staff = firm.attorney
    staff.time_zone = zone
    staff.save()
    client.force_login(staff)
    with django_assert_max_num_queries(16):
        numbers = client.get(reverse("enforcement:numbers")).context
    start, end = numbers["start"], numbers["end"]
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        assert numbers["overall"] == raw_figures.success_numbers(staff, start, end)["overall"]
    assert numbers["overall"]["rates"].decided > 0
    for name, args in (("enforcement:reasoncode_list", []),
                       ("enforcement:reasoncode_detail", [complaint.reason_code_id])):  # fmt: skip
        with django_assert_max_num_queries(9):  # 3 of them the sign-in's
            assert client.get(reverse(name, args=args)).status_code == 200

    person = UserFactory(role=Role.CLIENT, time_zone=zone)
    Membership.objects.create(user=person, client=complaint.client)
    client.force_login(person)
    # 3 of them the sign-in's; in a half-hour zone one more, the raw links of the hours in
    # which a month begins
    with django_assert_max_num_queries(10 if zone == "Asia/Kolkata" else 9):
        overview = client.get(reverse("portal:overview")).context
    assert overview["counts"]["reported"] == links
    assert sum(m["removed"] + m["other"] for m in overview["months"]) == links
