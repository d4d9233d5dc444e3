"""Query functions that give pages their data, annotated in one place."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.authority import PoaStatus
from clients.crud import child_rows
from clients.history import Source
from clients.models import Client, IdentityDocument, PowerOfAttorney
from clients.pagination import KeysetPage, KeysetPaginator
from clients.tasks import last_heartbeat

from . import charts, figures
from .models import (
    IPR,
    Complaint,
    ComplaintLink,
    CounterNotice,
    CounterNoticeEvidence,
    Deadline,
    Dispute,
    EvidenceFile,
    IPRVerification,
    Listing,
    Notification,
    OutboxMessage,
    Seller,
    SellerNetwork,
)
from .rules.counter_notices import percent
from .rules.workdays import CalendarGap, Unit, count_window, month_days
from .services.calendars import UnknownCalendar, calendar_for, coverage_warnings

# --- Figures for the rows of one page -----------------------------------------------------
# A list adds its per-row counts to the page's rows only: one grouped query over the
# children of those 25 rows (read through the children's foreign-key index), never an
# aggregate over every row of the list before LIMIT.


def add_complaint_link_figures(user, complaints: list) -> None:
    """``link_count`` and ``removed_count`` on each complaint shown."""
    rows = (
        ComplaintLink.objects.visible_to(user)
        .filter(complaint__in=[c.pk for c in complaints])
        .values("complaint")
        .annotate(links=Count("pk"), removed=Count("pk", filter=Q(outcome="removed")))
        .order_by()
    )
    found = {row["complaint"]: row for row in rows}
    for complaint in complaints:
        row = found.get(complaint.pk, {})
        complaint.link_count, complaint.removed_count = row.get("links", 0), row.get("removed", 0)


def add_notice_link_counts(notices: list) -> None:
    """``link_count`` on each counter-notice shown (the links it answers)."""
    through = CounterNotice.links.through
    rows = (
        through.objects.filter(counternotice__in=[n.pk for n in notices])
        .values("counternotice")
        .annotate(n=Count("complaintlink", distinct=True))
        .order_by()
    )
    found = {row["counternotice"]: row["n"] for row in rows}
    for notice in notices:
        notice.link_count = found.get(notice.pk, 0)


def add_seller_listing_counts(user, sellers: list) -> None:
    """``listing_count`` on each seller shown."""
    rows = (
        Listing.objects.visible_to(user)
        .filter(seller__in=[s.pk for s in sellers])
        .values("seller")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found = {row["seller"]: row["n"] for row in rows}
    for seller in sellers:
        seller.listing_count = found.get(seller.pk, 0)


def format_rate(part: int, whole: int) -> str:
    rate = percent(part, whole)
    return "—" if rate is None else f"{rate:.1f}%"


# --- Deadlines --------------------------------------------------------------------------


def _zone(user) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(getattr(user, "time_zone", "") or settings.FIRM_TIME_ZONE)


def deadline_bounds(user, now: dt.datetime | None = None) -> dict:
    """Where today and the coming week end for the reader, to group a deadline list."""
    now = now or timezone.now()
    local = timezone.localtime(now, _zone(user))
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    end_today = midnight + dt.timedelta(days=1)
    # "This week" as a rolling seven days: on a Friday, Monday's deadlines belong in it.
    end_week = midnight + dt.timedelta(days=7)
    return {"now": now, "end_today": end_today, "end_week": end_week}


def deadline_section(deadline, bounds: dict) -> str:
    if deadline.status != Deadline.Status.OPEN:
        return "closed"
    if deadline.due_at is None:
        return "undated"
    if deadline.due_at < bounds["now"]:
        return "overdue"
    if deadline.due_at < bounds["end_today"]:
        return "today"
    if deadline.due_at < bounds["end_week"]:
        return "week"
    return "later"


def subject_url(deadline) -> str | None:
    subject = deadline.subject
    if subject is None:
        return None
    if hasattr(subject, "get_absolute_url"):
        return subject.get_absolute_url()
    complaint = getattr(subject, "complaint", None)  # a reported link: its complaint's page
    return complaint.get_absolute_url() if complaint is not None else None


def explain_deadline(deadline):
    """The count again, to list the holidays and adjusted days the window crossed."""

    if deadline.unit != Unit.WORKING_DAYS or deadline.due_at is None:
        return None
    try:
        calendar = calendar_for(deadline.jurisdiction)
        return count_window(
            calendar, deadline.event_at, deadline.length, deadline.unit, provisional=True
        )
    except (CalendarGap, UnknownCalendar):
        return None


def rule_changed_since(deadline) -> bool:
    rule = deadline.rule
    return (
        rule.length != deadline.length
        or rule.unit != deadline.unit
        or list(rule.reminder_lead_times) != list(deadline.reminder_lead_times)
    )


CALENDAR_DAY_ROWS = 4  # deadlines named in a day's cell; a link lists them all


def calendar_month(user, code: str, first: dt.date) -> dict:
    """A month grid: each day's kind on the calendar, and the deadlines due that day."""

    try:
        calendar = calendar_for(code)
        days = month_days(calendar, first.year, first.month)
    except UnknownCalendar:
        calendar, days = None, []
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    # Each day's first few by due moment, and how many are due that day: one query over
    # the month's open deadlines that reads only what the partial index by due day holds
    # (a busy month has tens of thousands), then the named ones' rows by id.
    visible = Deadline.objects.visible_to(user)
    first_of_day = (
        visible.filter(status=Deadline.Status.OPEN, due_on__range=(first, last))
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("due_on")], order_by=["due_at", "pk"]),
            on_day=Window(Count("pk"), partition_by=[F("due_on")]),
        )
        .filter(rank__lte=CALENDAR_DAY_ROWS)
        .values_list("pk", "due_on", "on_day")
    )
    due_count = {due_on: n for _pk, due_on, n in first_of_day}
    named = visible.filter(pk__in=[pk for pk, _due_on, _n in first_of_day])
    by_day: dict[dt.date, list] = {}
    for deadline in named.order_by("due_on", "due_at", "pk"):
        by_day.setdefault(deadline.due_on, []).append(deadline)
    weeks: list[list] = []
    week: list = [None] * first.weekday()
    for offset in range(last.day):
        day = first + dt.timedelta(days=offset)
        info = days[offset] if offset < len(days) else None
        week.append(
            {
                "date": day,
                "info": info,
                "deadlines": by_day.get(day, []),
                "due": due_count.get(day, 0),
            }
        )
        if len(week) == 7:
            weeks.append(week)
            week = []
    if week:
        weeks.append(week + [None] * (7 - len(week)))
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = last + dt.timedelta(days=1)
    return {
        "month": first,
        "weeks": weeks,
        "calendar": calendar,
        "previous_month": f"{previous:%Y-%m}",
        "next_month": f"{following:%Y-%m}",
        "uncovered": any(d is None for d in days),
    }


