"""The figures of the filing-risk panel, read from the outcome summary."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q, Sum
from django.db.models.functions import TruncDate
from django.utils import translation

from clients.scoping import reader_scope, unscoped

from .models import OutcomeHour, PlatformAccount, ReasonCode
from .models.summaries import UNDATED
from .rules.counter_notices import Rates
from .rules.filing_risk import FilingRisk, Forecast, forecast, window_start
from .rules.outcomes import ACCEPTED
from .services.summaries import midnight_of

COLUMNS = (*sorted(ACCEPTED), "rejected", "conceded", "reversed", "upheld")


@unscoped("the platform judges the firm's account on every client's complaints")
def account_code_rates(account, reason_code, today: dt.date) -> Rates:
    """The account's figures for one reason code over the rolling three months to today."""
    start = midnight_of(window_start(today))
    end = midnight_of(today + dt.timedelta(days=1))
    sums = (
        OutcomeHour.objects.filter(
            Q(hour__gte=start, hour__lt=end) & ~Q(hour=UNDATED),
            account_key=account.pk,
            reason_key=reason_code.pk,
        )
        .order_by()
        .aggregate(**{c: Sum(c, default=0) for c in COLUMNS})
    )
    accepted = sum(sums[c] for c in ACCEPTED)
    won = sums["conceded"] + sums["reversed"]
    return Rates(
        accepted=accepted, decided=accepted + sums["rejected"],
        seller_won=won, notices_decided=won + sums["upheld"],
    )  # fmt: skip


def filing_risk(account, reason_code, filing: int, today: dt.date) -> FilingRisk | None:
    if account is None or reason_code is None:
        return None
    return FilingRisk(account_code_rates(account, reason_code, today), filing)


def forecasts(user, today: dt.date, known: dict | None = None) -> list[dict]:
    """The forecast of every platform account the reader may see, per reason code with a
    decided notice in the window: the code's figures as the platform judges them (every
    client's complaints), the days whose rejections will leave the window and the day the
    rate is back at 90 % with no new filing. Below 90 % first, the most needed first.

    One query: the window's summary hours grouped by account, code and UTC day (the day
    a figure is counted on, as in ``account_code_rates``); then the names of the accounts
    and codes not in ``known`` (``{"accounts": {pk: account}, "codes": {pk: code}}``, the
    names the page has already read), a query each when any is missing."""
    accounts = PlatformAccount.objects.visible_to(user).values("pk")
    start = midnight_of(window_start(today))
    end = midnight_of(today + dt.timedelta(days=1))
    days: defaultdict[tuple[int, int], dict] = defaultdict(dict)
    with unscoped("the platform judges the firm's account on every client's complaints"):
        grouped = list(
            OutcomeHour.objects.filter(
                Q(hour__gte=start, hour__lt=end) & ~Q(hour=UNDATED),
                account_key__in=accounts,
            )
            .exclude(reason_key=0)
            .annotate(day=TruncDate("hour", tzinfo=dt.UTC))
            .values("account_key", "reason_key", "day")
            .annotate(**{c: Sum(c, default=0) for c in (*ACCEPTED, "rejected")})
            .order_by()
        )
    for row in grouped:
        accepted = sum(row[c] for c in ACCEPTED)
        if accepted or row["rejected"]:
            days[row["account_key"], row["reason_key"]][row["day"]] = (accepted, row["rejected"])
    if not days:
        return []
    known = known or {}
    names = dict(known.get("accounts", {}))
    if missing := {a for a, _c in days} - names.keys():
        query = PlatformAccount.objects.visible_to(user).select_related("group")
        query = query.only("registrant_name", "login_email", "group__name", "group__name_zh")
        names |= query.in_bulk(missing)
    codes = dict(known.get("codes", {}))
    if missing := {c for _a, c in days} - codes.keys():
        query = ReasonCode.objects.visible_to(user).only("code", "label_en", "label_zh")
        codes |= query.in_bulk(missing)
    rows = []
    for (account_key, code_key), per_day in days.items():
        found: Forecast = forecast(per_day, today)
        if not found.rates.decided:
            continue
        account, code = names.get(account_key), codes.get(code_key)
        rows.append(
            {"key": f"{account or account_key} · {code or code_key}", "account": account,
             "code": code, "forecast": found}
        )  # fmt: skip
    return sorted(
        rows,
        key=lambda r: (not r["forecast"].below, -r["forecast"].rates.accepted_needed, r["key"]),
    )


def forecasts_key(user, today: dt.date) -> str:
    """Per readers who see the same rows, day and language (the rows' names)."""
    return f"forecasts:{reader_scope(user)}:{today:%Y%m%d}:{translation.get_language()}"


def kept_forecasts(user, today: dt.date, known: dict | None = None) -> list[dict]:
    """``forecasts`` kept ``DASHBOARD_CACHE_SECONDS`` (see ``forecasts_key``), like the
    numbers they sit beside."""
    key = forecasts_key(user, today)
    found = cache.get(key)
    if found is None:
        found = forecasts(user, today, known)
        cache.set(key, found, settings.DASHBOARD_CACHE_SECONDS)
    return found
