"""A bounded load run: gunicorn on loopback, 50 people at once for two minutes.

Builds a throwaway PostgreSQL database (enforcedesk_load_run, see throwaway_db.py) with the
demo firm (seed_demo) plus volume (--links reported listings of the demo client, --deadlines
open deadlines), starts gunicorn on 127.0.0.1 with the production web command (sessions in
the database, cached in Redis when REDIS_URL is set), and drives it with locust: half the
people staff at their desks, half clients' people in the portal, each on a session of their
own (made beforehand: logging 50 people in at once measures the password hash, not the
pages). Prints requests, p50/p95/max per page and the errors; exits non-zero on any error.
    .venv/bin/python scripts/load_run.py [--users 50] [--duration 120] [--workers 3]
        [--fraction 0.1]  (seed_scale's busy practice at F instead of the demo firm)

Locust (a dev dependency) rather than a home-made client: it keeps the users' think time,
the spawn rate and the percentiles honest, and runs headless with a time limit of its own.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.throwaway_db import build_schema, copy_rows, recreate, report_listings  # noqa: E402

DB_NAME = "enforcedesk_load_run"
VENV = ROOT / ".venv" / "bin"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--duration", type=int, default=120, help="seconds")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--links", type=int, default=60_000, help="reported listings to add")
    parser.add_argument("--deadlines", type=int, default=30_000, help="open deadlines to add")
    parser.add_argument(
        "--fraction", type=float, default=None,
        help="seed_scale's data set at this fraction instead of the demo firm plus volume",
    )  # fmt: skip
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="enforcedesk-load-"))
    env = {
        **os.environ,
        "ENFORCEDESK_VAR_DIR": str(workdir),
        "DATABASE_URL": recreate(DB_NAME),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "false",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    server = None
    try:
        plan_file = workdir / "plan.json"
        plan_file.write_text(json.dumps(prepare(args)))
        port = free_port()
        log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 (closed with the process)
        server = subprocess.Popen(  # noqa: S603
            [
                str(VENV / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
                "--workers", str(args.workers), "--timeout", "120",
                "--max-requests", "2000", "--max-requests-jitter", "200",
            ],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log,
        )  # fmt: skip
        wait_until_up(f"http://127.0.0.1:{port}/accounts/login/", server)
        warm_up(f"http://127.0.0.1:{port}", json.loads(plan_file.read_text()), args.workers)
        started = time.perf_counter()
        locust = subprocess.run(  # noqa: S603
            [
                str(VENV / "locust"), "-f", str(ROOT / "scripts" / "locustfile.py"), "--headless",
                "--users", str(args.users), "--spawn-rate", str(args.spawn_rate),
                "--run-time", f"{args.duration}s", "--stop-timeout", "10",
                "--host", f"http://127.0.0.1:{port}", "--csv", str(workdir / "load"),
                "--only-summary", "--loglevel", "WARNING",
            ],
            cwd=ROOT, env={**env, "LOAD_RUN_PLAN": str(plan_file)}, capture_output=True,
            text=True, timeout=args.duration + 120,
        )  # fmt: skip
        seconds = time.perf_counter() - started
        errors = report(workdir, args, seconds)
        if locust.returncode not in (0, 1):  # 1: some request failed (reported above)
            print(locust.stdout[-3000:], locust.stderr[-3000:], file=sys.stderr)
            sys.exit(locust.returncode)
        sys.exit(1 if errors else 0)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        recreate(DB_NAME, drop_only=True)


def wait_until_up(url: str, server: subprocess.Popen) -> None:
    for _ in range(120):
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped (exit {server.returncode}); see its log")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    sys.exit("gunicorn did not answer within a minute")


def warm_up(base: str, plan: dict, workers: int) -> None:
    """Each worker's first requests load templates and open its connection: not measured."""
    rounds = (("staff", ["/", plan["urls"]["complaint_list"][0]]), ("portal", ["/portal/"]))
    for side, urls in rounds:
        for url in urls * workers * 2:
            request = urllib.request.Request(  # noqa: S310 (loopback)
                base + url, headers={"Cookie": f"sessionid={plan['sessions'][side][0]}"}
            )
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                response.read()


