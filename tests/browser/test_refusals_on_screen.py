"""A refusal answered to htmx reaches the screen (one handler for the whole site)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_staff_case_file import log_in
from tests.factories import ComplaintFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_check_the_links_with_nothing_pasted_shows_why(page, live_server, paralegal):
    setup = ComplaintFactory(links=0)  # an eligible client, right and account to choose
    log_in(page, live_server, paralegal)
    url = reverse("enforcement:complaint_create")
    page.goto(
        f"{live_server.url}{url}?client={setup.client_id}&platform={setup.platform_id}"
        f"&ipr={setup.ipr_id}"
    )
    with page.expect_response(re.compile(re.escape(url))) as answer:
        page.get_by_role("button", name="Check the links").click()
    response = answer.value
    assert response.status == 400
    assert response.request.headers.get("hx-request") == "true"  # htmx sent it, not the form
    expect(page.get_by_text("Paste at least one link, or upload a list.")).to_be_visible()
    expect(page.get_by_role("button", name="Check the links")).to_be_visible()
