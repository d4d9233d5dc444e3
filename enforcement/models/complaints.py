"""Complaints filed on a platform, the reason codes they use, and each link's outcome."""

from __future__ import annotations

import uuid
from collections import Counter

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.bounds import BoundedMomentField, moments_in_range
from clients.languages import in_reader_language
from clients.models import ArchivableModel, Client, TimeStampedModel
from clients.scoping import ScopedManager

from ..rules.outcomes import complaint_status
from .listings import Listing, TargetKind
from .platforms import Platform, PlatformAccount
from .rights import IPR


class ReasonCode(TimeStampedModel):
    """A platform's complaint reason, with guidance on when to use it (data the firm edits)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    platforms = models.ManyToManyField(
        Platform, related_name="reason_codes", verbose_name=_("platforms")
    )
    ipr_kind = models.CharField(_("IP right type"), max_length=20, choices=IPR.Kind.choices)
    target_kind = models.CharField(_("target"), max_length=20, choices=TargetKind.choices)
    label_en = models.CharField(_("label (English)"), max_length=255)
    label_zh = models.CharField(_("label (Chinese)"), max_length=255, blank=True)
    guidance = models.TextField(_("when to use it"), blank=True)
    guidance_zh = models.TextField(_("when to use it (Chinese)"), blank=True)
    is_active = models.BooleanField(_("offered"), default=True)

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_public = True

    class Meta:
        ordering = ["ipr_kind", "target_kind", "label_en"]
        verbose_name = _("reason code")
        verbose_name_plural = _("reason codes")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The label in the reader's language (English where no Chinese is entered)."""
        return in_reader_language(self.label_en, self.label_zh)

    @property
    def guidance_text(self) -> str:
        return in_reader_language(self.guidance, self.guidance_zh)

    def get_absolute_url(self) -> str:
        return reverse("enforcement:reasoncode_detail", args=[self.pk])


