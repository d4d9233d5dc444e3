"""Counter-notifications: recorded by staff, decided by attorneys, disputed, closed.

Each action is one transaction: the notice, its links' outcomes, its deadlines and its
dispute move together or not at all. A batch decides each notice in its own savepoint, so
a notice that changed meanwhile is reported and skipped while the rest proceed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.files import sha256_of
from clients.roles import Capability, has_capability
from clients.scoping import unscoped
from clients.services import save_record

from .. import lifecycle
from ..lifecycle import By
from ..models import (
    Complaint,
    ComplaintLink,
    CounterNotice,
    CounterNoticeEvidence,
    Dispute,
    Event,
    Seller,
)
from ..rules import coherence
from ..rules.counter_notices import DECISIONS, can_decide, next_attempt
from ..rules.workdays import noon_on
from . import deadlines, summaries
from .complaints import record_link_outcomes

FOR_THE_FIRM = "a counter-notice service acts on records its caller reached"

Status = CounterNotice.Status


class StaleNotice(Exception):
    """The notice is no longer as the person deciding saw it."""

    def __init__(self, notice: CounterNotice, message: str):
        self.notice = notice
        self.message = message
        super().__init__(message)


def _require(user, capability: Capability) -> None:
    if not has_capability(user, capability):
        raise PermissionDenied


def version_of(notice: CounterNotice) -> str:
    """What a page shows and posts back, to detect a change made meanwhile."""
    return notice.updated_at.isoformat()


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def record_counter_notice(
    *,
    complaint: Complaint,
    links: Sequence[ComplaintLink],
    received_at: dt.datetime,
    by,
    seller=None,
    evidence: Sequence[tuple] = (),
    **facts,
) -> CounterNotice:
    """Record a seller's counter-notification; opens the firm's window to answer."""
    _require(by, Capability.EDIT_CASE_FILE)
    complaint = (
        Complaint.objects.select_for_update().select_related("platform").get(pk=complaint.pk)
    )
    if complaint.state != Complaint.State.SUBMITTED:
        raise ValidationError(_("Only a submitted complaint can be counter-notified."))
    links = list(
        ComplaintLink.objects.select_related("listing").filter(
            pk__in=[link.pk for link in links], complaint=complaint
        )
    )
    if not links:
        raise ValidationError(_("Tick the links of this complaint that the notice answers."))
    not_removed = [link for link in links if link.outcome != ComplaintLink.Outcome.REMOVED]
    if not_removed:
        raise ValidationError(
            _(
                "A seller can counter-notify only a removed listing; record the removal "
                "first for: %(urls)s"
            )
            % {"urls": ", ".join(link.listing.canonical_url for link in not_removed[:5])}
        )
    coherence.refuse_if(
        coherence.counter_notice_received(received_at, complaint.submitted_at, now=timezone.now())
    )
    attempt, refusal = next_attempt(
        _rounds_used(links), allowed=complaint.platform.counter_notice_attempts
    )
    if refusal:
        used = [link.listing.canonical_url for link in links]
        raise ValidationError(
            _(
                "The seller has used its %(n)d counter-notice attempts on %(urls)s; the "
                "platform accepts no further one (%(why)s)."
            )
            % {"n": complaint.platform.counter_notice_attempts, "urls": ", ".join(used[:5]),
               "why": refusal}
        )  # fmt: skip
    if seller is None:
        sellers = {link.listing.seller_id for link in links}
        seller_id = sellers.pop() if len(sellers) == 1 else None
    else:
        seller_id = seller.pk
    notice = CounterNotice(
        client_id=complaint.client_id,
        complaint=complaint,
        seller_id=seller_id,
        received_at=received_at,
        recorded_by=by,
        attempt=attempt,
        **facts,
    )
    notice._history_user = by
    notice.full_clean(exclude=["links"])
    notice.save()
    notice.links.set(links)
    summaries.notice_received(notice, complaint)
    for file, description in evidence:
        add_seller_evidence(notice, file=file, description=description, by=by)
    record_link_outcomes(
        links,
        outcome=ComplaintLink.Outcome.COUNTERED,
        at=received_at,
        by=by,
        via=By.COUNTER_NOTICE,
    )
    # The seller's window for this round is over: it used it.
    earlier = Dispute.objects.filter(notice__links__in=links).distinct()
    deadlines.close_for(
        list(earlier), [Event.REMOVAL_UPHELD], at=received_at, by=by, note=str(notice)
    )
    opened = deadlines.open_deadlines(
        event=Event.COUNTER_NOTICE_RECEIVED,
        subjects=[notice],
        event_at=received_at,
        client=complaint.client,
        platform=complaint.platform,
        actor=by,
        label_of=lambda n: f"{n} · {complaint}",
        attempt=attempt,
    )
    if notice.declaration_forwarded_at:
        deadlines.open_deadlines(
            event=Event.DECLARATION_FORWARDED,
            subjects=[notice],
            event_at=notice.declaration_forwarded_at,
            client=complaint.client,
            platform=complaint.platform,
            actor=by,
            label_of=lambda n: f"{n} · {complaint}",
        )
    if opened:
        deadlines.sync_answer_due([notice.pk])
        notice.refresh_from_db()
    return notice


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def _rounds_used(links: Sequence[ComplaintLink]) -> int:
    """The most counter-notices any of these links has had: the seller's rounds so far."""
    counts = (
        CounterNotice.objects.filter(links__in=links)
        .values("links")
        .annotate(n=Count("pk", distinct=True))
        .values_list("n", flat=True)
    )
    return max(counts, default=0)


