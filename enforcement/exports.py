"""Exports that stream: rows leave as they are read, so memory does not grow with them.

Each export is one query read through ``.iterator(chunk_size=…)`` (a server-side cursor on
PostgreSQL) of plain values the database already formatted, not model instances, written
through ``clients.csv_safe.writer`` (a cell that starts like a formula is quoted) into a
buffer emptied after every chunk of ``CHUNK_ROWS`` lines.
The caller checks permissions and builds the scoped queryset before the response starts;
a queryset from ``visible_to`` stays scoped while the server reads it after the view
returned.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from itertools import batched, groupby
from operator import itemgetter

from django.db.models import Case, CharField, F, QuerySet, Value, When
from django.db.models.functions import Cast, TruncDate
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from clients import csv_safe

from .models import ComplaintLink

Outcome = ComplaintLink.Outcome

CHUNK_ROWS = 2000  # lines per chunk sent, and rows per fetch from the database cursor

LISTING_COLUMNS = ["complaint", "platform", "listing", "status", "reported", "decided"]
COMPLAINT_COLUMNS = [
    "complaint", "part", "line", "platform", "kind", "canonical_id", "url", "outcome"
]  # fmt: skip

# The header a reader sees: the column's name in their language (in English the stable
# name itself). ``?headers=en`` gives the stable names whatever the language, for programs.
HEADER_LABELS = {
    "complaint": pgettext_lazy("CSV header", "complaint"),
    "platform": pgettext_lazy("CSV header", "platform"),
    "listing": pgettext_lazy("CSV header", "listing"),
    "status": pgettext_lazy("CSV header", "status"),
    "reported": pgettext_lazy("CSV header", "reported"),
    "decided": pgettext_lazy("CSV header", "decided"),
    "part": pgettext_lazy("CSV header", "part"),
    "line": pgettext_lazy("CSV header", "line"),
    "kind": pgettext_lazy("CSV header", "kind"),
    "canonical_id": pgettext_lazy("CSV header", "canonical_id"),
    "url": pgettext_lazy("CSV header", "url"),
    "outcome": pgettext_lazy("CSV header", "outcome"),
}


def header(columns: Sequence[str], request=None) -> list[str]:
    """The CSV header in the reader's language, or the stable English names with
    ``?headers=en``."""
    if request is not None and request.GET.get("headers") == "en":
        return list(columns)
    return [str(HEADER_LABELS.get(column, column)) for column in columns]


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def csv_lines(header: Sequence, rows: Iterable[Sequence]) -> Iterator[str]:
    """The header first, then the rows, ``CHUNK_ROWS`` lines to a chunk; the buffer holds
    one chunk at a time (None is written as an empty field)."""
    buffer = io.StringIO()
    writer = csv_safe.writer(buffer)  # a cell that starts like a formula is quoted
    writer.writerow(header)
    yield _drain(buffer)
    for chunk in batched(rows, CHUNK_ROWS):
        writer.writerows(chunk)
        yield _drain(buffer)


def attachment(chunks: Iterable[str], *, filename: str, content_type: str):
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _outcome_label() -> Case:
    # The labels are read while the request's language is active, before the stream starts.
    return Case(
        *(When(outcome=value, then=Value(str(label))) for value, label in Outcome.choices),
        default=F("outcome"),
        output_field=CharField(),
    )


def _local_day(field: str, zone: dt.tzinfo) -> Cast:
    """The moment's date in ``zone`` as text, made by the database: no datetime objects to
    build for every row (that alone halves the time of a 220,000-row export)."""
    return Cast(TruncDate(field, tzinfo=zone), CharField())


def listing_columns(zone: dt.tzinfo, request=None) -> list[str]:
    """The listings CSV's header; its dates are days in the reader's zone, named there
    for a person. With ``?headers=en`` the names stay the stable ones a program reads
    (the days are still the reader's)."""
    names = header(LISTING_COLUMNS, request)
    if request is not None and request.GET.get("headers") == "en":
        return names
    return [*names[:4], *(f"{name} ({zone})" for name in names[4:])]


def listing_rows(links: QuerySet, zone: dt.tzinfo | None = None) -> Iterator[tuple]:
    """The portal's listings CSV: one row per reported link, by complaint and line, its
    dates the days in ``zone`` (the reader's: the day the portal's own pages show)."""
    zone = zone or timezone.get_current_timezone()
    return (
        links.order_by("complaint_id", "position")
        .annotate(
            status=_outcome_label(),
            reported=_local_day("complaint__submitted_at", zone),
            decided=_local_day("outcome_at", zone),
        )
        .values_list(
            "complaint_id",
            "complaint__platform__name",
            "listing__canonical_url",
            "status",
            "reported",
            "decided",
        )
        .iterator(chunk_size=CHUNK_ROWS)
    )


def _by_part(links: QuerySet) -> QuerySet:
    return links.order_by("complaint__batch_index", "complaint_id", "position")


def complaint_rows(links: QuerySet) -> Iterator[tuple]:
    """A complaint's (or its batch's) links, part by part, line by line."""
    return (
        _by_part(links)
        .values_list(
            "complaint_id",
            "complaint__batch_index",
            "position",
            "complaint__platform__code",
            "listing__kind",
            "listing__canonical_id",
            "listing__canonical_url",
            "outcome",
        )
        .iterator(chunk_size=CHUNK_ROWS)
    )


def complaint_text(part_ids: Sequence[int], links: QuerySet) -> Iterator[str]:
    """Copy-ready addresses: one line each, a blank line between parts (an empty part
    keeps its empty block), a newline at the end."""
    rows = (
        _by_part(links)
        .values_list("complaint_id", "listing__canonical_url")
        .iterator(chunk_size=CHUNK_ROWS)
    )
    groups = groupby(rows, key=itemgetter(0))
    current = next(groups, None)
    for index, part_id in enumerate(part_ids):
        if index:
            yield "\n\n"
        if current is None or current[0] != part_id:
            continue
        lines: list[str] = []
        first = True
        for _part, url in current[1]:
            lines.append(url)
            if len(lines) >= CHUNK_ROWS:
                yield ("" if first else "\n") + "\n".join(lines)
                lines, first = [], False
        if lines:
            yield ("" if first else "\n") + "\n".join(lines)
        current = next(groups, None)
    yield "\n"
