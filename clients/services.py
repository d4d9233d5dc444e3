"""Actions that write legal records: one function each, in a transaction, with history."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .models import Client, DocumentRequest
from .roles import Capability, has_capability
from .scoping import unscoped

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
