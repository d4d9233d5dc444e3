"""Shared pieces of the list filters: free-text search and the archive switch."""

from __future__ import annotations

from functools import reduce
from operator import or_

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CaseFileFilterSet(django_filters.FilterSet):
    """Adds ``q`` (search over ``search_fields``) and hides archived rows unless asked."""

    search_fields: tuple[str, ...] = ()
    # Related rows that a choice's label needs (str() of an account names its group).
    choice_select_related: dict[str, tuple[str, ...]] = {}

    q = django_filters.CharFilter(label=_("Search"), method="search")
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
        for name, field in self.form.fields.items():
            qs = getattr(field, "queryset", None)
            if qs is not None and hasattr(qs, "visible_to"):
                field.queryset = qs.visible_to(user)
                if name in self.choice_select_related:
                    field.queryset = field.queryset.select_related(
                        *self.choice_select_related[name]
                    )

    def search(self, queryset, name, value):
        terms = value.split()
        for term in terms[:5]:
            queryset = queryset.filter(
                reduce(or_, (Q(**{f"{f}__icontains": term}) for f in self.search_fields))
            )
        return queryset

    def filter_archived(self, queryset, name, value):
        if not hasattr(queryset.model, "archived_at"):
            return queryset
        if value == "only":
            return queryset.filter(archived_at__isnull=False)
        if value == "all":
            return queryset
        return queryset.filter(archived_at__isnull=True)
