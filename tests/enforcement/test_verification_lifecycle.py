import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from enforcement.lifecycle import VERIFICATION as TRANSITIONS
from enforcement.lifecycle import can_move as _can_move
from enforcement.services import record_verification_outcome
from tests.factories import IPRVerificationFactory, UserFactory


def can_move(current, new):
    return _can_move(TRANSITIONS, current, new)


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        ("submitted", "verified", True),
        ("submitted", "failed", True),
        ("failed", "resubmitted", True),
        ("resubmitted", "verified", True),
        ("resubmitted", "failed", True),
        ("failed", "verified", False),
        ("verified", "failed", False),
        ("submitted", "resubmitted", False),
    ],
)
def test_transition_table(current, new, allowed):
    assert can_move(current, new) is allowed


def test_every_state_is_in_the_table():
    from enforcement.models.platforms import VerificationStatus

    assert set(TRANSITIONS) == {s for s in VerificationStatus.values if s != "not_submitted"}


@pytest.mark.django_db
def test_fail_then_resubmit_then_verify(paralegal):
    verification = IPRVerificationFactory(submitted_on=dt.date(2026, 3, 2))
    v = record_verification_outcome(
        verification, status="failed", on=dt.date(2026, 3, 4), reason="Blurry certificate",
        by=paralegal,
    )  # fmt: skip
    assert (v.status, v.decided_on, v.failure_reason) == (
        "failed",
        dt.date(2026, 3, 4),
        "Blurry certificate",
    )
    v = record_verification_outcome(v, status="resubmitted", on=dt.date(2026, 3, 5), by=paralegal)
    assert (v.status, v.submitted_on, v.decided_on) == ("resubmitted", dt.date(2026, 3, 5), None)
    v = record_verification_outcome(v, status="verified", on=dt.date(2026, 3, 9), by=paralegal)
    assert v.status == "verified"
    assert [h.status for h in v.history.order_by("history_date")] == [
        "submitted",
        "failed",
        "resubmitted",
        "verified",
    ]
    assert v.history.latest().history_user == paralegal


@pytest.mark.django_db
def test_refused_moves_and_reasons(paralegal):
    verification = IPRVerificationFactory(submitted_on=dt.date(2026, 3, 2))
    with pytest.raises(ValidationError, match="cannot become"):
        record_verification_outcome(
            verification, status="resubmitted", on=dt.date(2026, 3, 3), by=paralegal
        )
    with pytest.raises(ValidationError, match="reason"):
        record_verification_outcome(
            verification, status="failed", on=dt.date(2026, 3, 3), by=paralegal
        )
    with pytest.raises(ValidationError, match="before the submission"):
        record_verification_outcome(
            verification, status="verified", on=dt.date(2026, 3, 1), by=paralegal
        )
    with pytest.raises(PermissionDenied):
        record_verification_outcome(
            verification, status="verified", on=dt.date(2026, 3, 3),
            by=UserFactory(role="client"),
        )  # fmt: skip
    verification.refresh_from_db()
    assert verification.status == "submitted"


@pytest.mark.django_db
def test_outcome_form_offers_only_allowed_moves(client, paralegal, today):
    verification = IPRVerificationFactory(status="failed", failure_reason="x", decided_on=None)
    on = (today - dt.timedelta(days=1)).isoformat()
    client.force_login(paralegal)
    page = client.get(verification.get_absolute_url())
    choices = [c[0] for c in page.context["outcome_form"].fields["status"].choices]
    assert choices == ["resubmitted"]
    url = reverse("enforcement:iprverification_outcome", args=[verification.pk])
    bad = client.post(url, {"status": "verified", "on": on})
    assert bad.status_code == 400
    good = client.post(url, {"status": "resubmitted", "on": on})
    assert good.status_code == 302
    verification.refresh_from_db()
    assert verification.status == "resubmitted"


@pytest.mark.django_db
def test_client_user_cannot_record_outcomes(client, client_user):
    verification = IPRVerificationFactory()
    client.force_login(client_user)
    url = reverse("enforcement:iprverification_outcome", args=[verification.pk])
    assert client.post(url, {"status": "verified", "on": "2026-03-10"}).status_code == 403
