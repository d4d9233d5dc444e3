"""Background jobs: the deadline sweep (beat) and e-mail delivery of the outbox.

Tasks take ids, are idempotent and acknowledged late (settings); a lost or repeated task
costs nothing because the state lives in the database and the next sweep catches up.
"""

from __future__ import annotations

from celery import shared_task
from django.db import DatabaseError

from clients.scoping import unscoped

from .services import reminders


@shared_task(ignore_result=True)
@unscoped("the sweep reads every client's deadlines")
def sweep_deadlines() -> dict:
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
