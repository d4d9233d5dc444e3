"""Deadlines opened by events, computed on the platform's calendar, closed by later events.

Every function here is called inside the transaction of the service that records the
event, so the event and its deadlines are written together or not at all.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from clients.models import PowerOfAttorney
from clients.roles import Capability, Role, has_capability
from clients.scoping import unscoped

from ..models import (
    IPR,
    ComplaintLink,
    CounterNotice,
    Deadline,
    Event,
    IPRVerification,
    OutboxMessage,
    Platform,
    WindowRule,
)
from ..models.platforms import VerificationStatus
from ..rules.reminders import next_reminder_at
from ..rules.workdays import Unit, count_window, noon_on
from .calendars import UnknownCalendar, calendars_for

FOR_THE_FIRM = "deadlines are opened, closed and recomputed for the firm"

# What closes each kind of deadline: the awaited event was recorded.
MET, MISSED, CANCELLED = Deadline.Status.MET, Deadline.Status.MISSED, Deadline.Status.CANCELLED


# --- Choosing rules ---------------------------------------------------------------------


def _specificity(rule: WindowRule) -> tuple:
    return (
        rule.platform_id is not None,
        rule.offense != WindowRule.Offense.ANY,
        rule.attempt != 0,
        rule.applies_from,
    )


def rules_for(
    event: str,
    platform: Platform | None,
    offense: str = WindowRule.Offense.ANY,
    attempt: int = 0,
    on: dt.date | None = None,
) -> list[WindowRule]:
    """One active rule per slot: a platform's own rule beats the default, then offense,
    then a rule for the counter-notice round (``attempt``) over one for every round, then
    the latest that applies to an event ``on`` that day (default: today)."""
    return best_rules(rule_candidates(event, platform, offense, attempt), on)


def rule_candidates(
    event: str, platform: Platform | None, offense: str, attempt: int = 0
) -> list[WindowRule]:
    """Every active rule that may serve the event, whatever its day (one query)."""
    return list(
        WindowRule.objects.filter(event=event, is_active=True)
        .filter(Q(platform__isnull=True) | Q(platform=platform))
        .filter(offense__in=[WindowRule.Offense.ANY, offense], attempt__in=[0, attempt])
    )


def best_rules(candidates: list[WindowRule], on: dt.date | None = None) -> list[WindowRule]:
    """Of ``candidates``, the rule of each slot for an event on day ``on``."""
    on = on or timezone.localdate()
    best: dict[str, WindowRule] = {}
    for rule in candidates:
        if rule.applies_from > on:
            continue
        current = best.get(rule.slot)
        if current is None or _specificity(rule) > _specificity(current):
            best[rule.slot] = rule
    return sorted(best.values(), key=lambda r: r.slot)


# --- Opening and computing --------------------------------------------------------------


def _firm_calendar_code() -> str:
    return settings.FIRM_CALENDAR


def _calendar_code(platform: Platform | None) -> str:
    return platform.calendar if platform is not None else _firm_calendar_code()


def _time_zone(platform: Platform | None) -> str:
    return platform.time_zone if platform is not None else settings.FIRM_TIME_ZONE


def _owner(rule: WindowRule, actor, client):
    supervisor = getattr(client, "supervising_attorney", None) if client else None
    if rule.owner == WindowRule.Owner.SUPERVISOR and supervisor is not None:
        return supervisor
    if actor is not None and getattr(actor, "role", None) != Role.CLIENT:
        return actor
    return supervisor


def copy_rule(deadline: Deadline, rule: WindowRule) -> Deadline:
    """The deadline keeps its own copy of what it is counted with: a later edit of the rule
    moves nothing until someone recomputes on purpose."""
    deadline.rule = rule
    deadline.title = rule.name
    deadline.length = rule.length
    deadline.unit = rule.unit
    deadline.reminder_lead_times = list(rule.reminder_lead_times)
    deadline.escalate_when_overdue = rule.escalate_when_overdue
    deadline.remind_supervisor = rule.recipients == WindowRule.Recipients.OWNER_AND_SUPERVISOR
    return deadline


def compute(deadline: Deadline, calendars: dict | None = None) -> Deadline:
    """Fill the due date from the deadline's own copy of its rule; never raises for a gap.

    A window that runs into a year without confirmed official data gets a provisional date
    (the earliest it could close, see ``rules.workdays.PROVISIONAL_RULE``) with the reason;
    reminders run from it, and confirming the year replaces it. Only an unknown calendar
    leaves the due date empty.
    """
    deadline.due_is_provisional = False
    if deadline.unit == Unit.CALENDAR_DAYS:
        # Calendar days need no holiday data: count in the deadline's own zone.
        local = deadline.event_at.astimezone(zoneinfo.ZoneInfo(deadline.time_zone)).date()
        due_on = local + dt.timedelta(days=deadline.length)
        end = dt.datetime.combine(
            due_on + dt.timedelta(days=1), dt.time(), zoneinfo.ZoneInfo(deadline.time_zone)
        )
        deadline.due_on, deadline.due_at = due_on, end - dt.timedelta(microseconds=1)
        deadline.compute_error = ""
    else:
        calendars = calendars if calendars is not None else calendars_for([deadline.jurisdiction])
        calendar = calendars.get(deadline.jurisdiction)
        if calendar is None:
            deadline.due_on = deadline.due_at = None
            deadline.compute_error = str(UnknownCalendar(deadline.jurisdiction))
            deadline.next_reminder_at = None
            return deadline
        window = count_window(
            _in_zone(calendar, deadline.time_zone),
            deadline.event_at,
            deadline.length,
            deadline.unit,
            provisional=True,
        )
        deadline.due_on, deadline.due_at = window.due_on, window.due_at
        deadline.due_is_provisional = window.provisional
        deadline.compute_error = provisional_reason(window, calendar) if window.provisional else ""
    deadline.next_reminder_at = (
        next_reminder_at(deadline.due_at, deadline.reminder_lead_times, after=None)
        if deadline.status == Deadline.Status.OPEN
        else None
    )
    return deadline


def provisional_reason(window, calendar) -> str:
    return _(
        "Provisional: %(code)s has no confirmed official working days for %(years)s yet. "
        "%(rule)s The real date replaces it once that year's official notice is entered."
    ) % {
        "code": calendar.code,
        "years": ", ".join(str(y) for y in window.unconfirmed_years),
        "rule": calendar.provisional_rule,
    }


def _in_zone(calendar, zone: str):
    """The platform's zone decides the event's local date; the calendar decides the days."""
    if calendar.time_zone == zone:
        return calendar
    from dataclasses import replace

    return replace(calendar, time_zone=zone)


@unscoped(FOR_THE_FIRM)
def open_deadlines(
    *,
    event: str,
    subjects: Sequence,
    event_at: dt.datetime,
    client,
    platform: Platform | None,
    actor,
    offense_of=None,
    label_of=None,
    attempt: int = 0,
) -> list[Deadline]:
    """Open the event's deadlines for each subject; an event recorded twice opens nothing new.

    ``offense_of(subject)`` picks first/repeat offense rules; ``label_of(subject)`` names it;
    ``attempt`` is the seller's counter-notice round the event belongs to (0: none).
    """
    return open_deadlines_for(
        event=event,
        openings=[Opening(subject, event_at, client) for subject in subjects],
        platform=platform,
        actor=actor,
        offense_of=offense_of,
        label_of=label_of,
        attempt=attempt,
    )


@dataclass(frozen=True)
class Opening:
    """One subject whose event happened at ``event_at``, for ``client``."""

    subject: object
    event_at: dt.datetime
    client: object


@unscoped(FOR_THE_FIRM)
def open_deadlines_for(
    *,
    event: str,
    openings: Sequence[Opening],
    platform: Platform | None,
    actor,
    offense_of=None,
    label_of=None,
    attempt: int = 0,
) -> list[Deadline]:
    """The batch form of :func:`open_deadlines`: subjects of one kind, each with its own
    moment and client, opened in the same few queries however many there are."""
    if not openings:
        return []
    content_type = ContentType.objects.get_for_model(openings[0].subject)
    rules_cache: dict[str, list[WindowRule]] = {}
    calendars = calendars_for({_calendar_code(platform)})
    existing = set(
        Deadline.objects.filter(
            subject_type=content_type,
            subject_id__in={o.subject.pk for o in openings},
            event_at__in={o.event_at for o in openings},
        ).values_list("subject_id", "rule_id", "event_at")
    )
    new: list[Deadline] = []
    for opening in openings:
        subject, client = opening.subject, opening.client
        supervisor = getattr(client, "supervising_attorney", None) if client else None
        offense = offense_of(subject) if offense_of else WindowRule.Offense.ANY
        if offense not in rules_cache:
            rules_cache[offense] = rule_candidates(event, platform, offense, attempt)
        for rule in best_rules(rules_cache[offense], timezone.localdate(opening.event_at)):
            if (subject.pk, rule.pk, opening.event_at) in existing:
                continue
            deadline = Deadline(
                client=client,
                platform=platform,
                subject_type=content_type,
                subject_id=subject.pk,
                subject_label=(label_of(subject) if label_of else str(subject))[:255],
                event=event,
                event_at=opening.event_at,
                jurisdiction=_calendar_code(platform),
                time_zone=_time_zone(platform),
                owner=_owner(rule, actor, client),
                escalate_to=supervisor,
            )
            copy_rule(deadline, rule)
            compute(deadline, calendars)
            new.append(deadline)
    if new:
        bulk_create_with_history(
            new,
            Deadline,
            batch_size=500,
            default_user=actor if getattr(actor, "pk", None) else None,
            default_change_reason=_("Opened by event"),
        )
    return new


# --- Closing ----------------------------------------------------------------------------


@unscoped(FOR_THE_FIRM)
def close_deadlines(
    deadlines: Iterable[Deadline], *, at: dt.datetime, by=None, note: str = "", cancel=False
) -> int:
    """Close open deadlines: met when the event came in time, missed when it came late."""
    closed = 0
    ids = []
    for deadline in deadlines:
        if deadline.status != Deadline.Status.OPEN:
            continue
        if cancel:
            deadline.status = CANCELLED
        elif deadline.due_at is not None and at > deadline.due_at:
            deadline.status = MISSED
        else:
            deadline.status = MET
        deadline.closed_at = timezone.now()
        deadline.closed_by = by if getattr(by, "pk", None) else None
        deadline.close_note = note[:255]
        deadline.next_reminder_at = None
        deadline._history_user = deadline.closed_by
        deadline.save()
        ids.append(deadline.pk)
        closed += 1
    if ids:
        # Reminders not yet sent are pointless now; those already leased finish.
        OutboxMessage.objects.filter(deadline_id__in=ids, state=OutboxMessage.State.QUEUED).update(
            state=OutboxMessage.State.CANCELLED, last_error=_("Deadline closed")
        )
    return closed


def _open_for(subjects: Sequence, events: Iterable[str]):
    if not subjects:
        return Deadline.objects.none()
    content_type = ContentType.objects.get_for_model(subjects[0])
    return Deadline.objects.select_for_update().filter(
        subject_type=content_type,
        subject_id__in=[s.pk for s in subjects],
        event__in=list(events),
        status=Deadline.Status.OPEN,
    )


@unscoped(FOR_THE_FIRM)
def close_for(subjects: Sequence, events: Iterable[str], *, at, by=None, note="", cancel=False):
    return close_deadlines(_open_for(subjects, events), at=at, by=by, note=note, cancel=cancel)


# --- Manual actions (deadline page) -----------------------------------------------------


def _require(user) -> None:
    if not has_capability(user, Capability.EDIT_CASE_FILE):
        raise PermissionDenied


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def complete_deadline(deadline: Deadline, *, by, note: str) -> Deadline:
    _require(by)
    locked = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if locked.status != Deadline.Status.OPEN:
        raise ValidationError(_("This deadline is already closed."))
    if not note.strip():
        raise ValidationError(_("Say what was done."))
    close_deadlines([locked], at=timezone.now(), by=by, note=note.strip())
    return locked


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def cancel_deadline(deadline: Deadline, *, by, note: str) -> Deadline:
    _require(by)
    locked = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if locked.status != Deadline.Status.OPEN:
        raise ValidationError(_("This deadline is already closed."))
    if not note.strip():
        raise ValidationError(_("Say why the deadline no longer applies."))
    close_deadlines([locked], at=timezone.now(), by=by, note=note.strip(), cancel=True)
    return locked


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def recompute_deadline(deadline: Deadline, *, by) -> Deadline:
    """Apply the rule as it stands now (an explicit act: rule edits never move deadlines)."""
    _require(by)
    locked = Deadline.objects.select_for_update().select_related("rule").get(pk=deadline.pk)
    if locked.status != Deadline.Status.OPEN:
        raise ValidationError(_("Only an open deadline can be recomputed."))
    copy_rule(locked, locked.rule)
    compute(locked)
    locked._history_user = by
    locked._change_reason = _("Recomputed with the current rule")
    locked.save()
    return locked


RECOMPUTED_FIELDS = [
    "due_on", "due_at", "due_is_provisional", "compute_error", "next_reminder_at", "updated_at"
]  # fmt: skip


@unscoped(FOR_THE_FIRM)
def retry_missing_due_dates(limit: int = 500) -> int:
    """Deadlines that had no calendar data get their due date once the data is confirmed,
    written in one bulk update (with their history) whatever their number."""
    pending = list(
        Deadline.objects.filter(status=Deadline.Status.OPEN, due_at__isnull=True).order_by("pk")[
            :limit
        ]
    )
    if not pending:
        return 0
    calendars = calendars_for({d.jurisdiction for d in pending})
    now = timezone.now()
    fixed = []
    for deadline in pending:
        compute(deadline, calendars)
        if deadline.due_at is not None:
            deadline.updated_at = now
            deadline._change_reason = _("Due date computed once the calendar was added")
            fixed.append(deadline)
    if fixed:
        bulk_update_with_history(fixed, Deadline, RECOMPUTED_FIELDS, batch_size=500)
    sync_answer_due(d.subject_id for d in fixed if d.event == Event.COUNTER_NOTICE_RECEIVED)
    return len(fixed)


# --- Event hooks: complaints ------------------------------------------------------------


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def on_link_outcomes(links: Sequence[ComplaintLink], *, outcome: str, at, by) -> None:
    """The seller's window closes on any outcome (a counter-notice is recorded on its own,
    and opens the firm's window there)."""
    if not links:
        return
    close_for(
        links,
        [Event.COMPLAINT_SUBMITTED],
        at=at,
        by=by,
        note=_("Outcome recorded: %(outcome)s") % {"outcome": outcome},
    )


