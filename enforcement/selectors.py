"""Query functions that give pages their data, annotated in one place."""

from __future__ import annotations

import calendar
import datetime as dt
import zoneinfo

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from clients.authority import PoaStatus
from clients.models import Client, IdentityDocument, PowerOfAttorney
from clients.pagination import KeysetPage, KeysetPaginator
from clients.tasks import last_heartbeat

from .models import (
    IPR,
    Complaint,
    ComplaintLink,
    CounterNotice,
    Deadline,
    IPRVerification,
    Listing,
    Notification,
    OutboxMessage,
    Seller,
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


def calendar_month(user, code: str, first: dt.date) -> dict:
    """A month grid: each day's kind on the calendar, and the deadlines due that day."""

    try:
        calendar = calendar_for(code)
        days = month_days(calendar, first.year, first.month)
    except UnknownCalendar:
        calendar, days = None, []
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    due = (
        Deadline.objects.visible_to(user)
        .filter(status=Deadline.Status.OPEN, due_on__range=(first, last))
        .select_related("owner")
        .order_by("due_at", "pk")
    )
    by_day: dict[dt.date, list] = {}
    for deadline in due[:1000]:
        by_day.setdefault(deadline.due_on, []).append(deadline)
    weeks: list[list] = []
    week: list = [None] * first.weekday()
    for offset in range(last.day):
        day = first + dt.timedelta(days=offset)
        info = days[offset] if offset < len(days) else None
        week.append({"date": day, "info": info, "deadlines": by_day.get(day, [])})
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
    """What the dashboard must shout about: no due date, calendars running out, dead mail."""

    today = today or timezone.localdate()
    now = timezone.now()
    visible = Deadline.objects.visible_to(user).filter(status=Deadline.Status.OPEN)
    # Two ranges of the deadlines' indexes: the reader's own up to a week ahead, and those
    # without a due date (rare: a calendar without data), listed only when there are some.
    week = now + dt.timedelta(days=7)
    counts = visible.filter(Q(owner=user, due_at__lt=week) | Q(due_at__isnull=True)).aggregate(
        overdue=Count("pk", filter=Q(owner=user, due_at__lt=now)),
        week=Count("pk", filter=Q(owner=user, due_at__gte=now, due_at__lt=week)),
        undated=Count("pk", filter=Q(due_at__isnull=True)),
    )
    undated = counts["undated"] and list(visible.filter(due_at__isnull=True).order_by("pk")[:10])
    return {
        "undated_deadlines": undated or [],
        "undated_count": counts["undated"],
        "my_overdue": counts["overdue"],
        "my_due_week": counts["week"],
        "calendar_warnings": coverage_warnings(today),
        "failed_mail": OutboxMessage.objects.visible_to(user)
        .filter(state=OutboxMessage.State.FAILED)
        .count(),
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


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The Good Faith Program's window: the last three months, today included."""
    month, year = today.month - 3, today.year
    if month < 1:
        month, year = month + 12, year - 1
    day = min(today.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day) + dt.timedelta(days=1), today


def sellers_with_offenses(sellers):
    """Each seller's offense count: its listings' links the platforms removed."""

    return sellers.annotate(
        offense_count=Count(
            "listings__complaint_links",
            filter=Q(listings__complaint_links__outcome=ComplaintLink.Outcome.REMOVED),
        )
    )


def seller_page(user, seller) -> dict:
    """A seller across platforms: its network's stores, its listings, its complaints."""

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
    return {
        "offense_count": sellers_with_offenses(Seller.objects.visible_to(user).filter(pk=seller.pk))
        .values_list("offense_count", flat=True)
        .first(),
        "network_sellers": network,
        "complaints": Complaint.objects.visible_to(user)
        .filter(links__listing__seller_id__in=store_ids)
        .select_related("client", "platform")
        .distinct()
        .order_by("-created_at")[:100],
        "counter_notices": CounterNotice.objects.visible_to(user)
        .filter(seller_id__in=store_ids)
        .select_related("client")
        .order_by("-received_at")[:50],
    }


# --- The staff dashboard ------------------------------------------------------------------


def dashboard_figures(user, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    soon = today + dt.timedelta(days=settings.EXPIRING_SOON_DAYS)
    poas = PowerOfAttorney.objects.visible_to(user).filter(archived_at__isnull=True)
    expiring_poas = (
        poas.with_status(PoaStatus.EXPIRING, today, settings.EXPIRING_SOON_DAYS)
        .select_related("client")
        .order_by("valid_to")[:10]
    )
    verifications = IPRVerification.objects.visible_to(user)
    iprs = IPR.objects.visible_to(user).filter(archived_at__isnull=True)
    heartbeat = last_heartbeat()
    worker_stale = heartbeat is None or timezone.now() - heartbeat > dt.timedelta(minutes=5)
    # One pass over each table for its figures, rather than one COUNT(*) per figure.
    poa_counts = poas.aggregate(
        active=Count("pk", filter=Q(pk__in=poas.in_force_on(today).values("pk"))),
        draft=Count(
            "pk",
            filter=Q(
                pk__in=poas.with_status(PoaStatus.DRAFT, today, settings.EXPIRING_SOON_DAYS).values(
                    "pk"
                )
            ),
        ),
    )
    ipr_counts = iprs.aggregate(
        total=Count("pk"), pending=Count("pk", filter=Q(kind="trademark", status="pending"))
    )
    return {
        **deadline_warnings(user, today),
        "today": today,
        "worker_heartbeat": heartbeat,
        "worker_stale": worker_stale,
        "client_count": Client.objects.visible_to(user).filter(archived_at__isnull=True).count(),
        "active_poa_count": poa_counts["active"],
        "draft_poa_count": poa_counts["draft"],
        "expiring_poas": expiring_poas,
        "ipr_count": ipr_counts["total"],
        "pending_trademarks": ipr_counts["pending"],
        "expiring_iprs": iprs.filter(effective_to__range=(today, soon))
        .select_related("client")
        .order_by("effective_to")[:10],
        "awaiting_verifications": verifications.filter(status__in=["submitted", "resubmitted"])
        .select_related("ipr", "account__group")
        .order_by("submitted_on")[:10],
        "failed_verifications": verifications.filter(status="failed")
        .select_related("ipr", "account__group")
        .order_by("-decided_on")[:10],
        "expiring_documents": IdentityDocument.objects.visible_to(user)
        .filter(archived_at__isnull=True, expires_on__range=(today, soon))
        .select_related("client")
        .order_by("expires_on")[:10],
    }
