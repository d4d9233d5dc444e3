"""Query functions that give pages their data, annotated in one place."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from .rules.outcomes import ACCEPTED, DECIDED


def reason_code_rates(queryset: QuerySet) -> QuerySet:
    """Each reason code's decided notices and how many the platforms accepted."""
    return queryset.annotate(
        decided=Count("complaints__links", filter=Q(complaints__links__outcome__in=DECIDED)),
        accepted=Count("complaints__links", filter=Q(complaints__links__outcome__in=ACCEPTED)),
    )


def format_rate(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "—"
