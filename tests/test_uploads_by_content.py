"""Uploads are judged by their bytes: every upload field refuses what is not what it says."""

import io
import os
import zipfile

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse

from clients.files import clamd_scan, normalised_name, validate_clean
from clients.models import DocumentRequest
from enforcement.forms.complaints import ComplaintDraftForm
from enforcement.forms.counter_notices import CounterNoticeForm
from enforcement.portal.views import UploadForm
from tests.factories import PDF, PNG

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 300
HTML = b"<!doctype html><html><script>alert(1)</script></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'


def model_file_fields():
    for model in apps.get_models():
        if model._meta.app_label not in ("clients", "enforcement"):
            continue
        if model.__name__.startswith("Historical"):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield pytest.param(field, id=f"{model.__name__}.{field.name}")


FORM_FIELDS = [
    pytest.param(UploadForm.base_fields["file"], id="portal-upload"),
    pytest.param(CounterNoticeForm.base_fields["evidence_file"], id="counter-notice-evidence"),
]


def refused(field, upload) -> bool:
    try:
        field.run_validators(upload)
    except ValidationError:
        return True
    return False


BAD = {
    "executable named .pdf": ("invoice.pdf", EXE),
    "HTML named .txt": ("notes.txt", HTML),
    "SVG named .png": ("photo.png", SVG),
    "PDF named .png": ("photo.png", PDF),
    "empty": ("empty.pdf", b""),
    "archive": ("evidence.zip", b"PK\x03\x04" + b"\x00" * 100),
}


def test_every_model_upload_field_is_checked():
    fields = list(model_file_fields())
    assert len(fields) >= 9


@pytest.mark.parametrize("field", [*model_file_fields(), *FORM_FIELDS])
@pytest.mark.parametrize("case", BAD)
def test_each_upload_field_refuses_what_is_not_what_it_says(field, case):
    name, content = BAD[case]
    assert refused(field, SimpleUploadedFile(name, content))


@pytest.mark.parametrize("field", [*model_file_fields(), *FORM_FIELDS])
def test_each_upload_field_refuses_an_oversized_file_and_takes_a_real_one(field, settings):
    settings.MAX_UPLOAD_MB = 1
    assert refused(field, SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024)))
    assert not refused(field, SimpleUploadedFile("scan.pdf", PDF))
    assert not refused(field, SimpleUploadedFile("photo.png", PNG))
    assert not refused(field, SimpleUploadedFile("notes.txt", "链接 and notes\n".encode()))


def office(name: str, part: str, body: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, body)
    return out.getvalue()


def test_office_files_pass_and_a_zip_bomb_does_not():
    field = UploadForm.base_fields["file"]
    docx = office("x.docx", "word/document.xml", b"<w:document/>")
    assert not refused(field, SimpleUploadedFile("letter.docx", docx))
    bomb = office("x.docx", "word/document.xml", b"0" * (50 * 1024 * 1024))
    assert refused(field, SimpleUploadedFile("letter.docx", bomb))


@pytest.mark.django_db
def test_the_portal_refuses_an_executable_named_pdf(client, client_user, client_a, today):
    item = DocumentRequest.objects.create(client=client_a, title="Signed POA", due_on=today)
    client.force_login(client_user)
    response = client.post(
        reverse("portal:request_upload", args=[item.pk]),
        {"file": SimpleUploadedFile("signed.pdf", EXE)},
    )
    assert response.status_code == 400
    assert "not a .pdf file" in response.content.decode()
    assert not item.uploads.exists()


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("links.txt", b"https://item.taobao.com/item.htm?id=1\n", True),
        ("links.txt", HTML, False),
        ("links.csv", EXE, False),
        ("links.xlsx", PDF, False),
        ("links.pdf", PDF, False),
        ("links.txt", b"", False),
    ],
)
def test_the_links_file_is_judged_by_its_content(name, content, ok):
    field = ComplaintDraftForm.base_fields["links_file"]
    assert refused(field, SimpleUploadedFile(name, content)) is not ok


def test_the_links_file_is_capped(settings):
    settings.MAX_LINKS_FILE_MB = 1
    field = ComplaintDraftForm.base_fields["links_file"]
    big = b"https://item.taobao.com/item.htm?id=1\n" * 30_000  # 1.1 MB
    assert refused(field, SimpleUploadedFile("links.txt", big))


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd.PDF", "passwd.pdf"),
        ("C:\\Users\\jane\\Signed POA.pdf", "Signed POA.pdf"),
        ("bad\x00name\u202e.pdf", "badname.pdf"),
        ("a" * 300 + ".pdf", "a" * 96 + ".pdf"),
    ],
)
def test_names_are_normalised_and_shortened(sent, kept):
    assert normalised_name(sent) == kept


EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


@pytest.mark.skipif(not os.environ.get("CLAMD"), reason="no clamd here: set CLAMD to run it")
def test_clamav_refuses_the_eicar_test_file(settings):
    settings.CLAMD = os.environ["CLAMD"]
    assert clamd_scan(SimpleUploadedFile("eicar.txt", EICAR), settings.CLAMD)
    with pytest.raises(ValidationError):
        validate_clean(SimpleUploadedFile("eicar.txt", EICAR))
    validate_clean(SimpleUploadedFile("scan.pdf", PDF))


def test_without_clamd_nothing_is_scanned(settings):
    settings.CLAMD = ""
    validate_clean(SimpleUploadedFile("eicar.txt", EICAR))
