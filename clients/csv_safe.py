"""CSV cells a spreadsheet will not run: a cell that starts like a formula is quoted.

Excel, LibreOffice and Google Sheets evaluate a cell starting with ``= + - @`` (and, after
a tab or carriage return, the same), so a seller's name ``=HYPERLINK(...)`` would become a
live link or worse in the firm's or the client's spreadsheet. OWASP's advice: prefix such
a cell with an apostrophe, which the spreadsheet shows as text. Numbers are left alone.
"""

from __future__ import annotations

import csv
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """``csv.writer`` whose every text cell goes through :func:`safe_cell`."""

    def __init__(self, target, **options):
        self._writer = csv.writer(target, **options)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(target, **options) -> SafeWriter:
    return SafeWriter(target, **options)