# --- Event hooks: verifications ---------------------------------------------------------


def _verification_platform(verification: IPRVerification) -> Platform | None:
    return (
        Platform.objects.filter(group_id=verification.account.group_id, archived_at__isnull=True)
        .order_by("pk")
        .first()
    )


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def on_verification_changed(verification: IPRVerification, *, by) -> None:
    """Submitted or resubmitted: chase after the window. Verified or failed: done."""
    platform = _verification_platform(verification)
    if verification.status in (VerificationStatus.SUBMITTED, VerificationStatus.RESUBMITTED):
        event_at = noon_on(verification.submitted_on, _time_zone(platform))
        stale = [
            d
            for d in _open_for([verification], [Event.VERIFICATION_SUBMITTED])
            if d.event_at != event_at
        ]
        close_deadlines(stale, at=event_at, by=by, note=_("Resubmitted"), cancel=True)
        open_deadlines(
            event=Event.VERIFICATION_SUBMITTED,
            subjects=[verification],
            event_at=event_at,
            client=verification.ipr.client,
            platform=platform,
            actor=by,
            label_of=lambda v: f"{v.ipr} @ {v.account.group}",
        )
    else:
        decided = noon_on(verification.decided_on or timezone.localdate(), _time_zone(platform))
        close_for(
            [verification],
            [Event.VERIFICATION_SUBMITTED],
            at=decided,
            by=by,
            note=_("Platform decided: %(status)s") % {"status": verification.status},
        )


