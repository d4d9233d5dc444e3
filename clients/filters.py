"""Shared pieces of the list filters: free-text search and the archive switch."""

from __future__ import annotations

from html import escape

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .input import CleanInputMixin
from .models import Client
from .params import id_or_none


class CompactSelect(forms.Select):
    """A select whose options are written in one pass, not through a template each: a
    filter offering every client (thousands) then costs milliseconds, not the page."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in (value if isinstance(value, list | tuple) else [value])}
        options = "".join(
            f'<option value="{escape(str(key))}"{" selected" if str(key) in chosen else ""}>'
            f"{escape(str(label))}</option>"
            for key, label in self.choices
        )
        attrs = self.build_attrs(self.attrs, attrs)
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(attrs),
            mark_safe(options),  # noqa: S308 - each part escaped above
        )


class IdField(forms.CharField):
    """A record's id typed into a URL: plain decimal digits that fit the database's
    integer, or a message saying so (never an overflow or a negative id in a query)."""

    default_error_messages = {"invalid": _("Enter a record's id: a whole number, e.g. 42.")}

    def clean(self, value):
        text = super().clean(value)
        if text in self.empty_values:
            return None
        found = id_or_none(text)
        if found is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return found


class IdFilter(django_filters.Filter):
    field_class = IdField


def client_choices(queryset, empty_label) -> list[tuple]:
    """The clients as (id, label) rows, without building a model instance for each."""
    rows = queryset.order_by("legal_name", "pk").values_list("pk", "legal_name", "chinese_name")
    choices = [("", empty_label)] if empty_label is not None else []
    return choices + [
        (pk, f"{name} ({chinese})" if chinese else name) for pk, name, chinese in rows
    ]


class CaseFileFilterSet(django_filters.FilterSet):
    """Adds ``q`` (search over ``search_fields``) and hides archived rows unless asked."""

    search_fields: tuple[str, ...] = ()
    # Related rows that a choice's label needs (str() of an account names its group).
    choice_select_related: dict[str, tuple[str, ...]] = {}

    q = django_filters.CharFilter(label=_("Search"), method="search")

    def get_form_class(self):
        form = super().get_form_class()
        return type(form.__name__, (CleanInputMixin, form), {})

    archived = django_filters.ChoiceFilter(
        label=_("Archived"),
        choices=[("no", _("Hide archived")), ("only", _("Archived only")), ("all", _("All"))],
        method="filter_archived",
        empty_label=None,
    )

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("archived", "no")
        super().__init__(data, *args, **kwargs)
        user = getattr(self.request, "user", None)
        for field in self.form.fields.values():
            if type(field.widget) is forms.Select:
                field.widget = CompactSelect(attrs=field.widget.attrs)
                field.widget.choices = field.choices
        for name, field in self.form.fields.items():
            qs = getattr(field, "queryset", None)
            if qs is not None and hasattr(qs, "visible_to"):
                field.queryset = qs.visible_to(user)
                if name in self.choice_select_related:
                    field.queryset = field.queryset.select_related(
                        *self.choice_select_related[name]
                    )
                if field.queryset.model is Client and isinstance(field.widget, CompactSelect):
                    field.widget.choices = client_choices(field.queryset, field.empty_label)

    def search(self, queryset, name, value):
        for term in value.split()[:5]:
            queryset = queryset.filter(pk__in=self.matching(queryset.model, term))
        return queryset

    def matching(self, model, term: str):
        """The ids whose search fields contain ``term``: one arm per field, united.

        Each arm reads one table, so each can use that column's trigram index (PostgreSQL);
        an OR across joined tables could only scan. The arms are unscoped on purpose: they
        only narrow the list's own queryset, which carries the scope.
        """
        rows = model._base_manager
        arms = []
        for path in self.search_fields:
            relation, _, rest = path.partition("__")
            if rest:
                related = model._meta.get_field(relation).related_model
                found = related._base_manager.filter(**{f"{rest}__icontains": term})
                arms.append(
                    rows.filter(**{f"{relation}__in": found.values("pk")}).values("pk").order_by()
                )
            else:
                arms.append(rows.filter(**{f"{path}__icontains": term}).values("pk").order_by())
        first, *others = arms
        return first.union(*others, all=True) if others else first

    def filter_archived(self, queryset, name, value):
        if not hasattr(queryset.model, "archived_at"):
            return queryset
        if value == "only":
            return queryset.filter(archived_at__isnull=False)
        if value == "all":
            return queryset
        return queryset.filter(archived_at__isnull=True)
