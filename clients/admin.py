from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .admin_site import LegalRecordAdmin, ReadOnlyAdmin
from .models import (
    Client,
    DownloadLog,
    IdentityDocument,
    Membership,
    PowerOfAttorney,
    SecurityEvent,
    User,
)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active", "is_superuser")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("EnforceDesk", {"fields": ("role", "time_zone")}),
    )
    add_fieldsets = (*DjangoUserAdmin.add_fieldsets, ("EnforceDesk", {"fields": ("role",)}))


@admin.register(Client)
class ClientAdmin(LegalRecordAdmin):
    list_display = ("legal_name", "chinese_name", "kind", "country", "supervising_attorney")
    list_filter = ("kind", "country")
    search_fields = ("legal_name", "chinese_name", "registration_number")


@admin.register(IdentityDocument)
class IdentityDocumentAdmin(LegalRecordAdmin):
    list_display = ("client", "kind", "number", "expires_on")
    list_filter = ("kind",)
    list_select_related = ("client",)


@admin.register(PowerOfAttorney)
class PowerOfAttorneyAdmin(LegalRecordAdmin):
    list_display = ("client", "agent_name", "valid_from", "valid_to", "revoked_at")
    list_select_related = ("client",)
    filter_horizontal = ("rights", "platforms")


@admin.register(Membership)
class MembershipAdmin(LegalRecordAdmin):
    list_display = ("user", "client", "is_active")
    list_select_related = ("user", "client")


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("at", "kind", "username", "ip_address", "by", "reason")
    list_filter = ("kind",)


@admin.register(DownloadLog)
class DownloadLogAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("at", "user", "client", "description")
    list_select_related = ("user", "client")
