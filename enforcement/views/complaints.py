"""Complaints: paste links, see the per-line report and what blocks filing, file, follow up."""

from __future__ import annotations

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from clients import history
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
from clients.filters import CaseFileFilterSet, IdFilter
from clients.models import Client
from clients.params import id_or_none
from clients.roles import Capability
from clients.services import record_export
from clients.staff_views import RecordActionView

from .. import exports, lifecycle, selectors, services
from ..figures import add_reason_code_rates, reason_code_rates
from ..filing_risk import filing_risk
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
    WithdrawEvidenceForm,
)
from ..models import (
    Complaint,
    ComplaintLink,
    EvidenceFile,
    Listing,
    ReasonCode,
    Seller,
    SellerNetwork,
    TargetKind,
)
from ..rules.eligibility import DraftComplaint, LinkFacts, complaint_problems
from ..selectors import format_rate
from ..services import sellers as seller_service

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
    seller = IdFilter(
        label=gettext_lazy("Seller (id)"), method="filter_seller", widget=forms.HiddenInput
    )

    class Meta:
        model = Complaint
        fields = ["q", "state", "client", "platform", "reason_code", "submitted_after", "archived"]

    def filter_seller(self, queryset, name, value):
        """The complaints reporting one of the seller's listings (from its page)."""
        links = ComplaintLink.objects.visible_to(self.request.user).filter(listing__seller_id=value)
        return queryset.filter(pk__in=links.values("complaint_id"))


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
        initial = {
            k: request.GET[k] for k in ("client", "platform", "ipr", "target_kind")
            if k in request.GET
        }  # fmt: skip
        if initial.get("target_kind") not in TargetKind.values:
            initial.pop("target_kind", None)
        if network := self.network(request):
            # "Draft a complaint against all of them" on a network's page: its live listings.
            listings = selectors.live_listings(request.user, network).filter(
                platform=id_or_none(request.GET.get("platform")),
                kind=initial.get("target_kind", TargetKind.LISTING),
            )
            initial["links_text"] = "\n".join(
                listings.order_by("pk").values_list("canonical_url", flat=True)
            )
            initial["internal_notes"] = _("Live listings of the network “%(network)s”.") % {
                "network": network
            }
        form = ComplaintDraftForm(initial=initial, user=request.user)
        return self.render(form)

    def network(self, request):
        network_id = id_or_none(request.GET.get("network"))
        if network_id is None:
            return None
        return SellerNetwork.objects.visible_to(request.user).filter(pk=network_id).first()

    def post(self, request):
        form = ComplaintDraftForm(request.POST, request.FILES, user=request.user)
        action = request.POST.get("action", "preview")
        if action == "refresh":
            return self.refresh(request, form)
        if not form.is_valid():
            return self.render(form, status=400)
        data = form.cleaned_data
        preview = services.preview_links(
            data["lines"],
            platform=data["platform"],
            target_kind=data["target_kind"],
            skipped=data["skipped_cells"],
        )
        problems = self.problems(data, preview)
        if action == "save":
            risk = self.risk(form, preview)
            notes = data["internal_notes"]
            if risk is not None and risk.below_threshold:
                reason = data.get("risk_reason", "").strip()
                if not reason:
                    form.add_error(
                        "risk_reason",
                        _("This account is below the platform's thresholds for this reason "
                          "code: say why you file anyway, or choose another code."),
                    )  # fmt: skip
                    return self.render(form, preview=preview, problems=problems, status=400)
                notes = "\n".join(
                    filter(None, [notes, risk_note(risk, data, reason, request.user)])
                )
            try:
                complaints = services.save_links(
                    preview,
                    client=data["client"],
                    account=data["account"],
                    ipr=data["ipr"],
                    reason_code=data["reason_code"],
                    supplementary_reasons=data["supplementary_reasons"],
                    internal_notes=notes,
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
                data["lines"],
                platform=data["platform"],
                target_kind=data["target_kind"],
                skipped=data["skipped_cells"],
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
        if risk := self.risk(form, preview):
            r = risk.rates
            context["risk"] = risk
            context["risk_rates"] = {
                "takedown": format_rate(r.accepted, r.decided),
                "counter": format_rate(r.seller_won, r.notices_decided),
                "worst": format_rate(r.accepted, r.decided + risk.filing),
            }
        template = self.template_name
        if getattr(self.request, "htmx", False) and self.request.POST.get("action") == "refresh":
            template = "enforcement/partials/complaint_form.html"
        return TemplateResponse(self.request, template, context, status=status)

    @staticmethod
    def risk(form, preview):
        """The filing-risk panel: the chosen code's figures on the chosen account."""
        filing = len(preview.savable) if preview is not None else 0
        return filing_risk(
            form._chosen("account"), form._chosen("reason_code"), filing, timezone.localdate()
        )

    @staticmethod
    def chosen_reason(form):
        value = form.data.get("reason_code") if form.is_bound else form.initial.get("reason_code")
        pk = id_or_none(value)
        if pk is None:
            return None
        return form.fields["reason_code"].queryset.filter(pk=pk).first()


def risk_note(risk, data, reason: str, user) -> str:
    """The line the complaint keeps when it is filed below the thresholds."""
    rate = risk.rates.takedown_rate
    return _(
        "Filed below the Good Faith thresholds (%(code)s on %(account)s: %(rate)s takedowns "
        "over three months) by %(user)s on %(day)s: %(reason)s"
    ) % {
        "code": data["reason_code"], "account": data["account"],
        "rate": "—" if rate is None else f"{rate:.1%}", "user": user,
        "day": timezone.localdate().isoformat(), "reason": reason,
    }  # fmt: skip


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
                    EvidenceFile.objects.visible_to(user).select_related(
                        "uploaded_by", "withdrawn_by"
                    ),
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
        self.result = services.record_platform_answer(
            form.cleaned_data["links"],
            outcome=form.cleaned_data["outcome"],
            at=form.cleaned_data["at"],
            reason=form.cleaned_data["reason"],
            by=self.request.user,
        )
        for _link, why in self.result.refused:
            messages.warning(self.request, _("Not recorded: %(why)s") % {"why": why})

    def get_success_message(self, form):
        recorded = sorted(link.position for link in self.result.recorded)
        return _("Recorded for %(count)d link(s): %(numbers)s.") % {
            "count": len(recorded),
            "numbers": ", ".join(str(n) for n in recorded),
        }


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


class WithdrawEvidence(RecordActionView):
    """Withdraw one evidence file (a complaint's or a listing's), with the reason."""

    model = EvidenceFile
    capability = Capability.EDIT_CASE_FILE
    form_class = WithdrawEvidenceForm
    invalid_message = gettext_lazy("Say why the evidence is withdrawn.")
    success_message = gettext_lazy("Evidence withdrawn; it stays in the history.")

    def perform(self, evidence, form):
        services.withdraw_evidence(
            evidence, reason=form.cleaned_data["reason"], by=self.request.user
        )


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
                filename = f"complaint-{pk}-links.txt"
                record_export(request.user, complaint, fmt=fmt, filename=filename)
                return exports.attachment(
                    exports.complaint_text(part_ids, links),
                    filename=filename,
                    content_type="text/plain; charset=utf-8",
                )
            filename = f"complaint-{pk}.csv"
            record_export(request.user, complaint, fmt=fmt, filename=filename)
            return exports.attachment(
                exports.csv_lines(
                    exports.header(exports.COMPLAINT_COLUMNS, request),
                    exports.complaint_rows(links),
                ),
                filename=filename,
                content_type="text/csv; charset=utf-8",
            )
        record_export(
            request.user, complaint, fmt="print", filename=f"complaint-{pk} summary (printed)"
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
                Prefetch(  # the summary for the platform: withdrawn evidence is left out
                    "evidence",
                    EvidenceFile.objects.visible_to(self.request.user).filter(
                        withdrawn_at__isnull=True
                    ),
                ),
            )
            .order_by("batch_index")
        )
        return render(
            request, "enforcement/complaint_print.html", {"parts": parts, "complaint": complaint}
        )


