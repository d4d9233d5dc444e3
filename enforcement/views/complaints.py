"""Complaints: paste links, see the per-line report and what blocks filing, file, follow up."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from clients.crud import (
    Column,
    RecordCreateView,
    RecordDetailView,
    RecordHistoryView,
    RecordListView,
    RecordUpdateView,
    StaffAccessMixin,
    child_rows,
)
from clients.filters import CaseFileFilterSet
from clients.roles import Capability
from clients.staff_views import RecordActionView

from .. import exports, lifecycle, selectors, services
from ..figures import reason_code_rates
from ..forms import (
    ComplaintDraftForm,
    ComplaintEditForm,
    EvidenceForm,
    LinkOutcomeForm,
    ListingForm,
    OffenseOverrideForm,
    ReasonCodeForm,
    SellerForm,
    SubmitComplaintForm,
    WithdrawComplaintForm,
)
from ..models import (
    Complaint,
    ComplaintLink,
    EvidenceFile,
    Listing,
    ReasonCode,
    Seller,
)
from ..rules.eligibility import DraftComplaint, LinkFacts, complaint_problems
from ..selectors import format_rate

# --- List ---------------------------------------------------------------------------------


class ComplaintFilter(CaseFileFilterSet):
    search_fields = (
        "platform_reference",
        "client__legal_name",
        "ipr__title",
        "supplementary_reasons",
    )
    submitted_after = django_filters.DateFilter(
        field_name="submitted_at", lookup_expr="date__gte", label=gettext_lazy("Submitted from")
    )

    class Meta:
        model = Complaint
        fields = ["q", "state", "client", "platform", "reason_code", "submitted_after", "archived"]


class ComplaintList(RecordListView):
    model = Complaint
    filterset_class = ComplaintFilter
    select_related = ("client", "platform", "ipr", "reason_code")
    columns = [
        Column(gettext_lazy("Complaint"), str, link=True),
        Column(gettext_lazy("Client"), "client.legal_name"),
        Column(gettext_lazy("Platform"), "platform.name"),
        Column(gettext_lazy("Right"), "ipr.title"),
        Column(gettext_lazy("Reason"), "reason_code.label_en"),
        Column(gettext_lazy("Links"), "link_count"),
        Column(gettext_lazy("Removed"), "removed_count"),
        Column(gettext_lazy("State"), "state"),
        Column(gettext_lazy("Reference"), "platform_reference"),
        Column(gettext_lazy("Submitted"), "submitted_at"),
    ]

    ordering = ("-created_at", "-pk")

    def add_page_figures(self, rows):
        # A second query for the shown complaints' links, rather than counter columns kept
        # by every service that adds or decides a link: it reads at most page size × the
        # platform's link cap rows through the (complaint, position) index, and cannot drift.
        selectors.add_complaint_link_figures(self.request.user, rows)


# --- New complaint: paste, report, confirm ------------------------------------------------


class ComplaintCreate(StaffAccessMixin, View):
    """GET: the form. POST ``refresh``: narrowed choices (htmx). POST ``preview``: the
    per-line report and what blocks filing. POST ``save``: all-or-nothing save."""

    model = Complaint
    capability = Capability.EDIT_CASE_FILE
    template_name = "enforcement/complaint_new.html"

    def get(self, request):
        initial = {k: request.GET[k] for k in ("client", "platform", "ipr") if k in request.GET}
        form = ComplaintDraftForm(initial=initial, user=request.user)
        return self.render(form)

    def post(self, request):
        form = ComplaintDraftForm(request.POST, request.FILES, user=request.user)
        action = request.POST.get("action", "preview")
        if action == "refresh":
            return self.refresh(request, form)
        if not form.is_valid():
            return self.render(form, status=400)
        data = form.cleaned_data
        preview = services.preview_links(
            data["lines"], platform=data["platform"], target_kind=data["target_kind"]
        )
        problems = self.problems(data, preview)
        if action == "save":
            try:
                complaints = services.save_links(
                    preview,
                    client=data["client"],
                    account=data["account"],
                    ipr=data["ipr"],
                    reason_code=data["reason_code"],
                    supplementary_reasons=data["supplementary_reasons"],
                    internal_notes=data["internal_notes"],
                    by=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
                return self.render(form, preview=preview, problems=problems, status=400)
            messages.success(
                request,
                _("Saved %(links)d links in %(parts)d complaint(s); %(left)d line(s) left out.")
                % {
                    "links": len(preview.savable),
                    "parts": len(complaints),
                    "left": len(preview.left_out),
                },
            )
            return redirect(complaints[0].get_absolute_url())
        return self.render(form, preview=preview, problems=problems)

    def refresh(self, request, form):
        """Narrow the choices and, once everything is chosen, show what blocks filing.

        Nothing is flagged as an error while the person is still filling the form in.
        """
        preview = problems = None
        if form.is_valid():
            data = form.cleaned_data
            preview = services.preview_links(
                data["lines"], platform=data["platform"], target_kind=data["target_kind"]
            )
            problems = self.problems(data, preview)
        shown = ComplaintDraftForm(initial=request.POST.dict(), user=request.user)
        return self.render(
            shown, preview=preview, problems=problems, reason=self.chosen_reason(form)
        )

    def problems(self, data, preview):
        """Eligibility of the first part (the others share every choice)."""
        ipr = data["ipr"]
        size = data["platform"].max_links_per_complaint
        links = [LinkFacts(line.result.platform, line.result.kind) for line in preview.savable]
        verifications = list(ipr.verifications.all()) if ipr is not None else []
        draft = DraftComplaint(
            client=data["client"],
            platform=data["platform"],
            account=data["account"],
            ipr=ipr,
            target_kind=data["target_kind"],
            reason_code=data["reason_code"],
            links=links[:size],
            on=timezone.localdate(),
            poas=data["client"].powers_of_attorney.prefetch_related("platforms", "rights"),
            verifications=verifications,
        )
        return complaint_problems(draft)

    def render(self, form, *, preview=None, problems=None, status=200, reason=None):
        context = {
            "form": form,
            "preview": preview,
            "problems": problems,
            "verbose_name": Complaint._meta.verbose_name,
            "reason": reason or self.chosen_reason(form),
        }
        template = self.template_name
        if getattr(self.request, "htmx", False) and self.request.POST.get("action") == "refresh":
            template = "enforcement/partials/complaint_form.html"
        return TemplateResponse(self.request, template, context, status=status)

    @staticmethod
    def chosen_reason(form):
        value = form.data.get("reason_code") if form.is_bound else form.initial.get("reason_code")
        if not value:
            return None
        return form.fields["reason_code"].queryset.filter(pk=value).first()


# --- Detail and actions -------------------------------------------------------------------


class ComplaintDetail(RecordDetailView):
    model = Complaint
    template_name = "enforcement/complaint_detail.html"
    select_related = ("client", "platform", "account__group", "ipr", "reason_code", "submitted_by")

    def get_queryset(self):
        user = self.request.user
        links = (
            ComplaintLink.objects.visible_to(user)
            .select_related("listing", "recorded_by")
            .order_by("position")
        )
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("links", links),
                Prefetch(
                    "evidence",
                    EvidenceFile.objects.visible_to(user).select_related("uploaded_by"),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        complaint = self.object
        editable = complaint.state in (Complaint.State.DRAFT, Complaint.State.READY)
        context.update(
            problems=services.problems_of(complaint) if editable else [],
            submit_form=kwargs.get("submit_form") or SubmitComplaintForm(),
            withdraw_form=kwargs.get("withdraw_form") or WithdrawComplaintForm(),
            outcome_form=kwargs.get("outcome_form") or LinkOutcomeForm(complaint=complaint),
            evidence_form=EvidenceForm(),
            batch=Complaint.objects.visible_to(self.request.user)
            .filter(batch_key=complaint.batch_key)
            .order_by("batch_index")
            .only("id", "batch_index", "batch_size", "state"),
            can_mark_ready=complaint.state == Complaint.State.DRAFT,
            can_submit=lifecycle.can_move(
                lifecycle.COMPLAINT, complaint.state, Complaint.State.SUBMITTED
            ),
            can_withdraw=complaint.state == Complaint.State.SUBMITTED,
            records_outcomes=complaint.state == Complaint.State.SUBMITTED,
            answerable=lifecycle.answerable_outcomes(),
            offense_form=OffenseOverrideForm(complaint=complaint),
            counter_notices=complaint.counter_notices.order_by("received_at"),
        )
        return context


class ComplaintActionView(RecordActionView):
    """One POST action on one complaint; a refusal comes back on its page, form filled."""

    model = Complaint
    capability = Capability.EDIT_CASE_FILE
    detail_view = ComplaintDetail
    show_form_again = True


class ComplaintMarkReady(ComplaintActionView):
    show_form_again = False
    success_message = gettext_lazy("Marked ready to file.")

    def perform(self, complaint, form):
        services.mark_ready(complaint, by=self.request.user)


class ComplaintSubmit(ComplaintActionView):
    form_class = SubmitComplaintForm
    form_context_name = "submit_form"
    success_message = gettext_lazy("Recorded as submitted.")

    def perform(self, complaint, form):
        services.submit_complaint(
            complaint,
            reference=form.cleaned_data["reference"],
            submitted_at=form.cleaned_data["submitted_at"],
            by=self.request.user,
        )


class ComplaintWithdraw(ComplaintActionView):
    form_class = WithdrawComplaintForm
    form_context_name = "withdraw_form"
    success_message = gettext_lazy("Complaint withdrawn.")

    def perform(self, complaint, form):
        services.withdraw_complaint(
            complaint, reason=form.cleaned_data["reason"], by=self.request.user
        )


class ComplaintRecordOutcomes(ComplaintActionView):
    form_class = LinkOutcomeForm
    form_context_name = "outcome_form"

    def get_form_kwargs(self):
        return {"complaint": self.object}

    def perform(self, complaint, form):
        services.record_link_outcomes(
            form.cleaned_data["links"],
            outcome=form.cleaned_data["outcome"],
            at=form.cleaned_data["at"],
            reason=form.cleaned_data["reason"],
            by=self.request.user,
        )

    def get_success_message(self, form):
        return _("Recorded for %(count)d link(s).") % {"count": len(form.cleaned_data["links"])}


class AttachEvidence(RecordActionView):
    """An evidence file on the record this view's model names (a complaint or a listing)."""

    capability = Capability.EDIT_CASE_FILE
    form_class = EvidenceForm
    success_message = gettext_lazy("Evidence added.")

    def get_form_kwargs(self):
        owner = {self.model._meta.model_name: self.object}
        return {"instance": EvidenceFile(**owner), "user": self.request.user}

    def perform(self, obj, form):
        services.add_evidence(form.save(commit=False), by=self.request.user)


