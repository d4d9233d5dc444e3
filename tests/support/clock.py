"""One switch that moves the clock for a whole test run: ``ENFORCEDESK_TEST_CLOCK``.

``ENFORCEDESK_TEST_CLOCK=2027-02-08`` (noon UTC that day) or a full ISO moment
(``2031-12-31T23:30:00+08:00``). The clock keeps ticking from there, so timeouts and
leases behave as usual. CI runs the suite at a few such moments: a test that hides a fixed
date fails the day it is written, not months later.
"""

from __future__ import annotations

import datetime as dt
import os
import time

import time_machine

VARIABLE = "ENFORCEDESK_TEST_CLOCK"
# For a child process: the real time at which the parent read that moment, so the child
# can add the seconds its own start-up took and read the same clock as its parent.
REAL_AT = "ENFORCEDESK_TEST_CLOCK_REAL_AT"
_traveller: time_machine.travel | None = None


def moved_to() -> dt.datetime | None:
    value = os.environ.get(VARIABLE, "").strip()
    if not value:
        return None
    try:
        if len(value) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(value), dt.time(12), dt.UTC)
        moment = dt.datetime.fromisoformat(value)
    except ValueError as error:
        raise SystemExit(
            f"{VARIABLE}={value!r} is not a date (2027-02-08) or an ISO moment "
            f"(2027-02-08T09:00:00+08:00): {error}"
        ) from None
    if moment.tzinfo is None:
        raise SystemExit(f"{VARIABLE}={value!r} needs a UTC offset, e.g. +08:00 or Z.")
    return moment


def start() -> dt.datetime | None:
    """Move this process's clock if the switch is set; returns the moment it moved to."""
    global _traveller
    moment = moved_to()
    real_at = os.environ.get(REAL_AT)
    if moment is not None and real_at and _traveller is None:
        # Not travelled yet, so time.time() is the real time here.
        moment += dt.timedelta(seconds=max(0.0, time.time() - float(real_at)))
    if moment is not None and _traveller is None:
        _traveller = time_machine.travel(moment, tick=True)
        _traveller.start()
    return moment


def for_child_process() -> dict[str, str]:
    """The environment a process started now needs to share this run's moved clock.

    Each process travels when it starts, so a child given the run's original moment would
    lag by the time elapsed since; it gets the moment as it reads here, now, and the real
    time of that reading, to add its own start-up time (workers compare moments they wrote
    with each other's clocks).
    """
    if moved_to() is None:
        return {}
    return {VARIABLE: dt.datetime.now(dt.UTC).isoformat(), REAL_AT: repr(_real_time())}


def _real_time() -> float:
    hatch = time_machine.escape_hatch
    return hatch.time.time() if hatch.is_travelling() else time.time()