def notable_days_of_year(code: str, year: int) -> list:
    """Holidays, adjusted working days and overrides of one year, for the calendar page."""

    try:
        calendar = calendar_for(code)
    except UnknownCalendar:
        return []
    day, out = dt.date(year, 1, 1), []
    while day.year == year:
        try:
            info = calendar.day(day)
        except CalendarGap:
            return out
        if info.is_notable:
            out.append(info)
        day += dt.timedelta(days=1)
    return out


def notifications_page(user, cursor: str | None) -> KeysetPage:
    qs = (
        Notification.objects.visible_to(user)
        .select_related("deadline")
        .order_by("-created_at", "-pk")
    )
    return KeysetPaginator(qs, settings.PAGE_SIZE).page(cursor)


UNREAD_BADGE_CAP = 100


def unread_notification_count(user) -> int:

    if not getattr(user, "is_authenticated", False):
        return 0
    # Counted up to the cap, like a list: a badge need not know past "more than 99".
    unread = Notification.objects.visible_to(user).filter(read_at__isnull=True)
    return unread[:UNREAD_BADGE_CAP].count()


def deadline_warnings(user, today: dt.date | None = None) -> dict:
    """What the dashboard must shout about: no due date, calendars running out (dead mail is
    counted with the dashboard's other figures)."""

    today = today or timezone.localdate()
    now = timezone.now()
    visible = Deadline.objects.visible_to(user).filter(status=Deadline.Status.OPEN)
    # Two ranges of the deadlines' indexes: the reader's own up to a week ahead, and those
    # without a due date (rare: a calendar without data), listed only when there are some.
    week = now + dt.timedelta(days=7)
    # And everyone's in the reader's scope due this week (the dashboard's practice figures).
    # Each count a range of one index, all in one query (an OR of them read every open
    # deadline: 311,000 at the reference volume, 30 ms).
    this_week = visible.filter(due_at__gte=now, due_at__lt=week)
    counts = counts_in_one_query(
        user,
        overdue=visible.filter(owner=user, due_at__lt=now),
        week=this_week.filter(owner=user),
        undated=visible.filter(due_at__isnull=True),
        scope_week=this_week,
    )
    undated = counts["undated"] and list(visible.filter(due_at__isnull=True).order_by("pk")[:10])
    return {
        "undated_deadlines": undated or [],
        "undated_count": counts["undated"],
        "my_overdue": counts["overdue"],
        "my_due_week": counts["week"],
        "due_this_week": counts["scope_week"],
        "calendar_warnings": coverage_warnings(today),
    }


