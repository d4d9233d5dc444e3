"""The case file: platforms, platform accounts, rights, their documents, changes, copyright
claim statements, and verifications with their outcomes."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.bounds import BoundedDateFormField
from clients.crud import ScopedModelForm
from clients.forms import DATE
from clients.input import Form

from ..jurisdictions import ANY_JURISDICTION, RegistrationJurisdictions
from ..models import (
    IPR,
    CopyrightClaimStatement,
    HolidayCalendar,
    IPRChange,
    IPRDocument,
    IPRVerification,
    Platform,
    PlatformAccount,
)
from ..models.platforms import VerificationStatus
from .fields import CodeListField


class PlatformForm(ScopedModelForm):
    accepted_jurisdictions = CodeListField(
        label=_("Accepted jurisdictions"),
        help_text=_("ISO codes separated by commas (CN, HK…), or * for rights from anywhere."),
    )

    class Meta:
        model = Platform
        fields = [
            "code", "name", "name_zh", "group", "accepted_jurisdictions",
            "accepts_unregistered_copyright",
            "storefront_complaints", "max_links_per_complaint", "max_links_unregistered_form",
            "time_zone", "calendar", "website", "notes",
        ]  # fmt: skip

    def clean_calendar(self):
        code = self.cleaned_data["calendar"].upper()
        if code not in dict(RegistrationJurisdictions()) or code == "EU":
            raise forms.ValidationError(_("Use the ISO code of a country, e.g. CN or SG."))
        if not HolidayCalendar.objects.filter(code=code).exists():
            raise forms.ValidationError(
                _("There is no working-day calendar %(code)s yet; add it under Calendars first.")
                % {"code": code}
            )
        return code

    def clean_accepted_jurisdictions(self):
        codes = self.cleaned_data["accepted_jurisdictions"]
        if ANY_JURISDICTION in codes and len(codes) > 1:
            raise forms.ValidationError(_("Use * alone, or list the codes without *."))
        return codes


class PlatformAccountForm(ScopedModelForm):
    class Meta:
        model = PlatformAccount
        fields = [
            "group", "client", "registrant_category", "identity", "registrant_name",
            "login_email", "good_faith_member", "good_faith_since", "notes",
        ]  # fmt: skip
        # The verification moves only through its lifecycle (the account page's form).
        widgets = {
            "good_faith_since": DATE,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }


class IPRForm(ScopedModelForm):
    trademark_classes = CodeListField(
        label=_("Nice classes"),
        required=False,
        item=int,
        help_text=_("Trademarks only: class numbers separated by commas, e.g. 9, 25."),
    )

    class Meta:
        model = IPR
        fields = [
            "client", "kind", "title", "title_zh", "status", "registration_number", "jurisdiction",
            "owner_name", "effective_from", "effective_to", "protection_from", "protection_to",
            "trademark_classes", "brand", "notes",
        ]  # fmt: skip
        widgets = {
            "effective_from": DATE,
            "effective_to": DATE,
            "protection_from": DATE,
            "protection_to": DATE,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }


class IPRDocumentForm(ScopedModelForm):
    class Meta:
        model = IPRDocument
        fields = ["ipr", "kind", "file", "description"]


class IPRChangeForm(ScopedModelForm):
    class Meta:
        model = IPRChange
        fields = ["ipr", "kind", "effective_on", "description", "proof"]
        widgets = {"effective_on": DATE, "description": forms.Textarea(attrs={"rows": 2})}


class CopyrightClaimStatementForm(ScopedModelForm):
    class Meta:
        model = CopyrightClaimStatement
        fields = [
            "ipr", "attests_unauthorised_use", "owner_name", "creator_name", "assignment_proof",
            "created_on", "created_at_time", "creation_place", "creation_method",
            "first_published_on", "first_publication_evidence", "first_publication_url",
            "description",
        ]  # fmt: skip
        widgets = {
            "created_on": DATE,
            "created_at_time": forms.TimeInput(attrs={"type": "time"}),
            "first_published_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ipr"].queryset = self.fields["ipr"].queryset.filter(kind=IPR.Kind.COPYRIGHT)

    def clean(self):
        data = super().clean()
        created, published = data.get("created_on"), data.get("first_published_on")
        if created and published and published < created:
            self.add_error("first_published_on", _("A work cannot be published before it exists."))
        return data


class IPRVerificationForm(ScopedModelForm):
    """Submit a right to a platform account; refuses rights no platform would accept."""

    class Meta:
        model = IPRVerification
        fields = ["ipr", "account", "submitted_on", "platform_reference"]
        widgets = {"submitted_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ipr"].queryset = (
            self.fields["ipr"].queryset.filter(archived_at__isnull=True).select_related("client")
        )
        self.fields["account"].queryset = (
            self.fields["account"].queryset.filter(archived_at__isnull=True).select_related("group")
        )
        if not self.instance.pk:
            self.fields["submitted_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        ipr, account = data.get("ipr"), data.get("account")
        submitted = data.get("submitted_on") or timezone.localdate()
        if ipr:
            for problem in ipr.usability_problems(submitted):
                self.add_error("ipr", problem)
        if ipr and account and account.client_id and account.client_id != ipr.client_id:
            self.add_error(
                "account",
                _("This account belongs to another right holder; use the client's own account "
                  "or the firm's agent account."),
            )  # fmt: skip
        return data


class VerificationOutcomeForm(Form):
    status = forms.ChoiceField(label=_("New status"))
    on = BoundedDateFormField(label=_("Date"), past_only=True)
    reason = forms.CharField(
        label=_("Platform's reason (when it failed)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    reference = forms.CharField(label=_("Platform reference"), max_length=100, required=False)

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(VerificationStatus.choices)
        self.fields["status"].choices = [(s, labels[s]) for s in allowed]
        self.fields["on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if data.get("status") == VerificationStatus.FAILED and not data.get("reason", "").strip():
            self.add_error("reason", _("Give the platform's reason so the right can be fixed."))
        return data
