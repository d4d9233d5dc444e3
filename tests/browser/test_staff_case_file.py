"""A paralegal keeps a client's case file in a real browser."""

import re

import pytest
from django_otp.util import random_hex
from playwright.sync_api import expect

from clients import two_factor
from clients.models import Client, IdentityDocument
from tests.browser.conftest import ARTIFACTS
from tests.factories import PASSWORD, PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user):
    """The real login page, then the code of the user's authenticator (staff need one)."""
    device = two_factor.demo_device(user, random_hex(20))
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/"))
    page.fill("input[name=code]", two_factor.current_code(device))
    page.click("button[type=submit]")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


def test_paralegal_creates_a_client_and_adds_papers_inline(page, live_server, paralegal, tmp_path):
    log_in(page, live_server, paralegal)
    page.get_by_role("button", name="Case file").click()
    page.get_by_role("link", name="Clients", exact=True).click()
    page.get_by_role("link", name="New client").click()

    # A mistake first: an enterprise without its registration number.
    page.select_option("select[name=kind]", "enterprise")
    page.fill("input[name=legal_name]", "Shenzhen Brightstar Technology Co., Ltd.")
    page.fill("input[name=chinese_name]", "深圳明星科技有限公司")
    page.select_option("select[name=country]", "CN")
    page.click("button[type=submit]")
    expect(page.get_by_text("Enter the company's registration number")).to_be_visible()
    expect(page.locator("input[name=legal_name]")).to_have_value(
        "Shenzhen Brightstar Technology Co., Ltd."
    )
    page.fill("input[name=registration_number]", "91440300MA5FXXXX1A")
    page.click("button[type=submit]")
    expect(page.get_by_text("Saved “Shenzhen Brightstar")).to_be_visible()
    client = Client.objects.get(registration_number="91440300MA5FXXXX1A")

    # Inline add through htmx: the form opens in the page and the table refreshes.
    licence = tmp_path / "licence.pdf"
    licence.write_bytes(PDF)
    page.locator("#identity-documents").get_by_role("link", name="Add").click()
    form = page.locator("#identity-document-form form")
    expect(form).to_be_visible()
    form.locator("select[name=kind]").select_option("business_licence")
    form.locator("input[name=number]").fill("LIC-2026-001")
    form.locator("input[name=file]").set_input_files(str(licence))
    form.get_by_role("button", name="Save").click()
    expect(page.locator("#identity-documents-table")).to_contain_text("Business licence")
    expect(page.locator("#identity-document-form form")).to_have_count(0)
    assert page.url.endswith(client.get_absolute_url())  # no page load happened
    assert IdentityDocument.objects.filter(client=client, number="LIC-2026-001").exists()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "client-detail.png"), full_page=True)

    # The list finds it by its Chinese name, filtered live.
    page.get_by_role("button", name="Case file").click()
    page.get_by_role("link", name="Clients", exact=True).click()
    page.fill("input[name=q]", "明星")
    expect(page.locator("#results")).to_contain_text("Shenzhen Brightstar")
