from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from clients.admin_site import LegalRecordAdmin, ReadOnlyAdmin

from .models import (
    IPR,
    CalendarOverride,
    CopyrightClaimStatement,
    Deadline,
    HolidayCalendar,
    IPRChange,
    IPRDocument,
    IPRVerification,
    LiveCheckRule,
    OfficialNotice,
    OutboxMessage,
    Platform,
    PlatformAccount,
    PlatformGroup,
    RelistCheck,
    SellerRiskFactor,
    WindowRule,
)


@admin.register(PlatformGroup)
class PlatformGroupAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "portal_url")


@admin.register(Platform)
class PlatformAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "group", "max_links_per_complaint", "time_zone", "calendar")
    list_filter = ("group",)
    list_select_related = ("group",)


@admin.register(SellerRiskFactor)
class SellerRiskFactorAdmin(SimpleHistoryAdmin):
    """The weights of the seller risk score: the firm edits them, never deletes them."""

    list_display = ("code", "points_each", "cap", "window_days", "is_active")
    list_editable = ("points_each", "cap", "window_days", "is_active")
    actions = None

    def has_add_permission(self, request):
        return False  # one row per factor the code knows, seeded

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LiveCheckRule)
class LiveCheckRuleAdmin(SimpleHistoryAdmin):
    """What a platform family's page says when a removed listing is still gone, and how far
    apart the relist checks reach it: the firm edits them, never deletes them."""

    list_display = (
        "group", "is_active", "min_seconds_between_requests", "recheck_after_hours",
    )  # fmt: skip
    list_select_related = ("group",)
    actions = None

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RelistCheck)
class RelistCheckAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("listing", "checked_at", "http_status", "verdict", "draft")
    list_filter = ("verdict",)
    raw_id_fields = ("listing", "draft")


@admin.register(PlatformAccount)
class PlatformAccountAdmin(LegalRecordAdmin):
    list_display = ("registrant_name", "group", "registrant_category", "verification_status")
    list_filter = ("group", "verification_status", "good_faith_member")
    list_select_related = ("group",)


@admin.register(IPR)
class IPRAdmin(LegalRecordAdmin):
    list_display = ("title", "kind", "registration_number", "jurisdiction", "status", "client")
    list_filter = ("kind", "status")
    search_fields = ("title", "registration_number", "owner_name")
    list_select_related = ("client",)


for model in (IPRDocument, IPRChange, CopyrightClaimStatement, IPRVerification):
    admin.site.register(model, LegalRecordAdmin)


@admin.register(Deadline)
class DeadlineAdmin(LegalRecordAdmin):
    list_display = (
        "title", "subject_label", "due_at", "due_is_provisional", "status", "owner",
        "jurisdiction",
    )  # fmt: skip
    list_filter = ("status", "due_is_provisional", "event", "jurisdiction")
    search_fields = ("title", "subject_label")
    list_select_related = ("owner",)
    raw_id_fields = ("client", "owner", "escalate_to", "closed_by")


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("key", "kind", "recipient", "state", "attempts", "due_at", "sent_at")
    list_filter = ("state", "kind")
    search_fields = ("key", "subject")
    raw_id_fields = ("deadline", "recipient")


# Rules the firm edits on its own pages (which recompute what they move); read-only here.
for model in (WindowRule, HolidayCalendar, CalendarOverride, OfficialNotice):
    admin.site.register(model, LegalRecordAdmin)
