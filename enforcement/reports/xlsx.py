"""The client report as XLSX: openpyxl's write-only workbook, rows streamed to disk."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from clients.csv_safe import safe_cell

from .data import ClientReport
from .text import meets, period_label

BOLD = Font(bold=True)


def _row(sheet, values, header=False) -> None:
    cells = []
    for value in values:
        value = safe_cell(value) if isinstance(value, str) else value
        cell = WriteOnlyCell(sheet, value=value)
        if header:
            cell.font = BOLD
        cells.append(cell)
    sheet.append(cells)


def write_xlsx(report: ClientReport, out) -> None:
    book = Workbook(write_only=True)
    rates = report.rates

    summary = book.create_sheet(_("Summary"))
    _row(summary, [_("Enforcement report"), str(report.client.legal_name)], header=True)
    _row(summary, [_("Period"), period_label(report.start, report.end)])
    _row(summary, [_("From"), report.start])
    _row(summary, [_("To"), report.end])
    _row(summary, [])
    _row(summary, [_("Figure"), _("Value"), _("Threshold"), _("Met")], header=True)
    for label, key in (
        (_("Reported"), "reported"),
        (_("Removed"), "removed"),
        (_("Pending"), "pending"),
        (_("Restored"), "restored"),
    ):
        _row(summary, [label, report.totals[key]])
    _row(summary, [_("Takedown success rate"), rates.takedown_rate,
                   report.takedown_threshold, meets(rates.meets_takedown)])  # fmt: skip
    _row(summary, [_("Counter-notice success rate"), rates.counter_rate,
                   report.counter_threshold, meets(rates.meets_counter)])  # fmt: skip
    _row(summary, [_("Decided notices"), rates.decided])
    _row(summary, [_("Accepted notices"), rates.accepted])
    _row(summary, [_("Settled counter-notices"), rates.notices_decided])
    _row(summary, [_("Counter-notices the seller won"), rates.seller_won])
    _row(summary, [_("Median days from filing to removal"), report.median_days_to_removal])

    months = book.create_sheet(_("Per platform and month"))
    _row(months, [_("Month"), _("Platform"), _("Reported"), _("Removed"), _("Pending"),
                  _("Restored")], header=True)  # fmt: skip
    for r in report.platform_months:
        _row(months, [r["month"], r["platform"], r["reported"], r["removed"], r["pending"],
                      r["restored"]])  # fmt: skip

    sellers = book.create_sheet(_("Top sellers"))
    _row(sellers, [_("Seller"), _("Platform"), _("Links")], header=True)
    for r in report.top_sellers:
        _row(sellers, [r["name"], r["platform"], r["links"]])
    _row(sellers, [])
    _row(sellers, [_("Network"), _("Links")], header=True)
    for r in report.top_networks:
        _row(sellers, [r["name"], r["links"]])

    complaints = book.create_sheet(_("Complaints"))
    _row(complaints, [_("Complaint"), _("Platform reference"), _("Platform"), _("Filed"),
                      _("State"), _("Links"), _("Removed"), _("Pending")], header=True)  # fmt: skip
    for c in report.complaints:
        _row(complaints, [c["id"], c["reference"], c["platform"], c["submitted"], c["state"],
                          c["links"], c["removed"], c["pending"]])  # fmt: skip

    links = book.create_sheet(_("Links"))
    _row(links, [_("Complaint"), _("Platform reference"), _("Platform"), _("Filed"),
                 _("Address"), _("Title"), _("Seller"), _("Status"), _("Date")],
         header=True)  # fmt: skip
    for r in report.link_rows():
        _row(links, [r["complaint"], r["reference"], r["platform"], r["submitted"], r["url"],
                     r["title"], r["seller"], r["status"], r["outcome_at"]])  # fmt: skip
    book.save(out)
