"""Benchmark: the reminder sweep over 311,000 open deadlines; prints time and query counts.

Runs against a throwaway database (see throwaway_db.py): "enforcedesk_bench_sweep" on the
PostgreSQL server named by DATABASE_URL, or a fresh SQLite file when DATABASE_URL is not
PostgreSQL.
    .venv/bin/python scripts/bench_sweep.py [--deadlines 311000] [--due 1000]
        [--expiries 1000] [--missing 500]

Five figures: a sweep with --due deadlines whose reminder fell due (writes outbox rows and
notifications), an idle sweep (nothing due: the steady state between reminders), a sweep
that opens the expiry deadlines of --expiries powers of attorney and as many rights
nobody synced, a sweep that computes --missing due dates found late, and e-mail delivery
of the first sweep's rows through Django's in-memory backend.
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

from scripts.throwaway_db import build_schema, recreate  # noqa: E402

DB_NAME = "enforcedesk_bench_sweep"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--deadlines", type=int, default=311_000)
    parser.add_argument("--due", type=int, default=1_000)
    parser.add_argument("--expiries", type=int, default=1_000)
    parser.add_argument("--missing", type=int, default=500)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="enforcedesk-bench-")
    postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    os.environ.update(
        ENFORCEDESK_VAR_DIR=workdir,
        DATABASE_URL=recreate(DB_NAME) if postgres else f"sqlite:///{workdir}/bench.sqlite3",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    try:
        import django

        django.setup()
        from django.db import connection, connections
        from django.test.utils import setup_test_environment

        from clients.scoping import unscoped

        setup_test_environment()  # e-mail goes to Django's in-memory backend
        try:
            build_schema()
            # A benchmark is system work: it builds and reads every client's rows.
            with unscoped("benchmarks build and read every client's data"):
                run(args, connection)
        finally:
            connections.close_all()
    finally:
        if postgres:
            recreate(DB_NAME, drop_only=True)


def timed_sweep(connection, now):
    from django.test.utils import CaptureQueriesContext

    from enforcement.services import reminders

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        report = reminders.sweep(now, hand_to_workers=False)
        seconds = time.perf_counter() - started
    return report, seconds, len(queries)


def open_deadlines(total: int, due: int, now, *, owners, supervisor, client) -> float:
    from django.contrib.contenttypes.models import ContentType

    from clients.models import PowerOfAttorney
    from enforcement.models import Deadline, WindowRule
    from enforcement.rules.reminders import next_reminder_at

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
        if len(rows) == 5000:
            Deadline.objects.bulk_create(rows, batch_size=5000)
            rows = []
    Deadline.objects.bulk_create(rows, batch_size=5000)
    return time.perf_counter() - started


def unsynced_expiries(count: int, today, *, client) -> None:
    """Powers of attorney and registered rights in force that have no expiry deadline."""
    from clients.models import PowerOfAttorney
    from enforcement.models import IPR

    PowerOfAttorney.objects.bulk_create(
        [
            PowerOfAttorney(
                client=client,
                agent_name="Bench Law Firm",
                valid_from=today,
                valid_to=today + dt.timedelta(days=100 + n % 900),
                signed_file="",
            )  # fmt: skip
            for n in range(count)
        ],
        batch_size=1000,
    )
    IPR.objects.bulk_create(
        [
            IPR(
                client=client,
                kind=IPR.Kind.TRADEMARK,
                title=f"MARK{n}",
                registration_number=f"{40000000 + n}",
                jurisdiction="CN",
                owner_name=client.legal_name,
                status=IPR.Status.REGISTERED,
                effective_from=today - dt.timedelta(days=365),
                effective_to=today + dt.timedelta(days=200 + n % 3000),
                trademark_classes=[25],
            )  # fmt: skip
            for n in range(count)
        ],
        batch_size=1000,
    )


def missing_due_dates(count: int, now, *, owner, client) -> None:
    """Working-day windows opened while their calendar had no data yet."""
    from django.contrib.contenttypes.models import ContentType

    from clients.models import PowerOfAttorney
    from enforcement.models import Deadline, WindowRule

    rule = WindowRule.objects.get(slot="seller_window", offense="first")
    subject_type = ContentType.objects.get_for_model(PowerOfAttorney)
    Deadline.objects.bulk_create(
        [
            Deadline(
                client=client,
                subject_type=subject_type,
                subject_id=10_000_000 + n,
                subject_label=f"Late link {n}",
                event="complaint_submitted",
                event_at=now - dt.timedelta(hours=n % 48),
                rule=rule,
                title=rule.name,
                length=3,
                unit="working_days",
                jurisdiction="CN",
                time_zone="Asia/Shanghai",
                reminder_lead_times=["1d"],
                owner=owner,
                compute_error="There is no working-day calendar yet",
            )  # fmt: skip
            for n in range(count)
        ],
        batch_size=1000,
    )


def run(args, connection) -> None:
    from django.conf import settings
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from clients.models import Client, User
    from enforcement.models import OutboxMessage
    from enforcement.services import reminders

    settings.DIGEST_HOUR = 99  # digests measured separately: this is the reminder path
    now = timezone.now()
    owners = [
        User.objects.create(username=f"owner{i}", role="paralegal", email=f"o{i}@example.com")
        for i in range(20)
    ]
    supervisor = User.objects.create(username="sup", role="attorney", email="sup@example.com")
    client = Client.objects.create(
        kind="enterprise", legal_name="Bench Co", country="CN", supervising_attorney=supervisor
    )
    setup_seconds = open_deadlines(
        args.deadlines, args.due, now, owners=owners, supervisor=supervisor, client=client
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    due, due_seconds, due_queries = timed_sweep(connection, now)
    idle, idle_seconds, idle_queries = timed_sweep(connection, now)
    messages = OutboxMessage.objects.count()

    unsynced_expiries(args.expiries, timezone.localdate(now), client=client)
    expiry, expiry_seconds, expiry_queries = timed_sweep(connection, now)
    missing_due_dates(args.missing, now, owner=owners[0], client=client)
    late, late_seconds, late_queries = timed_sweep(connection, now)

    with CaptureQueriesContext(connection) as q_send:
        started = time.perf_counter()
        delivered = reminders.deliver_due(timezone.now())
        send_seconds = time.perf_counter() - started
    assert due.deadlines_due == args.due and idle.messages_queued == 0
    assert expiry.expiry_deadlines_opened == 2 * args.expiries
    assert late.due_dates_computed == args.missing
    assert delivered.get("sent", 0) >= messages == 2 * args.due

    print(f"EnforceDesk reminder sweep benchmark — {connection.vendor}, Python "
          f"{platform.python_version()}, {os.cpu_count()} cores")  # fmt: skip
    print(f"open deadlines: {args.deadlines:,} (inserted in {setup_seconds:.1f} s); "
          f"with a reminder due now: {args.due:,}")  # fmt: skip
    print(f"sweep with {args.due:,} due ({messages:,} outbox rows + in-app notifications): "
          f"{due_seconds:.2f} s, {due_queries} queries")  # fmt: skip
    print(f"idle sweep (nothing due among {args.deadlines:,}): {idle_seconds:.3f} s, "
          f"{idle_queries} queries")  # fmt: skip
    print(f"sweep opening {expiry.expiry_deadlines_opened:,} expiry deadlines "
          f"({args.expiries:,} POAs + {args.expiries:,} rights nobody synced): "
          f"{expiry_seconds:.2f} s, {expiry_queries} queries")  # fmt: skip
    print(f"sweep computing {late.due_dates_computed:,} due dates found late: "
          f"{late_seconds:.2f} s, {late_queries} queries")  # fmt: skip
    sent = sum(delivered.values())
    print(f"e-mail delivery of {sent:,} rows (lease, send, mark sent): "
          f"{send_seconds:.2f} s, {len(q_send)} queries "
          f"({len(q_send) / max(sent, 1):.1f} per e-mail)")  # fmt: skip


if __name__ == "__main__":
    main()
