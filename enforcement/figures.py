"""The figures the pages show (success rates, outcome counts per month), read from the
outcome summary (models/summaries.py) instead of counted from every link.

They are the figures the raw rows give: a period is the reader's days in the reader's time
zone, as the ``__date`` lookups on the raw rows read it. The summary's whole UTC hours
cover it; what a half-hour zone leaves at its edges, and any hour in which one of the
reader's months begins, is counted from the raw rows (a handful of minutes, indexed).
"""

from __future__ import annotations

import datetime as dt
import operator
import zoneinfo
from collections import Counter, defaultdict
from functools import reduce

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone, translation

from clients.models import Client
from clients.roles import STAFF_ROLES
from clients.scoping import reader_scope

from .filing_risk import forecasts, forecasts_key
from .models import (
    ComplaintLink,
    CounterNotice,
    OutcomeHour,
    OutcomeTotal,
    PlatformAccount,
    ReasonCode,
)
from .models.summaries import OUTCOME_COLUMNS, UNDATED
from .rules import periods
from .rules.counter_notices import Rates
from .rules.outcomes import ACCEPTED, DECIDED, quantile_of_counts
from .services.summaries import CONCEDED_STATUSES, COUNTED_STATES, midnight_of

# The last moment of an hour: an hour in which one of the reader's months begins ends in
# another month than it began.
_END_OF_HOUR = dt.timedelta(minutes=59, seconds=59)


def _plus(columns) -> F:
    return reduce(operator.add, (F(c) for c in sorted(columns)))


def reason_code_rates(queryset: QuerySet, user) -> QuerySet:
    """Each reason code's decided notices and how many the platforms accepted."""
    totals = (
        OutcomeTotal.objects.visible_to(user).filter(reason_key=OuterRef("pk")).values("reason_key")
    )

    def total(columns):
        return Coalesce(Subquery(totals.annotate(n=Sum(_plus(columns))).values("n")), 0)

    return queryset.annotate(decided=total(DECIDED), accepted=total(ACCEPTED))


def add_reason_code_rates(user, codes: list) -> None:
    """``decided`` and ``accepted`` on each shown reason code, from one grouped query over
    the summary (not two correlated subqueries per row, nor in the list's count)."""
    found = {
        row["reason_key"]: row
        for row in OutcomeTotal.objects.visible_to(user)
        .filter(reason_key__in=[c.pk for c in codes])
        .values("reason_key")
        .annotate(decided=Sum(_plus(DECIDED)), accepted=Sum(_plus(ACCEPTED)))
        .order_by()
    } if codes else {}  # fmt: skip
    for code in codes:
        row = found.get(code.pk, {})
        code.decided, code.accepted = row.get("decided") or 0, row.get("accepted") or 0


def _within(field: str, ranges) -> Q:
    parts = (Q(**{f"{field}__gte": a, f"{field}__lt": b}) for a, b in ranges)
    return reduce(operator.or_, parts, Q(pk__in=[]))


def monthly_outcomes(hours: QuerySet, links: QuerySet, zone, edges=()) -> dict:
    """Link outcomes per month of the reader (TruncMonth's moments), from the summary
    ``hours`` (dated, already narrowed to the period's whole hours) and, for ``edges`` and
    the hours in which a month begins, the raw ``links`` (narrowed the same way)."""
    months: defaultdict[dt.datetime, Counter] = defaultdict(Counter)
    split = []
    for row in (
        hours.annotate(
            m1=TruncMonth("hour", tzinfo=zone),
            m2=TruncMonth(
                ExpressionWrapper(F("hour") + Value(_END_OF_HOUR), output_field=DateTimeField()),
                tzinfo=zone,
            ),
        )
        .values("m1", "m2")
        .annotate(**{c: Sum(c) for c in OUTCOME_COLUMNS})
        .order_by()
    ):
        m1, m2 = row.pop("m1"), row.pop("m2")
        if m1 == m2:
            months[m1].update(row)
        else:  # a month begins inside this hour: its links are counted one by one
            start = periods.floor_hour(periods.day_start(m2.date(), zone))
            split.append((start, start + periods.HOUR))
    raw = _raw_link_rows(links, zone, edges, split)
    for row in raw:
        months[row["month"]][row["outcome"]] += row["n"]
    return months, raw


