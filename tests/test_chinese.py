"""Simplified Chinese end to end: the catalogue is complete and compiled, every page and
every e-mail reads in Chinese for a Chinese reader, data kept in both languages follows
the reader, CSV headers too (with stable English names on request).

A page "reads in Chinese" when no English sentence of the catalogue (a msgid of four words
or more, without placeholders) appears in it once the records' own texts (user data: names,
notes, rule titles the firm wrote) are taken out.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil

import polib
import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation

from clients import i18n_catalogue
from clients.models import Membership
from clients.roles import Role
from enforcement.models import OutboxMessage, Platform, ReasonCode, Seller
from enforcement.portal import invitations
from enforcement.services import reminders
from enforcement.services.deadlines import sync_expiry

from .factories import ClientFactory, PowerOfAttorneyFactory, UserFactory
from .test_portal_crawl import PUBLIC, urls_for
from .world import build_world

ZH = "zh-hans"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _catalogue() -> polib.POFile:
    return polib.pofile(str(i18n_catalogue.PO))


def ui_sentences() -> list[str]:
    """English sentences of the interface: msgids of 4+ words without placeholders, not only
    used by management commands' demo data or help."""
    out = []
    for entry in _catalogue():
        text = entry.msgid
        if "%(" in text or len(text.split()) < 4 or entry.obsolete:
            continue
        files = {path for path, _line in entry.occurrences}
        if files and all("/management/" in path for path in files):
            continue  # demo data and command help, never on a page
        out.append(text)
    return out


def user_texts() -> set[str]:
    """Every text the database holds (records, seeded catalogues): user data, not UI."""
    texts: set[str] = set()
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField))
        ]
        if not fields or model._meta.app_label not in ("clients", "enforcement"):
            continue
        for row in model._base_manager.values_list(*fields):
            texts.update(str(v) for v in row if v and len(str(v)) >= 12)
    return texts


def english_left(body: str, sentences: list[str], data: set[str]) -> list[str]:
    text = html.unescape(body)
    for value in sorted(data, key=len, reverse=True):
        if value in text:
            text = text.replace(value, " ")
    return [s for s in sentences if s in text]


def test_every_message_of_the_catalogue_is_translated_and_not_fuzzy():
    missing = i18n_catalogue.untranslated(_catalogue())
    assert not missing, (
        f"{len(missing)} untranslated or fuzzy msgid(s) in {i18n_catalogue.PO.name} "
        "(write their msgstr, then scripts/i18n compile):\n" + "\n".join(map(repr, missing))
    )
    assert len(_catalogue()) > 1400


def test_the_committed_mo_is_compiled_from_the_po():
    stale = i18n_catalogue.stale_mo()
    assert not stale, "run scripts/i18n compile; stale: " + ", ".join(map(repr, stale[:20]))


def test_plural_forms_are_chinese_and_placeholders_survive():
    po = _catalogue()
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    placeholder = re.compile(r"%\(\w+\)[-+ 0-9.]*[sdf]")
    for entry in po:
        source = set(placeholder.findall(entry.msgid_plural or entry.msgid))
        text = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
        assert set(placeholder.findall(text)) == source, entry.msgid


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext's xgettext")
def test_every_marked_string_of_the_code_is_in_the_catalogue():
    gaps = i18n_catalogue.source_gaps()
    assert gaps == [], "run scripts/i18n update, then translate:\n" + "\n".join(map(repr, gaps))


@pytest.fixture
def chinese_world(client_a):
    return build_world(client_a)


def _body(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode(errors="replace")


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PARALEGAL, Role.ATTORNEY, Role.FIRM_ADMIN])
def test_every_staff_page_reads_in_chinese(client, chinese_world, role):
    user = UserFactory(role=role, language=ZH)
    client.force_login(user)
    sentences, data = ui_sentences(), user_texts()
    english, seen = {}, 0
    for name, url, method in urls_for(chinese_world):
        if method == "post" or name.startswith("portal:") or name in PUBLIC:
            continue
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        seen += 1
        body = _body(response)
        assert 'lang="zh-hans"' in body or url.endswith(".print"), url  # print: bilingual
        left = english_left(body, sentences, data)
        if left:
            english[url] = left
    assert seen > 60
    assert english == {}, "English left on Chinese pages:\n" + "\n".join(
        f"{url}: {left}" for url, left in english.items()
    )


