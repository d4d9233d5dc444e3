"""A provisional date is never later than the real one: checked against 2020–2026's notices.

Each year is pretended unconfirmed in turn: its holidays come only from what the holidays
package's rules estimate for a year it has no notice for (no adjusted working weekends, no
substituted days), and the provisional rule counts it. Then the year is "confirmed" (the
State Council's data as transcribed by chinese-calendar) and the real date computed. For
every start day of the year and every window of 1–30 working days and 1–30 calendar days,
provisional ≤ real.
"""

from __future__ import annotations

import datetime as dt
import statistics
from functools import lru_cache

import pytest
from holidays.countries.china import China

from enforcement.calendar_sources import MainlandChinaHolidays
from enforcement.rules.workdays import (
    CalendarGap,
    DayKind,
    HolidaySource,
    Unit,
    WorkingCalendar,
    count_window,
)

YEARS = range(2020, 2027)
LENGTHS = range(1, 31)
ZONE = "Asia/Shanghai"


class _RulesOnly(China):
    """The package's China as it is for a year without a notice: its rules, nothing else."""

    special_holidays = {}


@lru_cache(maxsize=16)
def _estimated(year: int) -> dict[dt.date, str]:
    return dict(_RulesOnly(years=year))


class RuleEstimate(HolidaySource):
    def holiday_name(self, day: dt.date) -> str | None:
        return _estimated(day.year).get(day)

    def is_adjusted_working_day(self, day: dt.date) -> bool:
        return False


def truth() -> WorkingCalendar:
    return WorkingCalendar("CN", ZONE, frozenset({5, 6}), 2004, 2026, MainlandChinaHolidays())


def pretending(year: int) -> WorkingCalendar:
    """Every year after ``year`` confirmed; ``year`` itself estimated."""
    return WorkingCalendar(
        "CN", ZONE, frozenset({5, 6}), year + 1, 2026, MainlandChinaHolidays(),
        estimate=RuleEstimate(),
    )  # fmt: skip


def start_moments(year: int):
    day = dt.date(year, 1, 1)
    while day.year == year:
        yield dt.datetime.combine(day, dt.time(12), dt.timezone(dt.timedelta(hours=8)))
        day += dt.timedelta(days=1)


def due_by_length(window) -> dict[int, dt.date]:
    """The due date of every shorter working-day window, read off one 30-day count."""
    out, counted = {}, 0
    for day in window.crossed:
        if day.is_working:
            counted += 1
            out[counted] = day.date
    return out


def compare_year(year: int) -> list[int]:
    real_calendar, provisional_calendar = truth(), pretending(year)
    earlier: list[int] = []
    for n, start in enumerate(start_moments(year)):
        provisional = count_window(
            provisional_calendar, start, 30, Unit.WORKING_DAYS, provisional=True
        )
        try:
            real = count_window(real_calendar, start, 30, Unit.WORKING_DAYS)
            real_due = due_by_length(real)
        except CalendarGap:  # a window of 2026 running into 2027: no truth to compare with
            real_due = {}
            for length in LENGTHS:
                try:
                    real_due[length] = count_window(
                        real_calendar, start, length, Unit.WORKING_DAYS
                    ).due_on
                except CalendarGap:
                    break
        provisional_due = due_by_length(provisional)
        for length, real_on in real_due.items():
            assert provisional_due[length] <= real_on, (start.date(), length)
            earlier.append((real_on - provisional_due[length]).days)
            if n % 9 == 0:  # the shortcut agrees with counting each length on its own
                assert (
                    count_window(
                        provisional_calendar, start, length, Unit.WORKING_DAYS, provisional=True
                    ).due_on
                    == provisional_due[length]
                )
        for length in LENGTHS:
            assert (
                count_window(provisional_calendar, start, length, Unit.CALENDAR_DAYS).due_on
                == count_window(real_calendar, start, length, Unit.CALENDAR_DAYS).due_on
            )
    return earlier