def _raw_link_rows(links: QuerySet, zone, edges, split) -> list[dict]:
    if not edges and not split:
        return []
    return list(
        links.filter(_within("outcome_at", [*edges, *split]))
        .annotate(
            month=TruncMonth("outcome_at", tzinfo=zone),
            edge=Case(When(_within("outcome_at", edges), then=Value(True)), default=Value(False)),
        )
        .values(
            "month",
            "edge",
            "outcome",
            "complaint__client",
            "complaint__account",
            "complaint__reason_code",
        )  # fmt: skip
        .annotate(n=Count("pk"))
        .order_by()
    )


# --- The numbers page ------------------------------------------------------------------


def _link_counts(c: Counter) -> dict:
    accepted = sum(c[o] for o in ACCEPTED)
    return {
        "accepted": accepted,
        "decided": accepted + c["rejected"],
        **{f"n_{o}": c[o] for o in ("removed", "rejected", "countered", "restored", "withdrawn")},
    }


def _rates(c: Counter) -> Rates:
    accepted = sum(c[o] for o in ACCEPTED)
    won = c["conceded"] + c["reversed"]
    return Rates(
        accepted=accepted, decided=accepted + c["rejected"],
        seller_won=won, notices_decided=won + c["upheld"],
    )  # fmt: skip


GROUPS = (
    # (key in the summary, key in the raw links, key in the raw notices, model named)
    ("account_key", "complaint__account", "complaint__account", PlatformAccount),
    ("client", "complaint__client", "client", Client),
    ("reason_key", "complaint__reason_code", "complaint__reason_code", ReasonCode),
)

NAMED_BY = {
    PlatformAccount: ("registrant_name", "login_email", "group__name", "group__name_zh"),
    Client: ("legal_name", "chinese_name"),
    ReasonCode: ("label_en", "label_zh"),
}