# --- Listings -----------------------------------------------------------------------------


class ListingFilter(CaseFileFilterSet):
    search_fields = ("canonical_id", "canonical_url", "title", "seller__name", "seller__name_zh")
    # One seller's listings (the link from the seller's page); not a choice of all sellers.
    seller = IdFilter(
        label=gettext_lazy("Seller (id)"), field_name="seller", widget=forms.HiddenInput
    )

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
    search_fields = ("seller_id", "name", "name_zh", "url")

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


class SellerRiskFilter(CaseFileFilterSet):
    search_fields = ("seller_id", "name")
    client = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Reported for client"),
        queryset=Client.objects.all(),
        method="reported_for",
    )

    class Meta:
        model = Seller
        fields = ["q", "client", "platform"]

    def reported_for(self, queryset, name, value):
        reported = ComplaintLink.objects.filter(
            listing__seller=OuterRef("pk"), complaint__client=value
        )
        return queryset.filter(Exists(reported))


class SellerRiskList(RecordListView):
    """The high-risk shortlist: stores at or above the threshold score, riskiest first."""

    model = Seller
    filterset_class = SellerRiskFilter
    select_related = ("platform", "network")
    columns = [
        Column(gettext_lazy("Seller"), "name", link=True),
        Column(gettext_lazy("Platform"), "platform.name"),
        Column(gettext_lazy("Risk"), "risk_score"),
        Column(gettext_lazy("Network"), "network"),
    ]
    ordering = ("-risk_score", "pk")  # seller_risk_idx

    def get_queryset(self):
        return super().get_queryset().filter(risk_score__gte=settings.SELLER_HIGH_RISK_SCORE)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verbose_name_plural"] = _("high-risk sellers (score %(score)d or more)") % {
            "score": settings.SELLER_HIGH_RISK_SCORE
        }
        return context


class SellerDetail(RecordDetailView):
    model = Seller
    template_name = "enforcement/seller_detail.html"
    select_related = ("platform", "network")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.seller_page(self.request.user, self.object))
        context["risk_terms"] = seller_service.risk_rows(self.object)
        seller = self.object
        context["contact_details"] = [
            v for v in (seller.phone, seller.email, seller.wechat_id, seller.company_name,
                        seller.address) if v
        ]  # fmt: skip
        context["high_risk"] = self.object.risk_score >= settings.SELLER_HIGH_RISK_SCORE
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
    save_service = staticmethod(seller_service.save_seller)


class SellerUpdate(RecordUpdateView):
    model = Seller
    form_class = SellerForm
    save_service = staticmethod(seller_service.save_seller)


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

    def add_page_figures(self, rows):
        add_reason_code_rates(self.request.user, rows)


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
    """The complaint's whole path in one timeline: itself, its links (outcomes, offense
    overrides), its evidence, its counter-notices (decisions, links) and their disputes."""

    model = Complaint
    history_limit = 300

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timeline"] = True
        return context

    def history_rows(self):
        return history.timeline(selectors.complaint_path_history(self.object), limit=300)


class ListingHistory(RecordHistoryView):
    model = Listing


class ReasonCodeHistory(RecordHistoryView):
    model = ReasonCode


class ComplaintUpdate(RecordUpdateView):
    model = Complaint
    form_class = ComplaintEditForm
    save_service = staticmethod(services.save_complaint_edit)
    select_related = ("platform", "client")
