"""Sellers are known: networks from shared contact details, a risk score that adds up."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from enforcement.models import (
    ComplaintLink,
    CounterNotice,
    Dispute,
    Listing,
    Platform,
    Seller,
    SellerNetwork,
    SellerRiskFactor,
)
from enforcement.rules.sellers import (
    Factor,
    contact_keys,
    group_by_shared_contacts,
    normal_company,
    normal_phone,
    score,
)
from enforcement.services.sellers import group_networks, know_sellers, score_sellers
from tests.factories import ComplaintFactory, ListingFactory

pytestmark = pytest.mark.django_db


def seller(code="taobao", **contacts):
    platform = Platform.objects.get(code=code)
    n = Seller.objects.count() + 1
    return Seller.objects.create(
        platform=platform, seller_id=f"s{n}", name=f"Store {n}", **contacts
    )


# --- The rules ----------------------------------------------------------------------------


def test_one_phone_written_three_ways_is_one_phone():
    assert normal_phone("+86 138-0013-8000") == normal_phone("13800138000") == "13800138000"
    assert normal_phone("0086 138 0013 8000") == "13800138000"
    assert normal_phone("12") == ""  # too short to say anything


def test_a_company_name_without_its_legal_form_is_the_same_company():
    assert normal_company("深圳市华强电子有限公司") == normal_company("深圳市华强电子")
    assert normal_company("Shenzhen Huaqiang Trading Co., Ltd.") == normal_company(
        "SHENZHEN HUAQIANG"
    )
    assert normal_company("Co., Ltd.") == ""


def test_grouping_is_transitive_and_names_what_was_shared():
    records = {
        1: contact_keys({"phone": "13800138000"}),
        2: contact_keys({"phone": "+86 13800138000", "email": "Boss@Shop.cn"}),
        3: contact_keys({"email": "boss@shop.cn"}),
        4: contact_keys({"email": "other@shop.cn"}),
        5: set(),
    }
    groups = group_by_shared_contacts(records)
    assert groups == [(frozenset({1, 2, 3}), frozenset({"phone", "email"}))]


def test_a_score_is_the_sum_of_its_capped_terms():
    factors = [Factor("a", 5, 30), Factor("b", 10, 20), Factor("c", 1, 10)]
    result = score({"a": 3, "b": 4}, factors)
    assert [(t.code, t.count, t.points) for t in result.terms] == [
        ("a", 3, 15),
        ("b", 4, 20),  # capped
        ("c", 0, 0),
    ]
    assert result.total == 35 == sum(t.points for t in result.terms)
    assert score({"a": 100, "b": 100, "c": 100}, factors * 2).total == 100


# --- Networks -----------------------------------------------------------------------------


def test_sellers_sharing_contacts_directly_or_through_others_become_one_network():
    a = seller(phone="13800138000")
    b = seller(code="tmall", phone="+86 138 0013 8000", email="boss@shop.cn")
    c = seller(code="aliexpress", email="BOSS@shop.cn")
    loner = seller(email="someone@else.cn")
    report = group_networks()
    assert (report.groups, report.created, report.joined) == (1, 1, 3)
    for s in (a, b, c, loner):
        s.refresh_from_db()
    assert a.network_id == b.network_id == c.network_id is not None
    assert loner.network_id is None
    network = a.network
    assert network.is_automatic
    assert "phone" in network.notes and "e-mail" in network.notes
    assert {s.network_source for s in (a, b, c)} == {Seller.NetworkSource.AUTOMATIC}
    latest = a.history.first()
    assert latest.history_change_reason == "grouped by shared contact details"

    again = group_networks()  # a second night changes nothing
    assert (again.created, again.joined, again.left) == (0, 0, 0)
    assert SellerNetwork.objects.filter(is_automatic=True).count() == 1


def test_the_firms_own_links_win_and_a_store_kept_out_is_never_grouped():
    manual = SellerNetwork.objects.create(name="Known operator")
    linked = seller(phone="13800138000", network=manual, network_source="manual")
    joins = seller(code="tmall", phone="13800138000")
    kept_out = seller(code="1688", phone="13800138000", keep_out_of_automatic_networks=True)
    elsewhere = SellerNetwork.objects.create(name="Another operator")
    moved = seller(email="x@shop.cn", network=elsewhere, network_source="manual")
    seller(code="tmall", email="x@shop.cn", network=manual, network_source="manual")

    group_networks()
    for s in (linked, joins, kept_out, moved):
        s.refresh_from_db()
    assert (linked.network, linked.network_source) == (manual, "manual")
    assert (joins.network, joins.network_source) == (manual, "automatic")
    assert kept_out.network is None
    assert (moved.network, moved.network_source) == (elsewhere, "manual")


def test_a_store_whose_shared_detail_is_gone_leaves_the_automatic_network():
    a = seller(phone="13800138000")
    b = seller(code="tmall", phone="13800138000")
    group_networks()
    b.refresh_from_db()
    b.phone = ""
    b.save()
    report = group_networks()
    assert report.left == 2
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.network, a.network_source, b.network) == (None, "", None)


def test_choosing_a_network_on_the_sellers_form_makes_it_the_firms_link(client, paralegal):
    network = SellerNetwork.objects.create(name="Known operator")
    s = seller(phone="13800138000")
    client.force_login(paralegal)
    response = client.post(
        reverse("enforcement:seller_update", args=[s.pk]),
        {"platform": s.platform_id, "seller_id": s.seller_id, "name": s.name,
         "network": network.pk, "phone": s.phone},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    s.refresh_from_db()
    assert (s.network, s.network_source) == (network, "manual")


# --- Risk ---------------------------------------------------------------------------------


def removed(link, at):
    ComplaintLink.objects.filter(pk=link.pk).update(outcome="removed", outcome_at=at)


def test_a_sellers_score_adds_up_its_factors_as_the_page_shows(client, paralegal, attorney):
    now = timezone.now()
    network = SellerNetwork.objects.create(name="Operator")
    store = seller(network=network, network_source="manual")
    seller(code="tmall", network=network, network_source="manual")
    seller(code="tmall", network=network, network_source="manual")
    complaint = ComplaintFactory(links=0)
    links = [
        ComplaintLink.objects.create(
            complaint=complaint, listing=ListingFactory(seller=store), position=i
        )
        for i in (1, 2, 3)
    ]
    removed(links[0], now - dt.timedelta(days=10))
    removed(links[1], now - dt.timedelta(days=100))
    removed(links[2], now - dt.timedelta(days=200))  # outside the 180 days
    lost = CounterNotice.objects.create(
        client=complaint.client, complaint=complaint, seller=store,
        received_at=now - dt.timedelta(days=20), status=CounterNotice.Status.REJECTED,
        decided_at=now - dt.timedelta(days=19), decided_by=attorney, decision_reasons="Fake.",
    )  # fmt: skip
    won = CounterNotice.objects.create(
        client=complaint.client, complaint=complaint, seller=store,
        received_at=now - dt.timedelta(days=20), status=CounterNotice.Status.REJECTED,
        decided_at=now - dt.timedelta(days=19), decided_by=attorney, decision_reasons="Fake.",
    )  # fmt: skip
    Dispute.objects.create(
        notice=won, status=Dispute.Status.REVERSED, opened_at=now - dt.timedelta(days=18),
        decided_on=now.date() - dt.timedelta(days=5), recorded_by=attorney,
    )  # fmt: skip
    assert lost.pk

    assert score_sellers(now=now) >= 1
    store.refresh_from_db()
    terms = {t["code"]: (t["count"], t["points"]) for t in store.risk_terms}
    assert terms == {
        "removed_links": (2, 10),
        "lost_counter_notices": (1, 10),
        "stores": (2, 4),
        "platforms": (1, 5),
        "network_listings": (3, 3),
    }
    assert store.risk_score == 32 == sum(points for _count, points in terms.values())

    client.force_login(paralegal)
    page = client.get(store.get_absolute_url()).content.decode()
    assert "32 / 100" in page
    assert str(SellerRiskFactor.Code.REMOVED_LINKS.label) in page
    assert score_sellers(now=now) == 0  # nothing changed since


def test_a_listing_reported_again_after_its_removal_is_a_relist():
    now = timezone.now()
    store = seller()
    listing = ListingFactory(seller=store)
    first = ComplaintFactory(links=0)
    link = ComplaintLink.objects.create(complaint=first, listing=listing, position=1)
    removed(link, now - dt.timedelta(days=30))
    second = ComplaintFactory(links=0)
    ComplaintLink.objects.create(complaint=second, listing=listing, position=1)
    score_sellers(now=now)
    store.refresh_from_db()
    assert {"code": "relists", "count": 1, "points": 10} in store.risk_terms


def test_the_high_risk_shortlist_is_riskiest_first_and_per_client(
    client, paralegal, client_a, client_b, django_assert_max_num_queries, settings
):
    settings.SELLER_HIGH_RISK_SCORE = 50
    risky, riskier, low = seller(), seller(), seller()
    Seller.objects.filter(pk=risky.pk).update(risk_score=60)
    Seller.objects.filter(pk=riskier.pk).update(risk_score=90)
    Seller.objects.filter(pk=low.pk).update(risk_score=40)
    complaint = ComplaintFactory(client=client_a, links=0)
    ComplaintLink.objects.create(
        complaint=complaint, listing=ListingFactory(seller=risky), position=1
    )
    client.force_login(paralegal)
    url = reverse("enforcement:seller_risk_list")
    with django_assert_max_num_queries(12):
        rows = list(client.get(url).context["object_list"])
    assert rows == [riskier, risky]
    assert list(client.get(url, {"client": client_a.pk}).context["object_list"]) == [risky]
    assert list(client.get(url, {"client": client_b.pk}).context["object_list"]) == []
    for i in range(30):
        Seller.objects.create(
            platform=risky.platform, seller_id=f"many{i}", risk_score=70, name=f"Many {i}"
        )
    with django_assert_max_num_queries(12):
        assert len(client.get(url).context["object_list"]) == 25


def test_a_client_user_cannot_open_the_shortlist(client, client_user):
    client.force_login(client_user)
    assert client.get(reverse("enforcement:seller_risk_list")).status_code in (403, 404)


# --- The network's page -------------------------------------------------------------------


def test_a_networks_live_listings_become_one_prefilled_complaint_draft(client, paralegal):
    network = SellerNetwork.objects.create(name="Operator")
    taobao_store = seller(network=network, network_source="manual")
    live = ListingFactory(seller=taobao_store)
    gone = ListingFactory(seller=taobao_store)
    Listing.objects.filter(pk=gone.pk).update(status=Listing.Status.REMOVED)
    elsewhere = ListingFactory(seller=seller())  # not in the network
    client.force_login(paralegal)
    page = client.get(network.get_absolute_url())
    assert page.context["live"] == [
        {
            "platform": live.platform_id,
            "platform__name": live.platform.name,
            "kind": "listing",
            "n": 1,
        }
    ]
    draft_url = (
        reverse("enforcement:complaint_create")
        + f"?network={network.pk}&platform={live.platform_id}&target_kind=listing"
    )
    assert draft_url.replace("&", "&amp;") in page.content.decode()
    form = client.get(draft_url).context["form"]
    assert form.initial["links_text"] == live.canonical_url
    assert gone.canonical_url not in form.initial["links_text"]
    assert elsewhere.canonical_url not in form.initial["links_text"]
    assert str(form.initial["platform"]) == str(live.platform_id)


def test_the_nightly_job_groups_then_scores(settings):
    assert settings.CELERY_BEAT_SCHEDULE["know-sellers"]["task"] == "enforcement.tasks.know_sellers"
    a = seller(phone="13800138000")
    seller(code="tmall", phone="13800138000")
    report = know_sellers()
    assert report["created"] == 1
    a.refresh_from_db()
    assert {t["code"] for t in a.risk_terms} >= {"stores", "platforms"}


@pytest.mark.django_db
def test_the_complaints_of_one_seller_and_a_bad_seller_id_refused(client, paralegal):
    store = Seller.objects.create(
        platform=Platform.objects.get(code="taobao"), seller_id="s-77", name="Store 77"
    )
    theirs = ComplaintFactory(links=0)
    ComplaintLink.objects.create(complaint=theirs, listing=ListingFactory(seller=store), position=1)
    other = ComplaintFactory(links=1)
    client.force_login(paralegal)
    url = reverse("enforcement:complaint_list")
    shown = client.get(url, {"seller": store.pk, "archived": "all"}).context["object_list"]
    assert [c.pk for c in shown] == [theirs.pk]
    for bad in ("-1", "9" * 40, "1.5", "٣"):
        answer = client.get(url, {"seller": bad, "archived": "all"})
        assert answer.status_code == 200
        assert "Seller (id) not applied: Enter a record&#x27;s id" in answer.content.decode()
        assert other.pk in [c.pk for c in answer.context["object_list"]]  # the rest apply


def _network_of_two():
    network = SellerNetwork.objects.create(name="One operator")
    a, b = seller(), seller("aliexpress")
    Seller.objects.filter(pk__in=[a.pk, b.pk]).update(network=network)
    complaint = ComplaintFactory(links=0)
    outcomes = {a: ["removed"] * 4 + ["rejected"], b: ["removed"]}
    position = 0
    for store, results in outcomes.items():
        for outcome in results:
            position += 1
            ComplaintLink.objects.create(
                complaint=complaint, listing=ListingFactory(seller=store), position=position,
                outcome=outcome, outcome_at=timezone.now(),
                outcome_reason="Not enough proof" if outcome == "rejected" else "",
            )  # fmt: skip
    return network, a, b


def test_network_stores_count_offenses_up_to_the_cap(client, paralegal, monkeypatch):
    from enforcement import selectors

    network, a, b = _network_of_two()
    client.force_login(paralegal)
    page = client.get(a.get_absolute_url()).content.decode()
    assert "4 offenses" in page and "1 offense" in page  # the rejected link is none
    monkeypatch.setattr(selectors, "OFFENSE_COUNT_CAP", 2)
    page = client.get(a.get_absolute_url()).content.decode()
    assert "more than 2 offenses" in page and "1 offense" in page and "4 offenses" not in page
    counts = {s: s.offense_count for s in client.get(network.get_absolute_url()).context["sellers"]}
    assert counts == {a: 3, b: 1}  # one past the cap: the page says "more than 2"
    assert "more than 2" in client.get(network.get_absolute_url()).content.decode()


def test_a_network_sellers_page_lists_the_complaints_about_its_stores_latest_listings(
    client, paralegal, monkeypatch
):
    from enforcement import selectors

    network, a, b = _network_of_two()
    newest = {}
    for age, store in enumerate([b, a, a]):
        listing = ListingFactory(seller=store)
        Listing.objects.filter(pk=listing.pk).update(
            first_seen_at=timezone.now() + dt.timedelta(days=1, hours=-age)
        )
        complaint = ComplaintFactory(links=0)
        ComplaintLink.objects.create(complaint=complaint, listing=listing, position=1)
        newest[complaint.pk] = age
    monkeypatch.setattr(selectors, "SELLER_LISTINGS_READ", 2)
    shown = [c.pk for c in client_page(client, paralegal, a).context["complaints"].rows]
    # The two newest listings of either store: b's newest and a's next; a's oldest is not.
    assert sorted(newest[pk] for pk in shown) == [0, 1]
    alone = seller()
    assert list(client_page(client, paralegal, alone).context["complaints"].rows) == []


def client_page(client, user, store):
    client.force_login(user)
    return client.get(store.get_absolute_url())
