"""Working-day counts checked by hand against the governments' published holiday notices.

Mainland China 2025: Spring Festival 28 Jan–4 Feb off, Sunday 26 Jan and Saturday 8 Feb
worked; National Day + Mid-Autumn 1–8 Oct off, Sunday 28 Sep and Saturday 11 Oct worked.
Mainland China 2026: Spring Festival 15–23 Feb off, Saturdays 14 Feb and 28 Feb worked;
National Day 1–7 Oct off, Sunday 20 Sep and Saturday 10 Oct worked.
"""

import datetime as dt

import pytest

from enforcement.models import CalendarOverride, HolidayCalendar
from enforcement.rules.workdays import CalendarGap, DayKind, count_window
from enforcement.services.calendars import calendar_for, default_calendar
from tests.enforcement.official_days_off import DAYS_OFF, WORKED_WEEKENDS

pytestmark = pytest.mark.django_db


def due(code, start, n, unit="working_days"):
    return count_window(calendar_for(code), dt.datetime.fromisoformat(start), n, unit)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Spring Festival 2025: the Sunday before counts, eight days off, then Wednesday.
        ("2025-01-24T10:00:00+08:00", 3, "2025-02-05"),
        # ... and the adjusted Saturday 8 Feb counts.
        ("2025-02-06T09:00:00+08:00", 2, "2025-02-08"),
        ("2025-01-27T17:00:00+08:00", 1, "2025-02-05"),
        # National Day 2025: the issue's own example, ending on the adjusted Saturday.
        ("2025-09-30T18:00:00+08:00", 3, "2025-10-11"),
        ("2025-09-26T11:00:00+08:00", 3, "2025-09-30"),  # Sunday 28 Sep is a working day
        ("2025-10-09T10:00:00+08:00", 2, "2025-10-11"),
        # Spring Festival 2026: adjusted Saturday before, nine days off.
        ("2026-02-12T10:00:00+08:00", 3, "2026-02-24"),
        ("2026-02-26T10:00:00+08:00", 2, "2026-02-28"),
        # National Day 2026.
        ("2026-09-30T12:00:00+08:00", 3, "2026-10-10"),
        ("2026-09-18T12:00:00+08:00", 1, "2026-09-20"),
        # An ordinary week: Friday → next Wednesday.
        ("2025-06-13T12:00:00+08:00", 3, "2025-06-18"),
    ],
)
def test_mainland_china_working_days_follow_the_state_council_notices(start, days, expected):
    assert due("CN", start, days).due_on == dt.date.fromisoformat(expected)


def test_crossed_days_name_the_holidays_and_the_adjusted_working_days():
    window = due("CN", "2025-09-30T18:00:00+08:00", 3)
    notable = {d.date.isoformat(): d for d in window.notable_days}
    assert notable["2025-10-01"].kind == DayKind.HOLIDAY
    assert "National Day" in notable["2025-10-01"].name
    assert notable["2025-10-11"].kind == DayKind.ADJUSTED_WORKING
    assert len([d for d in window.notable_days if d.kind == DayKind.HOLIDAY]) == 8


def test_the_window_closes_at_the_end_of_the_day_on_the_platform_clock():
    window = due("CN", "2025-03-03T09:00:00+08:00", 3)
    assert window.due_at.isoformat() == "2025-03-06T23:59:59.999999+08:00"


def test_evening_in_seattle_is_already_the_next_day_in_hangzhou():
    # Monday 10 March 2025, 20:00 in Seattle (PDT) = Tuesday 11:00 in Shanghai.
    window = due("CN", "2025-03-10T20:00:00-07:00", 2)
    assert window.start_local_date == dt.date(2025, 3, 11)
    assert window.due_on == dt.date(2025, 3, 13)  # counted from Seattle's date: 12 March
    assert window.due_at.astimezone(dt.timezone(dt.timedelta(hours=-7))).isoformat() == (
        "2025-03-13T08:59:59.999999-07:00"
    )


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        ("2025-01-31T10:00:00+08:00", 30, "2025-03-02"),  # through a 28-day February
        ("2024-01-31T10:00:00+08:00", 30, "2024-03-01"),  # leap year
        ("2025-12-15T10:00:00+08:00", 30, "2026-01-14"),  # across the year end
        ("2025-04-30T23:30:00+08:00", 30, "2025-05-30"),
        ("2025-04-30T16:30:00+00:00", 30, "2025-05-31"),  # already 1 May in Shanghai
        ("2025-09-30T12:00:00+08:00", 30, "2025-10-30"),  # holidays do not stop the clock
    ],
)
def test_thirty_calendar_days_cross_month_ends(start, days, expected):
    assert due("CN", start, days, "calendar_days").due_on == dt.date.fromisoformat(expected)


