"""Sellers are known: networks from shared contact details, and a risk score per store.

``know_sellers`` runs each night (enforcement.tasks): first the grouping, then the scores,
which read the networks. Both are recomputed from the records, so a second run in a row
changes nothing, and a run that fails half-way leaves the previous night's figures.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_update_with_history

from clients.roles import Capability
from clients.scoping import unscoped
from clients.services import save_record

from ..models import (
    ComplaintLink,
    CounterNotice,
    Dispute,
    Seller,
    SellerNetwork,
)
from ..models.seller_risk import SellerRiskFactor
from ..rules.sellers import CONTACT_FIELDS, Factor, contact_keys, group_by_shared_contacts, score

FOR_THE_FIRM = "grouping and scoring compare every seller on file"
BATCH = 1000
Source = Seller.NetworkSource
FIELD_LABELS = {
    "phone": gettext_lazy("phone"),
    "email": gettext_lazy("e-mail"),
    "wechat_id": gettext_lazy("WeChat id"),
    "company_name": gettext_lazy("company name"),
    "address": gettext_lazy("address"),
}


@dataclass
class GroupingReport:
    groups: int = 0
    created: int = 0
    joined: int = 0
    left: int = 0


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def group_networks(*, now: dt.datetime | None = None) -> GroupingReport:
    """Put sellers that share a contact detail, directly or through others, in one network.

    The firm's own links win: a seller linked by hand keeps its network (and its network
    takes in the automatic members of its group, when it is the only one there); a seller
    marked "never group automatically" takes no part at all.
    """
    report = GroupingReport()
    has_contact = Q()
    for name in CONTACT_FIELDS:
        has_contact |= ~Q(**{name: ""})
    rows = {
        row["pk"]: row
        for row in Seller.objects.filter(has_contact, keep_out_of_automatic_networks=False)
        .values("pk", "name", "seller_id", "network_id", "network_source", *CONTACT_FIELDS)
        .iterator(chunk_size=5000)
    }
    groups = group_by_shared_contacts({pk: contact_keys(row) for pk, row in rows.items()})
    wanted: dict[int, int] = {}
    for ids, kinds in groups:
        manual = {
            rows[pk]["network_id"] for pk in ids if rows[pk]["network_source"] == Source.MANUAL
        }
        free = sorted(pk for pk in ids if rows[pk]["network_source"] != Source.MANUAL)
        if not free:
            continue
        shared = ", ".join(str(FIELD_LABELS[k]) for k in CONTACT_FIELDS if k in kinds)
        if len(manual) == 1:
            target = next(iter(manual))
        else:
            target = _automatic_network(free, rows, shared, size=len(ids))
            report.created += target is None
            if target is None:
                first = rows[free[0]]
                store = first["name"] or first["seller_id"]
                network = SellerNetwork.objects.create(
                    name=_("Operator of %(store)s") % {"store": store},
                    notes=_("Stores that share: %(fields)s.") % {"fields": shared},
                    is_automatic=True,
                )
                target = network.pk
        report.groups += 1
        for pk in free:
            wanted[pk] = target

    changed = []
    for seller in (
        Seller.objects.filter(has_contact | Q(network_source=Source.AUTOMATIC))
        .only("pk", "network_id", "network_source")
        .iterator(chunk_size=5000)
    ):
        target = wanted.get(seller.pk)
        if target is None:
            if seller.network_source == Source.AUTOMATIC:
                seller.network_id, seller.network_source = None, Source.NONE
                report.left += 1
                changed.append(seller)
        elif seller.network_id != target or seller.network_source != Source.AUTOMATIC:
            seller.network_id, seller.network_source = target, Source.AUTOMATIC
            report.joined += 1
            changed.append(seller)
    if changed:
        bulk_update_with_history(
            changed, Seller, ["network", "network_source"], batch_size=BATCH,
            default_change_reason="grouped by shared contact details",
            default_date=now or timezone.now(),
        )  # fmt: skip
    return report


def _automatic_network(free, rows, shared: str, *, size: int) -> int | None:
    """The automatic network most of the group is in already (stable from night to night)."""
    current = Counter(
        rows[pk]["network_id"]
        for pk in free
        if rows[pk]["network_source"] == Source.AUTOMATIC and rows[pk]["network_id"]
    )
    if not current:
        return None
    network_id = current.most_common(1)[0][0]
    SellerNetwork.objects.filter(pk=network_id, is_automatic=True).update(
        notes=_("Stores that share: %(fields)s.") % {"fields": shared}
    )
    return network_id


def active_factors() -> list[tuple[SellerRiskFactor, Factor]]:
    return [
        (row, Factor(row.code, row.points_each, row.cap))
        for row in SellerRiskFactor.objects.filter(is_active=True)
    ]


def _since(row: SellerRiskFactor, now: dt.datetime) -> dt.datetime | None:
    return now - dt.timedelta(days=row.window_days) if row.window_days else None


def _per_seller(queryset, key: str, *, distinct: str = "pk") -> dict[int, int]:
    return dict(
        queryset.exclude(**{f"{key}__isnull": True})
        .order_by()
        .values_list(key)
        .annotate(n=Count(distinct, distinct=True))
    )


@unscoped(FOR_THE_FIRM)
def seller_counts(now: dt.datetime, factors: list[SellerRiskFactor]) -> dict[str, dict[int, int]]:
    """Per factor, per seller id, the count the score multiplies (grouped queries only)."""
    counts: dict[str, dict[int, int]] = {}
    by_code = {row.code: row for row in factors}
    Code = SellerRiskFactor.Code

    if row := by_code.get(Code.REMOVED_LINKS):
        links = ComplaintLink.objects.filter(outcome=ComplaintLink.Outcome.REMOVED)
        if since := _since(row, now):
            links = links.filter(outcome_at__gte=since)
        counts[row.code] = _per_seller(links, "listing__seller")

    if row := by_code.get(Code.LOST_COUNTER_NOTICES):
        lost = CounterNotice.objects.filter(status=CounterNotice.Status.REJECTED).exclude(
            dispute__status=Dispute.Status.REVERSED
        )
        if since := _since(row, now):
            lost = lost.filter(received_at__gte=since)
        counts[row.code] = _per_seller(lost, "seller")

    if row := by_code.get(Code.RELISTS):
        removed_before = ComplaintLink.objects.filter(
            listing=OuterRef("listing"),
            outcome=ComplaintLink.Outcome.REMOVED,
            outcome_at__lt=OuterRef("complaint__created_at"),
        ).exclude(complaint=OuterRef("complaint"))
        again = ComplaintLink.objects.filter(Exists(removed_before))
        if since := _since(row, now):
            again = again.filter(complaint__created_at__gte=since)
        counts[row.code] = _per_seller(again, "listing__seller", distinct="listing")

    network_rows = list(
        Seller.objects.filter(network__isnull=False).values_list("pk", "network_id", "platform_id")
    )
    stores: dict[int, set[int]] = {}
    platforms: dict[int, set[int]] = {}
    for pk, network_id, platform_id in network_rows:
        stores.setdefault(network_id, set()).add(pk)
        platforms.setdefault(network_id, set()).add(platform_id)
    own_platform = {pk: platform_id for pk, _n, platform_id in network_rows}
    member_of = {pk: network_id for pk, network_id, _p in network_rows}
    if row := by_code.get(Code.STORES):
        counts[row.code] = {pk: len(stores[n]) - 1 for pk, n in member_of.items()}
    if row := by_code.get(Code.PLATFORMS):
        counts[row.code] = {
            pk: len(platforms[n] - {own_platform[pk]}) for pk, n in member_of.items()
        }
    if row := by_code.get(Code.NETWORK_LISTINGS):
        reported = ComplaintLink.objects.filter(listing__seller__network__isnull=False)
        if since := _since(row, now):
            reported = reported.filter(complaint__created_at__gte=since)
        per_network = dict(
            reported.order_by()
            .values_list("listing__seller__network")
            .annotate(n=Count("listing", distinct=True))
        )
        counts[row.code] = {pk: per_network.get(n, 0) for pk, n in member_of.items()}
    return counts


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def score_sellers(*, now: dt.datetime | None = None) -> int:
    """Store every seller's score and its terms; returns how many sellers changed."""
    now = now or timezone.now()
    factors = active_factors()
    counts = seller_counts(now, [row for row, _f in factors])
    changed = []
    for seller in Seller.objects.only("pk", "risk_score", "risk_terms").iterator(chunk_size=5000):
        result = score(
            {code: c.get(seller.pk, 0) for code, c in counts.items()}, (f for _r, f in factors)
        )
        terms = [t for t in result.as_json() if t["count"]]
        if (seller.risk_score, seller.risk_terms) != (result.total, terms):
            seller.risk_score, seller.risk_terms, seller.risk_scored_at = result.total, terms, now
            changed.append(seller)
    Seller.objects.bulk_update(
        changed, ["risk_score", "risk_terms", "risk_scored_at"], batch_size=BATCH
    )
    return len(changed)


def know_sellers(*, now: dt.datetime | None = None) -> dict:
    """The nightly job: networks first, then the scores that read them."""
    grouping = group_networks(now=now)
    return {**grouping.__dict__, "scored": score_sellers(now=now)}


def risk_rows(seller: Seller) -> list[dict]:
    """The terms of a seller's stored score, labelled, in the order of the factor table."""
    labels = dict(SellerRiskFactor.Code.choices)
    return [{**term, "label": labels.get(term["code"], term["code"])} for term in seller.risk_terms]


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def save_seller(form, *, by, capability: Capability = Capability.EDIT_CASE_FILE) -> Seller:
    """A seller's record; choosing or clearing its network by hand makes it the firm's link."""
    if "network" in form.changed_data:
        network = form.cleaned_data.get("network")
        form.instance.network_source = Source.MANUAL if network else Source.NONE
    return save_record(form, by=by, capability=capability)
