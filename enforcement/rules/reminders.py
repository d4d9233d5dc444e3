"""When a deadline's reminders fall due, and which of them are still worth sending."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_TOKEN = re.compile(r"^(\d{1,4})([dh])$")

OVERDUE = "overdue"


def lead_delta(token: str) -> dt.timedelta:
    """'90d' → 90 days, '4h' → 4 hours before the due moment."""
    match = _TOKEN.match(token)
    if not match:
        raise ValueError(f"not a lead time: {token!r}")
    number, unit = int(match[1]), match[2]
    return dt.timedelta(days=number) if unit == "d" else dt.timedelta(hours=number)


@dataclass(frozen=True)
class Planned:
    token: str  # "30d", "4h" or "overdue"
    at: dt.datetime

    @property
    def is_overdue(self) -> bool:
        return self.token == OVERDUE


def plan(due_at: dt.datetime, lead_times: list[str]) -> list[Planned]:
    """Every reminder moment of a deadline, earliest first; overdue just after the due end."""
    moments = [Planned(token, due_at - lead_delta(token)) for token in set(lead_times)]
    moments.append(Planned(OVERDUE, due_at + dt.timedelta(microseconds=1)))
    return sorted(moments, key=lambda p: p.at)


def next_reminder_at(
    due_at: dt.datetime | None, lead_times: list[str], after: dt.datetime | None
) -> dt.datetime | None:
    if due_at is None:
        return None
    for planned in plan(due_at, lead_times):
        if after is None or planned.at > after:
            return planned.at
    return None


def due_now(
    due_at: dt.datetime, lead_times: list[str], now: dt.datetime, already: set[str]
) -> list[Planned]:
    """What to send at ``now``: the latest passed advance reminder (older ones are stale
    once a later one is due), and the overdue notice once the window has closed."""
    passed = [p for p in plan(due_at, lead_times) if p.at <= now and p.token not in already]
    overdue = [p for p in passed if p.is_overdue]
    if overdue:
        return overdue
    return passed[-1:]
