"""Relists are caught: removed listings checked against a server on loopback standing in for
the platforms; the one online again is marked, its people told and a repeat-offense draft
prepared, once, however often the check runs."""

from __future__ import annotations

import datetime as dt
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from clients.scoping import unscoped
from enforcement import tasks
from enforcement.models import (
    Complaint,
    ComplaintLink,
    Listing,
    LiveCheckRule,
    Notification,
    OutboxMessage,
    RelistCheck,
    WindowRule,
)
from enforcement.rules.relists import verdict_for
from enforcement.services import record_link_outcomes, submit_complaint
from enforcement.services.relists import (
    FetchError,
    HttpFetcher,
    RateLimiter,
    check_removed_listings,
    record_check,
)
from tests.factories import ComplaintFactory, MembershipFactory

pytestmark = pytest.mark.django_db

TIMEOUT = 0.5  # the fetcher's; the slow page answers after three times this

PAGES = {
    "/live": (200, "<html><title>运动鞋 新款</title><body>立即购买</body></html>"),
    "/gone-marker": (200, "<html><body><div class='error'>宝贝不存在</div></body></html>"),
    "/gone-404": (404, "<html><body>Not here</body></html>"),
}


class Platforms(BaseHTTPRequestHandler):
    """Stands in for the platforms' item pages; remembers each request's User-Agent."""

    seen: list[tuple[str, str]] = []

    def do_GET(self):  # noqa: N802 (the standard library's name)
        Platforms.seen.append((self.path, self.headers.get("User-Agent", "")))
        if self.path == "/slow":
            time.sleep(TIMEOUT * 3)
            status, body = 200, "<html>too late</html>"
        else:
            status, body = PAGES.get(self.path, (500, "?"))
        payload = body.encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:
            pass  # the client gave up waiting (the slow page)

    def log_message(self, *args):
        pass


@pytest.fixture
def platforms():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Platforms)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Platforms.seen = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class FakeClock:
    """Time that passes only when the limiter sleeps (and a little per request)."""

    def __init__(self):
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        self.now += 0.01
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def _removed_links(paralegal, attorney, count=4):
    """A filed complaint whose links the platform removed a week ago."""
    at = timezone.now() - dt.timedelta(days=7)
    complaint = ComplaintFactory(links=count)
    complaint.client.supervising_attorney = attorney
    complaint.client.save()
    submit_complaint(complaint, reference=f"IPP-{complaint.pk}", submitted_at=at, by=attorney)
    links = list(complaint.links.select_related("listing").order_by("position"))
    record_link_outcomes(links, outcome="removed", at=at + dt.timedelta(days=1), by=paralegal)
    return complaint, [link.listing for link in links]


def _fetcher_to(base: str, paths: dict[str, str]) -> HttpFetcher:
    """The real HTTP fetcher, each platform address sent to its page on loopback."""
    return HttpFetcher(timeout=TIMEOUT, rewrite=lambda url: base + paths[url])


