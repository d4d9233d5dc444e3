"""Read pasted or uploaded link lists (txt, CSV, XLSX) into lines, one link per line."""

from __future__ import annotations

import csv
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_LINES = 50_000


def _looks_like_link(value: str) -> bool:
    text = value.strip().lower()
    return "." in text and " " not in text and len(text) > 4


def lines_from_upload(upload) -> list[str]:
    name = (upload.name or "").lower()
    data = upload.read()
    if name.endswith(".xlsx"):
        lines = _xlsx_lines(data)
    elif name.endswith(".csv"):
        lines = _csv_lines(_decode(data))
    elif name.endswith(".txt") or not name.rpartition(".")[1]:
        lines = _decode(data).splitlines()
    else:
        raise ValidationError(_("Upload a .txt, .csv or .xlsx file of links."))
    if len(lines) > MAX_LINES:
        raise ValidationError(
            _("The file has %(count)d lines; split it into files of at most %(max)d.")
            % {"count": len(lines), "max": MAX_LINES}
        )
    return lines


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("The file is not text in UTF-8 or GB18030; save it as UTF-8."))


def _csv_lines(text: str) -> list[str]:
    rows = csv.reader(io.StringIO(text))
    return [cell for row in rows for cell in row if _looks_like_link(cell)]


def _xlsx_lines(data: bytes) -> list[str]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
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