def success_numbers(user, start: dt.date, end: dt.date, client=None, account=None) -> dict:
    """Takedown and counter-notice success, computed from the recorded outcomes only.

    Takedown success = accepted notices / decided notices (each reported link is a notice;
    decided when the platform acted on it, in the period). Counter-notice success = notices
    the seller won / counter-notices settled in the period (the firm accepted, withdrew or let
    the window lapse, or the platform reversed the firm's rejection). A row is listed for
    every account, client and reason code with an outcome in the period or a counter-notice
    at all.
    """
    zone = timezone.get_current_timezone()
    span = periods.local_days(start, end, zone)
    hours = OutcomeHour.objects.visible_to(user)
    totals = OutcomeTotal.objects.visible_to(user)
    links = ComplaintLink.objects.visible_to(user).filter(complaint__state__in=COUNTED_STATES)
    notices = CounterNotice.objects.visible_to(user)
    if client is not None:
        hours, totals = hours.filter(client=client), totals.filter(client=client)
        links, notices = links.filter(complaint__client=client), notices.filter(client=client)
    if account is not None:
        hours, totals = hours.filter(account_key=account.pk), totals.filter(account_key=account.pk)
        links = links.filter(complaint__account=account)
        notices = notices.filter(complaint__account=account)

    dated = Q(hour__gte=span.first_hour, hour__lt=span.end_hour) & ~Q(hour=UNDATED)
    # A dispute decision counts by its date, whatever the reader's zone (see the model).
    dayed = Q(hour__gte=midnight_of(start), hour__lt=midnight_of(end + dt.timedelta(days=1)))
    sums = {c: Sum(c, filter=dated, default=0) for c in (*OUTCOME_COLUMNS, "conceded")}
    sums |= {c: Sum(c, filter=dayed, default=0) for c in ("reversed", "upheld")}
    in_period = hours.filter(dated | dayed)
    grouped: dict[str, defaultdict[int, Counter]] = {}
    for key, *_rest in GROUPS:
        grouped[key] = defaultdict(Counter)
        for row in in_period.values(key).annotate(**sums).order_by():
            grouped[key][row.pop(key)].update(row)

    months, raw = monthly_outcomes(hours.filter(dated), links, zone, span.edges)
    for row in raw:
        if row["edge"]:
            for key, link_key, _notice_key, _model in GROUPS:
                grouped[key][row[link_key] or 0][row["outcome"]] += row["n"]
    if span.edges:
        for row in (
            notices.filter(_within("decided_at", span.edges), status__in=CONCEDED_STATUSES)
            .values(*(notice_key for _k, _l, notice_key, _m in GROUPS))
            .annotate(n=Count("pk"))
            .order_by()
        ):
            for key, _link_key, notice_key, _model in GROUPS:
                grouped[key][row[notice_key] or 0]["conceded"] += row["n"]

    # Every account, client and reason code with a counter-notice has its row, as when
    # the notices were counted one by one.
    with_notices = set(
        totals.filter(notices__gt=0).values_list("account_key", "client", "reason_key").distinct()
    )

    def table(index: int, key: str, model) -> list[dict]:
        found = grouped[key]
        keys = {k for k, c in found.items() if sum(c[o] for o in OUTCOME_COLUMNS)}
        keys |= {row[index] for row in with_notices}
        keys.discard(0)  # no account or no reason code: in the overall figures only
        # What the rows print (their names), not every field: there may be thousands.
        query = model.objects.visible_to(user).filter(pk__in=keys).only(*NAMED_BY[model])
        if model is PlatformAccount:
            query = query.select_related("group")
        names = {o.pk: o for o in query}
        rows = []
        for k in keys:
            c = found.get(k, Counter())
            has_links = sum(c[o] for o in OUTCOME_COLUMNS) > 0
            rows.append({"key": names.get(k, k), "rates": _rates(c),
                         "counts": _link_counts(c) if has_links else {}})  # fmt: skip
        return sorted(rows, key=lambda r: str(r["key"]))

    overall = sum(grouped["client"].values(), Counter())
    return {
        "start": start,
        "end": end,
        "overall": {"key": None, "rates": _rates(overall), "counts": _link_counts(overall)},
        "by_account": table(0, "account_key", PlatformAccount),
        "by_client": table(1, "client", Client),
        "by_reason": table(2, "reason_key", ReasonCode),
        "months": _months_of(months),
    }


def numbers_key(user, start, end, client=None, account=None) -> str:
    """Where ``success_numbers`` are kept: per readers who see the same rows, period,
    filter, time zone (the months and days) and language (the names)."""
    return (
        f"numbers:{reader_scope(user)}:{start:%Y%m%d}:{end:%Y%m%d}:"
        f"{getattr(client, 'pk', 0)}:{getattr(account, 'pk', 0)}:"
        f"{timezone.get_current_timezone_name()}:{translation.get_language()}"
    )


def kept_success_numbers(user, start, end, client=None, account=None) -> dict:
    """``success_numbers`` kept ``DASHBOARD_CACHE_SECONDS`` (see ``numbers_key``): the
    page's paging and name filter read the same figures again instead of regrouping the
    period's summary hours, and the worker keeps the default period's ready
    (``warm_numbers``)."""
    key = numbers_key(user, start, end, client, account)
    found = cache.get(key)
    if found is None:
        found = success_numbers(user, start, end, client, account)
        cache.set(key, found, settings.DASHBOARD_CACHE_SECONDS)
    return found


def named_in(numbers: dict) -> dict:
    """The accounts and reason codes the numbers' tables have named already, by pk."""
    return {
        "accounts": {r["key"].pk: r["key"] for r in numbers["by_account"]
                     if hasattr(r["key"], "pk")},
        "codes": {r["key"].pk: r["key"] for r in numbers["by_reason"]
                  if hasattr(r["key"], "pk")},
    }  # fmt: skip


