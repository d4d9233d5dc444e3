from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clients.crud import (
    Column,
    InlineCreateMixin,
    RecordArchiveView,
    RecordCreateView,
    RecordDetailView,
    RecordListView,
    RecordUpdateView,
    child_rows,
)
from clients.filters import CaseFileFilterSet, IdFilter
from clients.forms import InviteForm
from clients.models import Client
from clients.roles import Capability
from clients.staff_views import RecordActionView

from .. import services
from ..forms import (
    CopyrightClaimStatementForm,
    IPRChangeForm,
    IPRDocumentForm,
    IPRForm,
    IPRVerificationForm,
    PlatformAccountForm,
    PlatformForm,
    VerificationOutcomeForm,
)
from ..models import (
    IPR,
    CopyrightClaimStatement,
    IPRChange,
    IPRDocument,
    IPRVerification,
    Platform,
    PlatformAccount,
)
from ..models.platforms import VerificationStatus
from ..portal.invitations import invite
from ..services import case_file

# --- Platforms ----------------------------------------------------------------------------


class PlatformFilter(CaseFileFilterSet):
    search_fields = ("code", "name")

    class Meta:
        model = Platform
        fields = ["q", "group", "storefront_complaints", "archived"]


class PlatformList(RecordListView):
    model = Platform
    filterset_class = PlatformFilter
    select_related = ("group",)
    edit_capability = Capability.MANAGE_PLATFORMS
    columns = [
        Column(gettext_lazy("Platform"), "name", link=True),
        Column(gettext_lazy("Code"), "code"),
        Column(gettext_lazy("Group"), "group.name"),
        Column(gettext_lazy("Accepts rights from"), "jurisdictions_display"),
        Column(gettext_lazy("Unregistered copyright"), "accepts_unregistered_copyright"),
        Column(gettext_lazy("Storefronts"), "storefront_complaints"),
        Column(gettext_lazy("Max links"), "max_links_per_complaint"),
        Column(gettext_lazy("Time zone"), "time_zone"),
    ]


class PlatformDetail(RecordDetailView):
    model = Platform
    template_name = "enforcement/platform_detail.html"
    select_related = ("group",)
    edit_capability = Capability.MANAGE_PLATFORMS


class PlatformCreate(RecordCreateView):
    model = Platform
    form_class = PlatformForm
    edit_capability = Capability.MANAGE_PLATFORMS


class PlatformUpdate(RecordUpdateView):
    model = Platform
    form_class = PlatformForm
    edit_capability = Capability.MANAGE_PLATFORMS


class PlatformArchive(RecordArchiveView):
    model = Platform
    capability = Capability.MANAGE_PLATFORMS


# --- Platform accounts --------------------------------------------------------------------


class PlatformAccountFilter(CaseFileFilterSet):
    search_fields = (
        "registrant_name", "login_email", "client__legal_name", "client__chinese_name"
    )  # fmt: skip

    class Meta:
        model = PlatformAccount
        fields = [
            "q", "group", "client", "registrant_category", "verification_status",
            "good_faith_member", "archived",
        ]  # fmt: skip


class PlatformAccountList(RecordListView):
    model = PlatformAccount
    filterset_class = PlatformAccountFilter
    select_related = ("group", "client")
    edit_capability = Capability.MANAGE_ACCOUNTS
    columns = [
        Column(gettext_lazy("Registrant"), "registrant_name", link=True),
        Column(gettext_lazy("Portal"), "group.name"),
        Column(gettext_lazy("Category"), "registrant_category"),
        Column(gettext_lazy("Client"), "client.legal_name"),
        Column(gettext_lazy("Login"), "login_email"),
        Column(gettext_lazy("Verification"), "verification_status"),
        Column(gettext_lazy("Good Faith"), "good_faith_member"),
    ]


class PlatformAccountDetail(RecordDetailView):
    model = PlatformAccount
    template_name = "enforcement/platformaccount_detail.html"
    select_related = ("group", "client")
    edit_capability = Capability.MANAGE_ACCOUNTS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verifications"] = child_rows(
            IPRVerification.objects.visible_to(self.request.user)
            .filter(account=self.object)
            .select_related("ipr__client")
            .order_by("-submitted_on", "-pk"),
            "enforcement:iprverification_list",
            account=self.object.pk,
        )
        allowed = services.next_account_states(self.object)
        context["verification_form"] = kwargs.get("verification_form") or (
            VerificationOutcomeForm(allowed=allowed) if allowed else None
        )
        return context


