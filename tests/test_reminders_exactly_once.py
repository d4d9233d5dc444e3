"""Exactly-once reminders with real worker processes on the configured broker and database.

In CI this runs on PostgreSQL and Redis; on the embedded default, on the SQLite file and
kombu's filesystem broker. Two workers sweep at the same moment; a worker is killed while
it is inside the mail backend's send(). Every due reminder ends up sent once, none twice:
counted by the Message-IDs of the e-mails actually written by Django's file backend.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from clients.roles import Role
from config.celery import app
from enforcement.models import Event, Notification, OutboxMessage
from enforcement.services import reminders
from enforcement.services.deadlines import open_deadlines
from enforcement.tasks import sweep_deadlines
from tests.factories import ComplaintFactory, UserFactory, platform
from tests.support import clock

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.workers,
]
ROOT = Path(settings.BASE_DIR)
MESSAGE_ID = re.compile(r"^Message-ID: (<[^>]+>)$", re.MULTILINE)


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        user, host = db.get("USER") or "postgres", db.get("HOST") or "127.0.0.1"
        return f"postgres://{user}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"
    return f"sqlite:///{db['NAME']}"


class Worker:
    def __init__(self, name: str, tmp: Path, **env):
        self.log = tmp / f"{name}.log"
        environment = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "EMAIL_URL": "filemail://",
            "EMAIL_FILE_PATH": str(tmp / "mail"),
            **clock.for_child_process(),
            **env,
        }
        self.process = subprocess.Popen(  # noqa: S603 - our own worker
            [sys.executable, "-m", "tests.support.clocked_celery", "-A", "config", "worker",
             "--pool=solo", "-n", f"{name}@%h", "--without-mingle", "--without-gossip",
             "-Q", ",".join(app.amqp.queues),
             "--loglevel=INFO", "--logfile", str(self.log)],
            cwd=ROOT, env=environment, start_new_session=True,
        )  # fmt: skip
        wait_for(lambda: self.log.exists() and "ready." in self.log.read_text(), 60, "ready")

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_for(condition, seconds: float, what: str):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def sent_message_ids(mail_dir: Path) -> Counter:
    found: Counter = Counter()
    for file in mail_dir.glob("*"):
        found.update(MESSAGE_ID.findall(file.read_text()))
    return found


def overdue_deadlines(count: int):
    """Seller's windows of ``count`` links, long overdue: each reminds two people."""
    paralegal = UserFactory(role=Role.PARALEGAL, time_zone="UTC")
    attorney = UserFactory(role=Role.ATTORNEY, time_zone="UTC")
    complaint = ComplaintFactory(links=count)
    complaint.client.supervising_attorney = attorney
    complaint.client.save()
    return open_deadlines(
        event=Event.COMPLAINT_SUBMITTED,
        subjects=list(complaint.links.select_related("listing")),
        event_at=dt.datetime(2025, 3, 3, 10, tzinfo=dt.UTC),
        client=complaint.client,
        platform=platform("taobao"),
        actor=paralegal,
        offense_of=lambda link: "first",
    )


@pytest.fixture
def workers(tmp_path):
    (tmp_path / "mail").mkdir()
    app.control.purge()
    started: list[Worker] = []
    yield lambda name, **env: started.append(Worker(name, tmp_path, **env)) or started[-1]
    for worker in started:
        worker.stop()
    app.control.purge()


def all_sent():
    rows = OutboxMessage.objects.all()
    return rows.exists() and not rows.exclude(state=OutboxMessage.State.SENT).exists()


def test_two_workers_sweeping_at_once_send_every_reminder_once(workers, tmp_path):
    deadlines = overdue_deadlines(30)
    workers("w1")
    workers("w2")
    for _ in range(4):  # both workers sweep concurrently, twice each
        sweep_deadlines.delay()
    wait_for(
        lambda: OutboxMessage.objects.exclude(kind="digest").count() == 60 and all_sent(),
        120,
        "every reminder sent",
    )
    time.sleep(2)  # let any straggling duplicate (there must be none) reach the disk
    reminder_rows = OutboxMessage.objects.exclude(kind="digest")
    assert reminder_rows.count() == 2 * len(deadlines)
    assert Notification.objects.count() == 60
    ids = sent_message_ids(tmp_path / "mail")
    assert set(ids) == {m.message_id for m in OutboxMessage.objects.all()}
    assert max(ids.values()) == 1, [k for k, n in ids.items() if n > 1]


def test_a_worker_killed_while_sending_loses_nothing_and_sends_nothing_twice(
    workers, tmp_path, settings
):
    overdue_deadlines(10)
    reminders.sweep(hand_to_workers=False)
    assert OutboxMessage.objects.exclude(kind="digest").count() == 20
    marker = tmp_path / "inside-send"
    doomed = workers(
        "doomed",
        EMAIL_BACKEND="tests.support.slow_mail.SlowFileBackend",
        SLOW_MAIL_MARKER=str(marker),
        SLOW_MAIL_SECONDS="300",
    )
    reminders.enqueue(None, dt.datetime.now(dt.UTC))
    wait_for(marker.exists, 60, "the first worker to be inside send()")
    assert OutboxMessage.objects.filter(state=OutboxMessage.State.SENDING).count() == 1
    doomed.kill()

    settings.OUTBOX_LEASE_SECONDS = 1
    settings.OUTBOX_REQUEUE_SECONDS = 1
    workers("rescuer")
    time.sleep(1.5)
    report = reminders.sweep()  # what beat runs every few minutes
    assert report.leases_repaired == 1
    wait_for(all_sent, 120, "every reminder sent by the rescuer")
    time.sleep(2)
    ids = sent_message_ids(tmp_path / "mail")
    assert set(ids) == {m.message_id for m in OutboxMessage.objects.all()}
    assert max(ids.values()) == 1
    # The row the dead worker held was claimed twice, written once.
    assert OutboxMessage.objects.filter(attempts=2).count() == 1
