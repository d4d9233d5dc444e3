"""Every record that has states, with the one table of moves it may make.

Services refuse any move a table does not allow (:func:`check`); pages and forms offer only
the moves :func:`allowed` lists. A link's outcome also says *which action* may make the
move: the platform's answer recorded by a paralegal, a counter-notice recorded against it,
the attorney's decision on that notice or the platform's dispute decision, or a withdrawal.
So a countered link moves only through the decision on its counter-notice.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from clients.lifecycle import DOCUMENT_REQUEST, allowed, can_move, refuse
from clients.models import DocumentRequest

from .models import (
    IPR,
    Complaint,
    ComplaintLink,
    CounterNotice,
    Deadline,
    Detection,
    Dispute,
    IPRVerification,
    Listing,
    OutboxMessage,
    PlatformAccount,
)
from .models.platforms import VerificationStatus

State = Complaint.State
Outcome = ComplaintLink.Outcome
NoticeStatus = CounterNotice.Status
DisputeStatus = Dispute.Status
DeadlineStatus = Deadline.Status
Verification = VerificationStatus


class By(StrEnum):
    """The action that moves a reported link."""

    PLATFORM_ANSWER = "platform_answer"  # the outcomes form
    COUNTER_NOTICE = "counter_notice"  # recording the seller's counter-notification
    DECISION = "decision"  # the attorney's decision, or the platform's dispute decision
    WITHDRAWAL = "withdrawal"  # the firm withdraws the complaint


COMPLAINT: Mapping[str, frozenset[str]] = {
    State.DRAFT: frozenset({State.READY, State.SUBMITTED, State.WITHDRAWN}),
    State.READY: frozenset({State.DRAFT, State.SUBMITTED, State.WITHDRAWN}),
    State.SUBMITTED: frozenset({State.WITHDRAWN}),
    State.WITHDRAWN: frozenset(),
}

LINK: Mapping[str, Mapping[str, By]] = {
    Outcome.PENDING: {
        Outcome.REMOVED: By.PLATFORM_ANSWER,
        Outcome.REJECTED: By.PLATFORM_ANSWER,
        Outcome.WITHDRAWN: By.WITHDRAWAL,
    },
    Outcome.REMOVED: {Outcome.COUNTERED: By.COUNTER_NOTICE, Outcome.WITHDRAWN: By.WITHDRAWAL},
    # Only the decision on the counter-notice settles a countered link.
    Outcome.COUNTERED: {
        Outcome.REMOVED: By.DECISION,
        Outcome.RESTORED: By.DECISION,
        Outcome.WITHDRAWN: By.DECISION,
    },
    Outcome.REJECTED: {},
    Outcome.RESTORED: {},
    Outcome.WITHDRAWN: {},
}

COUNTER_NOTICE: Mapping[str, frozenset[str]] = {
    NoticeStatus.AWAITING_REVIEW: frozenset(
        {NoticeStatus.REJECTED, NoticeStatus.ACCEPTED, NoticeStatus.WITHDRAWN, NoticeStatus.LAPSED}
    ),
    NoticeStatus.REJECTED: frozenset(),
    NoticeStatus.ACCEPTED: frozenset(),
    NoticeStatus.WITHDRAWN: frozenset(),
    NoticeStatus.LAPSED: frozenset(),
}

DISPUTE: Mapping[str, frozenset[str]] = {
    DisputeStatus.OPEN: frozenset({DisputeStatus.UPHELD, DisputeStatus.REVERSED}),
    DisputeStatus.UPHELD: frozenset(),
    DisputeStatus.REVERSED: frozenset(),
}

DEADLINE: Mapping[str, frozenset[str]] = {
    DeadlineStatus.OPEN: frozenset(
        {DeadlineStatus.MET, DeadlineStatus.MISSED, DeadlineStatus.CANCELLED}
    ),
    DeadlineStatus.MET: frozenset(),
    DeadlineStatus.MISSED: frozenset(),
    DeadlineStatus.CANCELLED: frozenset(),
}

# A right's verification on an account, and an account's own verification by the platform.
VERIFICATION: Mapping[str, frozenset[str]] = {
    Verification.SUBMITTED: frozenset({Verification.VERIFIED, Verification.FAILED}),
    Verification.FAILED: frozenset({Verification.RESUBMITTED}),
    Verification.RESUBMITTED: frozenset({Verification.VERIFIED, Verification.FAILED}),
    Verification.VERIFIED: frozenset(),
}

Mail = OutboxMessage.State
# An e-mail's way out: claimed under a lease, sent, retried, or given up.
OUTBOX: Mapping[str, frozenset[str]] = {
    Mail.QUEUED: frozenset({Mail.SENDING, Mail.CANCELLED}),
    Mail.SENDING: frozenset({Mail.SENT, Mail.QUEUED, Mail.FAILED}),
    Mail.SENT: frozenset(),
    Mail.FAILED: frozenset(),
    Mail.CANCELLED: frozenset(),
}

# An account's own verification by the platform starts before any submission.
ACCOUNT_VERIFICATION: Mapping[str, frozenset[str]] = {
    Verification.NOT_SUBMITTED: frozenset({Verification.SUBMITTED}),
    **VERIFICATION,
}

Suspected = Detection.Status
# A monitoring vendor's suspected listing: turned into a complaint draft, or dismissed.
DETECTION: Mapping[str, frozenset[str]] = {
    Suspected.SUSPECTED: frozenset(
        {Suspected.DRAFTED, Suspected.DISMISSED, Suspected.AWAITING_CLIENT}
    ),
    Suspected.AWAITING_CLIENT: frozenset(
        {Suspected.VALIDATED, Suspected.REJECTED_BY_CLIENT, Suspected.DISMISSED}
    ),
    Suspected.VALIDATED: frozenset({Suspected.DRAFTED, Suspected.DISMISSED}),
    Suspected.REJECTED_BY_CLIENT: frozenset(),
    Suspected.DRAFTED: frozenset(),
    Suspected.DISMISSED: frozenset(),
}

# Every state field of the app and its table (a test checks none is missing).
TABLES = {
    (Complaint, "state"): COMPLAINT,
    (ComplaintLink, "outcome"): LINK,
    (CounterNotice, "status"): COUNTER_NOTICE,
    (Dispute, "status"): DISPUTE,
    (Deadline, "status"): DEADLINE,
    (IPRVerification, "status"): VERIFICATION,
    (PlatformAccount, "verification_status"): ACCOUNT_VERIFICATION,
    (OutboxMessage, "state"): OUTBOX,
    (DocumentRequest, "status"): DOCUMENT_REQUEST,
    (Detection, "status"): DETECTION,
}
# State-like fields that are no workflow of the firm's, and why.
NOT_MOVED_BY_ACTIONS = {
    (Listing, "status"): "derived from its links' outcomes (rules.outcomes.listing_status_for)",
    (IPR, "status"): "the registry's own status of the right, recorded as a fact with proof",
}


def link_moves(current: str, new: str, by: By) -> bool:
    return can_move(LINK, current, new, by)


def answerable_outcomes() -> frozenset[str]:
    """The link outcomes the platform's answer (the outcomes form) can still change."""
    return frozenset(state for state in LINK if allowed(LINK, state, By.PLATFORM_ANSWER))


def check(table: Mapping, current: str, new: str, *, what: str, by: By | None = None) -> None:
    """Refuse a move the table does not allow, saying what is possible instead."""
    if can_move(table, current, new, by):
        return
    names = {"what": what, "current": _label(table, current), "new": _label(table, new)}
    if table is LINK and current == Outcome.COUNTERED and by != By.DECISION:
        raise ValidationError(
            _(
                "%(what)s is “%(current)s”: only the decision on its counter-notification "
                "(or the platform's dispute decision) can settle it."
            )
            % names,
            code="wrong_action",
        )
    if table is LINK and new in allowed(LINK, current):
        raise ValidationError(
            _("%(what)s cannot become “%(new)s” this way; it is “%(current)s”.") % names,
            code="wrong_action",
        )
    labels = {state: _label(table, state) for state in table}
    raise refuse(table, current, new, what=what, labels=labels, by=by)


def _label(table: Mapping, state: str) -> str:
    for (model, field_name), known in TABLES.items():
        if known is table:
            field = model._meta.get_field(field_name)
            return str(dict(field.flatchoices).get(state, state))
    return state
