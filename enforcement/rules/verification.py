"""The lifecycle of a right's verification on a platform account: one transition table."""

from __future__ import annotations

from ..models.platforms import VerificationStatus as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.SUBMITTED: frozenset({S.VERIFIED, S.FAILED}),
    S.FAILED: frozenset({S.RESUBMITTED}),
    S.RESUBMITTED: frozenset({S.VERIFIED, S.FAILED}),
    S.VERIFIED: frozenset(),
}


def allowed_next(status: str) -> frozenset[str]:
    return TRANSITIONS.get(status, frozenset())


def can_move(current: str, new: str) -> bool:
    return new in allowed_next(current)