@pytest.mark.parametrize(
    ("code", "start", "days", "expected"),
    [
        ("SG", "2025-12-24T12:00:00+08:00", 2, "2025-12-29"),  # Christmas
        ("SG", "2025-01-28T12:00:00+08:00", 1, "2025-01-31"),  # Chinese New Year 29–30 Jan
        ("MY", "2025-03-28T12:00:00+08:00", 1, "2025-04-02"),  # Hari Raya Puasa 31 Mar–1 Apr
        # Idul Fitri 31 Mar–1 Apr, then cuti bersama 2–4 and 7 Apr (joint decree).
        ("ID", "2025-03-28T12:00:00+07:00", 1, "2025-04-08"),
        ("ID", "2026-03-17T12:00:00+07:00", 1, "2026-03-25"),  # Nyepi, Idul Fitri + cuti
        ("MY", "2025-10-17T12:00:00+08:00", 1, "2025-10-21"),  # Deepavali (Kuala Lumpur)
        ("MY", "2026-01-30T12:00:00+08:00", 1, "2026-02-03"),  # Thaipusam on Sun → Mon 2 Feb
        ("SG", "2025-05-02T12:00:00+08:00", 1, "2025-05-05"),  # Polling Day was a Saturday
        ("TH", "2025-05-30T12:00:00+07:00", 1, "2025-06-04"),  # special day 2 Jun, Queen 3 Jun
        ("TH", "2025-12-31T12:00:00+07:00", 1, "2026-01-05"),  # 1 Jan and special day 2 Jan
        ("PH", "2026-04-01T12:00:00+08:00", 1, "2026-04-06"),  # Maundy Thursday, Good Friday
        ("PH", "2025-02-24T12:00:00+08:00", 1, "2025-02-25"),  # EDSA day is worked
        ("VN", "2025-12-31T12:00:00+07:00", 1, "2026-01-05"),  # New Year + swapped 2 Jan
        ("VN", "2026-01-09T12:00:00+07:00", 1, "2026-01-10"),  # ... worked on Saturday 10 Jan
        ("VN", "2026-11-23T12:00:00+07:00", 1, "2026-11-24"),  # no enacted Cultural Day off
        # Hong Kong's general holidays: Good Friday, the day following, Easter Monday.
        ("HK", "2026-04-02T12:00:00+08:00", 1, "2026-04-08"),  # 3, 4 Apr; 6, 7 Apr off
        ("HK", "2025-04-17T12:00:00+08:00", 1, "2025-04-22"),  # Good Friday … Easter Monday
        ("HK", "2025-12-24T12:00:00+08:00", 1, "2025-12-29"),  # Christmas, Boxing Day
        ("TH", "2025-04-11T12:00:00+07:00", 1, "2025-04-17"),  # Songkran + day in lieu
        ("PH", "2025-04-16T12:00:00+08:00", 1, "2025-04-21"),  # Holy Week
        ("VN", "2025-04-29T12:00:00+07:00", 1, "2025-05-05"),  # 30 Apr, 1 May, 2 May swapped
        ("VN", "2025-04-25T12:00:00+07:00", 1, "2025-04-26"),  # ... worked on Saturday 26 Apr
        ("HK", "2025-01-28T12:00:00+08:00", 1, "2025-02-03"),  # Lunar New Year 29–31 Jan
    ],
)
def test_each_lazada_country_and_hong_kong_count_on_their_own_calendar(code, start, days, expected):
    assert due(code, start, days).due_on == dt.date.fromisoformat(expected)


def test_a_year_without_official_data_fails_loudly_instead_of_counting_weekends():
    with pytest.raises(CalendarGap) as gap:
        due("CN", "2026-12-28T12:00:00+08:00", 5)
    assert gap.value.day == dt.date(2027, 1, 1)
    assert "official holiday notice" in gap.value.message


def test_confirming_a_year_with_overrides_lets_the_count_through():
    cn = HolidayCalendar.objects.get(code="CN")
    cn.confirmed_through = 2027
    cn.save()
    CalendarOverride.objects.create(
        calendar=cn, date=dt.date(2027, 1, 1), kind="holiday", name="New Year's Day"
    )
    # 29, 30, 31 Dec are working days; 1 Jan off (override); 2-3 Jan weekend; then 4, 5 Jan.
    assert due("CN", "2026-12-28T12:00:00+08:00", 5).due_on == dt.date(2027, 1, 5)


