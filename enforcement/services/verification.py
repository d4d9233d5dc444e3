"""Actions on the enforcement case file; views and tasks call these, never repeat them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clients.files import sha256_of
from clients.roles import Capability, has_capability
from clients.scoping import unscoped

from .. import lifecycle
from ..models import IPRDocument, IPRVerification, PlatformAccount
from ..models.platforms import VerificationStatus
from ..rules import coherence
from . import deadlines

FOR_THE_FIRM = "a verification service acts on records its caller reached"


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def record_verification_outcome(
    verification: IPRVerification,
    *,
    status: str,
    on: dt.date,
    by,
    reason: str = "",
    reference: str = "",
) -> IPRVerification:
    """Move a verification along its lifecycle; any other move is refused."""
    if not has_capability(by, Capability.EDIT_CASE_FILE):
        raise PermissionDenied
    locked = IPRVerification.objects.select_for_update().get(pk=verification.pk)
    if not lifecycle.can_move(lifecycle.VERIFICATION, locked.status, status):
        raise ValidationError(
            _("A verification that is “%(current)s” cannot become “%(new)s”.")
            % {"current": locked.get_status_display(), "new": status}
        )
    if status == VerificationStatus.FAILED and not reason.strip():
        raise ValidationError(_("Give the platform's reason for the failure."))
    coherence.refuse_if(coherence.verification_decision(on, locked.submitted_on))
    if status == VerificationStatus.RESUBMITTED:
        locked.submitted_on = on
        locked.decided_on = None
    else:
        locked.decided_on = on
    locked.status = status
    locked.failure_reason = (
        reason.strip() if status == VerificationStatus.FAILED else locked.failure_reason
    )
    if reference:
        locked.platform_reference = reference
    locked._history_user = by
    locked.full_clean()
    locked.save()
    deadlines.on_verification_changed(locked, by=by)
    return locked


@unscoped(FOR_THE_FIRM)
def next_verification_states(verification: IPRVerification) -> list[str]:
    return sorted(lifecycle.allowed(lifecycle.VERIFICATION, verification.status))


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def add_ipr_document(document: IPRDocument, *, by) -> IPRDocument:
    if not has_capability(by, Capability.EDIT_CASE_FILE):
        raise PermissionDenied
    document.sha256 = sha256_of(document.file)
    document._history_user = by
    document.save()
    return document


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def record_account_verification(
    account: PlatformAccount, *, status: str, on: dt.date, by, reason: str = ""
) -> PlatformAccount:
    """The platform's verification of the account itself, along its lifecycle only."""
    if not has_capability(by, Capability.EDIT_CASE_FILE):
        raise PermissionDenied
    locked = PlatformAccount.objects.select_for_update().get(pk=account.pk)
    lifecycle.check(
        lifecycle.ACCOUNT_VERIFICATION, locked.verification_status, status, what=str(locked)
    )
    if status == VerificationStatus.FAILED and not reason.strip():
        raise ValidationError(_("Say why the platform refused the account."))
    coherence.refuse_if(coherence.verification_decision(on, locked.verification_submitted_on))
    if status in (VerificationStatus.SUBMITTED, VerificationStatus.RESUBMITTED):
        locked.verification_submitted_on = on
        locked.verified_on = None
    elif status == VerificationStatus.VERIFIED:
        locked.verified_on = on
    locked.verification_status = status
    if status == VerificationStatus.FAILED:
        locked.verification_failure_reason = reason.strip()
    locked._history_user = by
    locked.full_clean()
    locked.save()
    return locked


def next_account_states(account: PlatformAccount) -> list[str]:
    return sorted(lifecycle.allowed(lifecycle.ACCOUNT_VERIFICATION, account.verification_status))