# --- Counter-notifications and the numbers ----------------------------------------------


def counter_notice_queue(user):
    """The attorney queue: what is due first, with what the rows show, in fixed queries."""
    from django.db.models import F

    return (
        CounterNotice.objects.visible_to(user)
        .select_related(
            "client",
            "complaint__platform",
            "complaint__account__group",
            "seller__platform",
            "decided_by",
        )  # fmt: skip
        .order_by(F("response_due_at").asc(nulls_last=True), "pk")
    )


# A seller's offenses are counted up to this: the page says "more than" past it (the
# repeat-offender rule needs only one).
OFFENSE_COUNT_CAP = 100


class CappedCount(Subquery):
    """How many rows a (sliced) queryset has, as a scalar subquery: ``COUNT(*)`` over the
    slice, so the count stops reading at the slice's end."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS capped)"
    output_field = IntegerField()


def sellers_with_offenses(sellers):
    """Each seller's offense count (its listings' links the platforms removed) up to one
    past ``OFFENSE_COUNT_CAP``, and ``offense_count_capped`` when it reached that.

    A store with 10,000 listings would otherwise be read link by link for its count."""
    removed = (
        ComplaintLink.objects.filter(
            listing__seller=OuterRef("pk"), outcome=ComplaintLink.Outcome.REMOVED
        )
        .order_by()
        .values("pk")[: OFFENSE_COUNT_CAP + 1]
    )
    return sellers.annotate(offense_count=CappedCount(removed))


# The seller's latest listings whose complaints its page lists first.
SELLER_LISTINGS_READ = 200


def seller_page(user, seller) -> dict:
    """A seller across platforms: its network's stores, its offenses (counted up to the
    cap), the first rows of its complaints and counter-notices (links lead to the rest)."""
    network = (
        sellers_with_offenses(
            Seller.objects.visible_to(user)
            .filter(network_id=seller.network_id)
            .select_related("platform")
        )
        if seller.network_id
        else []
    )
    store_ids = [s.pk for s in network] or [seller.pk]
    removed = ComplaintLink.objects.visible_to(user).filter(
        listing__seller_id=seller.pk, outcome=ComplaintLink.Outcome.REMOVED
    )
    offenses = removed.order_by()[: OFFENSE_COUNT_CAP + 1].count()
    # The latest complaints about the stores' latest listings (a seller may have thousands
    # of listings, each with its links): a bounded semi-join; the complaint list filtered
    # by the seller has every one.
    # With several stores, ordering by the bare column lets PostgreSQL walk the whole
    # listings' first-seen index and drop other sellers' rows (60,000 of them for a
    # 23-store network, 77 ms); the same order as an expression makes it read the stores'
    # own listings by their seller index and sort those (a few ms).
    first_seen = (
        F("first_seen_at") if len(store_ids) == 1 else Coalesce("first_seen_at", "created_at")
    )
    latest = (
        Listing.objects.visible_to(user)
        .filter(seller_id__in=store_ids)
        .order_by(first_seen.desc(), "-pk")
        .values("pk")[:SELLER_LISTINGS_READ]
    )
    reported = ComplaintLink.objects.visible_to(user).filter(listing_id__in=latest)
    return {
        "offense_count": min(offenses, OFFENSE_COUNT_CAP),
        "offense_count_capped": offenses > OFFENSE_COUNT_CAP,
        "offense_cap": OFFENSE_COUNT_CAP,
        "network_sellers": network,
        "complaints": child_rows(
            Complaint.objects.visible_to(user)
            .filter(pk__in=reported.values("complaint_id"))
            .select_related("client", "platform")
            .order_by("-created_at", "-pk"),
            "enforcement:complaint_list",
            seller=seller.pk,
        ),
        "counter_notices": child_rows(
            CounterNotice.objects.visible_to(user)
            .filter(seller_id__in=store_ids)
            .select_related("client")
            .order_by("-received_at", "-pk"),
            "enforcement:counternotice_list",
            seller=seller.pk,
            status="",
        ),
    }


# --- The staff dashboard ------------------------------------------------------------------


def _count_of(queryset) -> Subquery:
    """A scalar subquery counting ``queryset``'s rows, so several figures share one query."""
    counted = queryset.order_by().annotate(
        _n=Func(F("pk"), function="COUNT", output_field=IntegerField())
    )
    return Subquery(counted.values("_n")[:1], output_field=IntegerField())


