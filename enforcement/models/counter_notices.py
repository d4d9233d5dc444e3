"""Sellers' counter-notifications, the firm's answers, disputes, and seller networks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.bounds import BoundedDateField, BoundedMomentField, dates_in_range, moments_in_range
from clients.files import FILE_VALIDATORS, CaseFilePath
from clients.models import ArchivableModel, Client, TimeStampedModel
from clients.scoping import ScopedManager

from .complaints import Complaint, ComplaintLink
from .listings import Seller
from .rights import IPR


class ReasonTemplate(ArchivableModel):
    """A reusable reason for answering counter-notifications, in English and Chinese."""

    title = models.CharField(_("title"), max_length=160)
    text_en = models.TextField(_("reason (English)"))
    text_zh = models.TextField(_("reason (Chinese)"), blank=True)

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_public = True

    class Meta:
        ordering = ["title"]
        verbose_name = _("reason template")
        verbose_name_plural = _("reason templates")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("enforcement:reasontemplate_detail", args=[self.pk])

    @property
    def text(self) -> str:
        return self.text_en + (f"\n\n{self.text_zh}" if self.text_zh else "")


class CounterNotice(TimeStampedModel):
    """A seller's answer to one complaint, covering one or several of its links."""

    class Status(models.TextChoices):
        AWAITING_REVIEW = "awaiting_review", _("Awaiting review")
        REJECTED = "rejected", _("Rejected by the firm")
        ACCEPTED = "accepted", _("Accepted by the firm")
        WITHDRAWN = "withdrawn", _("Complaint withdrawn")
        LAPSED = "lapsed", _("Lapsed (not answered in time)")

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="counter_notices", verbose_name=_("client")
    )
    complaint = models.ForeignKey(
        Complaint,
        on_delete=models.PROTECT,
        related_name="counter_notices",
        verbose_name=_("complaint"),
    )
    links = models.ManyToManyField(
        ComplaintLink, related_name="counter_notices", verbose_name=_("links it answers")
    )
    seller = models.ForeignKey(
        Seller,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="counter_notices",
        verbose_name=_("seller"),
    )
    received_at = BoundedMomentField(past_only=True, verbose_name=_("received at"))
    attempt = models.PositiveSmallIntegerField(
        _("round"),
        default=1,
        db_default=1,
        editable=False,
        help_text=_("The seller's attempt on these links: 1 for its first counter-notice."),
    )
    platform_reference = models.CharField(_("platform reference"), max_length=100, blank=True)
    claim_kind = models.CharField(
        _("right the seller claims"), max_length=20, choices=IPR.Kind.choices, blank=True
    )
    claim_number = models.CharField(_("registration number"), max_length=100, blank=True)
    claim_owner = models.CharField(_("owner"), max_length=255, blank=True)
    claim_jurisdiction = models.CharField(_("jurisdiction"), max_length=8, blank=True)
    seller_statement = models.TextField(_("what the seller says"), blank=True)
    declaration_forwarded_at = BoundedMomentField(
        past_only=True,
        verbose_name=_("declaration of non-infringement forwarded at"),
        null=True,
        blank=True,
        help_text=_("PRC E-Commerce Law art. 43: opens the 15-day window to report a suit."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.AWAITING_REVIEW,
        editable=False,
    )
    response_due_at = BoundedMomentField(_("answer due"), null=True, blank=True, editable=False)
    response_due_is_provisional = models.BooleanField(
        _("answer due date is provisional"), default=False, editable=False
    )
    draft_answer = models.TextField(_("draft answer"), blank=True)
    decision_reasons = models.TextField(_("reasons given to the platform"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    internal_notes = models.TextField(_("internal notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        editable=False,
        verbose_name=_("recorded by"),
    )

    history = HistoricalRecords(m2m_fields=[links])
    objects = ScopedManager()
    scope_client_path = "client"

    class Meta:
        ordering = ["response_due_at", "pk"]
        verbose_name = _("counter-notification")
        verbose_name_plural = _("counter-notifications")
        indexes = [
            models.Index(fields=["status", "response_due_at"], name="counter_notice_queue_idx"),
            # The queue: awaiting review, answer due first (ASC NULLS LAST, id).
            models.Index(
                fields=["response_due_at", "id"],
                condition=Q(status="awaiting_review"),
                name="counter_notice_awaiting_idx",
            ),
            models.Index(fields=["response_due_at", "id"], name="counter_notice_due_idx"),
        ]
        constraints = [
            *moments_in_range(
                "counter_notice", "received_at", "declaration_forwarded_at", "response_due_at"
            ),
            models.CheckConstraint(
                condition=Q(status="awaiting_review")
                | (Q(decided_at__isnull=False) & Q(decided_by__isnull=False)),
                name="counter_notice_decision_has_author",
                violation_error_message=_("A decision records who decided and when."),
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_reasons=""),
                name="counter_notice_rejection_has_reasons",
                violation_error_message=_("A rejection gives the platform its reasons."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Counter-notice #%(pk)s") % {"pk": self.pk})

    def get_absolute_url(self) -> str:
        return reverse("enforcement:counternotice_detail", args=[self.pk])

    @property
    def claim_display(self) -> str:
        parts = [self.get_claim_kind_display() if self.claim_kind else "", self.claim_number,
                 self.claim_owner, self.claim_jurisdiction]  # fmt: skip
        return " · ".join(p for p in parts if p) or "—"


class CounterNoticeEvidence(TimeStampedModel):
    """A file the seller sent with its counter-notification (kept with its SHA-256)."""

    notice = models.ForeignKey(
        CounterNotice,
        on_delete=models.PROTECT,
        related_name="evidence",
        verbose_name=_("counter-notification"),
    )
    file = models.FileField(
        _("file"), upload_to=CaseFilePath("counter-notices"), validators=FILE_VALIDATORS
    )
    description = models.CharField(_("description"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+",
        editable=False,
    )  # fmt: skip

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_client_path = "notice__client"

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("seller's evidence")
        verbose_name_plural = _("seller's evidence")

    def __str__(self) -> str:
        return self.description


class Dispute(TimeStampedModel):
    """The platform's decision after the firm rejected a counter-notification."""

    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting the platform")
        UPHELD = "upheld", _("Upheld: listing removed")
        REVERSED = "reversed", _("Reversed: listing restored")

    notice = models.OneToOneField(
        CounterNotice,
        on_delete=models.PROTECT,
        related_name="dispute",
        verbose_name=_("counter-notification"),
    )
    opened_at = BoundedMomentField(past_only=True, verbose_name=_("opened at"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, editable=False
    )
    decided_on = BoundedDateField(
        past_only=True, verbose_name=_("platform decided on"), null=True, blank=True
    )
    decision_notes = models.TextField(_("platform's decision"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", editable=False,
    )  # fmt: skip

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_client_path = "notice__client"

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        constraints = [
            *moments_in_range("dispute", "opened_at"),
            *dates_in_range("dispute", "decided_on"),
            models.CheckConstraint(
                condition=Q(status="open") | Q(decided_on__isnull=False),
                name="dispute_decision_has_date",
                violation_error_message=_("Enter the date the platform decided."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Dispute on %(notice)s") % {"notice": self.notice})

    def get_absolute_url(self) -> str:
        return self.notice.get_absolute_url()


class SellerNetwork(TimeStampedModel):
    """Sellers the firm believes are one operator (same person behind several stores)."""

    name = models.CharField(_("name"), max_length=160)
    notes = models.TextField(_("why we believe they are one operator"), blank=True)
    is_automatic = models.BooleanField(
        _("grouped automatically"), default=False, editable=False,
        help_text=_("Made by the nightly grouping of sellers that share contact details."),
    )  # fmt: skip

    history = HistoricalRecords()
    objects = ScopedManager()
    # The firm's own belief: client users see a network only through their complaints.
    scope_client_path = "sellers__listings__complaint_links__complaint__client"
    scope_via_many = True

    class Meta:
        ordering = ["name"]
        verbose_name = _("seller network")
        verbose_name_plural = _("seller networks")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enforcement:sellernetwork_detail", args=[self.pk])
