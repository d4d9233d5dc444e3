"""Benchmark: every staff and portal page, export and the reminder sweep over a seeded firm.

For each fraction of the reference practice (manage.py seed_scale) it builds a throwaway
PostgreSQL database "enforcedesk_bench" on the server named by DATABASE_URL (default: the
local one), migrates, seeds, then requests every page in-process with Django's test client
logged in as the role that opens it, DEBUG off. Each timed request of a page alternates
with the stock Django admin's changelist of the same model (a separate AdminSite with
plain ModelAdmins, not the firm's customised admin), so the ratio says how a page compares
with the most naive list of the same rows.
    .venv/bin/python scripts/bench_pages.py [--fractions 0.01,0.1,1.0] [--runs 5] [--reuse]

--reuse keeps a database already seeded at the same fraction. A failing page prints its
status (or the exception) in the table and the run goes on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import math
import os
import platform
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE = "enforcedesk_bench"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
ADMIN_NAMESPACE = "benchadmin"
NAMESPACES = ("clients", "enforcement")


# --- Helpers (tested in tests/test_bench_pages.py) ----------------------------------------


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value with at least p % of them at or below."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def list_page_names(resolver=None) -> list[str]:
    """Every ``*_list`` URL name of the firm's namespaces, as ``namespace:name``."""
    from django.urls import URLPattern, URLResolver, get_resolver

    resolver = resolver or get_resolver()
    found: list[str] = []

    def walk(patterns, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, entry.namespace or namespace)
            elif (
                isinstance(entry, URLPattern)
                and (entry.name or "").endswith("_list")
                and namespace in NAMESPACES
            ):
                found.append(f"{namespace}:{entry.name}")

    walk(resolver.url_patterns, None)
    return sorted(set(found))


def view_model(name: str):
    """The model a named page shows (its view's ``model``), or None."""
    from django.urls import resolve, reverse

    match = resolve(reverse(name))
    view = getattr(match.func, "view_class", None)
    return getattr(view, "model", None)


def server_url(environ=os.environ) -> str:
    """The PostgreSQL server's maintenance database, from DATABASE_URL or the local one."""
    url = environ.get("DATABASE_URL", "")
    base = url if url.startswith("postgres") else DEFAULT_SERVER
    return base.rsplit("/", 1)[0] + "/postgres"


SERVER = server_url()


def database_url(name: str) -> str:
    return SERVER.rsplit("/", 1)[0] + f"/{name}"


class RssSampler:
    """The process's resident memory, sampled every few ms while a block runs."""

    def __init__(self, interval: float = 0.005):
        self.interval = interval
        self.peak = self.start = 0
        self._stop = threading.Event()

    @staticmethod
    def rss() -> int:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self.rss())
            time.sleep(self.interval)

    def __enter__(self):
        self.start = self.peak = self.rss()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.rss())

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.start) / 2**20


# --- The database -------------------------------------------------------------------------


def admin_connection():
    import psycopg

    return psycopg.connect(SERVER, autocommit=True)


def seeded_fraction() -> float | None:
    with admin_connection() as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [DATABASE],
        ).fetchone()
    if row is None or not row[0] or not row[0].startswith("seed_scale fraction="):
        return None
    return float(row[0].split("=", 1)[1])


def recreate_database() -> None:
    from django.db import connections

    connections.close_all()
    with admin_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')


def mark_seeded(fraction: float) -> None:
    with admin_connection() as conn:
        conn.execute(f"COMMENT ON DATABASE \"{DATABASE}\" IS 'seed_scale fraction={fraction}'")


def build(fraction: float, reuse: bool) -> str:
    """Migrate and seed (unless --reuse finds this fraction seeded); what seed_scale said."""
    import io

    from django.core.management import call_command

    if reuse and seeded_fraction() == fraction:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)  # what the code added since (indexes, tables)
        return (
            f"reused the database seeded at {fraction}; "
            f"migrated in {time.perf_counter() - started:.1f} s"
        )
    recreate_database()
    call_command("migrate", verbosity=0)
    out = io.StringIO()
    started = time.perf_counter()
    call_command("seed_scale", "--fraction", str(fraction), stdout=out)
    mark_seeded(fraction)
    lines = out.getvalue().splitlines()
    took = time.perf_counter() - started
    return "\n".join([*lines, f"seed_scale took {took:.1f} s (migrations not included)"])


