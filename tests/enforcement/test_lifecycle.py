"""One transition table per record with states; services refuse other moves, pages offer
only allowed ones, and only the decision on a counter-notice moves a countered link."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from enforcement import lifecycle
from enforcement.models import ComplaintLink, CounterNotice, Deadline, Event
from enforcement.services import counter_notices as notices
from enforcement.services import record_link_outcomes, withdraw_complaint
from enforcement.services.complaints import submit_complaint
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def test_every_state_field_has_a_table_covering_each_of_its_states():
    from django.apps import apps

    state_fields = {
        (model, field.name)
        for model in apps.get_models()
        if model._meta.app_label in ("clients", "enforcement")
        and not model.__name__.startswith("Historical")
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField)
        and field.choices
        and field.name in ("state", "status", "outcome", "verification_status")
    }
    assert state_fields == set(lifecycle.TABLES) | set(lifecycle.NOT_MOVED_BY_ACTIONS)
    for (model, name), table in lifecycle.TABLES.items():
        states = {value for value, _label in model._meta.get_field(name).flatchoices}
        assert set(table) == states, (model.__name__, name)
        for targets in table.values():
            assert set(targets) <= states


@pytest.fixture
def countered(paralegal, attorney):
    """A filed complaint: link 1 removed and countered, link 2 removed, link 3 pending."""
    base = timezone.now() - dt.timedelta(days=5)
    complaint = ComplaintFactory(links=3)
    complaint.client.supervising_attorney = attorney
    complaint.client.save()
    submit_complaint(complaint, reference="IPP-7", submitted_at=base, by=paralegal)
    links = list(complaint.links.order_by("position"))
    record_link_outcomes(links[:2], outcome="removed", at=base + dt.timedelta(days=1), by=paralegal)
    notice = notices.record_counter_notice(
        complaint=complaint, links=[links[0]], received_at=base + dt.timedelta(days=2),
        by=paralegal, claim_kind="trademark", claim_number="TM-1", claim_owner="Seller Co",
        claim_jurisdiction="CN", seller_statement="Ours.",
    )  # fmt: skip
    return complaint, links, notice


@pytest.mark.parametrize("outcome", ["restored", "removed", "withdrawn", "rejected"])
def test_a_paralegal_cannot_settle_a_countered_link_through_the_outcomes(
    countered, paralegal, outcome
):
    complaint, links, notice = countered
    with pytest.raises(ValidationError) as refused:
        record_link_outcomes(
            [links[0], links[2]], outcome=outcome, at=timezone.now(), by=paralegal, reason="x"
        )
    text = " ".join(refused.value.messages)
    assert "Nothing was recorded" in text
    assert "Link 1" in text and "only the decision on its counter-notification" in text, text
    # The pending link could take the platform's removal or rejection: it is not named.
    assert ("Link 3" in text) is (outcome in ("restored", "withdrawn"))
    links[0].refresh_from_db(), links[2].refresh_from_db(), notice.refresh_from_db()
    assert (links[0].outcome, links[2].outcome) == ("countered", "pending")
    assert notice.status == CounterNotice.Status.AWAITING_REVIEW
    assert Deadline.objects.filter(event=Event.COUNTER_NOTICE_RECEIVED, status="open").exists()


def test_the_withdrawal_waits_for_the_counter_notice_decision(countered, paralegal, attorney):
    complaint, links, notice = countered
    with pytest.raises(ValidationError, match="counter-notification not yet settled"):
        withdraw_complaint(complaint, reason="Client settled", by=paralegal)
    assert {link.outcome for link in complaint.links.all()} == {"countered", "removed", "pending"}
    notices.decide_counter_notice(notice, decision="withdraw", reasons="Settled", by=attorney)
    withdraw_complaint(complaint, reason="Client settled", by=paralegal)
    assert set(complaint.links.values_list("outcome", flat=True)) == {"withdrawn"}


def test_the_outcomes_form_offers_only_what_the_platforms_answer_can_do(
    client, countered, paralegal
):
    complaint, links, _notice = countered
    client.force_login(paralegal)
    page = client.get(complaint.get_absolute_url())
    form = page.context["outcome_form"]
    assert [value for value, _label in form.fields["outcome"].choices] == ["removed", "rejected"]
    # Any link of the complaint is accepted by the form: one that cannot take the outcome
    # (or moved since the page was shown) is named by the service, not refused blindly.
    assert set(form.fields["links"].queryset) == set(links)
    html = page.content.decode()
    assert f'name="links" value="{links[2].pk}"' in html
    assert f'name="links" value="{links[0].pk}"' not in html
    response = client.post(
        reverse("enforcement:complaint_outcomes", args=[complaint.pk]),
        {"links": [links[0].pk], "outcome": "restored", "at": "2026-01-06T09:00"},
    )
    assert response.status_code == 400
    links[0].refresh_from_db()
    assert links[0].outcome == ComplaintLink.Outcome.COUNTERED


def test_a_decided_notice_cannot_be_decided_again_and_a_closed_deadline_stays_closed():
    with pytest.raises(ValidationError, match="possible now: nothing"):
        lifecycle.check(lifecycle.COUNTER_NOTICE, "accepted", "rejected", what="The notice")
    with pytest.raises(ValidationError, match="cannot become"):
        lifecycle.check(lifecycle.DEADLINE, "met", "open", what="The deadline")
    assert lifecycle.allowed(lifecycle.DISPUTE, "open") == {"upheld", "reversed"}


def test_an_accounts_verification_moves_only_through_its_lifecycle(
    client, paralegal, firm_admin, today
):
    from tests.factories import PlatformAccountFactory

    account = PlatformAccountFactory(verification_status="not_submitted", verified_on=None)
    client.force_login(paralegal)
    page = client.get(account.get_absolute_url())
    form = page.context["verification_form"]
    assert [value for value, _label in form.fields["status"].choices] == ["submitted"]
    url = reverse("enforcement:platformaccount_verification", args=[account.pk])
    skipped = client.post(url, {"status": "verified", "on": today.isoformat()})
    assert skipped.status_code == 400
    account.refresh_from_db()
    assert account.verification_status == "not_submitted"
    client.post(url, {"status": "submitted", "on": today.isoformat()})
    client.post(url, {"status": "verified", "on": today.isoformat()})
    account.refresh_from_db()
    assert (account.verification_status, account.verified_on) == ("verified", today)
    assert account.history.first().history_user == paralegal
    # The edit form no longer lets anyone type the status.
    client.force_login(firm_admin)
    edit = client.get(reverse("enforcement:platformaccount_update", args=[account.pk]))
    assert "verification_status" not in edit.context["form"].fields
