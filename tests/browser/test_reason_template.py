"""Choosing a reason template puts its text into the reasons box, after the draft."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from enforcement.models import ReasonTemplate
from enforcement.services import counter_notices as service
from enforcement.services import record_link_outcomes
from enforcement.services.complaints import submit_complaint
from tests.browser.test_staff_case_file import log_in
from tests.factories import ComplaintFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_choosing_a_template_fills_the_box_after_the_draft(page, live_server, attorney, paralegal):
    base = timezone.now() - dt.timedelta(days=5)
    complaint = ComplaintFactory(links=1)
    submit_complaint(complaint, reference="IPP-B", submitted_at=base, by=paralegal)
    record_link_outcomes(list(complaint.links.all()), outcome="removed", at=base, by=paralegal)
    notice = service.record_counter_notice(
        complaint=complaint, links=list(complaint.links.all()),
        received_at=base + dt.timedelta(days=1), by=paralegal, claim_kind="trademark",
        claim_number="TM-3", claim_owner="Seller", claim_jurisdiction="CN",
        seller_statement="Ours.", draft_answer="Test purchase shows a fake.",
    )  # fmt: skip
    template = ReasonTemplate.objects.create(title="Counterfeit", text_en="Copies our mark.")
    log_in(page, live_server, attorney)
    page.goto(f"{live_server.url}{notice.get_absolute_url()}")
    expect(page.get_by_role("button", name="Use template")).to_be_hidden()
    page.select_option("select[name=template]", str(template.pk))
    expect(page.locator("textarea[name=reasons]")).to_have_value(
        "Test purchase shows a fake.\n\nCopies our mark."
    )
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Decision recorded.")).to_be_visible()
    notice.refresh_from_db()
    sent = notice.decision_reasons.replace("\r\n", "\n")  # a form posts CRLF line ends
    assert sent == "Test purchase shows a fake.\n\nCopies our mark."