class _RecordsVerificationMove:
    """POST: one move of a verification's lifecycle through its service; a refused move
    comes back on the page with the form filled."""

    capability = Capability.EDIT_CASE_FILE
    http_method_names = ["post"]
    form_context_name: str

    def allowed(self) -> list[str]:
        raise NotImplementedError

    def record(self, data: dict) -> None:
        raise NotImplementedError

    def post(self, request, pk):
        self.object = get_object_or_404(self.get_queryset(), pk=pk)
        form = VerificationOutcomeForm(request.POST, allowed=self.allowed())
        if form.is_valid():
            try:
                self.record(form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                label = dict(VerificationStatus.choices)[form.cleaned_data["status"]]
                messages.success(request, _("Recorded: %(status)s.") % {"status": label})
                return redirect(self.object.get_absolute_url())
        context = self.get_context_data(object=self.object, **{self.form_context_name: form})
        return render(request, self.template_name, context, status=400)


class PlatformAccountVerification(_RecordsVerificationMove, PlatformAccountDetail):
    """The platform's verification of the account itself."""

    form_context_name = "verification_form"

    def allowed(self) -> list[str]:
        return services.next_account_states(self.object)

    def record(self, data: dict) -> None:
        services.record_account_verification(
            self.object, status=data["status"], on=data["on"], reason=data["reason"],
            by=self.request.user,
        )  # fmt: skip


class PlatformAccountCreate(RecordCreateView):
    model = PlatformAccount
    form_class = PlatformAccountForm
    edit_capability = Capability.MANAGE_ACCOUNTS
    initial_from_query = ("client", "group")


class PlatformAccountUpdate(RecordUpdateView):
    model = PlatformAccount
    form_class = PlatformAccountForm
    edit_capability = Capability.MANAGE_ACCOUNTS


class PlatformAccountArchive(RecordArchiveView):
    model = PlatformAccount
    capability = Capability.MANAGE_ACCOUNTS


# --- IP rights ----------------------------------------------------------------------------


class IPRFilter(CaseFileFilterSet):
    search_fields = (
        "title", "title_zh", "registration_number", "owner_name", "brand", "client__legal_name",
        "client__chinese_name",
    )  # fmt: skip
    expires_before = django_filters.DateFilter(
        field_name="effective_to", lookup_expr="lte", label=gettext_lazy("Expires before")
    )

    class Meta:
        model = IPR
        fields = ["q", "kind", "status", "jurisdiction", "client", "expires_before", "archived"]


class IPRList(RecordListView):
    model = IPR
    filterset_class = IPRFilter
    select_related = ("client",)
    columns = [
        Column(gettext_lazy("Title"), "title", link=True),
        Column(gettext_lazy("Type"), "kind"),
        Column(gettext_lazy("Number"), "registration_number"),
        Column(gettext_lazy("Jurisdiction"), "jurisdiction.code"),
        Column(gettext_lazy("Status"), "status"),
        Column(gettext_lazy("Client"), "client.legal_name"),
        Column(gettext_lazy("Effective to"), "effective_to"),
    ]


class IPRDetail(RecordDetailView):
    model = IPR
    template_name = "enforcement/ipr_detail.html"
    select_related = ("client", "claim_statement")

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "documents",
                "changes",
                "powers_of_attorney",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verifications"] = child_rows(
            IPRVerification.objects.visible_to(self.request.user)
            .filter(ipr=self.object)
            .select_related("account__group")
            .order_by("-submitted_on", "-pk"),
            "enforcement:iprverification_list",
            ipr=self.object.pk,
        )
        context["problems"] = self.object.usability_problems(timezone.localdate())
        return context


class IPRCreate(RecordCreateView):
    model = IPR
    form_class = IPRForm
    initial_from_query = ("client", "kind")
    save_service = staticmethod(case_file.save_ipr)


class IPRUpdate(RecordUpdateView):
    model = IPR
    form_class = IPRForm
    save_service = staticmethod(case_file.save_ipr)


class IPRArchive(RecordArchiveView):
    model = IPR
    archive_service = staticmethod(case_file.archive_ipr)
    restore_service = staticmethod(case_file.restore_ipr)


