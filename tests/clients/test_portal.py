"""A client's people: invited by e-mail, following their own cases, sending what is asked."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from clients.models import DocumentRequest, Membership, User
from clients.roles import Role
from enforcement.models import Notification, OutboxMessage
from enforcement.services import reminders
from tests.factories import PDF, ClientFactory, UserFactory
from tests.support.responses import streamed
from tests.world import build_world

pytestmark = pytest.mark.django_db


def test_an_invitation_link_sets_a_password_once_and_gives_access(
    client, client_a, attorney, django_capture_on_commit_callbacks
):
    client.force_login(attorney)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("enforcement:client_invite", args=[client_a.pk]),
                    {"email": "Jane@Brand.example", "first_name": "Jane"})  # fmt: skip
    person = User.objects.get(email="jane@brand.example")
    assert person.role == Role.CLIENT and not person.has_usable_password()
    assert Membership.objects.filter(user=person, client=client_a, is_active=True).exists()
    # Written to the outbox (handed to the workers on commit), delivered like any reminder.
    (queued,) = OutboxMessage.objects.filter(recipient=person)
    assert queued.kind == OutboxMessage.Kind.INVITATION and queued.enqueued_at is not None
    assert mail.outbox == []
    assert reminders.deliver_due(timezone.now()) == {"sent": 1}
    (email,) = mail.outbox
    assert email.to == ["jane@brand.example"]
    link = re.search(r"https?://\S+/portal/welcome/\S+/", email.body)[0]
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.logout()
    page = client.get("/" + path, follow=True)
    assert "Choose the password" in page.content.decode()
    set_url = page.redirect_chain[-1][0] if page.redirect_chain else "/" + path
    client.post(set_url, {"new_password1": "brand-new-pass-2026", "new_password2":
                          "brand-new-pass-2026"})  # fmt: skip
    assert client.login(username="jane@brand.example", password="brand-new-pass-2026")
    client.logout()
    again = client.get("/" + path, follow=True)
    assert "already used or has expired" in again.content.decode()


def test_a_firm_member_cannot_be_invited_as_a_client(client, client_a, attorney, paralegal):
    client.force_login(attorney)
    response = client.post(reverse("enforcement:client_invite", args=[client_a.pk]),
                           {"email": paralegal.email}, follow=True)  # fmt: skip
    assert "belongs to a member of the firm" in response.content.decode()


def test_a_person_of_a_brand_group_switches_between_its_clients(client):
    first, second = ClientFactory(legal_name="Brand Asia"), ClientFactory(legal_name="Brand EU")
    person = UserFactory(role=Role.CLIENT)
    Membership.objects.create(user=person, client=first)
    Membership.objects.create(user=person, client=second)
    client.force_login(person)
    assert "Brand Asia" in client.get(reverse("portal:overview")).content.decode()
    client.post(reverse("portal:switch"), {"client": second.pk})
    page = client.get(reverse("portal:overview")).content.decode()
    assert '<h1 class="h3 mb-0">Brand EU</h1>' in page
    outsider = ClientFactory()
    assert client.post(reverse("portal:switch"), {"client": outsider.pk}).status_code == 404


def test_overview_counts_the_clients_own_links(client, client_a, client_b, paralegal):
    from enforcement.services import record_link_outcomes

    world_a, world_b = build_world(client_a), build_world(client_b)
    links = list(world_a.filed.links.all())
    at = timezone.now()
    record_link_outcomes(links[:1], outcome="removed", at=at, by=paralegal)
    record_link_outcomes(links[1:2], outcome="rejected", at=at, by=paralegal, reason="x")
    record_link_outcomes(list(world_b.filed.links.all()), outcome="removed", at=at, by=paralegal)
    person = UserFactory(role=Role.CLIENT)
    Membership.objects.create(user=person, client=client_a)
    client.force_login(person)
    context = client.get(reverse("portal:overview")).context
    assert context["counts"]["reported"] == 3 and context["counts"]["removed"] == 1
    assert context["counts"]["pending"] == 1
    assert context["rate"] == 50.0  # 1 accepted of 2 decided


def test_a_client_answers_a_request_and_the_staff_hear_of_it(client, client_a, paralegal):
    request = DocumentRequest.objects.create(
        client=client_a, title="Signed POA", due_on="2027-01-31", requested_by=paralegal
    )
    person = UserFactory(role=Role.CLIENT)
    Membership.objects.create(user=person, client=client_a)
    client.force_login(person)
    response = client.post(
        reverse("portal:request_upload", args=[request.pk]),
        {"file": SimpleUploadedFile("poa.pdf", PDF, "application/pdf"), "note": "signed"},
        follow=True,
    )
    assert "The firm has been told" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "received"
    (upload,) = request.uploads.all()
    assert len(upload.sha256) == 64 and upload.uploaded_by == person
    notice = Notification.objects.get(recipient=paralegal)
    assert "Signed POA" in notice.title
    download = client.get(reverse("clients:download", args=["client-upload", upload.pk, "file"]))
    assert download.status_code == 200


def test_a_file_of_the_wrong_kind_or_size_comes_back_with_what_to_fix(
    client, client_a, paralegal, settings
):
    request = DocumentRequest.objects.create(
        client=client_a, title="Signed POA", due_on="2027-01-31", requested_by=paralegal
    )
    person = UserFactory(role=Role.CLIENT)
    Membership.objects.create(user=person, client=client_a)
    client.force_login(person)
    url = reverse("portal:request_upload", args=[request.pk])

    response = client.post(url, {
        "file": SimpleUploadedFile("setup.exe", b"MZ...", "application/octet-stream"),
        "note": "signed by the director",
    })  # fmt: skip
    assert response.status_code == 400
    text = response.content.decode()
    assert "Files of type “exe” are not accepted" in text and "pdf" in text
    assert 'value="signed by the director"' in text  # the note is not lost

    settings.MAX_UPLOAD_MB = 0
    response = client.post(url, {"file": SimpleUploadedFile("poa.pdf", PDF), "note": "x"})
    assert response.status_code == 400
    assert "the limit is 0 MB" in response.content.decode()

    request.refresh_from_db()
    assert request.status == "open" and not request.uploads.exists()
    assert not Notification.objects.exists()


def test_an_uploaded_file_is_stored_under_a_random_name_and_shown_by_its_own(
    client, client_a, paralegal
):
    request = DocumentRequest.objects.create(
        client=client_a, title="Photo", due_on="2027-01-31", requested_by=paralegal
    )
    person = UserFactory(role=Role.CLIENT)
    Membership.objects.create(user=person, client=client_a)
    client.force_login(person)
    client.post(
        reverse("portal:request_upload", args=[request.pk]),
        {"file": SimpleUploadedFile("Brand Photo 1.pdf", PDF, "application/pdf")},
    )
    (upload,) = request.uploads.all()
    assert "Brand" not in upload.file.name and upload.file.name.startswith("client-uploads/")
    assert str(upload) == "Brand Photo 1.pdf"
    page = client.get(reverse("portal:requests")).content.decode()
    assert "Brand Photo 1.pdf" in page


def test_a_member_without_upload_rights_cannot_send(client, client_a):
    request = DocumentRequest.objects.create(client=client_a, title="Photo", due_on="2027-01-31")
    person = UserFactory(role=Role.CLIENT)
    Membership.objects.create(user=person, client=client_a, can_upload=False)
    client.force_login(person)
    response = client.post(
        reverse("portal:request_upload", args=[request.pk]),
        {"file": SimpleUploadedFile("a.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 403
    assert not request.uploads.exists()


def test_listing_export_holds_only_the_clients_own_listings(client, client_a, client_b):
    world_a, world_b = build_world(client_a), build_world(client_b)
    person = UserFactory(role=Role.CLIENT)
    Membership.objects.create(user=person, client=client_a)
    client.force_login(person)
    text = streamed(client.get(reverse("portal:export")))
    for link in world_a.filed.links.select_related("listing"):
        assert link.listing.canonical_url in text
    for link in world_b.filed.links.select_related("listing"):
        assert link.listing.canonical_url not in text


def test_password_reset_sends_a_link(client):
    UserFactory(role=Role.CLIENT, email="forgot@brand.example")
    client.post(reverse("password_reset"), {"email": "forgot@brand.example"})
    (email,) = mail.outbox
    assert "/accounts/password-reset/" in email.body


def test_staff_do_not_use_the_portal(client, paralegal):
    client.force_login(paralegal)
    assert client.get(reverse("portal:overview")).status_code == 403


def test_inviting_again_after_access_was_withdrawn_writes_a_new_invitation(
    client, client_a, attorney
):
    client.force_login(attorney)
    url = reverse("enforcement:client_invite", args=[client_a.pk])
    client.post(url, {"email": "jo@brand.example"})
    repeat = client.post(url, {"email": "jo@brand.example"}, follow=True)
    assert "can already follow this client" in repeat.content.decode()
    membership = Membership.objects.get(user__email="jo@brand.example")
    membership.is_active = False
    membership.save()
    client.post(url, {"email": "jo@brand.example"})
    keys = OutboxMessage.objects.filter(kind=OutboxMessage.Kind.INVITATION).values_list(
        "key", flat=True
    )
    assert len(set(keys)) == 2


def test_a_request_moves_only_along_its_lifecycle(client, client_a, paralegal, today):
    request = DocumentRequest.objects.create(
        client=client_a, title="Evidence photo", due_on=today, requested_by=paralegal
    )
    person = UserFactory(role=Role.CLIENT)
    Membership.objects.create(user=person, client=client_a)
    upload_url = reverse("portal:request_upload", args=[request.pk])

    def upload():
        client.force_login(person)
        photo = SimpleUploadedFile("photo.pdf", PDF, "application/pdf")
        return client.post(upload_url, {"file": photo, "note": ""})

    # The client's person cannot cancel; the paralegal sees no "ask again" while it is open.
    client.force_login(person)
    cancel_url = reverse("clients:documentrequest_cancel", args=[request.pk])
    assert client.post(cancel_url).status_code == 403
    client.force_login(paralegal)
    page = client.get(request.get_absolute_url()).content.decode()
    assert "cancel the request" in page and "ask again" not in page

    # Received, not what was needed: asked again, answered again.
    assert upload().status_code == 302
    client.force_login(paralegal)
    client.post(reverse("clients:documentrequest_ask_again", args=[request.pk]))
    request.refresh_from_db()
    assert request.status == DocumentRequest.Status.OPEN
    assert upload().status_code == 302
    request.refresh_from_db()
    assert request.status == DocumentRequest.Status.RECEIVED and request.uploads.count() == 2

    # Cancelled ends it: no upload, no second cancel, and the history says who did it.
    client.force_login(paralegal)
    client.post(reverse("clients:documentrequest_ask_again", args=[request.pk]))
    client.post(cancel_url)
    request.refresh_from_db()
    assert request.status == DocumentRequest.Status.CANCELLED
    assert request.history.latest().history_user == paralegal
    again = client.post(cancel_url, follow=True).content.decode()
    assert "cannot become" in again
    refused = upload()
    assert refused.status_code == 400 and "no longer needs" in refused.content.decode()
    assert request.uploads.count() == 2
