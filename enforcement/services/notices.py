"""Enter a year's official holiday notice: preview what it changes, then confirm the year.

The preview and the save read the same parse and the same hypothetical calendar, so what
the admin saw is what is stored: the notice's days as overrides, the year confirmed, and
every open working-day deadline that crosses the year recomputed (provisional dates become
real ones), in one transaction with history.
"""

from __future__ import annotations

import calendar as month_names
import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from clients.roles import Capability, has_capability
from clients.scoping import unscoped

from ..models import CalendarOverride, Deadline, HolidayCalendar, OfficialNotice
from ..rules.official_notice import Notice, check_weekend, read_notice
from ..rules.workdays import DayKind, WorkingCalendar
from .calendars import build_calendar, calendars_for
from .deadlines import _recompute, compute, crossing

FOR_THE_FIRM = "a notice recomputes every open deadline on its calendar"

PREVIEW_MOVES = 200  # rows listed on the page; the count covers all of them


@dataclass(frozen=True)
class DayCell:
    date: dt.date
    kind: str  # holiday / adjusted / working / weekend
    name: str = ""


@dataclass(frozen=True)
class Difference:
    date: dt.date
    notice: str
    estimate: str


@dataclass(frozen=True)
class Move:
    deadline: Deadline
    old_due: dt.date | None
    old_provisional: bool
    new_due: dt.date | None


@dataclass
class Preview:
    calendar: HolidayCalendar
    notice: Notice
    amending: bool
    months: list[tuple[str, list[list[DayCell | None]]]] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    moves_count: int = 0
    holiday_count: int = 0
    working_count: int = 0


def year_state(row: HolidayCalendar, year: int, notice_years: set[int]) -> str:
    if year in notice_years:
        return "notice"
    if row.confirmed_from <= year <= row.confirmed_through:
        return "package"
    return "unconfirmed"


def _require(user) -> None:
    if not has_capability(user, Capability.MANAGE_RULES):
        raise PermissionDenied


def parse(row: HolidayCalendar, year: int, holidays_text: str, working_text: str) -> Notice:
    notice = read_notice(year, holidays_text, working_text)
    check_weekend(notice, frozenset(row.weekend_days))
    return notice


def check_year(row: HolidayCalendar, year: int, *, amending: bool) -> None:
    """A confirmed year is not entered again; changing its notice is an amendment."""
    years = set(row.notices.values_list("year", flat=True))
    state = year_state(row, year, years)
    if amending and state != "notice":
        raise ValidationError(
            _("%(code)s has no entered notice for %(year)d to amend.")
            % {"code": row.code, "year": year}
        )
    if not amending and state == "notice":
        raise ValidationError(
            _(
                "%(code)s %(year)d is already confirmed by an entered notice. To change it, "
                "amend that notice (a separate, recorded action with a reason)."
            )
            % {"code": row.code, "year": year}
        )
    if state == "package":
        raise ValidationError(
            _(
                "%(code)s %(year)d is already confirmed from the package's official data "
                "(%(first)d–%(last)d). Correct single days with overrides instead."
            )
            % {
                "code": row.code,
                "year": year,
                "first": row.confirmed_from,
                "last": row.confirmed_through,
            }
        )


def _hypothetical(row: HolidayCalendar, notice: Notice, replacing: OfficialNotice | None):
    """The calendar as it will be once the notice is saved."""
    others = CalendarOverride.objects.filter(calendar=row)
    if replacing is not None:
        others = others.exclude(notice=replacing)
    new_days = set(notice.holidays()) | set(notice.workdays())
    kept = [o for o in others if o.date not in new_days]
    kept += [
        CalendarOverride(date=day, kind=CalendarOverride.Kind.HOLIDAY, name=name)
        for day, name in notice.holidays().items()
    ]
    kept += [
        CalendarOverride(date=day, kind=CalendarOverride.Kind.WORKING_DAY, name=name)
        for day, name in notice.workdays().items()
    ]
    years = set(row.notices.values_list("year", flat=True)) | {notice.year}
    return build_calendar(row, kept, years)


def _span(notice: Notice) -> tuple[dt.date, dt.date]:
    days = [*notice.holidays(), *notice.workdays()]
    first = min([dt.date(notice.year, 1, 1), *days])
    last = max([dt.date(notice.year, 12, 31), *days])
    return first, last


def _cell(calendar: WorkingCalendar, day: dt.date) -> DayCell:
    info = calendar.day(day)
    if info.kind in (DayKind.OVERRIDE_HOLIDAY, DayKind.HOLIDAY):
        return DayCell(day, "holiday", info.name)
    if info.kind in (DayKind.OVERRIDE_WORKING, DayKind.ADJUSTED_WORKING) and (
        day.weekday() in calendar.weekend
    ):
        return DayCell(day, "adjusted", info.name)
    return DayCell(day, "weekend" if info.kind == DayKind.WEEKEND else "working")


def _estimate(row: HolidayCalendar, calendar: WorkingCalendar, day: dt.date) -> tuple[bool, str]:
    """What the package says of a day, working or not, as it would without the notice."""
    source = calendar.source
    name = source.holiday_name(day) or ""
    if source.is_adjusted_working_day(day):
        return True, name or _("adjusted working day")
    if name:
        return False, name
    return day.weekday() not in calendar.weekend, ""


