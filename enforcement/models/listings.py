"""What is reported: sellers, their listings and storefronts, and the evidence about them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.files import FILE_VALIDATORS, CaseFilePath
from clients.models import TimeStampedModel
from clients.scoping import ScopedManager

from .platforms import Platform


class TargetKind(models.TextChoices):
    LISTING = "listing", _("Product listing")
    STOREFRONT = "storefront", _("Storefront")


class Seller(TimeStampedModel):
    """A seller or store on one platform, as far as its page identifies it."""

    platform = models.ForeignKey(
        Platform, on_delete=models.PROTECT, related_name="sellers", verbose_name=_("platform")
    )
    seller_id = models.CharField(_("seller or store id"), max_length=200)
    name = models.CharField(_("name"), max_length=255, blank=True)
    url = models.URLField(_("store address"), max_length=1000, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    network = models.ForeignKey(
        "enforcement.SellerNetwork",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sellers",
        verbose_name=_("network"),
        help_text=_("Link sellers the firm believes are one operator."),
    )

    history = HistoricalRecords()
    objects = ScopedManager()
    # A seller is the firm's own finding; client users see it through their complaints.
    scope_client_path = "listings__complaint_links__complaint__client"
    scope_via_many = True

    class Meta:
        ordering = ["platform__name", "name", "seller_id"]
        verbose_name = _("seller")
        verbose_name_plural = _("sellers")
        # The list by name, alone or for one platform.
        indexes = [
            models.Index(fields=["name", "seller_id", "id"], name="seller_name_idx"),
            models.Index(fields=["platform", "name", "seller_id", "id"], name="seller_list_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "seller_id"],
                name="seller_unique_per_platform",
                violation_error_message=_("This seller is already on file for this platform."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name or self.seller_id} ({self.platform.name})"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:seller_detail", args=[self.pk])


class Listing(TimeStampedModel):
    """One product page or storefront, identified by the platform's own id."""

    class Status(models.TextChoices):
        KNOWN = "known", _("Known, not reported")
        REPORTED = "reported", _("Reported, awaiting the platform")
        REMOVED = "removed", _("Removed")
        COUNTERED = "countered", _("Seller counter-notified")
        REJECTED = "rejected", _("Complaint rejected (still online)")
        RESTORED = "restored", _("Restored")

    platform = models.ForeignKey(
        Platform, on_delete=models.PROTECT, related_name="listings", verbose_name=_("platform")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TargetKind.choices)
    canonical_id = models.CharField(_("platform id"), max_length=200)
    canonical_url = models.URLField(_("address"), max_length=1000)
    entered_url = models.TextField(_("address as entered"), blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    seller = models.ForeignKey(
        Seller,
        on_delete=models.PROTECT,
        related_name="listings",
        verbose_name=_("seller"),
        null=True,
        blank=True,
    )
    first_seen_at = models.DateTimeField(_("first seen"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.KNOWN, editable=False
    )

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_client_path = "complaint_links__complaint__client"
    scope_via_many = True

    class Meta:
        ordering = ["-first_seen_at"]
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "kind", "canonical_id"],
                name="listing_unique_per_platform",
                violation_error_message=_("This listing is already on file."),
            )
        ]
        indexes = [
            models.Index(fields=["platform", "canonical_id"]),
            models.Index(fields=["first_seen_at", "id"], name="listing_list_idx"),
            models.Index(fields=["seller", "first_seen_at", "id"], name="listing_seller_idx"),
        ]

    def __str__(self) -> str:
        return self.title or self.canonical_url

    def get_absolute_url(self) -> str:
        return reverse("enforcement:listing_detail", args=[self.pk])


class EvidenceFile(TimeStampedModel):
    """A test-purchase photo, a comparison, a screenshot: fingerprinted when it arrives."""

    class Kind(models.TextChoices):
        TEST_PURCHASE = "test_purchase", _("Test-purchase photos")
        COMPARISON = "comparison", _("Side-by-side comparison")
        SCREENSHOT = "screenshot", _("Screenshot of the listing")
        OTHER = "other", _("Other")

    complaint = models.ForeignKey(
        "enforcement.Complaint",
        on_delete=models.PROTECT,
        related_name="evidence",
        null=True,
        blank=True,
        verbose_name=_("complaint"),
    )
    listing = models.ForeignKey(
        Listing,
        on_delete=models.PROTECT,
        related_name="evidence",
        null=True,
        blank=True,
        verbose_name=_("listing"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file = models.FileField(
        _("file"), upload_to=CaseFilePath("evidence"), validators=FILE_VALIDATORS
    )
    description = models.CharField(_("description"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    captured_at = models.DateTimeField(
        _("captured at"), help_text=_("When the photo or screenshot was taken.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_client_path = "complaint__client"

    class Meta:
        ordering = ["-captured_at"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        constraints = [
            models.CheckConstraint(
                condition=Q(complaint__isnull=False) | Q(listing__isnull=False),
                name="evidence_belongs_somewhere",
                violation_error_message=_("Evidence must belong to a complaint or a listing."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.captured_at:%Y-%m-%d}"
