"""The site in Chinese in a real browser: the switch on the navigation bar, kept on the
person's profile (a new session opens in Chinese), and screenshots of the main pages.

The screenshots are written to test-artifacts/ (zh-*.png); their paths are printed.
"""

import re

import pytest
from django.urls import reverse
from django_otp.util import random_hex
from playwright.sync_api import expect

from clients import two_factor
from clients.models import Membership
from clients.roles import Role
from tests.browser.conftest import shot as screenshot
from tests.factories import PASSWORD, UserFactory
from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(page, name):
    screenshot(page, f"zh-{name}")


def sign_in(page, live_server, user, device=None):
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    if device is not None:
        expect(page).to_have_url(re.compile(r"/accounts/two-factor/"))
        page.fill("input[name=code]", two_factor.current_code(device))
        page.click("button[type=submit]")


def test_staff_switch_to_chinese_and_it_stays(browser, live_server, client_a):
    world = build_world(client_a)
    attorney = UserFactory(role=Role.ATTORNEY, username="zh-attorney")
    device = two_factor.demo_device(attorney, random_hex(20))
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    page = context.new_page()
    sign_in(page, live_server, attorney, device)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    page.get_by_role("button", name="中文").click()
    expect(page.get_by_role("heading", name="仪表板")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    shot(page, "dashboard")

    page.goto(f"{live_server.url}{world.filed.get_absolute_url()}")
    expect(page.locator("main").get_by_text("投诉理由代码").first).to_be_visible()
    shot(page, "complaint")
    page.goto(f"{live_server.url}{reverse('enforcement:counternotice_list')}")
    expect(page.locator("main").get_by_role("heading", name="反通知")).to_be_visible()
    shot(page, "counter-notice-queue")
    context.close()

    # A new browser that asks for English: the saved preference wins as soon as the
    # password is accepted (the second-factor page already reads in Chinese).
    fresh = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    page = fresh.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    sign_in(page, live_server, attorney)
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", name="两步验证登录")).to_be_visible()
    shot(page, "second-factor-new-browser")
    fresh.close()
    attorney.refresh_from_db()
    assert attorney.language == "zh-hans"


def test_portal_overview_in_chinese(browser, live_server, client_a):
    build_world(client_a)
    person = UserFactory(role=Role.CLIENT, username="zh-client", language="zh-hans")
    Membership.objects.create(user=person, client=client_a)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("button", name="登录")).to_be_visible()  # the browser's language
    shot(page, "login")
    sign_in(page, live_server, person)
    expect(page.get_by_text("客户门户")).to_be_visible()
    expect(page.get_by_role("link", name="概览")).to_be_visible()
    shot(page, "portal-overview")
    context.close()
