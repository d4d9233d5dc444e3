"""Portal actions: inviting a client's people, asking for documents, receiving them."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .files import sha256_of
from .models import Client, DocumentRequest, Membership, RequestUpload, User
from .roles import Capability, Role, has_capability
from .scoping import unscoped

FOR_THE_FIRM = "a portal service acts on records its caller reached"


def invitation_link(user: User) -> str:
    """A one-time link: the token stops working once the password is set."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL.rstrip("/") + reverse("portal:welcome", args=[uid, token])


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def invite(client: Client, *, email: str, first_name: str, last_name: str, by) -> User:
    """Give a client's person access to the portal; they choose their own password."""
    if not has_capability(by, Capability.MANAGE_MEMBERSHIPS):
        raise PermissionDenied
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and user.role != Role.CLIENT:
        raise ValidationError(_("%(email)s belongs to a member of the firm.") % {"email": email})
    if user is None:
        user = User(username=email, email=email, first_name=first_name, last_name=last_name,
                    role=Role.CLIENT)  # fmt: skip
        user.set_unusable_password()
        user.save()
    membership, created = Membership.objects.get_or_create(user=user, client=client)
    if not created and membership.is_active:
        raise ValidationError(_("%(email)s can already follow this client.") % {"email": email})
    membership.is_active = True
    membership._history_user = by
    membership.save()
    if user.has_usable_password():
        link = settings.SITE_URL.rstrip("/") + reverse("login")
        body = _("You can now follow the cases of %(client)s. Log in: %(link)s")
    else:
        link = invitation_link(user)
        body = _(
            "%(firm)s invites you to follow the cases of %(client)s. Choose your password "
            "here (the link works once, for %(days)d days): %(link)s"
        )
    text = body % {
        "client": client.legal_name, "link": link, "firm": settings.FIRM_NAME,
        "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
    }  # fmt: skip
    transaction.on_commit(
        lambda: send_mail(
            _("Your access to %(client)s's cases") % {"client": client.legal_name},
            text,
            None,
            [email],
        )  # fmt: skip
    )
    return user


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


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def upload_for_request(item: DocumentRequest, *, file, note: str, by, membership) -> RequestUpload:
    """A client's person answers a request; the staff who asked hear of it."""
    if membership is None or membership.client_id != item.client_id or not membership.can_upload:
        raise PermissionDenied
    locked = DocumentRequest.objects.select_for_update().get(pk=item.pk)
    if locked.status == DocumentRequest.Status.CANCELLED:
        raise ValidationError(_("The firm no longer needs this document."))
    upload = RequestUpload(
        request=locked, file=file, note=note.strip(), uploaded_by=by,
        original_name=PurePath(file.name or "").name[:255],
    )  # fmt: skip
    upload.full_clean(exclude=["sha256"])  # type and size, before anything is written
    upload.sha256 = sha256_of(file)
    upload._history_user = by
    upload.save()
    locked.status = DocumentRequest.Status.RECEIVED
    locked._history_user = by
    locked.save(update_fields=["status", "updated_at"])
    _notify_staff(locked, upload)
    return upload


def _notify_staff(item: DocumentRequest, upload: RequestUpload) -> None:
    from enforcement.models import Notification, OutboxMessage

    people = {u for u in (item.requested_by, item.client.supervising_attorney) if u}
    url = settings.SITE_URL.rstrip("/") + item.get_absolute_url()
    for person in people:
        subject = _("%(client)s sent “%(title)s”") % {
            "client": item.client.legal_name, "title": item.title}  # fmt: skip
        message = OutboxMessage.objects.create(
            key=f"upload:{upload.pk}:u{person.pk}", kind=OutboxMessage.Kind.CLIENT_UPLOAD,
            recipient=person, due_at=timezone.now(), subject=subject[:255],
            body=f"{subject}\n{upload}\n\n{url}",
        )  # fmt: skip
        Notification.objects.create(message=message, recipient=person, title=subject[:255],
                                    body=url)  # fmt: skip
