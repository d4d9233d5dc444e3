"""A firm admin enters next year's official holiday notice in a real browser."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from enforcement.models import Deadline, Event
from enforcement.services.deadlines import open_deadlines
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_staff_case_file import log_in
from tests.factories import ComplaintFactory, platform

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def test_the_notice_is_previewed_with_the_deadlines_it_moves_then_saved(
    page, live_server, firm_admin, paralegal
):
    year = timezone.localdate().year + 1  # never confirmed by the seeded data
    first = dt.date(year, 2, 5)
    last = first + dt.timedelta(days=6)
    worked = last + dt.timedelta(days=(5 - last.weekday()) % 7 or 7)  # the Saturday after
    complaint = ComplaintFactory(links=1)
    (deadline,) = open_deadlines(
        event=Event.COMPLAINT_SUBMITTED,
        subjects=list(complaint.links.select_related("listing")),
        event_at=dt.datetime.combine(first - dt.timedelta(days=1), dt.time(10), SHANGHAI),
        client=complaint.client,
        platform=platform("taobao"),
        actor=paralegal,
        offense_of=lambda link: "first",
    )
    assert deadline.due_is_provisional

    log_in(page, live_server, firm_admin)
    page.goto(f"{live_server.url}/calendars/")
    page.get_by_role("link", name="CN", exact=True).click()
    page.get_by_role("link", name=f"Enter {year}'s official notice").click()
    page.fill("input[name=title]", f"Notice on the {year} holidays")
    page.fill(
        "textarea[name=holidays]",
        f"New Year's Day: {year}-01-01\nSpring Festival: {first} – {last}\n"
        f"National Day: {year}-10-07 – {year}-10-01",
    )
    page.fill("textarea[name=working_days]", f"{worked} Spring Festival")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_text("Line 3 (“National Day")).to_be_visible()
    expect(page.locator("textarea[name=holidays]")).to_contain_text("Spring Festival")

    page.fill(
        "textarea[name=holidays]",
        f"New Year's Day: {year}-01-01\nSpring Festival: {first} – {last}\n"
        f"National Day: {year}-10-01 – {year}-10-07",
    )
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".moves-count")).to_have_text("1")
    expect(page.locator("table.moves")).to_contain_text("provisional")
    expect(page.locator(f'[data-date="{worked}"]')).to_have_attribute("data-kind", "adjusted")
    page.screenshot(path=str(ARTIFACTS / "official-notice-preview.png"), full_page=True)

    page.get_by_role("button", name=f"Save and confirm {year}").click()
    expect(
        page.get_by_text(f"CN {year} is confirmed; 1 open deadline(s) recomputed")
    ).to_be_visible()
    deadline = Deadline.objects.get(pk=deadline.pk)
    assert not deadline.due_is_provisional and deadline.due_on > last
