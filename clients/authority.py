"""The firm's authority to act: the status of a power of attorney on a given day."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _


class PoaStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (not signed)")
    SCHEDULED = "scheduled", _("Signed, not yet in force")
    ACTIVE = "active", _("Active")
    EXPIRING = "expiring", _("Expiring soon")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


def poa_status(
    *,
    signed: bool,
    revoked: bool,
    valid_from: dt.date,
    valid_to: dt.date,
    today: dt.date,
    expiring_days: int,
) -> PoaStatus:
    """Derive a POA's status; revocation wins, then the signature, then the dates."""
    if revoked:
        return PoaStatus.REVOKED
    if not signed:
        return PoaStatus.DRAFT
    if today < valid_from:
        return PoaStatus.SCHEDULED
    if today > valid_to:
        return PoaStatus.EXPIRED
    if valid_to <= today + dt.timedelta(days=expiring_days):
        return PoaStatus.EXPIRING
    return PoaStatus.ACTIVE
