"""Ids read from a request, refused quietly when they are not plain decimal numbers.

``"²".isdigit()`` is true and ``int("9" * 40)`` overflows the database's integer: neither
may reach a query.
"""

from __future__ import annotations

from collections.abc import Iterable

MAX_DIGITS = 18  # a PostgreSQL bigint holds every 18-digit number


def id_or_none(value) -> int | None:
    text = str(value if value is not None else "").strip()
    if text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS:
        return int(text)
    return None


def ids(values: Iterable) -> list[int]:
    return [found for found in map(id_or_none, values) if found is not None]