def dashboard_figures(user, today: dt.date | None = None) -> dict:
    """The dashboard's figures and lists, in a fixed number of queries whatever the volume:
    the counts share one query (scalar subqueries), the charts read the outcome summary."""
    today = today or timezone.localdate()
    soon = today + dt.timedelta(days=settings.EXPIRING_SOON_DAYS)
    poas = PowerOfAttorney.objects.visible_to(user).filter(archived_at__isnull=True)
    expiring_poas = (
        poas.with_status(PoaStatus.EXPIRING, today, settings.EXPIRING_SOON_DAYS)
        .select_related("client")
        .order_by("valid_to")[:10]
    )
    iprs = IPR.objects.visible_to(user).filter(archived_at__isnull=True)
    heartbeat = last_heartbeat()
    worker_stale = heartbeat is None or timezone.now() - heartbeat > dt.timedelta(minutes=5)
    counts = cache.get(f"dashboard-counts:{user.pk}:{today:%Y%m%d}")
    counts = counts if counts is not None else _dashboard_counts(user, today, poas, iprs)
    # Both verification lists in one query: the oldest waiting and the latest failed.
    awaiting, failed = [], []
    is_failed = Q(status="failed")
    ranked = (
        IPRVerification.objects.visible_to(user)
        .filter(status__in=["submitted", "resubmitted", "failed"])
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[Case(When(is_failed, then=Value(1)), default=Value(0))],
                order_by=[
                    Case(When(is_failed, then=F("decided_on"))).desc(nulls_last=True),
                    Case(When(~is_failed, then=F("submitted_on"))).asc(),
                    "pk",
                ],
            )
        )
        .filter(rank__lte=10)
        .values("pk")[:20]  # ten a list: with the limit said, the planner reads them by id
    )
    # Ranked on the verifications alone, joined to their rights and accounts for the 20.
    for v in sorted(
        IPRVerification.objects.visible_to(user)
        .filter(pk__in=ranked)
        .select_related("ipr", "account__group"),
        key=lambda v: (v.submitted_on, v.pk),
    ):
        (failed if v.status == "failed" else awaiting).append(v)
    failed.sort(key=lambda v: (v.decided_on or dt.date.min, v.pk), reverse=True)
    # The charts read the summary's months and every account's totals: kept a few minutes
    # per reader (settings.DASHBOARD_CACHE_SECONDS), they cost nothing on the next visits.
    key = f"dashboard-glance:{user.pk}:{today:%Y%m%d}"
    glance = cache.get(key)
    if glance is None:
        glance = {
            "takedowns": figures.takedowns_per_platform(user, today),
            "accounts": figures.busiest_account_rates(user),
            "time_to_takedown": figures.time_to_takedown(user, today),
        }
        cache.set(key, glance, settings.DASHBOARD_CACHE_SECONDS)
    takedowns, accounts = glance["takedowns"], glance["accounts"]
    return {
        **deadline_warnings(user, today),
        **counts,
        "today": today,
        "worker_heartbeat": heartbeat,
        "worker_stale": worker_stale,
        "expiring_poas": expiring_poas,
        "expiring_iprs": iprs.filter(effective_to__range=(today, soon))
        .select_related("client")
        .order_by("effective_to")[:10],
        "awaiting_verifications": awaiting,
        "failed_verifications": failed,
        "expiring_documents": IdentityDocument.objects.visible_to(user)
        .filter(archived_at__isnull=True, expires_on__range=(today, soon))
        .select_related("client")
        .order_by("expires_on")[:10],
        "takedowns": _takedown_chart(takedowns),
        "account_rates": _account_chart(accounts),
        "time_to_takedown": glance["time_to_takedown"],
        "takedown_days": figures.TAKEDOWN_DAYS,
    }


