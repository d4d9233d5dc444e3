"""The figures as they were counted from the raw rows, one link and one notice at a time:
what the outcome summary must reproduce exactly."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from clients.models import Client
from enforcement.models import ComplaintLink, CounterNotice, PlatformAccount, ReasonCode
from enforcement.rules.counter_notices import Rates, percent
from enforcement.rules.outcomes import ACCEPTED, DECIDED


def reason_code_rates(queryset):
    return queryset.annotate(
        decided=Count("complaints__links", filter=Q(complaints__links__outcome__in=DECIDED)),
        accepted=Count("complaints__links", filter=Q(complaints__links__outcome__in=ACCEPTED)),
    )


def portal_figures(links) -> dict:
    """The portal overview's counts and months, for the links ``PortalScope.links()`` gives."""
    counts = links.aggregate(
        reported=Count("pk"),
        removed=Count("pk", filter=Q(outcome="removed")),
        pending=Count("pk", filter=Q(outcome__in=["pending", "countered"])),
        restored=Count("pk", filter=Q(outcome="restored")),
        accepted=Count("pk", filter=Q(outcome__in=ACCEPTED)),
        decided=Count("pk", filter=Q(outcome__in=DECIDED)),
    )
    months = list(
        links.filter(outcome_at__isnull=False)
        .annotate(month=TruncMonth("outcome_at", tzinfo=timezone.get_current_timezone()))
        .values("month")
        .annotate(
            removed=Count("pk", filter=Q(outcome="removed")),
            other=Count("pk", filter=~Q(outcome="removed")),
        )
        .order_by("month")
    )
    return {"counts": counts, "rate": percent(counts["accepted"], counts["decided"]),
            "months": months}  # fmt: skip


def _link_counts(links, key: str | None) -> dict:

    fields = {
        "accepted": Count("pk", filter=Q(outcome__in=ACCEPTED)),
        "decided": Count("pk", filter=Q(outcome__in=DECIDED)),
        **{
            f"n_{o}": Count("pk", filter=Q(outcome=o))
            for o in ("removed", "rejected", "countered", "restored", "withdrawn")
        },  # fmt: skip
    }
    if key is None:
        return {None: links.aggregate(**fields)}
    return {row.pop(key): row for row in links.values(key).annotate(**fields).order_by()}


def _notice_counts(notices, key: str | None, start: dt.date, end: dt.date) -> dict:
    firm_settled = Q(status__in=["accepted", "withdrawn", "lapsed"], decided_at__date__range=(
        start, end))  # fmt: skip
    disputed = Q(status="rejected", dispute__decided_on__range=(start, end))
    fields = {
        "seller_won": Count(
            "pk", filter=firm_settled | (disputed & Q(dispute__status="reversed")), distinct=True
        ),
        "notices_decided": Count(
            "pk",
            filter=firm_settled | (disputed & Q(dispute__status__in=["reversed", "upheld"])),
            distinct=True,
        ),
    }
    if key is None:
        return {None: notices.aggregate(**fields)}
    return {row.pop(key): row for row in notices.values(key).annotate(**fields).order_by()}


def success_numbers(user, start: dt.date, end: dt.date, client=None, account=None) -> dict:
    """Takedown and counter-notice success, computed from the recorded outcomes only.

    Takedown success = accepted notices / decided notices (each reported link is a notice;
    decided when the platform acted on it, in the period). Counter-notice success = notices
    the seller won / counter-notices settled in the period (the firm accepted, withdrew or let
    the window lapse, or the platform reversed the firm's rejection).
    """
    links = ComplaintLink.objects.visible_to(user).filter(outcome_at__date__range=(start, end))
    notices = CounterNotice.objects.visible_to(user)
    if client is not None:
        links, notices = links.filter(complaint__client=client), notices.filter(client=client)
    if account is not None:
        links = links.filter(complaint__account=account)
        notices = notices.filter(complaint__account=account)

    def table(link_key, notice_key, model):
        link_rows = _link_counts(links, link_key)
        notice_rows = _notice_counts(notices, notice_key, start, end)
        keys = [k for k in set(link_rows) | set(notice_rows) if k is not None or model is None]
        names = {}
        if model is not None:
            found = model.objects.visible_to(user).filter(pk__in=keys)
            if model is PlatformAccount:
                found = found.select_related("group")
            names = {o.pk: o for o in found}
        rows = []
        for k in keys:
            lc = link_rows.get(k) or {}
            nc = notice_rows.get(k) or {}
            rates = Rates(
                accepted=lc.get("accepted", 0), decided=lc.get("decided", 0),
                seller_won=nc.get("seller_won", 0), notices_decided=nc.get("notices_decided", 0),
            )  # fmt: skip
            rows.append({"key": names.get(k, k), "rates": rates, "counts": lc})
        return sorted(rows, key=lambda r: str(r["key"]))

    overall = table(None, None, None)
    return {
        "start": start,
        "end": end,
        "overall": overall[0] if overall else None,
        "by_account": table("complaint__account", "complaint__account", PlatformAccount),
        "by_client": table("complaint__client", "client", Client),
        "by_reason": table("complaint__reason_code", "complaint__reason_code", ReasonCode),
        "months": _monthly(links, notices, start, end),
    }


def _monthly(links, notices, start: dt.date, end: dt.date) -> list[dict]:
    zone = timezone.get_current_timezone()
    by_month: dict[dt.date, dict] = {}
    for row in (
        links.annotate(month=TruncMonth("outcome_at", tzinfo=zone))
        .values("month")
        .annotate(
            accepted=Count("pk", filter=Q(outcome__in=ACCEPTED)),
            decided=Count("pk", filter=Q(outcome__in=DECIDED)),
        )
        .order_by("month")
    ):
        month = row["month"].date() if hasattr(row["month"], "date") else row["month"]
        by_month.setdefault(month, {"accepted": 0, "decided": 0})
        by_month[month].update(accepted=row["accepted"], decided=row["decided"])
    out = []
    for month in sorted(by_month):
        values = by_month[month]
        rate = values["accepted"] / values["decided"] if values["decided"] else None
        out.append({"month": month, **values, "rate": rate})
    return out
