"""Actions that write legal records: one function each, in a transaction, with history."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

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
