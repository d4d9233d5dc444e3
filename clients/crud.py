"""Thin generic views for the staff case file: list, detail, history, create, edit, archive.

Every view reads its rows through ``Model.objects.visible_to(user)`` and checks the role's
capability on the server before doing anything; the per-model views only declare columns,
filters, forms and templates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from . import history
from .input import CleanInputMixin
from .pagination import CURSOR_PARAM, KeysetPaginator
from .roles import Capability, has_capability
from .services import archive, restore, save_record
from .staff_views import StaffRequiredMixin


@dataclass(frozen=True)
class ChildRows:
    """The first rows of a record's child list, and where the rest are listed."""

    rows: list
    more: bool
    list_url: str

    def __iter__(self):
        return iter(self.rows)


def child_rows(queryset, list_name: str, **filters) -> ChildRows:
    """At most ``DETAIL_CHILD_ROWS`` rows of ``queryset`` (in its order), so a record's page
    costs the same with 5 children or 16,000; the filtered list ``list_name`` has them all."""
    limit = settings.DETAIL_CHILD_ROWS
    rows = list(queryset[: limit + 1])
    url = reverse(list_name) + "?" + urlencode(filters)
    return ChildRows(rows[:limit], len(rows) > limit, url)


@dataclass(frozen=True)
class Column:
    label: str
    value: str | Callable[[Any], Any]
    link: bool = False


class StaffAccessMixin(StaffRequiredMixin):
    """Logged-in users only, with the view's capability, reading one model in their scope."""

    model: type
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    def get_queryset(self):
        qs = self.model.objects.visible_to(self.request.user)
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meta = self.model._meta
        context.update(
            verbose_name=meta.verbose_name,
            verbose_name_plural=meta.verbose_name_plural,
            url_prefix=f"{meta.app_label}:{meta.model_name}",
            can_edit=has_capability(
                self.request.user,
                getattr(self, "edit_capability", None) or Capability.EDIT_CASE_FILE,
            ),
            can_archive=has_capability(self.request.user, Capability.ARCHIVE_RECORDS),
            archivable=any(f.name == "archived_at" for f in meta.get_fields()),
        )
        prefix = context["url_prefix"]
        obj = getattr(self, "object", None)
        pk_args = [obj.pk] if obj is not None and obj.pk else None
        context.update(
            create_url=_url_or_none(f"{prefix}_create"),
            update_url=_url_or_none(f"{prefix}_update", pk_args),
            archive_url=_url_or_none(f"{prefix}_archive", pk_args),
            history_url=_url_or_none(f"{prefix}_history", pk_args),
        )
        return context


def _url_or_none(name: str, args: list | None = ()) -> str | None:
    if args is None:
        return None
    try:
        return reverse(name, args=args or None)
    except NoReverseMatch:
        return None


class RecordListView(StaffAccessMixin, FilterView):
    """A filtered list, paged by keyset (``clients.pagination``): the queryset's ORDER BY
    is the page order, and an index should match it. Figures per row are added to the
    page's rows only, by ``add_page_figures``."""

    template_name = "generic/list.html"
    partial_template_name = "generic/partials/list_results.html"
    columns: list[Column] = []
    edit_capability: Capability | None = None
    paginate_by = settings.PAGE_SIZE
    strict = False
    # The list's order (ending with the primary key or not: it is added); None keeps
    # the queryset's own order_by or the model's Meta.ordering.
    ordering: tuple | None = None

    def get_paginate_by(self, queryset):
        return settings.PAGE_SIZE

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.ordering is not None:
            queryset = queryset.order_by(*self.ordering)
        return queryset

    def paginate_queryset(self, queryset, page_size):
        paginator = KeysetPaginator(queryset, page_size)
        page = paginator.page(self.request.GET.get(CURSOR_PARAM))
        self.add_page_figures(page.object_list)
        return paginator, page, page.object_list, page.has_other_pages()

    def add_page_figures(self, rows: list) -> None:
        """Per-row figures (counts of children) for the rows shown, in one query each."""

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and not self.request.htmx.boosted:
            return [self.partial_template_name]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = self.columns
        return context


class RecordDetailView(StaffAccessMixin, DetailView):
    edit_capability: Capability | None = None


class RecordHistoryView(StaffAccessMixin, DetailView):
    """Who changed what, when: each historical version with its differences."""

    template_name = "generic/history.html"
    history_limit = 200

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history_rows"] = self.history_rows()
        return context

    def history_rows(self):
        """Each version with its changes in words (clients.history); a record whose path
        spans several records (a complaint) merges their histories here."""
        return history.record_rows(self.object, limit=self.history_limit)


