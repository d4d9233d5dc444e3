"""The reminder sweep and the e-mail outbox.

The sweep is state-driven: each open deadline carries the moment its next reminder falls
due (indexed), so a sweep reads only what is due, whatever the number of open deadlines.
A due reminder becomes one outbox row per recipient, with a unique key, and its in-app
notification in the same transaction: two sweeps at once, or one run twice, cannot write
a reminder twice. E-mail leaves through the outbox: a delivery takes a lease by a
conditional update that writes a fresh token, sends with no transaction open, and marks
the row sent only while it still holds that token, so a send that outlasted its lease
reports the lease lost rather than "sent"; a repair step puts back rows whose sender died.
The one window left is a crash (or a lost lease) after the mail server accepted a message
and before the row is marked sent: the stable Message-ID makes such a repeat recognisable
(e-mail is at-least-once at that boundary; the in-app notice is exactly-once).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import uuid
import zoneinfo
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from celery import current_app
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from clients.languages import language_of
from clients.models import User
from clients.roles import STAFF_ROLES, Role
from clients.scoping import unscoped

from ..models import Deadline, Notification, OutboxMessage
from ..rules.reminders import Planned, due_now, next_reminder_at
from .deadlines import retry_missing_due_dates, sync_all_expiries

DELIVER_TASK = "enforcement.tasks.deliver_message"
FOR_THE_FIRM = "the sweep and the outbox work for every user"
# The rows a daily digest lists; it counts the rest ("… and N more").
DIGEST_ROWS = 25

log = logging.getLogger(__name__)

Kind, State = OutboxMessage.Kind, OutboxMessage.State


@dataclass
class SweepReport:
    due_dates_computed: int = 0
    expiry_deadlines_opened: int = 0
    deadlines_due: int = 0
    messages_queued: int = 0
    digests_queued: int = 0
    leases_repaired: int = 0
    enqueued: int = 0
    delivered: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


# --- Writing reminders ------------------------------------------------------------------


def _key(deadline: Deadline, token: str, user_id: int) -> str:
    return f"dl{deadline.pk}:{deadline.due_on:%Y%m%d}:{token}:u{user_id}"


def _firm_admins() -> list[User]:
    return list(User.objects.filter(is_active=True, role=Role.FIRM_ADMIN).order_by("pk"))


def _recipients(deadline: Deadline, planned: Planned, fallback) -> list[tuple[User, str]]:
    out: list[tuple[User, str]] = []
    owner, supervisor = deadline.owner, deadline.escalate_to
    if planned.is_overdue:
        if owner is not None:
            out.append((owner, Kind.OVERDUE))
        if deadline.escalate_when_overdue and supervisor is not None:
            out.append((supervisor, Kind.ESCALATION))
    else:
        if owner is not None:
            out.append((owner, Kind.LEAD))
        if (deadline.remind_supervisor or owner is None) and supervisor is not None:
            out.append((supervisor, Kind.LEAD))
    if not out:
        # Nobody is named: the firm admins hear of it rather than nobody.
        kind = Kind.ESCALATION if planned.is_overdue else Kind.LEAD
        out = [(admin, kind) for admin in fallback()]
    seen, unique = set(), []
    for user, kind in out:
        if user.is_active and user.pk not in seen:
            seen.add(user.pk)
            unique.append((user, kind))
    return unique


def _local(moment: dt.datetime, zone: str) -> str:
    return (
        formats.date_format(timezone.localtime(moment, zoneinfo.ZoneInfo(zone)), "DATETIME_FORMAT")
        + f" ({zone})"
    )


def _provisional(deadline: Deadline, text: str) -> str:
    if not deadline.due_is_provisional:
        return text
    return _("%(due)s (provisional: the earliest it could be)") % {"due": text}


class _Wording:
    """What one batch's messages say. A moment's local text and the deadline page's address
    are worked out once per batch: formatting and reversing cost more than the queries."""

    _SENTINEL = 987654321987654321

    def __init__(self) -> None:
        self._moments: dict[tuple[dt.datetime, str], str] = {}
        self._page = reverse("enforcement:deadline_detail", args=[self._SENTINEL])

    def local(self, moment: dt.datetime, zone: str) -> str:
        key = (moment, zone, translation.get_language())
        if key not in self._moments:
            self._moments[key] = _local(moment, zone)
        return self._moments[key]

    def page(self, deadline: Deadline) -> str:
        return self._page.replace(str(self._SENTINEL), str(deadline.pk))


def _text(deadline: Deadline, user: User, kind: str, wording: _Wording) -> tuple[str, str]:
    due_here = _provisional(
        deadline, wording.local(deadline.due_at, user.time_zone or settings.FIRM_TIME_ZONE)
    )
    due_there = wording.local(deadline.due_at, deadline.time_zone)
    prefix = {
        Kind.LEAD: _("Due %(due)s"),
        Kind.OVERDUE: _("OVERDUE since %(due)s"),
        Kind.ESCALATION: _("Escalated, overdue since %(due)s"),
    }[kind] % {"due": due_here}
    subject = f"{prefix}: {deadline.title} – {deadline.subject_label}"[:255]
    lines = [
        deadline.title,
        deadline.subject_label,
        "",
        _("Due: %(here)s; on the platform's calendar: %(there)s")
        % {"here": due_here, "there": due_there},
        deadline.compute_error if deadline.due_is_provisional else "",
        _("Action: %(action)s") % {"action": deadline.rule.action},
        _("Owner: %(owner)s") % {"owner": deadline.owner or _("nobody")},
        "",
        settings.SITE_URL.rstrip("/") + wording.page(deadline),
    ]
    return subject, "\n".join(str(line) for line in lines)


# Kind → function(message) giving its attachments, built when it is sent; modules that
# build on this one register theirs (services/client_reports.py: the monthly report's PDF).
ATTACHMENTS: dict[str, Callable] = {}


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def write_messages(
    messages: list[OutboxMessage], *, notify: bool, now: dt.datetime | None = None
) -> list[OutboxMessage]:
    """The one way a message to a person is written: its outbox row (which the workers
    deliver by e-mail) and, with ``notify``, its in-app notification, together.

    No ignore_conflicts: if a bug ever tried a second row for a key, the unique key refuses
    it and the caller's transaction rolls back rather than writing anything twice.
    """
    now = now or timezone.now()
    OutboxMessage.objects.bulk_create(messages, batch_size=500)
    if notify:
        Notification.objects.bulk_create(
            [
                Notification(
                    message=m,
                    recipient=m.recipient,
                    deadline=m.deadline,
                    title=m.subject,
                    body=m.body,
                    created_at=now,
                )
                for m in messages
            ],
            batch_size=500,
        )
    return messages


def _queue_reminders(batch: list[Deadline], now: dt.datetime) -> tuple[list[int], int]:
    """Inside the caller's transaction, with the batch's rows locked."""
    ids = [d.pk for d in batch]
    sent_tokens: dict[tuple[int, str], set[str]] = {}
    for deadline_id, key in OutboxMessage.objects.filter(deadline_id__in=ids).values_list(
        "deadline_id", "key"
    ):
        _dl, due, token, _user = key.split(":")
        sent_tokens.setdefault((deadline_id, due), set()).add(token)

    admins: list[User] | None = None

    def fallback() -> list[User]:
        nonlocal admins
        if admins is None:
            admins = _firm_admins()
        return admins

    messages: list[OutboxMessage] = []
    wording = _Wording()
    for deadline in batch:
        if deadline.due_at is None:
            deadline.next_reminder_at = None
            continue
        already = sent_tokens.get((deadline.pk, f"{deadline.due_on:%Y%m%d}"), set())
        for planned in due_now(deadline.due_at, deadline.reminder_lead_times, now, already):
            for user, kind in _recipients(deadline, planned, fallback):
                with translation.override(language_of(user)):
                    subject, body = _text(deadline, user, kind, wording)
                messages.append(
                    OutboxMessage(
                        key=_key(deadline, planned.token, user.pk),
                        kind=kind,
                        deadline=deadline,
                        recipient=user,
                        due_at=planned.at,
                        subject=subject,
                        body=body,
                        next_attempt_at=now,
                    )
                )
        deadline.next_reminder_at = next_reminder_at(
            deadline.due_at, deadline.reminder_lead_times, after=now
        )
    write_messages(messages, notify=True, now=now)
    _set_next_reminders(batch)
    return [m.pk for m in messages], len(messages)


def _set_next_reminders(batch: list[Deadline]) -> None:
    """Each deadline's own next moment, in one statement. On PostgreSQL from two arrays:
    bulk_update's CASE of 500 branches costs more to build in Python than the sweep's
    other queries together."""
    if connection.vendor != "postgresql":
        Deadline.objects.bulk_update(batch, ["next_reminder_at"], batch_size=500)
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Deadline._meta.db_table} AS d SET next_reminder_at = v.at "  # noqa: S608
            "FROM unnest(%s::bigint[], %s::timestamptz[]) AS v(id, at) WHERE d.id = v.id",
            [[d.pk for d in batch], [d.next_reminder_at for d in batch]],
        )


def _due_batch(now: dt.datetime, size: int):
    return list(
        Deadline.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(status=Deadline.Status.OPEN, next_reminder_at__lte=now)
        .select_related("owner", "escalate_to", "rule")
        .order_by("next_reminder_at", "pk")[:size]
    )


@unscoped(FOR_THE_FIRM)
def queue_due_reminders(now: dt.datetime, batch_size: int = 500) -> tuple[list[int], int]:
    """Every due reminder written once; a failing batch is retried deadline by deadline,
    and a deadline that still fails is pushed back an hour instead of blocking the rest."""
    message_ids: list[int] = []
    deadlines_due = 0
    while True:
        try:
            with transaction.atomic():
                batch = _due_batch(now, batch_size)
                if not batch:
                    break
                ids, _count = _queue_reminders(batch, now)
        except Exception:
            log.exception("reminder batch failed; retrying one deadline at a time")
            batch, ids = _one_by_one(now, batch_size), []
            if not batch:
                break
        message_ids += ids
        deadlines_due += len(batch)
        if len(batch) < batch_size:
            break
    return message_ids, deadlines_due


def _one_by_one(now: dt.datetime, batch_size: int) -> list[Deadline]:
    done: list[Deadline] = []
    with transaction.atomic():
        candidates = [d.pk for d in _due_batch(now, batch_size)]
    for pk in candidates:
        try:
            with transaction.atomic():
                locked = _due_batch_of(pk, now)
                if locked:
                    _queue_reminders(locked, now)
                    done += locked
        except Exception:
            log.exception("reminders of deadline %s failed; pushed back an hour", pk)
            Deadline.objects.filter(pk=pk).update(next_reminder_at=now + dt.timedelta(hours=1))
    return done


def _due_batch_of(pk: int, now: dt.datetime) -> list[Deadline]:
    return list(
        Deadline.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(pk=pk, status=Deadline.Status.OPEN, next_reminder_at__lte=now)
        .select_related("owner", "escalate_to", "rule")
    )


# --- Daily digest -----------------------------------------------------------------------


@unscoped(FOR_THE_FIRM)
def queue_digests(now: dt.datetime) -> list[int]:
    """Once per user and local day, after DIGEST_HOUR there: what is overdue, due this week."""
    wanting: dict[str, User] = {}
    for user in User.objects.filter(is_active=True, role__in=STAFF_ROLES).exclude(email=""):
        local = timezone.localtime(now, zoneinfo.ZoneInfo(user.time_zone or "UTC"))
        if local.hour >= settings.DIGEST_HOUR:
            wanting[f"digest:{local.date():%Y%m%d}:u{user.pk}"] = user
    if not wanting:
        return []
    done = set(OutboxMessage.objects.filter(key__in=wanting).values_list("key", flat=True))
    wanting = {k: u for k, u in wanting.items() if k not in done}
    if not wanting:
        return []
    horizon = now + dt.timedelta(days=7)
    # Grouped counts and, per user, the first DIGEST_ROWS rows (the owner's open-deadline
    # index): a digest lists what matters first and says how many more there are, however
    # many deadlines are overdue.
    window = (
        Deadline.objects.open()
        .filter(owner__in=[u.pk for u in wanting.values()])
        .filter(Q(due_at__lte=horizon) | Q(due_at__isnull=True))
    )
    counts = {
        row["owner_id"]: row
        for row in window.values("owner_id")
        .annotate(
            total=Count("pk"),
            overdue=Count("pk", filter=Q(due_at__lt=now)),
            soon=Count("pk", filter=Q(due_at__gte=now)),
        )
        .order_by()
    }
    # The first rows of every digest in one query, whatever the number of recipients.
    order = [F("due_at").asc(nulls_last=True), F("pk").asc()]
    firsts: dict[int, list[Deadline]] = {}
    for deadline in (
        window.annotate(rank=Window(RowNumber(), partition_by=[F("owner_id")], order_by=order))
        .filter(rank__lte=DIGEST_ROWS)
        .only(
            "pk",
            "owner_id",
            "title",
            "subject_label",
            "due_at",
            "due_is_provisional",
            "time_zone",
        )  # fmt: skip
        .order_by("owner_id", *order)
    ):
        firsts.setdefault(deadline.owner_id, []).append(deadline)
    messages = []
    for key, user in wanting.items():
        mine = counts.get(user.pk)
        if not mine:
            continue
        first = firsts.get(user.pk, [])
        with translation.override(language_of(user)):
            subject = _("Your deadlines: %(overdue)d overdue, %(soon)d due within 7 days") % {
                "overdue": mine["overdue"],
                "soon": mine["soon"],
            }
            body = _digest_body(first, mine["total"], user, now)
        messages.append(
            OutboxMessage(
                key=key,
                kind=Kind.DIGEST,
                recipient=user,
                due_at=now,
                subject=subject,
                body=body,
                next_attempt_at=now,
            )
        )
    write_messages(messages, notify=False, now=now)  # the digest is an e-mail only
    return [m.pk for m in messages]


def _digest_body(deadlines: list[Deadline], total: int, user: User, now: dt.datetime) -> str:
    lines = []
    for d in deadlines:
        when = (
            _provisional(d, _local(d.due_at, user.time_zone or "UTC"))
            if d.due_at
            else _("no due date yet")
        )
        flag = _("OVERDUE") + " " if d.due_at and d.due_at < now else ""
        lines.append(f"- {flag}{when}: {d.title} – {d.subject_label}")
    if total > len(deadlines):
        lines.append(_("… and %(n)d more") % {"n": total - len(deadlines)})
    lines += ["", settings.SITE_URL.rstrip("/") + "/deadlines/"]
    return "\n".join(lines)


# --- Delivery ---------------------------------------------------------------------------


def backoff(attempts: int) -> dt.timedelta:
    """1, 2, 4 … minutes, capped at 6 hours, with jitter so retries do not stampede."""
    base = min(60 * 2 ** max(attempts - 1, 0), 6 * 3600)
    return dt.timedelta(seconds=base * random.uniform(0.8, 1.2))


@dataclass(frozen=True)
class Lease:
    message_id: int
    token: str
    at: dt.datetime


LEASE_LOST = "lease-lost"


@unscoped(FOR_THE_FIRM)
def claim(message_id: int, now: dt.datetime | None = None) -> Lease | None:
    """Take the row's lease if it is due and nobody holds it: exactly one taker wins."""
    now = now or timezone.now()
    token = uuid.uuid4().hex
    claimed = OutboxMessage.objects.filter(
        pk=message_id, state=State.QUEUED, next_attempt_at__lte=now
    ).update(state=State.SENDING, leased_at=now, lease_token=token, attempts=F("attempts") + 1)
    return Lease(message_id, token, now) if claimed == 1 else None


