"""Per-link outcomes: one transition table, and the complaint status derived from them."""

from __future__ import annotations

from collections import Counter

from django.db import models
from django.utils.translation import gettext_lazy as _

# What the platform (or the seller, or the firm) can do next to a reported link.
LINK_TRANSITIONS: dict[str, frozenset[str]] = {
    "pending": frozenset({"removed", "rejected", "withdrawn"}),
    "removed": frozenset({"countered", "withdrawn"}),
    "countered": frozenset({"removed", "restored", "withdrawn"}),
    "rejected": frozenset(),
    "restored": frozenset(),
    "withdrawn": frozenset(),
}

# The platform decided these notices; it accepted (took down) all but the rejected ones.
DECIDED = frozenset({"removed", "countered", "restored", "rejected"})
ACCEPTED = frozenset({"removed", "countered", "restored"})

# Links the firm may still withdraw: the complaint awaits the platform or a counter-notice.
WITHDRAWABLE = frozenset({"pending", "removed", "countered"})
FINAL = frozenset(k for k, nxt in LINK_TRANSITIONS.items() if not nxt)


def can_move_link(current: str, new: str) -> bool:
    return new in LINK_TRANSITIONS.get(current, frozenset())


class ComplaintStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    READY = "ready", _("Ready to file")
    AWAITING_PLATFORM = "awaiting_platform", _("Awaiting the platform")
    IN_PROGRESS = "in_progress", _("Partly decided")
    COUNTERED = "countered", _("Counter-notice to answer")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


def complaint_status(state: str, outcomes: Counter) -> ComplaintStatus:
    """The status a person reads, from the filing state and its links' outcomes."""
    if state in (ComplaintStatus.DRAFT, ComplaintStatus.READY, ComplaintStatus.WITHDRAWN):
        return ComplaintStatus(state)
    total = sum(outcomes.values())
    if outcomes.get("countered"):
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
