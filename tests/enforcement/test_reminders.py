"""The sweep writes each due reminder once, e-mail leaves through a leased outbox."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clients.roles import Role
from enforcement.models import Deadline, Event, Notification, OutboxMessage
from enforcement.services import reminders
from enforcement.services.deadlines import sync_expiry
from tests.factories import PowerOfAttorneyFactory, UserFactory

pytestmark = pytest.mark.django_db
State = OutboxMessage.State


@pytest.fixture
def supervisor():
    return UserFactory(role=Role.ATTORNEY, username="sup", time_zone="America/Los_Angeles")


def poa_expiring_in(days, supervisor):
    poa = PowerOfAttorneyFactory(valid_to=timezone.localdate() + dt.timedelta(days=days))
    poa.client.supervising_attorney = supervisor
    poa.client.save()
    (deadline,) = sync_expiry(poa)
    return deadline


def sweep(at=None):
    return reminders.sweep(at or timezone.now(), hand_to_workers=False)


def test_only_the_latest_passed_reminder_is_written_and_only_once(supervisor):
    deadline = poa_expiring_in(25, supervisor)  # 90- and 30-day reminders both passed
    assert sweep().messages_queued == 1
    (message,) = OutboxMessage.objects.all()
    assert message.kind == OutboxMessage.Kind.LEAD and ":30d:" in message.key
    assert message.recipient == supervisor
    assert Notification.objects.get().message == message
    assert sweep().messages_queued == 0  # a second sweep writes nothing
    later = sweep(timezone.now() + dt.timedelta(days=19))  # 6 days before: the 7-day one
    assert later.messages_queued == 1
    assert OutboxMessage.objects.filter(key__contains=":7d:").count() == 1
    deadline.refresh_from_db()
    assert deadline.next_reminder_at > timezone.now()


def test_overdue_goes_to_the_owner_and_escalates_to_the_supervisor(paralegal, supervisor):
    deadline = poa_expiring_in(25, supervisor)
    Deadline.objects.filter(pk=deadline.pk).update(owner=paralegal)
    sweep(timezone.now() + dt.timedelta(days=30))
    kinds = {
        (m.kind, m.recipient.username)
        for m in OutboxMessage.objects.exclude(kind=OutboxMessage.Kind.DIGEST)
    }
    assert kinds == {
        (OutboxMessage.Kind.OVERDUE, paralegal.username),
        (OutboxMessage.Kind.ESCALATION, supervisor.username),
    }  # no stale advance reminders once the window has closed


def test_email_is_sent_once_with_a_stable_message_id(supervisor):
    poa_expiring_in(25, supervisor)
    sweep()
    message = OutboxMessage.objects.get()
    assert reminders.deliver_due(timezone.now()) == {"sent": 1}
    assert reminders.deliver_due(timezone.now()) == {}
    (email,) = mail.outbox
    assert email.to == [supervisor.email]
    assert email.extra_headers["Message-ID"] == message.message_id
    assert "Power of attorney expires" in email.subject
    assert "(America/Los_Angeles)" in email.subject  # the reader's own zone
    message.refresh_from_db()
    assert message.state == State.SENT and message.attempts == 1


def test_an_unreachable_mail_server_is_retried_with_backoff_then_given_up(
    settings, supervisor, client
):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2},  # nothing listens
        }
    }
    settings.OUTBOX_MAX_ATTEMPTS = 2
    poa_expiring_in(25, supervisor)
    sweep()
    message = OutboxMessage.objects.get()
    assert reminders.deliver(message.pk) == "retry"
    message.refresh_from_db()
    assert message.state == State.QUEUED and message.attempts == 1
    assert message.next_attempt_at > timezone.now() + dt.timedelta(seconds=30)
    assert "Connection" in message.last_error or "refused" in message.last_error.lower()
    assert reminders.deliver(message.pk) == "not-due-or-taken"  # backing off
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert reminders.deliver(message.pk) == "failed"
    message.refresh_from_db()
    assert message.state == State.FAILED
    assert Notification.objects.filter(message=message).exists()  # still seen in-app
    client.force_login(supervisor)
    assert "could not be delivered" in client.get(reverse("home")).content.decode()


def test_a_row_left_sending_by_a_dead_worker_is_put_back_and_sent_once(supervisor):
    poa_expiring_in(25, supervisor)
    sweep()
    message = OutboxMessage.objects.get()
    OutboxMessage.objects.filter(pk=message.pk).update(
        state=State.SENDING, leased_at=timezone.now() - dt.timedelta(hours=1), attempts=1
    )
    assert reminders.deliver(message.pk) == "not-due-or-taken"
    assert sweep().leases_repaired == 1
    assert reminders.deliver_due(timezone.now()) == {"sent": 1}
    assert len(mail.outbox) == 1


def test_a_fresh_lease_is_not_stolen(supervisor):
    poa_expiring_in(25, supervisor)
    sweep()
    OutboxMessage.objects.update(state=State.SENDING, leased_at=timezone.now())
    assert sweep().leases_repaired == 0


def test_closing_a_deadline_cancels_its_unsent_reminders(paralegal, supervisor):
    from enforcement.services.deadlines import complete_deadline

    deadline = poa_expiring_in(25, supervisor)
    sweep()
    complete_deadline(deadline, by=paralegal, note="Renewed POA received")
    assert OutboxMessage.objects.get().state == State.CANCELLED
    assert reminders.deliver_due(timezone.now()) == {}
    assert sweep(timezone.now() + dt.timedelta(days=40)).messages_queued == 0


def test_each_user_gets_one_digest_per_local_day(supervisor, today):
    poa_expiring_in(3, supervisor)
    # Tomorrow 16:00 UTC: 08:00 in Los Angeles in winter (PST), 09:00 in summer (PDT).
    tomorrow = today + dt.timedelta(days=1)
    morning = dt.datetime.combine(tomorrow, dt.time(16), dt.UTC)
    reminders.sweep(morning, hand_to_workers=False)

    def digests():
        return OutboxMessage.objects.filter(kind=OutboxMessage.Kind.DIGEST).order_by("key")

    def key(day):
        return f"digest:{day:%Y%m%d}:u{supervisor.pk}"

    assert [d.key for d in digests()] == [key(tomorrow)]
    assert "Power of attorney expires" in digests().get().body
    reminders.sweep(morning + dt.timedelta(hours=3), hand_to_workers=False)
    assert digests().count() == 1
    reminders.sweep(morning + dt.timedelta(days=1), hand_to_workers=False)
    assert [d.key for d in digests()] == [key(tomorrow), key(tomorrow + dt.timedelta(days=1))]


def test_no_digest_before_the_users_morning(supervisor, today):
    poa_expiring_in(3, supervisor)
    # Tomorrow 12:00 UTC: 04:00 (or 05:00) in Los Angeles.
    night = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(12), dt.UTC)
    reminders.sweep(night, hand_to_workers=False)
    assert not OutboxMessage.objects.filter(kind=OutboxMessage.Kind.DIGEST).exists()


def test_the_sweep_reads_only_what_is_due_whatever_the_number_of_open_deadlines(supervisor):
    def queries_with(open_deadlines):
        for _ in range(open_deadlines):
            poa_expiring_in(300, supervisor)  # nothing due for months
        with CaptureQueriesContext(connection) as ctx:
            sweep()
        return len(ctx.captured_queries)

    few = queries_with(3)
    many = queries_with(60)
    assert many == few


def test_notifications_page_lists_and_marks_read(client, supervisor):
    poa_expiring_in(25, supervisor)
    sweep()
    client.force_login(supervisor)
    home = client.get(reverse("home")).content.decode()
    assert 'unread-count">1</span>' in home
    page = client.get(reverse("enforcement:notification_list")).content.decode()
    assert "Power of attorney expires" in page
    client.post(reverse("enforcement:notification_list"), {"all": "1"})
    assert Notification.objects.get().read_at is not None


def test_nobody_reads_another_persons_notifications(client, supervisor, paralegal):
    poa_expiring_in(25, supervisor)
    sweep()
    client.force_login(paralegal)
    page = client.get(reverse("enforcement:notification_list")).content.decode()
    assert "Power of attorney expires" not in page
    client.post(reverse("enforcement:notification_list"), {"all": "1"})
    assert Notification.objects.get().read_at is None


def test_sweep_command_reports_and_delivers(supervisor):
    poa_expiring_in(25, supervisor)
    out = StringIO()
    call_command("sweep_deadlines", "--deliver", stdout=out)
    report = json.loads(out.getvalue())
    assert report["messages_queued"] == 1 and report["delivered"] == {"sent": 1}
    assert len(mail.outbox) == 1


def test_events_of_every_kind_are_documented_by_a_seeded_rule():
    from enforcement.models import WindowRule

    seeded = set(WindowRule.objects.values_list("event", flat=True))
    assert seeded == {e.value for e in Event}
