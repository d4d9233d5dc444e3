"""Relists are caught: removed listings are looked at again on a schedule, and one found
online again is marked relisted, the firm and the client's portal hear of it, and a draft
complaint against the repeat offender is prepared.

The page is fetched through a ``Fetcher`` (HTTP with a timeout and a clear User-Agent by
default, paced per platform), outside any transaction; each listing's result is then
written in one transaction of its own with the listing locked, so a second run, or two at
once, marks, notifies and drafts nothing more.
"""

from __future__ import annotations

import datetime as dt
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from clients.languages import language_of
from clients.scoping import unscoped

from ..models import (
    Complaint,
    ComplaintLink,
    Listing,
    LiveCheckRule,
    OutboxMessage,
    RelistCheck,
    WindowRule,
)
from ..rules.relists import ERROR, GONE, LIVE, verdict_for
from .imports import create_complaint_drafts
from .reminders import _firm_admins, write_messages

FOR_THE_FIRM = "relist checks look at every client's removed listings"
MAX_BYTES = 512 * 1024  # enough for any marker near the top of a page


class FetchError(Exception):
    """The page could not be read (timeout, refused, bad address)."""


class Fetcher(Protocol):
    def fetch(self, url: str) -> tuple[int, str]:
        """The HTTP status and the page's text; raises FetchError when there is no answer."""
        ...


