"""Monitoring vendors' exports: per-line report, all-or-nothing, relists, queue → drafts."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from enforcement.models import Complaint, ComplaintLink, Detection, DetectionSource, Listing
from enforcement.services import LineStatus
from enforcement.services.detections import (
    draft_complaints_from_detections,
    read_export,
    submit_detections,
)
from tests.factories import ClientFactory, IPRFactory, ListingFactory, platform


def taobao(n):
    return f"https://item.taobao.com/item.htm?id={800000000000 + n}"


def row(url, **values):
    return {"url": url, **values}


@pytest.mark.django_db
def test_mixed_lines_are_reported_one_by_one_and_nothing_is_saved(paralegal):
    ListingFactory(canonical_id="800000000002", canonical_url=taobao(2))
    rows = [
        row(taobao(1), title="Fake boots", price="¥129.00", score="0.93"),
        row(taobao(2)),
        row(taobao(1) + "&spm=again"),
        row("https://s.taobao.com/search?q=x"),
        row("hello"),
        row(taobao(3), price="cheap"),
        {"url": "", "title": ""},  # blank spreadsheet line
    ]
    report = submit_detections(paralegal, ClientFactory(), rows)
    assert [(line.number, line.status) for line in report.lines] == [
        (1, LineStatus.NEW),
        (2, LineStatus.KNOWN),
        (3, LineStatus.DUPLICATE),
        (4, LineStatus.NOT_A_LISTING),
        (5, LineStatus.INVALID),
        (6, LineStatus.INVALID),
    ]
    assert "line 1" in report.lines[2].message
    assert "cheap" in report.lines[5].message
    assert not report.saved and report.refusal
    assert Detection.objects.count() == 0
    assert Listing.objects.count() == 1
    assert report.as_dict()["counts"]["invalid"] == 2


@pytest.mark.django_db
def test_clean_import_saves_suspected_listings_and_flags_relists(paralegal):
    removed = ListingFactory(canonical_id="800000000002", canonical_url=taobao(2))
    Listing.objects.filter(pk=removed.pk).update(status=Listing.Status.REMOVED)
    reported = ListingFactory(canonical_id="800000000003", canonical_url=taobao(3))
    Listing.objects.filter(pk=reported.pk).update(status=Listing.Status.REPORTED)
    client = ClientFactory()
    rows = [
        row(taobao(1), title="Fake boots", price="129", detected_at="2026-03-01 10:00"),
        row(taobao(2), title="Back again"),
        row(taobao(3)),
        row(taobao(1)),
    ]
    report = submit_detections(paralegal, client, rows)
    assert report.saved
    assert [line.relist for line in report.lines] == [False, True, False, False]
    detections = list(Detection.objects.order_by("line"))
    assert [d.line for d in detections] == [1, 2, 3]
    assert all(d.status == Detection.Status.SUSPECTED and d.client == client for d in detections)
    assert [d.is_relist for d in detections] == [False, True, False]
    assert detections[0].listing.title == "Fake boots"
    assert str(detections[0].price) == "129.00"
    assert detections[0].detected_at.isoformat().startswith("2026-03-01T10:00")
    assert detections[1].listing == removed
    assert Listing.objects.count() == 3


@pytest.mark.django_db
def test_a_vendors_columns_are_read_through_its_mapping_from_csv_and_xlsx(paralegal):
    source = DetectionSource.objects.create(
        name="WatchCo",
        column_mapping={"url": "Listing URL", "title": "Product", "price": "Price (CNY)"},
    )
    csv_file = SimpleUploadedFile(
        "export.csv",
        f"Listing URL,Product,Price (CNY)\n{taobao(1)},Boots,99\n".encode("utf-8-sig"),
    )
    book = Workbook()
    book.active.append(["Listing URL", "Product", "Price (CNY)"])
    book.active.append([taobao(2), "Tent", 250])
    data = io.BytesIO()
    book.save(data)
    xlsx_file = SimpleUploadedFile("export.xlsx", data.getvalue())
    for upload in (csv_file, xlsx_file):
        report = submit_detections(
            paralegal, ClientFactory(), read_export(upload, source), source=source
        )
        assert report.saved, report.as_dict()
    titles = sorted(Detection.objects.values_list("title", "price"))
    assert [(t, str(p)) for t, p in titles] == [("Boots", "99.00"), ("Tent", "250.00")]
    assert set(Detection.objects.values_list("source", flat=True)) == {source.pk}


@pytest.mark.django_db
def test_a_client_user_may_not_import(client_user):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        submit_detections(client_user, ClientFactory(), [row(taobao(1))])


@pytest.mark.django_db
def test_queue_to_drafts_groups_by_client_and_platform_and_splits_at_the_limit(paralegal):
    taobao_platform = platform("taobao")
    taobao_platform.max_links_per_complaint = 3
    taobao_platform.save()
    first, second = ClientFactory(), ClientFactory()
    submit_detections(paralegal, first, [row(taobao(n)) for n in range(1, 8)])
    submit_detections(paralegal, second, [row(taobao(n)) for n in range(1, 3)])
    submit_detections(paralegal, first, [row("https://detail.tmall.com/item.htm?id=555000100")])
    ipr = IPRFactory(client=first)
    detections = list(Detection.objects.all())
    complaints = draft_complaints_from_detections(detections, by=paralegal, ipr=ipr)
    shape = sorted(
        (c.client_id, c.platform.code, c.batch_index, c.batch_size, c.links.count())
        for c in complaints
    )
    assert shape == [
        (first.pk, "taobao", 1, 3, 3),
        (first.pk, "taobao", 2, 3, 3),
        (first.pk, "taobao", 3, 3, 1),
        (first.pk, "tmall", 1, 1, 1),
        (second.pk, "taobao", 1, 1, 2),
    ]
    assert all(c.state == Complaint.State.DRAFT and c.ipr == ipr for c in complaints)
    assert set(Detection.objects.values_list("status", flat=True)) == {"drafted"}
    drafted = Detection.objects.get(client=first, line=7)
    assert ComplaintLink.objects.filter(
        complaint=drafted.complaint, listing=drafted.listing
    ).exists()
    # Drafted once: selecting them again drafts nothing more.
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        draft_complaints_from_detections(detections, by=paralegal)
    assert Complaint.objects.count() == 5


def _queue(n, by):
    client = ClientFactory()
    submit_detections(by, client, [row(taobao(1000 + i), title=f"Item {i}") for i in range(n)])
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [3, 60])
def test_queue_page_keeps_its_query_budget(rows, paralegal, as_user, django_assert_max_num_queries):
    from django.urls import reverse

    _queue(rows, paralegal)
    web = as_user(paralegal)
    with django_assert_max_num_queries(14):
        page = web.get(reverse("enforcement:detection_queue"))
    assert page.status_code == 200
    assert page.content.decode().count('class="detection"') == min(rows, 25)


@pytest.mark.django_db
def test_queue_page_drafts_the_selected_and_outsiders_see_nothing(paralegal, client_user, as_user):
    from django.urls import reverse

    _queue(3, paralegal)
    chosen = list(Detection.objects.order_by("line").values_list("pk", flat=True)[:2])
    web = as_user(paralegal)
    done = web.post(
        reverse("enforcement:detection_queue"), {"detections": chosen, "action": "draft"}
    )
    assert done.status_code == 302
    assert Complaint.objects.get().links.count() == 2
    assert Detection.objects.filter(status="suspected").count() == 1
    outsider = as_user(client_user)
    assert outsider.get(reverse("enforcement:detection_queue")).status_code == 403


@pytest.mark.django_db
def test_import_page_shows_the_per_line_report_and_saves_nothing_on_refusal(paralegal, as_user):
    from django.urls import reverse

    client = ClientFactory()
    web = as_user(paralegal)
    upload = SimpleUploadedFile("x.csv", f"url,title\n{taobao(1)},Boots\nnot a link,\n".encode())
    page = web.post(
        reverse("enforcement:detection_import"),
        {"client": client.pk, "file": upload, "action": "import"},
    )
    assert page.status_code == 400
    body = page.content.decode()
    assert "status-new" in body and "status-invalid" in body and "refusal" in body
    assert Detection.objects.count() == 0
    good = SimpleUploadedFile("x.csv", f"url,title\n{taobao(1)},Boots\n".encode())
    done = web.post(
        reverse("enforcement:detection_import"),
        {"client": client.pk, "file": good, "action": "import"},
    )
    assert done.status_code == 302
    assert Detection.objects.get().title == "Boots"


@pytest.mark.django_db
def test_staff_set_a_vendors_column_mapping(paralegal, as_user):
    from django.urls import reverse

    web = as_user(paralegal)
    response = web.post(
        reverse("enforcement:detectionsource_create"),
        {"name": "WatchCo", "column_url": "Listing URL", "column_price": "Price (CNY)"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    source = DetectionSource.objects.get()
    assert source.column_mapping == {"url": "Listing URL", "price": "Price (CNY)"}
    assert source.column_for("title") == "title"
