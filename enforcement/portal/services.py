"""Portal actions a client's person takes: answering the firm's requests with a document."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from clients.files import normalised_name, sha256_of
from clients.languages import language_of
from clients.lifecycle import check_request
from clients.models import DocumentRequest, RequestUpload
from clients.scoping import unscoped

from ..models import OutboxMessage
from ..services.reminders import write_messages

FOR_THE_FIRM = "a portal service acts on records its caller reached"


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def upload_for_request(item: DocumentRequest, *, file, note: str, by, membership) -> RequestUpload:
    """A client's person answers a request; the staff who asked hear of it."""
    if membership is None or membership.client_id != item.client_id or not membership.can_upload:
        raise PermissionDenied
    locked = DocumentRequest.objects.select_for_update().get(pk=item.pk)
    if locked.status == DocumentRequest.Status.CANCELLED:
        raise ValidationError(_("The firm no longer needs this document."))
    check_request(locked, DocumentRequest.Status.RECEIVED)
    upload = RequestUpload(
        request=locked, file=file, note=note.strip(), uploaded_by=by,
        original_name=normalised_name(file.name or ""),
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
    people = {u for u in (item.requested_by, item.client.supervising_attorney) if u}
    url = settings.SITE_URL.rstrip("/") + item.get_absolute_url()
    messages = []
    for person in sorted(people, key=lambda u: u.pk):
        with translation.override(language_of(person)):  # each in the recipient's language
            subject = _("%(client)s sent “%(title)s”") % {
                "client": str(item.client), "title": item.title}  # fmt: skip
        messages.append(
            OutboxMessage(
                key=f"upload:{upload.pk}:u{person.pk}",
                kind=OutboxMessage.Kind.CLIENT_UPLOAD,
                recipient=person,
                due_at=timezone.now(),
                subject=subject[:255],
                body=f"{subject}\n{upload}\n\n{url}",
            )  # fmt: skip
        )
    write_messages(messages, notify=True)
