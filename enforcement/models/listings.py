"""What is reported: sellers, their listings and storefronts, and the evidence about them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.bounds import BoundedMomentField, moments_in_range
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
    name_zh = models.CharField(_("Chinese name"), max_length=255, blank=True)
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
    # What the platform or the seller's pages say about who is behind the store; sellers who
    # share one of these are grouped into a network automatically (each night).
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    email = models.CharField(_("e-mail"), max_length=254, blank=True)
    wechat_id = models.CharField(_("WeChat id"), max_length=64, blank=True)
    company_name = models.CharField(_("company name"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=500, blank=True)

    class NetworkSource(models.TextChoices):
        NONE = "", _("No network")
        MANUAL = "manual", _("Linked by the firm")
        AUTOMATIC = "automatic", _("Shared contact details")

    network_source = models.CharField(
        _("network from"), max_length=10, choices=NetworkSource.choices, blank=True,
        default=NetworkSource.NONE, editable=False,
    )  # fmt: skip
    keep_out_of_automatic_networks = models.BooleanField(
        _("never group automatically"),
        default=False,
        help_text=_("The firm knows this store is not the operator its contact details suggest."),
    )
    # Derived each night from the record (enforcement.services.sellers); not history.
    risk_score = models.PositiveSmallIntegerField(_("risk score"), default=0, editable=False)
    risk_terms = models.JSONField(_("risk factors"), default=list, blank=True, editable=False)
    risk_scored_at = models.DateTimeField(_("risk scored at"), null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["risk_score", "risk_terms", "risk_scored_at"])
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
            # The high-risk shortlist, riskiest first.
            models.Index(fields=["-risk_score", "id"], name="seller_risk_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "seller_id"],
                name="seller_unique_per_platform",
                violation_error_message=_("This seller is already on file for this platform."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name or self.seller_id} ({self.platform})"

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
    last_seen_at = BoundedMomentField(
        past_only=True, verbose_name=_("last seen"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.KNOWN, editable=False
    )
    # Removed listings are looked at again (enforcement.services.relists): when last, and
    # when one was found online again.
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True, editable=False)
    relisted_at = models.DateTimeField(_("relisted at"), null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["last_checked_at"])
    objects = ScopedManager()
    scope_client_path = "complaint_links__complaint__client"
    scope_via_many = True

    class Meta:
        ordering = ["-first_seen_at"]
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        constraints = [
            *moments_in_range("listing", "last_seen_at"),
            models.UniqueConstraint(
                fields=["platform", "kind", "canonical_id"],
                name="listing_unique_per_platform",
                violation_error_message=_("This listing is already on file."),
            ),
        ]
        indexes = [
            models.Index(fields=["platform", "canonical_id"]),
            models.Index(fields=["first_seen_at", "id"], name="listing_list_idx"),
            models.Index(fields=["seller", "first_seen_at", "id"], name="listing_seller_idx"),
            # Removed listings due for a relist check, the longest unchecked first.
            models.Index(
                fields=["status", "last_checked_at", "id"],
                condition=Q(status="removed", relisted_at__isnull=True),
                name="listing_relist_due_idx",
            ),
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
    captured_at = BoundedMomentField(
        past_only=True,
        verbose_name=_("captured at"),
        help_text=_("When the photo or screenshot was taken."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    # Evidence attached by mistake is withdrawn, never deleted: kept and in the history,
    # left out of the summary for the platform and of exports.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("withdrawn by"),
    )
    withdrawal_reason = models.TextField(_("why it was withdrawn"), blank=True)

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_client_path = "complaint__client"

    class Meta:
        ordering = ["-captured_at"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        constraints = [
            *moments_in_range("evidence", "captured_at"),
            models.CheckConstraint(
                condition=Q(complaint__isnull=False) | Q(listing__isnull=False),
                name="evidence_belongs_somewhere",
                violation_error_message=_("Evidence must belong to a complaint or a listing."),
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawal_reason=""),
                name="evidence_withdrawal_has_reason",
                violation_error_message=_("Say why the evidence is withdrawn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.captured_at:%Y-%m-%d}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def get_absolute_url(self) -> str:
        owner = self.complaint if self.complaint_id else self.listing
        return owner.get_absolute_url()
