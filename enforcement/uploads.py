"""Read pasted or uploaded link lists (txt, CSV, XLSX) into lines, one link per line."""

from __future__ import annotations

import codecs
import csv
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from clients.files import validate_content, validate_size

MAX_LINES = 50_000
SKIPS_LISTED = 200  # a file of many columns is summed up after this many cells


@dataclass(frozen=True)
class SkippedCell:
    """A non-empty cell of a CSV or Excel list that is not read as a link, and where."""

    where: str
    text: str
    why: str


@dataclass
class SkipReport:
    """Every cell left out of an uploaded list: the first ``SKIPS_LISTED`` and the count."""

    cells: list[SkippedCell] = field(default_factory=list)
    count: int = 0

    def add(self, where: str, text: str, why: str) -> None:
        self.count += 1
        if len(self.cells) < SKIPS_LISTED:
            self.cells.append(SkippedCell(where, text[:200], why))

    @property
    def unlisted(self) -> int:
        return self.count - len(self.cells)


LINK_FILE_EXTENSIONS = (".txt", ".csv", ".xlsx")


def validate_links_file(upload) -> None:
    """A list of links: capped (MAX_LINKS_FILE_MB), and by its bytes a text or Excel file."""
    name = (upload.name or "").lower()
    if not name.endswith(LINK_FILE_EXTENSIONS):
        raise ValidationError(_("Upload a .txt, .csv or .xlsx file of links."))
    validate_size(upload, limit_mb=settings.MAX_LINKS_FILE_MB)
    validate_content(upload)


def _looks_like_link(value: str) -> bool:
    text = value.strip().lower()
    return "." in text and " " not in text and len(text) > 4


def lines_from_upload(upload, skipped: SkipReport | None = None) -> list[str]:
    """The links of a file; the cells of a CSV or Excel file that are not links go to
    ``skipped`` (where and why) so the page can say what was left out."""
    name = (upload.name or "").lower()
    skipped = skipped if skipped is not None else SkipReport()
    if name.endswith(".xlsx"):
        lines = _xlsx_lines(upload, skipped)
    elif name.endswith(".csv"):
        lines = _csv_lines(_text_lines(upload), skipped)
    elif name.endswith(".txt") or not name.rpartition(".")[1]:
        lines = list(_text_lines(upload))
    else:
        raise ValidationError(_("Upload a .txt, .csv or .xlsx file of links."))
    if len(lines) > MAX_LINES:
        raise _too_many(len(lines))
    return lines


def _too_many(count) -> ValidationError:
    return ValidationError(
        _("The file has %(count)s lines; split it into files of at most %(max)d.")
        % {"count": count, "max": MAX_LINES}
    )


def _text_lines(upload):
    """The file's lines, read a chunk at a time (never the whole file at once)."""
    upload.seek(0)
    head = upload.read(64 * 1024)
    encoding = _encoding_of(head)
    decoder = codecs.getincrementaldecoder(encoding)()
    pending = ""
    count = 0
    chunks = iter(lambda: upload.read(64 * 1024), b"")
    for chunk in _chain(head, chunks):
        try:
            pending += decoder.decode(chunk)
        except UnicodeDecodeError:
            raise ValidationError(_not_text()) from None
        *complete, pending = pending.split("\n")
        for line in complete:
            count += 1
            if count > MAX_LINES:
                raise _too_many(_("more than %(max)d") % {"max": MAX_LINES})
            yield line.rstrip("\r")
    pending += decoder.decode(b"", final=True)
    if pending:
        yield pending.rstrip("\r")


def _chain(first, rest):
    yield first
    yield from rest


def _not_text():  # noqa: N802
    return _("The file is not text in UTF-8 or GB18030; save it as UTF-8.")


def _encoding_of(head: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head)
            return encoding
        except UnicodeDecodeError:
            continue
    raise ValidationError(_not_text())


def _not_a_link() -> str:
    return _("not a link (no domain, or contains spaces)")


def _column(index: int) -> str:
    """Spreadsheet column letters: 1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _csv_lines(lines, skipped: SkipReport) -> list[str]:
    links = []
    for number, row in enumerate(csv.reader(lines), start=1):
        for column, cell in enumerate(row, start=1):
            if _looks_like_link(cell):
                links.append(cell)
            elif cell.strip():
                where = _("row %(row)d, column %(column)d") % {"row": number, "column": column}
                skipped.add(where, cell.strip(), _not_a_link())
    return links


def _xlsx_lines(upload, skipped: SkipReport) -> list[str]:
    upload.seek(0)
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise ValidationError(
            _("The Excel file could not be read: %(error)s") % {"error": exc}
        ) from exc
    lines = []
    for sheet in book.worksheets:
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            for column, cell in enumerate(row, start=1):
                if isinstance(cell, str) and _looks_like_link(cell):
                    lines.append(cell)
                    continue
                if cell is None or (isinstance(cell, str) and not cell.strip()):
                    continue
                where = _("sheet “%(sheet)s”, cell %(cell)s") % {
                    "sheet": sheet.title,
                    "cell": f"{_column(column)}{number}",
                }
                why = _not_a_link() if isinstance(cell, str) else _("not text (a number or date)")
                skipped.add(where, str(cell).strip(), why)
    book.close()
    return lines
