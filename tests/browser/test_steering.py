"""In a real browser: the filing-risk panel as the paralegal picks an account and a reason
code, and the client's validation page in the portal. Screenshots go to test-artifacts/."""

import datetime as dt
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.util import random_hex
from playwright.sync_api import expect

from clients import two_factor
from clients.models import Client, Membership
from clients.roles import Role
from enforcement.models import Detection, OutcomeHour, Platform
from tests.browser.conftest import shot
from tests.browser.test_chinese import sign_in
from tests.factories import ClientFactory, ComplaintFactory, ListingFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_filing_risk_panel_appears_as_the_account_and_code_are_chosen(browser, live_server):
    complaint = ComplaintFactory(links=0)  # an eligible client, right and account
    OutcomeHour.objects.create(
        client=complaint.client, platform=complaint.platform,
        account_key=complaint.account_id, reason_key=complaint.reason_code_id,
        hour=(timezone.now() - dt.timedelta(days=3)).replace(minute=0, second=0, microsecond=0),
        removed=80, rejected=20,
    )  # fmt: skip
    paralegal = UserFactory(role=Role.PARALEGAL, username="risk-paralegal")
    device = two_factor.demo_device(paralegal, random_hex(20))
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, locale="en-GB")
    page = context.new_page()
    sign_in(page, live_server, paralegal, device)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    page.goto(f"{live_server.url}{reverse('enforcement:complaint_create')}")
    for name, value in (
        ("client", complaint.client_id), ("platform", complaint.platform_id),
        ("account", complaint.account_id), ("reason_code", complaint.reason_code_id),
    ):  # fmt: skip
        page.select_option(f"select[name={name}]", str(value))
        expect(page.locator(f"select[name={name}]")).to_have_value(str(value))
    panel = page.locator("#filing-risk")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("80.0% of 100 decided notices")
    expect(panel).to_contain_text("below the platform's thresholds")
    expect(page.locator("textarea[name=risk_reason], input[name=risk_reason]")).to_be_visible()
    shot(page, "filing-risk-panel")
    context.close()


def test_the_client_validates_in_the_portal(browser, live_server):
    brand = ClientFactory(detection_validation=Client.Validation.REQUIRED)
    person = UserFactory(role=Role.CLIENT, username="validating-client")
    Membership.objects.create(user=person, client=brand)
    taobao = Platform.objects.get(code="taobao")
    key = uuid.uuid4()
    rows = [
        Detection.objects.create(
            client=brand,
            platform=taobao,
            listing=ListingFactory(platform=taobao),
            import_key=key,
            line=i,
            title=f"Suspected boot {i}",
            status=Detection.Status.AWAITING_CLIENT,
            sent_to_client_at=timezone.now(),
            firm_note="Same photos as your catalogue.",
        )  # fmt: skip
        for i in (1, 2)
    ]
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    page = context.new_page()
    sign_in(page, live_server, person)
    page.get_by_role("link", name="Listings to validate").click()
    expect(page).to_have_url(re.compile(r"/portal/validation/"))
    expect(page.get_by_text("Suspected boot 1")).to_be_visible()
    shot(page, "portal-validation")

    # Rejecting without a note: refused on screen, the box still ticked.
    page.check(f"input[name=detections][value='{rows[0].pk}']")
    page.select_option("select[name=decision]", "reject")
    page.get_by_role("button", name="Record my decision").click()
    expect(page.get_by_text("Say why these listings should not be reported.")).to_be_visible()
    expect(page.locator(f"input[name=detections][value='{rows[0].pk}']")).to_be_checked()

    page.select_option("select[name=decision]", "validate")
    page.get_by_role("button", name="Record my decision").click()
    expect(page.get_by_text("1 listing(s) decided.")).to_be_visible()
    expect(page.get_by_text("Suspected boot 1")).to_have_count(0)
    shot(page, "portal-validation-after")
    context.close()
    rows[0].refresh_from_db()
    assert rows[0].status == Detection.Status.VALIDATED and rows[0].client_decided_by == person
