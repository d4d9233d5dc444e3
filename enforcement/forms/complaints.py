"""Complaints: drafting, editing, submitting, withdrawing, per-link outcomes, evidence,
reason codes, and the sellers and listings they name."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.bounds import BoundedMomentFormField
from clients.crud import ScopedModelForm
from clients.input import Form
from clients.params import id_or_none

from ..lifecycle import LINK, By, allowed
from ..models import Complaint, ComplaintLink, EvidenceFile, Listing, ReasonCode, Seller
from ..rules import coherence
from ..uploads import SkipReport, lines_from_upload, validate_links_file


class ComplaintDraftForm(ScopedModelForm):
    """The choices of a complaint and its links; narrows each choice by the ones before it."""

    links_text = forms.CharField(
        label=_("Infringing links"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 8, "placeholder": "https://item.taobao.com/item.htm?id=…"}
        ),
        help_text=_("One per line. A paste larger than the platform's limit is split into parts."),
    )
    links_file = forms.FileField(
        label=_("…or upload a list"),
        required=False,
        help_text=_("A .txt, .csv or .xlsx file; every cell that is a link is read."),
        validators=[validate_links_file],
    )

    risk_reason = forms.CharField(
        label=_("Why file anyway"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Needed when the account is below the platform's thresholds for this reason "
            "code; kept in the complaint's internal notes."
        ),
    )

    class Meta:
        model = Complaint
        fields = [
            "client", "platform", "account", "ipr", "target_kind", "reason_code",
            "supplementary_reasons", "internal_notes",
        ]  # fmt: skip
        widgets = {
            "supplementary_reasons": forms.Textarea(attrs={"rows": 3}),
            "internal_notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        f = self.fields
        f["platform"].queryset = f["platform"].queryset.filter(archived_at__isnull=True)
        f["client"].queryset = f["client"].queryset.filter(archived_at__isnull=True)
        f["account"].queryset = (
            f["account"].queryset.filter(archived_at__isnull=True).select_related("group")
        )
        f["ipr"].queryset = (
            f["ipr"].queryset.filter(archived_at__isnull=True).select_related("client")
        )
        f["reason_code"].queryset = f["reason_code"].queryset.filter(is_active=True)
        client = self._chosen("client")
        platform = self._chosen("platform")
        ipr = self._chosen("ipr")
        target = self.data.get("target_kind") or self.initial.get("target_kind") or "listing"
        if client:
            f["ipr"].queryset = f["ipr"].queryset.filter(client=client)
            f["account"].queryset = f["account"].queryset.filter(
                models.Q(client=client) | models.Q(client__isnull=True)
            )
        if platform:
            f["account"].queryset = f["account"].queryset.filter(group=platform.group_id)
            f["reason_code"].queryset = f["reason_code"].queryset.filter(platforms=platform)
        if ipr:
            f["reason_code"].queryset = f["reason_code"].queryset.filter(ipr_kind=ipr.kind)
        f["reason_code"].queryset = f["reason_code"].queryset.filter(target_kind=target)

    def _chosen(self, name):
        value = self.data.get(name) or self.initial.get(name)
        if hasattr(value, "pk"):
            value = value.pk
        pk = id_or_none(value)
        if pk is None:
            return None
        return self.fields[name].queryset.filter(pk=pk).first()

    def clean(self):
        data = super().clean()
        upload = data.get("links_file")
        lines = (data.get("links_text") or "").splitlines()
        data["skipped_cells"] = skipped = SkipReport()
        if upload:
            try:
                lines += lines_from_upload(upload, skipped)
            except forms.ValidationError as exc:
                self.add_error("links_file", exc)
        if not any(line.strip() for line in lines) and not self.errors:
            self.add_error("links_text", _("Paste at least one link, or upload a list."))
        data["lines"] = lines
        return data


class SubmitComplaintForm(Form):
    reference = forms.CharField(label=_("Platform's complaint number"), max_length=100)
    submitted_at = BoundedMomentFormField(label=_("Submitted at (your time zone)"), past_only=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submitted_at"].initial = timezone.localtime().replace(second=0, microsecond=0)


class WithdrawComplaintForm(Form):
    reason = forms.CharField(label=_("Why withdraw it?"), widget=forms.Textarea(attrs={"rows": 2}))


def _answer_outcomes():
    """What the platform's answer can make a link (lifecycle.LINK, by the outcomes form): a
    counter-notice is recorded as such, and only its decision settles a countered link."""
    reachable = set().union(*(allowed(LINK, state, By.PLATFORM_ANSWER) for state in LINK))
    return [c for c in ComplaintLink.Outcome.choices if c[0] in reachable]


class LinkOutcomeForm(Form):
    links = forms.ModelMultipleChoiceField(queryset=ComplaintLink.objects.none())
    outcome = forms.ChoiceField(label=_("Outcome"), choices=_answer_outcomes)
    at = BoundedMomentFormField(label=_("When (your time zone)"), past_only=True)
    reason = forms.CharField(
        label=_("Platform's reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.complaint = complaint
        if complaint is not None:
            # Any link of the complaint: one that moved since the page was shown is reported
            # by its number by the service, not refused here as an unknown choice.
            self.fields["links"].queryset = complaint.links.all()
        self.fields["at"].initial = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["links"].error_messages["required"] = _("Tick the links this outcome is for.")

    def clean_at(self):
        at = self.cleaned_data["at"]
        submitted = self.complaint.submitted_at if self.complaint is not None else None
        message = coherence.link_outcome(at, submitted, now=timezone.now())
        if message:
            raise forms.ValidationError(message)
        return at


class WithdrawEvidenceForm(Form):
    reason = forms.CharField(
        label=_("Why withdraw it?"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class EvidenceForm(ScopedModelForm):
    class Meta:
        model = EvidenceFile
        fields = ["kind", "file", "captured_at", "description"]
        widgets = {
            "captured_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }


class ReasonCodeForm(ScopedModelForm):
    class Meta:
        model = ReasonCode
        fields = [
            "code", "platforms", "ipr_kind", "target_kind", "label_en", "label_zh", "guidance",
            "guidance_zh",
            "is_active",
        ]  # fmt: skip
        widgets = {
            "platforms": forms.CheckboxSelectMultiple,
            "guidance": forms.Textarea(attrs={"rows": 3}),
            "guidance_zh": forms.Textarea(attrs={"rows": 3}),
        }


class ComplaintEditForm(ScopedModelForm):
    """A draft's choices can still change; once filed, only the internal notes."""

    class Meta:
        model = Complaint
        fields = ["account", "ipr", "reason_code", "supplementary_reasons", "internal_notes"]
        widgets = {
            "supplementary_reasons": forms.Textarea(attrs={"rows": 3}),
            "internal_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        complaint = self.instance
        if complaint.state not in (Complaint.State.DRAFT, Complaint.State.READY):
            for name in ["account", "ipr", "reason_code", "supplementary_reasons"]:
                del self.fields[name]
            return
        f = self.fields
        f["ipr"].queryset = f["ipr"].queryset.filter(client=complaint.client_id)
        f["account"].queryset = (
            f["account"]
            .queryset.filter(group=complaint.platform.group_id)
            .filter(models.Q(client=complaint.client_id) | models.Q(client__isnull=True))
        )
        f["reason_code"].queryset = f["reason_code"].queryset.filter(
            platforms=complaint.platform_id, target_kind=complaint.target_kind, is_active=True
        )


class SellerForm(ScopedModelForm):
    class Meta:
        model = Seller
        fields = [
            "platform", "seller_id", "name", "name_zh", "url", "network",
            "keep_out_of_automatic_networks", "phone", "email", "wechat_id", "company_name",
            "address", "notes",
        ]  # fmt: skip
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class ListingForm(ScopedModelForm):
    """What a person learns from the page: title, price, who sells it."""

    class Meta:
        model = Listing
        fields = ["title", "price", "currency", "seller"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seller"].queryset = self.fields["seller"].queryset.filter(
            platform=self.instance.platform_id
        )