class ComplaintAttachEvidence(AttachEvidence):
    model = Complaint


# --- Exports ------------------------------------------------------------------------------


class ComplaintExport(StaffAccessMixin, View):
    """Copy-ready text, CSV, or a printable summary, for one complaint or its whole batch."""

    model = Complaint

    def get(self, request, pk, fmt):
        complaint = get_object_or_404(self.get_queryset(), pk=pk)
        scope = request.GET.get("scope", "complaint")
        parts = (
            self.get_queryset().filter(batch_key=complaint.batch_key)
            if scope == "batch"
            else self.get_queryset().filter(pk=pk)
        )
        if fmt in ("txt", "csv"):
            links = ComplaintLink.objects.visible_to(request.user).filter(complaint__in=parts)
            if fmt == "txt":
                part_ids = list(parts.order_by("batch_index", "pk").values_list("pk", flat=True))
                return exports.attachment(
                    exports.complaint_text(part_ids, links),
                    filename=f"complaint-{pk}-links.txt",
                    content_type="text/plain; charset=utf-8",
                )
            return exports.attachment(
                exports.csv_lines(exports.COMPLAINT_COLUMNS, exports.complaint_rows(links)),
                filename=f"complaint-{pk}.csv",
                content_type="text/csv; charset=utf-8",
            )
        parts = (
            parts.select_related("client", "platform", "ipr", "reason_code", "account")
            .prefetch_related(
                Prefetch(
                    "links",
                    ComplaintLink.objects.visible_to(self.request.user)
                    .select_related("listing")
                    .order_by("position"),
                ),
                "evidence",
            )
            .order_by("batch_index")
        )
        return render(
            request, "enforcement/complaint_print.html", {"parts": parts, "complaint": complaint}
        )


