"""Benchmark: a client report (PDF and XLSX) of 10,000 links; prints time and peak memory.

Creates a throwaway PostgreSQL database (enforcedesk_bench_reports, on the server named by
DATABASE_URL, else postgres://postgres@127.0.0.1:5432), fills one client with 10,000
reported links filed in the last 30 days (three of four decided), rebuilds the outcome
summary, then builds the report of those 30 days and writes it as PDF and as XLSX.
    .venv/bin/python scripts/bench_reports.py [--links 10000]

Per format: seconds, queries, output size, the rise of resident memory over where it stood
before (sampled), and the peak of Python allocations (tracemalloc, in a second run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.bench_exports import PeakRss, fill_client  # noqa: E402
from scripts.throwaway_db import build_schema, in_throwaway_database  # noqa: E402

DB_NAME = "enforcedesk_bench_reports"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--links", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="leave the database to inspect")
    args = parser.parse_args()
    in_throwaway_database(DB_NAME, lambda: run(args), keep=args.keep)


def run(args) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from enforcement.models import Complaint, ComplaintLink
    from enforcement.reports.data import build_report
    from enforcement.services import client_reports
    from enforcement.services.summaries import rebuild_summary

    build_schema()
    started = time.perf_counter()
    person = fill_client("Report Bench Co", args.links, 700_000_000_000)
    client = person.memberships.get().client
    # Everything filed in the last 30 days; a decided link's outcome a few days later.
    Complaint.objects.filter(client=client).update(
        submitted_at=timezone.now() - dt.timedelta(days=29)
    )
    ComplaintLink.objects.filter(complaint__client=client, outcome_at__isnull=False).update(
        outcome_at=timezone.now() - dt.timedelta(days=20)
    )
    rebuild_summary()
    print(f"filled {args.links} links in {time.perf_counter() - started:.1f} s")
    end = timezone.localdate()
    start = end - dt.timedelta(days=30)
    print(f"{platform.node()} · {platform.processor() or platform.machine()} · "
          f"{os.cpu_count()} CPUs · Python {platform.python_version()} · "
          f"{connection.vendor} · {dt.date.today()}")  # fmt: skip
    for fmt in ("pdf", "xlsx"):
        with CaptureQueriesContext(connection) as queries, PeakRss() as rss:
            t0 = time.perf_counter()
            report = build_report(person, client, start, end)
            with client_reports.render(report, fmt) as out:
                out.seek(0, 2)
                size = out.tell()
            seconds = time.perf_counter() - t0
        tracemalloc.start()
        report = build_report(person, client, start, end)
        with client_reports.render(report, fmt):
            pass
        _now, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"{fmt}: {report.totals['reported']} links, {size / 1e6:.2f} MB, {seconds:.2f} s, "
            f"{len(queries)} queries, RSS +{rss.growth_mb:.0f} MiB, "
            f"Python peak {peak / 1e6:.1f} MB"
        )


if __name__ == "__main__":
    main()
