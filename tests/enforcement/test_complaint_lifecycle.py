import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from enforcement.lifecycle import LINK, By, link_moves
from enforcement.models import Complaint, ComplaintLink, Listing
from enforcement.rules.outcomes import ComplaintStatus, complaint_status
from enforcement.services import (
    mark_ready,
    record_link_outcomes,
    submit_complaint,
    withdraw_complaint,
)
from tests.factories import ComplaintFactory, IPRFactory, UserFactory
from tests.support.responses import streamed

NOW = timezone.now


@pytest.mark.parametrize(
    ("state", "outcomes", "expected"),
    [
        ("draft", {}, ComplaintStatus.DRAFT),
        ("submitted", {"pending": 3}, ComplaintStatus.AWAITING_PLATFORM),
        ("submitted", {"pending": 1, "removed": 2}, ComplaintStatus.IN_PROGRESS),
        ("submitted", {"removed": 2, "countered": 1}, ComplaintStatus.COUNTERED),
        ("submitted", {"removed": 2, "rejected": 1}, ComplaintStatus.CLOSED),
        ("withdrawn", {"withdrawn": 3}, ComplaintStatus.WITHDRAWN),
    ],
)
def test_complaint_status_is_derived_from_links(state, outcomes, expected):
    from collections import Counter

    assert complaint_status(state, Counter(outcomes)) == expected


@pytest.mark.parametrize(
    ("current", "new", "by", "ok"),
    [
        ("pending", "removed", By.PLATFORM_ANSWER, True),
        ("pending", "rejected", By.PLATFORM_ANSWER, True),
        ("pending", "withdrawn", By.WITHDRAWAL, True),
        ("removed", "countered", By.COUNTER_NOTICE, True),
        ("removed", "countered", By.PLATFORM_ANSWER, False),
        ("removed", "withdrawn", By.WITHDRAWAL, True),
        ("countered", "restored", By.DECISION, True),
        ("countered", "removed", By.DECISION, True),
        ("countered", "withdrawn", By.DECISION, True),
        # Only the decision on the counter-notice settles a countered link.
        ("countered", "restored", By.PLATFORM_ANSWER, False),
        ("countered", "removed", By.PLATFORM_ANSWER, False),
        ("countered", "withdrawn", By.WITHDRAWAL, False),
        ("rejected", "removed", By.PLATFORM_ANSWER, False),
        ("restored", "removed", By.DECISION, False),
        ("pending", "restored", By.PLATFORM_ANSWER, False),
    ],
)
def test_link_transitions(current, new, by, ok):
    assert link_moves(current, new, by) is ok


def test_every_outcome_is_in_the_link_table():
    assert set(LINK) == set(ComplaintLink.Outcome.values)


@pytest.mark.django_db
def test_eligible_complaint_goes_ready_then_submitted(paralegal):
    complaint = ComplaintFactory()
    mark_ready(complaint, by=paralegal)
    complaint = submit_complaint(
        complaint, reference="IPP-2026-0001", submitted_at=NOW(), by=paralegal
    )
    assert complaint.state == "submitted"
    assert complaint.submitted_by == paralegal
    assert set(Listing.objects.values_list("status", flat=True)) == {"reported"}
    assert complaint.status == ComplaintStatus.AWAITING_PLATFORM


@pytest.mark.django_db
def test_ineligible_complaint_cannot_be_submitted(paralegal):
    complaint = ComplaintFactory(eligible=False)
    with pytest.raises(ValidationError) as refused:
        submit_complaint(complaint, reference="X1", submitted_at=NOW(), by=paralegal)
    assert any("not verified on the account" in m for m in refused.value.messages)
    complaint.refresh_from_db()
    assert complaint.state == "draft"


@pytest.mark.django_db
def test_pending_trademark_complaint_is_refused_in_words(paralegal):
    complaint = ComplaintFactory(ipr=IPRFactory(status="pending", registration_number=""))
    with pytest.raises(ValidationError) as refused:
        mark_ready(complaint, by=paralegal)
    assert any("pending trademark cannot be used" in m for m in refused.value.messages)


@pytest.mark.django_db
def test_outcomes_move_links_and_listings(paralegal):
    complaint = ComplaintFactory()
    submit_complaint(complaint, reference="R1", submitted_at=NOW(), by=paralegal)
    first, second, third = complaint.links.order_by("position")
    record_link_outcomes([first, second], outcome="removed", at=NOW(), by=paralegal)
    record_link_outcomes([third], outcome="rejected", at=NOW(), reason="Not similar", by=paralegal)
    assert Complaint.objects.get(pk=complaint.pk).status == ComplaintStatus.CLOSED
    first.listing.refresh_from_db()
    assert first.listing.status == "removed"
    with pytest.raises(ValidationError, match="cannot become"):
        record_link_outcomes([third], outcome="removed", at=NOW(), by=paralegal)
    with pytest.raises(ValidationError, match="reason"):
        record_link_outcomes([first], outcome="rejected", at=NOW(), by=paralegal)


