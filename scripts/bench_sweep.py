"""Benchmark: the reminder sweep over 100,000 open deadlines; prints time and query counts.

Runs against a throwaway database like bench_import.py (SQLite file by default, or a
"enforcedesk_bench" database on the PostgreSQL server named by DATABASE_URL).
    .venv/bin/python scripts/bench_sweep.py [--deadlines 100000] [--due 1000]

Three figures: an idle sweep (nothing due: the steady state between reminders), a sweep
with --due deadlines whose reminder fell due (writes outbox rows and notifications), and
e-mail delivery of those rows through Django's in-memory backend.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--deadlines", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=1_000)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="enforcedesk-bench-")
    os.environ["ENFORCEDESK_VAR_DIR"] = workdir
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        os.environ["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/enforcedesk_bench"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from clients.scoping import unscoped

    setup_test_environment()  # e-mail goes to Django's in-memory backend
    creation = connection.creation
    test_db = creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        # A benchmark is system work: it builds and reads every client's rows.
        with unscoped("benchmarks build and read every client's data"):
            run(args.deadlines, args.due, connection)
    finally:
        creation.destroy_test_db(test_db, verbosity=0)


def run(total: int, due: int, connection) -> None:
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from clients.models import Client, PowerOfAttorney, User
    from enforcement.models import Deadline, OutboxMessage, WindowRule
    from enforcement.rules.reminders import next_reminder_at
    from enforcement.services import reminders

    settings.DIGEST_HOUR = 99  # digests measured separately: this is the reminder path
    now = timezone.now()
    owners = [
        User.objects.create(username=f"owner{i}", role="paralegal", email=f"o{i}@example.com")
        for i in range(20)
    ]
    supervisor = User.objects.create(username="sup", role="attorney", email="sup@example.com")
    client = Client.objects.create(kind="enterprise", legal_name="Bench Co", country="CN")
    rule = WindowRule.objects.get(slot="seller_window", offense="first")
    subject_type = ContentType.objects.get_for_model(PowerOfAttorney)

    started = time.perf_counter()
    rows = []
    for n in range(total):
        if n < due:  # the window closed a little while ago: overdue + escalation
            due_at = now - dt.timedelta(minutes=5 + n % 50)
        else:  # spread over the coming year; next reminder in the future
            due_at = now + dt.timedelta(days=2 + (n % 360), minutes=n % 1440)
        leads = ["1d"]
        rows.append(
            Deadline(
                client=client,
                subject_type=subject_type,
                subject_id=n + 1,
                subject_label=f"Link {n}",
                event="complaint_submitted",
                event_at=due_at - dt.timedelta(days=3),
                rule=rule,
                title=rule.name,
                length=3,
                unit="working_days",
                jurisdiction="CN",
                time_zone="Asia/Shanghai",
                reminder_lead_times=leads,
                escalate_when_overdue=True,
                due_on=due_at.date(),
                due_at=due_at,
                owner=owners[n % len(owners)],
                escalate_to=supervisor,
                next_reminder_at=(
                    due_at + dt.timedelta(microseconds=1)
                    if n < due
                    else next_reminder_at(due_at, leads, after=now)
                ),
            )  # fmt: skip
        )
    Deadline.objects.bulk_create(rows, batch_size=2000)
    setup_seconds = time.perf_counter() - started

    with CaptureQueriesContext(connection) as q_due:
        started = time.perf_counter()
        report = reminders.sweep(now, hand_to_workers=False)
        due_seconds = time.perf_counter() - started
    with CaptureQueriesContext(connection) as q_idle:
        started = time.perf_counter()
        idle = reminders.sweep(now, hand_to_workers=False)
        idle_seconds = time.perf_counter() - started
    messages = OutboxMessage.objects.count()
    with CaptureQueriesContext(connection) as q_send:
        started = time.perf_counter()
        delivered = reminders.deliver_due(timezone.now())
        send_seconds = time.perf_counter() - started
    assert report.deadlines_due == due and idle.messages_queued == 0
    assert delivered.get("sent") == messages == 2 * due

    print(f"EnforceDesk reminder sweep benchmark — {connection.vendor}, Python "
          f"{platform.python_version()}, {os.cpu_count()} cores")  # fmt: skip
    print(f"open deadlines: {total:,} (inserted in {setup_seconds:.1f} s); "
          f"with a reminder due now: {due:,}")  # fmt: skip
    print(f"sweep with {due:,} due ({messages:,} outbox rows + in-app notifications): "
          f"{due_seconds:.2f} s, {len(q_due)} queries")  # fmt: skip
    print(f"idle sweep (nothing due among {total:,}): {idle_seconds:.3f} s, "
          f"{len(q_idle)} queries")  # fmt: skip
    print(f"e-mail delivery of {messages:,} rows (lease, send, mark sent): "
          f"{send_seconds:.2f} s, {len(q_send)} queries "
          f"({len(q_send) / max(messages, 1):.1f} per e-mail)")  # fmt: skip


if __name__ == "__main__":
    main()
