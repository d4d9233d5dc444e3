"""Bad input gets a clear message that says what to fix, and the form comes back filled."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from clients.models import Client, PowerOfAttorney
from enforcement.models import IPR, IPRVerification

from .factories import (
    PDF,
    ClaimStatementFactory,
    IPRFactory,
    PlatformAccountFactory,
    PowerOfAttorneyFactory,
    platform,
)


def upload(name="signed.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.django_db
def test_poa_ending_before_it_starts_is_refused_and_form_keeps_input(client, paralegal, client_a):
    client.force_login(paralegal)
    response = client.post(
        reverse("clients:powerofattorney_create"),
        {
            "client": client_a.pk,
            "agent_name": "Firm LLP",
            "covers_all_rights": "on",
            "platforms": [platform("taobao").pk],
            "valid_from": "2026-05-01",
            "valid_to": "2026-04-01",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "A power of attorney cannot end before it starts." in form.errors["valid_to"]
    assert form["agent_name"].value() == "Firm LLP"
    assert "Firm LLP" in response.content.decode()
    assert not PowerOfAttorney.objects.exists()


@pytest.mark.django_db
def test_poa_limited_to_chosen_rights_needs_rights_of_that_client(client, paralegal, client_a):
    foreign = IPRFactory(title="OTHERMARK")
    client.force_login(paralegal)
    data = {
        "client": client_a.pk,
        "agent_name": "Firm LLP",
        "platforms": [platform("taobao").pk],
        "valid_from": "2026-01-01",
        "valid_to": "2027-01-01",
    }
    response = client.post(reverse("clients:powerofattorney_create"), data)
    assert "Choose the IP rights this POA covers" in response.context["form"].errors["rights"][0]
    response = client.post(
        reverse("clients:powerofattorney_create"), {**data, "rights": [foreign.pk]}
    )
    assert "belong to another client: OTHERMARK" in response.context["form"].errors["rights"][0]


@pytest.mark.django_db
def test_poa_is_created_with_its_signed_copy(client, paralegal, client_a):
    client.force_login(paralegal)
    response = client.post(
        reverse("clients:powerofattorney_create"),
        {
            "client": client_a.pk,
            "agent_name": "Firm LLP",
            "covers_all_rights": "on",
            "platforms": [platform("taobao").pk, platform("tmall").pk],
            "valid_from": dt.date.today().isoformat(),
            "valid_to": (dt.date.today() + dt.timedelta(days=400)).isoformat(),
            "signed_file": upload(),
        },
    )
    poa = PowerOfAttorney.objects.get()
    assert response.status_code == 302
    assert poa.status == "active"
    assert poa.signed_file.read() == PDF
    assert set(poa.platforms.values_list("code", flat=True)) == {"taobao", "tmall"}


@pytest.mark.django_db
def test_database_refuses_poa_ending_before_start(client_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        PowerOfAttorney.objects.create(
            client=client_a, agent_name="x", valid_from="2026-05-01", valid_to="2026-01-01"
        )


@pytest.mark.django_db
def test_database_refuses_duplicate_registration_number_in_one_jurisdiction():
    IPRFactory(registration_number="12345678", jurisdiction="CN", kind="trademark")
    IPRFactory(registration_number="12345678", jurisdiction="HK", kind="trademark")  # fine
    IPRFactory(registration_number="12345678", jurisdiction="CN", kind="patent")  # fine
    with pytest.raises(IntegrityError), transaction.atomic():
        IPRFactory(registration_number="12345678", jurisdiction="CN", kind="trademark")


@pytest.mark.django_db
def test_duplicate_registration_number_gets_a_friendly_message(client, paralegal, client_a):
    IPRFactory(registration_number="12345678", jurisdiction="CN", kind="trademark")
    client.force_login(paralegal)
    response = client.post(
        reverse("enforcement:ipr_create"),
        {
            "client": client_a.pk, "kind": "trademark", "title": "ALPHA", "status": "registered",
            "registration_number": "12345678", "jurisdiction": "CN", "owner_name": "Alpha",
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert "already on file for this jurisdiction" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"kind": "trademark", "status": "unregistered"}, "status", "Only a copyright can be"),
        ({"status": "registered", "registration_number": ""}, "registration_number",
         "needs its registration number"),
        ({"effective_from": "2026-01-01", "effective_to": "2025-01-01"}, "effective_to",
         "cannot end before it starts"),
        ({"kind": "copyright", "trademark_classes": "9"}, "trademark_classes", "trademarks only"),
        ({"trademark_classes": "9, 99"}, "trademark_classes", "from 1 to 45"),
        ({"trademark_classes": "nine"}, "trademark_classes", "whole numbers"),
    ],
)  # fmt: skip
def test_ipr_form_explains_what_to_fix(client, paralegal, client_a, fields, field, message):
    data = {
        "client": client_a.pk, "kind": "trademark", "title": "ALPHA", "status": "registered",
        "registration_number": "55555", "jurisdiction": "CN", "owner_name": "Alpha Inc",
        **fields,
    }  # fmt: skip
    client.force_login(paralegal)
    response = client.post(reverse("enforcement:ipr_create"), data)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors
    assert not IPR.objects.exists()


@pytest.mark.django_db
def test_pending_trademark_cannot_be_submitted_for_verification(client, paralegal):
    pending = IPRFactory(status="pending", registration_number="")
    account = PlatformAccountFactory()
    client.force_login(paralegal)
    response = client.post(
        reverse("enforcement:iprverification_create"),
        {"ipr": pending.pk, "account": account.pk, "submitted_on": "2026-03-01"},
    )
    assert response.status_code == 200
    assert "A pending trademark cannot be used for complaints" in response.content.decode()
    assert not IPRVerification.objects.exists()


@pytest.mark.django_db
def test_registered_trademark_is_submitted_for_verification(client, paralegal, today):
    right = IPRFactory()
    account = PlatformAccountFactory()
    client.force_login(paralegal)
    response = client.post(
        reverse("enforcement:iprverification_create"),
        {"ipr": right.pk, "account": account.pk, "submitted_on": today.isoformat()},
    )
    assert response.status_code == 302
    assert IPRVerification.objects.get().status == "submitted"


@pytest.mark.django_db
def test_right_cannot_go_to_another_right_holders_account(client, paralegal, client_b, today):
    right = IPRFactory()
    account = PlatformAccountFactory(client=client_b, registrant_category="right_holder")
    client.force_login(paralegal)
    response = client.post(
        reverse("enforcement:iprverification_create"),
        {"ipr": right.pk, "account": account.pk, "submitted_on": today.isoformat()},
    )
    assert "belongs to another right holder" in response.content.decode()


@pytest.mark.django_db
def test_claim_statement_lists_every_missing_item():
    statement = ClaimStatementFactory(
        attests_unauthorised_use=False, creator_name="Bob Painter", description="",
        first_publication_url="", created_at_time=None,
    )  # fmt: skip
    missing = statement.missing_items()
    assert missing == [
        "1. the attestation that the links use the work without consent",
        "3. proof that the creator assigned the work to the owner",
        "4. the date, time and place of creation",
        "7. evidence of first publication",
        "8. a description of the work's major characteristics",
    ]
    assert ClaimStatementFactory().missing_items() == []


@pytest.mark.django_db
def test_unregistered_copyright_with_incomplete_statement_is_not_usable(today):
    statement = ClaimStatementFactory(creation_method="")
    problems = statement.ipr.usability_problems(today)
    assert problems == ["The copyright claim statement is missing: 5. the method of creation."]


@pytest.mark.django_db
def test_patent_without_evaluation_report_is_not_usable(today):
    from .factories import IPRDocumentFactory

    patent = IPRFactory(kind="patent")
    IPRDocumentFactory(ipr=patent, kind="patent_certificate")
    problems = patent.usability_problems(today)
    assert problems == ["A patent needs its evaluation report on file; upload it under Documents."]
    IPRDocumentFactory(ipr=patent, kind="evaluation_report")
    patent = IPR.objects.prefetch_related("documents").get(pk=patent.pk)
    assert patent.usability_problems(today) == []


@pytest.mark.django_db
def test_expired_right_is_not_usable_after_its_end():
    right = IPRFactory(effective_from=dt.date(2020, 1, 1), effective_to=dt.date(2025, 12, 31))
    assert right.usability_problems(dt.date(2025, 12, 31)) == []
    assert "expired on" in right.usability_problems(dt.date(2026, 1, 1))[0]


@pytest.mark.django_db
def test_enterprise_without_registration_number_is_refused(client, paralegal):
    client.force_login(paralegal)
    response = client.post(
        reverse("clients:client_create"),
        {"kind": "enterprise", "legal_name": "Gamma GmbH", "country": "DE"},
    )
    errors = response.context["form"].errors["registration_number"]
    assert errors[0].startswith("Enter the company's registration number")
    assert response.context["form"]["legal_name"].value() == "Gamma GmbH"
    assert not Client.objects.exists()


@pytest.mark.django_db
def test_platform_catalogue_edit_validates_codes(client, firm_admin):
    taobao = platform("taobao")
    client.force_login(firm_admin)
    data = {
        "code": "taobao", "name": "Taobao", "group": taobao.group_id,
        "accepted_jurisdictions": "CN, XX", "storefront_complaints": "portal",
        "max_links_per_complaint": 300, "time_zone": "Asia/Shanghia", "calendar": "CN",
    }  # fmt: skip
    response = client.post(reverse("enforcement:platform_update", args=[taobao.pk]), data)
    errors = response.context["form"].errors
    assert "Unknown jurisdiction codes: XX" in errors["accepted_jurisdictions"][0]
    assert "is not a known time zone" in errors["time_zone"][0]
    data.update(accepted_jurisdictions="cn, hk", time_zone="Asia/Shanghai")
    response = client.post(reverse("enforcement:platform_update", args=[taobao.pk]), data)
    assert response.status_code == 302
    taobao.refresh_from_db()
    assert taobao.accepted_jurisdictions == ["CN", "HK"]
    assert taobao.accepts_jurisdiction("HK")


@pytest.mark.django_db
def test_poa_factory_default_is_active():
    assert PowerOfAttorneyFactory().status == "active"


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "٣", "9" * 40, "-1", "1e3", " ", None])
def test_ids_read_from_a_request_refuse_what_is_not_a_plain_number(value):
    from clients.params import id_or_none, ids

    assert id_or_none(value) is None
    assert ids([value, "12"]) == [12]


@pytest.mark.django_db
def test_hostile_ids_on_the_batch_and_notification_pages_answer_without_error(client, attorney):
    client.force_login(attorney)
    batch = client.get(reverse("enforcement:counternotice_batch"), {"notice": ["²", "9" * 40]})
    assert batch.status_code == 302  # "tick the notices first"
    read = client.post(reverse("enforcement:notification_list"), {"notification": ["²"]})
    assert read.status_code == 302
    new = client.get(reverse("enforcement:counternotice_create"), {"complaint": "٣"})
    assert new.status_code in (200, 302, 404)
