"""A links file's cells that are not links are reported (where and why), never dropped."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enforcement.uploads import SKIPS_LISTED, SkipReport, lines_from_upload
from tests.factories import ComplaintFactory


def taobao(n):
    return f"https://item.taobao.com/item.htm?id={700000000000 + n}"


def test_csv_cells_that_are_not_links_are_reported_with_their_row_and_column():
    upload = SimpleUploadedFile(
        "links.csv", f"url,note\n{taobao(1)},seen twice\n{taobao(2)},\nnot a link,\n".encode()
    )
    skipped = SkipReport()
    assert lines_from_upload(upload, skipped) == [taobao(1), taobao(2)]
    assert [(c.where, c.text) for c in skipped.cells] == [
        ("row 1, column 1", "url"),
        ("row 1, column 2", "note"),
        ("row 2, column 2", "seen twice"),
        ("row 4, column 1", "not a link"),
    ]
    assert skipped.count == 4 and all("not a link" in c.why for c in skipped.cells)


def test_xlsx_cells_are_reported_by_sheet_and_cell_including_numbers():
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Found"
    book.active.append(["link", "price"])
    book.active.append([taobao(1), 12.5])
    data = io.BytesIO()
    book.save(data)
    skipped = SkipReport()
    lines = lines_from_upload(SimpleUploadedFile("links.xlsx", data.getvalue()), skipped)
    assert lines == [taobao(1)]
    assert [(c.where, c.text, c.why) for c in skipped.cells] == [
        ("sheet “Found”, cell A1", "link", "not a link (no domain, or contains spaces)"),
        ("sheet “Found”, cell B1", "price", "not a link (no domain, or contains spaces)"),
        ("sheet “Found”, cell B2", "12.5", "not text (a number or date)"),
    ]


def test_a_file_of_many_skipped_cells_lists_the_first_and_counts_all():
    rows = "\n".join(f"note {n},{taobao(n)}" for n in range(SKIPS_LISTED + 50))
    skipped = SkipReport()
    lines_from_upload(SimpleUploadedFile("links.csv", rows.encode()), skipped)
    assert skipped.count == SKIPS_LISTED + 50
    assert len(skipped.cells) == SKIPS_LISTED and skipped.unlisted == 50


@pytest.mark.django_db
def test_the_preview_page_lists_the_skipped_cells(client, paralegal):
    complaint = ComplaintFactory(links=0)
    client.force_login(paralegal)
    upload = SimpleUploadedFile("links.csv", f"url\n{taobao(3)}\nask the client\n".encode())
    response = client.post(
        reverse("enforcement:complaint_create"),
        {
            "client": complaint.client_id,
            "platform": complaint.platform_id,
            "account": complaint.account_id,
            "ipr": complaint.ipr_id,
            "target_kind": "listing",
            "reason_code": complaint.reason_code_id,
            "action": "preview",
            "links_file": upload,
        },  # fmt: skip
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "2 cells of the file were not read as links" in body
    assert "row 1, column 1: “url”" in body
    assert "row 3, column 1: “ask the client”" in body