def add_seller_evidence(notice: CounterNotice, *, file, description: str, by):
    _require(by, Capability.EDIT_CASE_FILE)
    item = CounterNoticeEvidence(
        notice=notice,
        file=file,
        description=(description.strip() or file.name)[:255],
        uploaded_by=by,
    )
    item.full_clean(exclude=["sha256"])  # type and size, before anything is written
    item.sha256 = sha256_of(file)
    item._history_user = by
    item.save()
    return item


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def save_draft_answer(notice: CounterNotice, *, text: str, by) -> CounterNotice:
    """Paralegals prepare; attorneys decide."""
    _require(by, Capability.EDIT_CASE_FILE)
    locked = CounterNotice.objects.select_for_update().get(pk=notice.pk)
    if locked.status != Status.AWAITING_REVIEW:
        raise ValidationError(_("This notice is already decided."))
    locked.draft_answer = text.strip()
    locked._history_user = by
    locked.save(update_fields=["draft_answer", "updated_at"])
    return locked


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def decide_counter_notice(
    notice: CounterNotice,
    *,
    decision: str,
    reasons: str,
    by,
    at: dt.datetime | None = None,
    seen_version: str | None = None,
) -> CounterNotice:
    """Reject (opens a dispute), accept, withdraw the complaint, or record a lapse."""
    _require(by, Capability.DECIDE_COUNTER_NOTICES)
    at = at or timezone.now()
    if decision not in DECISIONS:
        raise ValidationError(_("Unknown decision."))
    locked = (
        CounterNotice.objects.select_for_update(of=("self",))
        .select_related("complaint__platform", "client", "decided_by")
        .get(pk=notice.pk)
    )
    if not can_decide(locked.status):
        raise StaleNotice(
            locked,
            _("%(notice)s was already decided (%(status)s) by %(who)s at %(when)s.")
            % {
                "notice": locked,
                "status": locked.get_status_display(),
                "who": locked.decided_by or _("someone"),
                "when": timezone.localtime(locked.decided_at).strftime("%Y-%m-%d %H:%M")
                if locked.decided_at
                else "—",
            },
        )
    if seen_version is not None and version_of(locked) != seen_version:
        raise StaleNotice(
            locked, _("%(notice)s changed since you opened it; review it again.") % {
                "notice": locked
            }
        )  # fmt: skip
    status = DECISIONS[decision]
    lifecycle.check(lifecycle.COUNTER_NOTICE, locked.status, status, what=str(locked))
    if status == Status.REJECTED and not reasons.strip():
        raise ValidationError(_("Give the platform the reasons for rejecting the notice."))
    locked.status = status
    locked.decision_reasons = reasons.strip()
    locked.decided_by = by
    locked.decided_at = at
    locked._history_user = by
    locked.save()
    summaries.notice_decided(locked)
    links = list(locked.links.filter(outcome=ComplaintLink.Outcome.COUNTERED))
    note = _("Counter-notice %(status)s") % {"status": locked.get_status_display()}
    if status == Status.REJECTED:
        dispute = Dispute(notice=locked, opened_at=at, recorded_by=by)
        dispute._history_user = by  # the history names who opened it
        dispute.save()
        deadlines.open_deadlines(
            event=Event.DISPUTE_OPENED,
            subjects=[dispute],
            event_at=at,
            client=locked.client,
            platform=locked.complaint.platform,
            actor=by,
            label_of=lambda d: f"{d} · {locked.complaint}",
        )
    elif status == Status.WITHDRAWN:
        if links:
            record_link_outcomes(
                links,
                outcome=ComplaintLink.Outcome.WITHDRAWN,
                at=at,
                by=by,
                reason=reasons,
                via=By.DECISION,
            )
    elif links:  # accepted, or lapsed: the seller keeps the listing
        record_link_outcomes(
            links, outcome=ComplaintLink.Outcome.RESTORED, at=at, by=by, via=By.DECISION
        )
    deadlines.close_for([locked], [Event.COUNTER_NOTICE_RECEIVED], at=at, by=by, note=note)
    if status != Status.REJECTED:
        deadlines.close_for(
            [locked], [Event.DECLARATION_FORWARDED], at=at, by=by, note=note, cancel=True
        )
    return locked