def warm_numbers() -> int:
    """Keep the numbers page's default period ready, as the firm's staff read it: one
    computation per time zone and language in which one of them reads (the figures differ
    by neither person nor role among staff, see ``reader_scope``). Returns how many were
    kept. Run by the worker more often than the figures expire, so a visit of the page as
    it opens reads them from the cache."""
    readers: dict[tuple[str, str], object] = {}
    staff = get_user_model().objects.filter(is_active=True, role__in=STAFF_ROLES)
    for user in staff.order_by("pk"):
        readers.setdefault((user.time_zone, user.language), user)
    for (zone, language), user in readers.items():
        with timezone.override(zoneinfo.ZoneInfo(zone)), translation.override(language):
            today = timezone.localdate()
            start, end = periods.default_period(today)
            numbers = success_numbers(user, start, end)
            seconds = settings.DASHBOARD_CACHE_SECONDS
            cache.set(numbers_key(user, start, end), numbers, seconds)
            ahead = forecasts(user, today, named_in(numbers))
            cache.set(forecasts_key(user, today), ahead, seconds)
    return len(readers)


def _months_of(months: dict) -> list[dict]:
    out = []
    for moment in sorted(months):
        c = months[moment]
        if not sum(c[o] for o in OUTCOME_COLUMNS):
            continue
        counts = _link_counts(c)
        accepted, decided = counts["accepted"], counts["decided"]
        month = moment.date() if hasattr(moment, "date") else moment
        out.append({"month": month, "accepted": accepted, "decided": decided,
                    "rate": accepted / decided if decided else None})  # fmt: skip
    return out


# --- The portal's overview ------------------------------------------------------------


def portal_figures(
    totals: QuerySet, hours: QuerySet, links: QuerySet, zone, since: dt.date | None = None
) -> dict:
    """A client's links: reported, taken down, pending, restored; and per month, the
    removed ones and the others, for the months with a decision (from the month of
    ``since`` on, when given: only the summary hours from its first moment are read)."""
    c = Counter(totals.aggregate(**{o: Sum(o, default=0) for o in OUTCOME_COLUMNS}))
    counts = {
        "reported": sum(c[o] for o in OUTCOME_COLUMNS),
        "removed": c["removed"],
        "pending": c["pending"] + c["countered"],
        "restored": c["restored"],
        **{k: v for k, v in _link_counts(c).items() if k in ("accepted", "decided")},
    }
    hours = hours.exclude(hour=UNDATED)
    first = None
    if since is not None:
        first = dt.datetime.combine(since.replace(day=1), dt.time(), tzinfo=zone)
        # The hour in which that month begins is read whole; in a half-hour zone its
        # first minutes are the month before's, dropped below.
        hours = hours.filter(hour__gte=periods.floor_hour(periods.day_start(first.date(), zone)))
    by_month, _raw = monthly_outcomes(hours, links, zone)
    months = []
    for moment in sorted(by_month):
        if first is not None and moment < first:
            continue
        m = by_month[moment]
        removed, other = m["removed"], sum(m[o] for o in OUTCOME_COLUMNS) - m["removed"]
        if removed or other:
            months.append({"month": moment, "removed": removed, "other": other})
    return {"counts": counts, "months": months}


# --- The staff dashboard ---------------------------------------------------------------

DASHBOARD_MONTHS = 6
DASHBOARD_ACCOUNTS = 8


def month_starts(today: dt.date, months: int = DASHBOARD_MONTHS) -> list[dt.date]:
    """The first days of the last ``months`` months, today's month last."""
    year, month, out = today.year, today.month, []
    for _ in range(months):
        out.append(dt.date(year, month, 1))
        month, year = (month - 1, year) if month > 1 else (12, year - 1)
    return out[::-1]


def takedowns_per_platform(user, today: dt.date, months: int = DASHBOARD_MONTHS) -> dict:
    """Links the platforms removed (still removed today) per platform and month of the
    reader's zone, over the last ``months`` months, from the summary's hours. One query.

    An hour counts in the month it begins in: exact in every zone whose offset is whole
    hours (the firm's and most); a half-hour zone moves at most 30 minutes per month."""
    zone = timezone.get_current_timezone()
    firsts = month_starts(today, months)
    start = periods.floor_hour(periods.day_start(firsts[0], zone))
    counts: defaultdict[int, Counter] = defaultdict(Counter)
    for row in (
        OutcomeHour.objects.visible_to(user)
        .filter(hour__gte=start, removed__gt=0)
        .annotate(month=TruncMonth("hour", tzinfo=zone))
        .values("platform__name", "month")
        .annotate(n=Sum("removed"))
        .order_by()
    ):
        counts[row["platform__name"]][row["month"].date()] += row["n"]
    platforms = sorted(
        ({"name": name, "months": [c[m] for m in firsts], "total": c.total()}
         for name, c in counts.items()),
        key=lambda p: (-p["total"], p["name"]),
    )  # fmt: skip
    return {"months": firsts, "platforms": platforms}


