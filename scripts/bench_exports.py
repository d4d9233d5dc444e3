"""Benchmark: the portal's listings CSV of a client with 220,000 reported listings.

Creates a throwaway PostgreSQL database (enforcedesk_bench_exports, on the server named by
DATABASE_URL, else postgres://postgres@127.0.0.1:5432), builds the schema, fills it in
a few INSERT … SELECT generate_series statements, downloads the export of a big client and
of one ten times smaller, and drops the database again.
    .venv/bin/python scripts/bench_exports.py [--listings 220000] [--buffered]

Prints, per download: rows, megabytes, seconds, queries, and how far the process's
resident memory rose above where it stood before the request (sampled every few
milliseconds), plus the peak of Python allocations (tracemalloc) in a second run. A
streamed export's memory stays flat whatever the number of rows. ``--buffered`` also
times the whole CSV built in memory first, the way the export worked before it streamed.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import resource
import sys
import threading
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.throwaway_db import build_schema, in_throwaway_database, report_listings  # noqa: E402

DB_NAME = "enforcedesk_bench_exports"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--listings", type=int, default=220_000)
    parser.add_argument("--buffered", action="store_true", help="also time the old way")
    parser.add_argument("--keep", action="store_true", help="leave the database to inspect")
    args = parser.parse_args()

    in_throwaway_database(DB_NAME, lambda: run(args), keep=args.keep)


def fill_client(legal_name: str, listings: int, id_base: int):
    """A client whose submitted complaints report ``listings`` listings, 300 a complaint."""
    from django.utils import timezone

    from clients.models import Membership
    from enforcement.models import Complaint
    from tests.factories import ClientFactory, ComplaintFactory, UserFactory

    client = ClientFactory(legal_name=legal_name)
    person = UserFactory(role="client", username=f"person-{id_base}")
    Membership.objects.create(user=person, client=client)
    template = ComplaintFactory(client=client, links=1)
    Complaint.objects.filter(pk=template.pk).update(
        state="submitted", submitted_at=timezone.now(), platform_reference="BENCH-0"
    )
    report_listings(template, listings - 1, id_base)  # the template's link is the first
    return person


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class PeakRss:
    """Samples the resident set every few milliseconds while the block runs."""

    def __enter__(self):
        self.start = self.peak = rss_bytes()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.003):
            self.peak = max(self.peak, rss_bytes())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_bytes())

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.start) / 2**20


def download(person, *, sample_memory: bool = False):
    """The export as a browser gets it: every chunk read and dropped. Timed on its own;
    with ``sample_memory`` the resident set is sampled while it runs (that costs time)."""
    from contextlib import nullcontext

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    browser = Client()
    browser.force_login(person)
    size = rows = 0
    memory = PeakRss() if sample_memory else nullcontext()
    with CaptureQueriesContext(connection) as queries, memory:
        started = time.perf_counter()
        response = browser.get(reverse("portal:export"))
        for chunk in response.streaming_content:
            size += len(chunk)
            rows += chunk.count(b"\n")
        seconds = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    return {
        "rows": rows - 1,
        "mb": size / 2**20,
        "seconds": seconds,
        "queries": len(queries),
        "rss_mb": memory.growth_mb if sample_memory else None,
    }


def python_peak_mb(person) -> float:
    tracemalloc.start()
    try:
        download(person)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def buffered(person):
    """The export as it was built before it streamed: model rows into one response."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from enforcement.portal.scope import PortalScope

    request = RequestFactory().get("/portal/listings.csv")
    request.user, request.session = person, {}
    with PeakRss() as memory:
        started = time.perf_counter()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        writer = csv.writer(response)
        writer.writerow(["complaint", "platform", "listing", "status", "reported", "decided"])
        links = PortalScope(request).links().select_related("complaint__platform", "listing")
        for link in links.order_by("complaint_id", "position"):
            writer.writerow([
                link.complaint_id, link.complaint.platform.name, link.listing.canonical_url,
                link.get_outcome_display(),
                link.complaint.submitted_at.date().isoformat() if link.complaint.submitted_at
                else "",
                link.outcome_at.date().isoformat() if link.outcome_at else "",
            ])  # fmt: skip
        size = len(response.content)
        seconds = time.perf_counter() - started
    return {"mb": size / 2**20, "seconds": seconds, "rss_mb": memory.growth_mb}


def run(args) -> None:
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    started = time.perf_counter()
    build_schema()
    big = fill_client("Biggest Brand Holdings Ltd", args.listings, 700_000_000_000)
    small = fill_client("Smaller Brand Ltd", max(args.listings // 10, 2), 800_000_000_000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    setup_seconds = time.perf_counter() - started

    clients = (("small", small), ("big", big))
    download(small)  # warm up: imports, templates, first connection
    results = {name: download(person) for name, person in clients}
    rss = {name: download(person, sample_memory=True)["rss_mb"] for name, person in clients}
    peaks = {name: python_peak_mb(person) for name, person in clients}

    print(f"EnforceDesk export benchmark — {connection.vendor} "
          f"{connection.pg_version // 10000}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores; data built in {setup_seconds:.1f} s")  # fmt: skip
    for name, result in results.items():
        print(f"portal listings CSV, {name} client: {result['rows']:,} rows, "
              f"{result['mb']:.1f} MB in {result['seconds']:.2f} s, "
              f"{result['queries']} queries; resident memory +{rss[name]:.1f} MB, "
              f"Python allocations peak {peaks[name]:.1f} MB")  # fmt: skip
    if args.buffered:
        old = buffered(big)
        print(f"the same big CSV built in memory first (before streaming): {old['mb']:.1f} MB "
              f"in {old['seconds']:.2f} s; resident memory +{old['rss_mb']:.1f} MB")  # fmt: skip
    print(f"process peak resident memory: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