@pytest.mark.parametrize("year", YEARS)
def test_a_provisional_date_is_never_later_than_the_real_one(year):
    earlier = compare_year(year)
    assert len(earlier) > 300 * len(LENGTHS)
    assert min(earlier) >= 0
    # It stays useful (2020–2026: 3.5 days early on average, 19 at most, 44 % the same day).
    assert max(earlier) <= 21
    assert statistics.mean(earlier) < 4
    assert earlier.count(0) / len(earlier) > 0.35


def test_the_rule_counts_estimated_holidays_and_nearby_weekends_as_possibly_worked():
    calendar = pretending(2025)
    spring_festival = calendar.day(dt.date(2025, 1, 29), provisional=True)
    assert spring_festival.kind == DayKind.POSSIBLY_WORKING and spring_festival.provisional
    assert "estimated holiday" in spring_festival.name
    # Sunday 26 January 2025 turned out to be an adjusted working day: it is near enough.
    assert calendar.day(dt.date(2025, 1, 26), provisional=True).is_working
    # A weekend far from any holiday stays a weekend.
    assert calendar.day(dt.date(2025, 3, 15), provisional=True).kind == DayKind.WEEKEND
    with pytest.raises(CalendarGap):
        calendar.day(dt.date(2025, 3, 15))


def test_a_window_wholly_in_confirmed_years_is_not_provisional():
    start = dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC)
    window = count_window(pretending(2025), start, 10, Unit.WORKING_DAYS, provisional=True)
    assert not window.provisional
    assert window.due_on == count_window(truth(), start, 10, Unit.WORKING_DAYS).due_on


START_2026 = ["--jurisdiction", "CN", "--start", "2026-12-28T12:00:00+08:00", "--working-days", "5"]


def run_due_date(*args):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("due_date", *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip().splitlines()


@pytest.mark.django_db
def test_due_date_refuses_an_unconfirmed_year_and_labels_the_provisional_date_when_asked():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--provisional"):
        run_due_date(*START_2026)
    lines = run_due_date(*START_2026, "--provisional")
    # 29–31 Dec, then 1 Jan 2027 (estimated New Year) and Saturday 2 Jan (near it) count.
    assert lines[-1] == "2027-01-02 (provisional)"
    assert any(
        line.startswith("PROVISIONAL: no confirmed official data for 2027") for line in lines
    )


@pytest.mark.django_db
def test_the_calculator_shows_the_provisional_date_with_its_rule(client, paralegal):
    client.force_login(paralegal)
    page = client.get(
        "/deadlines/calculator/",
        {"jurisdiction": "CN", "start": "2026-12-28T12:00", "start_zone": "", "number": 5,
         "unit": "working_days"},
    ).content.decode()  # fmt: skip
    assert '<strong class="due-date">2027-01-02</strong>' in page
    assert "badge text-bg-warning provisional" in page and "within 10 days" in page


@pytest.mark.django_db
def test_the_dashboard_warns_from_the_calendars_warning_day_while_next_year_is_unconfirmed():
    from enforcement.models import HolidayCalendar, OfficialNotice
    from enforcement.services.calendars import coverage_warnings
    from tests.factories import UserFactory

    def warned(day):
        return {(w.code, w.year) for w in coverage_warnings(day)}

    # Seeded: every calendar confirmed through 2026, none for 2027.
    assert ("CN", 2027) not in warned(dt.date(2026, 10, 31))
    assert ("CN", 2027) in warned(dt.date(2026, 11, 1))
    assert ("CN", 2027) in warned(dt.date(2027, 3, 1))  # the year itself, unconfirmed
    cn = HolidayCalendar.objects.get(code="CN")
    cn.next_year_warning_from = "12-15"
    cn.save()
    assert ("CN", 2027) not in warned(dt.date(2026, 12, 1))
    OfficialNotice.objects.create(
        calendar=cn, year=2027, title="2027 notice", holidays_text="-",
        entered_by=UserFactory(role="firm_admin"),
    )  # fmt: skip
    assert ("CN", 2027) not in warned(dt.date(2026, 12, 20))
    (warning,) = [w for w in coverage_warnings(dt.date(2026, 12, 20)) if w.code == "SG"]
    assert warning.year == 2027 and "/notice/2027/" in warning.url
