"""Bulk link entry: a per-line report first, an all-or-nothing save, split at the limit."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enforcement.models import Complaint, ComplaintLink, Listing
from enforcement.services import LineStatus, preview_links, save_links
from tests.factories import ComplaintFactory, ListingFactory, platform


def taobao(n):
    return f"https://item.taobao.com/item.htm?id={700000000000 + n}"


@pytest.mark.django_db
def test_preview_reports_every_kind_of_line():
    known = ListingFactory(canonical_id="700000000002",
                           canonical_url=taobao(2))  # fmt: skip
    in_complaint = ComplaintFactory(links=0, eligible=False)
    ComplaintLink.objects.create(complaint=in_complaint, listing=known, position=1)
    lines = [
        taobao(1),
        taobao(2),
        taobao(1) + "&spm=dup",
        "https://detail.tmall.com/item.htm?id=1234567",
        "https://s.taobao.com/search?q=x",
        "https://shop123.taobao.com",
        "hello",
        "",
    ]
    preview = preview_links(lines, platform=platform("taobao"), target_kind="listing")
    statuses = [(line.number, line.status) for line in preview.lines]
    assert statuses == [
        (1, LineStatus.NEW),
        (2, LineStatus.KNOWN),
        (3, LineStatus.DUPLICATE),
        (4, LineStatus.WRONG_PLATFORM),
        (5, LineStatus.NOT_A_LISTING),
        (6, LineStatus.NOT_A_LISTING),
        (7, LineStatus.INVALID),
    ]
    assert preview.lines[1].complaint_ids == [in_complaint.pk]
    assert "line 1" in preview.lines[2].message
    assert Listing.objects.count() == 1  # a preview saves nothing


@pytest.mark.django_db
def test_save_splits_at_the_platform_limit_and_reuses_known_listings(paralegal):
    taobao_platform = platform("taobao")
    taobao_platform.max_links_per_complaint = 300
    ListingFactory(canonical_id="700000000005", canonical_url=taobao(5))
    lines = [taobao(n) for n in range(1, 651)]
    preview = preview_links(lines, platform=taobao_platform, target_kind="listing")
    complaints = save_links(
        preview, client=_client(), account=None, ipr=None, reason_code=None,
        supplementary_reasons="", by=paralegal,
    )  # fmt: skip
    assert [c.links.count() for c in complaints] == [300, 300, 50]
    assert [(c.batch_index, c.batch_size) for c in complaints] == [(1, 3), (2, 3), (3, 3)]
    assert len({c.batch_key for c in complaints}) == 1
    assert Listing.objects.count() == 650
    assert Listing.objects.first().history.count() == 1  # bulk inserts keep history


def _client():
    from tests.factories import ClientFactory

    return ClientFactory()


@pytest.mark.django_db
def test_save_is_all_or_nothing(paralegal, monkeypatch):
    from enforcement.services import imports

    preview = preview_links([taobao(1), taobao(2)], platform=platform("taobao"),
                            target_kind="listing")  # fmt: skip

    real = imports.bulk_create_with_history

    def fail_on_links(objs, model, **kwargs):
        if model is ComplaintLink:
            raise RuntimeError("disk full")
        return real(objs, model, **kwargs)

    monkeypatch.setattr(imports, "bulk_create_with_history", fail_on_links)
    with pytest.raises(RuntimeError):
        save_links(preview, client=_client(), account=None, ipr=None, reason_code=None,
                   supplementary_reasons="", by=paralegal)  # fmt: skip
    assert Listing.objects.count() == 0
    assert Complaint.objects.count() == 0


@pytest.mark.django_db
def test_importing_300_links_stays_within_a_fixed_query_budget(paralegal):
    lines = [taobao(n) for n in range(300)]
    with CaptureQueriesContext(connection) as queries:
        preview = preview_links(lines, platform=platform("taobao"), target_kind="listing")
        save_links(preview, client=_client(), account=None, ipr=None, reason_code=None,
                   supplementary_reasons="", by=paralegal)  # fmt: skip
    assert len(queries) <= 25
    assert ComplaintLink.objects.count() == 300


@pytest.mark.django_db
def test_paste_preview_and_confirm_through_the_page(client, paralegal):
    complaint = ComplaintFactory(links=0)  # an eligible setup to reuse its choices
    client.force_login(paralegal)
    data = {
        "client": complaint.client_id, "platform": complaint.platform_id,
        "account": complaint.account_id, "ipr": complaint.ipr_id, "target_kind": "listing",
        "reason_code": complaint.reason_code_id, "supplementary_reasons": "Fakes",
        "links_text": f"{taobao(1)}\n{taobao(2)}\nhttps://s.taobao.com/search?q=x",
    }  # fmt: skip
    preview = client.post(reverse("enforcement:complaint_create"), {**data, "action": "preview"})
    body = preview.content.decode()
    assert preview.status_code == 200
    assert "Nothing blocks filing." in body
    assert "search or category page" in body
    assert Listing.objects.count() == 0
    saved = client.post(reverse("enforcement:complaint_create"), {**data, "action": "save"})
    assert saved.status_code == 302
    new = Complaint.objects.exclude(pk=complaint.pk).get()
    assert new.links.count() == 2 and new.state == "draft"


@pytest.mark.django_db
def test_upload_of_xlsx_and_csv_lists(client, paralegal):
    from openpyxl import Workbook

    complaint = ComplaintFactory(links=0)
    book = Workbook()
    book.active.append(["link", "note"])
    book.active.append([taobao(1), "seen 2026-01-02"])
    book.active.append([taobao(2), ""])
    data = io.BytesIO()
    book.save(data)
    client.force_login(paralegal)
    base = {
        "client": complaint.client_id, "platform": complaint.platform_id,
        "account": complaint.account_id, "ipr": complaint.ipr_id, "target_kind": "listing",
        "reason_code": complaint.reason_code_id, "action": "preview",
    }  # fmt: skip
    xlsx = SimpleUploadedFile("links.xlsx", data.getvalue())
    response = client.post(reverse("enforcement:complaint_create"), {**base, "links_file": xlsx})
    assert [line.status for line in response.context["preview"].lines] == ["new", "new"]
    csv_file = SimpleUploadedFile("links.csv", f"url\n{taobao(3)}\n".encode())
    response = client.post(
        reverse("enforcement:complaint_create"), {**base, "links_file": csv_file}
    )
    assert len(response.context["preview"].lines) == 1
    bad = SimpleUploadedFile("links.pdf", b"%PDF")
    response = client.post(reverse("enforcement:complaint_create"), {**base, "links_file": bad})
    assert "Upload a .txt, .csv or .xlsx file" in response.content.decode()


@pytest.mark.django_db
def test_refresh_narrows_reason_codes_to_the_choices(client, paralegal):
    complaint = ComplaintFactory(links=0)
    client.force_login(paralegal)
    response = client.post(
        reverse("enforcement:complaint_create"),
        {"client": complaint.client_id, "platform": complaint.platform_id,
         "ipr": complaint.ipr_id, "target_kind": "storefront", "action": "refresh"},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    codes = {c.code for c in response.context["form"].fields["reason_code"].queryset}
    assert codes == {"tm-storefront"}
    assert "<html" not in response.content.decode()


@pytest.mark.django_db
def test_refresh_shows_what_blocks_filing_without_flagging_unfinished_fields(client, paralegal):
    complaint = ComplaintFactory(links=0, eligible=False)
    client.force_login(paralegal)
    partial = {"client": complaint.client_id, "platform": complaint.platform_id,
               "action": "refresh"}  # fmt: skip
    response = client.post(reverse("enforcement:complaint_create"), partial,
                           headers={"HX-Request": "true"})  # fmt: skip
    assert response.context["problems"] is None
    assert "This field is required" not in response.content.decode()
    full = {**partial, "account": complaint.account_id, "ipr": complaint.ipr_id,
            "target_kind": "listing", "reason_code": complaint.reason_code_id,
            "links_text": taobao(1)}  # fmt: skip
    response = client.post(reverse("enforcement:complaint_create"), full,
                           headers={"HX-Request": "true"})  # fmt: skip
    codes = [p.code for p in response.context["problems"]]
    assert codes == ["ipr_not_verified", "no_poa"]
    assert "not verified on the account" in response.content.decode()
