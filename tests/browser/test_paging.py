"""Long lists are walked page by page in a real browser, staff and portal alike."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clients.models import Membership
from clients.roles import Role
from enforcement.models import Complaint
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_staff_case_file import log_in
from tests.factories import PASSWORD, ClientFactory, ComplaintFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _rows(page, selector) -> list[str]:
    return page.locator(selector).all_inner_texts()


def _walk_to_third_page(page, selector) -> list[list[str]]:
    seen = [_rows(page, selector)]
    for _ in range(2):
        page.get_by_role("link", name="Next").click()
        page.wait_for_load_state()
        seen.append(_rows(page, selector))
    return seen


def test_paralegal_clicks_through_to_the_third_page_of_clients(
    page, live_server, paralegal, settings
):
    settings.PAGE_SIZE = 5
    ClientFactory.create_batch(13)
    log_in(page, live_server, paralegal)
    page.goto(f"{live_server.url}/clients/")
    expect(page.get_by_text("13 records")).to_be_visible()
    first, second, third = _walk_to_third_page(page, "#results tbody tr td:first-child")
    assert len(first) == len(second) == 5 and len(third) == 3
    assert not set(first) & set(second) and not set(second) & set(third)
    expect(page.get_by_role("link", name="Next")).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / "clients-third-page.png"), full_page=True)
    page.get_by_role("link", name="Previous").click()
    page.wait_for_load_state()
    assert _rows(page, "#results tbody tr td:first-child") == second
    page.get_by_role("link", name="First").click()
    page.wait_for_load_state()
    assert _rows(page, "#results tbody tr td:first-child") == first


def test_client_user_clicks_through_to_the_third_page_of_complaints(
    page, live_server, client_a, settings
):
    settings.PAGE_SIZE = 4
    complaints = [ComplaintFactory(client=client_a, eligible=False, links=1) for _ in range(10)]
    Complaint.objects.filter(pk__in=[c.pk for c in complaints]).update(
        state="submitted", submitted_at=timezone.now(), platform_reference="REF"
    )
    person = UserFactory(role=Role.CLIENT, username="paging-person")
    Membership.objects.create(user=person, client=client_a)
    page.goto(f"{live_server.url}/")
    page.fill("input[name=username]", person.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.get_by_role("link", name="Complaints", exact=True).click()
    first, second, third = _walk_to_third_page(page, "tbody tr td:first-child")
    assert (len(first), len(second), len(third)) == (4, 4, 2)
    assert len(set(first) | set(second) | set(third)) == 10
    page.screenshot(path=str(ARTIFACTS / "portal-complaints-third-page.png"), full_page=True)
