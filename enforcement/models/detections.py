"""What monitoring vendors find: their export's columns, and each line found, awaiting review.

A detection is a *suspected* listing: the listing is on file (recognised, deduplicated),
but nobody has reported it yet. Staff review the queue and turn the ones they confirm into
complaint drafts (``services/detections.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.bounds import BoundedMomentField, moments_in_range
from clients.models import Client, TimeStampedModel
from clients.scoping import ScopedManager

from .listings import Listing
from .platforms import Platform

# The fields a vendor's export may carry, in the order of the per-line report.
DETECTION_FIELDS = (
    "url",
    "title",
    "price",
    "seller",
    "shop",
    "image_url",
    "score",
    "detected_at",
)
FIELD_LABELS = {
    "url": _("Listing address"),
    "title": _("Title"),
    "price": _("Price"),
    "seller": _("Seller"),
    "shop": _("Shop"),
    "image_url": _("Image address"),
    "score": _("Score"),
    "detected_at": _("Detected at"),
}


class DetectionSource(TimeStampedModel):
    """A monitoring vendor and how its export names the columns."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    # {field: column heading in the vendor's export}, e.g. {"url": "Listing URL"}.
    column_mapping = models.JSONField(
        _("column mapping"),
        default=dict,
        blank=True,
        help_text=_("Which column of the vendor's export holds each field."),
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_public = True  # firm configuration, no client's data

    class Meta:
        ordering = ["name"]
        verbose_name = _("detection source")
        verbose_name_plural = _("detection sources")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enforcement:detectionsource_detail", args=[self.pk])

    def column_for(self, field: str) -> str:
        return (self.column_mapping or {}).get(field) or field


class Detection(TimeStampedModel):
    """One line of a vendor's export: a suspected listing for one client."""

    class Status(models.TextChoices):
        SUSPECTED = "suspected", _("Suspected, to review")
        AWAITING_CLIENT = "awaiting_client", _("Waiting for the client's decision")
        VALIDATED = "validated", _("Validated by the client")
        REJECTED_BY_CLIENT = "rejected_by_client", _("Rejected by the client")
        DRAFTED = "drafted", _("In a complaint draft")
        DISMISSED = "dismissed", _("Dismissed")

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="detections", verbose_name=_("client")
    )
    source = models.ForeignKey(
        DetectionSource,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="detections",
        verbose_name=_("source"),
    )
    platform = models.ForeignKey(
        Platform, on_delete=models.PROTECT, related_name="+", verbose_name=_("platform")
    )
    listing = models.ForeignKey(
        Listing, on_delete=models.PROTECT, related_name="detections", verbose_name=_("listing")
    )
    import_key = models.UUIDField(_("import"), db_index=True, editable=False)
    line = models.PositiveIntegerField(_("line"))
    title = models.CharField(_("title"), max_length=500, blank=True)
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=2, null=True, blank=True)
    seller_name = models.CharField(_("seller"), max_length=255, blank=True)
    shop = models.CharField(_("shop"), max_length=255, blank=True)
    image_url = models.URLField(_("image address"), max_length=1000, blank=True)
    score = models.FloatField(_("score"), null=True, blank=True)
    detected_at = BoundedMomentField(_("detected at"), past_only=True, null=True, blank=True)
    # The listing had been taken down before: the seller put it back up.
    is_relist = models.BooleanField(_("relisted"), default=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.SUSPECTED,
        editable=False,
    )
    complaint = models.ForeignKey(
        "enforcement.Complaint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="detections",
        verbose_name=_("complaint draft"),
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        verbose_name=_("imported by"),
    )
    # The client's validation (clients.Client.detection_validation).
    sent_to_client_at = models.DateTimeField(_("sent to the client"), null=True, blank=True)
    firm_note = models.TextField(_("the firm's note to the client"), blank=True)
    client_decided_at = models.DateTimeField(_("the client decided at"), null=True, blank=True)
    client_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("decided by (client)"),
    )
    client_note = models.TextField(_("the client's note"), blank=True)

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_client_path = "client"

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("detection")
        verbose_name_plural = _("detections")
        constraints = moments_in_range("detection", "detected_at")
        indexes = [
            # The review queue: suspected ones, newest first, keyset on (created_at, id).
            models.Index(fields=["status", "created_at", "id"], name="detection_queue_idx"),
        ]

    def __str__(self) -> str:
        return self.title or self.listing.canonical_url
