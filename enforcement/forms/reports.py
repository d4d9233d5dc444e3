"""The client report's period and format; the vendor import; the review queue's action."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from clients.bounds import BoundedDateFormField
from clients.input import CleanInputMixin, Form
from clients.models import Client

from ..models import IPR, Detection, DetectionSource, ReasonCode
from ..models.detections import DETECTION_FIELDS, FIELD_LABELS


class ReportForm(Form):
    start = BoundedDateFormField(label=_("From"), required=False)
    end = BoundedDateFormField(label=_("To"), required=False)
    format = forms.ChoiceField(
        label=_("Format"), choices=[("pdf", "PDF"), ("xlsx", "XLSX")], required=False
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period cannot end before it starts."))
        return cleaned


class DetectionImportForm(Form):
    client = forms.ModelChoiceField(queryset=None, label=_("Client"))
    source = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Vendor"),
        help_text=_("Its column mapping reads the file; without one the columns are named "
                    "url, title, price, seller, shop, image_url, score, detected_at."),
    )  # fmt: skip
    file = forms.FileField(label=_("Vendor's export (CSV or XLSX)"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = Client.objects.visible_to(user).filter(
            archived_at__isnull=True
        )
        self.fields["source"].queryset = DetectionSource.objects.visible_to(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        if upload.size > settings.MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": settings.MAX_UPLOAD_MB}
            )
        return upload


class DraftFromDetectionsForm(Form):
    detections = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label=_("Detections"),
        error_messages={"required": _("Select the detections to report.")},
    )  # fmt: skip
    ipr = forms.ModelChoiceField(queryset=None, required=False, label=_("IP right"))
    reason_code = forms.ModelChoiceField(queryset=None, required=False, label=_("Reason code"))
    action = forms.ChoiceField(
        choices=[("draft", _("Draft complaints")), ("dismiss", _("Dismiss")),
                 ("ask_client", _("Ask the client to validate"))],
        initial="draft",
    )  # fmt: skip
    note = forms.CharField(
        label=_("Note to the client"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown beside the listings in the client's portal."),
    )  # fmt: skip

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["detections"].queryset = Detection.objects.visible_to(user).filter(
            status__in=[Detection.Status.SUSPECTED, Detection.Status.AWAITING_CLIENT,
                        Detection.Status.VALIDATED]
        )  # fmt: skip
        self.fields["ipr"].queryset = IPR.objects.visible_to(user).filter(archived_at__isnull=True)
        self.fields["reason_code"].queryset = ReasonCode.objects.visible_to(user).filter(
            is_active=True
        )


class DetectionSourceForm(CleanInputMixin, forms.ModelForm):
    """The vendor's name and, per field, the heading of the column that holds it."""

    class Meta:
        model = DetectionSource
        fields = ["name", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mapping = self.instance.column_mapping or {}
        for name in DETECTION_FIELDS:
            self.fields[f"column_{name}"] = forms.CharField(
                label=FIELD_LABELS[name], required=name == "url", max_length=200,
                initial=mapping.get(name, ""),
                help_text=_("The column heading in the vendor's file."),
            )  # fmt: skip

    def column_mapping(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[f"column_{name}"].strip()
            for name in DETECTION_FIELDS
            if self.cleaned_data.get(f"column_{name}", "").strip()
        }
