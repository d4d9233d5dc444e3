"""Actions that write legal records: one function each, in a transaction, with history."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .lifecycle import check_request
from .models import Client, DocumentRequest, PowerOfAttorney
from .roles import Capability, has_capability
from .scoping import unscoped
from .signals import poa_changed

FOR_THE_FIRM = "archiving acts on the record its caller reached"


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def archive(obj, *, by) -> None:
    """Archive a legal record (never delete it); refuses users without the capability."""
    if not has_capability(by, Capability.ARCHIVE_RECORDS):
        raise PermissionDenied
    obj.archived_at = timezone.now()
    obj._history_user = by
    obj.save(update_fields=["archived_at", "updated_at"])


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def restore(obj, *, by) -> None:
    if not has_capability(by, Capability.ARCHIVE_RECORDS):
        raise PermissionDenied
    obj.archived_at = None
    obj._history_user = by
    obj.save(update_fields=["archived_at", "updated_at"])


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def request_document(client: Client, *, title: str, details: str, due_on: dt.date, by):
    if not has_capability(by, Capability.EDIT_CASE_FILE):
        raise PermissionDenied
    item = DocumentRequest(client=client, title=title, details=details, due_on=due_on,
                           requested_by=by)  # fmt: skip
    item._history_user = by
    item.full_clean()
    item.save()
    return item


def _move_request(item: DocumentRequest, new: str, *, by) -> DocumentRequest:
    if not has_capability(by, Capability.EDIT_CASE_FILE):
        raise PermissionDenied
    locked = DocumentRequest.objects.select_for_update().get(pk=item.pk)
    check_request(locked, new)
    locked.status = new
    locked._history_user = by
    locked.save(update_fields=["status", "updated_at"])
    return locked


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def cancel_document_request(item: DocumentRequest, *, by) -> DocumentRequest:
    """The firm no longer needs it: the client's people can no longer answer it."""
    return _move_request(item, DocumentRequest.Status.CANCELLED, by=by)


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def ask_again(item: DocumentRequest, *, by) -> DocumentRequest:
    """What came was not what was needed: the request is open again."""
    return _move_request(item, DocumentRequest.Status.OPEN, by=by)


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def save_record(form, *, by, capability: Capability = Capability.EDIT_CASE_FILE):
    """Save a case-file form for ``by``: permission, one transaction, who changed it."""
    if not has_capability(by, capability):
        raise PermissionDenied
    obj = form.save(commit=False)
    obj._history_user = by
    obj.save()
    form.save_m2m()
    return obj


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def save_power_of_attorney(form, *, by, capability: Capability = Capability.EDIT_CASE_FILE):
    poa = save_record(form, by=by, capability=capability)
    poa_changed.send(sender=PowerOfAttorney, poa=poa, by=by)
    return poa


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def archive_power_of_attorney(poa: PowerOfAttorney, *, by) -> None:
    archive(poa, by=by)
    poa_changed.send(sender=PowerOfAttorney, poa=poa, by=by)


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def restore_power_of_attorney(poa: PowerOfAttorney, *, by) -> None:
    restore(poa, by=by)
    poa_changed.send(sender=PowerOfAttorney, poa=poa, by=by)
