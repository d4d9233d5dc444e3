"""The year's official notice: read as published, checked line by line, entered in one page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import chinese_calendar
import pytest
from django.urls import reverse

from enforcement.models import CalendarOverride, Deadline, Event, HolidayCalendar, OfficialNotice
from enforcement.rules.official_notice import check_weekend, read_notice
from enforcement.services.calendars import calendar_for
from enforcement.services.deadlines import open_deadlines
from tests.factories import ComplaintFactory, platform

NOTICES = Path(__file__).parent / "notices"
WEEKEND = frozenset({5, 6})
# The 2020 notice as published; a later notice (国办发明电〔2020〕1号) extended Spring
# Festival to 2 February, which chinese-calendar includes.
EXTENDED_2020 = {dt.date(2020, 1, 31), dt.date(2020, 2, 1)}


def notice_text(year: int) -> str:
    return (NOTICES / f"cn-{year}.txt").read_text(encoding="utf-8")


def days_of(year: int):
    day = dt.date(year, 1, 1)
    while day.year == year:
        yield day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("year", range(2020, 2027))
def test_each_published_notice_reads_to_the_state_councils_working_days(year):
    notice = read_notice(year, notice_text(year))
    check_weekend(notice, WEEKEND)
    assert notice.ok, [str(e) for e in notice.errors]
    off, worked = notice.holidays(), notice.workdays()
    for day in days_of(year):
        if year == 2020 and day in EXTENDED_2020:
            continue
        ours = day in worked or (day.weekday() not in WEEKEND and day not in off)
        assert ours == chinese_calendar.is_workday(day), day


def test_plain_and_english_lines_read_the_same_as_the_chinese():
    chinese = read_notice(
        2025,
        "二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。",
    )  # noqa: E501
    plain = read_notice(2025, "Spring Festival: 2025-01-28 – 2025-02-04", "2025-01-26\n2025-02-08")
    english = read_notice(
        2025,
        "Spring Festival: January 28 to February 4 off, 8 days. "
        "January 26 and February 8 are working days.",
    )
    for notice in (chinese, plain, english):
        assert notice.ok, [str(e) for e in notice.errors]
        assert set(notice.holidays()) == {
            dt.date(2025, 1, 28) + dt.timedelta(days=n) for n in range(8)
        }
        assert set(notice.workdays()) == {dt.date(2025, 1, 26), dt.date(2025, 2, 8)}
    assert chinese.periods[0].name == "春节" and plain.periods[0].name == "Spring Festival"


def test_advice_to_employers_is_not_a_day_off():
    notice = read_notice(
        2024, "二、春节：2月10日至17日放假调休，共8天。鼓励各单位安排职工在除夕（2月9日）休息。"
    )  # noqa: E501
    assert dt.date(2024, 2, 9) not in notice.holidays() and notice.ok


def test_a_period_may_begin_in_the_last_days_of_the_year_before():
    notice = read_notice(2023, "一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。")
    assert notice.ok and min(notice.holidays()) == dt.date(2022, 12, 31)


@pytest.mark.parametrize(
    "holidays, working, box, line, words",
    [
        ("Spring Festival: 2027-02-11 – 2027-02-05", "", "holidays", 1, "before it starts"),
        ("春节：2月10日至7日放假", "", "holidays", 1, "before it starts"),
        ("A: 2027-02-05 – 2027-02-11\nB: 2027-02-10 – 2027-02-12", "", "holidays", 2, "overlaps A"),
        ("A: 2027-02-05 – 2027-02-11", "2027-02-14\n2027-02-14", "working_days", 2, "given twice"),
        ("A: 2027-02-05 – 2027-02-11", "2027-02-06", "working_days", 1, "and as a day off"),
        ("A: 2027-02-05 – 2027-02-11", "2027-02-15", "working_days", 1, "not a weekend day"),
        ("春节：2月5日至11日放假调休，共8天。", "", "holidays", 1, "says 8 days"),
        ("Spring Festival soon", "", "holidays", 1, "No date found"),
        ("A: 2027-02-30", "", "holidays", 1, "not a date"),
        ("A: 2025-02-05 – 2025-02-06", "", "holidays", 1, "not in 2027"),
        ("", "", "holidays", 0, "at least one holiday period"),
    ],
)
def test_bad_lines_are_named_with_what_to_fix(holidays, working, box, line, words):
    notice = read_notice(2027, holidays, working)
    check_weekend(notice, WEEKEND)
    assert not notice.ok
    messages = notice.errors_in(box)
    assert any(words in m for m in messages), messages
    if line:
        assert any(m.startswith(f"Line {line} ") for m in messages), messages


# --- The page -------------------------------------------------------------------------


@pytest.fixture
def cn_without_2025(db):
    cn = HolidayCalendar.objects.get(code="CN")
    cn.confirmed_through = 2024  # as on the day before the 2025 notice was entered
    cn.save()
    return cn


def spring_festival_windows(paralegal):
    """Seller's windows opened on Friday 24 January 2025: they cross Spring Festival."""
    complaint = ComplaintFactory(links=2)
    return open_deadlines(
        event=Event.COMPLAINT_SUBMITTED,
        subjects=list(complaint.links.select_related("listing")),
        event_at=dt.datetime(2025, 1, 24, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        client=complaint.client,
        platform=platform("taobao"),
        actor=paralegal,
        offense_of=lambda link: "first",
    )


def page(cn, year=2025):
    return reverse("enforcement:officialnotice_create", args=[cn.pk, year])


def form_data(**extra):
    return {
        "title": "国务院办公厅关于2025年部分节假日安排的通知 国办发明电〔2024〕12号",
        "reference": "https://www.gov.cn/zhengce/content/202411/content_6986383.htm",
        "holidays": notice_text(2025),
        "working_days": "",
        **extra,
    }


def test_entering_2025s_notice_gives_exactly_the_official_working_days(
    client, firm_admin, paralegal, cn_without_2025
):
    windows = spring_festival_windows(paralegal)
    assert all(d.due_is_provisional for d in windows)
    provisional_due = windows[0].due_on
    client.force_login(firm_admin)
    assert client.get(page(cn_without_2025)).status_code == 200

    shown = client.post(page(cn_without_2025), {**form_data(), "preview": "1"}).content.decode()
    assert 'class="badge text-bg-secondary moves-count">2<' in shown  # both windows move
    moves = shown.split('class="table table-sm moves"')[1].split("</table>")[0]
    assert windows[0].get_absolute_url() in moves and provisional_due.isoformat() in moves
    # The real date: Sunday 26 and Monday 27 January worked, then 28 January – 4 February off.
    assert "<strong>2025-02-05 Wed</strong>" in moves
    assert shown.count('data-kind="holiday"') == 28  # days off on 2025's holidays
    assert 'data-kind="adjusted" data-date="2025-01-26"' in shown
    assert not OfficialNotice.objects.exists()  # a preview saves nothing

    response = client.post(page(cn_without_2025), {**form_data(), "save": "1"}, follow=True)
    assert "CN 2025 is confirmed; 2 open deadline(s) recomputed" in response.content.decode()
    notice = OfficialNotice.objects.get()
    assert notice.entered_by == firm_admin and notice.year == 2025
    calendar = calendar_for("CN")
    for day in days_of(2025):
        assert calendar.day(day).is_working == chinese_calendar.is_workday(day), day
    for deadline in Deadline.objects.filter(pk__in=[d.pk for d in windows]):
        assert deadline.due_on == dt.date(2025, 2, 5) and not deadline.due_is_provisional
        assert deadline.history.first().history_change_reason.startswith(
            f"Provisional {provisional_due.isoformat()} replaced by 2025-02-05"
        )
    assert CalendarOverride.objects.filter(notice=notice).count() == 28 + 5
    assert CalendarOverride.history.filter(notice=notice).first().history_user == firm_admin


def test_a_confirmed_year_is_not_entered_twice_and_an_amendment_needs_a_reason(
    client, firm_admin, cn_without_2025
):
    client.force_login(firm_admin)
    client.post(page(cn_without_2025), {**form_data(), "save": "1"})
    again = client.post(page(cn_without_2025), {**form_data(), "save": "1"}).content.decode()
    assert "already confirmed by an entered notice" in again
    amend = page(cn_without_2025) + "?amend=1"
    changed = form_data(holidays=notice_text(2025) + "\n七、台风：9月15日放假，共1天。")
    refused = client.post(amend, {**changed, "save": "1"}).content.decode()
    assert "This field is required" in refused
    client.post(amend, {**changed, "reason": "Typhoon day announced", "save": "1"})
    assert not calendar_for("CN").day(dt.date(2025, 9, 15)).is_working
    notice = OfficialNotice.objects.get()
    assert notice.history.first().history_change_reason == "Typhoon day announced"
    assert OfficialNotice.history.count() == 2


def test_a_year_the_package_confirms_is_refused_with_the_way_to_correct_it(
    client, firm_admin, paralegal
):
    client.force_login(firm_admin)
    cn = HolidayCalendar.objects.get(code="CN")
    text = client.post(page(cn, 2025), {**form_data(), "save": "1"}).content.decode()
    assert "already confirmed from the package" in text and "overrides" in text
    client.force_login(paralegal)
    assert client.get(page(cn, 2027)).status_code == 403


def test_a_refused_notice_comes_back_filled_with_the_line_to_fix(client, firm_admin):
    client.force_login(firm_admin)
    cn = HolidayCalendar.objects.get(code="CN")
    typed = "Spring Festival: 2027-02-05 – 2027-02-11\nNational Day: 2027-10-07 – 2027-10-01"
    response = client.post(
        page(cn, 2027), {**form_data(holidays=typed), "preview": "1"}
    ).content.decode()
    assert "Line 2 (“National Day: 2027-10-07 – 2027-10-01”)" in response
    assert "before it starts" in response
    assert "Spring Festival: 2027-02-05 – 2027-02-11" in response  # the text comes back
    assert not OfficialNotice.objects.exists()
