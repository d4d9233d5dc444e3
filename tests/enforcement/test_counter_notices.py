"""The attorney desk end to end: filed → countered → batch reject with a stale notice →
disputes → outcomes → the numbers, checked against values computed by hand."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from clients.roles import Role
from enforcement.models import ComplaintLink, CounterNotice, Deadline, Dispute, Event
from enforcement.rules.counter_notices import Rates, seller_won
from enforcement.rules.periods import default_period
from enforcement.services import counter_notices as service
from enforcement.services import record_link_outcomes
from enforcement.services.complaints import submit_complaint
from tests.factories import ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(paralegal, attorney):
    other = UserFactory(role=Role.ATTORNEY, username="other-attorney")
    base = timezone.now() - dt.timedelta(days=20)
    complaint = ComplaintFactory(links=10)
    complaint.client.supervising_attorney = attorney
    complaint.client.save()
    submit_complaint(complaint, reference="IPP-9", submitted_at=base, by=paralegal)
    links = list(complaint.links.order_by("position"))
    day = dt.timedelta(days=1)
    record_link_outcomes(links[:7], outcome="removed", at=base + day, by=paralegal)
    record_link_outcomes(
        links[7:8], outcome="rejected", at=base + day, by=paralegal, reason="Not enough proof"
    )

    def notice(*chosen):
        return service.record_counter_notice(
            complaint=complaint, links=list(chosen), received_at=base + 3 * day, by=paralegal,
            claim_kind="trademark", claim_number="TM-SELLER", claim_owner="Seller Co",
            claim_jurisdiction="CN", seller_statement="We own a similar mark.",
        )  # fmt: skip

    notices = [notice(links[0]), notice(links[1], links[2]), notice(links[3]), notice(links[4])]
    return complaint, links, notices, other


def test_the_whole_path_ends_in_numbers_computed_by_hand(client, desk, paralegal, attorney):
    complaint, links, (n1, n2, n3, n4), other = desk
    assert Deadline.objects.filter(event=Event.COUNTER_NOTICE_RECEIVED, status="open").count() == 4

    # The paralegal prepares an answer but cannot decide.
    service.save_draft_answer(n1, text="Counterfeit goods; see test purchase.", by=paralegal)
    with pytest.raises(PermissionDenied):
        service.decide_counter_notice(n1, decision="reject", reasons="x", by=paralegal)

    # The attorney opens the batch page; meanwhile a colleague accepts n3.
    client.force_login(attorney)
    page = client.get(reverse("enforcement:counternotice_batch"),
                      {"notice": [n1.pk, n2.pk, n3.pk]})  # fmt: skip
    rows = page.context["formset"].initial  # the version each notice was read at
    service.decide_counter_notice(n3, decision="accept", reasons="Their mark is older.", by=other)
    data = {"form-TOTAL_FORMS": len(rows), "form-INITIAL_FORMS": len(rows),
            "reason": "The goods are counterfeits of the registered mark.",
            "action": "confirm"}  # fmt: skip
    for i, row in enumerate(rows):
        data |= {f"form-{i}-notice": row["notice"], f"form-{i}-version": row["version"]}
        if row["notice"] == n2.pk:
            data[f"form-{i}-reason"] = "Test purchase shows a fake hologram."
    response = client.post(reverse("enforcement:counternotice_batch"), data, follow=True)
    text = response.content.decode()
    assert "Rejected 2 notice(s)" in text
    assert f"Skipped Counter-notice #{n3.pk}" in text and "already decided" in text
    n1.refresh_from_db(), n2.refresh_from_db(), n3.refresh_from_db()
    assert (n1.status, n2.status, n3.status) == ("rejected", "rejected", "accepted")
    assert n2.decision_reasons == "Test purchase shows a fake hologram."
    assert n3.decided_by == other  # untouched by the batch

    # Rejections opened disputes, with the 2- and 5-working-day deadlines.
    d1, d2 = Dispute.objects.get(notice=n1), Dispute.objects.get(notice=n2)
    assert Deadline.objects.filter(event=Event.DISPUTE_OPENED, subject_id=d1.pk).count() == 2
    today = timezone.localdate()
    service.record_dispute_decision(d1, upheld=True, decided_on=today, notes="", by=paralegal)
    service.record_dispute_decision(d2, upheld=False, decided_on=today, notes="", by=paralegal)
    service.decide_counter_notice(n4, decision="lapse", reasons="", by=attorney)
    assert not Deadline.objects.filter(
        event__in=[Event.COUNTER_NOTICE_RECEIVED, Event.DISPUTE_OPENED], status="open"
    ).exists()

    outcomes = [link.outcome for link in complaint.links.order_by("position")]
    assert outcomes == ["removed", "restored", "restored", "restored", "restored", "removed",
                        "removed", "rejected", "pending", "pending"]  # fmt: skip

    # By hand: accepted = removed + restored = 7; decided = 7 + 1 rejected = 8 → 87.5 %.
    # Counter-notices settled: n1 lost (upheld), n2 won (reversed), n3 won, n4 won → 3/4.
    # To reach 90 %: (7 + x) / (8 + x) ≥ 0.9 → x = 2.
    numbers = client.get(reverse("enforcement:numbers")).context
    overall = numbers["overall"]["rates"]
    assert (overall.accepted, overall.decided) == (7, 8)
    assert (overall.seller_won, overall.notices_decided) == (3, 4)
    assert overall.takedown_rate == 0.875 and overall.counter_rate == 0.75
    assert overall.accepted_needed == 2
    assert overall.meets_takedown is False and overall.meets_counter is False
    (account_row,) = numbers["by_account"]
    assert account_row["key"] == complaint.account
    assert account_row["rates"] == overall
    assert account_row["counts"]["n_restored"] == 4 and account_row["counts"]["n_removed"] == 3
    (reason_row,) = numbers["by_reason"]
    assert reason_row["key"] == complaint.reason_code


def test_a_paralegal_records_and_drafts_but_cannot_decide_through_the_pages(
    client, desk, paralegal
):
    _complaint, _links, (n1, *_rest), _other = desk
    client.force_login(paralegal)
    draft = client.post(
        reverse("enforcement:counternotice_draft", args=[n1.pk]),
        {"draft_answer": "Counterfeit; test purchase attached."},
    )
    assert draft.status_code == 302
    decide = client.post(
        reverse("enforcement:counternotice_decide", args=[n1.pk]),
        {"decision": "reject", "reasons": "x", "version": service.version_of(n1)},
    )
    assert decide.status_code == 403
    assert client.get(
        reverse("enforcement:counternotice_batch"), {"notice": n1.pk}
    ).status_code == (403)
    n1.refresh_from_db()
    assert n1.status == "awaiting_review" and n1.draft_answer.startswith("Counterfeit")
    page = client.get(n1.get_absolute_url()).content.decode()
    assert "An attorney decides" in page and 'class="decision"' not in page


def test_a_client_user_sees_nothing_of_the_firms_reasoning(client, desk):
    _complaint, _links, (n1, *_rest), _other = desk
    member = UserFactory(role=Role.CLIENT)
    from clients.models import Membership

    Membership.objects.create(user=member, client=n1.client)
    client.force_login(member)
    for url in (n1.get_absolute_url(), reverse("enforcement:counternotice_list"),
                reverse("enforcement:numbers")):  # fmt: skip
        assert client.get(url).status_code == 403
    assert CounterNotice.objects.visible_to(member).count() == 4  # scoped to its client only


def test_rejecting_without_reasons_comes_back_with_the_form_filled(client, desk, attorney):
    _complaint, _links, (n1, *_rest), _other = desk
    client.force_login(attorney)
    response = client.post(
        reverse("enforcement:counternotice_decide", args=[n1.pk]),
        {"decision": "reject", "reasons": "", "version": service.version_of(n1)},
    )
    assert response.status_code == 400
    assert "Give the platform the reasons" in response.content.decode()
    n1.refresh_from_db()
    assert n1.status == "awaiting_review"


def test_a_notice_edited_since_the_page_was_shown_is_not_decided_blindly(desk, attorney):
    _complaint, _links, (n1, *_rest), _other = desk
    seen = service.version_of(n1)
    CounterNotice.objects.filter(pk=n1.pk).update(
        seller_statement="New evidence attached", updated_at=timezone.now() + dt.timedelta(1)
    )
    with pytest.raises(service.StaleNotice):
        service.decide_counter_notice(
            n1, decision="reject", reasons="Fake", by=attorney, seen_version=seen
        )


def test_only_removed_links_can_be_counter_notified(desk, paralegal):
    from django.core.exceptions import ValidationError

    complaint, links, _notices, _other = desk
    with pytest.raises(ValidationError, match="record the removal first"):
        service.record_counter_notice(
            complaint=complaint, links=[links[8]], received_at=timezone.now(), by=paralegal
        )


@pytest.mark.parametrize(
    ("status", "dispute", "won"),
    [
        ("awaiting_review", None, None),
        ("accepted", None, True),
        ("withdrawn", None, True),
        ("lapsed", None, True),
        ("rejected", "open", None),
        ("rejected", "upheld", False),
        ("rejected", "reversed", True),
    ],
)
def test_who_won_a_counter_notice(status, dispute, won):
    assert seller_won(status, dispute) is won


@pytest.mark.parametrize(
    ("accepted", "decided", "needed"), [(0, 300, 2700), (9, 10, 0), (7, 8, 2), (0, 0, 0)]
)
def test_accepted_notices_needed_to_reach_ninety_percent(accepted, decided, needed):
    assert Rates(accepted, decided, 0, 0).accepted_needed == needed


# --- Repeat offenders ---------------------------------------------------------------------


def test_repeat_offense_is_decided_from_removals_shown_and_overridable(client, paralegal):
    from enforcement.models import Seller
    from tests.factories import ListingFactory, platform

    seller = Seller.objects.create(platform=platform("taobao"), seller_id="shop-77")
    earlier = ComplaintFactory(links=0)
    ComplaintLink.objects.create(
        complaint=earlier, listing=ListingFactory(seller=seller), position=1
    )
    submit_complaint(earlier, reference="A", submitted_at=timezone.now() - dt.timedelta(days=9),
                     by=paralegal)  # fmt: skip
    record_link_outcomes(list(earlier.links.all()), outcome="removed",
                         at=timezone.now() - dt.timedelta(days=8), by=paralegal)  # fmt: skip
    later = ComplaintFactory(links=0)
    link = ComplaintLink.objects.create(
        complaint=later, listing=ListingFactory(seller=seller), position=1
    )
    submit_complaint(later, reference="B", submitted_at=timezone.now() - dt.timedelta(hours=1),
                     by=paralegal)  # fmt: skip
    link.refresh_from_db()
    assert (link.offense, link.offense_count) == ("repeat", 1)
    window = Deadline.objects.get(event=Event.COMPLAINT_SUBMITTED, subject_id=link.pk)
    assert (window.length, window.unit) == (30, "calendar_days")

    client.force_login(paralegal)
    page = client.get(later.get_absolute_url()).content.decode()
    assert "repeat" in page
    refused = client.post(
        reverse("enforcement:complaint_offense", args=[later.pk]),
        {"links": [link.pk], "offense": "first", "reason": ""}, follow=True,
    )  # fmt: skip
    assert "This field is required" in refused.content.decode()
    client.post(
        reverse("enforcement:complaint_offense", args=[later.pk]),
        {
            "links": [link.pk],
            "offense": "first",
            "reason": "The earlier store was sold to a new operator.",
        },  # fmt: skip
    )
    link.refresh_from_db()
    assert link.offense == "first" and "new operator" in link.offense_override_reason
    window.refresh_from_db()
    assert window.status == "cancelled"
    reopened = Deadline.objects.get(
        event=Event.COMPLAINT_SUBMITTED, subject_id=link.pk, status="open"
    )
    assert (reopened.length, reopened.unit) == (3, "working_days")

    seller_page = client.get(seller.get_absolute_url()).content.decode()
    assert 'offense-count">1<' in seller_page and "repeat offender" in seller_page


def test_sellers_linked_as_one_network_show_each_others_complaints(client, paralegal):
    from enforcement.models import Seller, SellerNetwork
    from tests.factories import ListingFactory, platform

    a = Seller.objects.create(platform=platform("taobao"), seller_id="a", name="Store A")
    b = Seller.objects.create(platform=platform("aliexpress"), seller_id="b", name="Store B")
    complaint = ComplaintFactory(links=0)
    ComplaintLink.objects.create(complaint=complaint, listing=ListingFactory(seller=b), position=1)
    client.force_login(paralegal)
    response = client.post(
        reverse("enforcement:sellernetwork_create"),
        {"name": "Same operator", "notes": "Same phone number", "sellers": [a.pk, b.pk]},
    )
    assert response.status_code == 302
    network = SellerNetwork.objects.get()
    assert set(network.sellers.all()) == {a, b}
    assert a.history.first().network_id == network.pk
    page = client.get(a.get_absolute_url()).content.decode()
    assert "Store B" in page and str(complaint) in page


def test_a_seller_file_of_a_refused_type_comes_back_with_the_form_filled(client, desk, paralegal):
    complaint, links, _notices, _other = desk
    client.force_login(paralegal)
    before = CounterNotice.objects.count()
    response = client.post(
        reverse("enforcement:counternotice_create") + f"?complaint={complaint.pk}",
        {
            "complaint": complaint.pk, "links": [links[5].pk],
            "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "platform_reference": "CN-REF-77", "claim_kind": "trademark",
            "claim_number": "TM-1", "claim_owner": "Seller Co", "claim_jurisdiction": "CN",
            "seller_statement": "Ours.",
            "evidence_file": SimpleUploadedFile("licence.exe", b"MZ", "application/octet-stream"),
            "evidence_description": "Licence",
        },
    )  # fmt: skip
    text = response.content.decode()
    assert "Files of type “exe” are not accepted" in text
    assert 'value="CN-REF-77"' in text
    assert CounterNotice.objects.count() == before


def test_seller_evidence_added_later_is_checked_and_stored_under_a_random_name(desk, paralegal):
    _complaint, _links, (n1, *_rest), _other = desk
    with pytest.raises(ValidationError, match="not accepted"):
        service.add_seller_evidence(
            n1, file=SimpleUploadedFile("x.exe", b"MZ"), description="x", by=paralegal
        )
    item = service.add_seller_evidence(
        n1, file=SimpleUploadedFile("Seller Licence.pdf", b"%PDF-1.4"), description="", by=paralegal
    )
    assert item.file.name.startswith("counter-notices/") and "Licence" not in item.file.name
    assert item.description == "Seller Licence.pdf"
    assert n1.evidence.count() == 1


def test_a_batch_skips_a_notice_recorded_as_lapsed_meanwhile(desk, attorney):
    _complaint, links, (n1, n2, _n3, _n4), other = desk
    seen = {n.pk: service.version_of(n) for n in (n1, n2)}
    service.decide_counter_notice(n2, decision="lapse", reasons="", by=other)
    result = service.decide_many(
        [(n1, seen[n1.pk], "Counterfeit."), (n2, seen[n2.pk], "Counterfeit.")],
        decision="reject", by=attorney,
    )  # fmt: skip
    assert [n.pk for n in result.decided] == [n1.pk]
    ((skipped, message),) = result.skipped
    assert skipped.pk == n2.pk and "Lapsed" in message
    n2.refresh_from_db()
    assert n2.status == "lapsed" and not Dispute.objects.filter(notice=n2).exists()
    assert {link.outcome for link in n2.links.all()} == {"restored"}


@pytest.mark.parametrize(
    ("today", "start"),
    [
        (dt.date(2026, 11, 23), dt.date(2026, 8, 24)),
        (dt.date(2026, 5, 31), dt.date(2026, 3, 1)),  # 28 Feb + 1 day
        (dt.date(2028, 5, 31), dt.date(2028, 3, 1)),  # 29 Feb in a leap year + 1 day
        (dt.date(2027, 1, 15), dt.date(2026, 10, 16)),
    ],
)
def test_the_default_period_is_the_last_three_months_today_included(today, start):
    assert default_period(today) == (start, today)


def test_a_batch_without_a_reason_comes_back_filled_and_names_the_notices(client, desk, attorney):
    _complaint, _links, (n1, n2, *_rest), _other = desk
    client.force_login(attorney)
    page = client.get(reverse("enforcement:counternotice_batch"), {"notice": [n1.pk, n2.pk]})
    rows = page.context["formset"].initial
    data = {"form-TOTAL_FORMS": 2, "form-INITIAL_FORMS": 2, "reason": ""}
    for i, row in enumerate(rows):
        data |= {f"form-{i}-notice": row["notice"], f"form-{i}-version": row["version"]}
    data["form-0-reason"] = "Kept: my own reason for the first."
    response = client.post(reverse("enforcement:counternotice_batch"), data)
    assert response.status_code == 400
    text = response.content.decode()
    assert (
        "Give a reason for every notice" in text
        and str(n2 if rows[1]["notice"] == n2.pk else n1) in text
    )
    assert "Kept: my own reason for the first." in text  # nothing typed is lost
    n1.refresh_from_db(), n2.refresh_from_db()
    assert (n1.status, n2.status) == ("awaiting_review", "awaiting_review")


def test_a_batch_row_for_a_notice_out_of_reach_is_left_alone(client, desk, attorney):
    _complaint, _links, (n1, *_rest), _other = desk
    client.force_login(attorney)
    data = {"form-TOTAL_FORMS": 2, "form-INITIAL_FORMS": 2, "reason": "Counterfeit.",
            "action": "confirm", "form-0-notice": n1.pk, "form-0-version": service.version_of(n1),
            "form-1-notice": 9_999_999, "form-1-version": "x"}  # fmt: skip
    response = client.post(reverse("enforcement:counternotice_batch"), data, follow=True)
    assert "Rejected 1 notice(s)" in response.content.decode()
    n1.refresh_from_db()
    assert n1.status == "rejected"