# --- Listings -----------------------------------------------------------------------------


class ListingFilter(CaseFileFilterSet):
    search_fields = ("canonical_id", "canonical_url", "title", "seller__name")
    # One seller's listings (the link from the seller's page); not a choice of all sellers.
    seller = django_filters.NumberFilter(field_name="seller", widget=forms.HiddenInput)

    class Meta:
        model = Listing
        fields = ["q", "platform", "kind", "status", "seller"]


class ListingList(RecordListView):
    model = Listing
    filterset_class = ListingFilter
    select_related = ("platform", "seller__platform")
    ordering = ("-first_seen_at", "-pk")
    columns = [
        Column(gettext_lazy("Address"), "canonical_url", link=True),
        Column(gettext_lazy("Platform"), "platform.name"),
        Column(gettext_lazy("Kind"), "kind"),
        Column(gettext_lazy("Id"), "canonical_id"),
        Column(gettext_lazy("Seller"), "seller"),
        Column(gettext_lazy("Status"), "status"),
        Column(gettext_lazy("First seen"), "first_seen_at"),
    ]


class ListingDetail(RecordDetailView):
    model = Listing
    template_name = "enforcement/listing_detail.html"
    select_related = ("platform", "seller")

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch(
                    "complaint_links",
                    ComplaintLink.objects.visible_to(self.request.user).select_related(
                        "complaint__client", "complaint__platform"
                    ),
                ),
                "evidence",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["evidence_form"] = EvidenceForm()
        return context