def prepare(args) -> dict:
    """The data, the sessions and the addresses the people will open."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections

    from clients.scoping import unscoped

    started = time.perf_counter()
    build_schema()
    quiet = open(os.devnull, "w")  # noqa: SIM115
    with unscoped("the load run builds and reads every client's data"):
        if args.fraction:  # the reference practice's data set (seed_scale), or part of it
            call_command("seed_scale", "--fraction", str(args.fraction), stdout=quiet)
        else:
            call_command("seed_demo", password=secrets.token_urlsafe(12), stdout=quiet)
            add_volume(args)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        plan = plan_for(args.users)
    connections.close_all()
    print(f"data built in {time.perf_counter() - started:.0f} s", flush=True)
    return plan


def add_volume(args) -> None:
    from django.db.models import Max
    from django.utils import timezone

    from clients.models import Client, User
    from enforcement.models import Complaint, Deadline
    from tests.factories import ComplaintFactory

    demo = Client.objects.get(legal_name__startswith="Summit Ridge")
    template = ComplaintFactory(client=demo, links=1)
    Complaint.objects.filter(pk=template.pk).update(
        state="submitted", submitted_at=timezone.now(), platform_reference="LOAD-0"
    )
    report_listings(template, args.links, 900_000_000_000)
    # Open deadlines of the demo's kinds, spread over the coming year, owned by the staff.
    deadline = Deadline.objects.filter(status="open").exclude(due_at=None).first()
    staff = list(User.objects.exclude(role="client").values_list("pk", flat=True))
    top = Deadline.objects.aggregate(top=Max("subject_id"))["top"]
    owners = ", ".join(str(pk) for pk in staff)
    copy_rows(
        Deadline,
        deadline.pk,
        args.deadlines,
        {
            "subject_id": f"{top + 1_000_000} + g",
            "owner_id": f"(ARRAY[{owners}])[mod(g, {len(staff)}) + 1]",
            "due_at": "now() + mod(g, 365) * interval '1 day' + mod(g, 1440) * interval '1 minute'",
            "due_on": "(now() + mod(g, 365) * interval '1 day')::date",
            "next_reminder_at": "now() + mod(g, 365) * interval '1 day'",
        },
    )  # fmt: skip


def plan_for(users: int) -> dict:
    from django.conf import settings
    from django.test import Client as Browser
    from django.urls import reverse

    from clients.models import Client, User
    from enforcement.models import Complaint, CounterNotice, Deadline, Listing
    from enforcement.portal.scope import PortalScope

    def session_of(user) -> str:
        """A signed-in session, past the second factor when the user has one (as the
        seed_scale staff do), as after a real sign-in."""
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from clients import two_factor

        browser = Browser()
        browser.force_login(user)
        if two_factor.factor_required(user):
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            device = device or TOTPDevice.objects.create(user=user, name="load", confirmed=True)
            session = browser.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return browser.cookies["sessionid"].value

    staff = list(User.objects.filter(role__in=["paralegal", "attorney"]).order_by("pk"))
    person = User.objects.get(username="client")
    sessions = {
        "staff": [session_of(staff[n % len(staff)]) for n in range(users)],
        "portal": [session_of(person) for _ in range(users)],
    }

    request = SimpleNamespace(user=person, session={})  # what PortalScope reads
    portal_ids = list(PortalScope(request).complaints().values_list("pk", flat=True))

    def sample(model, name, **filters):
        ids = model.objects.filter(**filters).order_by("?").values_list("pk", flat=True)[:100]
        return [reverse(name, args=[pk]) for pk in ids]

    def pages(url: str, rows: int) -> list[str]:
        """The first page, the next two, one in the middle and the last."""
        last = max(-(-rows // settings.PAGE_SIZE), 1)
        numbers = sorted({min(n, last) for n in (2, 3, last // 2 or 1, last)} - {1})
        joiner = "&" if "?" in url else "?"
        return [url, *(f"{url}{joiner}page={n}" for n in numbers)]

    open_deadlines = Deadline.objects.open().count()
    urls = {
        "complaint_list": [
            *pages(reverse("enforcement:complaint_list"), Complaint.objects.count()),
            reverse("enforcement:complaint_list") + "?q=taobao",
        ],
        "complaint_detail": sample(Complaint, "enforcement:complaint_detail"),
        "deadline_list": [
            reverse("enforcement:deadline_list"),
            *pages(reverse("enforcement:deadline_list") + "?scope=all", open_deadlines),
        ],
        "deadline_detail": sample(Deadline, "enforcement:deadline_detail", status="open"),
        "listing_list": pages(reverse("enforcement:listing_list"), Listing.objects.count()),
        "listing_detail": sample(Listing, "enforcement:listing_detail"),
        "counternotice_list": [reverse("enforcement:counternotice_list")],
        "client_list": [reverse("clients:client_list")],
        "client_detail": sample(Client, "clients:client_detail"),
        "notification_list": [reverse("enforcement:notification_list")],
        "numbers": [reverse("enforcement:numbers")],
        "portal_complaint_list": pages(reverse("portal:complaint_list"), len(portal_ids)),
        "portal_complaint_detail": [
            reverse("portal:complaint_detail", args=[pk])
            for pk in random.sample(portal_ids, min(100, len(portal_ids)))
        ],
    }
    assert CounterNotice.objects.exists() and all(urls.values()), urls
    return {"sessions": sessions, "urls": urls, "marker": {"staff": "Log out", "portal": "Log out"}}


def report(workdir: Path, args, seconds: float) -> int:
    with open(workdir / "load_stats.csv") as stats:
        rows = list(csv.DictReader(stats))
    failures = 0
    print(f"\nEnforceDesk load run — {args.users} people for {args.duration} s "
          f"(ran {seconds:.0f} s), gunicorn --workers {args.workers}, PostgreSQL, "
          f"{os.cpu_count()} cores; times in ms")  # fmt: skip
    print(f"{'page':<24} {'requests':>8} {'errors':>6} {'p50':>6} {'p95':>6} {'max':>6}")
    for row in rows:
        name = "all pages" if row["Name"] == "Aggregated" else row["Name"]
        if row["Name"] == "Aggregated":
            print("-" * 61)
        else:
            failures += int(row["Failure Count"])
        longest = float(row["Max Response Time"])
        print(f"{name:<24} {row['Request Count']:>8} {row['Failure Count']:>6} "
              f"{row['50%']:>6} {row['95%']:>6} {longest:>6.0f}")  # fmt: skip
    total = next(r for r in rows if r["Name"] == "Aggregated")
    print(f"throughput {float(total['Requests/s']):.1f} requests/s; errors: {failures}")
    failed = workdir / "load_failures.csv"
    if failures and failed.exists():
        print(failed.read_text()[:3000])
    return failures


if __name__ == "__main__":
    main()
