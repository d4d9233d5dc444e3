"""Background jobs: the deadline sweep (beat) and e-mail delivery of the outbox.

Tasks take ids, are idempotent and acknowledged late (settings); a lost or repeated task
costs nothing because the state lives in the database and the next sweep catches up. The
sweep has a queue of its own, so a backlog of deliveries never holds it past its expiry.
"""

from __future__ import annotations

from celery import shared_task
from django.db import DatabaseError

from clients.scoping import unscoped

from .services import reminders


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
