"""A paralegal works through overdue deadlines and checks a window by hand, in a real browser."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from enforcement.models import Event
from enforcement.services.deadlines import open_deadlines
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_staff_case_file import log_in
from tests.factories import ComplaintFactory, platform

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_overdue_window_is_closed_from_my_deadlines_and_the_calculator_explains_a_count(
    page, live_server, paralegal
):
    complaint = ComplaintFactory(links=1)
    (deadline,) = open_deadlines(
        event=Event.COMPLAINT_SUBMITTED,
        subjects=list(complaint.links.select_related("listing")),
        event_at=dt.datetime(2025, 9, 30, 18, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        client=complaint.client,
        platform=platform("taobao"),
        actor=paralegal,
        offense_of=lambda link: "first",
    )
    log_in(page, live_server, paralegal)
    page.get_by_role("button", name="Deadlines", exact=True).click()
    page.get_by_role("link", name="My deadlines", exact=True).click()
    expect(page.locator(".section-overdue")).to_contain_text("Overdue")
    page.get_by_role("link", name="Seller's window (first offense)").click()
    expect(page.get_by_text("2025-10-11 Sat — Adjusted working day")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "deadline-detail.png"), full_page=True)

    # Closing without a note is refused with a reason; with one it closes.
    page.get_by_role("button", name="Done").click()
    expect(page.locator("input[name=note]")).to_be_visible()
    page.fill("input[name=note]", "Platform confirmed removal on 9 October")
    page.get_by_role("button", name="Done").click()
    expect(page.get_by_text("Deadline closed.")).to_be_visible()
    deadline.refresh_from_db()
    assert deadline.status == "missed"  # recorded after the window closed

    page.get_by_role("button", name="Deadlines", exact=True).click()
    page.get_by_role("link", name="Calculator", exact=True).click()
    page.select_option("select[name=jurisdiction]", "CN")
    page.fill("input[name=start]", "2026-02-12T10:00")
    page.fill("input[name=number]", "3")
    page.select_option("select[name=unit]", "working_days")
    page.get_by_role("button", name="Compute").click()
    expect(page.locator(".due-date")).to_have_text("2026-02-24")
    expect(page.locator(".crossed")).to_contain_text("2026-02-14 Sat")
    expect(page.locator(".crossed")).to_contain_text("Chinese New Year")
    page.screenshot(path=str(ARTIFACTS / "deadline-calculator.png"), full_page=True)