def counts_in_one_query(user, **querysets) -> dict:
    """``{name: rows of queryset}`` in one query: each count a scalar subquery, selected
    beside the reader's own user row."""
    return (
        get_user_model()
        ._default_manager.filter(pk=user.pk)
        .annotate(**{name: _count_of(qs) for name, qs in querysets.items()})
        .values(*querysets)
        .get()
    )


def _dashboard_counts(user, today: dt.date, poas, iprs) -> dict:
    """The practice's counts in one query, kept a few minutes like the charts."""
    counts = counts_in_one_query(
        user,
        client_count=Client.objects.visible_to(user).filter(archived_at__isnull=True),
        active_poa_count=poas.in_force_on(today),
        draft_poa_count=poas.with_status(PoaStatus.DRAFT, today, settings.EXPIRING_SOON_DAYS),
        ipr_count=iprs,
        pending_trademarks=iprs.filter(kind="trademark", status="pending"),
        failed_mail=OutboxMessage.objects.visible_to(user).filter(state=OutboxMessage.State.FAILED),
        counter_notices_waiting=CounterNotice.objects.visible_to(user).filter(
            status=CounterNotice.Status.AWAITING_REVIEW
        ),
    )
    cache.set(
        f"dashboard-counts:{user.pk}:{today:%Y%m%d}", counts, settings.DASHBOARD_CACHE_SECONDS
    )
    return counts


def _takedown_chart(takedowns: dict) -> dict:
    """Small multiples: one row of monthly columns per platform, on one scale."""
    height, step = 40, 24
    peak = max([n for p in takedowns["platforms"] for n in p["months"]] + [1])
    rows = [
        {**p, "columns": charts.columns(p["months"], height=height, left=4, step=step,
                                        width=18, top=4, peak=peak)}
        for p in takedowns["platforms"]
    ]  # fmt: skip
    return {
        "months": takedowns["months"],
        "platforms": rows,
        "width": 8 + len(takedowns["months"]) * step,
        "height": height + 8,
    }