# --- Event hooks: expiries (state-driven: sync from the record as it is now) ------------


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def sync_expiry(record, *, by=None) -> list[Deadline]:
    """Keep exactly one open expiry deadline per POA / IPR, on its current expiry date."""
    if isinstance(record, PowerOfAttorney):
        event, expires, client = Event.POA_EXPIRY, record.valid_to, record.client
        ended = record.revoked_at is not None or record.archived_at is not None
    elif isinstance(record, IPR):
        event, expires, client = Event.IPR_EXPIRY, record.effective_to, record.client
        ended = record.archived_at is not None or record.status != IPR.Status.REGISTERED
    else:  # pragma: no cover - programming error
        raise TypeError(record)
    now = timezone.now()
    current = list(_open_for([record], [event]))
    if ended or expires is None:
        close_deadlines(current, at=now, by=by, note=_("No longer applies"), cancel=True)
        return []
    # The record's last valid day: the deadline is the end of that day, in the firm's zone.
    moment = noon_on(expires, settings.FIRM_TIME_ZONE)
    stale = [d for d in current if d.event_at != moment]
    close_deadlines(
        stale,
        at=now,
        by=by,
        note=_("Expiry date changed to %(date)s") % {"date": expires.isoformat()},
        cancel=True,
    )
    if expires < timezone.localdate() - dt.timedelta(days=1) and not current:
        return []  # long expired when first seen: nothing to remind of
    return open_deadlines(
        event=event,
        subjects=[record],
        event_at=moment,
        client=client,
        platform=None,
        actor=by,
    )


