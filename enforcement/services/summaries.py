"""Keep the outcome summary (models/summaries.py) right: counted as records change, and
recomputed from the raw rows on demand.

Every service that moves a link's outcome, brings a complaint's links into the count
(filing it, or withdrawing a draft), records a counter-notice or settles one, adds its
changes to a :class:`Tally` and saves it before its transaction ends, so the summary and
the records it counts commit together or not at all. Saving increments in the database
(``UPDATE … SET n = n + delta`` on a row first made to exist by ``INSERT … ON CONFLICT DO
NOTHING``): two services counting into the same row at once each add their own delta, and
rows are touched in key order, so two of them cannot lock each other's rows crosswise.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import F

from clients.scoping import unscoped

from ..models import Complaint, ComplaintLink, CounterNotice, Dispute, OutcomeHour, OutcomeTotal
from ..models.summaries import COUNT_COLUMNS, KEY_COLUMNS, OUTCOME_COLUMNS, UNDATED

SYSTEM = "the outcome summary counts every client's records"

# Links of complaints in these states are counted (drafts are not the client's case yet).
COUNTED_STATES = (Complaint.State.SUBMITTED, Complaint.State.WITHDRAWN)
# The firm settled the notice: the seller won without a dispute.
CONCEDED_STATUSES = (
    CounterNotice.Status.ACCEPTED,
    CounterNotice.Status.WITHDRAWN,
    CounterNotice.Status.LAPSED,
)

Dims = tuple[int, int, int, int]  # client, platform, account (0: none), reason code (0: none)


def hour_of(moment: dt.datetime | None) -> dt.datetime:
    """The UTC hour a moment falls in; a missing moment counts at UNDATED."""
    if moment is None:
        return UNDATED
    return moment.astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)


def midnight_of(day: dt.date) -> dt.datetime:
    """Where a figure known by its date only is counted: that date's midnight UTC."""
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def complaint_dims(complaint: Complaint, client_id: int | None = None) -> Dims:
    return (
        client_id or complaint.client_id,
        complaint.platform_id,
        complaint.account_id or 0,
        complaint.reason_code_id or 0,
    )


@dataclass
class Tally:
    """Changes to the summary, gathered during one service and saved once."""

    deltas: defaultdict[tuple, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, hour: dt.datetime, dims: Dims, column: str, n: int = 1) -> None:
        if column not in COUNT_COLUMNS:
            raise ValueError(column)
        self.deltas[(hour, *dims)][column] += n

    def link(self, complaint: Complaint, outcome: str, at: dt.datetime | None, n: int = 1):
        if complaint.state in COUNTED_STATES:
            self.add(hour_of(at), complaint_dims(complaint), outcome, n)

    @unscoped(SYSTEM)
    def save(self) -> None:
        for model, with_hour in ((OutcomeHour, True), (OutcomeTotal, False)):
            merged: defaultdict[tuple, Counter] = defaultdict(Counter)
            for key, counts in self.deltas.items():
                merged[key if with_hour else key[1:]].update(counts)
            changes = {
                key: {c: n for c, n in counts.items() if n}
                for key, counts in sorted(merged.items())
                if any(counts.values())
            }
            if not changes:
                continue
            names = (("hour",) if with_hour else ()) + KEY_COLUMNS
            model.objects.bulk_create(
                [model(**dict(zip(names, key, strict=True))) for key in changes],
                ignore_conflicts=True,
            )
            for key, counts in changes.items():
                model.objects.filter(**dict(zip(names, key, strict=True))).update(
                    **{c: F(c) + n for c, n in counts.items()}
                )
        self.deltas.clear()


def links_entered(complaint: Complaint) -> None:
    """The complaint was filed (or a draft withdrawn): its links now count as reported."""
    tally = Tally()
    pairs = Counter(complaint.links.values_list("outcome", "outcome_at"))
    for (outcome, at), n in pairs.items():
        tally.link(complaint, outcome, at, n)
    tally.save()


def notice_received(notice: CounterNotice, complaint: Complaint) -> None:
    tally = Tally()
    tally.add(hour_of(notice.received_at), complaint_dims(complaint, notice.client_id), "notices")
    tally.save()


def notice_decided(notice: CounterNotice) -> None:
    """A notice the firm accepted, withdrew or let lapse is settled (the seller won); a
    rejected one is settled by the platform's dispute decision instead."""
    if notice.status in CONCEDED_STATUSES and notice.decided_at is not None:
        tally = Tally()
        dims = complaint_dims(notice.complaint, notice.client_id)
        tally.add(hour_of(notice.decided_at), dims, "conceded")
        tally.save()


def dispute_decided(dispute: Dispute) -> None:
    notice = dispute.notice
    settled = dispute.status in (Dispute.Status.REVERSED, Dispute.Status.UPHELD)
    if notice.status == CounterNotice.Status.REJECTED and settled and dispute.decided_on:
        tally = Tally()
        dims = complaint_dims(notice.complaint, notice.client_id)
        tally.add(midnight_of(dispute.decided_on), dims, str(dispute.status))
        tally.save()


