"""The lifecycle of a complaint: ready, submitted, per-link outcomes, withdrawal, evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.files import sha256_of
from clients.roles import Capability, has_capability
from clients.scoping import unscoped
from clients.services import save_record

from .. import lifecycle
from ..lifecycle import By
from ..models import Complaint, ComplaintLink, EvidenceFile, IPRVerification, Listing
from ..rules import coherence
from ..rules.eligibility import DraftComplaint, LinkFacts, complaint_problems
from ..rules.outcomes import listing_status_for
from ..rules.usability import Problem
from . import deadlines, offenses, summaries

FOR_THE_FIRM = "a complaint service acts on records its caller reached"


def _require(user, capability: Capability = Capability.EDIT_CASE_FILE) -> None:
    if not has_capability(user, capability):
        raise PermissionDenied


@unscoped(FOR_THE_FIRM)
def problems_of(complaint: Complaint, on: dt.date | None = None) -> list[Problem]:
    """Eligibility of a stored complaint, loading what the rules need in a few queries."""
    on = on or timezone.localdate()
    ipr = complaint.ipr
    if ipr is not None:
        ipr = (
            type(ipr)
            .objects.select_related("claim_statement")
            .prefetch_related("documents", Prefetch("verifications", IPRVerification.objects.all()))
            .get(pk=ipr.pk)
        )
    links = [
        LinkFacts(platform=cl.listing.platform.code, kind=cl.listing.kind)
        for cl in complaint.links.select_related("listing__platform")
    ]
    draft = DraftComplaint(
        client=complaint.client,
        platform=complaint.platform,
        account=complaint.account,
        ipr=ipr,
        target_kind=complaint.target_kind,
        reason_code=complaint.reason_code,
        links=links,
        on=on,
        poas=complaint.client.powers_of_attorney.prefetch_related("platforms", "rights"),
        verifications=ipr.verifications.all() if ipr is not None else [],
    )
    return complaint_problems(draft)


def _refuse_if_ineligible(complaint: Complaint, on: dt.date) -> None:
    problems = problems_of(complaint, on)
    if problems:
        raise ValidationError([p.message for p in problems])


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def mark_ready(complaint: Complaint, *, by) -> Complaint:
    _require(by)
    locked = _locked(complaint)
    if locked.state != Complaint.State.DRAFT:  # back from ready to draft is editing, not this
        raise ValidationError(_("Only a draft can be marked ready."))
    lifecycle.check(lifecycle.COMPLAINT, locked.state, Complaint.State.READY, what=str(locked))
    _refuse_if_ineligible(locked, timezone.localdate())
    locked.state = Complaint.State.READY
    locked._history_user = by
    locked.save(update_fields=["state", "updated_at"])
    return locked


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def submit_complaint(
    complaint: Complaint, *, reference: str, submitted_at: dt.datetime, by
) -> Complaint:
    """Record that the complaint was filed on the platform; refused while any rule fires."""
    _require(by)
    locked = _locked(complaint)
    lifecycle.check(lifecycle.COMPLAINT, locked.state, Complaint.State.SUBMITTED, what=str(locked))
    if not reference.strip():
        raise ValidationError(_("Enter the platform's reference number for the complaint."))
    if submitted_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError(_("The submission moment cannot be in the future."))
    filing_day = timezone.localtime(submitted_at, _platform_zone(locked)).date()
    _refuse_if_ineligible(locked, filing_day)
    locked.state = Complaint.State.SUBMITTED
    locked.platform_reference = reference.strip()
    locked.submitted_at = submitted_at
    locked.submitted_by = by
    locked._history_user = by
    locked.save()
    listing_ids = locked.links.values_list("listing_id", flat=True)
    Listing.objects.filter(pk__in=listing_ids).update(status=Listing.Status.REPORTED)
    offenses.on_complaint_submitted(locked, by=by)
    summaries.links_entered(locked)
    return locked


def _platform_zone(complaint: Complaint):
    import zoneinfo

    return zoneinfo.ZoneInfo(complaint.platform.time_zone)


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def record_link_outcomes(
    links: Iterable[ComplaintLink],
    *,
    outcome: str,
    at: dt.datetime,
    by,
    reason: str = "",
    via: By = By.PLATFORM_ANSWER,
) -> list[ComplaintLink]:
    """Record the same outcome for several links; refuses the whole set if one cannot move,
    naming each link that cannot. ``via`` is the action making the move (lifecycle.LINK):
    a countered link moves only by the decision on its counter-notice."""
    _require(by)
    ids = [link.pk for link in links]
    locked = list(
        ComplaintLink.objects.select_for_update()
        .select_related("complaint", "listing")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    if outcome == ComplaintLink.Outcome.REJECTED and not reason.strip():
        raise ValidationError(_("Give the platform's reason for the rejection."))
    refused = []
    for link in locked:
        try:
            lifecycle.check(
                lifecycle.LINK,
                link.outcome,
                outcome,
                what=_("Link %(n)d (%(url)s)")
                % {"n": link.position, "url": link.listing.canonical_url},
                by=via,
            )
        except ValidationError as error:
            refused.extend(error.messages)
    if refused:
        raise ValidationError(
            [_("Nothing was recorded: %(count)d of the %(total)d ticked links cannot move.")
             % {"count": len(refused), "total": len(locked)}, *refused]
        )  # fmt: skip
    not_filed = [link for link in locked if link.complaint.state != Complaint.State.SUBMITTED]
    if not_filed:
        raise ValidationError(_("Outcomes can be recorded only for submitted complaints."))
    now = timezone.now()
    for complaint in {link.complaint for link in locked}:
        coherence.refuse_if(coherence.link_outcome(at, complaint.submitted_at, now=now))
    tally = summaries.Tally()
    for link in locked:
        tally.link(link.complaint, link.outcome, link.outcome_at, -1)
        tally.link(link.complaint, outcome, at)
        link.outcome = outcome
        link.outcome_at = at
        link.outcome_reason = reason.strip() if reason else link.outcome_reason
        link.recorded_by = by
        link._history_user = by
        link.save()
        Listing.objects.filter(pk=link.listing_id).update(status=listing_status_for(outcome))
    tally.save()
    deadlines.on_link_outcomes(locked, outcome=outcome, at=at, by=by)
    return locked


@dataclass
class AnswerResult:
    """The platform's answer for ticked links: the links it moved and, for each one it could
    not move, the link and why (its number and address are in the message)."""

    recorded: list[ComplaintLink] = field(default_factory=list)
    refused: list[tuple[ComplaintLink, str]] = field(default_factory=list)


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def record_platform_answer(
    links: Iterable[ComplaintLink], *, outcome: str, at: dt.datetime, by, reason: str = ""
) -> AnswerResult:
    """The outcomes form: record the outcome for every ticked link that may take it, in one
    transaction, and report the others by number instead of refusing the whole set.
    Refuses only when none of them can move."""
    _require(by)
    ids = [link.pk for link in links]
    locked = list(
        ComplaintLink.objects.select_for_update()
        .select_related("complaint", "listing")
        .filter(pk__in=ids)
        .order_by("position", "pk")
    )
    result = AnswerResult()
    movable = []
    for link in locked:
        what = _("Link %(n)d (%(url)s)") % {"n": link.position, "url": link.listing.canonical_url}
        try:
            lifecycle.check(lifecycle.LINK, link.outcome, outcome, what=what, by=By.PLATFORM_ANSWER)
        except ValidationError as error:
            result.refused.append((link, " ".join(error.messages)))
        else:
            movable.append(link)
    if not movable:
        raise ValidationError(
            [_("Nothing was recorded: none of the ticked links can take this outcome.")]
            + [message for _link, message in result.refused]
        )
    result.recorded = record_link_outcomes(movable, outcome=outcome, at=at, by=by, reason=reason)
    return result


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def withdraw_complaint(complaint: Complaint, *, reason: str, by) -> Complaint:
    """Withdraw a submitted complaint while it awaits the platform or counter-notices."""
    _require(by)
    locked = _locked(complaint)
    if not reason.strip():
        raise ValidationError(_("Say why the complaint is withdrawn."))
    if locked.state == Complaint.State.WITHDRAWN:
        raise ValidationError(_("This complaint is already withdrawn."))
    now = timezone.now()
    lifecycle.check(lifecycle.COMPLAINT, locked.state, Complaint.State.WITHDRAWN, what=str(locked))
    if locked.state == Complaint.State.SUBMITTED:
        links = list(locked.links.all())
        countered = [link for link in links if link.outcome == ComplaintLink.Outcome.COUNTERED]
        if countered:
            raise ValidationError(
                _(
                    "%(count)d link(s) have a counter-notification not yet settled: the "
                    "attorney decides it first (accept, withdraw or reject), or the platform's "
                    "dispute decision settles it. Nothing was withdrawn."
                )
                % {"count": len(countered)}
            )
        open_links = [
            link
            for link in links
            if lifecycle.link_moves(link.outcome, ComplaintLink.Outcome.WITHDRAWN, By.WITHDRAWAL)
        ]
        if not open_links:
            raise ValidationError(
                _("Every link is already decided; there is nothing left to withdraw.")
            )
        record_link_outcomes(
            open_links,
            outcome=ComplaintLink.Outcome.WITHDRAWN,
            at=now,
            by=by,
            reason=reason,
            via=By.WITHDRAWAL,
        )
    was_filed = locked.state == Complaint.State.SUBMITTED
    locked.state = Complaint.State.WITHDRAWN
    locked.withdrawn_at = now
    locked.withdrawal_reason = reason.strip()
    locked._history_user = by
    locked.save()
    if not was_filed:  # a withdrawn draft is part of the client's record from now on
        summaries.links_entered(locked)
    return locked


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def add_evidence(evidence: EvidenceFile, *, by) -> EvidenceFile:
    _require(by)
    coherence.refuse_if(coherence.capture(evidence.captured_at, now=timezone.now()))
    evidence.sha256 = sha256_of(evidence.file)
    evidence.uploaded_by = by
    evidence._history_user = by
    evidence.full_clean()
    evidence.save()
    return evidence


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def withdraw_evidence(evidence: EvidenceFile, *, reason: str, by) -> EvidenceFile:
    """Evidence attached by mistake: kept with who withdrew it, when and why; from then on
    left out of the printable summary for the platform and of exports."""
    _require(by)
    locked = EvidenceFile.objects.select_for_update().get(pk=evidence.pk)
    if locked.withdrawn_at is not None:
        raise ValidationError(_("This evidence is already withdrawn."))
    if not reason.strip():
        raise ValidationError(_("Say why the evidence is withdrawn."))
    locked.withdrawn_at = timezone.now()
    locked.withdrawn_by = by
    locked.withdrawal_reason = reason.strip()
    locked._history_user = by
    locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason", "updated_at"])
    return locked


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def save_complaint_edit(form, *, by, capability: Capability = Capability.EDIT_CASE_FILE):
    """An edited complaint (a filed one keeps only its notes editable, see the form); one
    marked ready goes back to draft when its choices changed, to be checked again."""
    if form.instance.state == Complaint.State.READY and form.has_changed():
        lifecycle.check(
            lifecycle.COMPLAINT, form.instance.state, Complaint.State.DRAFT, what=str(form.instance)
        )
        form.instance.state = Complaint.State.DRAFT
    return save_record(form, by=by, capability=capability)
