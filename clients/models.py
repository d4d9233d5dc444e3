"""Who the firm acts for and with what authority."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from .authority import PoaStatus, poa_status
from .bounds import BoundedDateField, dates_in_range
from .files import FILE_VALIDATORS, CaseFilePath
from .roles import Role
from .scoping import ScopedManager, ScopedQuerySet, unscoped

TIME_ZONE_CHOICES = sorted((tz, tz) for tz in zoneinfo.available_timezones() if "/" in tz)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True

    # A uniqueness check must see every client's rows, or it would pass and the database
    # refuse the save; it reveals only "already exists".
    def validate_unique(self, exclude=None):
        with unscoped("uniqueness checks compare against every row"):
            return super().validate_unique(exclude)

    def validate_constraints(self, exclude=None):
        with unscoped("constraint checks compare against every row"):
            return super().validate_constraints(exclude)


class ArchivableModel(TimeStampedModel):
    """Legal records are archived, never deleted from the UI."""

    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARALEGAL)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default="Asia/Shanghai",
        help_text=_("Dates and times are shown in this zone."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Pages and e-mails are shown in this language."),
    )

    # Changed when the user's second factor changes: with the password it signs the
    # session, so every other session of the user ends (Django does the same for passwords).
    session_stamp = models.CharField(max_length=32, blank=True, editable=False)

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret=None):
        if not self.session_stamp:
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac(
            "clients.User.get_session_auth_hash",
            f"{self.password}:{self.session_stamp}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class ClientQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)


class Client(ArchivableModel):
    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        ENTERPRISE = "enterprise", _("Enterprise")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    legal_name = models.CharField(_("legal name"), max_length=255)
    chinese_name = models.CharField(_("Chinese name"), max_length=255, blank=True)
    country = CountryField(
        _("country"), help_text=_("Where the rights holder is based (CN = mainland China).")
    )
    registration_number = models.CharField(
        _("registration number"),
        max_length=100,
        blank=True,
        help_text=_("Company registration or unified social credit code; blank for individuals."),
    )
    address = models.TextField(_("address"), blank=True)
    contact_name = models.CharField(_("contact name"), max_length=255, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    supervising_attorney = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervising attorney"),
        on_delete=models.PROTECT,
        related_name="supervised_clients",
        limit_choices_to={"role__in": [Role.ATTORNEY, Role.FIRM_ADMIN]},
        null=True,
        blank=True,
    )
    notes = models.TextField(_("internal notes"), blank=True)
    requires_two_factor = models.BooleanField(
        _("portal users need a second factor"),
        default=False,
        help_text=_("Its people must sign in to the portal with an authenticator app."),
    )

    class Validation(models.TextChoices):
        OFF = "off", _("Off: the firm decides alone")
        OPTIONAL = "optional", _("Optional: the firm may ask the client")
        REQUIRED = "required", _("Required: nothing is reported before the client validates")

    detection_validation = models.CharField(
        _("client validates suspected listings"),
        max_length=10,
        choices=Validation.choices,
        default=Validation.OFF,
        db_default=Validation.OFF,
        help_text=_(
            "Whether suspected listings wait in the client's portal for its decision "
            "before they go into a complaint."
        ),
    )

    history = HistoricalRecords()
    objects = ScopedManager.from_queryset(ClientQuerySet)()
    scope_client_path = ""

    class Meta:
        ordering = ["legal_name"]
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        indexes = [models.Index(fields=["legal_name", "id"], name="client_list_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "registration_number"],
                condition=~Q(registration_number=""),
                name="client_unique_registration_per_country",
                violation_error_message=_(
                    "Another client from this country already has this registration number."
                ),
            ),
        ]

    def __str__(self) -> str:
        if self.chinese_name:
            return f"{self.legal_name} ({self.chinese_name})"
        return self.legal_name

    def get_absolute_url(self) -> str:
        return reverse("clients:client_detail", args=[self.pk])

    @property
    def based_in_mainland_china(self) -> bool:
        return self.country == "CN"


class IdentityDocument(ArchivableModel):
    class Kind(models.TextChoices):
        PASSPORT = "passport", _("Passport")
        ID_CARD = "id_card", _("ID card")
        BUSINESS_LICENCE = "business_licence", _("Business licence")
        CERTIFICATE_OF_INCORPORATION = "incorporation", _("Certificate of incorporation")
        OTHER = "other", _("Other")

    client = models.ForeignKey(
        Client,
        on_delete=models.PROTECT,
        related_name="identity_documents",
        verbose_name=_("client"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("document number"), max_length=100, blank=True)
    issuing_country = CountryField(_("issuing country"), blank=True)
    file = models.FileField(
        _("file"), upload_to=CaseFilePath("identity"), validators=FILE_VALIDATORS
    )
    translation_file = models.FileField(
        _("Chinese translation"),
        upload_to=CaseFilePath("identity"),
        validators=FILE_VALIDATORS,
        blank=True,
        help_text=_("A Chinese translation speeds up the platform's review."),
    )
    issued_on = BoundedDateField(past_only=True, verbose_name=_("issued on"), null=True, blank=True)
    expires_on = BoundedDateField(_("expires on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_client_path = "client"

    class Meta:
        ordering = ["client__legal_name", "-issued_on"]
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")
        constraints = [
            *dates_in_range("identity_document", "issued_on", "expires_on"),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(expires_on__gt=F("issued_on")),
                name="identity_document_expires_after_issue",
                violation_error_message=_("The expiry date must come after the issue date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.client.legal_name}"

    def get_absolute_url(self) -> str:
        return reverse("clients:identitydocument_detail", args=[self.pk])


class PowerOfAttorneyQuerySet(ScopedQuerySet):
    def in_force_on(self, day: dt.date):
        """Signed, not revoked, and valid on that day."""
        return self.exclude(signed_file="").filter(
            revoked_at__isnull=True, valid_from__lte=day, valid_to__gte=day
        )

    def with_status(self, status: str, today: dt.date, expiring_days: int):
        soon = today + dt.timedelta(days=expiring_days)
        signed = ~Q(signed_file="")
        live = Q(revoked_at__isnull=True) & signed
        filters = {
            PoaStatus.REVOKED: Q(revoked_at__isnull=False),
            PoaStatus.DRAFT: Q(revoked_at__isnull=True, signed_file=""),
            PoaStatus.SCHEDULED: live & Q(valid_from__gt=today),
            PoaStatus.EXPIRED: live & Q(valid_to__lt=today),
            PoaStatus.EXPIRING: live
            & Q(valid_from__lte=today, valid_to__gte=today)
            & Q(valid_to__lte=soon),
            PoaStatus.ACTIVE: live & Q(valid_from__lte=today, valid_to__gt=soon),
        }
        return self.filter(filters[PoaStatus(status)])


class PowerOfAttorney(ArchivableModel):
    client = models.ForeignKey(
        Client,
        on_delete=models.PROTECT,
        related_name="powers_of_attorney",
        verbose_name=_("client"),
    )
    agent_name = models.CharField(
        _("agent"), max_length=255, help_text=_("Who is authorised to act (usually the firm).")
    )
    covers_all_rights = models.BooleanField(_("covers all of the client's IP rights"), default=True)
    rights = models.ManyToManyField(
        "enforcement.IPR",
        verbose_name=_("IP rights covered"),
        blank=True,
        related_name="powers_of_attorney",
        help_text=_("Only used when the POA does not cover all rights."),
    )
    platforms = models.ManyToManyField(
        "enforcement.Platform",
        verbose_name=_("platforms covered"),
        related_name="powers_of_attorney",
    )
    valid_from = BoundedDateField(_("valid from"))
    valid_to = BoundedDateField(_("valid to"))
    signed_on = BoundedDateField(past_only=True, verbose_name=_("signed on"), null=True, blank=True)
    signed_file = models.FileField(
        _("signed copy"),
        upload_to=CaseFilePath("poa"),
        validators=FILE_VALIDATORS,
        blank=True,
        help_text=_("Until the signed copy is uploaded the POA is a draft."),
    )
    translation_file = models.FileField(
        _("Chinese translation"),
        upload_to=CaseFilePath("poa"),
        validators=FILE_VALIDATORS,
        blank=True,
    )
    notarised = models.BooleanField(_("notarised"), default=False)
    legalised = models.BooleanField(_("legalised / apostilled"), default=False)
    revoked_at = BoundedDateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords(m2m_fields=[rights, platforms])
    objects = ScopedManager.from_queryset(PowerOfAttorneyQuerySet)()
    scope_client_path = "client"

    class Meta:
        ordering = ["-valid_to"]
        verbose_name = _("power of attorney")
        verbose_name_plural = _("powers of attorney")
        indexes = [models.Index(fields=["valid_to", "id"], name="poa_list_idx")]
        constraints = [
            *dates_in_range("poa", "valid_from", "valid_to", "signed_on", "revoked_at"),
            models.CheckConstraint(
                condition=Q(valid_to__gte=F("valid_from")),
                name="poa_valid_to_after_valid_from",
                violation_error_message=_("A power of attorney cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return _("POA %(client)s → %(agent)s (%(start)s – %(end)s)") % {
            "client": self.client.legal_name,
            "agent": self.agent_name,
            "start": self.valid_from,
            "end": self.valid_to,
        }

    def get_absolute_url(self) -> str:
        return reverse("clients:powerofattorney_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(
                {"valid_to": _("A power of attorney cannot end before it starts.")}
            )
        if self.revoked_at and not self.revocation_reason:
            raise ValidationError(
                {"revocation_reason": _("Say why the power of attorney was revoked.")}
            )

    def status_on(self, day: dt.date | None = None) -> PoaStatus:
        return poa_status(
            signed=bool(self.signed_file),
            revoked=self.revoked_at is not None,
            valid_from=self.valid_from,
            valid_to=self.valid_to,
            today=day or timezone.localdate(),
            expiring_days=settings.EXPIRING_SOON_DAYS,
        )

    @property
    def status(self) -> PoaStatus:
        return self.status_on()

    def covers(self, ipr, platform, on: dt.date) -> bool:
        """Does this POA let the agent file for ``ipr`` on ``platform`` on that day?

        Uses the prefetched rights/platforms when the caller prefetched them.
        """
        if self.status_on(on) not in (PoaStatus.ACTIVE, PoaStatus.EXPIRING):
            return False
        if ipr.client_id != self.client_id:
            return False
        if not any(p.pk == platform.pk for p in self.platforms.all()):
            return False
        return self.covers_all_rights or any(r.pk == ipr.pk for r in self.rights.all())


class Membership(TimeStampedModel):
    """Links a portal user to a client they may follow (the portal is built on this)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
        limit_choices_to={"role": Role.CLIENT},
    )
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("client")
    )
    is_active = models.BooleanField(_("active"), default=True)
    can_upload = models.BooleanField(_("may upload documents"), default=True)
    monthly_report = models.BooleanField(
        _("monthly report by e-mail"),
        default=False,
        help_text=_("Sends this person the client's enforcement report of each past month."),
    )

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_client_path = "client"

    class Meta:
        ordering = ["client__legal_name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "client"],
                name="membership_unique_user_client",
                violation_error_message=_("This person is already a member of this client."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.client.legal_name}"

    def get_absolute_url(self) -> str:
        return reverse("clients:membership_detail", args=[self.pk])


class DocumentRequest(TimeStampedModel):
    """The firm asks a client for something it needs (a signed POA, an evidence photo)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RECEIVED = "received", _("Received")
        CANCELLED = "cancelled", _("Cancelled")

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="document_requests", verbose_name=_("client")
    )
    title = models.CharField(_("what we need"), max_length=200)
    details = models.TextField(_("details"), blank=True)
    due_on = BoundedDateField(_("needed by"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, editable=False
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+",
        editable=False, verbose_name=_("requested by"),
    )  # fmt: skip

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_client_path = "client"

    class Meta:
        constraints = [
            *dates_in_range("document_request", "due_on"),
        ]
        ordering = ["status", "due_on", "pk"]
        verbose_name = _("document request")
        verbose_name_plural = _("document requests")
        indexes = [
            models.Index(fields=["status", "due_on", "id"], name="document_request_list_idx")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("clients:documentrequest_detail", args=[self.pk])


class RequestUpload(TimeStampedModel):
    """A file a client's person sent in answer to a request (kept with its SHA-256)."""

    request = models.ForeignKey(
        DocumentRequest, on_delete=models.PROTECT, related_name="uploads", verbose_name=_("request")
    )
    file = models.FileField(
        _("file"), upload_to=CaseFilePath("client-uploads"), validators=FILE_VALIDATORS
    )
    original_name = models.CharField(
        _("file name as sent"), max_length=255, blank=True, editable=False
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+",
        editable=False, verbose_name=_("uploaded by"),
    )  # fmt: skip

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_client_path = "request__client"

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("uploaded document")
        verbose_name_plural = _("uploaded documents")

    def __str__(self) -> str:
        return self.note or self.original_name or self.file.name.rsplit("/", 1)[-1]


class SecurityEvent(models.Model):
    """What the firm admin did to someone's sign-in, and why (reset factors, lifted lockouts)."""

    class Kind(models.TextChoices):
        FACTOR_ENROLLED = "factor_enrolled", _("Second factor set up")
        FACTOR_RESET = "factor_reset", _("Second factor reset")
        LOCKOUT_LIFTED = "lockout_lifted", _("Lockout lifted")

    at = models.DateTimeField(_("at"), default=timezone.now)
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+",
        verbose_name=_("whose sign-in"),
    )  # fmt: skip
    username = models.CharField(_("user name"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    reason = models.TextField(_("reason"), blank=True)

    objects = ScopedManager()
    scope_user_path = "user"  # a user's own; the firm admin's page reads all (system work)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("sign-in security event")
        verbose_name_plural = _("sign-in security events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.username} ({self.at:%Y-%m-%d %H:%M})"


class DownloadLog(models.Model):
    """One row per case file opened: who, when, which file (shown on the client's page)."""

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("who")
    )
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, null=True, related_name="download_logs",
        verbose_name=_("client"),
    )  # fmt: skip
    kind = models.CharField(_("kind of record"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("record"))
    field = models.CharField(_("file"), max_length=40)
    description = models.CharField(_("which file"), max_length=255)

    objects = ScopedManager()
    scope_client_path = "client"

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("download")
        verbose_name_plural = _("downloads")

    def __str__(self) -> str:
        return f"{self.user} · {self.description} · {self.at:%Y-%m-%d %H:%M}"