@pytest.mark.django_db
def test_every_portal_page_reads_in_chinese(client, chinese_world, client_a):
    person = UserFactory(role=Role.CLIENT, username="zh-person", language=ZH)
    Membership.objects.create(user=person, client=client_a)
    client.force_login(person)
    sentences, data = ui_sentences(), user_texts()
    english, seen = {}, 0
    for name, url, method in urls_for(chinese_world):
        if method == "post" or not (name.startswith("portal:") or name == "profile"):
            continue
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        seen += 1
        left = english_left(_body(response), sentences, data)
        if left:
            english[url] = left
    assert seen >= 5
    assert english == {}, english


@pytest.mark.django_db
def test_pages_before_login_follow_the_browser():
    from django.test import Client

    browser = Client(HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9,en;q=0.5")
    sentences = ui_sentences()
    for name in ("login", "password_reset", "password_reset_done", "password_reset_complete"):
        body = _body(browser.get(reverse(name)))
        assert 'lang="zh-hans"' in body, name
        assert english_left(body, sentences, set()) == [], name
    english = Client(HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert "Log in" in _body(english.get(reverse("login")))


@pytest.mark.django_db
def test_the_switch_saves_the_preference_and_pages_follow_it(client, paralegal):
    client.force_login(paralegal)
    assert paralegal.language == "en"
    response = client.post(reverse("set_language"), {"language": ZH, "next": reverse("home")})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    paralegal.refresh_from_db()
    assert paralegal.language == ZH
    page = client.get(reverse("enforcement:deadline_list"))
    assert "我的期限" in page.content.decode() or "期限" in page.content.decode()
    # The preference, not the cookie, decides once signed in: another browser follows it.
    from .conftest import SignedInClient

    other = SignedInClient(HTTP_ACCEPT_LANGUAGE="en")
    other.force_login(paralegal)
    assert 'lang="zh-hans"' in other.get(reverse("profile")).content.decode()
    saved = other.post(reverse("profile"), {"language": "en", "time_zone": "Europe/Paris"})
    assert saved.status_code == 302
    paralegal.refresh_from_db()
    assert (paralegal.language, paralegal.time_zone) == ("en", "Europe/Paris")


@pytest.mark.django_db
def test_an_unknown_language_or_foreign_next_is_refused(client, paralegal):
    client.force_login(paralegal)
    response = client.post(
        reverse("set_language"), {"language": "xx", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")
    paralegal.refresh_from_db()
    assert paralegal.language == "en"


def _assert_chinese(subject: str, body: str) -> None:
    assert CJK.search(subject), subject
    sentences = [s for s in ui_sentences()]
    left = english_left(subject + "\n" + body, sentences, user_texts())
    assert left == [], left


@pytest.mark.django_db
def test_reminders_and_digests_go_out_in_the_recipients_language():
    owner = UserFactory(
        role=Role.PARALEGAL, username="zh-owner", language=ZH, time_zone="Asia/Shanghai"
    )
    supervisor = UserFactory(role=Role.ATTORNEY, username="en-sup", language="en")
    poa = PowerOfAttorneyFactory(valid_to=timezone.localdate() + dt.timedelta(days=25))
    poa.client.supervising_attorney = supervisor
    poa.client.save()
    (deadline,) = sync_expiry(poa)
    deadline.owner = owner
    deadline.save(update_fields=["owner"])
    later = timezone.now() + dt.timedelta(days=30)
    reminders.sweep(later, hand_to_workers=False)  # overdue for the owner, escalated
    by_kind = {(m.kind, m.recipient_id): m for m in OutboxMessage.objects.all()}
    overdue = by_kind[(OutboxMessage.Kind.OVERDUE, owner.pk)]
    _assert_chinese(overdue.subject, overdue.body)
    assert overdue.subject.startswith("自 ") and "逾期" in overdue.subject
    escalation = by_kind[(OutboxMessage.Kind.ESCALATION, supervisor.pk)]
    assert escalation.subject.startswith("Escalated, overdue since")
    digest = OutboxMessage.objects.filter(kind=OutboxMessage.Kind.DIGEST, recipient=owner)
    if not digest.exists():  # the sweep's moment may fall before the digest hour there
        reminders.queue_digests(later + dt.timedelta(hours=12))
    digest = OutboxMessage.objects.get(kind=OutboxMessage.Kind.DIGEST, recipient=owner)
    _assert_chinese(digest.subject, digest.body)
    assert digest.subject.startswith("您的期限")


@pytest.mark.django_db
def test_invitation_and_upload_notice_go_out_in_the_recipients_language(attorney):
    mainland = ClientFactory(country="CN", chinese_name="深圳示例科技有限公司")
    with translation.override("en"):  # the inviting attorney reads English
        person = invitations.invite(
            mainland, email="li@example.cn", first_name="Li", last_name="Wei", by=attorney
        )
    assert person.language == ZH  # a mainland client's person starts in Chinese
    message = OutboxMessage.objects.get(kind=OutboxMessage.Kind.INVITATION)
    _assert_chinese(message.subject, message.body)
    assert "深圳示例科技有限公司" in message.subject

    from clients.models import DocumentRequest
    from enforcement.portal import services as portal_services

    from .factories import pdf

    attorney.language = ZH
    attorney.save(update_fields=["language"])
    item = DocumentRequest.objects.create(
        client=mainland, title="Signed POA", due_on=timezone.localdate(), requested_by=attorney
    )
    membership = Membership.objects.get(user=person, client=mainland)
    membership.can_upload = True
    membership.save()
    with translation.override("en"):
        portal_services.upload_for_request(
            item, file=pdf(), note="", membership=membership, by=person
        )
    notice = OutboxMessage.objects.get(kind=OutboxMessage.Kind.CLIENT_UPLOAD)
    assert "发送了" in notice.subject


@pytest.mark.django_db
def test_data_kept_in_both_languages_follows_the_reader():
    taobao = Platform.objects.get(code="taobao")
    reason = ReasonCode.objects.get(code="tm-counterfeit")
    with translation.override(ZH):
        assert str(taobao) == "淘宝（含闲鱼）"
        assert str(taobao.group) == "阿里巴巴知识产权保护平台"
        assert reason.label == "假冒注册商标的商品" and CJK.search(reason.guidance_text)
    with translation.override("en"):
        assert str(taobao) == "Taobao (incl. Xianyu)"
        assert reason.label == "Counterfeit goods bearing the registered mark"


def test_holiday_names_follow_the_reader():
    from enforcement.calendar_sources import source_for

    source = source_for("CN")
    day = dt.date(2026, 10, 1)
    with translation.override(ZH):
        assert source.holiday_name(day) == "国庆节"
    with translation.override("en"):
        assert source.holiday_name(day) == "National Day"


@pytest.mark.django_db
def test_csv_headers_in_the_readers_language_or_stable_english(client, client_a):
    person = UserFactory(role=Role.CLIENT, username="csv-person", language=ZH)
    Membership.objects.create(user=person, client=client_a)
    client.force_login(person)
    chinese = _body(client.get(reverse("portal:export")))
    zone = person.time_zone
    assert chinese.splitlines()[0] == f"投诉,平台,商品链接,状态,投诉日期 ({zone}),判定日期 ({zone})"
    stable = _body(client.get(reverse("portal:export") + "?headers=en"))
    assert stable.splitlines()[0] == "complaint,platform,listing,status,reported,decided"


@pytest.mark.django_db
def test_search_finds_clients_sellers_and_rights_by_their_chinese_names(client, paralegal):
    from .factories import IPRFactory

    mainland = ClientFactory(legal_name="Shenzhen Example Tech", chinese_name="深圳示例科技")
    IPRFactory(client=mainland, title="EXAMPLE", title_zh="示例牌")
    client.force_login(paralegal)
    found = client.get(reverse("clients:client_list"), {"q": "示例科技"}).content.decode()
    assert "Shenzhen Example Tech" in found
    found = client.get(reverse("enforcement:ipr_list"), {"q": "示例牌"}).content.decode()
    assert "EXAMPLE" in found
    found = client.get(reverse("enforcement:ipr_list"), {"q": "深圳示例"}).content.decode()
    assert "EXAMPLE" in found
    Seller.objects.create(
        platform=Platform.objects.get(code="taobao"), seller_id="s-991", name="Yiwu Goods",
        name_zh="义乌好货",
    )  # fmt: skip
    found = client.get(reverse("enforcement:seller_list"), {"q": "好货"}).content.decode()
    assert "Yiwu Goods" in found