def _settle(lease: Lease, **fields) -> bool:
    """Record the outcome only while the lease is still ours; False if it was lost."""
    done = OutboxMessage.objects.filter(
        pk=lease.message_id, state=State.SENDING, lease_token=lease.token
    ).update(lease_token="", **fields)
    if done != 1:
        log.warning(
            "outbox row %s: lease lost before its outcome (%s) was recorded; the row was "
            "put back for another sender",
            lease.message_id,
            fields.get("state"),
        )
    return done == 1


@unscoped(FOR_THE_FIRM)
def send_claimed(lease: Lease) -> str:
    """Send the row whose lease we took; returns what happened."""
    message = OutboxMessage.objects.select_related("recipient").get(pk=lease.message_id)
    if not message.recipient.email or not message.recipient.is_active:
        cancelled = _settle(
            lease,
            state=State.CANCELLED,
            leased_at=None,
            last_error=_("No e-mail address; shown in-app only."),
        )
        return "no-address" if cancelled else LEASE_LOST
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        to=[message.recipient.email],
        headers={"Message-ID": message.message_id},
    )
    try:
        build = ATTACHMENTS.get(message.kind)
        for name, content, mimetype in build(message) if build else ():
            email.attach(name, content, mimetype)
        email.send()  # no transaction is open here: never hold one across SMTP
    except Exception as exc:
        final = message.attempts >= settings.OUTBOX_MAX_ATTEMPTS
        kept = _settle(
            lease,
            state=State.FAILED if final else State.QUEUED,
            leased_at=None,
            enqueued_at=None,
            next_attempt_at=lease.at + backoff(message.attempts),
            last_error=f"{type(exc).__name__}: {exc}"[:1000],
        )
        log.warning("e-mail %s failed (attempt %s): %s", message.key, message.attempts, exc)
        if not kept:
            return LEASE_LOST
        return "failed" if final else "retry"
    if not _settle(lease, state=State.SENT, sent_at=timezone.now(), last_error=""):
        # Accepted by the mail server after the row was put back: whoever takes it next sends
        # it again under the same Message-ID (at-least-once) and only that one says "sent".
        return LEASE_LOST
    return "sent"


