"""Every eligibility rule firing alone, and a fully eligible complaint."""

import datetime as dt

import pytest
from django.utils import timezone

from enforcement.models import IPR, Platform, PlatformGroup, ReasonCode
from enforcement.rules.eligibility import DraftComplaint, LinkFacts, complaint_problems
from tests.factories import (
    ClaimStatementFactory,
    ClientFactory,
    IPRDocumentFactory,
    IPRFactory,
    IPRVerificationFactory,
    PlatformAccountFactory,
    PowerOfAttorneyFactory,
    platform,
)

# The day the rules are checked on: the run's today (factories date their records from it).
ON = timezone.localdate()


def draft_for(**changes):
    """A complaint that can be filed; each change breaks (or keeps) one thing."""
    client = changes.pop("client", None) or ClientFactory(country="US")
    taobao = changes.pop("platform", None) or platform("taobao")
    account = changes.pop("account", "default")
    if account == "default":
        account = PlatformAccountFactory()
    ipr = changes.pop("ipr", "default")
    if ipr == "default":
        ipr = IPRFactory(client=client, jurisdiction="CN")
    verify = changes.pop("verify", True)
    if verify and ipr is not None and account is not None:
        IPRVerificationFactory(ipr=ipr, account=account, status="verified", decided_on=ON)
    poa = changes.pop("poa", True)
    if poa:
        covered = ["taobao", "aliexpress", "tmall", "tmall_global"]
        PowerOfAttorneyFactory(
            client=client,
            valid_from=ON - dt.timedelta(days=30),
            valid_to=ON + dt.timedelta(days=300),
            platforms=Platform.objects.filter(code__in=covered),
        )
    kind = ipr.kind if ipr is not None else "trademark"
    target = changes.pop("target_kind", "listing")
    reason = changes.pop("reason_code", "default")
    if reason == "default":
        reason = ReasonCode.objects.filter(
            ipr_kind=kind, target_kind=target, platforms=taobao
        ).first()
    links = changes.pop("links", None) or [LinkFacts(taobao.code, target)] * 3
    assert not changes, changes
    return DraftComplaint(
        client=client, platform=taobao, account=account, ipr=ipr, target_kind=target,
        reason_code=reason, links=links, on=ON, poas=client.powers_of_attorney.all(),
        verifications=ipr.verifications.all() if ipr is not None else [],
    )  # fmt: skip


def codes(draft):
    return [p.code for p in complaint_problems(draft)]


@pytest.mark.django_db
def test_fully_eligible_complaint_has_no_problems():
    assert complaint_problems(draft_for()) == []


@pytest.mark.django_db
def test_unregistered_copyright_with_complete_statement_is_eligible_on_aliexpress():
    client = ClientFactory(country="GB", kind="individual", registration_number="")
    statement = ClaimStatementFactory(ipr__client=client, ipr__jurisdiction="GB")
    draft = draft_for(client=client, platform=platform("aliexpress"), ipr=statement.ipr)
    assert codes(draft) == []


def _right_expired(client):
    return IPRFactory(client=client, effective_to=ON - dt.timedelta(days=1))


def _patent_without_report(client):
    patent = IPRFactory(client=client, kind="patent")
    IPRDocumentFactory(ipr=patent, kind="patent_certificate")
    return patent


