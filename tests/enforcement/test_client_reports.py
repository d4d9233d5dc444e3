"""Client reports: figures equal to hand-computed values in PDF and XLSX, the portal sees
only its own client's, and the monthly e-mail goes out once per client and month."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from clients.models import DownloadLog
from enforcement.models import ComplaintLink, CounterNotice, OutboxMessage, Seller, SellerNetwork
from enforcement.reports.data import build_report, month_bounds, previous_month
from enforcement.services import client_reports, reminders
from enforcement.services.summaries import rebuild_summary
from tests.factories import ComplaintFactory, MembershipFactory, platform

pytestmark = pytest.mark.django_db
UTC = zoneinfo.ZoneInfo("UTC")


def _at(day: dt.date, hour=10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def _filed(client, code, day, outcomes, seller=None):
    """A filed complaint with one link per (outcome, days after filing)."""
    complaint = ComplaintFactory(client=client, platform=platform(code), links=len(outcomes))
    submitted = _at(day)
    type(complaint).objects.filter(pk=complaint.pk).update(
        state="submitted", submitted_at=submitted, platform_reference=f"REF-{complaint.pk}"
    )
    for link, (outcome, after) in zip(complaint.links.order_by("position"), outcomes, strict=True):
        ComplaintLink.objects.filter(pk=link.pk).update(
            outcome=outcome,
            outcome_at=None if after is None else submitted + dt.timedelta(days=after),
            outcome_reason="Not convincing" if outcome == "rejected" else "",
        )
        if seller is not None:
            type(link.listing).objects.filter(pk=link.listing_id).update(seller=seller)
    return complaint


@pytest.fixture
def seeded(client_a, client_b, attorney):
    """Client A's month: two complaints on two platforms; noise before it and for B."""
    start, end = month_bounds(timezone.localdate() - dt.timedelta(days=70))
    ring = SellerNetwork.objects.create(name="Ring One")
    shady = Seller.objects.create(platform=platform("taobao"), seller_id="s1", name="Shady Shop",
                                  network=ring)  # fmt: skip
    taobao = _filed(client_a, "taobao", start + dt.timedelta(days=1),
                    [("removed", 1), ("removed", 3), ("rejected", 2), ("pending", None)],
                    seller=shady)  # fmt: skip
    tmall = _filed(
        client_a, "tmall", start + dt.timedelta(days=4), [("removed", 2), ("restored", 4)]
    )
    CounterNotice.objects.create(
        client=client_a, complaint=tmall, received_at=_at(start + dt.timedelta(days=6)),
        status="lapsed", decided_at=_at(start + dt.timedelta(days=9)), decided_by=attorney,
    )  # fmt: skip
    _filed(client_a, "taobao", start - dt.timedelta(days=10), [("removed", 1)])  # before
    _filed(client_b, "taobao", start + dt.timedelta(days=2), [("rejected", 1)])  # other client
    rebuild_summary()
    return {"start": start, "end": end, "taobao": taobao, "tmall": tmall}


def test_report_figures_equal_the_hand_computed_ones(seeded, client_a, paralegal):
    report = build_report(paralegal, client_a, seeded["start"], seeded["end"], zone=UTC)
    assert report.totals == {"reported": 6, "removed": 3, "pending": 1, "restored": 1}
    by_platform = {r["platform"]: r for r in report.platform_months}
    assert by_platform[platform("taobao").name] | {} == {
        "platform": platform("taobao").name, "month": seeded["start"], "reported": 4, "removed": 2,
        "pending": 1, "restored": 0,
    }  # fmt: skip
    assert (
        by_platform[platform("tmall").name]["reported"],
        by_platform[platform("tmall").name]["restored"],
    ) == (2, 1)
    # accepted = removed + restored = 4 (of 5 decided: one rejected); the seller won 1 of 1.
    assert (report.rates.accepted, report.rates.decided) == (4, 5)
    assert report.rates.takedown_rate == pytest.approx(0.8)
    assert report.rates.counter_rate == 1.0
    assert report.rates.meets_takedown is False
    assert report.median_days_to_removal == pytest.approx(2.0)  # removals after 1, 3, 2 days
    assert report.top_sellers == [
        {"name": "Shady Shop", "platform": platform("taobao").name, "links": 4}
    ]
    assert report.top_networks == [{"name": "Ring One", "links": 4}]
    assert [c["id"] for c in report.complaints] == [seeded["taobao"].pk, seeded["tmall"].pk]
    rows = list(report.link_rows())
    assert len(rows) == 6
    assert [r["status"] for r in rows[:4]] == [
        "Removed", "Removed", "Rejected by the platform", "Awaiting the platform"]  # fmt: skip


