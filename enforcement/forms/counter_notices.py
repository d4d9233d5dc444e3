"""Counter-notices: recording one, the draft answer, the decision and the platform's
dispute decision, offense overrides, reason templates, and seller networks."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.bounds import BoundedDateFormField
from clients.crud import ScopedModelForm
from clients.files import FILE_VALIDATORS
from clients.input import Form

from ..models import ComplaintLink, CounterNotice, ReasonTemplate, Seller, SellerNetwork
from ..rules import coherence
from ..rules.counter_notices import DECISION_LABELS
from .fields import MOMENT


class CounterNoticeForm(ScopedModelForm):
    links = forms.ModelMultipleChoiceField(
        label=_("Links it answers"),
        queryset=ComplaintLink.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only removed links can be counter-notified."),
    )
    evidence_file = forms.FileField(
        label=_("Seller's evidence"), required=False, validators=FILE_VALIDATORS
    )
    evidence_description = forms.CharField(
        label=_("What the file shows"), max_length=255, required=False
    )

    class Meta:
        model = CounterNotice
        fields = [
            "links", "received_at", "platform_reference", "seller", "claim_kind",
            "claim_number", "claim_owner", "claim_jurisdiction", "seller_statement",
            "declaration_forwarded_at", "draft_answer", "internal_notes",
        ]  # fmt: skip
        widgets = {
            "received_at": MOMENT,
            "declaration_forwarded_at": MOMENT,
            "seller_statement": forms.Textarea(attrs={"rows": 3}),
            "draft_answer": forms.Textarea(attrs={"rows": 3}),
            "internal_notes": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"received_at": _("As the platform shows it, in your time zone.")}

    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.complaint = complaint
        if complaint is not None:
            self.fields["links"].queryset = complaint.links.filter(
                outcome=ComplaintLink.Outcome.REMOVED
            ).select_related("listing")
            self.fields["seller"].queryset = (
                Seller.objects.visible_to(self.user)
                .filter(platform=complaint.platform)
                .select_related("platform")
            )
        self.fields["links"].label_from_instance = lambda link: link.listing.canonical_url
        self.fields["links"].error_messages["required"] = _(
            "Tick the links the notice answers (only removed links can be counter-notified)."
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("evidence_file") and not cleaned.get("evidence_description"):
            self.add_error("evidence_description", _("Say what the seller's file shows."))
        received = cleaned.get("received_at")
        if received and self.complaint is not None:
            message = coherence.counter_notice_received(
                received, self.complaint.submitted_at, now=timezone.now()
            )
            if message:
                self.add_error("received_at", message)
        return cleaned


class SellerEvidenceForm(Form):
    """One more file the seller sent, added on the notice's page."""

    file = forms.FileField(
        label=_("Seller's evidence"),
        validators=FILE_VALIDATORS,
        error_messages={"required": _("Choose the seller's file to upload.")},
    )
    description = forms.CharField(label=_("What it shows"), max_length=255, required=False)