@unscoped(FOR_THE_FIRM)
def deliver(message_id: int) -> str:
    """Send one outbox row by e-mail, at most once per lease. Returns what happened."""
    lease = claim(message_id)
    if lease is None:
        return "not-due-or-taken"
    return send_claimed(lease)


@unscoped(FOR_THE_FIRM)
def repair(now: dt.datetime) -> int:
    """Put back rows whose sender died mid-send (lease gone stale)."""
    stale = now - dt.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    return OutboxMessage.objects.filter(state=State.SENDING, leased_at__lt=stale).update(
        state=State.QUEUED, leased_at=None, lease_token="", enqueued_at=None
    )


@unscoped(FOR_THE_FIRM)
def enqueue(ids: list[int] | None, now: dt.datetime) -> int:
    """Hand rows to the workers; rows whose task never ran are handed again later.

    The task is sent by name (routed like any call of it): the tasks module builds on this
    one, so this one does not import it."""
    if ids is None:
        retry_before = now - dt.timedelta(seconds=settings.OUTBOX_REQUEUE_SECONDS)
        ids = list(
            OutboxMessage.objects.filter(state=State.QUEUED, next_attempt_at__lte=now)
            .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=retry_before))
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[:5000]
        )
    published = []
    for pk in ids:
        try:
            current_app.send_task(DELIVER_TASK, args=[pk])
        except Exception:  # broker down: the next sweep hands it again
            log.exception("could not enqueue outbox row %s", pk)
            break
        published.append(pk)
    if published:
        OutboxMessage.objects.filter(pk__in=published).update(enqueued_at=now)
    return len(published)


