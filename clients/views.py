from __future__ import annotations

import django_filters
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from .authority import PoaStatus
from .crud import (
    Column,
    InlineCreateMixin,
    RecordArchiveView,
    RecordCreateView,
    RecordDetailView,
    RecordListView,
    RecordUpdateView,
    child_rows,
)
from .filters import CaseFileFilterSet
from .forms import (
    ClientForm,
    DocumentRequestForm,
    IdentityDocumentForm,
    MembershipForm,
    PowerOfAttorneyForm,
)
from .lifecycle import DOCUMENT_REQUEST, allowed
from .models import (
    Client,
    DocumentRequest,
    DownloadLog,
    IdentityDocument,
    Membership,
    PowerOfAttorney,
    User,
)
from .roles import Capability, Role, has_capability
from .services import (
    archive_power_of_attorney,
    ask_again,
    cancel_document_request,
    request_document,
    restore_power_of_attorney,
    save_power_of_attorney,
)
from .staff_views import RecordActionView

# --- Clients ------------------------------------------------------------------------------


class ClientFilter(CaseFileFilterSet):
    search_fields = ("legal_name", "chinese_name", "registration_number", "contact_name")
    supervising_attorney = django_filters.ModelChoiceFilter(
        label=_("Supervising attorney"),
        queryset=User.objects.filter(role__in=[Role.ATTORNEY, Role.FIRM_ADMIN]),
    )

    class Meta:
        model = Client
        fields = ["q", "kind", "country", "supervising_attorney", "archived"]


class ClientList(RecordListView):
    model = Client
    filterset_class = ClientFilter
    select_related = ("supervising_attorney",)
    columns = [
        Column(_("Legal name"), "legal_name", link=True),
        Column(_("Chinese name"), "chinese_name"),
        Column(_("Kind"), "kind"),
        Column(_("Country"), "country"),
        Column(_("Registration no."), "registration_number"),
        Column(_("Supervising attorney"), "supervising_attorney"),
    ]


class ClientDetail(RecordDetailView):
    model = Client
    template_name = "clients/client_detail.html"
    select_related = ("supervising_attorney",)

    def get_context_data(self, **kwargs):
        # The case file's other records hang off the client; each list shows its first rows
        # and links to the filtered list for the rest.
        context = super().get_context_data(**kwargs)
        client, user = self.object, self.request.user
        IPR = Client._meta.get_field("iprs").related_model  # noqa: N806
        PlatformAccount = Client._meta.get_field("platform_accounts").related_model  # noqa: N806
        by_client = {"client": client.pk}
        context.update(
            identity_documents=child_rows(
                IdentityDocument.objects.visible_to(user)
                .filter(client=client)
                .order_by("kind", "pk"),
                "clients:identitydocument_list", **by_client, archived="all",
            ),
            powers_of_attorney=child_rows(
                PowerOfAttorney.objects.visible_to(user)
                .filter(client=client)
                .prefetch_related("platforms")
                .order_by("-valid_to", "-pk"),
                "clients:powerofattorney_list", **by_client, archived="all",
            ),
            iprs=child_rows(
                IPR.objects.visible_to(user).filter(client=client).order_by("kind", "title", "pk"),
                "enforcement:ipr_list", **by_client, archived="all",
            ),
            platform_accounts=child_rows(
                PlatformAccount.objects.visible_to(user)
                .filter(client=client)
                .select_related("group")
                .order_by("group__name", "registrant_name", "pk"),
                "enforcement:platformaccount_list", **by_client, archived="all",
            ),
            memberships=child_rows(
                Membership.objects.visible_to(user)
                .filter(client=client)
                .select_related("user")
                .order_by("user__username", "pk"),
                "clients:membership_list", **by_client,
            ),
            complaints_url=reverse("enforcement:complaint_list") + f"?client={client.pk}",
        )  # fmt: skip
        if has_capability(self.request.user, Capability.MANAGE_SIGN_IN):
            context["downloads"] = (
                DownloadLog.objects.visible_to(self.request.user)
                .filter(client=self.object)
                .select_related("user")[:50]
            )
        return context


class ClientCreate(RecordCreateView):
    model = Client
    form_class = ClientForm


class ClientUpdate(RecordUpdateView):
    model = Client
    form_class = ClientForm


class ClientArchive(RecordArchiveView):
    model = Client


# --- Identity documents -------------------------------------------------------------------


class IdentityDocumentFilter(CaseFileFilterSet):
    search_fields = ("client__legal_name", "client__chinese_name", "number")

    class Meta:
        model = IdentityDocument
        fields = ["q", "kind", "client", "archived"]


class IdentityDocumentList(RecordListView):
    model = IdentityDocument
    filterset_class = IdentityDocumentFilter
    select_related = ("client",)
    columns = [
        Column(_("Document"), "kind", link=True),
        Column(_("Client"), "client.legal_name"),
        Column(_("Number"), "number"),
        Column(_("Issued"), "issued_on"),
        Column(_("Expires"), "expires_on"),
        Column(_("Translation"), lambda d: bool(d.translation_file)),
    ]


class IdentityDocumentDetail(RecordDetailView):
    model = IdentityDocument
    template_name = "clients/identitydocument_detail.html"
    select_related = ("client",)


class IdentityDocumentCreate(InlineCreateMixin, RecordCreateView):
    model = IdentityDocument
    form_class = IdentityDocumentForm
    initial_from_query = ("client",)
    inline_list_template = "clients/partials/identity_documents.html"

    def inline_list_context(self) -> dict:
        documents = child_rows(
            IdentityDocument.objects.visible_to(self.request.user)
            .filter(client=self.object.client_id)
            .order_by("kind", "pk"),
            "clients:identitydocument_list",
            client=self.object.client_id,
            archived="all",
        )
        return {"documents": documents}