def test_only_the_live_listing_is_marked_told_and_drafted_once(
    platforms, paralegal, attorney, client
):
    complaint, listings = _removed_links(paralegal, attorney)
    live, marker, missing, slow = listings
    paths = {
        live.canonical_url: "/live", marker.canonical_url: "/gone-marker",
        missing.canonical_url: "/gone-404", slow.canonical_url: "/slow",
    }  # fmt: skip
    with unscoped("test"):
        LiveCheckRule.objects.filter(group__code="alibaba").update(min_seconds_between_requests=5)
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)

    run = check_removed_listings(
        _fetcher_to(platforms, paths), now=timezone.now(), limit=10, limiter=limiter
    )

    assert (run.checked, run.live, run.gone, run.errors) == (4, 1, 2, 1)
    # Every request really went over loopback, saying who is asking.
    assert sorted(p for p, _ua in Platforms.seen) == ["/gone-404", "/gone-marker", "/live", "/slow"]
    assert all(ua.startswith("EnforceDesk relist check (+") for _p, ua in Platforms.seen)
    # One platform: each request at least the rule's 5 seconds after the one before.
    moments = [moment for _key, moment in limiter.log]
    assert len(moments) == 4
    assert all(b - a >= 5 for a, b in zip(moments, moments[1:], strict=False))
    assert len(clock.slept) == 3

    with unscoped("test"):
        marked = Listing.objects.filter(relisted_at__isnull=False)
        assert list(marked) == [live]
        verdicts = dict(RelistCheck.objects.values_list("listing_id", "verdict"))
        assert verdicts == {live.pk: "live", marker.pk: "gone", missing.pk: "gone",
                            slow.pk: "error"}  # fmt: skip
        assert RelistCheck.objects.get(listing=missing).http_status == 404
        assert RelistCheck.objects.get(listing=slow).http_status is None
        assert Listing.objects.filter(last_checked_at__isnull=True).count() == 0
        # Nothing is taken off: every listing keeps its removed state.
        assert set(Listing.objects.values_list("status", flat=True)) == {"removed"}

        # The supervising attorney, who also filed the removal, is told once.
        (note,) = Notification.objects.all()
        assert note.recipient == attorney and live.canonical_url in note.body
        assert note.message.kind == OutboxMessage.Kind.RELISTED

        # One draft against the repeat offender, the same right and reason as before.
        (draft,) = Complaint.objects.filter(state=Complaint.State.DRAFT)
        assert (draft.client, draft.platform, draft.ipr, draft.reason_code) == (
            complaint.client,
            complaint.platform,
            complaint.ipr,
            complaint.reason_code,
        )
        (link,) = draft.links.all()
        assert link.listing == live and link.offense == WindowRule.Offense.REPEAT
        assert RelistCheck.objects.get(listing=live).draft == draft

    # Running again (the listings are due again later) marks, tells and drafts nothing more.
    later = timezone.now() + dt.timedelta(days=2)
    again = check_removed_listings(_fetcher_to(platforms, paths), now=later, limit=10,
                                   limiter=RateLimiter(clock=clock, sleep=clock.sleep))  # fmt: skip
    # The relisted one is no longer watched; the others are looked at again.
    assert again.checked == 3 and again.relisted == [] and again.drafts == set()
    # A run that picked the listing before it was marked (two at once) marks nothing more.
    record_check(live, status=200, verdict="live", note="", at=later)
    with unscoped("test"):
        assert Listing.objects.filter(relisted_at__isnull=False).count() == 1
        assert Notification.objects.count() == 1
        assert OutboxMessage.objects.filter(kind="relisted").count() == 1
        assert Complaint.objects.filter(state=Complaint.State.DRAFT).count() == 1
        assert ComplaintLink.objects.filter(complaint__state="draft").count() == 1
        assert RelistCheck.objects.count() == 8  # each look is kept

    # The client's portal shows the relisted link; the firm's listing page too.
    person = MembershipFactory(client=complaint.client).user
    client.force_login(person)
    page = client.get(reverse("portal:complaint_detail", args=[complaint.pk])).content.decode()
    assert page.count("Relisted ") == 1
    client.force_login(attorney)
    page = client.get(reverse("enforcement:listing_detail", args=[live.pk])).content.decode()
    assert "Online again since" in page


def test_a_second_run_soon_after_checks_nothing_and_a_second_relist_joins_the_draft(
    platforms, paralegal, attorney
):
    complaint, (first, second) = _removed_links(paralegal, attorney, count=2)
    paths = {first.canonical_url: "/live", second.canonical_url: "/gone-marker"}
    fetcher = _fetcher_to(platforms, paths)
    fast = RateLimiter(sleep=lambda _s: None)
    check_removed_listings(fetcher, limit=10, limiter=fast)
    assert check_removed_listings(fetcher, limit=10, limiter=fast).checked == 0  # not yet due

    paths[second.canonical_url] = "/live"  # the seller puts the second one back up
    run = check_removed_listings(
        fetcher, now=timezone.now() + dt.timedelta(days=2), limit=10, limiter=fast
    )
    assert run.relisted == [second.pk]
    with unscoped("test"):
        (draft,) = Complaint.objects.filter(state=Complaint.State.DRAFT)
        assert [link.listing for link in draft.links.order_by("position")] == [first, second]
        assert [link.position for link in draft.links.order_by("position")] == [1, 2]
        assert Notification.objects.count() == 2  # one per relisted listing


