"""Per-link outcomes: one transition table, and the complaint status derived from them."""

from __future__ import annotations

from collections import Counter

from django.db import models
from django.utils.translation import gettext_lazy as _

# The moves a link may make are in enforcement.lifecycle (LINK).

# The platform decided these notices; it accepted (took down) all but the rejected ones.
DECIDED = frozenset({"removed", "countered", "restored", "rejected"})
ACCEPTED = frozenset({"removed", "countered", "restored"})


class ComplaintStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    READY = "ready", _("Ready to file")
    AWAITING_PLATFORM = "awaiting_platform", _("Awaiting the platform")
    IN_PROGRESS = "in_progress", _("Partly decided")
    COUNTERED = "countered", _("Counter-notice to answer")
    DISPUTED = "disputed", _("Awaiting the platform's dispute decision")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


def complaint_status(
    state: str, outcomes: Counter, notices_to_answer: int | None = None
) -> ComplaintStatus:
    """The status a person reads, from the filing state, its links' outcomes and (when
    links are countered) how many of its counter-notices still await the attorney: a
    countered link whose notice was rejected waits for the platform's dispute decision."""
    if state in (ComplaintStatus.DRAFT, ComplaintStatus.READY, ComplaintStatus.WITHDRAWN):
        return ComplaintStatus(state)
    total = sum(outcomes.values())
    if outcomes.get("countered"):
        if notices_to_answer == 0:
            return ComplaintStatus.DISPUTED
        return ComplaintStatus.COUNTERED
    if total == 0 or outcomes.get("pending", 0) == total:
        return ComplaintStatus.AWAITING_PLATFORM
    if outcomes.get("pending"):
        return ComplaintStatus.IN_PROGRESS
    if outcomes.get("withdrawn", 0) == total:
        return ComplaintStatus.WITHDRAWN
    return ComplaintStatus.CLOSED


def listing_status_for(outcome: str) -> str:
    """The listing's own status after a link outcome is recorded."""
    return {
        "pending": "reported",
        "removed": "removed",
        "rejected": "rejected",
        "countered": "countered",
        "restored": "restored",
        "withdrawn": "known",
    }[outcome]


def quantile_of_counts(counts: Counter, share: float) -> int | None:
    """The smallest value at or below which ``share`` of the counted items lie (the
    median at 0.5), from a count per value: ``{0: 3, 2: 1}`` are the values 0, 0, 0, 2."""
    total = sum(counts.values())
    if total == 0:
        return None
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if seen >= share * total:
            return value
    return max(counts)
