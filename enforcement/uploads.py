"""Read pasted or uploaded link lists (txt, CSV, XLSX) into lines, one link per line."""

from __future__ import annotations

import codecs
import csv

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from clients.files import validate_content, validate_size

MAX_LINES = 50_000
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


def lines_from_upload(upload) -> list[str]:
    name = (upload.name or "").lower()
    if name.endswith(".xlsx"):
        lines = _xlsx_lines(upload)
    elif name.endswith(".csv"):
        lines = _csv_lines(_text_lines(upload))
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


def _csv_lines(lines) -> list[str]:
    rows = csv.reader(lines)
    return [cell for row in rows for cell in row if _looks_like_link(cell)]


def _xlsx_lines(upload) -> list[str]:
    upload.seek(0)
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise ValidationError(
            _("The Excel file could not be read: %(error)s") % {"error": exc}
        ) from exc
    lines = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            lines.extend(str(c) for c in row if isinstance(c, str) and _looks_like_link(c))
    book.close()
    return lines
