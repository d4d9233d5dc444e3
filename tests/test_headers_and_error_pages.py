"""Content-Security-Policy on real responses, no inline script or style, friendly errors."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import get_template
from django.test import Client
from django.urls import reverse

from tests.world import build_world

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"\sstyle=|<style|\son[a-z]+=", re.I)


def policy(response) -> str:
    return response.headers.get("Content-Security-Policy", "")


def assert_strict(response):
    header = policy(response)
    assert "script-src 'self'" in header and "style-src 'self'" in header, header
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    assert "frame-ancestors 'none'" in header
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html)
    assert not INLINE_STYLE.search(html), INLINE_STYLE.search(html)


def test_no_template_has_inline_script_or_style():
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        assert not INLINE_SCRIPT.search(text), path
        assert not INLINE_STYLE.search(text), path


def test_the_login_page_carries_the_policy():
    assert_strict(Client().get(reverse("login")))


@pytest.mark.parametrize(
    "name",
    ["home", "enforcement:complaint_list", "enforcement:numbers", "clients:client_list",
     "enforcement:deadline_calendar", "sign_in_security"],
)  # fmt: skip
def test_staff_pages_carry_the_policy(client, firm_admin, name):
    client.force_login(firm_admin)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_strict(response)


def test_portal_and_print_pages_carry_the_policy(client, client_a, client_user, paralegal):
    world = build_world(client_a)
    client.force_login(client_user)
    assert_strict(client.get(reverse("portal:overview")))
    client.force_login(paralegal)
    response = client.get(reverse("enforcement:complaint_export", args=[world.filed.pk, "html"]))
    assert response.status_code == 200
    assert_strict(response)


def test_a_mistyped_address_gets_the_sites_404_not_a_debug_page(client, client_user):
    client.force_login(client_user)
    response = client.get("/portal/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "This page does not exist" in html and reverse("portal:overview") in html
    assert "URLconf" not in html and "enforcement/" not in html
    assert_strict(response)


def test_a_refusal_says_what_happened_and_where_to_go(client, client_user):
    client.force_login(client_user)
    response = client.get(reverse("enforcement:complaint_list"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "You may not open this page" in html and reverse("portal:overview") in html


def test_a_server_error_is_shown_in_the_sites_layout():
    html = get_template("500.html").render({})
    assert "Something went wrong on our side" in html and 'href="/"' in html


def test_debug_is_off_unless_asked_for():
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_DEBUG"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,  # noqa: S603
                         cwd=settings.BASE_DIR, check=True)  # fmt: skip
    assert out.stdout.strip().splitlines()[-1] == "False"