@unscoped(FOR_THE_FIRM)
@transaction.atomic(savepoint=False)  # locks its candidates; no savepoint of its own
def sync_all_expiries(limit: int = 1000) -> int:
    """Repair: every POA and registered IPR in force has its expiry deadline.

    Records with a live or completed expiry deadline are in order (the services move it
    when the date changes); this only opens the missing ones, a few queries per kind of
    record however many lack one. A record another sweep is opening is skipped (locked),
    not waited for."""
    today = timezone.localdate()
    opened = 0
    for model, event, field, extra in (
        (PowerOfAttorney, Event.POA_EXPIRY, "valid_to", Q(revoked_at__isnull=True)),
        (IPR, Event.IPR_EXPIRY, "effective_to", Q(status=IPR.Status.REGISTERED)),
    ):
        content_type = ContentType.objects.get_for_model(model)
        with_deadline = Deadline.objects.filter(
            subject_type=content_type, event=event, subject_id=OuterRef("pk")
        ).exclude(status=Deadline.Status.CANCELLED)
        candidates = (
            model.objects.filter(extra, archived_at__isnull=True, **{f"{field}__gte": today})
            .filter(~Exists(with_deadline))
            .select_related("client__supervising_attorney")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("pk")[:limit]
        )
        openings = [
            # The record's last valid day: due at the end of that day, in the firm's zone.
            Opening(record, noon_on(getattr(record, field), settings.FIRM_TIME_ZONE), record.client)
            for record in candidates
        ]
        opened += len(open_deadlines_for(event=event, openings=openings, platform=None, actor=None))
    return opened


