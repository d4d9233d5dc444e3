"""Signing in: a second factor for staff, throttling per user and address, sessions that end."""

import datetime as dt
import io

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from clients import services, two_factor
from clients.models import SecurityEvent
from clients.roles import Role
from tests.factories import PASSWORD, ClientFactory, UserFactory

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["home", "enforcement:complaint_list", "clients:client_list", "sign_in_security"]


def code_of(device):
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def log_in(browser, user, *, address="127.0.0.1", password=PASSWORD):
    return browser.post(
        reverse("login"),
        {"username": user.username, "password": password},
        REMOTE_ADDR=address,
    )


# --- second factor -----------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.PARALEGAL, Role.ATTORNEY, Role.FIRM_ADMIN])
@pytest.mark.parametrize("page", STAFF_PAGES)
def test_staff_signed_in_by_password_alone_reach_no_staff_page(role, page):
    user = UserFactory(role=role)
    browser = Client()
    assert log_in(browser, user).status_code == 302
    response = browser.get(reverse(page))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))


def test_a_staff_user_with_a_factor_is_asked_for_the_code(client, paralegal):
    TOTPDevice.objects.create(user=paralegal, name="app", confirmed=True)
    client.force_login(paralegal, second_factor=False)
    response = client.get(reverse("enforcement:complaint_list"))
    assert response["Location"].startswith(reverse("two_factor_verify"))


def test_enrolment_on_first_login_then_codes_open_the_pages(paralegal):
    browser = Client()
    log_in(browser, paralegal)
    page = browser.get(reverse("two_factor_setup"))
    assert page.status_code == 200 and page.context["qr"].startswith("data:image/svg+xml")
    device = TOTPDevice.objects.get(user=paralegal, confirmed=False)
    assert browser.post(reverse("two_factor_setup"), {"code": "000000"}).status_code == 400
    with time_machine.travel(dt.timedelta(seconds=3)):  # django-otp slows down after a miss
        done = browser.post(reverse("two_factor_setup"), {"code": code_of(device), "next": "/"})
    assert done.status_code == 200 and len(done.context["codes"]) == 10
    assert browser.get(reverse("enforcement:complaint_list")).status_code == 200
    recovery = done.context["codes"][0]

    # Next sign-in: the recovery code works once.
    other = Client()
    log_in(other, paralegal)
    assert other.get("/")["Location"].startswith(reverse("two_factor_verify"))
    assert other.post(reverse("two_factor_verify"), {"code": "123456"}).status_code == 400
    with time_machine.travel(dt.timedelta(seconds=3)):
        passed = other.post(reverse("two_factor_verify"), {"code": recovery, "next": "/"})
    assert passed["Location"] == "/"
    assert other.get(reverse("enforcement:complaint_list")).status_code == 200
    assert not StaticToken.objects.filter(token=recovery).exists()


def test_a_client_user_needs_no_factor_unless_the_client_requires_it(client_user, client_a):
    browser = Client()
    log_in(browser, client_user)
    assert browser.get(reverse("portal:overview")).status_code == 200
    client_a.requires_two_factor = True
    client_a.save()
    assert browser.get(reverse("portal:overview"))["Location"].startswith(
        reverse("two_factor_setup")
    )


def test_other_clients_requirement_does_not_bind_this_user(client_user):
    ClientFactory(requires_two_factor=True)
    browser = Client()
    log_in(browser, client_user)
    assert browser.get(reverse("portal:overview")).status_code == 200


def test_the_firm_admin_resets_a_lost_factor_with_a_reason(client, firm_admin, paralegal):
    client.force_login(paralegal)
    lost = Client()
    lost.force_login(paralegal)
    client.force_login(firm_admin)
    refused = client.post(reverse("reset_factor"), {"user": paralegal.pk, "reason": ""})
    assert refused.status_code == 302 and two_factor.has_factor(paralegal)
    client.post(reverse("reset_factor"), {"user": paralegal.pk, "reason": "phone lost"})
    assert not two_factor.has_factor(paralegal)
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.FACTOR_RESET)
    assert (event.by, event.user, event.reason) == (firm_admin, paralegal, "phone lost")
    # The paralegal's open session ended with the reset.
    assert lost.get(reverse("enforcement:complaint_list")).status_code == 302
    assert SESSION_KEY not in lost.session


def test_only_the_firm_admin_resets_factors(client, attorney, paralegal):
    client.force_login(attorney)
    assert client.get(reverse("sign_in_security")).status_code == 403
    assert (
        client.post(reverse("reset_factor"), {"user": paralegal.pk, "reason": "x"}).status_code
        == 403
    )
    with pytest.raises(PermissionDenied):
        services.reset_second_factor(paralegal, by=attorney, reason="x")