def _account_chart(accounts: list[dict]) -> dict:
    """Per account two bars on a 0-100 % scale with the program's lines at 90 % and 5 %."""
    scale = 200
    rows = []
    for a in accounts:
        r = a["rates"]
        rows.append(
            {
                **a,
                "takedown_w": charts.share_bar(r.accepted, r.decided, width=scale),
                "counter_w": charts.share_bar(r.seller_won, r.notices_decided, width=scale),
            }
        )
    return {
        "rows": rows,
        "scale": scale,
        "takedown_line": round(0.9 * scale),
        "counter_line": round(0.05 * scale),
        "width": scale + 10,
    }


# --- Seller networks ---------------------------------------------------------------------


def live_listings(user, network: SellerNetwork):
    """Listings of the network's stores still online and not under a pending complaint."""
    return Listing.objects.visible_to(user).filter(
        seller__network=network,
        status__in=[Listing.Status.KNOWN, Listing.Status.REJECTED, Listing.Status.RESTORED],
    )


def network_page(user, network: SellerNetwork) -> dict:
    """A network's combined history and what can still be reported, within ``user``'s scope."""
    stores = Seller.objects.visible_to(user).filter(network=network)
    live = (
        live_listings(user, network)
        .order_by()
        .values("platform", "platform__name", "kind")
        .annotate(n=Count("pk"))
        .order_by("platform__name", "kind")
    )
    return {
        "offense_cap": OFFENSE_COUNT_CAP,
        "sellers": sellers_with_offenses(stores.select_related("platform")).order_by(
            "-risk_score", "pk"
        ),
        "complaints": Complaint.objects.visible_to(user)
        .filter(links__listing__seller__network=network)
        .select_related("client", "platform")
        .distinct()
        .order_by("-created_at")[:50],
        "counter_notices": CounterNotice.objects.visible_to(user)
        .filter(seller__network=network)
        .select_related("client")
        .order_by("-received_at")[:50],
        "live": list(live),
    }


PATH_VERSIONS = 2000  # versions read per kind of record for one complaint's timeline


def complaint_path_history(complaint) -> list:
    """The historical versions of a complaint's whole path, one ``history.Source`` per kind
    of record: the complaint, its links, its evidence, its counter-notices, their seller
    evidence and their disputes. The complaint was reached through the reader's scope, and
    history tables hold only the complaint's own records here."""

    def newest(manager, **where):
        return list(
            manager.filter(**where)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")[:PATH_VERSIONS]
        )

    notice_ids = list(
        CounterNotice.history.filter(complaint_id=complaint.pk).values_list("id", flat=True)
    )
    notice_label = lambda v: str(_("Counter-notice #%(pk)s") % {"pk": v.id})  # noqa: E731
    return [
        Source(newest(Complaint.history, id=complaint.pk), lambda v: str(complaint)),
        Source(
            newest(ComplaintLink.history, complaint_id=complaint.pk),
            lambda v: str(_("Link %(n)d") % {"n": v.position}),
        ),
        Source(
            newest(EvidenceFile.history, complaint_id=complaint.pk),
            lambda v: str(_("Evidence: %(what)s") % {"what": v.description or v.kind}),
        ),
        Source(
            newest(CounterNotice.history, complaint_id=complaint.pk),
            notice_label,
            lambda v: reverse("enforcement:counternotice_detail", args=[v.id]),
        ),
        Source(
            newest(CounterNoticeEvidence.history, notice_id__in=set(notice_ids)),
            lambda v: str(_("Seller's evidence: %(what)s") % {"what": v.description}),
            lambda v: reverse("enforcement:counternotice_detail", args=[v.notice_id]),
        ),
        Source(
            newest(Dispute.history, notice_id__in=set(notice_ids)),
            lambda v: str(_("Dispute on counter-notice #%(pk)s") % {"pk": v.notice_id}),
            lambda v: reverse("enforcement:counternotice_detail", args=[v.notice_id]),
        ),
    ]
