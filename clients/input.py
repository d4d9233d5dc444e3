"""What every form does to what a person typed before any field reads it.

Every form of the project is a :class:`Form` or a ``ScopedModelForm`` (both take
:class:`CleanInputMixin`; a test walks the project's forms): a control character (NUL
first: PostgreSQL cannot store it in text and refuses it even in a query) is refused with
a message that says where it is, before any field parses the value or looks it up; tab
and line breaks pass only in multi-line text. A field with a length limit says the limit
in its help text, next to the browser's ``maxlength``, and the server's message repeats it.
"""

from __future__ import annotations

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .params import id_or_none

MULTI_LINE_ALLOWED = frozenset("\t\n\r")

CONTROL_MESSAGE = _(
    "Remove the invisible control character %(char)s (character %(position)d): it cannot be stored."
)
LIMIT_HINT = _("At most %(limit)d characters.")
LIMIT_MESSAGE = _(
    "Shorten this to at most %(limit_value)d characters (it has %(show_value)d); nothing was cut."
)


def first_control_character(text: str, *, multi_line: bool) -> tuple[int, str] | None:
    """(1-based position, the character) of the first character that may not be stored."""
    for position, char in enumerate(text, start=1):
        if unicodedata.category(char) in ("Cc", "Cs") and not (
            multi_line and char in MULTI_LINE_ALLOWED
        ):
            return position, char
    return None


def refuse_control_characters(value, *, multi_line: bool) -> None:
    values = value if isinstance(value, list | tuple) else [value]
    for item in values:
        if not isinstance(item, str):
            continue
        found = first_control_character(item, multi_line=multi_line)
        if found:
            position, char = found
            raise ValidationError(
                CONTROL_MESSAGE,
                code="control_character",
                params={"char": f"U+{ord(char):04X}", "position": position},
            )


def refuse_malformed_ids(field: forms.ModelChoiceField, value) -> None:
    """A choice of a row by number must be a plain number the database can hold: "²" and
    40 nines would otherwise reach the query (ValueError, OverflowError)."""
    values = value if isinstance(value, list | tuple) else [value]
    for item in values:
        if item in field.empty_values or hasattr(item, "pk"):
            continue
        if id_or_none(item) is None:
            if isinstance(field, forms.ModelMultipleChoiceField):
                raise ValidationError(
                    field.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(item)[:40]},
                )
            raise ValidationError(
                field.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": str(item)[:40]},
            )


def _keyed_by_number(field: forms.Field) -> bool:
    if not isinstance(field, forms.ModelChoiceField) or field.queryset is None:
        return False
    key = field.to_field_name or "pk"
    model_field = field.queryset.model._meta.pk if key == "pk" else None
    if model_field is None:
        model_field = field.queryset.model._meta.get_field(key)
    return isinstance(model_field, models.IntegerField | models.AutoField)


def _guarded(field: forms.Field, *, multi_line: bool):
    clean = field.clean

    def clean_refusing_control_characters(value, *args):
        refuse_control_characters(value, multi_line=multi_line)
        if _keyed_by_number(field):  # the queryset may be set after the form's __init__
            refuse_malformed_ids(field, value)
        return clean(value, *args)

    return clean_refusing_control_characters


class CleanInputMixin:
    """Refuses control characters in every field's raw value; shows every length limit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            prepare_field(field)


def prepare_field(field: forms.Field) -> None:
    if getattr(field, "_input_prepared", False):
        return
    field._input_prepared = True
    if not isinstance(field, forms.FileField):
        multi_line = isinstance(field.widget, forms.Textarea)
        field.clean = _guarded(field, multi_line=multi_line)
    limit = getattr(field, "max_length", None)
    if limit and isinstance(field, forms.CharField) and not field.widget.is_hidden:
        hint = LIMIT_HINT % {"limit": limit}
        field.help_text = f"{field.help_text} {hint}" if field.help_text else hint
        field.error_messages["max_length"] = LIMIT_MESSAGE


class Form(CleanInputMixin, forms.Form):
    """The project's plain form."""