class HttpFetcher:
    """Plain HTTP(S) GET with a timeout and the firm's User-Agent.

    ``rewrite`` maps a listing's address to the one requested: only tests use it, to send
    platform addresses to a server on loopback that stands in for the platforms.
    """

    def __init__(
        self,
        *,
        timeout: float | None = None,
        user_agent: str | None = None,
        rewrite: Callable[[str], str] | None = None,
    ) -> None:
        self.timeout = settings.RELIST_CHECK_TIMEOUT_SECONDS if timeout is None else timeout
        self.user_agent = user_agent or settings.RELIST_USER_AGENT
        self.rewrite = rewrite

    def fetch(self, url: str) -> tuple[int, str]:
        target = self.rewrite(url) if self.rewrite else url
        if urlsplit(target).scheme not in ("http", "https"):
            raise FetchError(_("Only http and https addresses are checked."))
        request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
            target,
            headers={"User-Agent": self.user_agent, "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                return response.status, _text_of(response)
        except urllib.error.HTTPError as error:  # 4xx and 5xx still say something
            with error:
                return error.code, _text_of(error)
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            reason = getattr(error, "reason", None) or error
            raise FetchError(str(reason) or type(error).__name__) from error


def _text_of(response) -> str:
    raw = response.read(MAX_BYTES)
    charset = response.headers.get_content_charset() or "utf-8"
    try:
        return raw.decode(charset, errors="replace")
    except LookupError:
        return raw.decode("utf-8", errors="replace")


class RateLimiter:
    """Requests to one platform at least N seconds apart: waits (through ``sleep``) until
    the platform's last request is old enough. ``clock`` and ``sleep`` are injectable so a
    test can check the pacing on a fake clock."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.clock, self.sleep = clock, sleep
        self.last: dict[object, float] = {}
        self.log: list[tuple[object, float]] = []  # (key, moment of each request)

    def wait(self, key: object, seconds: float) -> float:
        previous = self.last.get(key)
        if previous is not None:
            gap = previous + seconds - self.clock()
            if gap > 0:
                self.sleep(gap)
        moment = self.clock()
        self.last[key] = moment
        self.log.append((key, moment))
        return moment


@dataclass
class RelistRun:
    checked: int = 0
    live: int = 0
    gone: int = 0
    errors: int = 0
    relisted: list[int] = field(default_factory=list)  # listing ids marked in this run
    drafts: set[int] = field(default_factory=set)  # complaint ids drafted or added to

    def as_dict(self) -> dict:
        return {
            "checked": self.checked, "live": self.live, "gone": self.gone,
            "errors": self.errors, "relisted": len(self.relisted), "drafts": len(self.drafts),
        }  # fmt: skip


def _removed_since_relisted():
    """A listing marked relisted and removed again afterwards is watched again."""
    return Exists(
        ComplaintLink.objects.filter(
            listing_id=OuterRef("pk"),
            outcome=ComplaintLink.Outcome.REMOVED,
            outcome_at__gt=OuterRef("relisted_at"),
        )
    )


@unscoped(FOR_THE_FIRM)
def due_listings(now: dt.datetime, limit: int) -> list[Listing]:
    """Removed listings on a platform whose family has an active rule, not checked within
    the rule's interval, the longest unchecked (or never checked) first."""
    rules = list(LiveCheckRule.objects.filter(is_active=True))
    if not rules:
        return []
    due = Q()
    for rule in rules:
        due |= Q(platform__group_id=rule.group_id) & (
            Q(last_checked_at__isnull=True)
            | Q(last_checked_at__lte=now - dt.timedelta(hours=rule.recheck_after_hours))
        )
    return list(
        Listing.objects.filter(due, status=Listing.Status.REMOVED)
        .filter(Q(relisted_at__isnull=True) | _removed_since_relisted())
        .select_related("platform__group")
        .order_by(F("last_checked_at").asc(nulls_first=True), "pk")[:limit]
    )


@unscoped(FOR_THE_FIRM)
def check_removed_listings(
    fetcher: Fetcher | None = None,
    *,
    now: dt.datetime | None = None,
    limit: int | None = None,
    limiter: RateLimiter | None = None,
    dry_run: bool = False,
) -> RelistRun:
    """Check a batch of removed listings; with ``dry_run`` pages are fetched and judged but
    nothing is written."""
    fetcher = fetcher or HttpFetcher()
    limiter = limiter or RateLimiter()
    now = now or timezone.now()
    limit = settings.RELIST_CHECK_BATCH if limit is None else limit
    rules = {r.group_id: r for r in LiveCheckRule.objects.filter(is_active=True)}
    run = RelistRun()
    for listing in due_listings(now, limit):
        rule = rules[listing.platform.group_id]
        limiter.wait(listing.platform_id, rule.min_seconds_between_requests)
        try:
            status, text = fetcher.fetch(listing.canonical_url)
        except FetchError as error:
            status, verdict, note = None, ERROR, _("No answer: %(error)s") % {"error": error}
        else:
            judged = verdict_for(
                status, text, gone_statuses=rule.gone_statuses, gone_markers=rule.gone_markers
            )
            verdict, note = judged.verdict, judged.note
        run.checked += 1
        run.live += verdict == LIVE
        run.gone += verdict == GONE
        run.errors += verdict == ERROR
        if not dry_run:
            record_check(listing, status=status, verdict=verdict, note=note, at=now, run=run)
    return run


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def record_check(
    listing: Listing, *, status: int | None, verdict: str, note: str, at: dt.datetime,
    run: RelistRun | None = None,
) -> RelistCheck:  # fmt: skip
    """One listing's result, with the listing locked: a check row always, and for a listing
    found live that is not already marked, the mark, the notices and the draft."""
    run = run or RelistRun()
    locked = (
        Listing.objects.select_for_update()
        .filter(pk=listing.pk)
        .annotate(removed_again=_removed_since_relisted())
        .get()
    )
    check = RelistCheck.objects.create(
        listing=locked, checked_at=at, http_status=status, verdict=verdict, note=note[:2000]
    )
    locked.last_checked_at = at
    fields = ["last_checked_at", "updated_at"]
    unmarked = locked.relisted_at is None or locked.removed_again
    if verdict == LIVE and locked.status == Listing.Status.REMOVED and unmarked:
        locked.relisted_at = at
        fields.append("relisted_at")
        locked._change_reason = _("Found online again by the relist check.")
        locked.save(update_fields=fields)
        drafts = _draft_against(locked, check)
        _notify(locked, drafts)
        run.relisted.append(locked.pk)
        run.drafts.update(d.pk for d in drafts)
    else:
        # No history row for a routine look: the checks are their own history.
        Listing.objects.filter(pk=locked.pk).update(last_checked_at=at, updated_at=timezone.now())
    return check


def _removed_links(listing: Listing) -> list[ComplaintLink]:
    """The listing's removed links, the latest removal per client and platform."""
    links = (
        ComplaintLink.objects.filter(listing=listing, outcome=ComplaintLink.Outcome.REMOVED)
        .select_related("complaint__client__supervising_attorney", "complaint__submitted_by")
        .select_related("complaint__platform", "complaint__account")
        .order_by("-outcome_at", "-pk")
    )
    latest: dict[tuple[int, int], ComplaintLink] = {}
    for link in links:
        latest.setdefault((link.complaint.client_id, link.complaint.platform_id), link)
    return list(latest.values())


def _draft_against(listing: Listing, check: RelistCheck) -> list[Complaint]:
    """One draft per client and platform (same right and reason as the complaint that had
    the listing removed) gathers the relisted listings as repeat offenses: the seller's
    windows follow the repeat-offense rules (30 days) when it is filed."""
    drafts = []
    for removed in _removed_links(listing):
        source = removed.complaint
        draft = (
            Complaint.objects.select_for_update()
            .filter(
                client_id=source.client_id, platform_id=source.platform_id,
                ipr_id=source.ipr_id, reason_code_id=source.reason_code_id,
                target_kind=listing.kind, state=Complaint.State.DRAFT,
                relist_checks__isnull=False, archived_at__isnull=True,
            )
            .order_by("-pk")
            .first()
        )  # fmt: skip
        if draft is not None and draft.links.count() < source.platform.max_links_per_complaint:
            if not draft.links.filter(listing=listing).exists():
                last = draft.links.order_by("-position").values_list("position", flat=True)
                ComplaintLink.objects.create(
                    complaint=draft, listing=listing, position=(last.first() or 0) + 1,
                    offense=WindowRule.Offense.REPEAT,
                )  # fmt: skip
        else:
            (draft,) = create_complaint_drafts(
                [listing],
                client=source.client,
                platform=source.platform,
                target_kind=listing.kind,
                account=source.account,
                ipr=source.ipr,
                reason_code=source.reason_code,
                supplementary_reasons=source.supplementary_reasons,
                by=None,
                internal_notes=_(
                    "Drafted by the relist check: listings removed after %(complaint)s are "
                    "online again (repeat offense)."
                )
                % {"complaint": source},
            )
            draft.links.filter(listing=listing).update(offense=WindowRule.Offense.REPEAT)
        drafts.append(draft)
    if drafts:
        check.draft = drafts[0]
        check.save(update_fields=["draft"])
    return drafts


def _notify(listing: Listing, drafts: list[Complaint]) -> None:
    """The supervising attorney of each client concerned and whoever filed the removal
    (the firm admins when nobody is named), once per relist of the listing."""
    people = {}
    for removed in _removed_links(listing):
        for person in (removed.complaint.client.supervising_attorney,
                       removed.complaint.submitted_by):  # fmt: skip
            if person is not None and person.is_active:
                people[person.pk] = person
    if not people:
        people = {u.pk: u for u in _firm_admins()}
    base = settings.SITE_URL.rstrip("/")
    links = [base + listing.get_absolute_url()] + [base + d.get_absolute_url() for d in drafts]
    messages = []
    for pk, person in sorted(people.items()):
        with translation.override(language_of(person)):
            subject = _("Online again after removal: %(listing)s") % {"listing": listing}
            lines = [
                subject,
                listing.canonical_url,
                _("A draft complaint (repeat offense) is ready for review."),
            ]
        messages.append(
            OutboxMessage(
                key=f"relisted:{listing.pk}:{listing.relisted_at:%Y%m%d%H%M%S}:u{pk}",
                kind=OutboxMessage.Kind.RELISTED,
                recipient=person,
                due_at=timezone.now(),
                subject=str(subject)[:255],
                body="\n".join(str(line) for line in [*lines, "", *links]),
            )
        )
    write_messages(messages, notify=True)
