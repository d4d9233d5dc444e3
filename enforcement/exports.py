"""Exports that stream: rows leave as they are read, so memory does not grow with them.

Each export is one query read through ``.iterator(chunk_size=…)`` (a server-side cursor on
PostgreSQL) of plain values, not model instances, written through ``csv.writer`` into a
buffer that hands each line straight back, and sent in chunks of ``CHUNK_ROWS`` lines.
The caller checks permissions and builds the scoped queryset before the response starts;
a queryset from ``visible_to`` stays scoped while the server reads it after the view
returned.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from operator import itemgetter

from django.db.models import QuerySet
from django.http import StreamingHttpResponse

from .models import ComplaintLink

CHUNK_ROWS = 2000  # lines per chunk sent, and rows per fetch from the database cursor

LISTING_COLUMNS = ["complaint", "platform", "listing", "status", "reported", "decided"]
COMPLAINT_COLUMNS = [
    "complaint", "part", "line", "platform", "kind", "canonical_id", "url", "outcome"
]  # fmt: skip


class _Echo:
    """A file for csv.writer that keeps nothing: each written line comes straight back."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence, rows: Iterable[Sequence]) -> Iterator[str]:
    """The header first, then the rows, ``CHUNK_ROWS`` lines to a chunk."""
    writer = csv.writer(_Echo())
    yield writer.writerow(header)
    lines: list[str] = []
    for row in rows:
        lines.append(writer.writerow(row))
        if len(lines) >= CHUNK_ROWS:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def attachment(chunks: Iterable[str], *, filename: str, content_type: str):
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _outcome_labels() -> dict[str, str]:
    # Resolved while the request's language is active, before the stream starts.
    return {value: str(label) for value, label in ComplaintLink.Outcome.choices}


def _day(moment) -> str:
    return moment.date().isoformat() if moment else ""


def listing_rows(links: QuerySet) -> Iterator[list]:
    """The portal's listings CSV: one row per reported link, by complaint and line."""
    labels = _outcome_labels()
    values = links.order_by("complaint_id", "position").values_list(
        "complaint_id",
        "complaint__platform__name",
        "listing__canonical_url",
        "outcome",
        "complaint__submitted_at",
        "outcome_at",
    )

    def rows() -> Iterator[list]:
        for complaint, platform, url, outcome, submitted, decided in values.iterator(
            chunk_size=CHUNK_ROWS
        ):
            yield [
                complaint, platform, url, labels.get(outcome, outcome), _day(submitted),
                _day(decided),
            ]  # fmt: skip

    return rows()


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
