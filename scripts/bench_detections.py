"""Benchmark: import a monitoring vendor's export of 50,000 lines; prints time and queries.

Creates a throwaway PostgreSQL database (enforcedesk_bench_detections, on the server named
by DATABASE_URL, else postgres://postgres@127.0.0.1:5432), puts 5,000 of the listings on
file first (half of them removed, so their lines are relists), then imports the 50,000
lines (a CSV read through a vendor's column mapping) in one all-or-nothing transaction.
    .venv/bin/python scripts/bench_detections.py [--lines 50000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.throwaway_db import build_schema, in_throwaway_database  # noqa: E402

DB_NAME = "enforcedesk_bench_detections"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=50_000)
    args = parser.parse_args()
    in_throwaway_database(DB_NAME, lambda: run(args.lines))


def url(n: int) -> str:
    return f"https://item.taobao.com/item.htm?spm=a1z10.{n}&id={810000000000 + n}"


def run(count: int) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from clients.models import Client, User
    from enforcement.models import Detection, DetectionSource, Listing, Platform
    from enforcement.services.detections import read_export, submit_detections

    build_schema()
    user = User.objects.create(username="bench", role="paralegal")
    client = Client.objects.create(kind="enterprise", legal_name="Bench Co", country="CN")
    taobao = Platform.objects.get(code="taobao")
    known = count // 10
    Listing.objects.bulk_create(
        [
            Listing(platform=taobao, kind="listing", canonical_id=str(810000000000 + n),
                    canonical_url=url(n), status="removed" if n % 2 else "reported")
            for n in range(known)
        ],
        batch_size=1000,
    )  # fmt: skip
    source = DetectionSource.objects.create(
        name="WatchCo",
        column_mapping={"url": "Listing URL", "title": "Product", "price": "Price",
                        "seller": "Seller", "shop": "Store", "score": "Confidence",
                        "detected_at": "Found"},
    )  # fmt: skip
    text = io.StringIO()
    text.write("Listing URL,Product,Price,Seller,Store,Confidence,Found\n")
    found = dt.datetime(2026, 3, 1, 8, 0)
    for n in range(count):
        moment = found + dt.timedelta(minutes=n)
        text.write(f"{url(n)},Item {n},{99 + n % 50}.00,seller{n % 700},shop{n % 700},"
                   f"{(n % 100) / 100},{moment:%Y-%m-%d %H:%M}\n")  # fmt: skip
    upload = SimpleUploadedFile("export.csv", text.getvalue().encode())
    print(f"{platform.node()} · {os.cpu_count()} CPUs · Python {platform.python_version()} · "
          f"{connection.vendor} · {dt.date.today()}")  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        report = submit_detections(user, client, read_export(upload, source), source)
        seconds = time.perf_counter() - started
    counts = report.counts()
    assert report.saved, report.refusal
    print(
        f"{count} lines: {seconds:.1f} s, {len(queries)} queries; new {counts['new']}, "
        f"known {counts['known']} (relists {counts['relist']}); "
        f"{Detection.objects.count()} detections, {Listing.objects.count()} listings"
    )


if __name__ == "__main__":
    main()