TAKEDOWN_DAYS = 90


def time_to_takedown(user, today: dt.date, days: int = TAKEDOWN_DAYS) -> list[dict]:
    """Per platform, the days from filing to removal of the links removed in the reader's
    last ``days`` days (still removed today): how many, the median and the 90th
    percentile, in whole days of the reader's zone (0: removed the day it was filed).

    One grouped query over those links (a range on the indexed removal moment): a row
    per platform and pair of days, a few thousand rows whatever the volume."""
    zone = timezone.get_current_timezone()
    since = periods.day_start(today - dt.timedelta(days=days - 1), zone)
    per_platform: defaultdict[str, Counter] = defaultdict(Counter)
    for row in (
        ComplaintLink.objects.visible_to(user)
        .filter(outcome="removed", outcome_at__gte=since, complaint__submitted_at__isnull=False)
        .annotate(
            filed_on=TruncDate("complaint__submitted_at", tzinfo=zone),
            removed_on=TruncDate("outcome_at", tzinfo=zone),
        )
        .values("complaint__platform__name", "filed_on", "removed_on")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        waited = max((row["removed_on"] - row["filed_on"]).days, 0)
        per_platform[row["complaint__platform__name"]][waited] += row["n"]
    return sorted(
        ({"name": name, "removed": c.total(), "median": quantile_of_counts(c, 0.5),
          "p90": quantile_of_counts(c, 0.9)}
         for name, c in per_platform.items()),
        key=lambda p: (-p["removed"], p["name"]),
    )  # fmt: skip


def busiest_account_rates(user, limit: int = DASHBOARD_ACCOUNTS) -> list[dict]:
    """The ``limit`` platform accounts with the most decided notices (all time), each with
    its takedown and counter-notice rates against the program's thresholds. One query."""
    won = _plus(("conceded", "reversed"))
    rows = list(
        OutcomeTotal.objects.visible_to(user)
        .exclude(account_key=0)
        .values("account_key")
        .annotate(
            accepted=Sum(_plus(ACCEPTED)),
            decided=Sum(_plus(DECIDED)),
            seller_won=Sum(won),
            notices_decided=Sum(won + F("upheld")),
        )
        .filter(decided__gt=0)
        .order_by("-decided", "account_key")[:limit]
    )
    # The names of these few only (a subquery per group would run for every account).
    accounts = (
        PlatformAccount.objects.visible_to(user)
        .filter(pk__in=[row["account_key"] for row in rows])
        .select_related("group")
        .only("registrant_name", "group__name")
        .in_bulk()
        if rows
        else {}
    )
    out = []
    for row in rows:
        rates = Rates(
            accepted=row["accepted"],
            decided=row["decided"],
            seller_won=row["seller_won"],
            notices_decided=row["notices_decided"],
        )
        account = accounts.get(row["account_key"])
        out.append(
            {"pk": row["account_key"], "group": account.group.name if account else "",
             "registrant": account.registrant_name if account else row["account_key"],
             "rates": rates}
        )  # fmt: skip
    return out


NUMBERS_ROWS = 25


def page_of_rows(rows: list[dict], text: str, page: int, size: int | None = None) -> dict:
    """One page of a numbers table, rows named with ``text`` only: the page shows at most
    ``size`` rows of a table that may hold one per client or account."""
    size = size or NUMBERS_ROWS
    text = text.strip().casefold()
    found = [r for r in rows if text in str(r["key"]).casefold()] if text else rows
    pages = max(1, -(-len(found) // size))
    page = min(max(page, 1), pages)
    return {"rows": found[(page - 1) * size : page * size], "page": page, "pages": pages,
            "count": len(found)}  # fmt: skip
