"""Hostile input to every form of every page: no answer is a server error, and no row is
left in an impossible state afterwards.

The pages come from the URLconf (``test_portal_crawl.urls_for``), filled with one client's
records, and are opened by the least-privileged role that may open each one (paralegal,
then attorney, then firm admin; the portal as the client's person). Every form found in
a page's HTML (its fields, hidden ones included, its action or htmx target) is then sent,
``EXAMPLES_PER_FORM`` times, with values Hypothesis draws: each field keeps the page's own
value or gets a hostile one (empty and huge strings, NUL and other control characters,
Unicode digits, out-of-range and malformed dates, dates that contradict the case, invalid
choices and ids, oversized pastes). GET forms (filters, the calendar, the calculator) get
the same as query strings. Afterwards ``enforcement.integrity`` must find every bounded
date in range and every coherence rule holding.

Bounded for CI: derandomized (the same inputs every run), no shrinking, a fixed number of
examples per form. The number of requests sent is printed (``-s`` shows it).
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from clients.models import Membership
from clients.roles import Role
from enforcement import integrity
from enforcement.models import ComplaintLink
from enforcement.services import complaints as complaint_services
from enforcement.services import counter_notices as notice_services

from .factories import PDF, UserFactory
from .support.html_forms import HtmlField, HtmlForm, forms_of
from .test_portal_crawl import PUBLIC, urls_for
from .world import build_world

EXAMPLES_PER_FORM = 15
# Pages whose form ends the session or the second factor: sent, but last (see below).
SESSION_ENDING = {"logout"}
SKIPPED_ACTIONS = ("/accounts/logout/",)


def _moments():
    now = timezone.localtime()
    fmt = "%Y-%m-%dT%H:%M"
    return [
        (now + dt.timedelta(days=400)).strftime(fmt),
        (now + dt.timedelta(hours=3)).strftime(fmt),
        (now - dt.timedelta(days=3650)).strftime(fmt),
        "0001-01-01T00:00",
        "9999-12-31T23:59",
        "1970-01-01T00:00",
        "2026-02-30T10:00",
        "2026-06-01T25:61",
    ]


def _dates():
    today = timezone.localdate()
    return [
        (today + dt.timedelta(days=366)).isoformat(),
        (today + dt.timedelta(days=2)).isoformat(),
        "0001-01-01",
        "9999-12-31",
        "10000-01-01",
        "1899-12-31",
        "2200-01-01",
        "1990-01-01",
        "2026-13-01",
        "2026-02-30",
        "+02026-01-01",
        "2026-1-1",
    ]


WORDS = [
    "", " ", "\x00", "a\x00b", "\x1b[31mred", "tab\there", "line\nbreak", "\r\n", "\u202eevil",
    "\ufeff", "²", "٣", "１２", "𝟗", "9" * 40, "-1", "0", "1e309", "NaN", "inf",
    "<script>x</script>", "' OR 1=1 --", "%00", "../../etc/passwd", "null", "[]", "{}",
    "2026-01", "0001-01", "2026-00", "99999-99", "-5", "2026-13", "0", "10000",
]  # fmt: skip
SIZES = [101, 151, 256, 1001, 5000, 300_000]


@st.composite
def hostile(draw, field: HtmlField):
    choice = draw(st.integers(0, 6))
    if choice == 0:
        return draw(st.sampled_from(WORDS))
    if choice == 1:
        return draw(st.sampled_from(SIZES)) * draw(st.sampled_from(["a", "链", "\x00", "1"]))
    if choice == 2:
        return draw(st.sampled_from(_moments() + _dates()))
    if choice == 3:
        return draw(st.text(max_size=40))  # any code point: controls, surrogates' neighbours…
    if choice == 4 and field.options:
        return draw(st.sampled_from(field.options))  # another valid choice
    if choice == 5:
        return str(draw(st.integers(-(2**70), 2**70)))
    return draw(st.sampled_from(WORDS + _dates()))


def _upload(kind: int):
    if kind == 0:
        return SimpleUploadedFile("evidence.pdf", PDF, content_type="application/pdf")
    if kind == 1:
        return SimpleUploadedFile("evil.pdf\x00.exe", b"MZ\x00\x00", content_type="text/plain")
    return None  # no file at all


def plausible(f: HtmlField) -> str:
    """What a careful person would send in a field the page left empty."""
    if f.value or f.kind in ("hidden", "checkbox", "radio", "submit"):
        return f.value
    if f.kind == "select":
        return next((o for o in f.options if o), "")
    now = timezone.localtime() - dt.timedelta(days=1)
    return {
        "date": now.date().isoformat(),
        "datetime-local": now.strftime("%Y-%m-%dT%H:%M"),
        "time": "10:00",
        "number": "1",
        "email": "fuzz@example.com",
        "url": "https://example.com/page",
        "password": "",
    }.get(f.kind, "Fuzz text")


@st.composite
def submission(draw, form: HtmlForm):
    """The form filled as a careful person would, then one, two or every field made
    hostile: few changes reach the code behind the first checks, many test the checks."""
    data: dict[str, list] = {}
    submits = [f for f in form.fields if f.kind == "submit"]
    names = form.names()
    spread = draw(st.integers(0, 3))
    if spread == 3:
        hostile_names = {n for n in names if draw(st.booleans())}
    else:
        hostile_names = set(draw(st.lists(st.sampled_from(names), min_size=1, max_size=spread + 1)))
    for f in form.fields:
        if f.kind == "submit":
            continue
        bad = f.name in hostile_names
        if f.kind == "file":
            upload = _upload(draw(st.integers(0, 2)) if bad else 0)
            if upload is not None:
                data.setdefault(f.name, []).append(upload)
            continue
        if f.kind in ("checkbox", "radio"):
            if not bad:
                if f.checked or (f.kind == "checkbox" and f.value not in ("", "on")):
                    data.setdefault(f.name, []).append(f.value)
            elif draw(st.booleans()):
                data.setdefault(f.name, []).append(
                    f.value if draw(st.booleans()) else draw(hostile(f))
                )
            continue
        data.setdefault(f.name, []).append(draw(hostile(f)) if bad else plausible(f))
    if submits:
        button = draw(st.sampled_from(submits))
        data[button.name] = [button.value]
    return data


@pytest.fixture
def case(db, client_a):
    """One client's records of every kind, and a case carried through its lifecycle:
    a filed complaint with a removed link, a counter-notice, a rejected one with a dispute."""
    world = build_world(client_a)
    paralegal = UserFactory(role=Role.PARALEGAL, username="fuzz-paralegal")
    attorney = UserFactory(role=Role.ATTORNEY, username="fuzz-attorney")
    admin = UserFactory(role=Role.FIRM_ADMIN, username="fuzz-admin")
    person = UserFactory(role=Role.CLIENT, username="fuzz-person")
    Membership.objects.create(user=person, client=client_a, can_upload=True)
    filed = world.filed
    links = list(filed.links.order_by("position"))
    now = timezone.now()
    complaint_services.record_link_outcomes(
        links, outcome=ComplaintLink.Outcome.REMOVED, at=now, by=paralegal
    )
    for link in links[:2]:
        notice = notice_services.record_counter_notice(
            complaint=filed, links=[link], received_at=timezone.now(), by=paralegal
        )
    notice_services.decide_counter_notice(
        notice, decision="reject", reasons="The goods are counterfeits.", by=attorney
    )
    return world, {"paralegal": paralegal, "attorney": attorney, "admin": admin, "person": person}


def _body(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode(errors="replace")


def _pages(client, world, users):
    """(page url, its html, the user) for every page a role may open, least privileged first."""
    pages = []
    for name, url, method in urls_for(world):
        if method != "get" or name in PUBLIC or name in SESSION_ENDING:
            continue
        order = ["person"] if name.startswith("portal:") else ["paralegal", "attorney", "admin"]
        for role in order:
            client.force_login(users[role])
            response = client.get(url)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                pages.append((url, _body(response), users[role]))
                break
    return pages


def _flat(data: dict) -> dict:
    return {k: v if len(v) != 1 else v[0] for k, v in data.items()}


@pytest.mark.django_db
def test_hostile_input_never_breaks_a_page_nor_the_data(client, case, capsys):
    world, users = case
    pages = _pages(client, world, users)
    assert len(pages) > 60
    sent = {"requests": 0, "values": 0, "forms": 0}
    failures: dict[str, tuple] = {}
    signed_in: dict = {}
    statuses: Counter = Counter()

    def send(user, form: HtmlForm, page_url: str, data: dict) -> None:
        target = form.action or page_url
        if signed_in.get("user") != user:
            client.force_login(user)
            signed_in["user"] = user
        sent["requests"] += 1
        sent["values"] += sum(len(v) for v in data.values())
        try:
            with transaction.atomic():  # a database error must not poison the next request
                if form.method == "post":
                    response = client.post(target, _flat(data))
                else:
                    plain = {k: [v for v in vs if isinstance(v, str)] for k, vs in data.items()}
                    response = client.get(target, _flat(plain))
                status = response.status_code
                statuses[status] += 1
                if status >= 500:
                    raise AssertionError(f"answered {status}")
        except Exception as exc:  # noqa: BLE001 — every failure is collected, then reported
            frames = traceback.extract_tb(exc.__traceback__)
            ours = [f for f in frames if "/clients/" in f.filename or "/enforcement/" in f.filename]
            where = (ours or frames)[-1]
            key = f"{type(exc).__name__}: {str(exc)[:160]} at {where.filename}:{where.lineno}"
            shown = {k: [repr(v)[:60] for v in vs] for k, vs in data.items()}
            failures.setdefault(key, (form.method, target, shown))

    def fuzzer(form: HtmlForm, page_url: str, user):
        @settings(
            max_examples=EXAMPLES_PER_FORM,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(st.data())
        def fuzz(data):
            send(user, form, page_url, data.draw(submission(form)))

        return fuzz

    for page_url, html, user in pages:
        for form in forms_of(html):
            if form.action.startswith(SKIPPED_ACTIONS) or not form.fields:
                continue
            sent["forms"] += 1
            fuzzer(form, page_url, user)()

    with capsys.disabled():
        print(
            f"\nfuzz: {len(pages)} pages, {sent['forms']} forms, {sent['requests']} requests, "
            f"{sent['values']} values sent, answers {dict(sorted(statuses.items()))}, "
            f"{len(failures)} distinct failures"
        )
    assert failures == {}, "\n".join(f"{k}\n    {v}" for k, v in failures.items())
    assert integrity.impossible_rows() == []
