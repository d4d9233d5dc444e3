from __future__ import annotations

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.crud import ScopedModelForm
from clients.files import FILE_VALIDATORS
from clients.forms import DATE

from .jurisdictions import ANY_JURISDICTION, RegistrationJurisdictions
from .models import (
    IPR,
    CalendarOverride,
    Complaint,
    ComplaintLink,
    CopyrightClaimStatement,
    CounterNotice,
    EvidenceFile,
    HolidayCalendar,
    IPRChange,
    IPRDocument,
    IPRVerification,
    Listing,
    Platform,
    PlatformAccount,
    ReasonCode,
    ReasonTemplate,
    Seller,
    SellerNetwork,
    WindowRule,
)
from .models.calendars import WEEKDAYS
from .models.platforms import VerificationStatus
from .uploads import lines_from_upload


class CodeListField(forms.CharField):
    """A comma-separated list typed by a person, stored as a JSON list."""

    def __init__(self, *, item=str, **kwargs):
        self.item = item
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
        try:
            return [self.item(p.upper() if self.item is str else p) for p in parts]
        except ValueError:
            raise forms.ValidationError(
                _("Enter whole numbers separated by commas, e.g. 9, 25, 35.")
            ) from None


class PlatformForm(ScopedModelForm):
    accepted_jurisdictions = CodeListField(
        label=_("Accepted jurisdictions"),
        help_text=_("ISO codes separated by commas (CN, HK…), or * for rights from anywhere."),
    )

    class Meta:
        model = Platform
        fields = [
            "code", "name", "group", "accepted_jurisdictions", "accepts_unregistered_copyright",
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
            "client", "kind", "title", "status", "registration_number", "jurisdiction",
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


class VerificationOutcomeForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    on = forms.DateField(label=_("Date"), widget=DATE)
    reason = forms.CharField(
        label=_("Platform's reason (when it failed)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    reference = forms.CharField(label=_("Platform reference"), required=False)

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


# --- Complaints ---------------------------------------------------------------------------


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
        if not value:
            return None
        try:
            return self.fields[name].queryset.filter(pk=value).first()
        except (ValueError, TypeError):
            return None

    def clean(self):
        data = super().clean()
        upload = data.get("links_file")
        lines = (data.get("links_text") or "").splitlines()
        if upload:
            try:
                lines += lines_from_upload(upload)
            except forms.ValidationError as exc:
                self.add_error("links_file", exc)
        if not any(line.strip() for line in lines) and not self.errors:
            self.add_error("links_text", _("Paste at least one link, or upload a list."))
        data["lines"] = lines
        return data


class SubmitComplaintForm(forms.Form):
    reference = forms.CharField(label=_("Platform's complaint number"), max_length=100)
    submitted_at = forms.DateTimeField(
        label=_("Submitted at (your time zone)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submitted_at"].initial = timezone.localtime().replace(second=0, microsecond=0)


class WithdrawComplaintForm(forms.Form):
    reason = forms.CharField(label=_("Why withdraw it?"), widget=forms.Textarea(attrs={"rows": 2}))


def _answer_outcomes():
    """What the platform's answer can make a link (lifecycle.LINK, by the outcomes form): a
    counter-notice is recorded as such, and only its decision settles a countered link."""
    from .lifecycle import LINK, By, allowed

    reachable = set().union(*(allowed(LINK, state, By.PLATFORM_ANSWER) for state in LINK))
    return [c for c in ComplaintLink.Outcome.choices if c[0] in reachable]


class LinkOutcomeForm(forms.Form):
    links = forms.ModelMultipleChoiceField(queryset=ComplaintLink.objects.none())
    outcome = forms.ChoiceField(label=_("Outcome"), choices=_answer_outcomes)
    at = forms.DateTimeField(
        label=_("When (your time zone)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    reason = forms.CharField(
        label=_("Platform's reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        if complaint is not None:
            from .lifecycle import answerable_outcomes

            self.fields["links"].queryset = complaint.links.filter(
                outcome__in=answerable_outcomes()
            )
        self.fields["at"].initial = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["links"].error_messages["required"] = _("Tick the links this outcome is for.")


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
            "is_active",
        ]  # fmt: skip
        widgets = {
            "platforms": forms.CheckboxSelectMultiple,
            "guidance": forms.Textarea(attrs={"rows": 3}),
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

    def save(self, commit=True):
        complaint = super().save(commit=False)
        if complaint.state == Complaint.State.READY and self.has_changed():
            complaint.state = Complaint.State.DRAFT  # changed choices must be checked again
        if commit:
            complaint.save()
        return complaint


class SellerForm(ScopedModelForm):
    class Meta:
        model = Seller
        fields = ["platform", "seller_id", "name", "url", "network", "notes"]
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


# --- Calendars, window rules, deadlines ---------------------------------------------------


class WindowRuleForm(ScopedModelForm):
    reminder_lead_times = CodeListField(
        item=str.lower,
        required=False,
        label=_("Remind before due"),
        help_text=_("Comma-separated, e.g. 90d, 30d, 7d or 1d, 4h. Leave empty for none."),
    )

    class Meta:
        model = WindowRule
        fields = [
            "name", "event", "slot", "platform", "offense", "length", "unit", "action",
            "reminder_lead_times", "owner", "recipients", "escalate_when_overdue", "is_active",
            "notes",
        ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("unit") == "working_days" and (cleaned.get("length") or 0) < 1:
            self.add_error("length", _("A working-day window lasts at least one day."))
        return cleaned


class HolidayCalendarForm(ScopedModelForm):
    categories = CodeListField(
        item=str.lower,
        label=_("Holiday categories counted"),
        required=False,
        help_text=_(
            "The holidays package's categories that are days off, comma-separated: public; "
            "Hong Kong's business days: public, optional."
        ),
    )
    weekend_days = forms.TypedMultipleChoiceField(
        label=_("Weekend days"),
        coerce=int,
        choices=WEEKDAYS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = HolidayCalendar
        fields = [
            "code", "name", "time_zone", "weekend_days", "confirmed_from", "confirmed_through",
            "categories", "subdivision", "provisional_margin_days", "next_year_warning_from",
            "source_notes",
        ]  # fmt: skip

    def clean_code(self):
        from .calendar_sources import supported

        code = self.cleaned_data["code"].strip().upper()
        if not supported(code):
            raise forms.ValidationError(
                _(
                    "No official holiday data is available for “%(code)s”; use an ISO country "
                    "code such as CN, HK or SG."
                )
                % {"code": code}
            )
        return code

    def clean_categories(self):
        from .calendar_sources import supported_categories

        categories = [c.lower() for c in self.cleaned_data.get("categories") or []] or ["public"]
        code = (self.data.get(self.add_prefix("code")) or "").strip().upper() or getattr(
            self.instance, "code", ""
        )
        known = supported_categories(code) if code else ()
        unknown = [c for c in categories if known and c not in known]
        if unknown:
            raise forms.ValidationError(
                _("%(code)s has no holiday category %(bad)s; it has: %(known)s.")
                % {"code": code, "bad": ", ".join(unknown), "known": ", ".join(known)}
            )
        return categories

    def clean_subdivision(self):
        from .calendar_sources import subdivisions

        value = self.cleaned_data.get("subdivision", "").strip().upper()
        code = (self.data.get(self.add_prefix("code")) or "").strip().upper() or getattr(
            self.instance, "code", ""
        )
        if value and code:
            try:
                known = subdivisions(code)
            except (KeyError, NotImplementedError):
                known = ()
            if value not in known:
                raise forms.ValidationError(
                    _("%(code)s has no subdivision “%(bad)s”; it has: %(known)s.")
                    % {"code": code, "bad": value, "known": ", ".join(known) or _("none")}
                )
        return value

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("confirmed_from"), cleaned.get("confirmed_through")
        if first and last and last < first:
            self.add_error("confirmed_through", _("The last year cannot precede the first."))
        return cleaned


class CalendarOverrideForm(ScopedModelForm):
    class Meta:
        model = CalendarOverride
        fields = ["calendar", "date", "kind", "name", "source"]
        widgets = {"date": DATE}


class DeadlineCloseForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        max_length=255,
        help_text=_("What was done, or why the deadline no longer applies."),
    )


class CalculatorForm(forms.Form):
    jurisdiction = forms.ModelChoiceField(
        label=_("Calendar"),
        queryset=HolidayCalendar.objects.all(),
        to_field_name="code",
        empty_label=None,
    )
    start = forms.DateTimeField(
        label=_("Event moment"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("When the event happened, in the zone below."),
    )
    start_zone = forms.CharField(
        label=_("Zone of that moment"),
        max_length=64,
        help_text=_(
            "e.g. America/Los_Angeles for a notice read in Seattle; blank: the calendar's own zone."
        ),
        required=False,
    )
    number = forms.IntegerField(label=_("Number"), min_value=0, max_value=366)
    unit = forms.ChoiceField(
        label=_("Counting"),
        choices=[("working_days", _("working days")), ("calendar_days", _("calendar days"))],
    )

    def clean_start_zone(self):
        import zoneinfo

        zone = self.cleaned_data["start_zone"].strip()
        if zone and zone not in zoneinfo.available_timezones():
            raise forms.ValidationError(
                _("“%(zone)s” is not a known time zone; use a name like Asia/Shanghai.")
                % {"zone": zone}
            )
        return zone

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("unit") == "working_days" and cleaned.get("number") == 0:
            self.add_error("number", _("Count at least one working day."))
        return cleaned


# --- Counter-notifications, disputes, networks ------------------------------------------

MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


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
        return cleaned


class DraftAnswerForm(forms.Form):
    draft_answer = forms.CharField(
        label=_("Draft answer"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"))
    template = forms.ModelChoiceField(
        label=_("Start from a reason template"),
        queryset=ReasonTemplate.objects.filter(archived_at__isnull=True),
        required=False,
    )
    reasons = forms.CharField(
        label=_("Reasons for the platform"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    version = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        from .rules.counter_notices import DECISION_LABELS

        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = list(DECISION_LABELS.items())

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("reasons", "").strip() and cleaned.get("template"):
            cleaned["reasons"] = cleaned["template"].text
        if cleaned.get("decision") == "reject" and not cleaned.get("reasons", "").strip():
            self.add_error("reasons", _("Give the platform the reasons for rejecting the notice."))
        return cleaned


class DisputeDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("The platform"),
        choices=[
            ("upheld", _("upheld our rejection: the listing stays removed")),
            ("reversed", _("reversed it: the listing is restored")),
        ],  # fmt: skip
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    notes = forms.CharField(
        label=_("Platform's decision"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class OffenseOverrideForm(forms.Form):
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

    def save(self, commit=True):
        network = super().save(commit=commit)
        if commit:
            chosen = set(self.cleaned_data["sellers"].values_list("pk", flat=True))
            sellers = Seller.objects.visible_to(self.user)
            leaving = sellers.filter(network=network).exclude(pk__in=chosen)
            joining = sellers.filter(pk__in=chosen).exclude(network=network)
            for seller, value in [(s, None) for s in leaving] + [(s, network) for s in joining]:
                seller.network = value  # one by one, so each seller's history says so
                seller._history_user = self.user
                seller.save(update_fields=["network", "updated_at"])
        return network


class NumbersForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE, required=False)
    end = forms.DateField(label=_("To"), widget=DATE, required=False)
    client = forms.ModelChoiceField(queryset=None, required=False, label=_("Client"))
    account = forms.ModelChoiceField(queryset=None, required=False, label=_("Platform account"))

    def __init__(self, *args, user=None, **kwargs):
        from clients.models import Client

        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = Client.objects.visible_to(user)
        self.fields["account"].queryset = PlatformAccount.objects.visible_to(user).select_related(
            "group"
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period cannot end before it starts."))
        return cleaned


class OfficialNoticeForm(forms.Form):
    """A year's official holiday notice, typed line by line or pasted as published."""

    title = forms.CharField(
        label=_("Notice"),
        max_length=255,
        help_text=_("Its title and number, e.g. 国务院办公厅关于2027年部分节假日安排的通知."),
    )
    reference = forms.CharField(label=_("Where it was published"), max_length=500, required=False)
    holidays = forms.CharField(
        label=_("Holiday periods"),
        widget=forms.Textarea(attrs={"rows": 9, "spellcheck": "false"}),
        max_length=20000,
        help_text=_(
            "One period per line: its name, first and last day off, e.g. “Spring Festival: "
            "2027-02-05 – 2027-02-11”. Or paste the notice's lines as published (二、春节：2月5日"
            "至11日放假调休，共7天。2月14日（周日）上班。): their working days are read too."
        ),
    )
    working_days = forms.CharField(
        label=_("Adjusted working days"),
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        max_length=5000,
        required=False,
        help_text=_(
            "Weekend days that are worked, one per line, e.g. “2027-02-14 Spring Festival”."
        ),
    )
    reason = forms.CharField(
        label=_("Why the notice is amended"),
        max_length=255,
        required=False,
        help_text=_("Recorded in the history of every day it changes."),
    )

    def __init__(self, *args, calendar, year: int, amending: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.calendar, self.year, self.amending = calendar, year, amending
        self.parsed = None
        if not amending:
            del self.fields["reason"]
        else:
            self.fields["reason"].required = True

    def clean(self):
        from django.core.exceptions import ValidationError

        from .rules.official_notice import HOLIDAYS, WORKING_DAYS
        from .services.notices import check_year, parse

        cleaned = super().clean()
        try:
            check_year(self.calendar, self.year, amending=self.amending)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        if "holidays" not in cleaned:
            return cleaned
        self.parsed = parse(
            self.calendar, self.year, cleaned["holidays"], cleaned.get("working_days", "")
        )
        for box, name in ((HOLIDAYS, "holidays"), (WORKING_DAYS, "working_days")):
            for message in self.parsed.errors_in(box):
                self.add_error(name, message)
        return cleaned
