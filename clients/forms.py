from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .crud import ScopedModelForm
from .input import Form
from .models import Client, DocumentRequest, IdentityDocument, Membership, PowerOfAttorney, User
from .roles import Role

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ClientForm(ScopedModelForm):
    class Meta:
        model = Client
        fields = [
            "kind", "legal_name", "chinese_name", "country", "registration_number", "address",
            "contact_name", "contact_email", "contact_phone", "supervising_attorney", "notes",
            "requires_two_factor", "detection_validation",
        ]  # fmt: skip
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out of a post (an older form, a script): the client's setting stays.
        self.fields["detection_validation"].required = False

    def clean_detection_validation(self):
        chosen = self.cleaned_data.get("detection_validation")
        return chosen or self.instance.detection_validation or Client.Validation.OFF

    def clean(self):
        data = super().clean()
        if data.get("kind") == Client.Kind.ENTERPRISE and not data.get("registration_number"):
            self.add_error(
                "registration_number",
                _("Enter the company's registration number (from its business licence or "
                  "certificate of incorporation)."),
            )  # fmt: skip
        return data


class IdentityDocumentForm(ScopedModelForm):
    class Meta:
        model = IdentityDocument
        fields = [
            "client", "kind", "number", "issuing_country", "file", "translation_file",
            "issued_on", "expires_on", "notes",
        ]  # fmt: skip
        widgets = {
            "issued_on": DATE,
            "expires_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        data = super().clean()
        issued, expires = data.get("issued_on"), data.get("expires_on")
        if issued and expires and expires <= issued:
            self.add_error("expires_on", _("The expiry date must come after the issue date."))
        client, kind = data.get("client"), data.get("kind")
        individual_kinds = {IdentityDocument.Kind.PASSPORT, IdentityDocument.Kind.ID_CARD}
        company_kinds = {
            IdentityDocument.Kind.BUSINESS_LICENCE,
            IdentityDocument.Kind.CERTIFICATE_OF_INCORPORATION,
        }
        if client and kind:
            if client.kind == Client.Kind.ENTERPRISE and kind in individual_kinds:
                self.add_error(
                    "kind",
                    _("An enterprise proves its identity with a business licence or a "
                      "certificate of incorporation."),
                )  # fmt: skip
            if client.kind == Client.Kind.INDIVIDUAL and kind in company_kinds:
                self.add_error(
                    "kind", _("An individual proves identity with a passport or ID card.")
                )
        return data


class PowerOfAttorneyForm(ScopedModelForm):
    class Meta:
        model = PowerOfAttorney
        fields = [
            "client", "agent_name", "covers_all_rights", "rights", "platforms", "valid_from",
            "valid_to", "signed_on", "signed_file", "translation_file", "notarised", "legalised",
            "revoked_at", "revocation_reason", "notes",
        ]  # fmt: skip
        widgets = {
            "valid_from": DATE,
            "valid_to": DATE,
            "signed_on": DATE,
            "revoked_at": DATE,
            "platforms": forms.CheckboxSelectMultiple,
            "revocation_reason": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["agent_name"].initial = settings.FIRM_NAME
        self.fields["rights"].queryset = self.fields["rights"].queryset.select_related("client")
        self.fields["platforms"].queryset = self.fields["platforms"].queryset.filter(
            archived_at__isnull=True
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("A power of attorney cannot end before it starts."))
        rights = data.get("rights")
        client = data.get("client")
        if not data.get("covers_all_rights") and not rights:
            self.add_error(
                "rights", _("Choose the IP rights this POA covers, or tick “covers all rights”.")
            )
        if client and rights:
            foreign = [r.title for r in rights if r.client_id != client.pk]
            if foreign:
                self.add_error(
                    "rights",
                    _("These rights belong to another client: %(titles)s.")
                    % {"titles": ", ".join(foreign)},
                )
        if data.get("revoked_at") and not data.get("revocation_reason"):
            self.add_error("revocation_reason", _("Say why the power of attorney was revoked."))
        return data


class MembershipForm(ScopedModelForm):
    class Meta:
        model = Membership
        fields = ["user", "client", "is_active", "can_upload", "monthly_report"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(role=Role.CLIENT, is_active=True)
        self.fields["user"].help_text = _("Only users with the client role can be members.")


class InviteForm(Form):
    # The e-mail becomes the person's user name.
    email = forms.EmailField(
        label=_("E-mail"), max_length=User._meta.get_field("username").max_length
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)


class DocumentRequestForm(ScopedModelForm):
    class Meta:
        model = DocumentRequest
        fields = ["client", "title", "details", "due_on"]
        widgets = {"due_on": DATE, "details": forms.Textarea(attrs={"rows": 3})}
