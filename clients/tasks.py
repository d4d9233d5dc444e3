"""Background jobs of the clients app."""

from __future__ import annotations

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "enforcedesk:worker-heartbeat"


@shared_task(ignore_result=True, expires=50)
def record_heartbeat() -> str:
    """Beat runs this every minute; the dashboard warns when it goes stale.

    Reminders depend on the worker and beat running, so staff must see when they are not.
    """
    moment = timezone.now().isoformat()
    cache.set(HEARTBEAT_KEY, moment, timeout=None)
    return moment


def last_heartbeat():
    value = cache.get(HEARTBEAT_KEY)
    return timezone.datetime.fromisoformat(value) if value else None