class IPRDocumentCreate(InlineCreateMixin, RecordCreateView):
    model = IPRDocument
    form_class = IPRDocumentForm
    initial_from_query = ("ipr", "kind")
    inline_list_template = "enforcement/partials/ipr_documents.html"

    def form_valid(self, form):
        # The fingerprint is taken by the service; the generic save path is bypassed.
        self.object = services.add_ipr_document(form.save(commit=False), by=self.request.user)
        return self.success_response()

    def get_success_url(self):
        return self.object.ipr.get_absolute_url()

    def inline_list_context(self) -> dict:
        return {
            "documents": IPRDocument.objects.visible_to(self.request.user).filter(
                ipr=self.object.ipr_id
            ),
            "ipr": self.object.ipr,
        }


class IPRDocumentArchive(RecordArchiveView):
    model = IPRDocument


class IPRChangeCreate(RecordCreateView):
    model = IPRChange
    form_class = IPRChangeForm
    initial_from_query = ("ipr", "kind")

    def get_success_url(self):
        return self.object.ipr.get_absolute_url()


class ClaimStatementCreate(RecordCreateView):
    model = CopyrightClaimStatement
    form_class = CopyrightClaimStatementForm
    initial_from_query = ("ipr",)

    def get_success_url(self):
        return self.object.ipr.get_absolute_url()


class ClaimStatementUpdate(RecordUpdateView):
    model = CopyrightClaimStatement
    form_class = CopyrightClaimStatementForm

    def get_success_url(self):
        return self.object.ipr.get_absolute_url()


# --- Verifications ------------------------------------------------------------------------


class IPRVerificationFilter(CaseFileFilterSet):
    search_fields = ("ipr__title", "ipr__registration_number", "platform_reference")
    choice_select_related = {"account": ("group",)}
    # One right's verifications (the link from the right's page); not a choice of all rights.
    ipr = IdFilter(label=gettext_lazy("Right (id)"), field_name="ipr", widget=forms.HiddenInput)

    class Meta:
        model = IPRVerification
        fields = ["q", "status", "account", "ipr__client", "ipr__kind"]


class IPRVerificationList(RecordListView):
    model = IPRVerification
    filterset_class = IPRVerificationFilter
    select_related = ("ipr__client", "account__group")
    columns = [
        Column(gettext_lazy("Right"), "ipr.title", link=True),
        Column(gettext_lazy("Client"), "ipr.client.legal_name"),
        Column(gettext_lazy("Portal"), "account.group.name"),
        Column(gettext_lazy("Account"), "account.registrant_name"),
        Column(gettext_lazy("Status"), "status"),
        Column(gettext_lazy("Submitted"), "submitted_on"),
        Column(gettext_lazy("Decided"), "decided_on"),
    ]


class IPRVerificationDetail(RecordDetailView):
    model = IPRVerification
    template_name = "enforcement/iprverification_detail.html"
    select_related = ("ipr__client", "account__group")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        allowed = services.next_verification_states(self.object)
        if allowed and context["can_edit"]:
            context["outcome_form"] = kwargs.get("outcome_form") or VerificationOutcomeForm(
                allowed=allowed
            )
        return context


class IPRVerificationCreate(RecordCreateView):
    model = IPRVerification
    form_class = IPRVerificationForm
    initial_from_query = ("ipr", "account")
    save_service = staticmethod(case_file.save_verification)


class IPRVerificationUpdate(RecordUpdateView):
    model = IPRVerification
    form_class = IPRVerificationForm
    save_service = staticmethod(case_file.save_verification)


class IPRVerificationOutcome(_RecordsVerificationMove, RecordDetailView):
    """What the platform decided of a right on an account (verified / failed / resubmitted)."""

    model = IPRVerification
    template_name = "enforcement/iprverification_detail.html"
    select_related = ("ipr__client", "account__group")
    form_context_name = "outcome_form"

    def allowed(self) -> list[str]:
        return services.next_verification_states(self.object)

    def record(self, data: dict) -> None:
        services.record_verification_outcome(
            self.object, status=data["status"], on=data["on"], reason=data["reason"],
            reference=data["reference"], by=self.request.user,
        )  # fmt: skip


# --- Portal access ------------------------------------------------------------------------


class ClientInvite(RecordActionView):
    """POST from the client's page: invite a person to the portal by e-mail."""

    model = Client
    capability = Capability.MANAGE_MEMBERSHIPS
    form_class = InviteForm
    invalid_message = gettext_lazy("Enter the person's e-mail address.")

    def perform(self, client, form):
        invite(client, by=self.request.user, **form.cleaned_data)

    def get_success_message(self, form):
        return _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