class ScopedModelForm(CleanInputMixin, forms.ModelForm):
    """Limits every related-record choice to what the acting user may see."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            qs = getattr(field, "queryset", None)
            if qs is not None and hasattr(qs, "visible_to"):
                field.queryset = qs.visible_to(user)


class _RecordFormMixin(StaffAccessMixin):
    capability = Capability.EDIT_CASE_FILE
    template_name = "generic/form.html"
    edit_capability: Capability | None = None

    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and self.edit_capability
            and not has_capability(request.user, self.edit_capability)
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.get_cancel_url()
        return context

    # The service that saves the form: (form, *, by, capability) -> the saved record. A
    # record whose save must be followed by more (deadlines, recomputation) names its own.
    save_service = staticmethod(save_record)

    def get_cancel_url(self) -> str:
        if getattr(self, "object", None) is not None:
            return self.object.get_absolute_url()
        meta = self.model._meta
        try:
            return reverse(f"{meta.app_label}:{meta.model_name}_list")
        except NoReverseMatch:
            return reverse("home")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if issubclass(self.get_form_class(), ScopedModelForm):
            kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        try:
            self.object = type(self).save_service(
                form,
                by=self.request.user,
                capability=self.edit_capability or self.capability,
            )
        except (IntegrityError, ValidationError) as exc:
            # A concurrent edit can still trip a database constraint after validation:
            # show it on the form, keep what was typed.
            form.add_error(None, _("Could not save: %(error)s") % {"error": exc})
            return self.form_invalid(form)
        return self.success_response()

    def success_response(self):
        messages.success(self.request, self.success_message % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())


class RecordCreateView(_RecordFormMixin, CreateView):
    success_message = gettext_lazy("Saved “%(object)s”.")
    initial_from_query: tuple[str, ...] = ()

    def get_queryset(self):
        return self.model.objects.none()

    def get_initial(self):
        initial = super().get_initial()
        for name in self.initial_from_query:
            if name in self.request.GET:
                initial[name] = self.request.GET[name]
        return initial


class InlineCreateMixin:
    """htmx: the form opens inside its parent's page and, once saved, refreshes the list.

    Without JavaScript the same URL is an ordinary page with a redirect afterwards.
    """

    inline_template_name = "generic/partials/inline_form.html"
    inline_list_template: str
    inline_list_id: str

    def is_inline(self) -> bool:
        return bool(getattr(self.request, "htmx", False))

    def get_template_names(self):
        if self.is_inline():
            return [self.inline_template_name]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form_action"] = self.request.get_full_path()
        return context

    def inline_list_context(self) -> dict:
        raise NotImplementedError

    def success_response(self):
        if not self.is_inline():
            return super().success_response()
        context = {**self.inline_list_context(), "oob": True}
        return TemplateResponse(self.request, self.inline_list_template, context)


class RecordUpdateView(_RecordFormMixin, UpdateView):
    success_message = gettext_lazy("Saved changes to “%(object)s”.")


class RecordArchiveView(StaffAccessMixin, View):
    """POST-only: archive (or restore) a record. Legal records are never deleted."""

    capability = Capability.ARCHIVE_RECORDS
    http_method_names = ["post"]
    archive_service = staticmethod(archive)
    restore_service = staticmethod(restore)

    def post(self, request, pk):
        obj = get_object_or_404(self.get_queryset(), pk=pk)
        if request.POST.get("action") == "restore":
            type(self).restore_service(obj, by=request.user)
            messages.success(request, _("Restored “%(object)s”.") % {"object": obj})
        else:
            type(self).archive_service(obj, by=request.user)
            messages.success(request, _("Archived “%(object)s”.") % {"object": obj})
        return HttpResponseRedirect(obj.get_absolute_url())


def record_urls(
    prefix: str, *, list_view, detail_view, create_view, update_view, archive_view=None
) -> list:
    """The standard URL set of one record type: list, new, detail, edit, history, archive."""

    history_view = type(
        f"{detail_view.__name__}History",
        (RecordHistoryView,),
        {"model": detail_view.model, "capability": detail_view.capability},
    )
    urls = [
        path(f"{prefix}/", list_view.as_view(), name=f"{detail_view.model._meta.model_name}_list"),
        path(
            f"{prefix}/new/",
            create_view.as_view(),
            name=f"{create_view.model._meta.model_name}_create",
        ),
        path(
            f"{prefix}/<int:pk>/",
            detail_view.as_view(),
            name=f"{detail_view.model._meta.model_name}_detail",
        ),
        path(
            f"{prefix}/<int:pk>/edit/",
            update_view.as_view(),
            name=f"{update_view.model._meta.model_name}_update",
        ),
        path(
            f"{prefix}/<int:pk>/history/",
            history_view.as_view(),
            name=f"{detail_view.model._meta.model_name}_history",
        ),
    ]
    if archive_view is not None:
        urls.append(
            path(
                f"{prefix}/<int:pk>/archive/",
                archive_view.as_view(),
                name=f"{detail_view.model._meta.model_name}_archive",
            )
        )
    return urls