@unscoped(FOR_THE_FIRM)
def sync_answer_due(notice_ids: Iterable[int]) -> None:
    """A counter-notice shows its answer window's due moment: keep that copy in step."""
    notice_ids = set(notice_ids)
    if not notice_ids:
        return
    content_type = ContentType.objects.get_for_model(CounterNotice)
    windows = Deadline.objects.filter(
        subject_type=content_type,
        subject_id__in=notice_ids,
        event=Event.COUNTER_NOTICE_RECEIVED,
        due_at__isnull=False,
    ).order_by("subject_id", "due_at")
    first: dict[int, Deadline] = {}
    for deadline in windows.only("subject_id", "due_at", "due_is_provisional"):
        first.setdefault(deadline.subject_id, deadline)
    CounterNotice.objects.bulk_update(
        [
            CounterNotice(
                pk=notice_id,
                response_due_at=deadline.due_at,
                response_due_is_provisional=deadline.due_is_provisional,
            )
            for notice_id, deadline in first.items()
        ],
        ["response_due_at", "response_due_is_provisional"],
        batch_size=500,
    )


def _recompute(candidates, calendars, *, by, reason) -> int:
    """Recompute each candidate; save and record the ones whose date moved or firmed up."""
    notice_type = ContentType.objects.get_for_model(CounterNotice)
    moved, notices = 0, set()
    for deadline in candidates:
        before = (deadline.due_on, deadline.due_is_provisional, deadline.compute_error)
        compute(deadline, calendars)
        after = (deadline.due_on, deadline.due_is_provisional, deadline.compute_error)
        if after == before:
            continue
        deadline._history_user = by if getattr(by, "pk", None) else None
        deadline._change_reason = _change_reason(before, deadline, reason)[:100]
        deadline.save()
        moved += 1
        if deadline.subject_type_id == notice_type.pk:
            notices.add(deadline.subject_id)
    sync_answer_due(notices)
    return moved


