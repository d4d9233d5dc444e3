"""Query functions that give pages their data, annotated in one place."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .rules.outcomes import ACCEPTED, DECIDED


def reason_code_rates(queryset: QuerySet) -> QuerySet:
    """Each reason code's decided notices and how many the platforms accepted."""
    return queryset.annotate(
        decided=Count("complaints__links", filter=Q(complaints__links__outcome__in=DECIDED)),
        accepted=Count("complaints__links", filter=Q(complaints__links__outcome__in=ACCEPTED)),
    )


def format_rate(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "—"


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
    if deadline.status != "open":
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
    from .rules.workdays import CalendarGap, Unit, count_window
    from .services.calendars import UnknownCalendar, calendar_for

    if deadline.unit != Unit.WORKING_DAYS or deadline.due_at is None:
        return None
    try:
        calendar = calendar_for(deadline.jurisdiction)
        return count_window(calendar, deadline.event_at, deadline.length, deadline.unit)
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
    from .models import Deadline
    from .rules.workdays import month_days
    from .services.calendars import UnknownCalendar, calendar_for

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
    from .rules.workdays import CalendarGap
    from .services.calendars import UnknownCalendar, calendar_for

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


def notifications_page(user, page):
    from django.core.paginator import Paginator

    from .models import Notification

    qs = Notification.objects.visible_to(user).select_related("deadline")
    return Paginator(qs, settings.PAGE_SIZE).get_page(page)


def unread_notification_count(user) -> int:
    from .models import Notification

    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.visible_to(user).filter(read_at__isnull=True).count()


def deadline_warnings(user, today: dt.date | None = None) -> dict:
    """What the dashboard must shout about: no due date, calendars running out, dead mail."""
    from .models import Deadline, OutboxMessage
    from .services.calendars import coverage_warnings

    today = today or timezone.localdate()
    visible = Deadline.objects.visible_to(user).filter(status=Deadline.Status.OPEN)
    return {
        "undated_deadlines": list(visible.filter(due_at__isnull=True).order_by("pk")[:10]),
        "undated_count": visible.filter(due_at__isnull=True).count(),
        "my_overdue": visible.filter(owner=user, due_at__lt=timezone.now()).count(),
        "my_due_week": visible.filter(
            owner=user,
            due_at__gte=timezone.now(),
            due_at__lt=timezone.now() + dt.timedelta(days=7),
        ).count(),
        "calendar_warnings": coverage_warnings(today),
        "failed_mail": OutboxMessage.objects.filter(state=OutboxMessage.State.FAILED).count(),
    }
