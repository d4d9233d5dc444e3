"""Who may do what. One table, read by views (to refuse) and templates (to offer)."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PARALEGAL = "paralegal", _("Paralegal")
    ATTORNEY = "attorney", _("Attorney")
    FIRM_ADMIN = "firm_admin", _("Firm admin")
    CLIENT = "client", _("Client user")


STAFF_ROLES = frozenset({Role.PARALEGAL, Role.ATTORNEY, Role.FIRM_ADMIN})


class Capability(StrEnum):
    VIEW_CASE_FILE = "view_case_file"
    EDIT_CASE_FILE = "edit_case_file"
    ARCHIVE_RECORDS = "archive_records"
    MANAGE_MEMBERSHIPS = "manage_memberships"
    MANAGE_PLATFORMS = "manage_platforms"
    MANAGE_ACCOUNTS = "manage_accounts"
    MANAGE_RULES = "manage_rules"  # window rules and working-day calendars
    DECIDE_COUNTER_NOTICES = "decide_counter_notices"
    MANAGE_SIGN_IN = "manage_sign_in"  # reset lost factors, lift lockouts, see downloads


CAPABILITIES: dict[Capability, frozenset[str]] = {
    Capability.VIEW_CASE_FILE: STAFF_ROLES,
    Capability.EDIT_CASE_FILE: STAFF_ROLES,
    Capability.ARCHIVE_RECORDS: frozenset({Role.ATTORNEY, Role.FIRM_ADMIN}),
    Capability.MANAGE_MEMBERSHIPS: frozenset({Role.ATTORNEY, Role.FIRM_ADMIN}),
    Capability.MANAGE_PLATFORMS: frozenset({Role.FIRM_ADMIN}),
    Capability.MANAGE_ACCOUNTS: frozenset({Role.FIRM_ADMIN}),
    Capability.MANAGE_RULES: frozenset({Role.FIRM_ADMIN}),
    Capability.DECIDE_COUNTER_NOTICES: frozenset({Role.ATTORNEY, Role.FIRM_ADMIN}),
    Capability.MANAGE_SIGN_IN: frozenset({Role.FIRM_ADMIN}),
}


def has_capability(user, capability: Capability) -> bool:
    """True when an active, logged-in user's role grants the capability. Fails closed."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.role in CAPABILITIES.get(capability, frozenset())


def capabilities_of(user) -> frozenset[str]:
    return frozenset(str(c) for c in Capability if has_capability(user, c))
