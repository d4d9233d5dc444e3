"""A period of the reader's days as the summary's whole UTC hours, and the minutes left."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from enforcement.rules.periods import day_start, local_days

UTC = dt.UTC


def at(*parts):
    return dt.datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "start", "end", "edges"),
    [
        # Whole-hour zones: the period is whole hours, nothing is read from the links.
        ("Asia/Shanghai", at(2026, 2, 28, 16), at(2026, 3, 31, 16), []),
        ("UTC", at(2026, 3, 1), at(2026, 4, 1), []),
        ("America/Los_Angeles", at(2026, 3, 1, 8), at(2026, 4, 1, 7), []),  # DST on 8 March
        # Half- and quarter-hour zones: the minutes at each end are.
        ("Asia/Kolkata", at(2026, 2, 28, 18, 30), at(2026, 3, 31, 18, 30),
         [(at(2026, 2, 28, 18, 30), at(2026, 2, 28, 19)),
          (at(2026, 3, 31, 18), at(2026, 3, 31, 18, 30))]),
        ("Asia/Kathmandu", at(2026, 2, 28, 18, 15), at(2026, 3, 31, 18, 15),
         [(at(2026, 2, 28, 18, 15), at(2026, 2, 28, 19)),
          (at(2026, 3, 31, 18), at(2026, 3, 31, 18, 15))]),
        ("America/St_Johns", at(2026, 3, 1, 3, 30), at(2026, 4, 1, 2, 30),
         [(at(2026, 3, 1, 3, 30), at(2026, 3, 1, 4)), (at(2026, 4, 1, 2), at(2026, 4, 1, 2, 30))]),
    ],
)  # fmt: skip
def test_march_2026_in_each_zone(zone, start, end, edges):
    span = local_days(dt.date(2026, 3, 1), dt.date(2026, 3, 31), zone)
    assert (span.start, span.end, span.edges) == (start, end, edges)
    assert span.first_hour.minute == span.end_hour.minute == 0
    assert span.start <= span.first_hour < span.end_hour <= span.end


def test_a_single_day_in_india_is_whole_hours_between_two_half_hours():
    span = local_days(dt.date(2026, 3, 5), dt.date(2026, 3, 5), "Asia/Kolkata")
    assert (span.first_hour, span.end_hour) == (at(2026, 3, 4, 19), at(2026, 3, 5, 18))
    assert sum(((b - a) for a, b in span.edges), dt.timedelta()) == dt.timedelta(hours=1)


@pytest.mark.parametrize("zone", ["America/Santiago", "America/Havana", "America/Asuncion",
                                  "Asia/Beirut", "America/Sao_Paulo", "Asia/Kolkata"])  # fmt: skip
def test_each_day_starts_at_its_first_moment_even_where_the_clock_skips_midnight(zone):
    tz, day = ZoneInfo(zone), dt.date(2015, 1, 1)
    while day < dt.date(2027, 1, 1):
        first = day_start(day, tz)
        assert first.astimezone(tz).date() == day
        assert (first - dt.timedelta(microseconds=1)).astimezone(tz).date() < day
        day += dt.timedelta(days=1)
