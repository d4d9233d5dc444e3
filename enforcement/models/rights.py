"""IP rights on file, their documents, and their verification on platform accounts."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from clients.bounds import BoundedDateField, dates_in_range
from clients.files import FILE_VALIDATORS, CaseFilePath
from clients.models import ArchivableModel, Client, TimeStampedModel
from clients.scoping import ScopedManager, ScopedQuerySet

from ..jurisdictions import RegistrationJurisdictions
from ..rules.usability import ipr_problems
from .platforms import PlatformAccount, VerificationStatus


class IPRQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)


class IPR(ArchivableModel):
    class Kind(models.TextChoices):
        TRADEMARK = "trademark", _("Trademark")
        COPYRIGHT = "copyright", _("Copyright")
        PATENT = "patent", _("Patent (incl. design)")
        OTHER = "other", _("Other (e.g. court judgment)")

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        PENDING = "pending", _("Pending (application filed)")
        UNREGISTERED = "unregistered", _("Unregistered (copyright only)")

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="iprs", verbose_name=_("client")
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(
        _("title"), max_length=255, help_text=_("The mark, the work's title or the invention.")
    )
    title_zh = models.CharField(
        _("Chinese title"),
        max_length=255,
        blank=True,
        help_text=_("The mark or title in Chinese, where it has one (found by search too)."),
    )
    registration_number = models.CharField(_("registration number"), max_length=100, blank=True)
    jurisdiction = CountryField(
        _("country or region of registration"), countries=RegistrationJurisdictions
    )
    owner_name = models.CharField(_("registered owner"), max_length=255)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    effective_from = BoundedDateField(_("registration effective from"), null=True, blank=True)
    effective_to = BoundedDateField(
        _("registration effective to"),
        null=True,
        blank=True,
        help_text=_("Blank if it never lapses."),
    )
    protection_from = BoundedDateField(_("protection wanted from"), null=True, blank=True)
    protection_to = BoundedDateField(_("protection wanted to"), null=True, blank=True)
    trademark_classes = models.JSONField(
        _("Nice classes"), default=list, blank=True, help_text=_("Trademarks only.")
    )
    brand = models.CharField(_("related brand"), max_length=255, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()
    objects = ScopedManager.from_queryset(IPRQuerySet)()
    scope_client_path = "client"

    class Meta:
        ordering = ["client__legal_name", "kind", "title"]
        verbose_name = _("IP right")
        verbose_name_plural = _("IP rights")
        # Each client's rights in the list's order (the clients are walked by name).
        indexes = [
            models.Index(fields=["client", "kind", "title", "id"], name="ipr_list_idx"),
            # The dashboard's rights expiring soon.
            models.Index(fields=["effective_to"], name="ipr_effective_to_idx"),
        ]
        constraints = [
            *dates_in_range(
                "ipr", "effective_from", "effective_to", "protection_from", "protection_to"
            ),
            models.UniqueConstraint(
                fields=["kind", "jurisdiction", "registration_number"],
                condition=~Q(registration_number=""),
                name="ipr_unique_number_per_jurisdiction_and_type",
                violation_error_message=_(
                    "A right of this type with this registration number is already on file "
                    "for this jurisdiction."
                ),
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_from__isnull=True)
                | Q(effective_to__gte=F("effective_from")),
                name="ipr_effective_to_after_from",
                violation_error_message=_("The registration cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(protection_to__isnull=True)
                | Q(protection_from__isnull=True)
                | Q(protection_to__gte=F("protection_from")),
                name="ipr_protection_to_after_from",
                violation_error_message=_("The protection period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(status="unregistered") | Q(kind="copyright"),
                name="ipr_only_copyright_unregistered",
                violation_error_message=_("Only a copyright can be used unregistered."),
            ),
            models.CheckConstraint(
                condition=~Q(status="registered") | ~Q(registration_number=""),
                name="ipr_registered_has_number",
                violation_error_message=_("A registered right needs its registration number."),
            ),
        ]

    def __str__(self) -> str:
        number = f" {self.registration_number}" if self.registration_number else ""
        return f"{self.get_kind_display()} “{self.title}”{number} ({self.jurisdiction})"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:ipr_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.status == self.Status.UNREGISTERED and self.kind != self.Kind.COPYRIGHT:
            errors["status"] = _(
                "Only a copyright can be used unregistered; register this right or choose "
                "“Pending”."
            )
        if self.status == self.Status.REGISTERED and not self.registration_number:
            errors["registration_number"] = _("A registered right needs its registration number.")
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            errors["effective_to"] = _("The registration cannot end before it starts.")
        if (
            self.protection_from
            and self.protection_to
            and self.protection_to < self.protection_from
        ):
            errors["protection_to"] = _("The protection period cannot end before it starts.")
        if self.trademark_classes and self.kind != self.Kind.TRADEMARK:
            errors["trademark_classes"] = _("Nice classes apply to trademarks only.")
        bad = [c for c in self.trademark_classes or [] if not (isinstance(c, int) and 1 <= c <= 45)]
        if bad:
            errors["trademark_classes"] = _("Nice classes are whole numbers from 1 to 45.")
        if errors:
            raise ValidationError(errors)

    def usability_problems(self, on: dt.date) -> list[str]:
        return ipr_problems(self, on)


class IPRDocument(ArchivableModel):
    class Kind(models.TextChoices):
        REGISTRATION_CERTIFICATE = "registration_certificate", _("Registration certificate")
        TERRITORIAL_EXTENSION = (
            "territorial_extension",
            _("Certificate of territorial extension (Madrid)"),
        )
        PATENT_CERTIFICATE = "patent_certificate", _("Patent certificate")
        EVALUATION_REPORT = "evaluation_report", _("Patent evaluation report")
        REPRESENTATION = "representation", _("Representation of the work")
        COURT_JUDGMENT = "court_judgment", _("Court judgment")
        TRANSLATION = "translation", _("Translation")
        OTHER = "other", _("Other")

    ipr = models.ForeignKey(
        IPR, on_delete=models.PROTECT, related_name="documents", verbose_name=_("IP right")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=CaseFilePath("ipr"), validators=FILE_VALIDATORS)
    description = models.CharField(_("description"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False, blank=True)

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_client_path = "ipr__client"

    class Meta:
        ordering = ["kind", "-created_at"]
        verbose_name = _("IP right document")
        verbose_name_plural = _("IP right documents")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.ipr.title}"

    def get_absolute_url(self) -> str:
        return self.ipr.get_absolute_url()


class IPRChange(TimeStampedModel):
    """A renewal, assignment or alteration of a right, with its proof."""

    class Kind(models.TextChoices):
        RENEWAL = "renewal", _("Renewed")
        ASSIGNMENT = "assignment", _("Assigned")
        ALTERATION = "alteration", _("Altered (name, address, goods…)")

    ipr = models.ForeignKey(
        IPR, on_delete=models.PROTECT, related_name="changes", verbose_name=_("IP right")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    effective_on = BoundedDateField(_("effective on"))
    description = models.TextField(_("what changed"))
    proof = models.FileField(_("proof"), upload_to=CaseFilePath("ipr"), validators=FILE_VALIDATORS)

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_client_path = "ipr__client"

    class Meta:
        constraints = [
            *dates_in_range("ipr_change", "effective_on"),
        ]
        ordering = ["-effective_on"]
        verbose_name = _("change of a right")
        verbose_name_plural = _("changes of rights")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_on} – {self.ipr.title}"

    def get_absolute_url(self) -> str:
        return self.ipr.get_absolute_url()


class CopyrightClaimStatement(TimeStampedModel):
    """The eight items an unregistered copyright needs before a platform accepts it."""

    ipr = models.OneToOneField(
        IPR, on_delete=models.PROTECT, related_name="claim_statement", verbose_name=_("IP right")
    )
    attests_unauthorised_use = models.BooleanField(
        _("the owner attests that the reported links use the work without consent"), default=False
    )
    owner_name = models.CharField(_("owner's name"), max_length=255, blank=True)
    creator_name = models.CharField(_("creator's name"), max_length=255, blank=True)
    assignment_proof = models.FileField(
        _("proof of assignment from the creator"),
        upload_to=CaseFilePath("copyright"),
        validators=FILE_VALIDATORS,
        blank=True,
        help_text=_("Needed when the creator is not the owner."),
    )
    created_on = BoundedDateField(
        past_only=True, verbose_name=_("date of creation"), null=True, blank=True
    )
    created_at_time = models.TimeField(_("time of creation"), null=True, blank=True)
    creation_place = models.CharField(_("place of creation"), max_length=255, blank=True)
    creation_method = models.CharField(
        _("method of creation"),
        max_length=255,
        blank=True,
        help_text=_("Photographing, programming, recording, drawing…"),
    )
    first_published_on = BoundedDateField(
        past_only=True, verbose_name=_("date of first publication"), null=True, blank=True
    )
    first_publication_evidence = models.FileField(
        _("evidence of first publication"),
        upload_to=CaseFilePath("copyright"),
        validators=FILE_VALIDATORS,
        blank=True,
    )
    first_publication_url = models.URLField(
        _("where it was first published"), blank=True, max_length=1000
    )
    description = models.TextField(_("description of the work's major characteristics"), blank=True)

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_client_path = "ipr__client"

    class Meta:
        constraints = [
            *dates_in_range("claim_statement", "created_on", "first_published_on"),
        ]
        verbose_name = _("copyright claim statement")
        verbose_name_plural = _("copyright claim statements")

    def __str__(self) -> str:
        return _("Claim statement for “%(title)s”") % {"title": self.ipr.title}

    def get_absolute_url(self) -> str:
        return self.ipr.get_absolute_url()

    def missing_items(self) -> list[str]:
        """What still keeps the platform from accepting the statement, in plain words."""
        missing: list[str] = []
        if not self.attests_unauthorised_use:
            missing.append(_("1. the attestation that the links use the work without consent"))
        if not self.owner_name:
            missing.append(_("2. the owner's name"))
        if not self.creator_name:
            missing.append(_("3. the creator's name"))
        elif (
            self.owner_name
            and self.creator_name.strip().casefold() != (self.owner_name.strip().casefold())
            and not self.assignment_proof
        ):
            missing.append(_("3. proof that the creator assigned the work to the owner"))
        if not (self.created_on and self.created_at_time and self.creation_place):
            missing.append(_("4. the date, time and place of creation"))
        if not self.creation_method:
            missing.append(_("5. the method of creation"))
        if not self.first_published_on:
            missing.append(_("6. the date of first publication"))
        if not (self.first_publication_evidence or self.first_publication_url):
            missing.append(_("7. evidence of first publication"))
        if not self.description:
            missing.append(_("8. a description of the work's major characteristics"))
        return [str(m) for m in missing]


class IPRVerification(TimeStampedModel):
    """A right submitted to a platform account and what the platform decided."""

    ipr = models.ForeignKey(
        IPR, on_delete=models.PROTECT, related_name="verifications", verbose_name=_("IP right")
    )
    account = models.ForeignKey(
        PlatformAccount,
        on_delete=models.PROTECT,
        related_name="verifications",
        verbose_name=_("platform account"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=[c for c in VerificationStatus.choices if c[0] != VerificationStatus.NOT_SUBMITTED],
        default=VerificationStatus.SUBMITTED,
    )
    submitted_on = BoundedDateField(past_only=True, verbose_name=_("submitted on"))
    decided_on = BoundedDateField(
        past_only=True, verbose_name=_("decided on"), null=True, blank=True
    )
    failure_reason = models.TextField(_("reason given by the platform"), blank=True)
    platform_reference = models.CharField(_("platform reference"), max_length=100, blank=True)

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_client_path = "ipr__client"

    class Meta:
        ordering = ["-submitted_on"]
        verbose_name = _("IP right verification")
        verbose_name_plural = _("IP right verifications")
        indexes = [
            models.Index(fields=["submitted_on", "id"], name="verification_list_idx"),
            models.Index(fields=["account", "submitted_on", "id"], name="verification_account_idx"),
            # The dashboard's two lists: waiting for the platform, and failed (a few thousand
            # among a hundred thousand verified).
            models.Index(
                fields=["status", "submitted_on"],
                condition=Q(status__in=["submitted", "resubmitted", "failed"]),
                name="verification_attention_idx",
            ),
        ]
        constraints = [
            *dates_in_range("verification", "submitted_on", "decided_on"),
            models.UniqueConstraint(
                fields=["ipr", "account"],
                name="verification_unique_ipr_account",
                violation_error_message=_(
                    "This right is already on this account; record the new outcome on it."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(failure_reason=""),
                name="verification_failed_has_reason",
                violation_error_message=_("A failed verification needs the platform's reason."),
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=F("submitted_on")),
                name="verification_decided_after_submitted",
                violation_error_message=_("The decision cannot come before the submission."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ipr.title} @ {self.account.group.name}: {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:iprverification_detail", args=[self.pk])