def test_a_firm_override_beats_the_package():
    cn = HolidayCalendar.objects.get(code="CN")
    CalendarOverride.objects.create(
        calendar=cn, date=dt.date(2025, 6, 16), kind="holiday", name="Typhoon closure"
    )
    CalendarOverride.objects.create(
        calendar=cn, date=dt.date(2025, 6, 14), kind="working_day", name="Make-up day"
    )
    # Friday 13 June: Sat 14 now worked (1), Mon 16 off, Tue 17 (2), Wed 18 (3).
    assert due("CN", "2025-06-13T12:00:00+08:00", 3).due_on == dt.date(2025, 6, 18)


def test_packages_agree_on_chinas_adjusted_weekends_for_2025_and_2026():
    import chinese_calendar
    import holidays

    package = holidays.country_holidays("CN", years=[2025, 2026])
    official = {
        d
        for d in (dt.date(2025, 1, 1) + dt.timedelta(days=i) for i in range(730))
        if d.weekday() >= 5 and chinese_calendar.is_workday(d)
    }
    assert official == {d for d in package.weekend_workdays if d.year in (2025, 2026)}


def test_the_built_in_defaults_match_the_seeded_calendars():
    for row in HolidayCalendar.objects.all():
        built_in = default_calendar(row.code)
        assert built_in is not None, row.code
        assert (built_in.time_zone, built_in.last_year) == (row.time_zone, row.confirmed_through)


def run_due_date(*args):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("due_date", *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip().splitlines()


def test_due_date_command_prints_the_date_alone_on_its_last_line():
    lines = run_due_date(
        "--jurisdiction", "CN", "--start", "2025-09-30T18:00:00+08:00", "--working-days", "3"
    )
    assert lines[-1] == "2025-10-11"
    assert any("2025-10-11" in line and "adjusted_working" in line for line in lines[:-1])


def test_due_date_command_counts_calendar_days_and_reads_a_bare_date_locally():
    assert run_due_date("--jurisdiction", "cn", "--start", "2025-01-31", "--days", "30")[-1] == (
        "2025-03-02"
    )
    # Without an offset the moment is read in the calendar's zone (Asia/Singapore here).
    assert (
        run_due_date("--jurisdiction", "SG", "--start", "2025-12-24T23:00", "--working-days", "1")[
            -1
        ]
        == "2025-12-26"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--jurisdiction", "CN", "--start", "2026-12-30", "--working-days", "3"], "2027"),
        (["--jurisdiction", "XX", "--start", "2025-01-02", "--working-days", "3"], "XX"),
        (["--jurisdiction", "CN", "--start", "yesterday", "--working-days", "3"], "ISO"),
        (["--jurisdiction", "CN", "--start", "2025-01-02", "--working-days", "0"], "at least"),
    ],
)
def test_due_date_command_refuses_with_a_reason(args, message):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=message):
        run_due_date(*args)


@pytest.mark.parametrize("code", sorted(DAYS_OFF))
@pytest.mark.parametrize("year", [2025, 2026])
def test_every_weekday_of_2025_and_2026_matches_the_official_list(code, year):
    """Hong Kong's general holidays and each Lazada country's official days off."""
    calendar = calendar_for(code)
    off = {dt.date.fromisoformat(d) for d, _name in DAYS_OFF[code][year]}
    worked = {dt.date.fromisoformat(d) for d in WORKED_WEEKENDS.get(code, [])}
    day, wrong = dt.date(year, 1, 1), []
    while day.year == year:
        expected = day in worked or (day.weekday() < 5 and day not in off)
        if calendar.day(day).is_working != expected:
            wrong.append(day.isoformat())
        day += dt.timedelta(days=1)
    assert wrong == []


def test_hong_kong_counts_its_general_holidays_as_the_calendar_says():
    hk = HolidayCalendar.objects.get(code="HK")
    assert hk.categories == ["public", "optional"]
    assert "General Holidays Ordinance" in hk.source_notes
    assert not calendar_for("HK").day(dt.date(2026, 4, 3)).is_working  # Good Friday
    hk.categories = ["public"]  # the statutory holidays alone
    hk.save()
    assert calendar_for("HK").day(dt.date(2026, 4, 3)).is_working
