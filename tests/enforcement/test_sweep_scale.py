"""The sweep's query count does not grow with what it finds to do.

Each scenario is built and swept twice, with 5 and with 50 items, each time inside a
transaction rolled back afterwards, so both sweeps start from the same database but for
the number of items.
"""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from clients.models import PowerOfAttorney
from clients.roles import Role
from enforcement.models import CounterNotice, Deadline, Event, OutboxMessage, WindowRule
from enforcement.rules.reminders import next_reminder_at
from enforcement.services import reminders
from enforcement.services.deadlines import sync_expiry
from tests.factories import (
    ClientFactory,
    ComplaintFactory,
    IPRFactory,
    PowerOfAttorneyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Kind = OutboxMessage.Kind


@pytest.fixture
def staff():
    """Owners, a supervisor and the firm admins who hear of deadlines nobody owns."""
    return {
        "owners": [
            UserFactory(role=Role.PARALEGAL, time_zone=zone)
            for zone in ("Asia/Shanghai", "Europe/Berlin", "America/New_York")
        ],
        "supervisor": UserFactory(role=Role.ATTORNEY, time_zone="America/Los_Angeles"),
        "admins": [UserFactory(role=Role.FIRM_ADMIN) for _ in range(2)],
    }


def swept(build, count, now):
    """Build ``count`` items, sweep once; return the report, queries and rows written."""
    with transaction.atomic():
        build(count)
        ContentType.objects.clear_cache()  # both sweeps start with the same cold caches
        with CaptureQueriesContext(connection) as ctx:
            report = reminders.sweep(now, hand_to_workers=False)
        written = list(OutboxMessage.objects.values_list("kind", "recipient_id"))
        transaction.set_rollback(True)
    return report, len(ctx.captured_queries), written


def seller_window(subject_id, *, due_at, now, client, **fields):
    rule = WindowRule.objects.get(slot="seller_window", offense="first")
    deadline = Deadline(
        client=client,
        subject_type=ContentType.objects.get_for_model(PowerOfAttorney),
        subject_id=subject_id,
        subject_label=f"Link {subject_id}",
        event=Event.COMPLAINT_SUBMITTED,
        event_at=now - dt.timedelta(days=3),
        rule=rule,
        title=rule.name,
        length=3,
        unit="working_days",
        jurisdiction="CN",
        time_zone="Asia/Shanghai",
        reminder_lead_times=["1d"],
        due_at=due_at,
        due_on=due_at.date() if due_at else None,
        **fields,
    )
    deadline.next_reminder_at = next_reminder_at(due_at, ["1d"], after=None) if due_at else None
    return deadline


def test_the_sweep_runs_the_same_queries_for_5_and_50_due_reminders(staff, now, settings):
    settings.DIGEST_HOUR = 0  # every owner's digest goes out too, whatever the hour
    client = ClientFactory()
    owners, supervisor, admins = staff["owners"], staff["supervisor"], staff["admins"]

    def build(count):
        rows = []
        for n in range(count):
            owner = owners[n % len(owners)]
            if n % 4 == 0:  # overdue: the owner, and an escalation to the supervisor
                fields = {"due_at": now - dt.timedelta(minutes=5 + n), "owner": owner}
                fields["escalate_to"] = supervisor
            elif n % 4 == 1:  # the 1-day reminder, to the owner and the supervisor
                fields = {"due_at": now + dt.timedelta(hours=12), "owner": owner}
                fields |= {"escalate_to": supervisor, "remind_supervisor": True}
            elif n % 4 == 2:  # nobody named: the firm admins hear of it
                fields = {"due_at": now - dt.timedelta(hours=1)}
            else:  # a provisional date reminds like any other
                fields = {"due_at": now + dt.timedelta(hours=2), "owner": owner}
                fields |= {"due_is_provisional": True, "compute_error": "Provisional: CN 2099"}
            rows.append(seller_window(1000 + n, now=now, client=client, **fields))
        Deadline.objects.bulk_create(rows)

    few, few_queries, _few_written = swept(build, 5, now)
    many, many_queries, many_written = swept(build, 50, now)
    many_kinds = [kind for kind, _recipient in many_written]
    many_recipients = [recipient for _kind, recipient in many_written]

    assert (few.deadlines_due, many.deadlines_due) == (5, 50)
    # 13 overdue + 13 escalations + 13 × 2 lead + 12 × 2 admins' escalations + 12 lead
    assert many.messages_queued == 88 and len(many_kinds) == 88 + many.digests_queued
    assert {Kind.OVERDUE, Kind.ESCALATION, Kind.LEAD, Kind.DIGEST} == set(many_kinds)
    assert few.messages_queued == 9
    assert (few.digests_queued, many.digests_queued) == (2, 3)  # owners with deadlines
    assert {u.pk for u in admins} <= set(many_recipients)
    assert many_queries == few_queries


def test_the_sweep_runs_the_same_queries_for_5_and_50_expiry_deadlines_opened(staff, today, now):
    supervised = ClientFactory(supervising_attorney=staff["supervisor"])

    def build(count):
        for n in range(count):
            if n % 2:
                PowerOfAttorneyFactory(client=supervised, valid_to=today + dt.timedelta(days=400))
            else:
                IPRFactory(client=supervised, effective_to=today + dt.timedelta(days=900 + n))
        # Records that need nothing: already synced, revoked, or long expired.
        sync_expiry(PowerOfAttorneyFactory(client=supervised))
        PowerOfAttorneyFactory(revoked_at=today)
        PowerOfAttorneyFactory(valid_to=today - dt.timedelta(days=30))

    few, few_queries, _ = swept(build, 5, now)
    many, many_queries, _ = swept(build, 50, now)

    # Each record gets its expiry deadline, held by the client's supervising attorney.
    assert (few.expiry_deadlines_opened, many.expiry_deadlines_opened) == (5, 50)
    assert many_queries == few_queries


def test_expiry_deadlines_opened_by_the_sweep_are_the_ones_sync_expiry_opens(staff, today):
    supervised = ClientFactory(supervising_attorney=staff["supervisor"])
    poa = PowerOfAttorneyFactory(client=supervised, valid_to=today + dt.timedelta(days=400))
    ipr = IPRFactory(client=supervised, effective_to=today + dt.timedelta(days=900))
    assert reminders.sweep(hand_to_workers=False).expiry_deadlines_opened == 2
    for record, expires in ((poa, poa.valid_to), (ipr, ipr.effective_to)):
        (deadline,) = Deadline.objects.filter(
            subject_type=ContentType.objects.get_for_model(record), subject_id=record.pk
        )
        assert deadline.due_on == expires and deadline.owner == staff["supervisor"]
        assert deadline.subject_label == str(record)[:255]
        assert deadline.history.get().history_change_reason == "Opened by event"
    assert reminders.sweep(hand_to_workers=False).expiry_deadlines_opened == 0


def test_the_sweep_runs_the_same_queries_for_5_and_50_missing_due_dates(staff, now):
    complaint = ComplaintFactory()
    notice_type = ContentType.objects.get_for_model(CounterNotice)

    def build(count):
        rows = []
        for n in range(count):
            deadline = seller_window(
                2000 + n, due_at=None, now=now, client=complaint.client, owner=staff["owners"][0]
            )
            deadline.compute_error = "There is no working-day calendar yet"
            if n % 2:  # an attorney's answer window: the notice shows its due moment
                notice = CounterNotice.objects.create(
                    client=complaint.client, complaint=complaint, received_at=now,
                    claim_kind="trademark", claim_number=f"TM-{n}",
                )  # fmt: skip
                deadline.subject_type, deadline.subject_id = notice_type, notice.pk
                deadline.event = Event.COUNTER_NOTICE_RECEIVED
            rows.append(deadline)
        Deadline.objects.bulk_create(rows)

    few, few_queries, _ = swept(build, 5, now)
    many, many_queries, _ = swept(build, 50, now)
    assert (few.due_dates_computed, many.due_dates_computed) == (5, 50)
    assert many_queries == few_queries


def test_a_due_date_found_later_is_recorded_in_history_and_on_the_notice(staff, now):
    complaint = ComplaintFactory()
    notice = CounterNotice.objects.create(
        client=complaint.client, complaint=complaint, received_at=now,
        claim_kind="trademark", claim_number="TM-1",
    )  # fmt: skip
    deadline = seller_window(notice.pk, due_at=None, now=now, client=complaint.client)
    deadline.subject_type = ContentType.objects.get_for_model(CounterNotice)
    deadline.event = Event.COUNTER_NOTICE_RECEIVED
    deadline.save()
    assert reminders.sweep(now, hand_to_workers=False).due_dates_computed == 1
    deadline.refresh_from_db()
    notice.refresh_from_db()
    assert deadline.due_at is not None and deadline.next_reminder_at is not None
    assert notice.response_due_at == deadline.due_at
    latest = deadline.history.first()
    assert latest.history_change_reason == "Due date computed once the calendar was added"
    assert latest.due_at == deadline.due_at
