"""Uploads are validated, fingerprinted, served only through the scope check; edits keep history."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clients.models import Client, IdentityDocument
from enforcement.models import IPRDocument

from .factories import PDF, IdentityDocumentFactory, IPRFactory, UserFactory
from .world import build_world


def url_for(doc):
    return reverse("clients:download", args=["identity-document", doc.pk, "file"])


@pytest.mark.django_db
def test_identity_document_upload_is_stored_and_downloadable(client, paralegal, client_a):
    client.force_login(paralegal)
    response = client.post(
        reverse("clients:identitydocument_create"),
        {
            "client": client_a.pk,
            "kind": "incorporation",
            "number": "C-123",
            "file": SimpleUploadedFile("cert.pdf", PDF, content_type="application/pdf"),
            "issued_on": "2020-01-01",
        },
    )
    assert response.status_code == 302
    doc = IdentityDocument.objects.get()
    download = client.get(url_for(doc))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]


@pytest.mark.django_db
def test_upload_of_a_refused_file_type_says_what_is_accepted(client, paralegal, client_a):
    client.force_login(paralegal)
    response = client.post(
        reverse("clients:identitydocument_create"),
        {
            "client": client_a.pk,
            "kind": "incorporation",
            "number": "C-123",
            "file": SimpleUploadedFile("payload.exe", b"MZ", content_type="application/x-msdown"),
        },
    )
    assert response.status_code == 200
    error = response.context["form"].errors["file"][0]
    assert "“exe” are not accepted" in error and "pdf" in error
    assert response.context["form"]["number"].value() == "C-123"
    assert not IdentityDocument.objects.exists()


@pytest.mark.django_db
def test_oversized_upload_is_refused_with_the_limit(client, paralegal, client_a, settings):
    settings.MAX_UPLOAD_MB = 1
    client.force_login(paralegal)
    big = SimpleUploadedFile("scan.pdf", b"0" * (1024 * 1024 + 1), content_type="application/pdf")
    response = client.post(
        reverse("clients:identitydocument_create"),
        {"client": client_a.pk, "kind": "incorporation", "file": big},
    )
    assert "the limit is 1 MB" in response.context["form"].errors["file"][0]


@pytest.mark.django_db
def test_enterprise_cannot_prove_identity_with_a_passport(client, paralegal, client_a):
    client.force_login(paralegal)
    response = client.post(
        reverse("clients:identitydocument_create"),
        {"client": client_a.pk, "kind": "passport",
         "file": SimpleUploadedFile("p.pdf", PDF, content_type="application/pdf")},
    )  # fmt: skip
    assert "business licence" in response.context["form"].errors["kind"][0]


@pytest.mark.django_db
def test_client_user_downloads_own_files_but_never_another_clients(
    client, client_user, client_a, client_b
):
    # Only what the portal shows (its own answers to requests): see tests/clients/test_downloads.py
    own = build_world(client_a).request_upload
    foreign = build_world(client_b).request_upload
    client.force_login(client_user)
    open_ = reverse("clients:download", args=["client-upload", own.pk, "file"])
    assert client.get(open_).status_code == 200
    assert client.get(url_for(IdentityDocumentFactory(client=client_a))).status_code == 404
    other = reverse("clients:download", args=["client-upload", foreign.pk, "file"])
    assert client.get(other).status_code == 404


@pytest.mark.django_db
def test_anonymous_download_is_sent_to_log_in(client, client_a):
    doc = IdentityDocumentFactory(client=client_a)
    response = client.get(url_for(doc))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_download_refuses_fields_not_listed(client, paralegal, client_a):
    doc = IdentityDocumentFactory(client=client_a)
    client.force_login(paralegal)
    assert client.get(reverse("clients:download", args=["identity-document", doc.pk, "notes"])
                      ).status_code == 404  # fmt: skip
    assert client.get(reverse("clients:download", args=["user", doc.pk, "file"])).status_code == 404


@pytest.mark.django_db
def test_ipr_document_keeps_its_sha256(client, paralegal):
    right = IPRFactory()
    client.force_login(paralegal)
    response = client.post(
        reverse("enforcement:iprdocument_create"),
        {"ipr": right.pk, "kind": "registration_certificate",
         "file": SimpleUploadedFile("reg.pdf", PDF, content_type="application/pdf")},
    )  # fmt: skip
    assert response.status_code == 302
    assert IPRDocument.objects.get().sha256 == hashlib.sha256(PDF).hexdigest()


@pytest.mark.django_db
def test_htmx_inline_add_returns_the_refreshed_list(client, paralegal, client_a):
    client.force_login(paralegal)
    url = reverse("clients:identitydocument_create") + f"?client={client_a.pk}"
    form = client.get(url, headers={"HX-Request": "true"})
    assert "<html" not in form.content.decode()  # a fragment, not a page
    assert 'hx-post="' in form.content.decode()
    response = client.post(
        url,
        {"client": client_a.pk, "kind": "incorporation", "number": "INLINE-1",
         "file": SimpleUploadedFile("c.pdf", PDF, content_type="application/pdf")},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="identity-documents-table" hx-swap-oob="outerHTML"' in body
    assert "INLINE-1" in body


@pytest.mark.django_db
def test_edit_records_who_changed_what(client, paralegal, client_a):
    client.force_login(paralegal)
    response = client.post(
        reverse("clients:client_update", args=[client_a.pk]),
        {"kind": "enterprise", "legal_name": "Alpha Outdoor Incorporated", "country": "US",
         "registration_number": client_a.registration_number},
    )  # fmt: skip
    assert response.status_code == 302
    latest = client_a.history.latest()
    assert latest.history_user == paralegal
    assert latest.legal_name == "Alpha Outdoor Incorporated"
    page = client.get(reverse("clients:client_history", args=[client_a.pk]))
    rows = page.context["history_rows"]
    assert rows[0]["changes"][0][1:] == ("Alpha Outdoor Inc", "Alpha Outdoor Incorporated")
    assert str(paralegal) in page.content.decode()


@pytest.mark.django_db
def test_archive_keeps_the_record_and_hides_it_from_the_list(client, attorney, client_a):
    client.force_login(attorney)
    client.post(reverse("clients:client_archive", args=[client_a.pk]), {"action": "archive"})
    assert Client.objects.filter(pk=client_a.pk, archived_at__isnull=False).exists()
    listing = client.get(reverse("clients:client_list"))
    assert client_a not in listing.context["object_list"]
    archived = client.get(reverse("clients:client_list"), {"archived": "only"})
    assert list(archived.context["object_list"]) == [client_a]
    assert client_a.history.latest().history_user == attorney


@pytest.mark.django_db
def test_list_search_and_filters(client, paralegal):
    from .factories import ClientFactory

    ClientFactory(legal_name="Shenzhen Brightstar", chinese_name="深圳明星科技", country="CN")
    ClientFactory(legal_name="Maison Rivière", country="FR")
    client.force_login(paralegal)
    found = client.get(reverse("clients:client_list"), {"q": "明星"}).context["object_list"]
    assert [c.legal_name for c in found] == ["Shenzhen Brightstar"]
    found = client.get(reverse("clients:client_list"), {"country": "FR"}).context["object_list"]
    assert [c.legal_name for c in found] == ["Maison Rivière"]
    partial = client.get(reverse("clients:client_list"), {"q": "Maison"},
                         headers={"HX-Request": "true"})  # fmt: skip
    assert "<html" not in partial.content.decode() and "Maison Rivière" in partial.content.decode()


@pytest.mark.django_db
def test_moments_are_shown_in_the_users_own_time_zone(rf):
    from django.http import HttpResponse
    from django.utils import timezone

    from clients.middleware import UserTimezoneMiddleware

    middleware = UserTimezoneMiddleware(
        lambda request: HttpResponse(timezone.get_current_timezone_name())
    )
    request = rf.get("/")
    request.user = UserFactory(time_zone="America/Los_Angeles")
    assert middleware(request).content == b"America/Los_Angeles"
    request.user = UserFactory(time_zone="Asia/Shanghai")
    assert middleware(request).content == b"Asia/Shanghai"
    assert timezone.get_current_timezone_name() == "UTC"  # reset after the request
