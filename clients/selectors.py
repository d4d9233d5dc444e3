"""Data for pages, in one place each, scoped to what the user may see."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from .authority import PoaStatus
from .models import Client, IdentityDocument, PowerOfAttorney


def dashboard_figures(user, today: dt.date | None = None) -> dict:
    from enforcement.models import IPR, IPRVerification

    today = today or timezone.localdate()
    soon = today + dt.timedelta(days=settings.EXPIRING_SOON_DAYS)
    poas = PowerOfAttorney.objects.visible_to(user).filter(archived_at__isnull=True)
    expiring_poas = (
        poas.with_status(PoaStatus.EXPIRING, today, settings.EXPIRING_SOON_DAYS)
        .select_related("client")
        .order_by("valid_to")[:10]
    )
    verifications = IPRVerification.objects.visible_to(user)
    iprs = IPR.objects.visible_to(user).filter(archived_at__isnull=True)
    from .tasks import last_heartbeat

    heartbeat = last_heartbeat()
    worker_stale = heartbeat is None or timezone.now() - heartbeat > dt.timedelta(minutes=5)
    from enforcement.selectors import deadline_warnings

    return {
        **deadline_warnings(user, today),
        "today": today,
        "worker_heartbeat": heartbeat,
        "worker_stale": worker_stale,
        "client_count": Client.objects.visible_to(user).filter(archived_at__isnull=True).count(),
        "active_poa_count": poas.in_force_on(today).count(),
        "draft_poa_count": poas.with_status(
            PoaStatus.DRAFT, today, settings.EXPIRING_SOON_DAYS
        ).count(),
        "expiring_poas": expiring_poas,
        "ipr_count": iprs.count(),
        "pending_trademarks": iprs.filter(kind="trademark", status="pending").count(),
        "expiring_iprs": iprs.filter(effective_to__range=(today, soon))
        .select_related("client")
        .order_by("effective_to")[:10],
        "awaiting_verifications": verifications.filter(status__in=["submitted", "resubmitted"])
        .select_related("ipr", "account__group")
        .order_by("submitted_on")[:10],
        "failed_verifications": verifications.filter(status="failed")
        .select_related("ipr", "account__group")
        .order_by("-decided_on")[:10],
        "expiring_documents": IdentityDocument.objects.visible_to(user)
        .filter(archived_at__isnull=True, expires_on__range=(today, soon))
        .select_related("client")
        .order_by("expires_on")[:10],
    }
