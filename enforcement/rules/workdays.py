"""Working-day arithmetic on a jurisdiction's official calendar.

A window of N working days opens on the day after the event, in the calendar's time zone,
and closes at the end of its Nth working day there. Which days are working days comes from
three layers, most specific first: the firm's overrides, the official data of a maintained
package (or, for a year whose official notice the firm entered, that notice alone), the
jurisdiction's weekend. A date in a year nobody has confirmed raises :class:`CalendarGap`:
counting weekends alone would silently give a wrong date around the next Spring Festival.

Asked for a *provisional* count instead, an unconfirmed year is counted by a rule that can
only close a window early, never late (:data:`PROVISIONAL_RULE`): every weekday counts as a
working day (the package's estimated holidays are not taken off), and so does every weekend
day within the calendar's margin of an estimated holiday (where adjusted working weekends
fall). More working days can only bring the Nth one closer, so the provisional date is never
later than the real one; the official notice replaces it.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext as _


class DayKind(StrEnum):
    WORKING = "working"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    ADJUSTED_WORKING = "adjusted_working"  # a weekend day made a working day (调休)
    OVERRIDE_HOLIDAY = "override_holiday"
    OVERRIDE_WORKING = "override_working"
    # In an unconfirmed year: an estimated holiday, or a weekend day near one, counted as
    # a working day so that a provisional date cannot come out later than the real one.
    POSSIBLY_WORKING = "possibly_working"


WORKING_KINDS = frozenset(
    {
        DayKind.WORKING,
        DayKind.ADJUSTED_WORKING,
        DayKind.OVERRIDE_WORKING,
        DayKind.POSSIBLY_WORKING,
    }
)
DEFAULT_PROVISIONAL_MARGIN = 10
PROVISIONAL_RULE = _(
    "In a year without confirmed official data, a provisional date counts every weekday as a "
    "working day (estimated holidays are not taken off) and also every weekend day within "
    "%(margin)d days of an estimated holiday, where adjusted working weekends fall. It can "
    "only be earlier than the real date, never later."
)


class CalendarGap(Exception):
    """The calendar has no confirmed official data for a date the count must cross."""

    def __init__(self, jurisdiction: str, day: dt.date, covered: tuple[int, int] | None = None):
        self.jurisdiction = jurisdiction
        self.day = day
        self.covered = covered
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _(
            "No official working-day data for %(code)s on %(day)s (confirmed years: %(years)s). "
            "Enter that year's official holiday notice on the calendar's page (Calendars → "
            "%(code)s); until then only a provisional date can be given."
        ) % {
            "code": self.jurisdiction,
            "day": self.day.isoformat(),
            "years": f"{self.covered[0]}–{self.covered[1]}" if self.covered else _("none"),
        }


@dataclass(frozen=True)
class Day:
    date: dt.date
    kind: DayKind
    name: str = ""
    provisional: bool = False  # in a year without confirmed data

    @property
    def is_working(self) -> bool:
        return self.kind in WORKING_KINDS

    @property
    def is_notable(self) -> bool:
        """Days a person checking the count by hand would want pointed out."""
        return self.kind not in (DayKind.WORKING, DayKind.WEEKEND)


@dataclass(frozen=True)
class Override:
    working: bool
    name: str = ""


class HolidaySource:
    """What a maintained package says about one jurisdiction's dates (see calendar_sources)."""

    def holiday_name(self, day: dt.date) -> str | None:  # pragma: no cover - interface
        raise NotImplementedError

    def is_adjusted_working_day(self, day: dt.date) -> bool:  # pragma: no cover - interface
        raise NotImplementedError