def test_a_dry_run_fetches_but_writes_nothing(platforms, paralegal, attorney):
    _complaint, (listing,) = _removed_links(paralegal, attorney, count=1)
    fetcher = _fetcher_to(platforms, {listing.canonical_url: "/live"})
    run = check_removed_listings(fetcher, limit=10, dry_run=True, limiter=RateLimiter())
    assert run.live == 1 and Platforms.seen
    with unscoped("test"):
        assert RelistCheck.objects.count() == 0
        assert Listing.objects.get(pk=listing.pk).relisted_at is None
        assert Complaint.objects.filter(state="draft").count() == 0


def test_an_inactive_rule_and_the_batch_limit_leave_listings_unchecked(
    platforms, paralegal, attorney
):
    _complaint, listings = _removed_links(paralegal, attorney, count=3)
    fetcher = _fetcher_to(platforms, {x.canonical_url: "/gone-404" for x in listings})
    fast = RateLimiter(sleep=lambda _s: None)
    assert check_removed_listings(fetcher, limit=2, limiter=fast).checked == 2
    assert check_removed_listings(fetcher, limit=2, limiter=fast).checked == 1  # the third
    with unscoped("test"):
        LiveCheckRule.objects.update(is_active=False)
    later = timezone.now() + dt.timedelta(days=3)
    assert check_removed_listings(fetcher, now=later, limit=10, limiter=fast).checked == 0


def test_the_task_and_the_command_do_nothing_unless_turned_on(paralegal, attorney):
    _removed_links(paralegal, attorney, count=1)
    assert tasks.check_relists() == {"enabled": False}
    with unscoped("test"):
        assert RelistCheck.objects.count() == 0


def test_the_command_runs_a_dry_run(platforms, paralegal, attorney, capsys):
    _complaint, (listing,) = _removed_links(paralegal, attorney, count=1)
    with unscoped("test"):
        Listing.objects.filter(pk=listing.pk).update(canonical_url=platforms + "/gone-404")
    with override_settings(RELIST_CHECK_TIMEOUT_SECONDS=TIMEOUT):
        call_command("check_relists", "--dry-run")
    assert "Dry run: checked 1" in capsys.readouterr().out
    with unscoped("test"):
        assert RelistCheck.objects.count() == 0


def test_the_fetcher_refuses_other_schemes_and_reports_refusals():
    with pytest.raises(FetchError):
        HttpFetcher(timeout=TIMEOUT).fetch("file:///etc/passwd")
    with pytest.raises(FetchError):
        HttpFetcher(timeout=TIMEOUT).fetch("http://127.0.0.1:9/")  # nothing listens


@pytest.mark.parametrize(
    ("status", "text", "expected"),
    [
        (200, "<p>Add to cart</p>", "live"),
        (200, "很抱歉，此宝贝已下架", "gone"),
        (200, "Sorry, ITEM NOT FOUND", "gone"),
        (410, "", "gone"),
        (404, "", "gone"),
        (503, "busy", "error"),
        (403, "slide to verify", "error"),
        (None, "", "error"),
    ],
)
def test_the_rule_reads_status_and_markers(status, text, expected):
    with unscoped("test"):
        rule = LiveCheckRule.objects.get(group__code="alibaba")
    judged = verdict_for(
        status, text, gone_statuses=rule.gone_statuses, gone_markers=rule.gone_markers
    )
    assert judged.verdict == expected


def test_the_seeded_rules_cover_alibaba_and_lazada():
    with unscoped("test"):
        codes = set(LiveCheckRule.objects.values_list("group__code", flat=True))
    assert {"alibaba", "lazada"} <= codes


def test_the_beat_runs_it_every_six_hours_off_the_sweeps_queue(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["relist-checks"]
    assert entry["task"] == tasks.check_relists.name
    assert tasks.check_relists.name not in settings.CELERY_TASK_ROUTES  # the default queue
    assert settings.RELIST_CHECKS_ENABLED is False
