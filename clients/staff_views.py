"""The one base of every staff page, and the one way a page posts an action on a record.

``StaffRequiredMixin`` refuses anonymous people (to the login page) and roles without the
view's capability (403) before anything else runs. ``RecordActionView`` is one action on one
record at its own URL: it finds the record in the user's scope, validates the action's form
and calls one service; the service owns the transaction, the permission and the history.
A refusal (an invalid form or the service's ``ValidationError``) either comes back on the
record's page with the form as filled in (``show_form_again``) or as messages on it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views import View

from .roles import Capability, has_capability


class StaffRequiredMixin:
    """Logged-in users only, with the view's capability; everything else is refused."""

    capability: Capability = Capability.VIEW_CASE_FILE

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not has_capability(request.user, self.capability):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StaffView(StaffRequiredMixin, View):
    """A staff page that is not one record type's list, detail or form."""


class RecordActionView(StaffRequiredMixin, View):
    """POST: one action on one record, through one service.

    Subclasses set ``model``, ``capability``, ``perform`` (which calls the service) and
    ``success_message``; with a ``form_class`` the form is checked first. With
    ``show_form_again`` a refusal renders ``detail_view`` with the bound form under
    ``form_context_name`` (status 400); otherwise each error becomes a message on the
    record's page, led by ``invalid_message`` when the form itself was incomplete.
    """

    model: type
    http_method_names = ["post"]
    form_class: type | None = None
    success_message: str = ""
    invalid_message: str = ""
    show_form_again = False
    detail_view: type | None = None
    form_context_name = "form"

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_form_kwargs(self) -> dict:
        return {}

    def get_form(self):
        if self.form_class is None:
            return None
        return self.form_class(self.request.POST, self.request.FILES, **self.get_form_kwargs())

    def perform(self, obj, form) -> None:
        raise NotImplementedError

    def get_success_message(self, form) -> str:
        return str(self.success_message)

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        if form is not None and not form.is_valid():
            return self.refused(form, [])
        try:
            self.perform(self.object, form)
        except ValidationError as exc:
            return self.refused(form, exc.messages, exc)
        message = self.get_success_message(form)
        if message:
            messages.success(request, message)
        return HttpResponseRedirect(self.get_success_url())

    def refused(self, form, errors: list[str], exc: ValidationError | None = None):
        if self.show_form_again and form is not None:
            if exc is not None:
                form.add_error(None, exc)
            return self.render_again(form)
        if form is not None and not errors:
            if self.invalid_message:
                errors = [str(self.invalid_message)]
            else:
                errors = [
                    f"{form.fields[field].label}: {error}" if field in form.fields else error
                    for field, field_errors in form.errors.items()
                    for error in field_errors
                ]
        for error in errors:
            messages.error(self.request, error)
        return HttpResponseRedirect(self.get_success_url())

    def render_again(self, form):
        """The record's page as it would show, with this form as filled in and its errors."""
        detail = self.detail_view()
        detail.setup(self.request, *self.args, **self.kwargs)
        detail.object = detail.get_object()
        context = detail.get_context_data(object=detail.object, **{self.form_context_name: form})
        return TemplateResponse(self.request, detail.template_name, context, status=400)