@dataclass
class WorkingCalendar:
    code: str
    time_zone: str
    weekend: frozenset[int]  # Monday = 0
    first_year: int
    last_year: int
    source: HolidaySource
    overrides: Mapping[dt.date, Override] = field(default_factory=dict)
    # Years whose official notice the firm entered: its days are overrides, the rest of the
    # year is the plain weekend, and the package's view of that year is not consulted.
    notice_years: frozenset[int] = frozenset()
    provisional_margin: int = DEFAULT_PROVISIONAL_MARGIN
    # What estimates an unconfirmed year's holidays (default: the package itself).
    estimate: HolidaySource | None = None

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def covers(self, day: dt.date) -> bool:
        return self.is_confirmed(day.year)

    def is_confirmed(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year or year in self.notice_years

    @property
    def provisional_rule(self) -> str:
        return PROVISIONAL_RULE % {"margin": self.provisional_margin}

    def day(self, day: dt.date, *, provisional: bool = False) -> Day:
        """What kind of day it is; ``provisional`` counts an unconfirmed year by the rule."""
        override = self.overrides.get(day)
        if override is not None:
            kind = DayKind.OVERRIDE_WORKING if override.working else DayKind.OVERRIDE_HOLIDAY
            return Day(day, kind, override.name, provisional=not self.covers(day))
        if day.year in self.notice_years:
            if day.weekday() in self.weekend:
                return Day(day, DayKind.WEEKEND)
            return Day(day, DayKind.WORKING)
        if not self.covers(day):
            if provisional:
                return self._provisional_day(day)
            raise CalendarGap(self.code, day, (self.first_year, self.last_year))
        name = self.source.holiday_name(day)
        if self.source.is_adjusted_working_day(day):
            return Day(day, DayKind.ADJUSTED_WORKING, name or _("Adjusted working day"))
        if name:
            return Day(day, DayKind.HOLIDAY, name)
        if day.weekday() in self.weekend:
            return Day(day, DayKind.WEEKEND)
        return Day(day, DayKind.WORKING)

    def _provisional_day(self, day: dt.date) -> Day:
        estimate = self.estimate or self.source
        name = estimate.holiday_name(day)
        if estimate.is_adjusted_working_day(day):
            return Day(day, DayKind.ADJUSTED_WORKING, name or _("Adjusted working day"), True)
        if day.weekday() not in self.weekend:
            if name:
                return Day(day, DayKind.POSSIBLY_WORKING, _estimated(name), True)
            return Day(day, DayKind.WORKING, provisional=True)
        margin = self.provisional_margin
        near = name or next(
            (
                found
                for offset in range(1, margin + 1)
                for found in (
                    estimate.holiday_name(day - dt.timedelta(days=offset)),
                    estimate.holiday_name(day + dt.timedelta(days=offset)),
                )
                if found
            ),
            None,
        )
        if near:
            return Day(
                day,
                DayKind.POSSIBLY_WORKING,
                _("Weekend near %(holiday)s: possibly an adjusted working day") % {"holiday": near},
                True,
            )
        return Day(day, DayKind.WEEKEND, provisional=True)

    def local_date(self, moment: dt.datetime) -> dt.date:
        if moment.tzinfo is None:
            raise ValueError("moment must be timezone-aware")
        return moment.astimezone(self.zone).date()

    def end_of_day(self, day: dt.date) -> dt.datetime:
        """The last instant of a local day: the window is open until then."""
        next_midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), self.zone)
        return next_midnight - dt.timedelta(microseconds=1)


def _estimated(name: str) -> str:
    return _("%(holiday)s (estimated holiday, counted as a working day)") % {"holiday": name}


def noon_on(day: dt.date, zone: str) -> dt.datetime:
    """A legal date as a moment: midday there, so the local date is never in doubt."""
    return dt.datetime.combine(day, dt.time(12), zoneinfo.ZoneInfo(zone))


class Unit(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"


@dataclass(frozen=True)
class Window:
    """The outcome of a count: when it opened, when it closes, and what it crossed."""

    jurisdiction: str
    time_zone: str
    start: dt.datetime
    start_local_date: dt.date
    length: int
    unit: Unit
    due_on: dt.date
    due_at: dt.datetime
    crossed: tuple[Day, ...]

    @property
    def provisional(self) -> bool:
        """True when the count crossed a year without confirmed data (see the rule)."""
        return any(d.provisional for d in self.crossed)

    @property
    def unconfirmed_years(self) -> tuple[int, ...]:
        return tuple(sorted({d.date.year for d in self.crossed if d.provisional}))

    @property
    def notable_days(self) -> tuple[Day, ...]:
        return tuple(d for d in self.crossed if d.is_notable)


def count_window(
    calendar: WorkingCalendar,
    start: dt.datetime,
    length: int,
    unit: Unit | str,
    *,
    provisional: bool = False,
) -> Window:
    """The window of ``length`` units opened by an event at ``start``.

    Day 1 is the day after the event's local date. Working days skip weekends and holidays
    but count adjusted working weekends; calendar days count every day and need no holiday
    data. A negative length counts back (e.g. a reminder 30 days before an expiry).
    Without ``provisional`` an unconfirmed year raises :class:`CalendarGap`; with it, that
    year is counted by the provisional rule and the window says so (``window.provisional``).
    """
    unit = Unit(unit)
    local = calendar.local_date(start)
    crossed: list[Day] = []
    if unit == Unit.CALENDAR_DAYS:
        due = local + dt.timedelta(days=length)
    else:
        if length < 1:
            raise ValueError("a working-day window has at least one day")
        due = local
        counted = 0
        while counted < length:
            due += dt.timedelta(days=1)
            info = calendar.day(due, provisional=provisional)
            crossed.append(info)
            if info.is_working:
                counted += 1
    return Window(
        jurisdiction=calendar.code,
        time_zone=calendar.time_zone,
        start=start,
        start_local_date=local,
        length=length,
        unit=unit,
        due_on=due,
        due_at=calendar.end_of_day(due),
        crossed=tuple(crossed),
    )


def month_days(
    calendar: WorkingCalendar, year: int, month: int, *, provisional: bool = False
) -> list[Day | None]:
    """Every day of a month, None where the calendar has no confirmed data."""
    day = dt.date(year, month, 1)
    out: list[Day | None] = []
    while day.month == month:
        try:
            out.append(calendar.day(day, provisional=provisional))
        except CalendarGap:
            out.append(None)
        day += dt.timedelta(days=1)
    return out