class IdentityDocumentUpdate(RecordUpdateView):
    model = IdentityDocument
    form_class = IdentityDocumentForm


class IdentityDocumentArchive(RecordArchiveView):
    model = IdentityDocument


# --- Powers of attorney -------------------------------------------------------------------


class PowerOfAttorneyFilter(CaseFileFilterSet):
    search_fields = ("client__legal_name", "client__chinese_name", "agent_name")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PoaStatus.choices, method="filter_status"
    )

    class Meta:
        model = PowerOfAttorney
        fields = ["q", "status", "client", "platforms", "archived"]

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value, timezone.localdate(), settings.EXPIRING_SOON_DAYS)


class PowerOfAttorneyList(RecordListView):
    model = PowerOfAttorney
    filterset_class = PowerOfAttorneyFilter
    select_related = ("client",)
    columns = [
        Column(_("Client"), "client.legal_name", link=True),
        Column(_("Agent"), "agent_name"),
        Column(_("Valid from"), "valid_from"),
        Column(_("Valid to"), "valid_to"),
        Column(_("Status"), lambda p: p.status.label),
        Column(_("Notarised"), "notarised"),
    ]


class PowerOfAttorneyDetail(RecordDetailView):
    model = PowerOfAttorney
    template_name = "clients/powerofattorney_detail.html"
    select_related = ("client",)
    prefetch_related = ("platforms", "rights")


class PowerOfAttorneyCreate(RecordCreateView):
    model = PowerOfAttorney
    form_class = PowerOfAttorneyForm
    initial_from_query = ("client",)

    save_service = staticmethod(save_power_of_attorney)


class PowerOfAttorneyUpdate(RecordUpdateView):
    model = PowerOfAttorney
    form_class = PowerOfAttorneyForm

    save_service = staticmethod(save_power_of_attorney)


class PowerOfAttorneyArchive(RecordArchiveView):
    model = PowerOfAttorney
    archive_service = staticmethod(archive_power_of_attorney)
    restore_service = staticmethod(restore_power_of_attorney)


# --- Memberships --------------------------------------------------------------------------


class MembershipFilter(CaseFileFilterSet):
    search_fields = (
        "user__username", "user__email", "client__legal_name", "client__chinese_name"
    )  # fmt: skip

    class Meta:
        model = Membership
        fields = ["q", "client", "is_active"]


class MembershipList(RecordListView):
    model = Membership
    filterset_class = MembershipFilter
    select_related = ("user", "client")
    edit_capability = Capability.MANAGE_MEMBERSHIPS
    columns = [
        Column(_("Person"), "user", link=True),
        Column(_("E-mail"), "user.email"),
        Column(_("Client"), "client.legal_name"),
        Column(_("Active"), "is_active"),
        Column(_("May upload"), "can_upload"),
        Column(_("Monthly report"), "monthly_report"),
    ]


class MembershipDetail(RecordDetailView):
    model = Membership
    template_name = "clients/membership_detail.html"
    select_related = ("user", "client")
    edit_capability = Capability.MANAGE_MEMBERSHIPS


class MembershipCreate(RecordCreateView):
    model = Membership
    form_class = MembershipForm
    edit_capability = Capability.MANAGE_MEMBERSHIPS
    initial_from_query = ("client",)


class MembershipUpdate(RecordUpdateView):
    model = Membership
    form_class = MembershipForm
    edit_capability = Capability.MANAGE_MEMBERSHIPS


# --- Portal: requests for documents -----------------------------------


class DocumentRequestFilter(CaseFileFilterSet):
    search_fields = ("title", "details", "client__legal_name", "client__chinese_name")

    class Meta:
        model = DocumentRequest
        fields = ["q", "client", "status"]


class DocumentRequestList(RecordListView):
    model = DocumentRequest
    filterset_class = DocumentRequestFilter
    select_related = ("client", "requested_by")
    columns = [
        Column(_("Request"), "title", link=True),
        Column(_("Client"), "client.legal_name"),
        Column(_("Needed by"), "due_on"),
        Column(_("Status"), "status"),
        Column(_("Asked by"), "requested_by"),
    ]


class DocumentRequestDetail(RecordDetailView):
    model = DocumentRequest
    template_name = "clients/documentrequest_detail.html"
    select_related = ("client", "requested_by")
    prefetch_related = ("uploads",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        moves = allowed(DOCUMENT_REQUEST, self.object.status)
        context.update(
            can_ask_again=DocumentRequest.Status.OPEN in moves,
            can_cancel=DocumentRequest.Status.CANCELLED in moves,
        )
        return context


class DocumentRequestCancel(RecordActionView):
    model = DocumentRequest
    capability = Capability.EDIT_CASE_FILE
    success_message = gettext_lazy("Request cancelled; the client can no longer answer it.")

    def perform(self, item, form):
        cancel_document_request(item, by=self.request.user)


class DocumentRequestAskAgain(RecordActionView):
    model = DocumentRequest
    capability = Capability.EDIT_CASE_FILE
    success_message = gettext_lazy("The request is open again.")

    def perform(self, item, form):
        ask_again(item, by=self.request.user)


class DocumentRequestCreate(RecordCreateView):
    model = DocumentRequest
    form_class = DocumentRequestForm
    initial_from_query = ("client",)

    @staticmethod
    def save_service(form, *, by, capability):
        data = form.cleaned_data
        return request_document(
            data["client"], title=data["title"], details=data["details"],
            due_on=data["due_on"], by=by,
        )  # fmt: skip


class DocumentRequestUpdate(RecordUpdateView):
    model = DocumentRequest
    form_class = DocumentRequestForm
