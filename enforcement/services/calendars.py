"""Build working calendars from the firm's data (confirmed years, overrides) and packages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext as _

from ..calendar_sources import source_for
from ..models import CalendarOverride, HolidayCalendar
from ..rules.workdays import Override, WorkingCalendar


class UnknownCalendar(Exception):
    def __init__(self, code: str):
        self.code = code
        super().__init__(
            _("There is no working-day calendar “%(code)s”; a firm admin can add it.")
            % {"code": code}
        )


def _build(row: HolidayCalendar, overrides: Iterable[CalendarOverride]) -> WorkingCalendar:
    return WorkingCalendar(
        code=row.code,
        time_zone=row.time_zone,
        weekend=frozenset(row.weekend_days),
        first_year=row.confirmed_from,
        last_year=row.confirmed_through,
        source=source_for(row.code),
        overrides={
            o.date: Override(working=o.kind == CalendarOverride.Kind.WORKING_DAY, name=o.name)
            for o in overrides
        },
    )


def calendars_for(codes: Iterable[str]) -> dict[str, WorkingCalendar]:
    """Every requested calendar in two queries; unknown codes are simply absent."""
    codes = {c.upper() for c in codes}
    rows = {r.code: r for r in HolidayCalendar.objects.filter(code__in=codes)}
    by_calendar: dict[int, list[CalendarOverride]] = {}
    for override in CalendarOverride.objects.filter(calendar__code__in=codes):
        by_calendar.setdefault(override.calendar_id, []).append(override)
    return {code: _build(row, by_calendar.get(row.pk, [])) for code, row in rows.items()}


def calendar_for(code: str) -> WorkingCalendar:
    found = calendars_for([code]).get(code.upper())
    if found is None:
        raise UnknownCalendar(code.upper())
    return found


def coverage_warnings(today: dt.date, horizon_days: int = 60) -> list[str]:
    """Calendars in use whose confirmed official data ends within the horizon, by end date.

    In use: a platform's calendar, or the firm's own. One line per end date, so a new
    year's turn gives one warning listing every calendar still to confirm.
    """
    from django.conf import settings

    from ..models import Platform

    limit = today + dt.timedelta(days=horizon_days)
    in_use = set(
        Platform.objects.filter(archived_at__isnull=True).values_list("calendar", flat=True)
    ) | {settings.FIRM_CALENDAR}
    ending: dict[dt.date, list[str]] = {}
    for row in HolidayCalendar.objects.filter(confirmed_through__lt=limit.year, code__in=in_use):
        ending.setdefault(row.confirmed_until, []).append(row.code)
    return [
        _(
            "Official working days are confirmed only through %(end)s for %(codes)s. Enter "
            "the next year's official holiday notices (as overrides where the data lacks a "
            "day) and extend each calendar, or deadlines after that date cannot be computed."
        )
        % {"end": end.isoformat(), "codes": ", ".join(sorted(codes))}
        for end, codes in sorted(ending.items())
    ]


def default_calendar(code: str) -> WorkingCalendar | None:
    from ..calendar_defaults import DEFAULT_CALENDARS

    found = DEFAULT_CALENDARS.get(code.upper())
    if found is None:
        return None
    zone, weekend, first, last = found
    return WorkingCalendar(
        code=code.upper(),
        time_zone=zone,
        weekend=frozenset(weekend),
        first_year=first,
        last_year=last,
        source=source_for(code.upper()),
    )