@pytest.mark.django_db
def test_a_set_with_one_impossible_move_changes_nothing(paralegal):
    complaint = ComplaintFactory()
    submit_complaint(complaint, reference="R1", submitted_at=NOW(), by=paralegal)
    first, second, _ = complaint.links.order_by("position")
    record_link_outcomes([first], outcome="rejected", at=NOW(), reason="x", by=paralegal)
    with pytest.raises(ValidationError):
        record_link_outcomes([first, second], outcome="removed", at=NOW(), by=paralegal)
    second.refresh_from_db()
    assert second.outcome == "pending"


@pytest.mark.django_db
def test_withdrawal_while_awaiting_counter_notices(paralegal):
    complaint = ComplaintFactory()
    submit_complaint(complaint, reference="R1", submitted_at=NOW(), by=paralegal)
    first, second, third = complaint.links.order_by("position")
    record_link_outcomes([first], outcome="rejected", at=NOW(), reason="x", by=paralegal)
    record_link_outcomes([second], outcome="removed", at=NOW(), by=paralegal)
    withdrawn = withdraw_complaint(complaint, reason="Settled with the seller", by=paralegal)
    assert withdrawn.state == "withdrawn"
    outcomes = dict(complaint.links.values_list("position", "outcome"))
    assert outcomes == {1: "rejected", 2: "withdrawn", 3: "withdrawn"}
    with pytest.raises(ValidationError):
        withdraw_complaint(complaint, reason="again", by=paralegal)


@pytest.mark.django_db
def test_client_user_cannot_act(paralegal):
    complaint = ComplaintFactory()
    with pytest.raises(PermissionDenied):
        mark_ready(complaint, by=UserFactory(role="client"))


@pytest.mark.django_db
def test_submit_page_refuses_ineligible_complaint(client, paralegal):
    complaint = ComplaintFactory(eligible=False)
    client.force_login(paralegal)
    page = client.get(complaint.get_absolute_url())
    assert "not verified on the account" in page.content.decode()
    response = client.post(
        reverse("enforcement:complaint_submit", args=[complaint.pk]),
        {"reference": "IPP-1", "submitted_at": "2026-01-05T10:00"},
    )
    assert response.status_code == 400
    assert "not verified on the account" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.state == "draft"


@pytest.mark.django_db
def test_outcomes_recorded_from_the_page(client, paralegal):
    complaint = ComplaintFactory()
    submit_complaint(
        complaint, reference="R1", submitted_at=NOW() - dt.timedelta(days=2), by=paralegal
    )
    client.force_login(paralegal)
    ids = list(complaint.links.values_list("pk", flat=True))
    url = reverse("enforcement:complaint_outcomes", args=[complaint.pk])
    at = timezone.localtime(NOW() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    missing = client.post(url, {"outcome": "removed", "at": at})
    assert "Tick the links" in missing.content.decode()
    done = client.post(url, {"links": ids[:2], "outcome": "removed", "at": at})
    assert done.status_code == 302
    assert ComplaintLink.objects.filter(outcome="removed").count() == 2


@pytest.mark.django_db
def test_exports(client, paralegal):
    complaint = ComplaintFactory(links=2)
    client.force_login(paralegal)
    text = client.get(reverse("enforcement:complaint_export", args=[complaint.pk, "txt"]))
    urls = [cl.listing.canonical_url for cl in complaint.links.order_by("position")]
    assert streamed(text) == "\n".join(urls) + "\n"
    csv_rows = streamed(
        client.get(reverse("enforcement:complaint_export", args=[complaint.pk, "csv"]))
    ).splitlines()
    assert csv_rows[0].startswith("complaint,part,line,platform")
    assert len(csv_rows) == 3
    summary = client.get(reverse("enforcement:complaint_export", args=[complaint.pk, "print"]))
    body = summary.content.decode()
    assert "投诉理由" in body and "Counterfeit goods bearing the registered mark" in body


@pytest.mark.django_db
def test_evidence_on_a_listing_is_fingerprinted_and_scoped(client, paralegal, client_user):
    import hashlib

    from django.core.files.uploadedfile import SimpleUploadedFile

    from enforcement.models import EvidenceFile
    from tests.factories import PNG

    complaint = ComplaintFactory()
    listing = complaint.links.first().listing
    client.force_login(paralegal)
    response = client.post(
        reverse("enforcement:listing_evidence", args=[listing.pk]),
        {"kind": "screenshot", "captured_at": "2026-01-05T10:30",
         "file": SimpleUploadedFile("shot.png", PNG, content_type="image/png")},
    )  # fmt: skip
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get()
    assert evidence.listing == listing and evidence.complaint is None
    assert evidence.sha256 == hashlib.sha256(PNG).hexdigest()
    assert evidence.uploaded_by == paralegal
    missing = client.post(reverse("enforcement:listing_evidence", args=[listing.pk]),
                          {"kind": "screenshot"}, follow=True)  # fmt: skip
    assert "This field is required" in missing.content.decode()
    url = reverse("clients:download", args=["evidence", evidence.pk, "file"])
    assert client.get(url).status_code == 200
    client.force_login(client_user)  # another client's portal user
    assert client.get(url).status_code == 404
    assert (
        client.post(reverse("enforcement:listing_evidence", args=[listing.pk])).status_code == 403
    )
