"""``POST /api/detections/``: a monitoring vendor's lines into the suspected-listings queue,
through ``services.detections.submit_detections`` (the same import as the upload page:
each URL recognised, deduplicated against the listings on file, one report line per row,
all or nothing)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from clients.models import Client
from clients.roles import Capability, has_capability

from ..models import DetectionSource
from ..services.detections import submit_detections
from .errors import FieldError
from .views import ERRORS, Scoped


class DetectionRow(serializers.Serializer):
    url = serializers.CharField(max_length=2000, help_text=gettext_lazy("The listing's address."))
    title = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    price = serializers.CharField(required=False, allow_blank=True, max_length=40)
    seller = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    shop = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    image_url = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    score = serializers.CharField(required=False, allow_blank=True, max_length=40)
    detected_at = serializers.CharField(
        required=False, allow_blank=True, max_length=40,
        help_text=gettext_lazy("ISO 8601; without an offset, UTC."),
    )  # fmt: skip


class DetectionRequest(serializers.Serializer):
    client = serializers.IntegerField(min_value=1, help_text=gettext_lazy("The client's id."))
    source = serializers.IntegerField(
        min_value=1, required=False, allow_null=True,
        help_text=gettext_lazy("A detection source (vendor) id; rows then use its columns."),
    )  # fmt: skip
    dry_run = serializers.BooleanField(
        default=False, help_text=gettext_lazy("Only report; save nothing.")
    )
    rows = serializers.ListField(child=DetectionRow(), min_length=1)

    def validate_rows(self, rows):
        if len(rows) > settings.API_DETECTIONS_MAX_ROWS:
            raise serializers.ValidationError(
                _("At most %(n)d rows per request.") % {"n": settings.API_DETECTIONS_MAX_ROWS}
            )
        return rows


REPORT_FIELDS = {
    "saved": serializers.BooleanField(),
    "import": serializers.UUIDField(allow_null=True),
    "refusal": serializers.CharField(allow_blank=True),
    "counts": serializers.DictField(child=serializers.IntegerField()),
    "lines": inline_serializer(
        "DetectionReportLine",
        {
            "line": serializers.IntegerField(),
            "input": serializers.CharField(allow_blank=True),
            "status": serializers.CharField(),
            "message": serializers.CharField(allow_blank=True),
            "platform": serializers.CharField(allow_null=True, allow_blank=True),
            "canonical_url": serializers.CharField(allow_null=True, allow_blank=True),
            "listing": serializers.IntegerField(allow_null=True),
            "relist": serializers.BooleanField(),
        },
        many=True,
    ),
}
REPORT = inline_serializer("DetectionReport", REPORT_FIELDS)
REFUSED = inline_serializer(
    "DetectionRefusal",
    {
        "message": serializers.CharField(),
        "field": serializers.CharField(allow_null=True),
        "errors": FieldError(many=True),
        # Only a refusal of rows carries the report; a malformed request does not.
        "report": type(REPORT)(required=False),  # the same component, not a second one
    },
)


@extend_schema_view(
    post=extend_schema(
        tags=["detections"],
        summary="Submit a vendor's detections for a client",
        description=(
            "Each row's URL is recognised and matched against the listings on file; the "
            "answer reports every row. Nothing is saved unless every row can be kept "
            "(400 with the report, each bad row named as rows[i]). Staff only."
        ),
        request=DetectionRequest,
        responses={
            201: REPORT,
            200: REPORT,
            400: REFUSED,
            **{k: v for k, v in ERRORS.items() if k != 400},
        },
    )
)
class SubmitDetections(Scoped, APIView):
    model = Client

    def post(self, request):
        if not has_capability(request.user, Capability.EDIT_CASE_FILE):
            raise exceptions.PermissionDenied(_("Your role may not import detections."))
        data = DetectionRequest(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        client = self.scope.clients().filter(pk=values["client"]).first()
        if client is None:
            raise exceptions.ValidationError({"client": [_("No such client.")]})
        source = None
        if values.get("source"):
            source = DetectionSource.objects.visible_to(request.user).filter(pk=values["source"])
            source = source.first()
            if source is None:
                raise exceptions.ValidationError({"source": [_("No such detection source.")]})
        report = submit_detections(
            request.user, client, values["rows"], source, dry_run=values["dry_run"]
        )
        body = report.as_dict()
        if report.refusal:
            errors = [
                {"field": f"rows[{line.number - 1}]", "message": str(line.message)}
                for line in report.errors
            ] or [{"field": "rows", "message": str(report.refusal)}]
            return Response(
                {"message": str(report.refusal), "field": errors[0]["field"], "errors": errors,
                 "report": body},
                status=400,
            )  # fmt: skip
        return Response(body, status=201 if report.saved else 200)
