"""The client report as PDF (reportlab's platypus: pure Python, no system libraries).

The links table is fed to the document a page's worth at a time (``_StreamedDoc``), so
only the pages already laid out (compressed) and one chunk of rows are held in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from .data import ClientReport
from .text import fmt_days, fmt_rate, meets, period_label

LINK_ROWS_PER_TABLE = 40
CJK_FONT = "STSong-Light"  # one of reportlab's built-in CID fonts: no font file to ship
pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))

_GRID = [
    ("FONT", (0, 0), (-1, -1), "Helvetica", 8),
    ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
    ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#adb5bd")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
]


def _latin(text: str) -> bool:
    return all(ord(ch) < 256 for ch in text)


def _table(rows: list[list], widths=None) -> Table:
    """A grid with a header row; cells with Chinese (or other non-Latin) text get a CJK font."""
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    style = list(_GRID)
    for r, row in enumerate(cells[1:], start=1):
        for c, value in enumerate(row):
            if not _latin(value):
                style.append(("FONT", (c, r), (c, r), CJK_FONT, 8))
    table = Table(cells, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _chart(report: ClientReport) -> Drawing:
    months: dict = {}
    for row in report.platform_months:
        m = months.setdefault(row["month"], [0, 0])
        m[0] += row["reported"]
        m[1] += row["removed"]
    labels = [date_format(m, "M Y") for m in sorted(months)][-12:]
    values = [months[m] for m in sorted(months)][-12:]
    drawing = Drawing(170 * mm, 60 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 15 * mm, 10 * mm, 140 * mm, 42 * mm
    chart.data = [[v[0] for v in values] or [0], [v[1] for v in values] or [0]]
    chart.categoryAxis.categoryNames = labels or [""]
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = colors.HexColor("#adb5bd")
    chart.bars[1].fillColor = colors.HexColor("#198754")
    drawing.add(chart)
    drawing.add(String(15 * mm, 55 * mm, _("Links reported (grey) and removed (green) per month"),
                       fontName="Helvetica", fontSize=8))  # fmt: skip
    return drawing


def _front(report: ClientReport, styles) -> list:
    rates = report.rates
    h1, h2, body = styles["Heading1"], styles["Heading2"], styles["BodyText"]
    client = report.client
    flow = [
        Paragraph(_("Enforcement report"), h1),
        Paragraph(f"{_latin_or(client.legal_name)} · {period_label(report.start, report.end)}",
                  body),  # fmt: skip
        Spacer(1, 4 * mm),
        Paragraph(_("Links"), h2),
        _table([
            [_("Reported"), _("Removed"), _("Pending"), _("Restored")],
            [report.totals["reported"], report.totals["removed"], report.totals["pending"],
             report.totals["restored"]],
        ]),  # fmt: skip
        Spacer(1, 4 * mm),
        Paragraph(_("Good Faith Program"), h2),
        _table([
            [_("Figure"), _("Value"), _("Threshold"), _("Met")],
            [_("Takedown success rate"), fmt_rate(rates.takedown_rate),
             _("at least %(rate)s") % {"rate": fmt_rate(report.takedown_threshold)},
             meets(rates.meets_takedown)],
            [_("Counter-notice success rate"), fmt_rate(rates.counter_rate),
             _("at most %(rate)s") % {"rate": fmt_rate(report.counter_threshold)},
             meets(rates.meets_counter)],
        ]),  # fmt: skip
        Paragraph(
            _("%(accepted)d of %(decided)d decided notices accepted; sellers won %(won)d of "
              "%(settled)d settled counter-notices.")
            % {"accepted": rates.accepted, "decided": rates.decided,
               "won": rates.seller_won, "settled": rates.notices_decided},
            body,
        ),  # fmt: skip
        Paragraph(
            _("Median time from filing to removal: %(days)s")
            % {"days": fmt_days(report.median_days_to_removal)},
            body,
        ),
        Spacer(1, 4 * mm),
        _chart(report),
        Paragraph(_("Per platform and month"), h2),
        _table(
            [[_("Month"), _("Platform"), _("Reported"), _("Removed"), _("Pending"), _("Restored")]]
            + [[date_format(r["month"], "M Y"), r["platform"], r["reported"], r["removed"],
                r["pending"], r["restored"]] for r in report.platform_months]
        ),  # fmt: skip
        Paragraph(_("Top sellers"), h2),
        _table([[_("Seller"), _("Platform"), _("Links")]]
               + [[r["name"], r["platform"], r["links"]] for r in report.top_sellers]),
        Paragraph(_("Top networks"), h2),
        _table([[_("Network"), _("Links")]]
               + [[r["name"], r["links"]] for r in report.top_networks]),
        PageBreak(),
        Paragraph(_("Complaints"), h2),
    ]  # fmt: skip
    complaint_rows = [[_("Complaint"), _("Platform reference"), _("Platform"), _("Filed"),
                       _("State"), _("Links"), _("Removed"), _("Pending")]]  # fmt: skip
    for c in report.complaints:
        complaint_rows.append([f"#{c['id']}", c["reference"], c["platform"],
                               date_format(c["submitted"], "SHORT_DATE_FORMAT"), c["state"],
                               c["links"], c["removed"], c["pending"]])  # fmt: skip
    flow.append(_table(complaint_rows))
    flow.append(PageBreak())
    flow.append(Paragraph(_("Links and their status"), h2))
    return flow


def _latin_or(text: str) -> str:
    return text if _latin(text) else f'<font name="{CJK_FONT}">{text}</font>'


def _link_tables(rows: Iterable[dict]) -> Iterator[Table]:
    header = [_("Complaint"), _("Platform"), _("Address"), _("Seller"), _("Status"), _("Date")]
    widths = [18 * mm, 25 * mm, 125 * mm, 40 * mm, 40 * mm, 22 * mm]
    it = iter(rows)
    while chunk := list(islice(it, LINK_ROWS_PER_TABLE)):
        yield _table(
            [header]
            + [[f"#{r['complaint']}", r["platform"], r["url"][:95], r["seller"][:30],
                r["status"],
                date_format(r["outcome_at"], "SHORT_DATE_FORMAT") if r["outcome_at"] else ""]
               for r in chunk],
            widths,
        )  # fmt: skip


class _StreamedDoc(SimpleDocTemplate):
    def build_streamed(self, flowables: Iterator) -> None:
        """``build`` fed from an iterator: the pending list is topped up a few at a time
        (platypus looks ahead for keep-with-next), never filled with the whole report."""
        self._calc()
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="normal")
        self.addPageTemplates(  # the ids SimpleDocTemplate's page handling expects
            [PageTemplate(id=name, frames=frame, pagesize=self.pagesize)
             for name in ("First", "Later")]
        )  # fmt: skip
        self._startBuild(None)
        canv = self.canv
        canv._doctemplate = self
        pending: list = []
        try:
            while True:
                while len(pending) < 3:
                    nxt = next(flowables, None)
                    if nxt is None:
                        break
                    pending.append(nxt)
                if not pending:
                    break
                self.clean_hanging()
                self.handle_flowable(pending)
        finally:
            del canv._doctemplate
        self._endBuild()


def write_pdf(report: ClientReport, out) -> None:
    styles = getSampleStyleSheet()
    doc = _StreamedDoc(
        out, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
        topMargin=12 * mm, bottomMargin=12 * mm,
        title=_("Enforcement report"), author=str(report.client.legal_name),
    )  # fmt: skip

    def everything():
        yield from _front(report, styles)
        yield from _link_tables(report.link_rows())

    doc.build_streamed(everything())
