"""The staff dashboard: what needs attention across the case file and the deadlines."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from clients.roles import Capability, Role, has_capability

from ..selectors import dashboard_figures


def home(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_capability(request.user, Capability.VIEW_CASE_FILE):
        # Client users get the portal; nothing of the firm's.
        if request.user.role == Role.CLIENT:
            return HttpResponseRedirect(reverse("portal:overview"))
        raise PermissionDenied
    return render(request, "clients/dashboard.html", dashboard_figures(request.user))
