"""The API's endpoints: thin, each reading through :class:`ApiScope` or calling one service."""

from __future__ import annotations

from collections import Counter

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, generics
from rest_framework.response import Response
from rest_framework.views import APIView

from clients.models import Client
from clients.params import id_or_none
from clients.roles import Capability, has_capability

from .. import services
from ..models import IPR, Complaint, ComplaintLink, CounterNotice, Deadline, Listing
from ..models.rights import IPRVerification
from . import serializers as s
from .errors import Conflict, Error
from .scope import ApiScope

ERRORS = {code: Error for code in (400, 401, 403, 404, 429)}
CLIENT_FILTER = OpenApiParameter(
    "client", int, required=False, description="Only this client's rows (a client id)."
)
MINE = OpenApiParameter(
    "mine", str, required=False, enum=["true", "false"],
    description="true: only the deadlines you own.",
)  # fmt: skip
STATUS = OpenApiParameter(
    "status", str, required=False, enum=Deadline.Status.values, description="Only this status."
)


def int_param(request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    found = id_or_none(raw)
    if found is None:
        raise exceptions.ValidationError({name: [_("Give a whole number (an id).")]})
    return found


def choice_param(request, name: str, choices) -> str:
    raw = request.query_params.get(name, "")
    if raw and raw not in choices:
        raise exceptions.ValidationError(
            {name: [_("One of: %(choices)s.") % {"choices": ", ".join(choices)}]}
        )
    return raw


def read(tag: str, summary: str, serializer, parameters=()):
    return extend_schema_view(
        get=extend_schema(
            tags=[tag],
            summary=summary,
            parameters=list(parameters),
            responses={200: serializer, **ERRORS},
        )  # fmt: skip
    )


class Scoped:
    """Reads only through the request's scope; staff get the firm's fields too."""

    serializer_class = None
    staff_serializer_class = None

    @property
    def scope(self) -> ApiScope:
        return ApiScope(self.request.user)

    def get_serializer_class(self):
        if getattr(self, "swagger_fake_view", False):
            return self.staff_serializer_class or self.serializer_class
        if self.staff_serializer_class is not None and self.scope.is_staff:
            return self.staff_serializer_class
        return self.serializer_class


class ByClient:
    """A list narrowed to ``?client=<id>`` when given (within the scope already)."""

    def get_queryset(self):
        client_id = int_param(self.request, "client")
        qs = super().get_queryset()
        return qs if client_id is None else qs.filter(client_id=client_id)


# --- Clients ------------------------------------------------------------------------------


class ClientQuery(Scoped):
    model = Client
    serializer_class = s.ClientSerializer
    staff_serializer_class = s.StaffClientSerializer

    def get_queryset(self):
        return self.scope.clients().select_related("supervising_attorney")


@read("clients", "Clients", s.StaffClientSerializer)
class ClientList(ClientQuery, generics.ListAPIView):
    pass


@read("clients", "One client", s.StaffClientSerializer)
class ClientDetail(ClientQuery, generics.RetrieveAPIView):
    pass


# --- IP rights ----------------------------------------------------------------------------


class RightQuery(Scoped):
    model = IPR
    serializer_class = s.RightSerializer
    staff_serializer_class = s.StaffRightSerializer

    def get_queryset(self):
        verifications = IPRVerification.objects.visible_to(self.request.user).select_related(
            "account__group"
        )
        return self.scope.rights().prefetch_related(Prefetch("verifications", verifications))


@read("rights", "IP rights", s.StaffRightSerializer, [CLIENT_FILTER])
class RightList(ByClient, RightQuery, generics.ListAPIView):
    pass


@read("rights", "One IP right", s.StaffRightSerializer)
class RightDetail(RightQuery, generics.RetrieveAPIView):
    pass


# --- Listings -----------------------------------------------------------------------------


class ListingQuery(Scoped):
    model = Listing
    serializer_class = s.ListingSerializer
    staff_serializer_class = s.StaffListingSerializer

    def get_queryset(self):
        return self.scope.listings().select_related("platform")


@read("listings", "Listings", s.StaffListingSerializer, [CLIENT_FILTER])
class ListingList(ListingQuery, generics.ListAPIView):
    def get_queryset(self):
        client_id = int_param(self.request, "client")
        qs = super().get_queryset()
        if client_id is None:
            return qs
        reported = self.scope.links().filter(complaint__client_id=client_id)
        return qs.filter(pk__in=reported.values("listing_id"))


@read("listings", "One listing", s.StaffListingSerializer)
class ListingDetail(ListingQuery, generics.RetrieveAPIView):
    pass


# --- Complaints and their links -----------------------------------------------------------


class ComplaintQuery(Scoped):
    model = Complaint

    def get_queryset(self):
        return self.scope.complaints().select_related("platform", "reason_code", "created_by")


@read("complaints", "Complaints", s.StaffComplaintSerializer, [CLIENT_FILTER])
class ComplaintList(ByClient, ComplaintQuery, generics.ListAPIView):
    serializer_class = s.ComplaintSerializer
    staff_serializer_class = s.StaffComplaintSerializer

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        # Each complaint's status comes from its links' outcomes: one grouped count for
        # the page, not every link of every complaint.
        counts: dict[int, Counter] = {}
        rows = (
            self.scope.links()
            .filter(complaint__in=[c.pk for c in page])
            .values_list("complaint_id", "outcome")
            .annotate(n=Count("id"))
            .order_by()
        )
        for complaint_id, outcome, n in rows:
            counts.setdefault(complaint_id, Counter())[outcome] = n
        context = {**self.get_serializer_context(), "outcome_counts": counts}
        data = self.get_serializer_class()(page, many=True, context=context).data
        return self.get_paginated_response(data)


@read("complaints", "One complaint with its links", s.StaffComplaintDetailSerializer)
class ComplaintDetail(ComplaintQuery, generics.RetrieveAPIView):
    serializer_class = s.ComplaintDetailSerializer
    staff_serializer_class = s.StaffComplaintDetailSerializer

    def get_queryset(self):
        links = self.scope.links().select_related("listing__platform").order_by("position", "pk")
        return super().get_queryset().prefetch_related(Prefetch("links", links))


@read("complaints", "A complaint's reported links", s.LinkSerializer)
class ComplaintLinks(Scoped, generics.ListAPIView):
    model = Complaint
    serializer_class = s.LinkSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ComplaintLink.objects.none()
        complaint = get_object_or_404(self.scope.complaints(), pk=self.kwargs["pk"])
        return self.scope.links().filter(complaint=complaint).select_related("listing__platform")


@extend_schema_view(
    post=extend_schema(
        tags=["complaints"],
        summary="Record the platform's outcome for links",
        description=(
            "As the complaint page's outcomes form: every link moves along the link "
            "lifecycle or nothing is recorded (409, naming each link that cannot move). "
            "Staff only."
        ),
        request=s.OutcomeRequest,
        responses={200: s.OutcomeResponse, 409: Error, **ERRORS},
    )
)
class ComplaintOutcomes(Scoped, APIView):
    model = Complaint

    def post(self, request, pk):
        complaint = get_object_or_404(self.scope.complaints(), pk=pk)
        if not has_capability(request.user, Capability.EDIT_CASE_FILE):
            raise exceptions.PermissionDenied(_("Your role may not record outcomes."))
        data = s.OutcomeRequest(data=request.data)
        data.is_valid(raise_exception=True)
        wanted = data.validated_data["links"]
        links = list(complaint.links.filter(pk__in=wanted))
        missing = sorted(set(wanted) - {link.pk for link in links})
        if missing:
            raise exceptions.ValidationError(
                {"links": [_("Not links of this complaint: %(ids)s.")
                           % {"ids": ", ".join(map(str, missing))}]}
            )  # fmt: skip
        try:
            moved = services.record_link_outcomes(
                links,
                outcome=data.validated_data["outcome"],
                at=data.validated_data["at"],
                reason=data.validated_data["reason"],
                by=request.user,
            )
        except DjangoValidationError as error:
            raise Conflict(error.messages, field="links") from error
        moved = self.scope.links().filter(pk__in=[link.pk for link in moved])
        rows = moved.select_related("listing__platform").order_by("position", "pk")
        return Response({"links": s.LinkSerializer(rows, many=True).data})


# --- Counter-notices and deadlines (the firm's; a client's people see none) ----------------


class CounterNoticeQuery(Scoped):
    model = CounterNotice
    serializer_class = s.CounterNoticeSerializer

    def get_queryset(self):
        links = ComplaintLink.objects.visible_to(self.request.user).only("id")
        return self.scope.counter_notices().prefetch_related(Prefetch("links", links))


@read("counter-notices", "Counter-notifications", s.CounterNoticeSerializer, [CLIENT_FILTER])
class CounterNoticeList(ByClient, CounterNoticeQuery, generics.ListAPIView):
    pass


@read("counter-notices", "One counter-notification", s.CounterNoticeSerializer)
class CounterNoticeDetail(CounterNoticeQuery, generics.RetrieveAPIView):
    pass


class DeadlineQuery(Scoped):
    model = Deadline
    serializer_class = s.DeadlineSerializer

    def get_queryset(self):
        return self.scope.deadlines().select_related("platform", "owner", "escalate_to")


@read("deadlines", "Deadlines", s.DeadlineSerializer, [CLIENT_FILTER, MINE, STATUS])
class DeadlineList(ByClient, DeadlineQuery, generics.ListAPIView):
    def get_queryset(self):
        qs = super().get_queryset()
        if choice_param(self.request, "mine", ["true", "false"]) == "true":
            qs = qs.filter(owner=self.request.user)
        state = choice_param(self.request, "status", Deadline.Status.values)
        return qs.filter(status=state) if state else qs


@read("deadlines", "One deadline", s.DeadlineSerializer)
class DeadlineDetail(DeadlineQuery, generics.RetrieveAPIView):
    pass


@extend_schema(exclude=True)
class NotFound(APIView):
    """Any other address under /api/: a JSON 404 like every other API error."""

    permission_classes = []
    authentication_classes = []

    def initial(self, request, *args, **kwargs):
        raise exceptions.NotFound()
