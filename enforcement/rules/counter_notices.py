"""Counter-notification decisions, who won each one, and the Good Faith arithmetic."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

AWAITING = "awaiting_review"

# decision → status; only a notice awaiting review can be decided.
DECISIONS: dict[str, str] = {
    "reject": "rejected",
    "accept": "accepted",
    "withdraw": "withdrawn",
    "lapse": "lapsed",
}
DECISION_LABELS = {
    "reject": _("Reject (the platform decides in a dispute)"),
    "accept": _("Accept: the listing is restored"),
    "withdraw": _("Withdraw the complaint for these links"),
    "lapse": _("Record that the window lapsed"),
}


def can_decide(status: str) -> bool:
    return status == AWAITING


def seller_won(status: str, dispute_status: str | None) -> bool | None:
    """True/False once the notice is settled, None while it is not.

    The seller wins when the firm accepts, withdraws or lets the window lapse, or when the
    platform reverses the firm's rejection; it loses when the platform upholds it.
    """
    if status in ("accepted", "withdrawn", "lapsed"):
        return True
    if status == "rejected":
        if dispute_status == "reversed":
            return True
        if dispute_status == "upheld":
            return False
    return None


# The Good Faith Program's thresholds (DOMAIN.md): overall and per reason code.
TAKEDOWN_THRESHOLD = 0.90  # at least
COUNTER_THRESHOLD = 0.05  # at most


def share(part: int, whole: int) -> float | None:
    """The share of part in whole, None when there is nothing to divide."""
    return part / whole if whole else None


def percent(part: int, whole: int, digits: int = 1) -> float | None:
    rate = share(part, whole)
    return None if rate is None else round(rate * 100, digits)


@dataclass(frozen=True)
class Rates:
    accepted: int
    decided: int
    seller_won: int
    notices_decided: int

    @property
    def takedown_rate(self) -> float | None:
        return share(self.accepted, self.decided)

    @property
    def counter_rate(self) -> float | None:
        return share(self.seller_won, self.notices_decided)

    @property
    def meets_takedown(self) -> bool | None:
        rate = self.takedown_rate
        return None if rate is None else rate >= TAKEDOWN_THRESHOLD

    @property
    def meets_counter(self) -> bool | None:
        rate = self.counter_rate
        return None if rate is None else rate <= COUNTER_THRESHOLD

    @property
    def accepted_needed(self) -> int:
        """Accepted notices still needed (with no new rejection) to reach 90%.

        (a + x) / (d + x) >= 9/10  ⇔  x >= 9d - 10a, in whole numbers: one rejected batch
        of 300 needs 2,700 accepted notices.
        """
        return max(0, 9 * self.decided - 10 * self.accepted)


def next_attempt(used: int, *, allowed: int) -> tuple[int, str]:
    """The round a new counter-notice on links that have had ``used`` rounds would be, and
    why it is refused when the platform allows no more (``""`` when it is not)."""
    attempt = used + 1
    if attempt > allowed:
        return attempt, _("this would be round %(n)d of %(allowed)d") % {
            "n": attempt, "allowed": allowed,
        }  # fmt: skip
    return attempt, ""
