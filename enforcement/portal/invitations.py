"""Inviting a client's people to follow its cases: a one-time link to choose a password.

The invitation is written to the outbox like every other e-mail, so it is retried while
the mail server is down and never sent twice for the same invitation."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from clients.languages import language_for_new_client_user, language_of
from clients.models import Client, Membership, User
from clients.roles import Capability, Role, has_capability
from clients.scoping import unscoped

from ..models import OutboxMessage
from ..services.reminders import enqueue, write_messages

FOR_THE_FIRM = "an invitation looks up the person across every client"


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
                    role=Role.CLIENT, language=language_for_new_client_user(client))  # fmt: skip
        user.set_unusable_password()
        user.save()
    membership, created = Membership.objects.get_or_create(user=user, client=client)
    if not created and membership.is_active:
        raise ValidationError(_("%(email)s can already follow this client.") % {"email": email})
    membership.is_active = True
    membership._history_user = by
    membership.save()
    with translation.override(language_of(user)):
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
            "client": str(client), "link": link, "firm": settings.FIRM_NAME,
            "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
        }  # fmt: skip
        subject = _("Your access to %(client)s's cases") % {"client": str(client)}
    now = timezone.now()
    # The membership's history row makes each invitation its own key: inviting again after
    # access was withdrawn writes a new message, a retried request cannot write two.
    granted = membership.history.latest().history_id
    (message,) = write_messages(
        [
            OutboxMessage(
                key=f"invite:{membership.pk}:h{granted}",
                kind=OutboxMessage.Kind.INVITATION,
                recipient=user,
                due_at=now,
                subject=subject[:255],
                body=text,
            )
        ],
        notify=False,
        now=now,
    )
    transaction.on_commit(lambda: enqueue([message.pk], now))
    return user