class ListingUpdate(RecordUpdateView):
    model = Listing
    form_class = ListingForm


class ListingEvidence(AttachEvidence):
    model = Listing


class SellerFilter(CaseFileFilterSet):
    search_fields = ("seller_id", "name", "url")

    class Meta:
        model = Seller
        fields = ["q", "platform"]


class SellerList(RecordListView):
    model = Seller
    filterset_class = SellerFilter
    select_related = ("platform",)
    columns = [
        Column(gettext_lazy("Seller"), "name", link=True),
        Column(gettext_lazy("Id"), "seller_id"),
        Column(gettext_lazy("Platform"), "platform.name"),
        Column(gettext_lazy("Listings"), "listing_count"),
    ]

    # By name across platforms (the platform is a column and a filter): the order of the
    # seller_name_idx index, which a sort on the platform's name could not use.
    ordering = ("name", "seller_id", "pk")

    def add_page_figures(self, rows):
        selectors.add_seller_listing_counts(self.request.user, rows)


class SellerDetail(RecordDetailView):
    model = Seller
    template_name = "enforcement/seller_detail.html"
    select_related = ("platform", "network")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.seller_page(self.request.user, self.object))
        context["listings"] = child_rows(
            Listing.objects.visible_to(self.request.user)
            .filter(seller=self.object)
            .order_by("-first_seen_at", "-pk"),
            "enforcement:listing_list",
            seller=self.object.pk,
        )
        return context


class SellerCreate(RecordCreateView):
    model = Seller
    form_class = SellerForm
    initial_from_query = ("platform",)


class SellerUpdate(RecordUpdateView):
    model = Seller
    form_class = SellerForm


# --- Reason codes -------------------------------------------------------------------------


class ReasonCodeFilter(CaseFileFilterSet):
    search_fields = ("code", "label_en", "label_zh", "guidance")

    class Meta:
        model = ReasonCode
        fields = ["q", "platforms", "ipr_kind", "target_kind", "is_active"]


class ReasonCodeList(RecordListView):
    model = ReasonCode
    filterset_class = ReasonCodeFilter
    edit_capability = Capability.MANAGE_PLATFORMS
    columns = [
        Column(gettext_lazy("Reason"), "label_en", link=True),
        Column(gettext_lazy("Chinese"), "label_zh"),
        Column(gettext_lazy("Right"), "ipr_kind"),
        Column(gettext_lazy("Target"), "target_kind"),
        Column(gettext_lazy("Decided"), "decided"),
        Column(gettext_lazy("Success rate"), lambda r: format_rate(r.accepted, r.decided)),
        Column(gettext_lazy("Offered"), "is_active"),
    ]

    ordering = ("ipr_kind", "target_kind", "pk")

    def get_queryset(self):
        return reason_code_rates(super().get_queryset(), self.request.user)


class ReasonCodeDetail(RecordDetailView):
    model = ReasonCode
    template_name = "enforcement/reasoncode_detail.html"
    prefetch_related = ("platforms",)
    edit_capability = Capability.MANAGE_PLATFORMS

    def get_queryset(self):
        return reason_code_rates(super().get_queryset(), self.request.user)


class ReasonCodeCreate(RecordCreateView):
    model = ReasonCode
    form_class = ReasonCodeForm
    edit_capability = Capability.MANAGE_PLATFORMS


class ReasonCodeUpdate(RecordUpdateView):
    model = ReasonCode
    form_class = ReasonCodeForm
    edit_capability = Capability.MANAGE_PLATFORMS


class ComplaintHistory(RecordHistoryView):
    model = Complaint


class ListingHistory(RecordHistoryView):
    model = Listing


class ReasonCodeHistory(RecordHistoryView):
    model = ReasonCode


class ComplaintUpdate(RecordUpdateView):
    model = Complaint
    form_class = ComplaintEditForm
    save_service = staticmethod(services.save_complaint_edit)
    select_related = ("platform", "client")
