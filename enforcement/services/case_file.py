"""Saving case-file records whose change must be followed by more: a right's expiry
deadline, a verification's chase."""

from __future__ import annotations

from django.db import transaction

from clients.roles import Capability
from clients.scoping import unscoped
from clients.services import archive, restore, save_record

from ..models import IPR
from . import deadlines

FOR_THE_FIRM = "a case-file service acts on records its caller reached"


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def save_ipr(form, *, by, capability: Capability = Capability.EDIT_CASE_FILE) -> IPR:
    ipr = save_record(form, by=by, capability=capability)
    deadlines.sync_expiry(ipr, by=by)
    return ipr


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def archive_ipr(ipr: IPR, *, by) -> None:
    archive(ipr, by=by)
    deadlines.sync_expiry(ipr, by=by)


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def restore_ipr(ipr: IPR, *, by) -> None:
    restore(ipr, by=by)
    deadlines.sync_expiry(ipr, by=by)


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def save_verification(form, *, by, capability: Capability = Capability.EDIT_CASE_FILE):
    verification = save_record(form, by=by, capability=capability)
    deadlines.on_verification_changed(verification, by=by)
    return verification
