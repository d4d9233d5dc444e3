"""How the report's figures read, the same in PDF and XLSX."""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _


def fmt_rate(rate: float | None) -> str:
    return "—" if rate is None else f"{number_format(round(rate * 100, 1), 1)} %"


def fmt_days(days: float | None) -> str:
    if days is None:
        return "—"
    return _("%(days)s days") % {"days": number_format(round(days, 1), 1)}


def meets(ok: bool | None) -> str:
    return "—" if ok is None else (_("yes") if ok else _("no"))


def period_label(start: dt.date, end: dt.date) -> str:
    return _("%(start)s to %(end)s") % {
        "start": date_format(start, "DATE_FORMAT"),
        "end": date_format(end, "DATE_FORMAT"),
    }