def test_xlsx_cells_read_back(seeded, client_a, paralegal):
    report = build_report(paralegal, client_a, seeded["start"], seeded["end"], zone=UTC)
    with client_reports.render(report, "xlsx") as out:
        book = load_workbook(io.BytesIO(out.read()), read_only=True)
    summary = {row[0]: row[1:] for row in book["Summary"].iter_rows(values_only=True) if row}
    assert summary["Reported"][0] == 6
    assert summary["Removed"][0] == 3
    assert summary["Pending"][0] == 1
    assert summary["Restored"][0] == 1
    assert summary["Takedown success rate"][:3] == (0.8, 0.9, "no")
    assert summary["Counter-notice success rate"][:3] == (1.0, 0.05, "no")
    assert summary["Median days from filing to removal"][0] == 2.0
    links = list(book["Links"].iter_rows(values_only=True))
    assert len(links) == 1 + 6
    assert links[1][2] == platform("taobao").name and links[1][7] == "Removed"


def test_pdf_text_reads_back(seeded, client_a, paralegal):
    report = build_report(paralegal, client_a, seeded["start"], seeded["end"], zone=UTC)
    with client_reports.render(report, "pdf") as out:
        text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Enforcement report" in text and "Alpha Outdoor Inc" in text
    assert "80.0 %" in text  # takedown success
    assert "100.0 %" in text  # counter-notices the seller won
    assert "4 of 5 decided notices accepted" in text
    assert "2.0 days" in text
    assert "Shady Shop" in text and "Ring One" in text
    assert f"REF-{seeded['tmall'].pk}" in text
    assert text.count("item.htm?id=") == 6  # every link of the period, in the links table


def test_portal_user_gets_only_their_clients_report(seeded, client_a, client_b, client_user,
                                                     as_user):  # fmt: skip
    web = as_user(client_user)
    params = {"start": seeded["start"], "end": seeded["end"], "format": "xlsx"}
    own = web.get(reverse("portal:report", args=[client_a.pk]), params)
    assert own.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(own.streaming_content)), read_only=True)
    reported = next(
        r for r in book["Summary"].iter_rows(values_only=True) if r and r[0] == "Reported"
    )
    assert reported[1] == 6
    other = web.get(reverse("portal:report", args=[client_b.pk]), params)
    assert other.status_code == 404
    logged = DownloadLog.objects.filter(user=client_user)
    assert [(d.client, d.field) for d in logged] == [(client_a, "export:report-xlsx")]
    assert web.get(reverse("portal:report", args=[client_a.pk])).status_code == 200  # the form


def test_staff_download_from_the_client_page(seeded, client_a, paralegal, as_user):
    web = as_user(paralegal)
    page = web.get(client_a.get_absolute_url())
    assert reverse("enforcement:client_report", args=[client_a.pk]) in page.content.decode()
    response = web.get(
        reverse("enforcement:client_report", args=[client_a.pk]),
        {"start": seeded["start"], "end": seeded["end"], "format": "pdf"},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    (logged,) = DownloadLog.objects.filter(user=paralegal)
    assert (logged.client, logged.field) == (client_a, "export:report-pdf")
    assert logged.description == response["Content-Disposition"].split('filename="')[1][:-1]


def test_monthly_email_goes_out_once_per_client_and_month(seeded, client_a, client_b):
    opted = MembershipFactory(client=client_a, monthly_report=True, user__email="a@example.com")
    MembershipFactory(client=client_a, monthly_report=False, user__email="quiet@example.com")
    MembershipFactory(client=client_b, monthly_report=True, user__email="b@example.com")
    now = timezone.now()
    assert client_reports.queue_monthly_reports(now) == 2
    assert client_reports.queue_monthly_reports(now) == 0  # the sweep running twice
    assert client_reports.queue_monthly_reports(now + dt.timedelta(hours=1)) == 0
    start, _end = previous_month(timezone.localtime(now).date())
    keys = set(OutboxMessage.objects.values_list("key", flat=True))
    assert f"report:c{client_a.pk}:{start:%Y-%m}:u{opted.user_id}" in keys
    assert len(keys) == 2
    for pk in OutboxMessage.objects.values_list("pk", flat=True):
        assert reminders.deliver(pk) == "sent"
    for pk in OutboxMessage.objects.values_list("pk", flat=True):
        assert reminders.deliver(pk) == "not-due-or-taken"
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.com", "b@example.com"]
    sent = next(m for m in mail.outbox if m.to == ["a@example.com"])
    (name, content, mimetype) = sent.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    assert "Alpha Outdoor Inc" in sent.subject
