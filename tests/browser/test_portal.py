"""A client's person follows its cases in a real browser, and cannot open another's."""

import pytest
from playwright.sync_api import expect

from clients.models import Membership
from clients.roles import Role
from tests.browser.conftest import ARTIFACTS
from tests.factories import PASSWORD, UserFactory
from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_client_sees_its_overview_and_complaint_but_not_another_clients(
    page, live_server, client_a, client_b
):
    mine, theirs = build_world(client_a), build_world(client_b)
    person = UserFactory(role=Role.CLIENT, username="jane-of-alpha")
    Membership.objects.create(user=person, client=client_a)

    page.goto(f"{live_server.url}/")
    page.fill("input[name=username]", person.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_text("Client portal")).to_be_visible()
    expect(page.locator("[data-figure=reported]")).to_have_text("3")
    expect(page.get_by_text(mine.document_request.title)).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "portal-overview.png"), full_page=True)

    page.get_by_role("link", name="Complaints", exact=True).click()
    page.get_by_role("link", name=str(mine.filed)).click()
    expect(page.get_by_text(mine.filed.platform_reference)).to_be_visible()
    expect(page.get_by_text(mine.filed.internal_notes)).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / "portal-complaint.png"), full_page=True)

    response = page.goto(f"{live_server.url}/portal/complaints/{theirs.filed.pk}/")
    assert response.status == 404
    expect(page.get_by_text(client_b.legal_name)).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / "portal-other-client-refused.png"), full_page=True)

    response = page.goto(f"{live_server.url}/clients/")
    assert response.status == 403
