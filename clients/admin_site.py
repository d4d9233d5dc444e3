"""The Django admin is the firm admin's system tool: it reads every client's rows."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from simple_history.admin import SimpleHistoryAdmin

from .scoping import unscoped


class FirmAdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        checked = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            with unscoped("the Django admin, for superusers"):
                response = checked(request, *args, **kwargs)
                if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                    response.render()  # its querysets are read while it renders
                return response

        return inner


class FirmAdminConfig(AdminConfig):
    default_site = "clients.admin_site.FirmAdminSite"


class ReadOnlyAdmin:
    """Legal records are read here and changed only on the staff pages, whose services keep
    deadlines, transitions and history; nothing is deleted."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # also withdraws the bulk "delete selected" action


class LegalRecordAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    """A legal record with its history, read-only."""