class DraftAnswerForm(Form):
    draft_answer = forms.CharField(
        label=_("Draft answer"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


def with_template(text: str, template) -> str:
    """The reasons box after a template is used: its text, after what was already there."""
    text = (text or "").strip()
    return f"{text}\n\n{template.text}" if text else template.text


class TemplateFilling:
    """A reason template fills the reasons box for review; nothing is sent unseen.

    The page (static/js, or the "Use template" button without JavaScript) puts the chosen
    template's text into the box and remembers it in ``applied_template``; a template
    chosen but not yet applied sends the form back filled instead of being used blindly."""

    reasons_field = "reasons"

    def pending_template(self):
        template = self.cleaned_data.get("template")
        if template is None or str(template.pk) == self.cleaned_data.get("applied_template"):
            return None
        return template

    def filled_initial(self, template) -> dict:
        """The form's values with ``template`` applied, to show again for review."""
        initial = {name: self.cleaned_data.get(name) for name in self.fields}
        initial[self.reasons_field] = with_template(
            self.cleaned_data.get(self.reasons_field, ""), template
        )
        initial["template"] = template.pk
        initial["applied_template"] = str(template.pk)
        return initial


def _template_field(box_id: str):
    return forms.ModelChoiceField(
        label=_("Start from a reason template"),
        queryset=ReasonTemplate.objects.filter(archived_at__isnull=True),
        required=False,
        widget=forms.Select(attrs={"class": "form-select", "data-fill-from-template": box_id}),
        help_text=_("Its text is added to the box below, for you to review before sending."),
    )


class DecisionForm(TemplateFilling, Form):
    decision = forms.ChoiceField(label=_("Decision"))
    template = _template_field("id_reasons")
    reasons = forms.CharField(
        label=_("Reasons for the platform"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Exactly this text is recorded and sent."),
    )
    applied_template = forms.CharField(widget=forms.HiddenInput, required=False)
    version = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, using_template: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.using_template = using_template
        self.fields["decision"].choices = list(DECISION_LABELS.items())

    def clean(self):
        cleaned = super().clean()
        if self.using_template and not cleaned.get("template"):
            self.add_error("template", _("Choose the template to use."))
        elif self.using_template or self.pending_template():
            pass  # the form comes back filled for review; nothing is decided yet
        elif cleaned.get("decision") == "reject" and not cleaned.get("reasons", "").strip():
            self.add_error("reasons", _("Give the platform the reasons for rejecting the notice."))
        return cleaned


class BatchRejectionForm(TemplateFilling, Form):
    """What the batch shares: one reason for every notice, typed or from a template."""

    reasons_field = "reason"
    template = _template_field("id_reason")
    reason = forms.CharField(
        label=_("One reason for all (edit it per notice below if needed)"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        required=False,
    )
    applied_template = forms.CharField(widget=forms.HiddenInput, required=False)

    def common_reason(self) -> str:
        """The shared reason as it will be sent: a template chosen but not applied yet is
        added to it (and shown in the review step before anything is sent)."""
        reason = self.cleaned_data.get("reason", "").strip()
        template = self.pending_template()
        return with_template(reason, template).strip() if template else reason


class RejectionItemForm(Form):
    """One notice of the batch: the version its reader saw, and its own reason if any."""

    notice = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=_("Its own reason (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class BaseRejectionFormSet(forms.BaseFormSet):
    """Every notice needs a reason: its own, or the batch's (``common``, set before
    validation). ``notices`` maps ids to the notices the reader may decide."""

    def __init__(self, *args, notices: dict | None = None, common: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.notices = notices or {}
        self.common = common

    def clean(self):
        if any(self.errors):
            return
        missing = [
            form
            for form in self.forms
            if not form.cleaned_data.get("reason", "").strip() and not self.common
        ]
        for form in missing:
            form.add_error("reason", _("Give this notice a reason, or one for all above."))
        if missing:
            raise forms.ValidationError(
                _("Give a reason for every notice (one for all, or each its own): %(list)s"),
                params={
                    "list": ", ".join(
                        str(self.notices.get(f.cleaned_data["notice"], f.cleaned_data["notice"]))
                        for f in missing
                    )
                },
            )

    def items(self) -> list[tuple]:
        """(notice, version seen, reasons) for each row whose notice the reader may decide."""
        return [
            (
                self.notices[form.cleaned_data["notice"]],
                form.cleaned_data["version"],
                form.cleaned_data["reason"].strip() or self.common,
            )
            for form in self.forms
            if form.cleaned_data["notice"] in self.notices
        ]


RejectionFormSet = forms.formset_factory(
    RejectionItemForm,
    formset=BaseRejectionFormSet,
    extra=0,
    max_num=200,
    validate_max=True,
    absolute_max=200,
)


class DisputeDecisionForm(Form):
    outcome = forms.ChoiceField(
        label=_("The platform"),
        choices=[
            ("upheld", _("upheld our rejection: the listing stays removed")),
            ("reversed", _("reversed it: the listing is restored")),
        ],  # fmt: skip
    )
    decided_on = BoundedDateFormField(label=_("Decided on"), past_only=True)
    notes = forms.CharField(
        label=_("Platform's decision"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class OffenseOverrideForm(Form):
    links = forms.ModelMultipleChoiceField(queryset=ComplaintLink.objects.none())
    offense = forms.ChoiceField(
        label=_("Treat as"),
        choices=[("first", _("First offense")), ("repeat", _("Repeat offense"))],
    )
    reason = forms.CharField(label=_("Why"), max_length=1000)

    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        if complaint is not None:
            self.fields["links"].queryset = complaint.links.all()
        self.fields["links"].error_messages["required"] = _("Tick the links to override.")


class ReasonTemplateForm(ScopedModelForm):
    class Meta:
        model = ReasonTemplate
        fields = ["title", "text_en", "text_zh"]


class SellerNetworkForm(ScopedModelForm):
    sellers = forms.ModelMultipleChoiceField(
        label=_("Sellers"),
        queryset=Seller.objects.select_related("platform"),
        required=False,
        help_text=_("The stores the firm believes one operator runs, on any platform."),
    )

    class Meta:
        model = SellerNetwork
        fields = ["name", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["sellers"].initial = self.instance.sellers.all()
