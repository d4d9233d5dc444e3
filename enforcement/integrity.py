"""Rows in an impossible state: a bounded date out of its range, a thing that has happened
dated in the future, or dates that contradict one another (``rules.coherence``).

The database checks keep the ranges; the rest is refused by the forms and services, and
this is how a test (or a person, through ``manage.py check_dates``) verifies that nothing
slipped past them. Each finding names the model, the row and the dates.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db.models import F, Q
from django.utils import timezone

from clients.bounds import (
    EARLIEST_DATE,
    EARLIEST_MOMENT,
    LATEST_DATE,
    LATEST_MOMENT,
    BoundedDateField,
    BoundedMomentField,
    latest_past_date,
    latest_past_moment,
)
from clients.scoping import unscoped

from .models import ComplaintLink, CounterNotice, Dispute, PlatformAccount
from .rules import coherence

PROJECT_APPS = ("clients", "enforcement")
REASON = "the integrity check reads every row"
SHOWN = 10  # rows named per finding


def bounded_fields() -> list[tuple[type, BoundedDateField | BoundedMomentField]]:
    """Every bounded field of the project's own models (history tables left out)."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, BoundedDateField | BoundedMomentField):
                found.append((model, field))
    return found


def _ids(queryset) -> list[int]:
    return list(queryset.order_by("pk").values_list("pk", flat=True)[:SHOWN])


def _finding(model, what: str, ids: list[int]) -> str:
    return f"{model.__name__} {what}: {', '.join(map(str, ids))}"


@unscoped(REASON)
def out_of_range() -> list[str]:
    findings = []
    for model, field in bounded_fields():
        if isinstance(field, BoundedMomentField):
            earliest, latest = EARLIEST_MOMENT, LATEST_MOMENT
        else:
            earliest, latest = EARLIEST_DATE, LATEST_DATE
        name = field.name
        bad = model._default_manager.filter(
            Q(**{f"{name}__lt": earliest}) | Q(**{f"{name}__gt": latest})
        )
        if ids := _ids(bad):
            findings.append(_finding(model, f"{name} out of range", ids))
        if field.past_only:
            ahead = latest_past_moment() if isinstance(field, BoundedMomentField) else None
            ahead = ahead or latest_past_date()
            if ids := _ids(model._default_manager.filter(**{f"{name}__gt": ahead})):
                findings.append(_finding(model, f"{name} in the future", ids))
    return findings


@unscoped(REASON)
def contradictions(now: dt.datetime | None = None) -> list[str]:
    now = now or timezone.now()
    findings = []
    early = CounterNotice.objects.filter(received_at__lt=F("complaint__submitted_at"))
    if ids := _ids(early):
        findings.append(_finding(CounterNotice, "received before the complaint was filed", ids))
    early = ComplaintLink.objects.filter(
        outcome_at__isnull=False, outcome_at__lt=F("complaint__submitted_at")
    )
    if ids := _ids(early):
        findings.append(_finding(ComplaintLink, "outcome before the complaint was filed", ids))
    before = PlatformAccount.objects.filter(
        verified_on__isnull=False,
        verification_submitted_on__isnull=False,
        verified_on__lt=F("verification_submitted_on"),
    )
    if ids := _ids(before):
        findings.append(_finding(PlatformAccount, "verified before it was submitted", ids))
    decided = (
        Dispute.objects.filter(decided_on__isnull=False)
        .select_related("notice")
        .only("pk", "decided_on", "opened_at", "notice__decided_at")
    )
    wrong = [
        d.pk
        for d in decided.iterator()
        if coherence.dispute_decision(
            d.decided_on, d.notice.decided_at or d.opened_at, now=now + dt.timedelta(days=2)
        )
    ]
    if wrong:
        findings.append(_finding(Dispute, "decided before the rejection", wrong[:SHOWN]))
    return findings


def impossible_rows() -> list[str]:
    return out_of_range() + contradictions()
