"""What a client report says, read once, in the reader's scope and time zone.

The rates come from the numbers page's own arithmetic (``figures.success_numbers``, read
from the outcome summary); the per-platform months, the median time to removal and the
top sellers are grouped queries on the period's links (a handful of rows each); the links
themselves are streamed (``link_rows``), so a report of any size is built in bounded memory.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from ..figures import success_numbers
from ..models import Complaint, ComplaintLink
from ..rules import periods
from ..rules.counter_notices import COUNTER_THRESHOLD, TAKEDOWN_THRESHOLD, Rates
from ..services.summaries import COUNTED_STATES

TOP = 10
STREAM_CHUNK = 2000


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of ``day``'s month."""
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def previous_month(day: dt.date) -> tuple[dt.date, dt.date]:
    return month_bounds(day.replace(day=1) - dt.timedelta(days=1))


@dataclass
class ClientReport:
    client: object
    start: dt.date
    end: dt.date
    zone: dt.tzinfo
    rates: Rates
    by_reason: list[dict]
    totals: dict
    platform_months: list[dict]
    median_days_to_removal: float | None
    top_sellers: list[dict]
    top_networks: list[dict]
    complaints: list[dict]
    _links: object = field(repr=False, default=None)
    takedown_threshold: float = TAKEDOWN_THRESHOLD
    counter_threshold: float = COUNTER_THRESHOLD

    def link_rows(self) -> Iterator[dict]:
        """Every link of the period's complaints, streamed in chunks (never all in memory)."""
        zone = self.zone
        for link in (
            self._links.select_related("complaint__platform", "listing__seller")
            .only(
                "outcome",
                "outcome_at",
                "position",
                "complaint__id",
                "complaint__platform_reference",
                "complaint__submitted_at",
                "complaint__platform__name",
                "listing__canonical_url",
                "listing__title",
                "listing__seller__name",
                "listing__seller__seller_id",
            )  # fmt: skip
            .order_by("complaint__submitted_at", "complaint_id", "position")
            .iterator(chunk_size=STREAM_CHUNK)
        ):
            seller = link.listing.seller
            yield {
                "complaint": link.complaint_id,
                "reference": link.complaint.platform_reference,
                "platform": link.complaint.platform.name,
                "submitted": timezone.localtime(link.complaint.submitted_at, zone).date(),
                "url": link.listing.canonical_url,
                "title": link.listing.title,
                "seller": (seller.name or seller.seller_id) if seller else "",
                "status": link.get_outcome_display(),
                "outcome_at": timezone.localtime(link.outcome_at, zone).date()
                if link.outcome_at
                else None,
            }


def build_report(user, client, start: dt.date, end: dt.date, zone=None) -> ClientReport:
    """The report of ``client`` from ``start`` to ``end`` (the reader's days), as ``user``
    sees it. The period's links are those of complaints filed in it."""
    zone = zone or timezone.get_current_timezone()
    span = periods.local_days(start, end, zone)
    with timezone.override(zone):
        numbers = success_numbers(user, start, end, client=client)
    all_links = ComplaintLink.objects.visible_to(user).filter(
        complaint__client=client, complaint__state__in=COUNTED_STATES
    )
    filed = Q(complaint__submitted_at__gte=span.start, complaint__submitted_at__lt=span.end)
    decided = Q(outcome_at__gte=span.start, outcome_at__lt=span.end)
    links = all_links.filter(filed)

    months: dict[tuple, dict] = {}

    def cell(platform: str, month) -> dict:
        key = (platform, month.date())
        return months.setdefault(
            key,
            {"platform": platform, "month": month.date(), "reported": 0, "removed": 0,
             "pending": 0, "restored": 0},
        )  # fmt: skip

    for row in (
        links.annotate(month=TruncMonth("complaint__submitted_at", tzinfo=zone))
        .values("complaint__platform__name", "month")
        .annotate(n=Count("pk"), pending=Count("pk", filter=Q(outcome="pending")))
        .order_by()
    ):
        c = cell(row["complaint__platform__name"], row["month"])
        c["reported"] += row["n"]
        c["pending"] += row["pending"]
    for row in (
        all_links.filter(decided, outcome__in=["removed", "restored"])
        .annotate(month=TruncMonth("outcome_at", tzinfo=zone))
        .values("complaint__platform__name", "month", "outcome")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        cell(row["complaint__platform__name"], row["month"])[row["outcome"]] += row["n"]
    platform_months = sorted(months.values(), key=lambda r: (r["month"], r["platform"]))
    totals = {
        k: sum(r[k] for r in platform_months)
        for k in ("reported", "removed", "pending", "restored")
    }

    durations = [
        (outcome_at - submitted_at).total_seconds() / 86400
        for outcome_at, submitted_at in all_links.filter(decided, outcome="removed")
        .values_list("outcome_at", "complaint__submitted_at")
        .iterator(chunk_size=STREAM_CHUNK)
        if submitted_at is not None
    ]
    median = statistics.median(durations) if durations else None

    top_sellers = [
        {"name": r["listing__seller__name"] or r["listing__seller__seller_id"],
         "platform": r["listing__seller__platform__name"], "links": r["n"]}
        for r in links.filter(listing__seller__isnull=False)
        .values("listing__seller", "listing__seller__name", "listing__seller__seller_id",
                "listing__seller__platform__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "listing__seller__name")[:TOP]
    ]  # fmt: skip
    top_networks = [
        {"name": r["listing__seller__network__name"], "links": r["n"]}
        for r in links.filter(listing__seller__network__isnull=False)
        .values("listing__seller__network", "listing__seller__network__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "listing__seller__network__name")[:TOP]
    ]
    complaints = [
        {
            "id": c.pk,
            "reference": c.platform_reference,
            "platform": c.platform.name,
            "submitted": timezone.localtime(c.submitted_at, zone).date(),
            "state": c.get_state_display(),
            "links": c.n_links,
            "removed": c.n_removed,
            "pending": c.n_pending,
        }
        for c in Complaint.objects.visible_to(user)
        .filter(client=client, state__in=COUNTED_STATES)
        .filter(submitted_at__gte=span.start, submitted_at__lt=span.end)
        .select_related("platform")
        .only("platform_reference", "submitted_at", "state", "platform__name")
        .annotate(
            n_links=Count("links"),
            n_removed=Count("links", filter=Q(links__outcome="removed")),
            n_pending=Count("links", filter=Q(links__outcome="pending")),
        )
        .order_by("submitted_at", "pk")
        .iterator(chunk_size=STREAM_CHUNK)
    ]
    return ClientReport(
        client=client,
        start=start,
        end=end,
        zone=zone,
        rates=numbers["overall"]["rates"],
        by_reason=numbers["by_reason"],
        totals=totals,
        platform_months=platform_months,
        median_days_to_removal=median,
        top_sellers=top_sellers,
        top_networks=top_networks,
        complaints=complaints,
        _links=links,
    )