class Complaint(ArchivableModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        READY = "ready", _("Ready to file")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="complaints", verbose_name=_("client")
    )
    platform = models.ForeignKey(
        Platform, on_delete=models.PROTECT, related_name="complaints", verbose_name=_("platform")
    )
    account = models.ForeignKey(
        PlatformAccount,
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("platform account"),
        null=True,
        blank=True,
    )
    ipr = models.ForeignKey(
        IPR, on_delete=models.PROTECT, related_name="complaints", verbose_name=_("IP right"),
        null=True, blank=True,
    )  # fmt: skip
    target_kind = models.CharField(
        _("target"), max_length=20, choices=TargetKind.choices, default=TargetKind.LISTING
    )
    reason_code = models.ForeignKey(
        ReasonCode,
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("reason code"),
        null=True,
        blank=True,
    )
    supplementary_reasons = models.TextField(
        _("supplementary reasons"),
        blank=True,
        help_text=_("Explain the infringement to the case handler; essential for new accounts."),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, editable=False
    )
    platform_reference = models.CharField(_("platform reference"), max_length=100, blank=True)
    submitted_at = BoundedMomentField(
        past_only=True, verbose_name=_("submitted at"), null=True, blank=True, editable=False
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("submitted by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(_("why it was withdrawn"), blank=True)
    # Complaints split from one paste share a batch key and are numbered within it.
    batch_key = models.UUIDField(_("batch"), default=uuid.uuid4, editable=False, db_index=True)
    batch_index = models.PositiveSmallIntegerField(_("part"), default=1, editable=False)
    batch_size = models.PositiveSmallIntegerField(_("parts"), default=1, editable=False)
    internal_notes = models.TextField(_("internal notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        editable=False,
        verbose_name=_("created by"),
    )

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_client_path = "client"

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        # The staff list (newest first, alone or for one client) and the portal's list
        # (one client's, by submission), each read backwards: ORDER BY … DESC, id DESC.
        indexes = [
            models.Index(fields=["created_at", "id"], name="complaint_list_idx"),
            models.Index(fields=["client", "created_at", "id"], name="complaint_client_list_idx"),
            models.Index(fields=["client", "submitted_at", "id"], name="complaint_portal_list_idx"),
        ]
        constraints = [
            *moments_in_range("complaint", "submitted_at"),
            models.CheckConstraint(
                condition=~Q(state="submitted")
                | (Q(submitted_at__isnull=False) & ~Q(platform_reference="")),
                name="complaint_submitted_has_reference",
                violation_error_message=_(
                    "A submitted complaint needs the platform's reference and the moment."
                ),
            ),
        ]

    def __str__(self) -> str:
        label = _("Complaint #%(pk)s") % {"pk": self.pk}
        if self.batch_size > 1:
            label += f" ({self.batch_index}/{self.batch_size})"
        return str(label)

    def get_absolute_url(self) -> str:
        return reverse("enforcement:complaint_detail", args=[self.pk])

    def outcome_counts(self) -> Counter:
        """Uses the prefetched links when the caller prefetched them."""
        return Counter(link.outcome for link in self.links.all())

    @property
    def status(self) -> str:
        """The complaint's status as the firm reads it, derived from its links and, while a
        link is countered, from the decisions on its counter-notices (prefetched or not)."""
        outcomes = self.outcome_counts()
        to_answer = None
        if outcomes.get(ComplaintLink.Outcome.COUNTERED):
            awaiting = "awaiting_review"  # CounterNotice.Status.AWAITING_REVIEW
            to_answer = sum(1 for n in self.counter_notices.all() if n.status == awaiting)
        return complaint_status(self.state, outcomes, to_answer)


class ComplaintLink(TimeStampedModel):
    """One reported listing within a complaint, and what became of it."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Awaiting the platform")
        REMOVED = "removed", _("Removed")
        REJECTED = "rejected", _("Rejected by the platform")
        COUNTERED = "countered", _("Countered by the seller")
        RESTORED = "restored", _("Restored")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="links", verbose_name=_("complaint")
    )
    listing = models.ForeignKey(
        Listing, on_delete=models.PROTECT, related_name="complaint_links", verbose_name=_("listing")
    )
    position = models.PositiveIntegerField(_("line"), default=0)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    outcome_reason = models.TextField(_("platform's reason"), blank=True)
    outcome_at = BoundedMomentField(
        past_only=True, verbose_name=_("outcome recorded for"), null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("recorded by"),
    )
    # First or repeat offense: decided from the seller's removed links when the complaint
    # is filed (stored, so later outcomes do not rewrite history), overridable with a reason.
    offense = models.CharField(_("offense"), max_length=10, blank=True, editable=False)
    offense_count = models.PositiveIntegerField(_("earlier removals"), default=0, editable=False)
    offense_override_reason = models.TextField(_("why the offense was overridden"), blank=True)

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_client_path = "complaint__client"

    class Meta:
        ordering = ["complaint", "position"]
        verbose_name = _("reported link")
        verbose_name_plural = _("reported links")
        # Outcomes of a period (rates, charts): a range on the moment, not a cast per row.
        indexes = [
            models.Index(
                fields=["outcome_at"],
                condition=Q(outcome_at__isnull=False),
                name="complaint_link_outcome_at_idx",
            )
        ]
        constraints = [
            *moments_in_range("complaint_link", "outcome_at"),
            models.UniqueConstraint(
                fields=["complaint", "listing"],
                name="complaint_link_unique",
                violation_error_message=_("This link is already in the complaint."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome="rejected") | ~Q(outcome_reason=""),
                name="complaint_link_rejection_has_reason",
                violation_error_message=_("A rejection needs the platform's reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.listing.canonical_url} – {self.get_outcome_display()}"

    # How a history names the link (clients.history): its number and address, not its
    # outcome of today.
    history_select_related = ("listing",)

    @property
    def history_label(self) -> str:
        return _("Link %(n)d: %(url)s") % {"n": self.position, "url": self.listing.canonical_url}
