"""The outbox: each reminder or notice to one person, written once, and its in-app copy."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.models import TimeStampedModel
from clients.scoping import ScopedManager

from .deadlines import Deadline


class OutboxMessage(TimeStampedModel):
    """One reminder to one person, written once, delivered in-app at once and by e-mail.

    ``key`` is unique: the database refuses a second row for the same deadline, reminder
    and recipient (or the same digest day), whatever the sweeps do concurrently.
    """

    class Kind(models.TextChoices):
        LEAD = "lead", _("Reminder before due")
        OVERDUE = "overdue", _("Overdue")
        ESCALATION = "escalation", _("Escalation")
        DIGEST = "digest", _("Daily digest")
        CLIENT_UPLOAD = "client_upload", _("A client sent a document")
        INVITATION = "invitation", _("Invitation to the portal")
        MONTHLY_REPORT = "monthly_report", _("Monthly client report")
        RELISTED = "relisted", _("A removed listing is online again")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    deadline = models.ForeignKey(
        Deadline,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("deadline"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="outbox_messages",
        verbose_name=_("recipient"),
    )
    due_at = models.DateTimeField(_("to send at"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    leased_at = models.DateTimeField(_("leased at"), null=True, blank=True)
    # Who holds the lease: a sender must still hold it to mark the row done, so a send that
    # outlasted its lease (repaired and taken by another worker) cannot also report success.
    lease_token = models.CharField(_("lease token"), max_length=32, blank=True)
    enqueued_at = models.DateTimeField(_("handed to a worker at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    objects = ScopedManager()
    scope_user_path = "recipient"

    class Meta:
        ordering = ["-due_at"]
        verbose_name = _("outgoing reminder")
        verbose_name_plural = _("outgoing reminders")
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="outbox_state_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient}: {self.subject}"

    @property
    def message_id(self) -> str:
        """Stable across retries, so a repeat after a crash is recognisable as the same mail."""
        return f"<{self.key.replace(':', '.')}@{settings.MESSAGE_ID_DOMAIN}>"


class Notification(models.Model):
    """The in-app copy of a reminder, written in the same transaction as the outbox row."""

    message = models.OneToOneField(
        OutboxMessage, on_delete=models.PROTECT, related_name="notification"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    deadline = models.ForeignKey(
        Deadline, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("body"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = ScopedManager()
    scope_user_path = "recipient"

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["recipient", "created_at", "id"], name="notification_list_idx"),
        ]

    def __str__(self) -> str:
        return self.title