# --- Recomputing from the raw rows ---------------------------------------------------------


@dataclass(frozen=True)
class Models:
    """The models the recomputation reads and writes (a migration passes its own)."""

    link: type
    complaint: type
    notice: type
    dispute: type
    hour: type
    total: type

    @classmethod
    def current(cls) -> Models:
        return cls(ComplaintLink, Complaint, CounterNotice, Dispute, OutcomeHour, OutcomeTotal)

    @classmethod
    def from_apps(cls, apps) -> Models:
        names = ("ComplaintLink", "Complaint", "CounterNotice", "Dispute")
        names += ("OutcomeHour", "OutcomeTotal")
        return cls(*(apps.get_model("enforcement", name) for name in names))


@dataclass
class Difference:
    table: str
    missing: int  # rows the raw records give that the summary lacks or has otherwise
    extra: int  # rows of the summary the raw records do not give
    samples: list[str]

    @property
    def differs(self) -> bool:
        return bool(self.missing or self.extra)


@dataclass
class Report:
    differences: list[Difference]
    rows: int
    rebuilt: bool

    @property
    def differs(self) -> bool:
        return any(d.differs for d in self.differences)


EXPECTED = "enforcement_outcome_expected"
# The SQL below is put together from the models' own table and column names and from
# constants of this module; nothing in it comes from input (hence the S608 exemptions).


def _sql_pieces(vendor: str):
    if vendor == "postgresql":
        return (
            lambda col: (
                f"CASE WHEN {col} IS NULL THEN TIMESTAMPTZ '1970-01-01 00:00:00+00' "
                f"ELSE date_trunc('hour', {col} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' END"
            ),
            lambda col: f"(CAST({col} AS timestamp) AT TIME ZONE 'UTC')",
        )
    # SQLite keeps moments as UTC text, 'YYYY-MM-DD HH:MM:SS[.ffffff]', and dates as
    # 'YYYY-MM-DD'; an hour written by Django reads 'YYYY-MM-DD HH:00:00'.
    return (
        lambda col: (
            f"CASE WHEN {col} IS NULL THEN '1970-01-01 00:00:00' "
            f"ELSE strftime('%Y-%m-%d %H:00:00', {col}) END"
        ),
        lambda col: f"({col} || ' 00:00:00')",
    )


def _expected_sql(m: Models, vendor: str) -> str:
    """One row per (hour, client, platform, account, reason code) with every count, from
    the links, counter-notices and disputes: set-based, one pass over each table."""
    hour, midnight = _sql_pieces(vendor)
    q = connection.ops.quote_name

    def col(alias, model, name):
        return f"{alias}.{q(model._meta.get_field(name).column)}"

    def table(model):
        return q(model._meta.db_table)

    def counts(**given):
        return ", ".join(f"{given.get(name, '0')} AS {name}" for name in COUNT_COLUMNS)

    def listed(values):
        return ", ".join(f"'{v}'" for v in values)

    c, n, d = "c", "n", "d"
    dims = (
        f"{col(c, m.complaint, 'platform')} AS platform_id, "
        f"COALESCE({col(c, m.complaint, 'account')}, 0) AS account_key, "
        f"COALESCE({col(c, m.complaint, 'reason_code')}, 0) AS reason_key"
    )
    outcome = col("l", m.link, "outcome")
    by_outcome = {o: f"CASE WHEN {outcome} = '{o}' THEN 1 ELSE 0 END" for o in OUTCOME_COLUMNS}
    links = (
        f"SELECT {hour(col('l', m.link, 'outcome_at'))} AS hour, "  # noqa: S608
        f"{col(c, m.complaint, 'client')} AS client_id, {dims}, {counts(**by_outcome)} "
        f"FROM {table(m.link)} l JOIN {table(m.complaint)} c "
        f"ON c.{q('id')} = {col('l', m.link, 'complaint')} "
        f"WHERE {col(c, m.complaint, 'state')} IN ({listed(COUNTED_STATES)})"
    )
    notice_rows = (
        f"{col(n, m.notice, 'client')} AS client_id, {dims}, %s "
        f"FROM {table(m.notice)} n JOIN {table(m.complaint)} c "
        f"ON c.{q('id')} = {col(n, m.notice, 'complaint')}"
    )
    status, decided_at = col(n, m.notice, "status"), col(n, m.notice, "decided_at")
    received = f"SELECT {hour(col(n, m.notice, 'received_at'))} AS hour, " + notice_rows % (
        counts(notices="1")
    )
    conceded = (
        f"SELECT {hour(decided_at)} AS hour, " + notice_rows % counts(conceded="1")
        + f" WHERE {status} IN ({listed(CONCEDED_STATUSES)}) AND {decided_at} IS NOT NULL"
    )  # fmt: skip
    verdict, decided_on = col(d, m.dispute, "status"), col(d, m.dispute, "decided_on")
    disputes = (
        f"SELECT {midnight(decided_on)} AS hour, " + notice_rows % counts(
            reversed=f"CASE WHEN {verdict} = 'reversed' THEN 1 ELSE 0 END",
            upheld=f"CASE WHEN {verdict} = 'upheld' THEN 1 ELSE 0 END",
        )
        + f" JOIN {table(m.dispute)} d ON {col(d, m.dispute, 'notice')} = n.{q('id')}"
        + f" WHERE {status} = 'rejected' AND {verdict} IN ('reversed', 'upheld')"
        + f" AND {decided_on} IS NOT NULL"
    )  # fmt: skip
    keys = ", ".join(("hour", *KEY_COLUMNS))
    sums = ", ".join(f"SUM({name}) AS {name}" for name in COUNT_COLUMNS)
    parts = " UNION ALL ".join((links, received, conceded, disputes))
    return f"SELECT {keys}, {sums} FROM ({parts}) src GROUP BY {keys}"  # noqa: S608


