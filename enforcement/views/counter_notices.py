"""The attorney desk: the counter-notice queue, one notice side by side, batch decisions,
disputes, reason templates, seller networks, and the success numbers."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clients.crud import (
    Column,
    RecordCreateView,
    RecordDetailView,
    RecordListView,
    RecordUpdateView,
)
from clients.filters import CaseFileFilterSet, IdFilter
from clients.params import id_or_none
from clients.params import ids as parse_ids
from clients.roles import Capability, has_capability
from clients.staff_views import RecordActionView, StaffView

from .. import figures, filing_risk, selectors
from ..charts import stacked_bars
from ..forms import (
    BatchRejectionForm,
    CounterNoticeForm,
    DecisionForm,
    DisputeDecisionForm,
    DraftAnswerForm,
    NumbersForm,
    OffenseOverrideForm,
    ReasonTemplateForm,
    RejectionFormSet,
    SellerEvidenceForm,
    SellerNetworkForm,
)
from ..models import (
    Complaint,
    ComplaintLink,
    CounterNotice,
    Dispute,
    Platform,
    PlatformAccount,
    ReasonTemplate,
    SellerNetwork,
)
from ..rules import periods
from ..services import counter_notices as service
from ..services.offenses import override_offense

# --- The queue ----------------------------------------------------------------------------


class CounterNoticeFilter(CaseFileFilterSet):
    search_fields = (
        "platform_reference", "claim_number", "claim_owner", "seller__name", "seller__name_zh"
    )  # fmt: skip
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=CounterNotice.Status.choices
    )
    platform = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Platform"),
        field_name="complaint__platform",
        queryset=Platform.objects.all(),
    )
    account = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Platform account"),
        field_name="complaint__account",
        queryset=lambda request: PlatformAccount.objects.visible_to(request.user),
    )
    due_from = django_filters.DateFilter(
        label=gettext_lazy("Due from"), field_name="response_due_at", lookup_expr="date__gte"
    )
    due_to = django_filters.DateFilter(
        label=gettext_lazy("Due to"), field_name="response_due_at", lookup_expr="date__lte"
    )
    seller = IdFilter(
        label=gettext_lazy("Seller (id)"), field_name="seller_id", widget=forms.HiddenInput
    )
    choice_select_related = {"account": ("group",)}

    class Meta:
        model = CounterNotice
        fields = ["q", "status", "client", "platform", "account", "due_from", "due_to", "seller"]

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("status", CounterNotice.Status.AWAITING_REVIEW)
        super().__init__(data, *args, **kwargs)
        for name in ("due_from", "due_to"):
            self.form.fields[name].widget.input_type = "date"


class CounterNoticeList(RecordListView):
    """Sorted by the moment the answer is due; tick several to reject them in one go."""

    model = CounterNotice
    filterset_class = CounterNoticeFilter
    template_name = "enforcement/counternotice_list.html"
    partial_template_name = "enforcement/partials/counternotice_results.html"

    def get_queryset(self):
        return selectors.counter_notice_queue(self.request.user)

    def add_page_figures(self, rows):
        selectors.add_notice_link_counts(rows)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_decide"] = has_capability(self.request.user, Capability.DECIDE_COUNTER_NOTICES)
        context["now"] = timezone.now()
        return context


# --- One notice ---------------------------------------------------------------------------


class CounterNoticeDetail(RecordDetailView):
    model = CounterNotice
    template_name = "enforcement/counternotice_detail.html"
    select_related = (
        "client", "complaint__platform", "complaint__ipr", "complaint__reason_code",
        "complaint__account__group", "seller__platform", "seller__network", "decided_by",
        "recorded_by",
    )  # fmt: skip

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch(
                    "links",
                    ComplaintLink.objects.visible_to(self.request.user).select_related("listing"),
                ),
                "evidence",
                "complaint__evidence",
                "complaint__ipr__documents",
                Prefetch("dispute", Dispute.objects.visible_to(self.request.user)),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        notice = self.object
        context.update(
            can_decide=has_capability(self.request.user, Capability.DECIDE_COUNTER_NOTICES),
            decision_form=kwargs.get("decision_form")
            or DecisionForm(
                initial={
                    "version": service.version_of(notice),
                    "reasons": notice.draft_answer,
                    "decision": "reject",
                }
            ),
            draft_form=DraftAnswerForm(initial={"draft_answer": notice.draft_answer}),
            dispute_form=DisputeDecisionForm(initial={"decided_on": timezone.localdate()}),
            dispute=getattr(notice, "dispute", None) if hasattr(notice, "dispute") else None,
            templates=ReasonTemplate.objects.filter(archived_at__isnull=True),
        )
        return context


class CounterNoticeCreate(StaffView):
    """Record a notice against a complaint (``?complaint=<id>``)."""

    capability = Capability.EDIT_CASE_FILE

    def _complaint(self, request):
        pk = id_or_none(request.GET.get("complaint") or request.POST.get("complaint"))
        if pk is None:
            return None
        return get_object_or_404(
            Complaint.objects.visible_to(request.user).select_related("platform"), pk=pk
        )

    def get(self, request):
        complaint = self._complaint(request)
        form = CounterNoticeForm(
            complaint=complaint,
            user=request.user,
            initial={"received_at": timezone.localtime().replace(second=0, microsecond=0)},
        )
        return self.render(request, form, complaint)

    def post(self, request):
        complaint = self._complaint(request)
        form = CounterNoticeForm(
            request.POST, request.FILES, complaint=complaint, user=request.user
        )
        if complaint is None:
            messages.error(request, _("Open the complaint first, then record its notice."))
            return self.render(request, form, complaint)
        if form.is_valid():
            data = form.cleaned_data
            facts = {
                name: data[name]
                for name in (
                    "platform_reference", "claim_kind", "claim_number", "claim_owner",
                    "claim_jurisdiction", "seller_statement", "declaration_forwarded_at",
                    "draft_answer", "internal_notes",
                )
            }  # fmt: skip
            evidence = (
                [(data["evidence_file"], data["evidence_description"])]
                if data.get("evidence_file")
                else []
            )
            try:
                notice = service.record_counter_notice(
                    complaint=complaint, links=list(data["links"]), received_at=data["received_at"],
                    seller=data.get("seller"), by=request.user, evidence=evidence, **facts,
                )  # fmt: skip
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Recorded %(notice)s.") % {"notice": notice})
                return HttpResponseRedirect(notice.get_absolute_url())
        return self.render(request, form, complaint)

    def render(self, request, form, complaint):
        return render(
            request,
            "enforcement/counternotice_form.html",
            {"form": form, "complaint": complaint},
        )


class CounterNoticeUpdate(RecordUpdateView):
    """Correct what was recorded (the decision is made on the notice's page)."""

    model = CounterNotice
    fields = [
        "platform_reference", "claim_kind", "claim_number", "claim_owner",
        "claim_jurisdiction", "seller_statement", "internal_notes",
    ]  # fmt: skip


class CounterNoticeActionView(RecordActionView):
    """One POST action on one counter-notice; refusals are messages on its page."""

    model = CounterNotice
    capability = Capability.EDIT_CASE_FILE


class CounterNoticeSaveDraft(CounterNoticeActionView):
    form_class = DraftAnswerForm
    success_message = gettext_lazy("Draft answer saved.")

    def perform(self, notice, form):
        service.save_draft_answer(
            notice, text=form.cleaned_data.get("draft_answer", ""), by=self.request.user
        )


class CounterNoticeDecide(CounterNoticeActionView):
    """The attorney's decision; an incomplete form comes back filled in, a notice that
    changed since it was read is refused with what changed."""

    capability = Capability.DECIDE_COUNTER_NOTICES
    form_class = DecisionForm
    detail_view = CounterNoticeDetail
    form_context_name = "decision_form"
    success_message = gettext_lazy("Decision recorded.")

    def get_form_kwargs(self):
        return {"using_template": self.request.POST.get("action") == "use_template"}

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        if form.is_valid():
            template = form.cleaned_data["template"] if form.using_template else None
            template = template or form.pending_template()
            if template is not None:  # fill the box and show it for review: nothing sent
                messages.info(
                    request,
                    _("The template's text is in the reasons box: review it, then record."),
                )
                response = self.render_again(DecisionForm(initial=form.filled_initial(template)))
                response.status_code = 200
                return response
        return super().post(request, *args, **kwargs)

    def perform(self, notice, form):
        data = form.cleaned_data
        try:
            service.decide_counter_notice(
                notice, decision=data["decision"], reasons=data["reasons"],
                by=self.request.user, seen_version=data["version"],
            )  # fmt: skip
        except service.StaleNotice as stale:
            raise ValidationError(stale.message) from stale

    def refused(self, form, errors, exc=None):
        if not errors:  # the form itself: show it again as filled in
            return self.render_again(form)
        return super().refused(form, errors, exc)


class CounterNoticeDisputeDecision(CounterNoticeActionView):
    form_class = DisputeDecisionForm
    invalid_message = gettext_lazy("Choose the platform's decision and its date.")
    success_message = gettext_lazy("The platform's decision is recorded.")

    def perform(self, notice, form):
        dispute = getattr(notice, "dispute", None)  # the reverse one-to-one may be missing
        if dispute is None:
            raise ValidationError(
                _("This counter-notice has no dispute: the platform decides a dispute only "
                  "after the firm rejects the notice.")
            )  # fmt: skip
        service.record_dispute_decision(
            dispute, upheld=form.cleaned_data["outcome"] == "upheld",
            decided_on=form.cleaned_data["decided_on"],
            notes=form.cleaned_data["notes"], by=self.request.user,
        )  # fmt: skip


class CounterNoticeAddEvidence(CounterNoticeActionView):
    form_class = SellerEvidenceForm
    success_message = gettext_lazy("Evidence added.")

    def perform(self, notice, form):
        service.add_seller_evidence(
            notice, file=form.cleaned_data["file"],
            description=form.cleaned_data["description"], by=self.request.user,
        )  # fmt: skip


# --- Batch rejection ----------------------------------------------------------------------


class CounterNoticeBatch(StaffView):
    """GET: the ticked notices with one reason, editable per notice. POST: reject them.

    A formset row per notice carries the version its reader saw; a notice someone else
    decided meanwhile is skipped and said, the others are decided each on its own."""

    capability = Capability.DECIDE_COUNTER_NOTICES
    template_name = "enforcement/counternotice_batch.html"

    def _notices(self, ids) -> dict:
        queue = selectors.counter_notice_queue(self.request.user).filter(pk__in=parse_ids(ids))
        return {n.pk: n for n in queue}

    def _render(self, form, formset, status=200, preview=None):
        for item in formset.forms:  # the notice each row shows, if the reader may decide it
            item.record = formset.notices.get(id_or_none(item["notice"].value()))
        context = {
            "form": form,
            "formset": formset,
            "preview": preview,
            "templates": ReasonTemplate.objects.filter(archived_at__isnull=True),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        notices = self._notices(request.GET.getlist("notice"))
        if not notices:
            messages.error(request, _("Tick the notices to decide first."))
            return HttpResponseRedirect(reverse("enforcement:counternotice_list"))
        formset = RejectionFormSet(
            initial=[{"notice": n.pk, "version": service.version_of(n)} for n in notices.values()],
            notices=notices,
        )
        return self._render(BatchRejectionForm(), formset)

    def post(self, request):
        """``use_template`` fills the shared reason; ``edit`` shows the form again; anything
        else but ``confirm`` shows each notice's final text for review; ``confirm`` (from
        that review, carrying exactly the texts shown) rejects."""
        action = request.POST.get("action", "review")
        form = BatchRejectionForm(request.POST)
        form.is_valid()
        ids = [
            request.POST.get(f"form-{i}-notice", "")
            for i in range(min(id_or_none(request.POST.get("form-TOTAL_FORMS")) or 0, 200))
        ]
        notices = self._notices(ids)
        if action == "use_template" and form.is_valid() and form.cleaned_data["template"]:
            initial = form.filled_initial(form.cleaned_data["template"])
            form = BatchRejectionForm(initial=initial)
            formset = RejectionFormSet(request.POST, notices=notices, common=initial["reason"])
            return self._render(form, formset)
        formset = RejectionFormSet(
            request.POST,
            notices=notices,
            common=form.common_reason() if form.is_valid() else "",
        )
        if not form.is_valid() or not formset.is_valid() or not formset.items():
            for error in formset.non_form_errors() or [_("Tick the notices to decide first.")]:
                messages.error(request, error)
            return self._render(form, formset, status=400)
        if action == "edit":
            return self._render(form, formset)
        if action != "confirm":
            preview = [(notice, reasons) for notice, _seen, reasons in formset.items()]
            return self._render(form, formset, preview=preview)
        result = service.decide_many(formset.items(), decision="reject", by=request.user)
        if result.decided:
            messages.success(
                request,
                _("Rejected %(n)d notice(s); disputes are open.") % {"n": len(result.decided)},
            )
        for notice, why in result.skipped:
            messages.warning(request, _("Skipped %(notice)s: %(why)s") % {
                "notice": notice, "why": why})  # fmt: skip
        return HttpResponseRedirect(reverse("enforcement:counternotice_list"))


# --- Offense override (on a complaint's links) --------------------------------------------


class OffenseOverride(RecordActionView):
    model = Complaint
    capability = Capability.EDIT_CASE_FILE
    form_class = OffenseOverrideForm

    def get_form_kwargs(self):
        return {"complaint": self.object}

    def perform(self, complaint, form):
        self.moved = override_offense(
            list(form.cleaned_data["links"]), offense=form.cleaned_data["offense"],
            reason=form.cleaned_data["reason"], by=self.request.user,
        )  # fmt: skip

    def get_success_message(self, form):
        return _(
            "Offense overridden; %(n)d seller's window(s) reopened under the matching rule."
        ) % {"n": self.moved}


# --- The numbers --------------------------------------------------------------------------


class Numbers(StaffView):
    def get(self, request):
        form = NumbersForm(request.GET or None, user=request.user)
        start, end = periods.default_period(timezone.localdate())
        client = account = None
        if form.is_bound and form.is_valid():
            start = form.cleaned_data["start"] or start
            end = form.cleaned_data["end"] or end
            client, account = form.cleaned_data["client"], form.cleaned_data["account"]
        text = form.cleaned_data.get("q", "") if form.is_bound and form.is_valid() else ""
        numbers = figures.kept_success_numbers(request.user, start, end, client, account)
        today = timezone.localdate()
        numbers = dict(numbers)  # the kept figures stay as they were kept
        numbers["forecast"] = [
            row
            for row in filing_risk.kept_forecasts(request.user, today, figures.named_in(numbers))
            if account is None or row["account"] == account
        ]
        numbers["forecast_today"] = today
        tables = {}
        for name in ("by_account", "by_client", "by_reason", "forecast"):
            tables[name] = figures.page_of_rows(
                numbers[name], text, _page_number(request.GET.get(f"{name}_page"))
            )
            tables[name]["param"] = f"{name}_page"
            tables[name]["query"] = _without(request.GET, f"{name}_page")
            numbers[name] = tables[name]["rows"]
        return render(
            request,
            "enforcement/numbers.html",
            {"form": form, **numbers, "tables": tables, "chart": _chart(numbers)},
        )


def _page_number(value) -> int:
    return id_or_none(value) or 1  # past the last page: the last (page_of_rows)


def _without(query, name: str) -> str:
    kept = query.copy()
    kept.pop(name, None)
    return kept.urlencode()


def _chart(numbers: dict) -> dict:
    """Bars per month (decided notices, accepted part) and the 90% line, as SVG numbers."""
    months = numbers["months"]
    width, height, gap = 48, 160, 16
    bars = stacked_bars(
        months,
        total=lambda m: m["decided"],
        part=lambda m: m["accepted"],
        height=height,
        left=40,
        step=width + gap,
    )
    return {"bars": bars, "bar_width": width, "width": 60 + len(months) * (width + gap),
            "height": height + 50, "base": 10 + height}  # fmt: skip


# --- Reason templates and seller networks -------------------------------------------------


class ReasonTemplateFilter(CaseFileFilterSet):
    search_fields = ("title", "text_en", "text_zh")

    class Meta:
        model = ReasonTemplate
        fields = ["q", "archived"]


class ReasonTemplateList(RecordListView):
    model = ReasonTemplate
    filterset_class = ReasonTemplateFilter
    edit_capability = Capability.DECIDE_COUNTER_NOTICES
    columns = [
        Column(gettext_lazy("Template"), "title", link=True),
        Column(gettext_lazy("English"), lambda t: t.text_en[:80]),
        Column(gettext_lazy("Chinese"), lambda t: t.text_zh[:40]),
    ]


class ReasonTemplateDetail(RecordDetailView):
    model = ReasonTemplate
    template_name = "enforcement/reasontemplate_detail.html"
    edit_capability = Capability.DECIDE_COUNTER_NOTICES


class ReasonTemplateCreate(RecordCreateView):
    model = ReasonTemplate
    form_class = ReasonTemplateForm
    edit_capability = Capability.DECIDE_COUNTER_NOTICES


class ReasonTemplateUpdate(RecordUpdateView):
    model = ReasonTemplate
    form_class = ReasonTemplateForm
    edit_capability = Capability.DECIDE_COUNTER_NOTICES


class SellerNetworkFilter(CaseFileFilterSet):
    search_fields = ("name", "notes")

    class Meta:
        model = SellerNetwork
        fields = ["q"]


class SellerNetworkList(RecordListView):
    model = SellerNetwork
    filterset_class = SellerNetworkFilter
    columns = [
        Column(gettext_lazy("Network"), "name", link=True),
        Column(gettext_lazy("Notes"), lambda n: n.notes[:80]),
    ]


class SellerNetworkDetail(RecordDetailView):
    model = SellerNetwork
    template_name = "enforcement/sellernetwork_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.network_page(self.request.user, self.object))
        return context


class SellerNetworkCreate(RecordCreateView):
    model = SellerNetwork
    form_class = SellerNetworkForm
    save_service = staticmethod(service.save_network)


class SellerNetworkUpdate(RecordUpdateView):
    model = SellerNetwork
    form_class = SellerNetworkForm
    save_service = staticmethod(service.save_network)
