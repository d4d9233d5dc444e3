"""Removed listings checked again: the rule for "gone" per platform family (data the firm
edits) and each check's result, kept as history."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.models import TimeStampedModel
from clients.scoping import ScopedManager

from .complaints import Complaint
from .listings import Listing
from .platforms import PlatformGroup


class LiveCheckRule(TimeStampedModel):
    """How a platform family's page says a listing is gone; anything else answering 2xx is
    live again. Seeded for Alibaba's platforms and Lazada; the firm edits the markers."""

    group = models.OneToOneField(
        PlatformGroup,
        on_delete=models.PROTECT,
        related_name="live_check_rule",
        verbose_name=_("platform group"),
    )
    is_active = models.BooleanField(_("checked"), default=True)
    gone_statuses = models.JSONField(
        _("HTTP statuses meaning gone"),
        default=list,
        blank=True,
        help_text=_("For example 404 and 410."),
    )
    gone_markers = models.JSONField(
        _("texts meaning gone"),
        default=list,
        blank=True,
        help_text=_("A page containing any of these texts shows the listing is removed."),
    )
    min_seconds_between_requests = models.PositiveIntegerField(
        _("seconds between requests"),
        default=10,
        help_text=_("No two checks reach one platform closer together than this."),
    )
    recheck_after_hours = models.PositiveIntegerField(_("check again after (hours)"), default=24)

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_public = True

    class Meta:
        ordering = ["group__name"]
        verbose_name = _("relist check rule")
        verbose_name_plural = _("relist check rules")

    def __str__(self) -> str:
        return str(self.group)


class RelistCheck(models.Model):
    """One look at a removed listing's page and what it showed."""

    class Verdict(models.TextChoices):
        GONE = "gone", _("Still removed")
        LIVE = "live", _("Online again")
        ERROR = "error", _("Could not tell")

    listing = models.ForeignKey(
        Listing, on_delete=models.PROTECT, related_name="relist_checks", verbose_name=_("listing")
    )
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict.choices)
    note = models.TextField(_("note"), blank=True)
    draft = models.ForeignKey(
        Complaint,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="relist_checks",
        verbose_name=_("draft complaint"),
    )

    objects = ScopedManager()
    scope_client_path = "listing__complaint_links__complaint__client"
    scope_via_many = True

    class Meta:
        ordering = ["-checked_at", "-pk"]
        verbose_name = _("relist check")
        verbose_name_plural = _("relist checks")
        indexes = [
            models.Index(fields=["listing", "checked_at"], name="relist_check_listing_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.listing} {self.checked_at:%Y-%m-%d %H:%M}: {self.get_verdict_display()}"