def _compare(cursor, table: str, expected: str, actual: str, columns: str) -> Difference:
    """Rows of ``expected`` that ``actual`` lacks (or holds other counts in), and the
    reverse; a summary row of zeros is no row."""
    nonzero = " OR ".join(f"{name} <> 0" for name in COUNT_COLUMNS)
    actual_rows = f"SELECT {columns} FROM {actual} WHERE {nonzero}"  # noqa: S608
    found = []
    for first, second in ((expected, actual_rows), (actual_rows, expected)):
        rows = f"SELECT {columns} FROM ({first}) a EXCEPT SELECT {columns} FROM ({second}) b"  # noqa: S608
        cursor.execute(f"SELECT COUNT(*) FROM ({rows}) x")  # noqa: S608
        count = cursor.fetchone()[0]
        cursor.execute(f"SELECT * FROM ({rows}) x ORDER BY 1, 2, 3, 4 LIMIT 5")  # noqa: S608
        found.append((count, [" ".join(map(str, row)) for row in cursor.fetchall()]))
    (missing, want), (extra, have) = found
    samples = [f"expected {row}" for row in want] + [f"found {row}" for row in have]
    return Difference(table, missing, extra, [f"({columns})", *samples] if samples else [])


@unscoped(SYSTEM)
def rebuild_summary(*, check_only: bool = False, models: Models | None = None) -> Report:
    """Recompute the summary from the raw rows, report how it differs, and (unless
    ``check_only``) replace it where it does. Writers wait meanwhile, so no count is lost
    or doubled."""
    m = models or Models.current()
    q = connection.ops.quote_name
    hours, totals = q(m.hour._meta.db_table), q(m.total._meta.db_table)
    keys, counts = ", ".join(KEY_COLUMNS), ", ".join(COUNT_COLUMNS)
    sums = ", ".join(f"SUM({c}) AS {c}" for c in COUNT_COLUMNS)
    expected_totals = f"SELECT {keys}, {sums} FROM {EXPECTED} GROUP BY {keys}"  # noqa: S608
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Writers add to the summary in the transaction that changes the records, so
            # while this holds the tables, every change is either in the raw rows it reads
            # and in the summary it replaces, or in neither yet.
            cursor.execute(f"LOCK TABLE {hours}, {totals} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(f"DROP TABLE IF EXISTS {EXPECTED}")
        expected = _expected_sql(m, connection.vendor)
        cursor.execute(f"CREATE TEMPORARY TABLE {EXPECTED} AS {expected}")
        try:
            differences = [
                _compare(cursor, "per hour", f"SELECT * FROM {EXPECTED}", hours,  # noqa: S608
                         f"hour, {keys}, {counts}"),
                _compare(cursor, "totals", expected_totals, totals, f"{keys}, {counts}"),
            ]  # fmt: skip
            cursor.execute(f"SELECT COUNT(*) FROM {EXPECTED}")  # noqa: S608
            rows = cursor.fetchone()[0]
            rebuild = not check_only and any(d.differs for d in differences)
            if rebuild:
                cursor.execute(f"DELETE FROM {hours}")  # noqa: S608
                cursor.execute(
                    f"INSERT INTO {hours} (hour, {keys}, {counts}) "  # noqa: S608
                    f"SELECT hour, {keys}, {counts} FROM {EXPECTED}"
                )
                cursor.execute(f"DELETE FROM {totals}")  # noqa: S608
                cursor.execute(f"INSERT INTO {totals} ({keys}, {counts}) {expected_totals}")
        finally:
            cursor.execute(f"DROP TABLE IF EXISTS {EXPECTED}")
    return Report(differences, rows, rebuilt=rebuild)