@dataclass
class BatchResult:
    decided: list[CounterNotice] = field(default_factory=list)
    skipped: list[tuple[CounterNotice, str]] = field(default_factory=list)


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def decide_many(
    items: Sequence[tuple[CounterNotice, str, str]], *, decision: str, by
) -> BatchResult:
    """Decide several notices: (notice, version seen, reasons) each.

    A notice decided by someone else, lapsed or edited since the page was shown is
    reported and skipped; each notice is all-or-nothing in its own savepoint.
    """
    _require(by, Capability.DECIDE_COUNTER_NOTICES)
    result = BatchResult()
    at = timezone.now()
    for notice, seen, reasons in items:
        try:
            with transaction.atomic():
                result.decided.append(
                    decide_counter_notice(
                        notice, decision=decision, reasons=reasons, by=by, at=at,
                        seen_version=seen,
                    )
                )  # fmt: skip
        except StaleNotice as stale:
            result.skipped.append((stale.notice, stale.message))
        except ValidationError as invalid:
            result.skipped.append((notice, " ".join(invalid.messages)))
    return result


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def record_dispute_decision(
    dispute: Dispute, *, upheld: bool, decided_on: dt.date, notes: str, by
) -> Dispute:
    """The platform decided: upheld keeps the listing removed, reversed restores it."""
    _require(by, Capability.EDIT_CASE_FILE)
    locked = (
        Dispute.objects.select_for_update(of=("self",))
        .select_related("notice__complaint__platform")
        .get(pk=dispute.pk)
    )
    if locked.status != Dispute.Status.OPEN:
        raise ValidationError(_("The platform's decision on this dispute is already recorded."))
    new_status = Dispute.Status.UPHELD if upheld else Dispute.Status.REVERSED
    lifecycle.check(lifecycle.DISPUTE, locked.status, new_status, what=str(locked))
    rejected_at = locked.notice.decided_at or locked.opened_at
    coherence.refuse_if(coherence.dispute_decision(decided_on, rejected_at, now=timezone.now()))
    locked.status = Dispute.Status.UPHELD if upheld else Dispute.Status.REVERSED
    locked.decided_on = decided_on
    locked.decision_notes = notes.strip()
    locked.recorded_by = by
    locked._history_user = by
    locked.save()
    summaries.dispute_decided(locked)
    at = noon_on(decided_on, locked.notice.complaint.platform.time_zone)
    at = min(max(at, rejected_at), timezone.now())
    links = list(locked.notice.links.filter(outcome=ComplaintLink.Outcome.COUNTERED))
    outcome = ComplaintLink.Outcome.REMOVED if upheld else ComplaintLink.Outcome.RESTORED
    if links:
        record_link_outcomes(links, outcome=outcome, at=at, by=by, via=By.DECISION)
    deadlines.close_for(
        [locked], [Event.DISPUTE_OPENED], at=at, by=by, note=locked.get_status_display()
    )
    platform = locked.notice.complaint.platform
    if upheld and links and locked.notice.attempt < platform.counter_notice_attempts:
        # Removed again: the seller may counter once more, within the next round's window.
        following = locked.notice.attempt + 1
        deadlines.open_deadlines(
            event=Event.REMOVAL_UPHELD,
            subjects=[locked],
            event_at=at,
            client=locked.notice.complaint.client,
            platform=platform,
            actor=by,
            label_of=lambda d: _("%(dispute)s · round %(n)d") % {"dispute": d, "n": following},
            attempt=following,
        )
    return locked


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def save_network(form, *, by, capability: Capability = Capability.EDIT_CASE_FILE):
    """A seller network and the stores in it; each store's history says it joined or left."""
    network = save_record(form, by=by, capability=capability)
    chosen = {seller.pk for seller in form.cleaned_data.get("sellers") or []}
    sellers = Seller.objects.visible_to(by)
    leaving = sellers.filter(network=network).exclude(pk__in=chosen)
    joining = sellers.filter(pk__in=chosen).exclude(network=network)
    for seller, value in [(s, None) for s in leaving] + [(s, network) for s in joining]:
        seller.network = value  # one by one, so each seller's history says so
        # The firm's own link, which the nightly grouping never undoes.
        seller.network_source = Seller.NetworkSource.MANUAL if value else Seller.NetworkSource.NONE
        seller._history_user = by
        seller.save(update_fields=["network", "network_source", "updated_at"])
    return network
