"""The numbers steer the next filing: a reason code's figures on the account, before filing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from enforcement.filing_risk import account_code_rates
from enforcement.models import Complaint, OutcomeHour
from enforcement.rules.counter_notices import Rates
from enforcement.rules.filing_risk import (
    FilingRisk,
    Leaving,
    forecast,
    leaves_window_on,
    window_start,
)
from tests.factories import ComplaintFactory


def test_three_months_back_is_the_same_day_or_the_months_last():
    assert window_start(dt.date(2026, 5, 31)) == dt.date(2026, 2, 28)
    assert window_start(dt.date(2028, 5, 31)) == dt.date(2028, 2, 29)
    assert window_start(dt.date(2027, 1, 15)) == dt.date(2026, 10, 15)


def test_one_rejected_batch_of_300_at_exactly_ninety_percent_needs_2700_to_recover():
    risk = FilingRisk(Rates(accepted=2700, decided=3000, seller_won=0, notices_decided=0), 300)
    assert not risk.below_threshold
    assert risk.rate_if_all_rejected == pytest.approx(2700 / 3300)  # 81.8 %
    assert risk.needed_if_all_rejected == 2700
    assert risk.worst_case_below


def test_below_either_threshold_asks_for_a_reason():
    low = FilingRisk(Rates(accepted=80, decided=100, seller_won=0, notices_decided=0), 10)
    lost = FilingRisk(Rates(accepted=100, decided=100, seller_won=1, notices_decided=10), 10)
    fine = FilingRisk(Rates(accepted=95, decided=100, seller_won=0, notices_decided=10), 10)
    assert (low.below_threshold, lost.below_threshold, fine.below_threshold) == (
        True, True, False,
    )  # fmt: skip
    empty = FilingRisk(Rates(0, 0, 0, 0), 0)
    assert not empty.below_threshold and empty.rate_if_all_rejected is None


def history(complaint, at, reason_key=None, **counts):
    return OutcomeHour.objects.create(
        client=complaint.client, platform=complaint.platform, account_key=complaint.account_id,
        reason_key=reason_key or complaint.reason_code_id,
        hour=at.replace(minute=0, second=0, microsecond=0), **counts,
    )  # fmt: skip


@pytest.mark.django_db
def test_the_accounts_figures_count_three_months_of_this_code_only():
    complaint = ComplaintFactory(links=0)
    now = timezone.now()
    history(complaint, now - dt.timedelta(days=10), removed=70, rejected=20, restored=5)
    history(complaint, now - dt.timedelta(days=40), conceded=1, upheld=3, reversed=1)
    history(complaint, now - dt.timedelta(days=120), rejected=500)  # left the window
    another_code = complaint.reason_code_id + 1000
    history(complaint, now - dt.timedelta(days=5), reason_key=another_code, rejected=900)
    rates = account_code_rates(complaint.account, complaint.reason_code, timezone.localdate())
    assert rates == Rates(accepted=75, decided=95, seller_won=2, notices_decided=5)


@pytest.mark.django_db
def test_a_filing_below_the_threshold_needs_a_reason_that_the_complaint_keeps(client, paralegal):
    complaint = ComplaintFactory(links=0)
    history(complaint, timezone.now() - dt.timedelta(days=3), removed=80, rejected=20)
    client.force_login(paralegal)
    data = {
        "client": complaint.client_id, "platform": complaint.platform_id,
        "account": complaint.account_id, "ipr": complaint.ipr_id, "target_kind": "listing",
        "reason_code": complaint.reason_code_id, "supplementary_reasons": "Fakes",
        "links_text": "\n".join(
            f"https://item.taobao.com/item.htm?id={600000001000 + n}" for n in range(10)
        ),
    }  # fmt: skip
    url = reverse("enforcement:complaint_create")
    preview = client.post(url, {**data, "action": "preview"})
    body = preview.content.decode()
    assert 'id="filing-risk"' in body
    assert "80.0% of 100 decided notices" in body
    # 80 / 110 = 72.7 %; 9 × 110 − 10 × 80 = 190
    assert "If all 10 links are rejected, the rate falls to 72.7% and 190 accepted" in body
    assert 'name="risk_reason"' in body

    refused = client.post(url, {**data, "action": "save"})
    assert refused.status_code == 400
    assert "say why you file anyway" in refused.content.decode()
    assert refused.context["form"]["links_text"].value() == data["links_text"]
    assert Complaint.objects.count() == 1

    saved = client.post(url, {**data, "action": "save", "risk_reason": "Client insists."})
    assert saved.status_code == 302
    new = Complaint.objects.exclude(pk=complaint.pk).get()
    assert "Filed below the Good Faith thresholds" in new.internal_notes
    assert "80.0%" in new.internal_notes and "Client insists." in new.internal_notes


@pytest.mark.django_db
def test_a_healthy_code_shows_its_figures_and_asks_nothing(client, paralegal):
    complaint = ComplaintFactory(links=0)
    history(complaint, timezone.now() - dt.timedelta(days=3), removed=99, rejected=1)
    client.force_login(paralegal)
    data = {
        "client": complaint.client_id, "platform": complaint.platform_id,
        "account": complaint.account_id, "ipr": complaint.ipr_id, "target_kind": "listing",
        "reason_code": complaint.reason_code_id, "supplementary_reasons": "Fakes",
        "links_text": "https://item.taobao.com/item.htm?id=600000002001",
    }  # fmt: skip
    url = reverse("enforcement:complaint_create")
    body = client.post(url, {**data, "action": "preview"}).content.decode()
    assert "99.0% of 100 decided notices" in body and 'name="risk_reason"' not in body
    assert client.post(url, {**data, "action": "save"}).status_code == 302


def test_a_day_leaves_the_window_the_day_after_its_three_months():
    assert leaves_window_on(dt.date(2026, 12, 20), dt.date(2027, 3, 15)) == dt.date(2027, 3, 21)
    # Short months: 28 February is the window's first day until 31 May.
    assert leaves_window_on(dt.date(2027, 2, 28), dt.date(2027, 5, 1)) == dt.date(2027, 6, 1)
    assert leaves_window_on(dt.date(2027, 2, 27), dt.date(2027, 5, 1)) == dt.date(2027, 5, 28)


def test_the_forecast_by_hand():
    today = dt.date(2027, 3, 15)  # the window: 2026-12-15 to today
    days = {
        dt.date(2026, 12, 10): (100, 0),  # before the window: ignored
        dt.date(2026, 12, 20): (0, 10),
        dt.date(2027, 1, 10): (50, 0),
        dt.date(2027, 2, 1): (20, 5),
    }
    found = forecast(days, today)
    assert (found.rates.accepted, found.rates.decided) == (70, 85)  # 82 %: below
    assert found.below and found.rates.accepted_needed == 9 * 85 - 10 * 70  # 65
    assert found.leaving == (
        Leaving(dt.date(2027, 3, 21), 0, 10), Leaving(dt.date(2027, 5, 2), 20, 5),
    )  # fmt: skip
    # Once the ten rejections of 20 December are out: 70 / 75 = 93 %.
    assert found.recovers_on == dt.date(2027, 3, 21)


def test_a_rate_that_recovers_only_when_the_window_empties():
    today = dt.date(2027, 3, 15)
    found = forecast({dt.date(2027, 3, 1): (1, 9)}, today)
    assert found.below and found.recovers_on == dt.date(2027, 6, 2)
    fine = forecast({dt.date(2027, 3, 1): (9, 1)}, today)
    assert not fine.below and fine.recovers_on is None and fine.rates.accepted_needed == 0


@pytest.mark.django_db
def test_the_numbers_page_forecasts_the_account_and_code_below_ninety(client, attorney):
    complaint = ComplaintFactory(links=0)
    today = timezone.now().astimezone(dt.UTC).date()
    # A UTC day numbered 10 between 15 and 45 days ago: it leaves the window on the 11th
    # of the month three months later.
    rejected_on = next(
        today - dt.timedelta(days=k)
        for k in range(15, 46)
        if (today - dt.timedelta(days=k)).day == 10
    )
    noon = dt.time(12, tzinfo=dt.UTC)
    history(complaint, dt.datetime.combine(rejected_on, noon), rejected=3)
    history(complaint, dt.datetime.combine(rejected_on + dt.timedelta(days=5), noon), removed=6)
    month = rejected_on.month + 3
    year = rejected_on.year + (month - 1) // 12
    leaves = dt.date(year, (month - 1) % 12 + 1, 11)

    client.force_login(attorney)
    response = client.get(reverse("enforcement:numbers"))
    (row,) = response.context["forecast"]
    assert (row["account"], row["code"]) == (complaint.account, complaint.reason_code)
    found = row["forecast"]
    assert (found.rates.accepted, found.rates.decided) == (6, 9)
    assert found.rates.accepted_needed == 9 * 9 - 10 * 6  # 21
    assert found.leaving == (Leaving(leaves, 0, 3),)
    assert found.recovers_on == leaves  # then 6 accepted of 6
    page = response.content.decode()
    assert f"{leaves:%Y-%m-%d}: 3 rejections" in page
    assert 'class="text-end forecast-needed">21<' in page
