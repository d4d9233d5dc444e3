"""Counter-notice rounds: each notice is the seller's attempt on its links, each round's
window comes from the window rules by attempt, and the platform's limit refuses one more."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from enforcement.models import Deadline, Dispute, Event, Platform, WindowRule
from enforcement.rules.counter_notices import next_attempt
from enforcement.services import counter_notices as service
from enforcement.services import record_link_outcomes
from enforcement.services.complaints import submit_complaint
from enforcement.services.deadlines import rules_for
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def test_the_round_after_the_last_allowed_is_refused_with_the_reason():
    assert next_attempt(0, allowed=3) == (1, "")
    assert next_attempt(2, allowed=3) == (3, "")
    attempt, why = next_attempt(3, allowed=3)
    assert attempt == 4 and str(why) == "this would be round 4 of 3"


def test_the_window_rules_are_chosen_by_round():
    taobao = Platform.objects.get(code="taobao")
    (second,) = rules_for(Event.REMOVAL_UPHELD, taobao, attempt=2)
    (third,) = rules_for(Event.REMOVAL_UPHELD, taobao, attempt=3)
    assert (second.attempt, second.length, second.unit) == (2, 27, "working_days")
    assert (third.attempt, third.length) == (3, 27)
    assert second.applies_from == dt.date(2022, 1, 20)
    # Before the platform's change of 20 January 2022: 30 business days.
    (earlier,) = rules_for(Event.REMOVAL_UPHELD, taobao, attempt=2, on=dt.date(2022, 1, 19))
    assert (earlier.length, earlier.unit) == (30, "working_days")
    assert rules_for(Event.REMOVAL_UPHELD, taobao, attempt=2, on=dt.date(2022, 1, 20)) == [second]
    # A rule for every round serves the rounds without one of their own, and loses to one.
    every = WindowRule.objects.create(
        event=Event.REMOVAL_UPHELD, slot="seller_next_round", name="Any round", action="Look",
        length=10, unit="working_days", owner="actor", attempt=0,
    )  # fmt: skip
    assert rules_for(Event.REMOVAL_UPHELD, taobao, attempt=2) == [second]
    assert rules_for(Event.REMOVAL_UPHELD, taobao, attempt=5) == [every]


def test_three_rounds_each_with_its_window_and_no_fourth(client, paralegal, attorney):
    filed = timezone.now() - dt.timedelta(days=20)
    complaint = ComplaintFactory(links=2)
    submit_complaint(complaint, reference="IPP-R", submitted_at=filed, by=paralegal)
    link = complaint.links.order_by("position").first()
    record_link_outcomes([link], outcome="removed", at=filed + dt.timedelta(hours=5), by=paralegal)

    def counter(received_at):
        return service.record_counter_notice(
            complaint=complaint, links=[link], received_at=received_at, by=paralegal,
            claim_kind="trademark", claim_number="TM-S", seller_statement="Ours.",
        )  # fmt: skip

    def reject_and_uphold(notice):
        service.decide_counter_notice(notice, decision="reject", reasons="Fake.", by=attorney)
        dispute = Dispute.objects.get(notice=notice)
        service.record_dispute_decision(
            dispute, upheld=True, decided_on=timezone.localdate(), notes="", by=paralegal
        )
        return dispute

    first = counter(filed + dt.timedelta(days=2))
    assert first.attempt == 1
    dispute = reject_and_uphold(first)
    window = Deadline.objects.get(event=Event.REMOVAL_UPHELD, subject_id=dispute.pk)
    assert window.status == "open" and window.rule.attempt == 2
    assert (window.length, window.unit) == (27, "working_days")
    assert "round 2" in window.subject_label

    second = counter(timezone.now())
    assert second.attempt == 2
    window.refresh_from_db()
    assert window.status == "met"  # the seller used its window
    dispute = reject_and_uphold(second)
    assert Deadline.objects.get(event=Event.REMOVAL_UPHELD, subject_id=dispute.pk).rule.attempt == 3

    third = counter(timezone.now())
    assert third.attempt == 3
    dispute = reject_and_uphold(third)
    # The last round the platform allows: no window for a fourth.
    assert not Deadline.objects.filter(event=Event.REMOVAL_UPHELD, subject_id=dispute.pk).exists()
    with pytest.raises(ValidationError) as refused:
        counter(timezone.now())
    assert "used its 3 counter-notice attempts" in str(refused.value)
    assert "round 4 of 3" in str(refused.value)

    client.force_login(attorney)
    queue = client.get(reverse("enforcement:counternotice_list"), {"status": ""})
    rounds = queue.content.decode().count('class="notice-round">')
    assert rounds == 3 and 'class="notice-round">3/3<' in queue.content.decode()
    detail = client.get(third.get_absolute_url()).content.decode()
    assert "Counter-notice 3 of the 3 the platform allows" in detail
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert "round 1" in page and "round 3" in page
