"""Benchmark: preview and save 10,000 pasted links; prints time and query counts.

Runs against a throwaway database: a fresh SQLite file by default, or the PostgreSQL
server named by DATABASE_URL (a database with "_bench" appended is created and dropped).
    .venv/bin/python scripts/bench_import.py [--links 10000]
"""

from __future__ import annotations

import argparse
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
    parser.add_argument("--links", type=int, default=10_000)
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
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from clients.scoping import unscoped

    setup_test_environment()
    from django.test.utils import get_runner  # noqa: F401  (keeps test settings handy)

    creation = connection.creation
    test_db = creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        # A benchmark is system work: it builds and reads every client's rows.
        with unscoped("benchmarks build and read every client's data"):
            run(args.links, connection, CaptureQueriesContext)
    finally:
        creation.destroy_test_db(test_db, verbosity=0)


def run(count: int, connection, CaptureQueriesContext) -> None:
    from clients.models import Client, User
    from enforcement.models import Platform
    from enforcement.services import preview_links, save_links

    user = User.objects.create(username="bench", role="paralegal")
    client = Client.objects.create(kind="enterprise", legal_name="Bench Co", country="CN")
    taobao = Platform.objects.get(code="taobao")
    lines = [
        f"https://item.taobao.com/item.htm?spm=a1z10.{n}&id={600000000000 + n}&ns=1"
        for n in range(count)
    ]
    with CaptureQueriesContext(connection) as preview_queries:
        started = time.perf_counter()
        preview = preview_links(lines, platform=taobao, target_kind="listing")
        preview_seconds = time.perf_counter() - started
    with CaptureQueriesContext(connection) as save_queries:
        started = time.perf_counter()
        complaints = save_links(
            preview, client=client, account=None, ipr=None, reason_code=None,
            supplementary_reasons="", by=user,
        )  # fmt: skip
        save_seconds = time.perf_counter() - started
    # A second paste of the same links: every line is "already known".
    with CaptureQueriesContext(connection) as again_queries:
        started = time.perf_counter()
        again = preview_links(lines, platform=taobao, target_kind="listing")
        again_seconds = time.perf_counter() - started
    assert all(line.status == "known" for line in again.lines)

    print(f"EnforceDesk link import benchmark — {connection.vendor}, Python "
          f"{platform.python_version()}, {os.cpu_count()} cores")  # fmt: skip
    print(f"links: {count}, complaints created: {len(complaints)} (300 links each at most)")
    print(f"preview (recognise + look up known): {preview_seconds:.2f} s, "
          f"{len(preview_queries)} queries")  # fmt: skip
    print(f"save (listings, complaints, links, history): {save_seconds:.2f} s, "
          f"{len(save_queries)} queries")  # fmt: skip
    print(f"preview of the same paste again (all known): {again_seconds:.2f} s, "
          f"{len(again_queries)} queries")  # fmt: skip


if __name__ == "__main__":
    main()
