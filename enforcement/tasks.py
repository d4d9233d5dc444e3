"""Background jobs: the deadline sweep (beat) and e-mail delivery of the outbox.

Tasks take ids, are idempotent and acknowledged late (settings); a lost or repeated task
costs nothing because the state lives in the database and the next sweep catches up. The
sweep has a queue of its own, so a backlog of deliveries never holds it past its expiry.
"""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError

from clients.scoping import unscoped

from . import figures
from .services import client_reports, relists, reminders, sellers

# A database hiccup is retried with backoff; the work itself is idempotent.
RETRIED_ON_DATABASE_ERRORS = {
    "ignore_result": True,
    "autoretry_for": (DatabaseError,),
    "retry_backoff": True,
    "retry_jitter": True,
    "max_retries": 3,
}


@shared_task(
    ignore_result=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    retry_backoff_max=30,
    retry_jitter=True,
    max_retries=3,
)
@unscoped("the sweep reads every client's deadlines")
def sweep_deadlines() -> dict:
    # Runs on the "sweeps" queue (settings.CELERY_TASK_ROUTES). A retry keeps the beat
    # entry's expiry, so a sweep still failing when the next one is due is dropped, not piled.
    return reminders.sweep().as_dict()


@shared_task(
    ignore_result=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
@unscoped("delivery reads the outbox row it was handed")
def deliver_message(message_id: int) -> str:
    # SMTP failures are retried by the outbox itself (backoff stored on the row);
    # a database hiccup before the claim is retried here.
    return reminders.deliver(message_id)


@shared_task(**RETRIED_ON_DATABASE_ERRORS)
@unscoped("grouping and scoring compare every seller on file")
def know_sellers() -> dict:
    # Each night (beat): networks from shared contact details, then the risk scores.
    # Both are recomputed from the records in their own transaction: a retry is harmless.
    return sellers.know_sellers()


@shared_task(**RETRIED_ON_DATABASE_ERRORS)
@unscoped("the monthly sweep queues every opted-in client contact's report")
def queue_monthly_reports() -> int:
    # Runs every hour; once a month's messages are written their keys make it a no-op,
    # and the deadline sweep hands the rows to the outbox workers like any reminder.
    return client_reports.queue_monthly_reports()


@shared_task(**RETRIED_ON_DATABASE_ERRORS)
@unscoped("the relist check reads every client's removed listings")
def check_relists() -> dict:
    # Every six hours (beat); nothing unless RELIST_CHECKS_ENABLED, as it calls the
    # platforms. Each listing's result is its own transaction: a retry marks nothing twice.
    if not settings.RELIST_CHECKS_ENABLED:
        return {"enabled": False}
    return relists.check_removed_listings().as_dict()


@shared_task(**RETRIED_ON_DATABASE_ERRORS)
def warm_numbers() -> int:
    # More often than the figures expire (beat): the numbers page as it opens (the last
    # three months, every client) is read from the cache, not regrouped on a visit.
    # Reads only; a retry recomputes the same figures.
    return figures.warm_numbers()