@unscoped(FOR_THE_FIRM)
def deliver_due(now: dt.datetime, limit: int = 5000) -> dict[str, int]:
    """Deliver inline (the command's --deliver, for cron without a worker)."""
    outcome: dict[str, int] = {}
    for pk in OutboxMessage.objects.filter(
        state=State.QUEUED, next_attempt_at__lte=now
    ).values_list("pk", flat=True)[:limit]:
        result = deliver(pk)
        outcome[result] = outcome.get(result, 0) + 1
    return outcome


@unscoped(FOR_THE_FIRM)
def sweep(now: dt.datetime | None = None, *, hand_to_workers: bool = True) -> SweepReport:
    """One pass: due dates, expiry repair, due reminders, digests, stale leases, hand-off."""
    now = now or timezone.now()
    report = SweepReport()
    with transaction.atomic():
        report.due_dates_computed = retry_missing_due_dates()
    with transaction.atomic():
        report.expiry_deadlines_opened = sync_all_expiries()
    _ids, report.deadlines_due = queue_due_reminders(now)
    report.messages_queued = len(_ids)
    report.digests_queued = len(queue_digests(now))
    report.leases_repaired = repair(now)
    if hand_to_workers:
        report.enqueued = enqueue(None, now)
    return report


def mark_read(user, ids: list[int] | None) -> int:
    """The user's own unread notifications (all of them when ``ids`` is None), read now."""
    mine = Notification.objects.visible_to(user).filter(read_at__isnull=True)
    if ids is not None:
        mine = mine.filter(pk__in=ids)
    return mine.update(read_at=timezone.now())
