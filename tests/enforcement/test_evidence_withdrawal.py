"""Evidence attached by mistake is withdrawn: kept, marked with who, when and why, left out
of the printable summary for the platform, still in the staff history."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from enforcement.models import EvidenceFile
from enforcement.services import add_evidence, withdraw_evidence
from tests.factories import PDF, ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db


def _evidence(complaint, by, description):
    return add_evidence(
        EvidenceFile(
            complaint=complaint, kind="screenshot", description=description,
            captured_at=timezone.now(),
            file=SimpleUploadedFile(
                f"{description}.pdf", PDF + description.encode(), content_type="application/pdf"
            ),
        ),
        by=by,
    )  # fmt: skip


def test_withdrawn_evidence_leaves_the_summary_but_stays_on_record(client, paralegal):
    complaint = ComplaintFactory(links=1)
    kept = _evidence(complaint, paralegal, "right-shop")
    wrong = _evidence(complaint, paralegal, "wrong-shop")
    client.force_login(paralegal)
    response = client.post(
        reverse("enforcement:evidence_withdraw", args=[wrong.pk]),
        {"reason": "Screenshot of another seller's shop."},
        follow=True,
    )
    assert "Evidence withdrawn" in response.content.decode()
    wrong.refresh_from_db()
    assert wrong.withdrawn_by == paralegal and wrong.withdrawn_at is not None
    assert wrong.withdrawal_reason == "Screenshot of another seller's shop."
    assert EvidenceFile.objects.filter(pk=wrong.pk).exists()  # kept, never deleted

    printed = client.get(reverse("enforcement:complaint_export", args=[complaint.pk, "print"]))
    evidence = [e for part in printed.context["parts"] for e in part.evidence.all()]
    assert evidence == [kept]
    assert wrong.sha256[:8] not in printed.content.decode()

    page = client.get(complaint.get_absolute_url()).content.decode()
    assert "Withdrawn by" in page and "Screenshot of another seller&#x27;s shop." in page

    history = client.get(reverse("enforcement:complaint_history", args=[complaint.pk]))
    changes = {c for row in history.context["history_rows"] for c in row.changes}
    assert ("why it was withdrawn", "—", "Screenshot of another seller's shop.") in changes
    assert ("withdrawn by", "—", str(paralegal)) in changes


def test_withdrawal_needs_a_reason_and_happens_once(paralegal):
    complaint = ComplaintFactory(links=1)
    item = _evidence(complaint, paralegal, "photo")
    with pytest.raises(ValidationError, match="Say why"):
        withdraw_evidence(item, reason="  ", by=paralegal)
    withdraw_evidence(item, reason="Wrong file.", by=paralegal)
    with pytest.raises(ValidationError, match="already withdrawn"):
        withdraw_evidence(item, reason="Again.", by=paralegal)


def test_an_outsider_cannot_withdraw_anothers_evidence(client, paralegal):
    from clients.roles import Role

    complaint = ComplaintFactory(links=1)
    item = _evidence(complaint, paralegal, "photo")
    client.force_login(UserFactory(role=Role.CLIENT, username="stranger"))
    response = client.post(
        reverse("enforcement:evidence_withdraw", args=[item.pk]), {"reason": "x"}
    )
    assert response.status_code in (403, 404)
    item.refresh_from_db()
    assert item.withdrawn_at is None
