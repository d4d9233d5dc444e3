from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    IPR,
    CopyrightClaimStatement,
    IPRChange,
    IPRDocument,
    IPRVerification,
    Platform,
    PlatformAccount,
    PlatformGroup,
)


@admin.register(PlatformGroup)
class PlatformGroupAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "portal_url")


@admin.register(Platform)
class PlatformAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "group", "max_links_per_complaint", "time_zone", "calendar")
    list_filter = ("group",)
    list_select_related = ("group",)


@admin.register(PlatformAccount)
class PlatformAccountAdmin(SimpleHistoryAdmin):
    list_display = ("registrant_name", "group", "registrant_category", "verification_status")
    list_filter = ("group", "verification_status", "good_faith_member")
    list_select_related = ("group",)


@admin.register(IPR)
class IPRAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "registration_number", "jurisdiction", "status", "client")
    list_filter = ("kind", "status")
    search_fields = ("title", "registration_number", "owner_name")
    list_select_related = ("client",)


for model in (IPRDocument, IPRChange, CopyrightClaimStatement, IPRVerification):
    admin.site.register(model, SimpleHistoryAdmin)
