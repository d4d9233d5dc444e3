"""A history a lawyer can read: who, when, field: old → new, in names, over the complaint's
whole path (complaint, links, notices, disputes) in one timeline."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from enforcement.services import counter_notices as service
from enforcement.services import mark_ready, record_link_outcomes
from enforcement.services.complaints import submit_complaint
from enforcement.services.offenses import override_offense
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def _changes(rows):
    """(record, field, old, new) of every row, for assertions."""
    return {(row.subject, *change) for row in rows for change in row.changes}


def test_the_complaint_history_reads_its_whole_path_in_names(client, paralegal, attorney):
    base = timezone.now() - dt.timedelta(days=4)
    complaint = ComplaintFactory(links=2)
    mark_ready(complaint, by=paralegal)
    submit_complaint(complaint, reference="IPP-H", submitted_at=base, by=paralegal)
    first, second = complaint.links.order_by("position")
    record_link_outcomes([first, second], outcome="removed", at=base, by=paralegal)
    override_offense([second], offense="repeat", reason="Same seller as case 12.", by=paralegal)
    notice = service.record_counter_notice(
        complaint=complaint, links=[first], received_at=base + dt.timedelta(days=1),
        by=paralegal, claim_kind="trademark", claim_number="TM-9", claim_owner="Seller",
        claim_jurisdiction="CN", seller_statement="Ours.",
    )  # fmt: skip
    service.decide_counter_notice(notice, decision="reject", reasons="Fakes.", by=attorney)

    client.force_login(attorney)
    page = client.get(reverse("enforcement:complaint_history", args=[complaint.pk]))
    assert page.status_code == 200
    rows = page.context["history_rows"]
    changes = _changes(rows)
    label = str(complaint)
    assert (label, "state", "Draft", "Ready to file") in changes
    assert (label, "state", "Ready to file", "Submitted") in changes
    assert (label, "submitted by", "—", str(paralegal)) in changes
    assert ("Link 1", "outcome", "Awaiting the platform", "Removed") in changes
    assert ("Link 1", "outcome", "Removed", "Countered by the seller") in changes
    assert ("Link 2", "why the offense was overridden", "—", "Same seller as case 12.") in changes
    notice_label = f"Counter-notice #{notice.pk}"
    assert (notice_label, "status", "Awaiting review", "Rejected by the firm") in changes
    assert (notice_label, "decided by", "—", str(attorney)) in changes
    linked = [c for c in changes if c[0] == notice_label and c[1] == "links it answers"]
    assert linked == [
        (notice_label, "links it answers", "—", f"Link 1: {first.listing.canonical_url}")
    ]
    assert any(row.subject == f"Dispute on counter-notice #{notice.pk}" for row in rows)
    body = page.content.decode()
    assert "{&#x27;counternotice&#x27;" not in body and "'complaintlink'" not in body
    assert "Countered by the seller" in body and str(attorney) in body
    # Newest first, and each row says who.
    dates = [row.version.history_date for row in rows]
    assert dates == sorted(dates, reverse=True)
    assert rows[0].version.history_user == attorney
