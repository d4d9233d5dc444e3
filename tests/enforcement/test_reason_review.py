"""The attorney reviews the exact text sent: a reason template fills the reasons box (after
a draft already there), and a batch shows each notice's final text before it rejects."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from enforcement.models import CounterNotice, ReasonTemplate
from enforcement.services import counter_notices as service
from enforcement.services import record_link_outcomes
from enforcement.services.complaints import submit_complaint
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_notices(paralegal):
    base = timezone.now() - dt.timedelta(days=5)
    complaint = ComplaintFactory(links=2)
    submit_complaint(complaint, reference="IPP-R", submitted_at=base, by=paralegal)
    links = list(complaint.links.order_by("position"))
    record_link_outcomes(links, outcome="removed", at=base + dt.timedelta(days=1), by=paralegal)
    return [
        service.record_counter_notice(
            complaint=complaint,
            links=[link],
            received_at=base + dt.timedelta(days=2),
            by=paralegal,
            claim_kind="trademark",
            claim_number="TM-2",
            claim_owner="Seller",
            claim_jurisdiction="CN",
            seller_statement="Ours.",
        )  # fmt: skip
        for link in links
    ]


@pytest.fixture
def template(db):
    return ReasonTemplate.objects.create(
        title="Counterfeit", text_en="The goods copy the registered mark.", text_zh="假冒商品。"
    )


def _decide(client, notice, **data):
    return client.post(
        reverse("enforcement:counternotice_decide", args=[notice.pk]),
        {"decision": "reject", "version": service.version_of(notice), **data},
    )


def test_use_template_appends_to_the_draft_and_decides_nothing(
    client, attorney, two_notices, template
):
    notice = two_notices[0]
    client.force_login(attorney)
    response = _decide(
        client, notice, reasons="Test purchase 12 shows a fake.", template=template.pk,
        action="use_template",
    )  # fmt: skip
    assert response.status_code == 200
    form = response.context["decision_form"]
    assert form.initial["reasons"] == (
        "Test purchase 12 shows a fake.\n\nThe goods copy the registered mark.\n\n假冒商品。"
    )
    assert form.initial["applied_template"] == str(template.pk)
    assert "review it, then record" in response.content.decode()
    assert CounterNotice.objects.get(pk=notice.pk).status == "awaiting_review"


def test_a_template_chosen_but_not_applied_is_shown_before_anything_is_sent(
    client, attorney, two_notices, template
):
    notice = two_notices[0]
    client.force_login(attorney)
    response = _decide(client, notice, reasons="", template=template.pk, action="decide")
    assert response.status_code == 200
    assert response.context["decision_form"].initial["reasons"].startswith("The goods copy")
    assert CounterNotice.objects.get(pk=notice.pk).status == "awaiting_review"


def test_the_reviewed_text_is_recorded_exactly(client, attorney, two_notices, template):
    notice = two_notices[0]
    client.force_login(attorney)
    reviewed = "Test purchase 12 shows a fake.\n\nThe goods copy the registered mark (edited)."
    response = _decide(
        client, notice, reasons=reviewed, template=template.pk,
        applied_template=str(template.pk), action="decide",
    )  # fmt: skip
    assert response.status_code == 302
    notice.refresh_from_db()
    assert (notice.status, notice.decision_reasons) == ("rejected", reviewed)


def test_the_decision_page_carries_the_template_texts_for_the_script(
    client, attorney, two_notices, template
):
    client.force_login(attorney)
    body = client.get(two_notices[0].get_absolute_url()).content.decode()
    assert f'<template data-reason-template="{template.pk}">The goods copy' in body
    assert 'data-fill-from-template="id_reasons"' in body
    assert 'value="use_template"' in body


def test_a_batch_shows_each_final_text_before_it_rejects(client, attorney, two_notices, template):
    first, second = two_notices
    client.force_login(attorney)
    page = client.get(reverse("enforcement:counternotice_batch"), {"notice": [first.pk, second.pk]})
    rows = page.context["formset"].initial
    data = {"form-TOTAL_FORMS": 2, "form-INITIAL_FORMS": 2, "reason": "", "template": template.pk}
    for i, row in enumerate(rows):
        data |= {f"form-{i}-notice": row["notice"], f"form-{i}-version": row["version"]}
        if row["notice"] == second.pk:
            data[f"form-{i}-reason"] = "Its own: the hologram is fake."
    review = client.post(reverse("enforcement:counternotice_batch"), data)
    assert review.status_code == 200
    assert dict((n.pk, text) for n, text in review.context["preview"]) == {
        first.pk: "The goods copy the registered mark.\n\n假冒商品。",
        second.pk: "Its own: the hologram is fake.",
    }
    body = review.content.decode()
    assert "Text sent to the platform" in body and 'value="confirm"' in body
    for i, row in enumerate(rows):  # the confirm carries exactly the texts shown
        text = "Its own: the hologram is fake." if row["notice"] == second.pk else "假冒商品。"
        carried = body.split(f'name="form-{i}-reason" hidden aria-hidden="true">')[1]
        assert carried.split("</textarea>")[0].endswith(text)
    assert set(CounterNotice.objects.values_list("status", flat=True)) == {"awaiting_review"}

    # Confirm posts back exactly what the review page carries.
    confirm = {"action": "confirm", "form-TOTAL_FORMS": 2, "form-INITIAL_FORMS": 2,
               "reason": "The goods copy the registered mark.\n\n假冒商品。",
               "template": template.pk, "applied_template": str(template.pk)}  # fmt: skip
    for i, (notice, text) in enumerate(review.context["preview"]):
        confirm |= {f"form-{i}-notice": notice.pk, f"form-{i}-version": service.version_of(notice),
                    f"form-{i}-reason": text}  # fmt: skip
    done = client.post(reverse("enforcement:counternotice_batch"), confirm, follow=True)
    assert "Rejected 2 notice(s)" in done.content.decode()
    first.refresh_from_db(), second.refresh_from_db()
    assert first.decision_reasons == "The goods copy the registered mark.\n\n假冒商品。"
    assert second.decision_reasons == "Its own: the hologram is fake."


def test_use_template_in_a_batch_fills_the_shared_reason(client, attorney, two_notices, template):
    first, second = two_notices
    client.force_login(attorney)
    page = client.get(reverse("enforcement:counternotice_batch"), {"notice": [first.pk, second.pk]})
    rows = page.context["formset"].initial
    data = {"form-TOTAL_FORMS": 2, "form-INITIAL_FORMS": 2, "reason": "Seen on 3 stores.",
            "template": template.pk, "action": "use_template"}  # fmt: skip
    for i, row in enumerate(rows):
        data |= {f"form-{i}-notice": row["notice"], f"form-{i}-version": row["version"]}
    response = client.post(reverse("enforcement:counternotice_batch"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["reason"] == (
        "Seen on 3 stores.\n\nThe goods copy the registered mark.\n\n假冒商品。"
    )
    assert "Give this notice a reason" not in response.content.decode()
    assert set(CounterNotice.objects.values_list("status", flat=True)) == {"awaiting_review"}