def _change_reason(before, deadline: Deadline, reason: str) -> str:
    old_due, was_provisional, _error = before
    if was_provisional and not deadline.due_is_provisional:
        return _("Provisional %(old)s replaced by %(new)s: %(why)s") % {
            "old": old_due.isoformat() if old_due else "—",
            "new": deadline.due_on.isoformat() if deadline.due_on else "—",
            "why": reason,
        }
    return reason


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def recompute_for_calendar_change(
    code: str, days: Iterable[dt.date], *, by=None, reason: str = ""
) -> int:
    """A corrected calendar moves the open working-day windows that cross the changed days.

    Unlike a rule edit (a policy change, applied on purpose), an override states a fact
    about the platform's calendar: a window that crosses the day was counted wrongly.
    """
    days = sorted(set(days))
    if not days:
        return 0
    return _recompute(
        crossing(code, days[0], days[-1]).select_for_update(),
        calendars_for([code]),
        by=by,
        reason=reason or _("Calendar %(code)s corrected") % {"code": code},
    )


@unscoped(FOR_THE_FIRM)
def crossing(code: str, first: dt.date, last: dt.date):
    """Open working-day windows of a calendar that may cross any day from first to last."""
    return Deadline.objects.filter(
        status=Deadline.Status.OPEN,
        jurisdiction=code,
        unit=Unit.WORKING_DAYS,
        event_at__lt=dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), dt.UTC),
    ).filter(Q(due_on__gte=first) | Q(due_on__isnull=True) | Q(due_is_provisional=True))


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def recompute_after_calendar_edit(code: str, *, by=None) -> int:
    """The calendar itself was edited (confirmed years, categories, weekend): every open
    working-day window still running on it is counted again."""
    today = timezone.localdate()
    candidates = crossing(code, today - dt.timedelta(days=31), dt.date(today.year + 3, 12, 31))
    return _recompute(
        candidates.select_for_update(),
        calendars_for([code]),
        by=by,
        reason=_("Calendar %(code)s edited") % {"code": code},
    )
