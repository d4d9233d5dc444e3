"""The sweep writes each due reminder once, e-mail leaves through a leased outbox."""

import datetime as dt
import json
import logging
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as project_settings
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


def test_a_send_that_outlasted_its_lease_cannot_also_report_sent(supervisor, settings, caplog):
    poa_expiring_in(25, supervisor)
    sweep()
    message = OutboxMessage.objects.get()
    slow = reminders.claim(message.pk)  # this sender then hangs in SMTP past its lease
    assert slow is not None and reminders.claim(message.pk) is None
    later = timezone.now() + dt.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS + 1)
    assert reminders.repair(later) == 1
    assert OutboxMessage.objects.get().lease_token == ""
    rescuer = reminders.claim(message.pk)
    assert rescuer is not None and rescuer.token != slow.token

    with caplog.at_level(logging.WARNING, logger=reminders.__name__):
        assert reminders.send_claimed(slow) == reminders.LEASE_LOST
    assert "lease lost" in caplog.text
    message.refresh_from_db()
    assert message.state == State.SENDING and message.lease_token == rescuer.token
    assert reminders.send_claimed(rescuer) == "sent"
    message.refresh_from_db()
    assert (message.state, message.attempts, message.lease_token) == (State.SENT, 2, "")
    # Both reached the mail server under one Message-ID (the recognisable repeat at the
    # at-least-once boundary); only the holder of the lease recorded it as sent.
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [message.message_id] * 2


def test_a_failure_after_the_lease_was_lost_does_not_queue_the_row_again(supervisor, settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2},  # nothing listens
        }
    }
    poa_expiring_in(25, supervisor)
    sweep()
    message = OutboxMessage.objects.get()
    slow = reminders.claim(message.pk)
    reminders.repair(timezone.now() + dt.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS + 1))
    rescuer = reminders.claim(message.pk)
    assert reminders.send_claimed(slow) == reminders.LEASE_LOST
    message.refresh_from_db()
    assert message.state == State.SENDING and message.lease_token == rescuer.token
    assert message.last_error == ""  # the lost sender wrote nothing over the holder's row


def test_a_lease_shorter_than_twice_the_mail_timeout_is_refused():
    def load_settings(lease: int) -> subprocess.CompletedProcess:
        env = {
            **os.environ,
            "EMAIL_URL": "smtp://localhost:25",
            "EMAIL_TIMEOUT": "60",
            "OUTBOX_LEASE_SECONDS": str(lease),
        }
        return subprocess.run(  # noqa: S603 - our own settings module
            [sys.executable, "-c", "import config.settings"],
            cwd=project_settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    refused = load_settings(119)
    assert refused.returncode != 0 and "OUTBOX_LEASE_SECONDS=119" in refused.stderr
    assert load_settings(120).returncode == 0, load_settings(120).stderr


def _queues_of(command: str) -> set[str]:
    found = re.search(r"(?:-Q|--queues)[ =](\S+)", command)
    return set(found.group(1).split(",")) if found else set()


def test_sweeps_have_a_queue_of_their_own_that_the_workers_consume():
    from config.celery import app
    from enforcement.tasks import deliver_message, sweep_deadlines

    routes = app.conf.task_routes
    assert routes[sweep_deadlines.name]["queue"] == "sweeps"
    assert routes[deliver_message.name]["queue"] == "outbox"
    assert app.amqp.router.route({}, sweep_deadlines.name)["queue"].name == "sweeps"
    assert app.amqp.router.route({}, deliver_message.name)["queue"].name == "outbox"
    entry = app.conf.beat_schedule["deadline-sweep"]
    assert entry["task"] == sweep_deadlines.name
    assert entry["options"]["expires"] < entry["schedule"]  # sweeps cannot pile up

    root = Path(project_settings.BASE_DIR)
    run = (root / "scripts" / "run").read_text().replace("\\\n", " ")
    (worker,) = [line for line in run.splitlines() if "celery -A config worker" in line]
    assert {"sweeps", "outbox", "celery"} <= _queues_of(worker)
    compose = (root / "docker-compose.yml").read_text()
    workers = [line for line in compose.splitlines() if "celery -A config worker" in line]
    consumed = set().union(*(_queues_of(line) for line in workers))
    assert {"sweeps", "outbox", "celery"} <= consumed


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


def test_a_digest_lists_the_first_rows_and_counts_the_rest(supervisor, today, monkeypatch):
    monkeypatch.setattr(reminders, "DIGEST_ROWS", 2)
    for days in (1, 2, 3, 4):
        poa_expiring_in(days, supervisor)
    overdue = Deadline.objects.filter(owner=supervisor).order_by("due_at").first()
    Deadline.objects.filter(pk=overdue.pk).update(due_at=timezone.now() - dt.timedelta(days=1))
    morning = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(16), dt.UTC)
    with CaptureQueriesContext(connection) as ctx:
        reminders.queue_digests(morning)
    digest = OutboxMessage.objects.get(kind=OutboxMessage.Kind.DIGEST)
    lines = [line for line in digest.body.splitlines() if line.startswith("- ")]
    assert len(lines) == 2 and lines[0].startswith("- OVERDUE ")
    assert "… and 2 more" in digest.body
    # Every deadline counted, 3 due in the week of the digest's morning (one has passed).
    assert digest.subject == "Your deadlines: 1 overdue, 3 due within 7 days"
    few = len(ctx.captured_queries)
    OutboxMessage.objects.all().delete()
    for days in range(20):
        poa_expiring_in(days % 6 + 1, supervisor)
    with CaptureQueriesContext(connection) as ctx:
        reminders.queue_digests(morning)
    assert len(ctx.captured_queries) == few


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
