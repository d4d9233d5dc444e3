"""The dashboard's practice figures: read from the outcome summary, equal to the raw rows'
counts worked out by hand, in a query count that does not grow with the rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from enforcement import figures
from enforcement.models import ComplaintLink
from enforcement.rules.outcomes import quantile_of_counts
from enforcement.services import counter_notices as notices
from enforcement.services import record_link_outcomes, submit_complaint
from tests.factories import ClientFactory, ComplaintFactory, PlatformAccountFactory

pytestmark = pytest.mark.django_db


def AT():  # noqa: N802 (when the outcomes happened: a moment, not a constant)
    return timezone.now().replace(minute=0, second=0, microsecond=0) - dt.timedelta(hours=2)


def _filed_with_outcomes(paralegal, attorney, account, *, links=4, at=None):
    """A filed complaint: all but one link removed, one rejected, and one removed link
    countered and conceded by the firm (restored, the seller won)."""
    at = at or AT()
    complaint = ComplaintFactory(client=ClientFactory(), account=account, links=links)
    submit_complaint(complaint, reference=f"IPP-{complaint.pk}", submitted_at=at, by=paralegal)
    pending = list(complaint.links.order_by("pk"))
    record_link_outcomes(pending[:-1], outcome="removed", at=at, by=paralegal)
    record_link_outcomes(pending[-1:], outcome="rejected", at=at, by=paralegal, reason="No")
    notice = notices.record_counter_notice(
        complaint=complaint, links=pending[:1], received_at=at, by=paralegal,
        claim_kind="trademark", claim_number="TM-1", seller_statement="Ours.",
    )  # fmt: skip
    notices.decide_counter_notice(notice, decision="accept", reasons="Fair.", by=attorney, at=at)
    return complaint


def test_the_charts_show_what_the_raw_rows_give(client, paralegal, attorney):
    busy, quiet = PlatformAccountFactory(client=None), PlatformAccountFactory(client=None)
    for _ in range(2):
        _filed_with_outcomes(paralegal, attorney, busy, links=5)
    _filed_with_outcomes(paralegal, attorney, quiet, links=3)
    client.force_login(attorney)
    response = client.get(reverse("home"))
    assert response.status_code == 200

    # By hand: per complaint of n links, n - 2 still removed, 1 restored, 1 rejected.
    takedowns = response.context["takedowns"]
    assert takedowns["months"][-1] == timezone.localdate().replace(day=1)
    month = takedowns["months"].index(timezone.localtime(AT()).date().replace(day=1))
    (taobao,) = takedowns["platforms"]
    assert taobao["name"].startswith("Taobao") and taobao["months"][month] == 3 + 3 + 1
    assert sum(taobao["months"]) == 7
    assert ComplaintLink.objects.filter(outcome="removed").count() == 7

    rows = response.context["account_rates"]["rows"]
    assert [r["pk"] for r in rows] == [busy.pk, quiet.pk]  # the busiest first
    busy_rates, quiet_rates = rows[0]["rates"], rows[1]["rates"]
    # Accepted: removed, countered or restored; decided: those and the rejected.
    assert (busy_rates.accepted, busy_rates.decided) == (8, 10)
    assert (busy_rates.seller_won, busy_rates.notices_decided) == (2, 2)
    assert (quiet_rates.accepted, quiet_rates.decided) == (2, 3)
    assert busy_rates.meets_takedown is False and busy_rates.meets_counter is False
    page = response.content.decode()
    assert "8/10 (80%)" in page and "2/3 (67%)" in page  # the table next to each chart
    assert 'role="img"' in page and "<script" not in page.split("<main", 1)[-1]
    assert response.context["counter_notices_waiting"] == 0


def test_the_practice_figures_count_the_waiting_and_this_weeks_deadlines(
    client, paralegal, attorney
):
    account = PlatformAccountFactory(client=None)
    complaint = ComplaintFactory(client=ClientFactory(), account=account, links=2)
    at = timezone.now() - dt.timedelta(hours=1)
    submit_complaint(complaint, reference="IPP-1", submitted_at=at, by=paralegal)
    links = list(complaint.links.order_by("pk"))
    record_link_outcomes(links, outcome="removed", at=at, by=paralegal)
    notices.record_counter_notice(
        complaint=complaint, links=links[:1], received_at=at, by=paralegal,
        claim_kind="trademark", claim_number="TM-1", seller_statement="Ours.",
    )  # fmt: skip
    client.force_login(attorney)
    context = client.get(reverse("home")).context
    assert context["counter_notices_waiting"] == 1
    from enforcement.models import Deadline

    week = timezone.now() + dt.timedelta(days=7)
    expected = Deadline.objects.filter(
        status="open", due_at__gte=timezone.now(), due_at__lt=week
    ).count()
    assert expected >= 1  # the firm's window to answer the counter-notice
    assert context["due_this_week"] == expected


@pytest.mark.parametrize("complaints", [1, 6])
def test_the_dashboard_with_charts_keeps_its_query_budget(
    client, paralegal, attorney, django_assert_max_num_queries, complaints
):
    for _ in range(complaints):
        _filed_with_outcomes(paralegal, attorney, PlatformAccountFactory(client=None))
    client.force_login(attorney)
    # 12 for the page, 3 for the sign-in (session, user, second factor).
    with django_assert_max_num_queries(15):
        response = client.get(reverse("home"))
    assert len(response.context["account_rates"]["rows"]) == min(
        complaints, figures.DASHBOARD_ACCOUNTS
    )


def test_month_starts_run_back_over_the_year():
    assert figures.month_starts(dt.date(2027, 2, 8), 4) == [
        dt.date(2026, 11, 1), dt.date(2026, 12, 1), dt.date(2027, 1, 1), dt.date(2027, 2, 1),
    ]  # fmt: skip


def test_the_numbers_page_shows_a_page_of_rows_and_finds_a_client_by_name(
    client, paralegal, attorney, settings, monkeypatch
):
    monkeypatch.setattr(figures, "NUMBERS_ROWS", 2)
    made = [_filed_with_outcomes(paralegal, attorney, PlatformAccountFactory(client=None))
            for _ in range(3)]  # fmt: skip
    client.force_login(attorney)
    url = reverse("enforcement:numbers")
    first = client.get(url).context
    assert len(first["by_client"]) == 2 and first["tables"]["by_client"]["pages"] == 2
    second = client.get(url, {"by_client_page": "2"}).context
    shown = {r["key"] for r in first["by_client"]} | {r["key"] for r in second["by_client"]}
    assert shown == {c.client for c in made}
    assert first["overall"]["rates"].decided == 3 * 4  # the figures count every row

    target = made[1].client
    page = client.get(url, {"client": target.legal_name})
    assert page.context["form"].is_valid(), page.context["form"].errors
    assert [r["key"] for r in page.context["by_client"]] == [target]
    assert page.context["overall"]["rates"].decided == 4
    html = page.content.decode()
    assert "<select" not in html.split('name="client"', 1)[0].rsplit("<", 1)[-1]
    assert client.get(url, {"client": str(target.pk)}).context["by_client"][0]["key"] == target
    several = client.get(url, {"client": "zzz-no-such"}).context["form"]
    assert "client" in several.errors


def test_time_to_takedown_counts_the_days_from_filing_to_removal(client, paralegal, attorney):
    # Filed ten days ago at 10:00 of the reader's zone; removed the same day, the next
    # day and three days later; one link still waits. By hand: median 1 day, 9 in 10
    # within 3 days.
    filed = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    filed -= dt.timedelta(days=10)
    account = PlatformAccountFactory(client=None)
    complaint = ComplaintFactory(client=ClientFactory(), account=account, links=4)
    submit_complaint(complaint, reference="IPP-T", submitted_at=filed, by=paralegal)
    links = list(complaint.links.order_by("pk"))
    for link, days in zip(links[:3], (0, 1, 3), strict=True):
        at = filed + dt.timedelta(days=days, hours=2)
        record_link_outcomes([link], outcome="removed", at=at, by=paralegal)
    # Removed long before the window: not counted.
    old = ComplaintFactory(client=ClientFactory(), account=account, links=1)
    long_ago = filed - dt.timedelta(days=figures.TAKEDOWN_DAYS - 4)  # 96 days ago
    submit_complaint(old, reference="IPP-O", submitted_at=long_ago, by=paralegal)
    record_link_outcomes(
        list(old.links.all()), outcome="removed", at=long_ago + dt.timedelta(days=2),
        by=paralegal,
    )  # fmt: skip

    client.force_login(attorney)
    response = client.get(reverse("home"))
    (taobao,) = response.context["time_to_takedown"]
    assert taobao["name"] == complaint.platform.name
    assert (taobao["removed"], taobao["median"], taobao["p90"]) == (3, 1, 3)
    assert 'class="text-end takedown-median">1<' in response.content.decode()


def test_a_quantile_of_counted_values():
    assert quantile_of_counts(Counter(), 0.5) is None
    assert quantile_of_counts(Counter({0: 3, 2: 1}), 0.5) == 0
    assert quantile_of_counts(Counter({0: 1, 1: 1, 3: 1}), 0.5) == 1
    assert quantile_of_counts(Counter({0: 1, 1: 1, 3: 1}), 0.9) == 3
    assert quantile_of_counts(Counter({5: 2, 1: 2}), 0.5) == 1
