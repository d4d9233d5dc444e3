"""Dates that must not contradict one another, each rule a function of the dates alone.

Each returns ``None`` when the dates agree, or the message to show, which names both dates
so the person sees what to correct. Forms add it to the field; services refuse with it
(``refuse_if``), so a caller that skips the form is refused the same way.
``enforcement.integrity`` reads the stored rows against the same rules.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.bounds import CLOCK_SLACK, EARLIEST_ZONE_AHEAD

# A date is someone's local date: the platform's, the person's. Compared with a moment, it
# may be that moment's date anywhere from UTC-12 to UTC+14.
LATEST_ZONE_BEHIND = dt.timedelta(hours=12)


def _moment(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def _day(value: dt.date) -> str:
    return value.strftime("%Y-%m-%d")


def earliest_date_of(moment: dt.datetime) -> dt.date:
    """The earliest calendar date that ``moment`` falls on anywhere on Earth."""
    return (moment.astimezone(dt.UTC) - LATEST_ZONE_BEHIND).date()


def latest_date_of(moment: dt.datetime) -> dt.date:
    return (moment.astimezone(dt.UTC) + EARLIEST_ZONE_AHEAD).date()


def _future_moment(value: dt.datetime, now: dt.datetime, what: str) -> str | None:
    if value > now + CLOCK_SLACK:
        return _("%(what)s (%(at)s) cannot be later than now (%(now)s).") % {
            "what": what,
            "at": _moment(value),
            "now": _moment(now),
        }
    return None


def counter_notice_received(
    received_at: dt.datetime, complaint_submitted_at: dt.datetime | None, *, now: dt.datetime
) -> str | None:
    """A seller answers a complaint after it was filed, and not in the future."""
    if complaint_submitted_at is not None and received_at < complaint_submitted_at:
        return _(
            "The counter-notice cannot have been received (%(received)s) before the complaint "
            "was submitted (%(submitted)s)."
        ) % {"received": _moment(received_at), "submitted": _moment(complaint_submitted_at)}
    return _future_moment(received_at, now, _("The moment the counter-notice was received"))


def link_outcome(
    outcome_at: dt.datetime, complaint_submitted_at: dt.datetime | None, *, now: dt.datetime
) -> str | None:
    """The platform answers a complaint after it was filed, and not in the future."""
    if complaint_submitted_at is not None and outcome_at < complaint_submitted_at:
        return _(
            "The outcome (%(outcome)s) cannot come before the complaint was submitted "
            "(%(submitted)s)."
        ) % {"outcome": _moment(outcome_at), "submitted": _moment(complaint_submitted_at)}
    return _future_moment(outcome_at, now, _("The outcome"))


def dispute_decision(
    decided_on: dt.date, rejected_at: dt.datetime | None, *, now: dt.datetime
) -> str | None:
    """The platform decides a dispute on or after the day the firm rejected the notice."""
    if rejected_at is not None and decided_on < earliest_date_of(rejected_at):
        return _(
            "The platform cannot have decided (%(decided)s) before the counter-notice was "
            "rejected (%(rejected)s)."
        ) % {"decided": _day(decided_on), "rejected": _moment(rejected_at)}
    if decided_on > latest_date_of(now):
        return _("The decision date (%(decided)s) cannot be later than today (%(today)s).") % {
            "decided": _day(decided_on),
            "today": _day(timezone.localdate(now)),
        }
    return None


def verification_decision(decided_on: dt.date, submitted_on: dt.date | None) -> str | None:
    """A platform verifies (or refuses) what was submitted to it, not before."""
    if submitted_on is not None and decided_on < submitted_on:
        return _(
            "The platform cannot have decided (%(decided)s) before the submission (%(submitted)s)."
        ) % {"decided": _day(decided_on), "submitted": _day(submitted_on)}
    return None


def capture(captured_at: dt.datetime, *, now: dt.datetime) -> str | None:
    """Evidence is captured before it is uploaded."""
    return _future_moment(captured_at, now, _("The capture"))


def refuse_if(message: str | None) -> None:
    if message:
        raise ValidationError(message)