def _label(working: bool, name: str, weekend: bool = False) -> str:
    if working:
        return f"{_('working day')} ({name})" if name else _("working day")
    if name:
        return f"{_('day off')} ({name})"
    return _("weekend") if weekend else _("day off")


@unscoped(FOR_THE_FIRM)
def preview(
    row: HolidayCalendar,
    year: int,
    holidays_text: str,
    working_text: str,
    *,
    amending: bool = False,
) -> Preview:
    notice = parse(row, year, holidays_text, working_text)
    result = Preview(calendar=row, notice=notice, amending=amending)
    if not notice.ok:
        return result
    replacing = row.notices.filter(year=year).first() if amending else None
    calendar = _hypothetical(row, notice, replacing)
    for month in range(1, 13):
        weeks: list[list[DayCell | None]] = []
        week: list[DayCell | None] = [None] * dt.date(year, month, 1).weekday()
        day = dt.date(year, month, 1)
        while day.month == month:
            cell = _cell(calendar, day)
            week.append(cell)
            if cell.kind == "holiday":
                result.holiday_count += 1
            if len(week) == 7:
                weeks.append(week)
                week = []
            day += dt.timedelta(days=1)
        if week:
            weeks.append(week + [None] * (7 - len(week)))
        result.months.append((_(month_names.month_name[month]), weeks))
    result.working_count = sum(
        1
        for _month, weeks in result.months
        for week in weeks
        for cell in week
        if cell and cell.kind in ("working", "adjusted")
    )
    day = dt.date(year, 1, 1)
    while day.year == year:
        info = calendar.day(day)
        est_working, est_name = _estimate(row, calendar, day)
        if info.is_working != est_working:
            result.differences.append(
                Difference(
                    day,
                    _label(info.is_working, info.name, day.weekday() in calendar.weekend),
                    _label(est_working, est_name, day.weekday() in calendar.weekend),
                )
            )
        day += dt.timedelta(days=1)
    first, last = _span(notice)
    for deadline in crossing(row.code, first, last).order_by("due_at", "pk").iterator(2000):
        old = (deadline.due_on, deadline.due_is_provisional)
        compute(deadline, {row.code: calendar})
        if (deadline.due_on, deadline.due_is_provisional) != old:
            result.moves_count += 1
            if len(result.moves) < PREVIEW_MOVES:
                result.moves.append(Move(deadline, old[0], old[1], deadline.due_on))
    return result


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def enter_notice(
    row: HolidayCalendar,
    *,
    year: int,
    title: str,
    reference: str,
    holidays_text: str,
    working_text: str,
    by,
    amending: bool = False,
    reason: str = "",
) -> tuple[OfficialNotice, int]:
    """Store the notice's days, confirm the year, recompute what crosses it. Returns the
    notice and how many open deadlines moved."""
    _require(by)
    row = HolidayCalendar.objects.select_for_update().get(pk=row.pk)
    existing = row.notices.filter(year=year).first()
    check_year(row, year, amending=amending)
    if amending and not reason.strip():
        raise ValidationError(_("Say why the notice is amended."))
    notice = parse(row, year, holidays_text, working_text)
    if not notice.ok:
        raise ValidationError([str(e) for e in notice.errors])
    why = reason.strip() or _("%(code)s %(year)d official notice entered") % {
        "code": row.code,
        "year": year,
    }
    record = existing or OfficialNotice(calendar=row, year=year, entered_by=by)
    record.title, record.reference = title.strip(), reference.strip()
    record.holidays_text, record.working_days_text = holidays_text, working_text
    record._history_user = by
    record._change_reason = why[:100]
    record.save()

    source = f"{record.title}"[:255]
    wanted = {
        **{d: (CalendarOverride.Kind.HOLIDAY, n) for d, n in notice.holidays().items()},
        **{d: (CalendarOverride.Kind.WORKING_DAY, n) for d, n in notice.workdays().items()},
    }
    for old in CalendarOverride.objects.filter(calendar=row, notice=record).exclude(
        date__in=list(wanted)
    ):
        old._history_user = by
        old._change_reason = why[:100]
        old.delete()  # a day the amended notice no longer lists; its history stays
    current = {o.date: o for o in CalendarOverride.objects.filter(calendar=row, date__in=wanted)}
    new = []
    for day, (kind, name) in sorted(wanted.items()):
        name = (name or _("Official notice"))[:120]
        found = current.get(day)
        if found is None:
            new.append(
                CalendarOverride(
                    calendar=row, date=day, kind=kind, name=name, source=source, notice=record
                )
            )
        elif (found.kind, found.name, found.notice_id) != (kind, name, record.pk):
            found.kind, found.name, found.source, found.notice = kind, name, source, record
            found._history_user = by
            found._change_reason = why[:100]
            found.save()
    if new:
        bulk_create_with_history(
            new, CalendarOverride, batch_size=500, default_user=by, default_change_reason=why[:100]
        )
    first, last = _span(notice)
    moved = _recompute(
        crossing(row.code, first, last).select_for_update(),
        calendars_for([row.code]),
        by=by,
        reason=why,
    )
    return record, moved
