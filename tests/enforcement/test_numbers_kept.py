"""The numbers page's figures are kept for the firm's staff and kept ready by the worker."""

import zoneinfo

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from clients.scoping import reader_scope
from enforcement import figures, tasks
from enforcement.models import Complaint, ComplaintLink
from enforcement.rules.periods import default_period
from enforcement.services.summaries import rebuild_summary

from ..factories import ComplaintFactory, ListingFactory, UserFactory

pytestmark = pytest.mark.django_db


def _decided(removed, rejected):
    complaint = ComplaintFactory(links=0, eligible=False)
    now = timezone.now()
    Complaint.objects.filter(pk=complaint.pk).update(
        state="submitted", submitted_at=now, platform_reference="IPP-1"
    )
    outcomes = ["removed"] * removed + ["rejected"] * rejected
    ComplaintLink.objects.bulk_create(
        ComplaintLink(
            complaint=complaint,
            listing=ListingFactory(),
            position=i,
            outcome=outcome,
            outcome_at=now,
            outcome_reason="No proof" if outcome == "rejected" else "",
        )  # fmt: skip
        for i, outcome in enumerate(outcomes)
    )
    rebuild_summary()
    return complaint


def test_the_firms_staff_share_one_scope_and_a_client_user_has_its_own(
    paralegal, attorney, firm_admin, client_user
):
    assert reader_scope(paralegal) == reader_scope(attorney) == reader_scope(firm_admin)
    assert reader_scope(client_user) not in {reader_scope(paralegal), reader_scope(None)}
    other = UserFactory(role="client")
    assert reader_scope(other) != reader_scope(client_user)


def test_the_worker_keeps_the_default_period_ready_for_each_zone_and_language(
    client, paralegal, attorney, django_assert_max_num_queries
):
    _decided(removed=3, rejected=1)
    attorney.time_zone, attorney.language = "America/New_York", "zh-hans"
    attorney.save()
    UserFactory(role="client", time_zone="Europe/Berlin")  # no staff reads in Berlin
    assert tasks.warm_numbers() == 2  # Shanghai/English and New York/Chinese

    for user in (paralegal, attorney):
        zone = zoneinfo.ZoneInfo(user.time_zone)
        with timezone.override(zone), translation.override(user.language):
            start, end = default_period(timezone.localdate())
            key = figures.numbers_key(user, start, end)
        kept = cache.get(key)
        assert kept is not None, f"nothing kept for {user.time_zone}"
        assert (kept["overall"]["rates"].accepted, kept["overall"]["rates"].decided) == (3, 4)
        client.force_login(user)
        # The page reads what the worker kept: no summary query, only the request's own.
        with django_assert_max_num_queries(6):
            response = client.get(reverse("enforcement:numbers"))
        rates = response.context["overall"]["rates"]
        assert (rates.accepted, rates.decided) == (3, 4)


def test_a_visit_computes_what_was_not_kept_and_staff_then_share_it(
    client, paralegal, attorney, django_assert_max_num_queries
):
    _decided(removed=2, rejected=2)
    client.force_login(paralegal)
    first = client.get(reverse("enforcement:numbers")).context["overall"]["rates"]
    assert (first.accepted, first.decided) == (2, 4)
    client.force_login(attorney)  # same zone and language: the paralegal's figures serve
    with django_assert_max_num_queries(6):
        again = client.get(reverse("enforcement:numbers")).context["overall"]["rates"]
    assert again == first


def test_the_beat_runs_it_before_the_figures_expire():
    entry = settings.CELERY_BEAT_SCHEDULE["warm-numbers"]
    assert entry["task"] == "enforcement.tasks.warm_numbers"
    assert entry["schedule"] < settings.DASHBOARD_CACHE_SECONDS


@pytest.mark.parametrize("value", ["٣", "9" * 40, "-2", "0", "abc"])
def test_a_hostile_table_page_number_shows_the_first_page(client, attorney, value):
    _decided(removed=1, rejected=1)
    client.force_login(attorney)
    response = client.get(reverse("enforcement:numbers"), {"by_client_page": value})
    assert response.status_code == 200
    assert response.context["tables"]["by_client"]["page"] == 1
