"""Actions that write legal records: one function each, in a transaction, with history."""

from __future__ import annotations

import datetime as dt

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import two_factor
from .lifecycle import check_request
from .models import Client, DocumentRequest, DownloadLog, PowerOfAttorney, SecurityEvent
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


# --- Sign-in security ---------------------------------------------------------------------


@transaction.atomic
def enrol_second_factor(user, device) -> list[str]:
    """Confirm the user's authenticator, give fresh recovery codes, end other sessions."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = two_factor.new_recovery_codes(user)
    two_factor.end_sessions(user)
    SecurityEvent.objects.create(
        kind=SecurityEvent.Kind.FACTOR_ENROLLED, user=user, username=user.username, by=user
    )
    return codes


@transaction.atomic
def reset_second_factor(user, *, by, reason: str) -> SecurityEvent:
    """A lost phone: the firm admin removes the user's factors (with the reason); the user
    sets up a new one at next login, and every session of theirs ends now."""
    if not has_capability(by, Capability.MANAGE_SIGN_IN):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Say why the factor is reset."))
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    two_factor.end_sessions(user)
    return SecurityEvent.objects.create(
        kind=SecurityEvent.Kind.FACTOR_RESET, user=user, username=user.username, by=by,
        reason=reason.strip(),
    )  # fmt: skip


@transaction.atomic
def lift_lockout(attempt: AccessAttempt, *, by, reason: str = "") -> SecurityEvent:
    if not has_capability(by, Capability.MANAGE_SIGN_IN):
        raise PermissionDenied
    axes_reset(ip=attempt.ip_address, username=attempt.username)
    return SecurityEvent.objects.create(
        kind=SecurityEvent.Kind.LOCKOUT_LIFTED,
        user=get_user_model().objects.filter(username=attempt.username).first(),
        username=attempt.username, ip_address=attempt.ip_address, by=by, reason=reason.strip(),
    )  # fmt: skip


@unscoped("the log names the client of a record the user was already allowed to open")
def record_download(user, obj, *, kind: str, field: str, filename: str) -> DownloadLog:
    """One row per file opened, shown to the firm admin on the client's page."""
    client = obj
    for step in (obj.scope_client_path or "").split("__"):
        if step and client is not None:
            client = getattr(client, step, None)  # evidence on a listing has no complaint
    return DownloadLog.objects.create(
        user=user, client=client if isinstance(client, Client) else None, kind=kind,
        object_id=obj.pk, field=field, description=filename[:255],
    )  # fmt: skip


def record_export(user, obj, *, fmt: str, filename: str) -> DownloadLog:
    """An export of a client's records is a download too: logged the same way."""
    return record_download(
        user, obj, kind=obj._meta.model_name, field=f"export:{fmt}", filename=filename
    )


# --- One's own preferences ----------------------------------------------------------------


def set_preferences(user, *, language: str | None = None, time_zone: str | None = None) -> None:
    """The language and time zone a person reads pages and e-mails in (their own choice)."""
    changed = []
    if language is not None and language != user.language:
        if language not in dict(settings.LANGUAGES):
            raise ValidationError(_("Unknown language."))
        user.language = language
        changed.append("language")
    if time_zone is not None and time_zone != user.time_zone:
        user.time_zone = time_zone
        changed.append("time_zone")
    if changed:
        user.full_clean(validate_unique=False, validate_constraints=False)
        user.save(update_fields=changed)
