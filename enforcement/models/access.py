"""Secrets a user holds to reach their data without a session: API tokens and calendar feeds.

Only a SHA-256 of each secret is stored (the secret itself is shown once, when made); the
secrets are 256 random bits, so a plain hash is enough (nothing to guess a password from).
Both are personal rows: a user lists and revokes their own, nobody reads another's.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clients.models import Client
from clients.scoping import ScopedManager


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the REST API, acting as its user with that user's scope."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
        verbose_name=_("user"),
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("starts with"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    objects = ScopedManager()
    scope_user_path = "user"

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class CalendarFeed(models.Model):
    """A secret iCalendar address: the user's own deadlines, or (attorneys) one client's."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds",
        verbose_name=_("user"),
    )  # fmt: skip
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("client"), help_text=_("Blank: the deadlines the user owns or supervises."),
    )  # fmt: skip
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    objects = ScopedManager()
    scope_user_path = "user"

    class Meta:
        ordering = ["client__legal_name", "-created_at"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "client"],
                condition=Q(revoked_at__isnull=True) & Q(client__isnull=False),
                name="calendar_feed_one_live_per_client",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True) & Q(client__isnull=True),
                name="calendar_feed_one_live_own",
            ),
        ]

    def __str__(self) -> str:
        return str(self.client) if self.client_id else str(_("My deadlines"))
