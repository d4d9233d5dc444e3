"""The client validates before enforcement: suspected listings wait in the client's portal,
are validated or rejected with a note, and only validated ones go into complaint drafts."""

import uuid

import pytest
from django.urls import reverse

from clients.models import Client, Membership
from clients.roles import Role
from enforcement.models import Detection, Platform
from tests.factories import ClientFactory, ListingFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = Detection.Status


def detections(client, n, prefix):
    taobao = Platform.objects.get(code="taobao")
    key = uuid.uuid4()
    return [
        Detection.objects.create(
            client=client,
            platform=taobao,
            listing=ListingFactory(platform=taobao),
            import_key=key,
            line=i + 1,
            title=f"{prefix} {i + 1}",
        )  # fmt: skip
        for i in range(n)
    ]


@pytest.fixture
def brands():
    checks = ClientFactory(detection_validation=Client.Validation.REQUIRED)
    other = ClientFactory(detection_validation=Client.Validation.OPTIONAL)
    return checks, other


def person_of(client):
    user = UserFactory(role=Role.CLIENT)
    Membership.objects.create(user=user, client=client)
    return user


def ask(web, paralegal, rows, note="Please confirm these are not yours."):
    web.force_login(paralegal)
    return web.post(
        reverse("enforcement:detection_queue"),
        {"detections": [d.pk for d in rows], "action": "ask_client", "note": note},
    )


def test_the_client_validates_or_rejects_and_only_validated_ones_are_drafted(
    client, paralegal, brands
):
    checks, other = brands
    mine, theirs = detections(checks, 3, "Fake boot"), detections(other, 1, "Other's")
    assert ask(client, paralegal, mine + theirs).status_code == 302
    assert {d.status for d in Detection.objects.all()} == {Status.AWAITING_CLIENT}
    waiting = client.get(reverse("enforcement:detection_queue"), {"status": "awaiting_client"})
    assert waiting.content.decode().count('class="small waiting"') == 4

    # The client's person sees its own three, not the other client's.
    person = person_of(checks)
    client.force_login(person)
    page = client.get(reverse("portal:validation")).content.decode()
    assert "Fake boot 1" in page and "Fake boot 3" in page and "Other's" not in page
    assert "Please confirm these are not yours." in page

    # A rejection without a note comes back with the boxes still ticked; nothing moves.
    url = reverse("portal:validation")
    refused = client.post(url, {"detections": [mine[2].pk], "decision": "reject", "note": ""})
    assert refused.status_code == 400
    assert "Say why these listings should not be reported" in refused.content.decode()
    assert f'value="{mine[2].pk}" checked' in refused.content.decode()
    # Another client's listing is not among the choices: refused, and left as it was.
    foreign = client.post(url, {"detections": [theirs[0].pk], "decision": "validate"})
    assert foreign.status_code == 400
    assert Detection.objects.get(pk=theirs[0].pk).status == Status.AWAITING_CLIENT

    client.post(url, {"detections": [mine[0].pk, mine[1].pk], "decision": "validate"})
    client.post(url, {"detections": [mine[2].pk], "decision": "reject", "note": "Our reseller."})
    first, second, third = (Detection.objects.get(pk=d.pk) for d in mine)
    assert (first.status, second.status, third.status) == (
        Status.VALIDATED, Status.VALIDATED, Status.REJECTED_BY_CLIENT,
    )  # fmt: skip
    assert third.client_note == "Our reseller." and third.client_decided_by == person
    latest = third.history.first()
    assert latest.history_user == person and latest.status == Status.REJECTED_BY_CLIENT

    # The firm drafts the validated ones; the rejected one cannot be chosen.
    client.force_login(paralegal)
    drafted = client.post(
        reverse("enforcement:detection_queue"),
        {"detections": [first.pk, second.pk], "action": "draft"},
    )
    assert drafted.status_code == 302
    first.refresh_from_db()
    assert first.status == Status.DRAFTED and first.complaint is not None
    assert set(first.complaint.links.values_list("listing", flat=True)) == {
        mine[0].listing_id, mine[1].listing_id,
    }  # fmt: skip
    rejected = client.get(reverse("enforcement:detection_queue"), {"status": "rejected_by_client"})
    assert "Our reseller." in rejected.content.decode()


def test_a_client_that_must_validate_is_not_drafted_before_it_has(client, paralegal, brands):
    checks, _other = brands
    (row,) = detections(checks, 1, "Suspect")
    client.force_login(paralegal)
    answer = client.post(
        reverse("enforcement:detection_queue"), {"detections": [row.pk], "action": "draft"}
    )
    assert answer.status_code == 400
    assert "validate(s) suspected listings before they are reported" in answer.content.decode()
    row.refresh_from_db()
    assert row.status == Status.SUSPECTED and row.complaint is None


def test_a_client_that_does_not_validate_is_not_asked(client, paralegal):
    quiet = ClientFactory()  # the default: off
    (row,) = detections(quiet, 1, "Quiet")
    answer = ask(client, paralegal, [row])
    assert answer.status_code == 400
    assert "do(es) not validate suspected listings" in answer.content.decode()
    row.refresh_from_db()
    assert row.status == Status.SUSPECTED
    # Its people have no validation page in their navigation.
    client.force_login(person_of(quiet))
    assert "Listings to validate" not in client.get(reverse("portal:overview")).content.decode()


def test_staff_cannot_decide_in_the_clients_place(client, paralegal, brands):
    checks, _other = brands
    (row,) = detections(checks, 1, "Suspect")
    ask(client, paralegal, [row])
    client.force_login(paralegal)
    assert client.post(reverse("portal:validation"), {"detections": [row.pk]}).status_code == 403
    row.refresh_from_db()
    assert row.status == Status.AWAITING_CLIENT
