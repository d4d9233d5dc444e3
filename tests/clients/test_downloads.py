"""A client's person downloads exactly what the portal shows it; every file opened is logged."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from clients.downloads import DOWNLOADABLE
from clients.models import DownloadLog
from tests.factories import PDF, MembershipFactory
from tests.world import build_world

pytestmark = pytest.mark.django_db

# kind, the world's record, the field holding a file
FILES = [
    ("identity-document", "document", "file"),
    ("poa", "poa", "signed_file"),
    ("evidence", "evidence", "file"),
    ("ipr-document", "ipr_document", "file"),
    ("seller-evidence", "seller_evidence", "file"),
    ("ipr-change", "ipr_change", "proof"),
    ("claim-statement", "statement", "assignment_proof"),
    ("client-upload", "request_upload", "file"),
]
PORTAL_SHOWS = {"client-upload"}


def url(kind, obj, field):
    return reverse("clients:download", args=[kind, obj.pk, field])


def test_every_downloadable_kind_is_covered_here():
    assert {kind for kind, _, _ in FILES} == set(DOWNLOADABLE)


@pytest.mark.parametrize(("kind", "attr", "field"), FILES)
def test_a_client_user_gets_404_on_every_file_the_portal_does_not_show(
    client, client_a, client_user, kind, attr, field
):
    world = build_world(client_a)
    obj = getattr(world, attr)
    if not getattr(obj, field):  # an optional file the world leaves empty: give it one
        getattr(obj, field).save("proof.pdf", ContentFile(PDF), save=True)
    client.force_login(client_user)
    response = client.get(url(kind, obj, field))
    assert response.status_code == (200 if kind in PORTAL_SHOWS else 404)


def test_the_portal_links_only_to_files_a_client_user_may_open(client, client_a, client_user):
    world = build_world(client_a)
    client.force_login(client_user)
    page = client.get(reverse("portal:requests")).content.decode()
    assert url("client-upload", world.request_upload, "file") in page
    assert client.get(url("client-upload", world.request_upload, "file")).status_code == 200


def test_another_clients_person_opens_none_of_them(client, client_a, client_b):
    world = build_world(client_a)
    outsider = MembershipFactory(client=client_b).user
    client.force_login(outsider)
    assert client.get(url("client-upload", world.request_upload, "file")).status_code == 404


def test_every_download_is_logged_and_shown_to_the_firm_admin_only(
    client, client_a, client_user, paralegal, firm_admin
):
    world = build_world(client_a)
    client.force_login(paralegal)
    assert client.get(url("poa", world.poa, "signed_file")).status_code == 200
    client.force_login(client_user)
    assert client.get(url("client-upload", world.request_upload, "file")).status_code == 200
    assert client.get(url("seller-evidence", world.seller_evidence, "file")).status_code == 404
    logs = list(DownloadLog.objects.order_by("at", "pk"))
    assert [(log.user, log.client, log.kind) for log in logs] == [
        (paralegal, client_a, "poa"),
        (client_user, client_a, "client-upload"),
    ]
    client.force_login(firm_admin)
    page = client.get(client_a.get_absolute_url())
    assert list(page.context["downloads"]) == logs[::-1]
    assert logs[0].description in page.content.decode()
    client.force_login(paralegal)
    assert client.get(client_a.get_absolute_url()).context.get("downloads") is None


def test_every_export_of_a_clients_records_is_logged_too(
    client, client_a, client_b, client_user, paralegal
):
    world = build_world(client_a)
    complaint = world.complaint
    client.force_login(paralegal)
    for fmt in ("csv", "txt", "print"):
        response = client.get(reverse("enforcement:complaint_export", args=[complaint.pk, fmt]))
        assert response.status_code == 200
    client.force_login(client_user)
    assert client.get(reverse("portal:export")).status_code == 200
    logs = list(DownloadLog.objects.order_by("at", "pk"))
    assert [(log.user, log.client, log.field) for log in logs] == [
        (paralegal, client_a, "export:csv"),
        (paralegal, client_a, "export:txt"),
        (paralegal, client_a, "export:print"),
        (client_user, client_a, "export:csv"),
    ]
    assert logs[0].kind == "complaint" and logs[0].object_id == complaint.pk
    assert logs[-1].kind == "client" and logs[-1].object_id == client_a.pk
    assert not DownloadLog.objects.filter(client=client_b).exists()