BROKEN_RIGHTS = {
    "jurisdiction_not_accepted": lambda c: IPRFactory(client=c, jurisdiction="US"),
    "trademark_not_registered": lambda c: IPRFactory(
        client=c, status="pending", registration_number=""
    ),
    "ipr_expired": _right_expired,
    "unregistered_copyright_not_accepted": lambda c: (
        ClaimStatementFactory(ipr__client=c, ipr__jurisdiction="CN").ipr
    ),
    "patent_without_evaluation_report": _patent_without_report,
    "ipr_other_client": lambda c: IPRFactory(jurisdiction="CN"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("code", list(BROKEN_RIGHTS))
def test_each_right_rule_fires_alone(code):
    client = ClientFactory(country="US")
    draft = draft_for(client=client, ipr=BROKEN_RIGHTS[code](client))
    assert codes(draft) == [code]


@pytest.mark.django_db
def test_incomplete_claim_statement_fires_alone_where_unregistered_copyright_is_accepted():
    client = ClientFactory(country="GB")
    ipr = ClaimStatementFactory(ipr__client=client, description="").ipr
    assert codes(draft_for(client=client, platform=platform("aliexpress"), ipr=ipr)) == [
        "claim_statement_incomplete"
    ]


@pytest.mark.django_db
def test_right_not_verified_on_the_account_fires_alone():
    assert codes(draft_for(verify=False)) == ["ipr_not_verified"]


@pytest.mark.django_db
def test_agent_without_poa_fires_alone():
    assert codes(draft_for(poa=False)) == ["no_poa"]


@pytest.mark.django_db
def test_right_holder_account_needs_no_poa():
    client = ClientFactory(country="US")
    own = PlatformAccountFactory(client=client, registrant_category="right_holder")
    assert codes(draft_for(client=client, account=own, poa=False)) == []


@pytest.mark.django_db
def test_too_many_links_fires_alone():
    links = [LinkFacts("taobao", "listing")] * 301
    assert codes(draft_for(links=links)) == ["too_many_links"]


@pytest.mark.django_db
def test_links_from_another_platform_fire_alone():
    links = [LinkFacts("taobao", "listing"), LinkFacts("tmall", "listing")]
    assert codes(draft_for(links=links)) == ["links_from_other_platform"]


@pytest.mark.django_db
def test_storefront_where_platform_takes_them_by_email_fires_alone():
    client = ClientFactory(country="GB")
    ipr = IPRFactory(client=client, jurisdiction="GB")
    draft = draft_for(
        client=client, platform=platform("aliexpress"), ipr=ipr, target_kind="storefront",
        links=[LinkFacts("aliexpress", "storefront")],
    )  # fmt: skip
    assert codes(draft) == ["storefront_not_accepted"]
    assert "by e-mail" in complaint_problems(draft)[0].message


@pytest.mark.django_db
def test_wrong_reason_code_fires_alone():
    wrong = ReasonCode.objects.get(code="pt-design")
    assert codes(draft_for(reason_code=wrong)) == ["reason_code_mismatch"]


@pytest.mark.django_db
def test_account_on_another_portal_fires():
    lazada = PlatformAccountFactory(group=PlatformGroup.objects.get(code="lazada"))
    assert "account_wrong_portal" in codes(draft_for(account=lazada))


@pytest.mark.django_db
def test_unverified_account_fires_alone():
    pending = PlatformAccountFactory(verification_status="submitted", verified_on=None)
    assert codes(draft_for(account=pending)) == ["account_not_verified"]


@pytest.mark.django_db
def test_missing_choices_are_each_named():
    found = codes(draft_for(account=None, ipr=None, reason_code=None, poa=False))
    assert {"no_account", "no_ipr", "no_reason_code"} <= set(found)


@pytest.mark.django_db
def test_tmall_global_accepts_hong_kong_rights_but_taobao_does_not():
    client = ClientFactory(country="HK")
    hk = IPRFactory(client=client, jurisdiction="HK")
    assert codes(draft_for(client=client, ipr=hk, platform=platform("tmall_global"))) == []
    hk2 = IPRFactory(client=client, jurisdiction="HK")
    assert codes(draft_for(client=client, ipr=hk2)) == ["jurisdiction_not_accepted"]


@pytest.mark.django_db
def test_lazada_needs_a_right_of_that_country():
    client = ClientFactory(country="SG")
    group = PlatformGroup.objects.get(code="lazada")
    account = PlatformAccountFactory(group=group)
    sg = IPRFactory(client=client, jurisdiction="SG")
    lazada_sg = platform("lazada_sg")
    assert codes(draft_for(client=client, ipr=sg, account=account, platform=lazada_sg,
                           poa=False)) == ["no_poa"]  # fmt: skip
    assert IPR.objects.filter(jurisdiction="SG").exists()
    lazada_my = platform("lazada_my")
    my_draft = draft_for(client=client, ipr=IPRFactory(client=client, jurisdiction="SG"),
                         account=account, platform=lazada_my, poa=False)  # fmt: skip
    assert "jurisdiction_not_accepted" in codes(my_draft)
