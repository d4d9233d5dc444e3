"""Dates that contradict one another are refused, by the rule itself, by the service and
on the page, with a message that names both dates."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from enforcement import integrity
from enforcement.models import ComplaintLink, CounterNotice, Deadline, PlatformAccount
from enforcement.rules import coherence
from enforcement.services import complaints as complaint_services
from enforcement.services import counter_notices as notice_services
from enforcement.services import verification as verification_services
from tests.factories import ComplaintFactory, IPRVerificationFactory, PlatformAccountFactory

UTC = dt.UTC
FILED = dt.datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
NOW = dt.datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "received, fine",
    [
        (FILED, True),
        (FILED + dt.timedelta(days=2), True),
        (FILED - dt.timedelta(minutes=1), False),
        (dt.datetime(2000, 1, 1, tzinfo=UTC), False),
        (NOW + dt.timedelta(minutes=4), True),  # a clock a little fast
        (NOW + dt.timedelta(hours=2), False),
    ],
)
def test_a_counter_notice_comes_after_the_complaint_and_not_from_the_future(received, fine):
    message = coherence.counter_notice_received(received, FILED, now=NOW)
    assert (message is None) is fine
    if not fine and received < FILED:
        assert "2026-03-10 09:00" in message and received.strftime("%Y-%m-%d") in message


@pytest.mark.parametrize(
    "outcome, fine",
    [
        (FILED + dt.timedelta(hours=1), True),
        (FILED - dt.timedelta(days=1), False),
        (NOW + dt.timedelta(days=1), False),
    ],
)
def test_an_outcome_comes_after_filing_and_not_from_the_future(outcome, fine):
    message = coherence.link_outcome(outcome, FILED, now=NOW)
    assert (message is None) is fine
    if not fine:
        assert outcome.strftime("%Y-%m-%d") in message


@pytest.mark.parametrize(
    "decided, fine",
    [
        (dt.date(2026, 3, 15), True),
        (dt.date(2026, 3, 14), True),  # the rejection's own day, somewhere on Earth
        (dt.date(2026, 3, 13), False),
        (dt.date(2026, 3, 21), True),  # already tomorrow east of UTC
        (dt.date(2026, 3, 23), False),
    ],
)
def test_a_dispute_is_decided_after_the_rejection(decided, fine):
    rejected = dt.datetime(2026, 3, 15, 3, 0, tzinfo=UTC)
    message = coherence.dispute_decision(decided, rejected, now=NOW)
    assert (message is None) is fine
    if not fine:
        assert decided.isoformat() in message


@pytest.mark.parametrize(
    "decided, submitted, fine",
    [
        (dt.date(2026, 3, 2), dt.date(2026, 3, 1), True),
        (dt.date(2026, 3, 1), dt.date(2026, 3, 1), True),
        (dt.date(2026, 2, 28), dt.date(2026, 3, 1), False),
        (dt.date(2026, 2, 28), None, True),
    ],
)
def test_a_verification_is_decided_after_its_submission(decided, submitted, fine):
    message = coherence.verification_decision(decided, submitted)
    assert (message is None) is fine
    if not fine:
        assert "2026-02-28" in message and "2026-03-01" in message


def test_evidence_is_captured_before_now():
    assert coherence.capture(NOW - dt.timedelta(days=1), now=NOW) is None
    assert "2027" in coherence.capture(dt.datetime(2027, 1, 1, tzinfo=UTC), now=NOW)


# --- The services and pages refuse the same ----------------------------------------------


def _filed(paralegal, *, days_ago=3):
    complaint = ComplaintFactory()
    return complaint_services.submit_complaint(
        complaint,
        reference="R-1",
        submitted_at=timezone.now() - dt.timedelta(days=days_ago),
        by=paralegal,
    )


@pytest.mark.django_db
def test_a_counter_notice_received_before_filing_is_refused_and_opens_no_window(paralegal):
    complaint = _filed(paralegal)
    links = list(complaint.links.all())
    complaint_services.record_link_outcomes(
        links, outcome="removed", at=timezone.now() - dt.timedelta(days=1), by=paralegal
    )
    with pytest.raises(ValidationError, match="before the complaint was submitted"):
        notice_services.record_counter_notice(
            complaint=complaint,
            links=links[:1],
            received_at=complaint.submitted_at - dt.timedelta(days=5),
            by=paralegal,
        )
    assert not CounterNotice.objects.exists()
    assert not Deadline.objects.filter(event="counter_notice_received").exists()


@pytest.mark.django_db
def test_the_counter_notice_page_names_both_dates(client, paralegal):
    complaint = _filed(paralegal)
    links = list(complaint.links.all())
    complaint_services.record_link_outcomes(
        links, outcome="removed", at=timezone.now() - dt.timedelta(days=1), by=paralegal
    )
    client.force_login(paralegal)
    url = reverse("enforcement:counternotice_create") + f"?complaint={complaint.pk}"
    response = client.post(
        url, {"complaint": complaint.pk, "links": [links[0].pk], "received_at": "2001-05-01T10:00"}
    )
    body = response.content.decode()
    assert "2001-05-01 10:00" in body and "before the complaint was submitted" in body
    assert not CounterNotice.objects.exists()


@pytest.mark.django_db
def test_an_outcome_before_filing_is_refused_by_the_service_and_the_page(client, paralegal):
    complaint = _filed(paralegal)
    links = list(complaint.links.all())
    with pytest.raises(ValidationError, match="before the complaint was submitted"):
        complaint_services.record_link_outcomes(
            links,
            outcome="removed",
            at=complaint.submitted_at - dt.timedelta(hours=1),
            by=paralegal,
        )
    client.force_login(paralegal)
    url = reverse("enforcement:complaint_outcomes", args=[complaint.pk])
    response = client.post(
        url, {"links": [links[0].pk], "outcome": "removed", "at": "2001-05-01T10:00"}, follow=True
    )
    assert "before the complaint was submitted" in response.content.decode()
    future = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url, {"links": [links[0].pk], "outcome": "removed", "at": future}, follow=True
    )
    assert "already happened" in response.content.decode()
    assert not ComplaintLink.objects.exclude(outcome="pending").exists()


@pytest.mark.django_db
def test_a_dispute_decided_before_the_rejection_is_refused(paralegal, attorney):
    complaint = _filed(paralegal, days_ago=10)
    links = list(complaint.links.all())
    complaint_services.record_link_outcomes(
        links, outcome="removed", at=timezone.now() - dt.timedelta(days=8), by=paralegal
    )
    notice = notice_services.record_counter_notice(
        complaint=complaint,
        links=links[:1],
        received_at=timezone.now() - dt.timedelta(days=2),
        by=paralegal,
    )
    notice = notice_services.decide_counter_notice(
        notice, decision="reject", reasons="Counterfeit.", by=attorney
    )
    with pytest.raises(ValidationError, match="before the counter-notice was rejected"):
        notice_services.record_dispute_decision(
            notice.dispute,
            upheld=True,
            decided_on=timezone.localdate() - dt.timedelta(days=5),
            notes="",
            by=paralegal,
        )
    notice.dispute.refresh_from_db()
    assert notice.dispute.status == "open"


@pytest.mark.django_db
def test_a_dispute_decision_for_a_notice_without_dispute_is_a_clear_refusal(client, paralegal):
    complaint = _filed(paralegal)
    links = list(complaint.links.all())
    complaint_services.record_link_outcomes(
        links, outcome="removed", at=timezone.now() - dt.timedelta(days=1), by=paralegal
    )
    notice = notice_services.record_counter_notice(
        complaint=complaint, links=links[:1], received_at=timezone.now(), by=paralegal
    )
    client.force_login(paralegal)
    response = client.post(
        reverse("enforcement:counternotice_dispute", args=[notice.pk]),
        {"outcome": "upheld", "decided_on": timezone.localdate().isoformat()},
        follow=True,
    )
    assert response.status_code == 200
    assert "has no dispute" in response.content.decode()


@pytest.mark.django_db
def test_an_account_verified_before_it_was_submitted_is_refused(paralegal):
    account = PlatformAccountFactory(
        verification_status="submitted",
        verification_submitted_on=dt.date(2026, 3, 1),
        verified_on=None,
    )
    with pytest.raises(ValidationError, match="2026-02-20.*2026-03-01"):
        verification_services.record_account_verification(
            account, status="verified", on=dt.date(2026, 2, 20), by=paralegal
        )
    account.refresh_from_db()
    assert account.verified_on is None


@pytest.mark.django_db
def test_a_right_verified_before_it_was_submitted_is_refused(paralegal):
    verification = IPRVerificationFactory(submitted_on=dt.date(2026, 3, 1))
    with pytest.raises(ValidationError, match="2026-02-27.*2026-03-01"):
        verification_services.record_verification_outcome(
            verification, status="verified", on=dt.date(2026, 2, 27), by=paralegal
        )


@pytest.mark.django_db
def test_the_integrity_check_finds_contradicting_rows(paralegal):
    account = PlatformAccountFactory(
        verification_submitted_on=dt.date(2026, 3, 1), verified_on=dt.date(2026, 3, 2)
    )
    assert integrity.contradictions() == []
    PlatformAccount.objects.filter(pk=account.pk).update(verified_on=dt.date(2026, 2, 1))
    assert integrity.contradictions() == [
        f"PlatformAccount verified before it was submitted: {account.pk}"
    ]
