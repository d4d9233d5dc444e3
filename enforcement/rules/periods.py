"""A period of the reader's days as the outcome summary's UTC hours, and the minutes left.

The summary counts per UTC hour. A day in a zone whose offset is a whole number of hours
begins on an hour, so such a period is a run of whole hours; in a half- or quarter-hour
zone (India, Nepal, Newfoundland, central Australia) it begins and ends inside an hour,
and those minutes (the edges) are read from the raw rows, as is any hour in which one of
the reader's months begins.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

HOUR = dt.timedelta(hours=1)
Range = tuple[dt.datetime, dt.datetime]  # from (included) to (excluded)


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The Good Faith Program's window: the last three months, today included."""
    month, year = today.month - 3, today.year
    if month < 1:
        month, year = month + 12, year - 1
    day = min(today.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day) + dt.timedelta(days=1), today


def floor_hour(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)


def ceil_hour(moment: dt.datetime) -> dt.datetime:
    floor = floor_hour(moment)
    return floor if floor == moment else floor + HOUR


def day_start(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    """The first moment of a local date, in UTC. Where the clock skips midnight, the day
    starts when it resumes: local midnight read with the offset before the change."""
    return dt.datetime.combine(day, dt.time(), tzinfo=zone).astimezone(dt.UTC)


@dataclass(frozen=True)
class Span:
    start: dt.datetime
    end: dt.datetime  # excluded

    @property
    def has_hours(self) -> bool:
        return ceil_hour(self.start) < floor_hour(self.end)

    @property
    def first_hour(self) -> dt.datetime:
        return ceil_hour(self.start)

    @property
    def end_hour(self) -> dt.datetime:
        """The summary covers the hours from ``first_hour`` up to this one, excluded."""
        return floor_hour(self.end) if self.has_hours else self.first_hour

    @property
    def edges(self) -> list[Range]:
        """The minutes of the period outside its whole hours."""
        if not self.has_hours:
            return [(self.start, self.end)]
        ranges = ((self.start, self.first_hour), (self.end_hour, self.end))
        return [(a, b) for a, b in ranges if a < b]


def local_days(first: dt.date, last: dt.date, zone: dt.tzinfo | str) -> Span:
    """From the start of ``first`` to the end of ``last``, both days in ``zone``."""
    zone = ZoneInfo(zone) if isinstance(zone, str) else zone
    return Span(day_start(first, zone), day_start(last + dt.timedelta(days=1), zone))
