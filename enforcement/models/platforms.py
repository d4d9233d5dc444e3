"""The platform catalogue (data, seeded and editable) and the firm's accounts on them."""

from __future__ import annotations

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.bounds import BoundedDateField, dates_in_range
from clients.languages import in_reader_language
from clients.models import ArchivableModel, Client, TimeStampedModel
from clients.scoping import ScopedManager

from ..jurisdictions import ANY_JURISDICTION, RegistrationJurisdictions


class PlatformGroup(TimeStampedModel):
    """Platforms that share one IP-protection portal and one account (e.g. Alibaba's IPP)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_zh = models.CharField(_("Chinese name"), max_length=120, blank=True)
    portal_url = models.URLField(_("IP protection portal"), blank=True)
    account_verification_days = models.PositiveSmallIntegerField(
        _("account verification (working days)"), default=3
    )

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_public = True

    class Meta:
        ordering = ["name"]
        verbose_name = _("platform group")
        verbose_name_plural = _("platform groups")

    def __str__(self) -> str:
        return in_reader_language(self.name, self.name_zh)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone; use a name like Asia/Shanghai."),
            params={"value": value},
        )


def validate_jurisdiction_list(value) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("List at least one jurisdiction code, or * for any."))
    known = dict(RegistrationJurisdictions())
    unknown = [c for c in value if c != ANY_JURISDICTION and c not in known]
    if unknown:
        raise ValidationError(
            _("Unknown jurisdiction codes: %(codes)s. Use ISO country codes such as CN, HK, SG."),
            params={"codes": ", ".join(map(str, unknown))},
        )


class Platform(ArchivableModel):
    class StorefrontComplaints(models.TextChoices):
        PORTAL = "portal", _("Through the IP protection portal")
        EMAIL = "email", _("By e-mail only")
        NOT_ACCEPTED = "none", _("Not accepted")

    code = models.SlugField(
        _("code"), max_length=40, unique=True, help_text=_("Stable identifier, e.g. taobao.")
    )
    name = models.CharField(_("name"), max_length=120)
    name_zh = models.CharField(_("Chinese name"), max_length=120, blank=True)
    group = models.ForeignKey(
        PlatformGroup, on_delete=models.PROTECT, related_name="platforms", verbose_name=_("group")
    )
    accepted_jurisdictions = models.JSONField(
        _("accepted jurisdictions"),
        default=list,
        validators=[validate_jurisdiction_list],
        help_text=_("Where a right must be registered to be used here; * accepts any."),
    )
    accepts_unregistered_copyright = models.BooleanField(
        _("accepts unregistered copyright (with claim statement)"), default=False
    )
    storefront_complaints = models.CharField(
        _("storefront complaints"),
        max_length=10,
        choices=StorefrontComplaints.choices,
        default=StorefrontComplaints.PORTAL,
    )
    max_links_per_complaint = models.PositiveIntegerField(
        _("maximum links per complaint"), default=300
    )
    counter_notice_attempts = models.PositiveSmallIntegerField(
        _("counter-notice attempts per link"),
        default=3,
        db_default=3,
        help_text=_(
            "How many times a seller may counter-notify the same removed link (3 on "
            "Alibaba's platforms since the 2022 notice); one more is refused."
        ),
    )
    max_links_unregistered_form = models.PositiveIntegerField(
        _("maximum links on the stand-alone unregistered-right form"), null=True, blank=True
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Shanghai", validators=[validate_time_zone]
    )
    calendar = models.CharField(
        _("working-day calendar"),
        max_length=8,
        default="CN",
        help_text=_("ISO code of the country whose working days count (CN, HK, SG, MY, …)."),
    )
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_public = True

    class Meta:
        ordering = ["group__name", "name"]
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_links_per_complaint__gte=1),
                name="platform_max_links_positive",
                violation_error_message=_("A complaint must allow at least one link."),
            ),
        ]

    def __str__(self) -> str:
        return in_reader_language(self.name, self.name_zh)

    def get_absolute_url(self) -> str:
        return reverse("enforcement:platform_detail", args=[self.pk])

    def accepts_jurisdiction(self, code: str) -> bool:
        return (
            ANY_JURISDICTION in self.accepted_jurisdictions or code in self.accepted_jurisdictions
        )

    @property
    def jurisdictions_display(self) -> str:
        if ANY_JURISDICTION in self.accepted_jurisdictions:
            return str(_("Any (international)"))
        return ", ".join(self.accepted_jurisdictions)


class VerificationStatus(models.TextChoices):
    NOT_SUBMITTED = "not_submitted", _("Not submitted")
    SUBMITTED = "submitted", _("Submitted")
    VERIFIED = "verified", _("Verified")
    FAILED = "failed", _("Failed")
    RESUBMITTED = "resubmitted", _("Resubmitted")


class PlatformAccount(ArchivableModel):
    """An account on a group's IP-protection portal (one per registrant)."""

    class Registrant(models.TextChoices):
        RIGHT_HOLDER = "right_holder", _("Right holder")
        AUTHORISED_AGENT = "agent", _("Authorised agent")

    class Identity(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        ENTERPRISE = "enterprise", _("Enterprise")

    group = models.ForeignKey(
        PlatformGroup, on_delete=models.PROTECT, related_name="accounts", verbose_name=_("group")
    )
    client = models.ForeignKey(
        Client,
        on_delete=models.PROTECT,
        related_name="platform_accounts",
        verbose_name=_("client"),
        null=True,
        blank=True,
        help_text=_("The right holder; leave blank for the firm's own agent account."),
    )
    registrant_category = models.CharField(
        _("registrant category"), max_length=20, choices=Registrant.choices
    )
    identity = models.CharField(_("identity"), max_length=20, choices=Identity.choices)
    registrant_name = models.CharField(_("registrant name"), max_length=255)
    login_email = models.EmailField(_("login e-mail"))
    verification_status = models.CharField(
        _("verification status"),
        max_length=20,
        choices=VerificationStatus.choices,
        default=VerificationStatus.NOT_SUBMITTED,
    )
    verification_submitted_on = BoundedDateField(
        past_only=True, verbose_name=_("verification submitted on"), null=True, blank=True
    )
    verified_on = BoundedDateField(
        past_only=True, verbose_name=_("verified on"), null=True, blank=True
    )
    verification_failure_reason = models.TextField(_("reason verification failed"), blank=True)
    good_faith_member = models.BooleanField(_("Good Faith Program member"), default=False)
    good_faith_since = BoundedDateField(
        past_only=True, verbose_name=_("member since"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_client_path = "client"

    class Meta:
        ordering = ["group__name", "registrant_name"]
        verbose_name = _("platform account")
        verbose_name_plural = _("platform accounts")
        constraints = [
            *dates_in_range(
                "account", "verification_submitted_on", "verified_on", "good_faith_since"
            ),
            models.UniqueConstraint(
                fields=["group", "login_email"],
                name="account_unique_login_per_group",
                violation_error_message=_(
                    "An account with this login already exists on this portal."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(registrant_category="right_holder") | Q(client__isnull=False),
                name="account_right_holder_has_client",
                violation_error_message=_("A right holder's account must name the client."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.registrant_name} <{self.login_email}>"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:platformaccount_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.registrant_category == self.Registrant.RIGHT_HOLDER and not self.client_id:
            errors["client"] = _("A right holder's account must name the client.")
        if self.verification_status == VerificationStatus.FAILED and not (
            self.verification_failure_reason
        ):
            errors["verification_failure_reason"] = _("Say why the platform refused the account.")
        if self.verification_status == VerificationStatus.VERIFIED and not self.verified_on:
            errors["verified_on"] = _("Enter the date the platform verified the account.")
        if self.good_faith_member and not self.good_faith_since:
            errors["good_faith_since"] = _("Enter the date the account joined the program.")
        if errors:
            raise ValidationError(errors)
