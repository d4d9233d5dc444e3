"""What a filing risks: an account's figures for one reason code, and the worst case.

The platforms judge a firm's account per reason code over a rolling three months (at least
90 % takedowns, at most 5 % counter-notices lost). Before filing, the paralegal sees the
code's figures on the account and what the filing would do if every link were rejected.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .counter_notices import TAKEDOWN_THRESHOLD, Rates

WINDOW_MONTHS = 3


def window_start(today: dt.date, months: int = WINDOW_MONTHS) -> dt.date:
    """The same day ``months`` months back (the month's last day when it has fewer)."""
    month = today.month - months
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for day in range(today.day, 0, -1):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class FilingRisk:
    rates: Rates
    filing: int  # links this filing reports

    @property
    def below_threshold(self) -> bool:
        """The account already fails a threshold for this code: filing needs a reason."""
        return self.rates.meets_takedown is False or self.rates.meets_counter is False

    @property
    def rate_if_all_rejected(self) -> float | None:
        decided = self.rates.decided + self.filing
        return self.rates.accepted / decided if decided else None

    @property
    def needed_if_all_rejected(self) -> int:
        """Accepted notices then needed to be back at 90 %: 9(d + n) − 10a."""
        return max(0, 9 * (self.rates.decided + self.filing) - 10 * self.rates.accepted)

    @property
    def worst_case_below(self) -> bool:
        rate = self.rate_if_all_rejected
        return rate is not None and rate < TAKEDOWN_THRESHOLD


# --- The forecast: when an account's rate for a code recovers with no new filing --------

FORECAST_HORIZON_DAYS = 100  # past the longest three months: the window is empty by then


def leaves_window_on(day: dt.date, today: dt.date) -> dt.date:
    """The first day after ``today`` whose window no longer holds ``day``'s outcomes."""
    moment = today + dt.timedelta(days=1)
    while window_start(moment) <= day:
        moment += dt.timedelta(days=1)
    return moment


@dataclass(frozen=True)
class Leaving:
    """The outcomes of one day that leave the window on ``on``."""

    on: dt.date
    accepted: int
    rejected: int


@dataclass(frozen=True)
class Forecast:
    rates: Rates  # over the window to today (takedowns only)
    leaving: tuple[Leaving, ...]  # the days with a rejection, the first to leave first
    recovers_on: dt.date | None  # the first day at 90 % again with no new filing

    @property
    def below(self) -> bool:
        return self.rates.meets_takedown is False


def forecast(days: dict[dt.date, tuple[int, int]], today: dt.date) -> Forecast:
    """From the accepted and rejected notices per day (``{day: (accepted, rejected)}``),
    the account's takedown figures for one code over the window to ``today``, the days
    whose rejections will leave it, and when the rate is back at 90 % if nothing new is
    filed (or when the window is empty: the rate starts afresh). Days outside the window
    are ignored."""
    first = window_start(today)
    held = {d: ar for d, ar in days.items() if first <= d <= today and (ar[0] or ar[1])}
    accepted = sum(a for a, _r in held.values())
    decided = accepted + sum(r for _a, r in held.values())
    rates = Rates(accepted=accepted, decided=decided, seller_won=0, notices_decided=0)
    leaving = tuple(
        Leaving(leaves_window_on(d, today), a, r) for d, (a, r) in sorted(held.items()) if r
    )
    recovers_on = None
    if rates.meets_takedown is False:
        moment = today
        for _step in range(FORECAST_HORIZON_DAYS):
            moment += dt.timedelta(days=1)
            start = window_start(moment)
            a = sum(a for d, (a, _r) in held.items() if d >= start)
            r = sum(r for d, (_a, r) in held.items() if d >= start)
            if Rates(a, a + r, 0, 0).meets_takedown is not False:  # met, or empty
                recovers_on = moment
                break
    return Forecast(rates, leaving, recovers_on)