# --- The pages ----------------------------------------------------------------------------


@dataclass
class Page:
    label: str
    url: str
    user: str
    model: type | None
    export: bool = False


@dataclass
class Result:
    page: Page
    status: str = ""
    times: list[float] = field(default_factory=list)
    admin_times: list[float] = field(default_factory=list)
    queries: int | None = None
    rss_mb: float | None = None


def bench_urlconf():
    """The project's URLs plus a stock admin site with every model on a plain ModelAdmin."""
    import types

    from django.apps import apps
    from django.contrib import admin
    from django.urls import include, path

    from clients.admin_site import FirmAdminSite

    # FirmAdminSite is Django's AdminSite that reads unscoped (the scoped managers refuse
    # otherwise); the ModelAdmins are Django's own, with no list_select_related or filters.
    site = FirmAdminSite(name=ADMIN_NAMESPACE)
    for model in apps.get_models():
        if model._meta.app_label in NAMESPACES and not model.__name__.startswith("Historical"):
            site.register(model, admin.ModelAdmin)
    module = types.ModuleType("bench_pages_urls")
    module.urlpatterns = [path("bench-admin/", site.urls), path("", include("config.urls"))]
    sys.modules[module.__name__] = module
    return module.__name__


def discover_pages(users) -> list[Page]:
    """Every list page, the dashboard, the numbers, the biggest records, the exports and
    the portal, each for the role that opens it."""
    from django.db.models import Count
    from django.urls import resolve, reverse

    from clients.models import Client
    from clients.roles import has_capability
    from clients.scoping import unscoped
    from enforcement.models import (
        IPR,
        Complaint,
        ComplaintLink,
        CounterNotice,
        Deadline,
        Listing,
        PlatformAccount,
        Seller,
    )
    from enforcement.scale import PORTAL_CLIENT

    out: list[Page] = []
    for name in list_page_names():
        match = resolve(reverse(name))
        view = match.func.view_class
        role = next(
            (u for u in ("paralegal", "attorney", "admin")
             if has_capability(users[u], getattr(view, "capability", None) or "view_case_file")),
            "admin",
        )  # fmt: skip
        out.append(Page(name, reverse(name), role, getattr(view, "model", None)))
    out += [
        Page("home (dashboard)", reverse("home"), "paralegal", Complaint),
        Page("enforcement:numbers", reverse("enforcement:numbers"), "attorney", ComplaintLink),
        Page("enforcement:deadline_calendar", reverse("enforcement:deadline_calendar"),
             "paralegal", Deadline),
    ]  # fmt: skip
    with unscoped("the benchmark picks the biggest records"):
        biggest = Client.objects.get(legal_name=PORTAL_CLIENT)
        account = (
            PlatformAccount.objects.annotate(n=Count("complaints")).order_by("-n", "pk").first()
        )
        complaint = (
            Complaint.objects.annotate(n=Count("links")).order_by("-n", "batch_size", "pk").first()
        )
        seller = Seller.objects.annotate(n=Count("listings")).order_by("-n", "pk").first()
        ipr = IPR.objects.annotate(n=Count("complaints")).order_by("-n", "pk").first()
        listing = Listing.objects.annotate(n=Count("complaint_links")).order_by("-n", "pk").first()
        notice = CounterNotice.objects.annotate(n=Count("links")).order_by("-n", "pk").first()
        portal_complaint = (
            Complaint.objects.filter(client=biggest, state="submitted")
            .annotate(n=Count("links"))
            .order_by("-n", "pk")
            .first()
        )
    details = [
        ("client detail (biggest client)", biggest),
        ("platform account detail (busiest)", account),
        ("complaint detail (most links)", complaint),
        ("seller detail (most listings)", seller),
        ("IP right detail (most complaints)", ipr),
        ("listing detail (most reports)", listing),
        ("counter-notice detail (most links)", notice),
    ]
    out += [Page(label, obj.get_absolute_url(), "paralegal", type(obj)) for label, obj in details
            if obj is not None]  # fmt: skip
    if complaint is not None:
        for fmt in ("csv", "txt"):
            out.append(Page(
                f"complaint export .{fmt} (batch of the biggest)",
                reverse("enforcement:complaint_export", args=[complaint.pk, fmt]) + "?scope=batch",
                "paralegal", Complaint, export=True,
            ))  # fmt: skip
    out += [
        Page("portal:overview", reverse("portal:overview"), "client", ComplaintLink),
        Page("portal:complaint_list", reverse("portal:complaint_list"), "client", Complaint),
        Page("portal:rights", reverse("portal:rights"), "client", IPR),
        Page("portal:requests", reverse("portal:requests"), "client", None),
        Page("portal:export (listings.csv)", reverse("portal:export"), "client", ComplaintLink,
             export=True),
    ]  # fmt: skip
    if portal_complaint is not None:
        out.append(Page("portal:complaint_detail (biggest)",
                        reverse("portal:complaint_detail", args=[portal_complaint.pk]), "client",
                        Complaint))  # fmt: skip
    return out


