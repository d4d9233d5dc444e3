"""The state a page shows is the state: a complaint's status follows its notices'
decisions, and an outcome for several ticked links applies to those that may take it."""

import datetime as dt
import zoneinfo
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from enforcement.models import Complaint, ComplaintLink
from enforcement.rules.outcomes import ComplaintStatus, complaint_status
from enforcement.services import counter_notices as notices
from enforcement.services import record_link_outcomes, record_platform_answer
from enforcement.services.complaints import submit_complaint
from tests.factories import ComplaintFactory


@pytest.mark.parametrize(
    ("outcomes", "to_answer", "expected"),
    [
        ({"countered": 2, "removed": 1}, 1, ComplaintStatus.COUNTERED),
        ({"countered": 2, "removed": 1}, 0, ComplaintStatus.DISPUTED),
        ({"countered": 1}, None, ComplaintStatus.COUNTERED),
        ({"restored": 2, "removed": 1}, 0, ComplaintStatus.CLOSED),
    ],
)
def test_countered_links_read_as_disputed_once_no_notice_awaits_the_attorney(
    outcomes, to_answer, expected
):
    assert complaint_status("submitted", Counter(outcomes), to_answer) == expected


@pytest.fixture
def countered(paralegal):
    """A filed complaint of five removed links, each counter-notified on its own."""
    base = timezone.now() - dt.timedelta(days=10)
    complaint = ComplaintFactory(links=5)
    submit_complaint(complaint, reference="IPP-5", submitted_at=base, by=paralegal)
    links = list(complaint.links.order_by("position"))
    record_link_outcomes(links, outcome="removed", at=base + dt.timedelta(days=1), by=paralegal)
    made = [
        notices.record_counter_notice(
            complaint=complaint,
            links=[link],
            received_at=base + dt.timedelta(days=2),
            by=paralegal,
            claim_kind="trademark",
            claim_number="TM-1",
            claim_owner="Seller",
            claim_jurisdiction="CN",
            seller_statement="Ours.",
        )  # fmt: skip
        for link in links
    ]
    return complaint, made


@pytest.mark.django_db
def test_status_follows_the_decisions_of_all_five_notices(client, countered, attorney):
    complaint, made = countered
    assert Complaint.objects.get(pk=complaint.pk).status == ComplaintStatus.COUNTERED
    for notice in made[:4]:
        notices.decide_counter_notice(notice, decision="reject", reasons="Fakes.", by=attorney)
    assert Complaint.objects.get(pk=complaint.pk).status == ComplaintStatus.COUNTERED
    notices.decide_counter_notice(made[4], decision="reject", reasons="Fakes.", by=attorney)
    assert Complaint.objects.get(pk=complaint.pk).status == ComplaintStatus.DISPUTED
    client.force_login(attorney)
    body = client.get(complaint.get_absolute_url()).content.decode()
    assert "Awaiting the platform&#x27;s dispute decision" in body
    assert "Counter-notice to answer" not in body


@pytest.mark.django_db
def test_draft_status_is_not_doubled(client, paralegal):
    complaint = ComplaintFactory(links=1)
    client.force_login(paralegal)
    body = client.get(complaint.get_absolute_url()).content.decode()
    assert "Draft (Draft)" not in body
    assert "(Draft)" not in body


@pytest.mark.django_db
def test_one_outcome_for_five_links_skips_the_removed_one_and_names_it(paralegal):
    complaint = ComplaintFactory(links=5)
    at = timezone.now() - dt.timedelta(days=1)
    submit_complaint(complaint, reference="IPP-6", submitted_at=at, by=paralegal)
    links = list(complaint.links.order_by("position"))
    record_link_outcomes([links[2]], outcome="rejected", at=at, reason="Unclear", by=paralegal)
    result = record_platform_answer(links, outcome="removed", at=timezone.now(), by=paralegal)
    assert sorted(link.position for link in result.recorded) == [1, 2, 4, 5]
    assert [link.position for link, _why in result.refused] == [3]
    assert "Link 3 (" in result.refused[0][1]
    outcomes = dict(complaint.links.values_list("position", "outcome"))
    assert outcomes == {1: "removed", 2: "removed", 3: "rejected", 4: "removed", 5: "removed"}
    with pytest.raises(ValidationError, match="none of the ticked links"):
        record_platform_answer(links[:1], outcome="removed", at=timezone.now(), by=paralegal)


@pytest.mark.django_db
def test_the_outcomes_form_reports_the_link_it_could_not_move(client, paralegal):
    complaint = ComplaintFactory(links=3)
    at = timezone.now() - dt.timedelta(hours=2)
    submit_complaint(complaint, reference="IPP-7", submitted_at=at, by=paralegal)
    first, second, third = complaint.links.order_by("position")
    record_link_outcomes([second], outcome="removed", at=at, by=paralegal)
    client.force_login(paralegal)
    response = client.post(
        reverse("enforcement:complaint_outcomes", args=[complaint.pk]),
        {
            "links": [first.pk, second.pk, third.pk],
            "outcome": "removed",
            # typed as the paralegal's clock reads it (the form reads it in their zone)
            "at": timezone.localtime(timezone=zoneinfo.ZoneInfo(paralegal.time_zone)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
        },
        follow=True,
    )
    body = response.content.decode()
    assert "Recorded for 2 link(s): 1, 3." in body
    assert "Not recorded: Link 2 (" in body
    outcomes = ComplaintLink.objects.filter(complaint=complaint).values_list("outcome", flat=True)
    assert set(outcomes) == {"removed"}


@pytest.mark.django_db
def test_a_client_in_mainland_china_is_not_named_twice(client, paralegal):
    from tests.factories import ClientFactory

    brand = ClientFactory(country="CN")
    client.force_login(paralegal)
    body = client.get(brand.get_absolute_url()).content.decode()
    assert "mainland China" in body
    assert "China mainland China" not in body and "China <span" not in body
