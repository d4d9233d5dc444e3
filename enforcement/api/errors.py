"""Every error as JSON: ``{"message", "field", "errors": [{"field", "message"}]}``.

``field`` names the request field at fault (``links``, ``links[2]``, ``at``) or is null
when the error is about the request as a whole (authentication, a missing record).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler


class FieldError(serializers.Serializer):
    field = serializers.CharField(allow_null=True)
    message = serializers.CharField()


class Error(serializers.Serializer):
    message = serializers.CharField()
    field = serializers.CharField(allow_null=True)
    errors = FieldError(many=True)


class Conflict(exceptions.APIException):
    """The request is well formed, but the record's state refuses it (a lifecycle rule)."""

    status_code = 409
    default_code = "conflict"

    def __init__(self, messages: list[str], field: str | None = None):
        self.field = field
        super().__init__(detail={field or "non_field_errors": messages})


def flatten(detail, field: str | None = None) -> list[dict]:
    if isinstance(detail, dict):
        out = []
        for key, value in detail.items():
            if isinstance(key, int):  # a list's item (ListField errors come keyed by index)
                name = f"{field or ''}[{key}]"
            elif key in ("non_field_errors", "detail", "__all__"):
                name = field
            else:
                name = f"{field}.{key}" if field else str(key)
            out.extend(flatten(value, name))
        return out
    if isinstance(detail, list):
        out = []
        for index, value in enumerate(detail):
            if isinstance(value, dict | list) and field is not None:
                out.extend(flatten(value, f"{field}[{index}]"))
            else:
                out.extend(flatten(value, field))
        return out
    return [{"field": field, "message": str(detail)}]


def handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail = exc.message_dict
        else:
            detail = {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*(exc.args[:1]))
    response = exception_handler(exc, context)
    if response is None:
        return None
    errors = flatten(response.data) or [{"field": None, "message": str(exc)}]
    response.data = {"message": errors[0]["message"], "field": errors[0]["field"], "errors": errors}
    return response