def request(client, url: str):
    response = client.get(url)
    if getattr(response, "streaming", False):
        for _chunk in response.streaming_content:
            pass
    return response


def timed(client, url: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = request(client, url)
    return (time.perf_counter() - started) * 1000, response.status_code


def admin_url(model) -> str | None:
    from django.urls import NoReverseMatch, reverse

    if model is None:
        return None
    meta = model._meta
    try:
        return reverse(f"{ADMIN_NAMESPACE}:{meta.app_label}_{meta.model_name}_changelist")
    except NoReverseMatch:
        return None


def last_page(client, page: Page) -> Page | None:
    """The last page of a paginated list, when it has more than one."""
    response = client.get(page.url)
    paginator = (response.context or {}).get("paginator") if response.context else None
    if paginator is None:
        page_obj = (response.context or {}).get("page_obj") if response.context else None
        paginator = getattr(page_obj, "paginator", None)
    if paginator is None or paginator.num_pages < 2:
        return None
    joiner = "&" if "?" in page.url else "?"
    return Page(f"{page.label} (last page, {paginator.num_pages:,})",
                f"{page.url}{joiner}page={paginator.num_pages}", page.user, page.model)  # fmt: skip


def measure(page: Page, clients: dict, runs: int) -> Result:
    """A warm-up with the query count, then ``runs`` timed requests, each followed by the
    stock admin's changelist of the same model."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result = Result(page)
    client = clients[page.user]
    admin_client, changelist = clients["admin"], admin_url(page.model)
    try:
        with CaptureQueriesContext(connection) as queries:
            response = request(client, page.url)
        result.queries = len(queries)
        result.status = str(response.status_code)
        if response.status_code != 200:
            return result
        if changelist:
            request(admin_client, changelist)
        for _run in range(runs):
            if page.export:
                with RssSampler() as rss:
                    ms, status = timed(client, page.url)
                result.rss_mb = max(result.rss_mb or 0, rss.growth_mb)
            else:
                ms, status = timed(client, page.url)
            result.times.append(ms)
            if changelist:
                admin_ms, admin_status = timed(admin_client, changelist)
                if admin_status == 200:
                    result.admin_times.append(admin_ms)
    except Exception as exc:  # a failing page is reported, the run goes on
        result.status = f"{type(exc).__name__}: {str(exc)[:60]}"
        traceback.print_exc(limit=3, file=sys.stderr)
    return result


def measure_sweep(runs: int) -> Result:
    """One reminder sweep over the seeded open deadlines, rolled back after each run so
    every run finds the same reminders due."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from enforcement.models import Deadline
    from enforcement.services import reminders

    result = Result(Page("reminder sweep (rolled back)", "", "system", Deadline))
    due = 0
    try:
        for run in range(runs + 1):
            with transaction.atomic():
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    report = reminders.sweep(hand_to_workers=False)
                    ms = (time.perf_counter() - started) * 1000
                transaction.set_rollback(True)
            if run == 0:  # warm-up
                result.queries, due = len(queries), report.deadlines_due
                continue
            result.times.append(ms)
        result.status = "200"
        result.page.label = f"reminder sweep, {due:,} due (rolled back)"
    except Exception as exc:
        result.status = f"{type(exc).__name__}: {str(exc)[:60]}"
        traceback.print_exc(limit=3, file=sys.stderr)
    return result


def logged_in(users) -> dict:
    """A signed-in client per role, past the second factor as after a real sign-in."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from clients import two_factor

    clients = {}
    for name, user in users.items():
        client = Client()
        client.force_login(user)
        if two_factor.factor_required(user):
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            device = device or TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        clients[name] = client
    return clients


def report(fraction: float, results: list[Result]) -> None:
    def ms(value):
        return "—" if value is None or math.isnan(value) else f"{value:,.0f}"

    print()
    print(f"## fraction {fraction}")
    header = (f"{'page':<58} {'role':<9} {'status':<8} {'p50 ms':>9} {'p95 ms':>9} "
              f"{'queries':>7} {'admin p50':>9} {'ratio':>6} {'RSS +MB':>7}")  # fmt: skip
    print(header)
    print("-" * len(header))
    for r in results:
        p50 = percentile(r.times, 50) if r.times else None
        p95 = percentile(r.times, 95) if r.times else None
        admin = percentile(r.admin_times, 50) if r.admin_times else None
        ratio = f"{p50 / admin:.1f}" if p50 and admin else "—"
        rss = f"{r.rss_mb:.1f}" if r.rss_mb is not None else ""
        queries = "" if r.queries is None else str(r.queries)
        print(f"{r.page.label[:58]:<58} {r.page.user:<9} {r.status[:8]:<8} {ms(p50):>9} "
              f"{ms(p95):>9} {queries:>7} {ms(admin):>9} {ratio:>6} {rss:>7}")  # fmt: skip
    for r in results:
        if r.status and not r.status.startswith("200"):
            print(f"  {r.page.label}: {r.status}")
    sys.stdout.flush()


def run_fraction(fraction: float, runs: int, reuse: bool) -> None:
    from django.contrib.auth import get_user_model

    from clients.scoping import unscoped

    started = time.perf_counter()
    print(build(fraction, reuse))
    print(f"database ready in {time.perf_counter() - started:.1f} s")
    with unscoped("the benchmark reads every client's rows"):
        users = {u.username: u for u in get_user_model().objects.filter(
            username__in=["paralegal", "attorney", "admin", "client"])}  # fmt: skip
        clients = logged_in(users)
        candidates = discover_pages(users)
    # As config/wsgi.py does once the app is loaded: what start-up allocated is not walked
    # by every full collection (without it, one page in ten pays a ~60 ms pause).
    gc.collect()
    gc.freeze()
    results = []
    for page in candidates:
        found = [page]
        try:
            extra = last_page(clients[page.user], page) if not page.export else None
        except Exception:
            extra = None
        if extra is not None:
            found.append(extra)
        for item in found:
            results.append(measure(item, clients, runs))
            print(f"  measured {item.label}", file=sys.stderr, flush=True)
    with unscoped("the sweep works for every user"):
        results.append(measure_sweep(runs))
    report(fraction, results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fractions", default="0.01,0.1,1.0")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reuse", action="store_true",
                        help="keep a database already seeded at the same fraction")  # fmt: skip
    args = parser.parse_args()
    fractions = [float(f) for f in args.fractions.split(",") if f.strip()]

    os.environ["DATABASE_URL"] = database_url(DATABASE)
    os.environ.setdefault("ENFORCEDESK_VAR_DIR", tempfile.mkdtemp(prefix="enforcedesk-bench-"))
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # The pages are measured, not the connection set-up: keep one connection open.
    os.environ.setdefault("DATABASE_CONN_MAX_AGE", "600")

    with admin_connection() as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_test_environment

    setup_test_environment()  # e-mail to memory, testserver allowed, response.context kept
    settings.DEBUG = False
    settings.ROOT_URLCONF = bench_urlconf()
    from django.urls import clear_url_caches

    clear_url_caches()

    print("# EnforceDesk page benchmark")
    print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC · {os.cpu_count()} cores · "
          f"PostgreSQL {version} · Python {platform.python_version()} · "
          f"{args.runs} runs per page · PAGE_SIZE {settings.PAGE_SIZE}")  # fmt: skip
    for fraction in fractions:
        run_fraction(fraction, args.runs, args.reuse)


if __name__ == "__main__":
    main()