def test_a_new_factor_ends_the_users_other_sessions(paralegal):
    first, second = Client(), Client()
    for browser in (first, second):
        log_in(browser, paralegal)
    device = two_factor.pending_app_device(paralegal)
    first.post(reverse("two_factor_setup"), {"code": code_of(device)})
    assert first.get(reverse("enforcement:complaint_list")).status_code == 200
    assert second.get(reverse("two_factor_setup"))["Location"].startswith(reverse("login"))


# --- throttling --------------------------------------------------------------------------


def test_the_sixth_wrong_password_is_throttled_for_that_user_and_address_only():
    alice, bob = UserFactory(username="alice"), UserFactory(username="bob")
    browser = Client()
    for _ in range(5):
        assert log_in(browser, alice, password="wrong").status_code == 200
    locked = log_in(browser, alice, password="wrong")
    assert locked.status_code == 429
    assert "Try again in 15 minutes" in locked.content.decode()
    # Even the right password waits now.
    assert log_in(browser, alice).status_code == 429
    # The same user from another address, and another user from this address, are not.
    assert log_in(Client(), alice, address="10.0.0.2").status_code == 302
    assert log_in(Client(), bob).status_code == 302


def test_the_firm_admin_sees_and_lifts_a_lockout(client, firm_admin):
    alice = UserFactory(username="alice")
    for _ in range(6):
        log_in(Client(), alice, password="wrong")
    client.force_login(firm_admin)
    page = client.get(reverse("sign_in_security"))
    (attempt,) = page.context["lockouts"]
    assert attempt.username == "alice"
    client.post(reverse("lift_lockout"), {"attempt": attempt.pk, "reason": "called us"})
    assert not AccessAttempt.objects.filter(username="alice").exists()
    assert SecurityEvent.objects.get(kind=SecurityEvent.Kind.LOCKOUT_LIFTED).reason == "called us"
    assert log_in(Client(), alice).status_code == 302


def test_password_reset_requests_are_throttled_per_address():
    browser = Client()
    for _ in range(5):
        assert (
            browser.post(reverse("password_reset"), {"email": "x@example.com"}).status_code == 302
        )
    response = browser.post(reverse("password_reset"), {"email": "x@example.com"})
    assert response.status_code == 429 and "Try again in" in response.content.decode()
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(reverse("password_reset"), {"email": "x@example.com"}).status_code == 302


@pytest.mark.parametrize("name", ["portal:welcome", "password_reset_confirm"])
def test_guessing_invitation_and_reset_links_is_throttled(name):
    browser = Client()
    url = reverse(name, args=["MQ", "bad-token"])
    for _ in range(5):
        assert browser.get(url).status_code == 200
    assert browser.get(url).status_code == 429


# --- sessions ----------------------------------------------------------------------------


def test_a_session_ends_after_30_idle_minutes(client, paralegal):
    client.force_login(paralegal)
    assert client.get(reverse("enforcement:complaint_list")).status_code == 200
    with time_machine.travel(dt.timedelta(minutes=29)):
        assert client.get(reverse("enforcement:complaint_list")).status_code == 200
    with time_machine.travel(dt.timedelta(minutes=29 + 31)):
        response = client.get(reverse("enforcement:complaint_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert SESSION_KEY not in client.session


def test_a_session_ends_after_12_hours_however_busy(client, paralegal):
    client.force_login(paralegal)
    for minutes in range(20, 12 * 60, 20):
        with time_machine.travel(dt.timedelta(minutes=minutes)):
            assert client.get(reverse("enforcement:complaint_list")).status_code == 200
    with time_machine.travel(dt.timedelta(hours=12, minutes=5)):
        response = client.get(reverse("enforcement:complaint_list"))
    assert response["Location"].startswith(reverse("login"))


def test_changing_the_password_ends_the_other_sessions(client_user):
    here, elsewhere = Client(), Client()
    for browser in (here, elsewhere):
        log_in(browser, client_user)
    response = here.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "a-new-pass-2026!", "new_password2":
         "a-new-pass-2026!"},
    )  # fmt: skip
    assert response["Location"] == reverse("password_change_done")
    assert here.get(reverse("portal:overview")).status_code == 200
    assert elsewhere.get(reverse("portal:overview")).status_code == 302


def test_the_demo_firm_lets_a_newcomer_in_with_a_printed_code():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "manage.py demo_code paralegal" in out.getvalue()
    code = io.StringIO()
    call_command("demo_code", "paralegal", stdout=code, stderr=io.StringIO())
    browser = Client()
    browser.post(reverse("login"), {"username": "paralegal", "password": "demo-pass-2026"})
    passed = browser.post(reverse("two_factor_verify"), {"code": code.getvalue().strip()})
    assert passed.status_code == 302
    assert browser.get(reverse("enforcement:complaint_list")).status_code == 200
