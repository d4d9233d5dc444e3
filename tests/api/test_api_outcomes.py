"""Recording a platform's outcome through the API: the page's service and lifecycle."""

import pytest
from django.urls import reverse

from clients.roles import Role
from enforcement.models import ComplaintLink, Listing
from enforcement.services import record_link_outcomes, submit_complaint

from ..factories import ComplaintFactory, UserFactory


@pytest.fixture
def paralegal_api(api, paralegal):
    return api(paralegal)


@pytest.fixture
def filed(client_a, paralegal, now):
    complaint = ComplaintFactory(client=client_a)
    return submit_complaint(complaint, reference="IPP-9", submitted_at=now, by=paralegal)


def url(complaint):
    return reverse("api:complaint_outcomes", args=[complaint.pk])


def links_of(complaint):
    return list(complaint.links.order_by("position"))


@pytest.mark.django_db
def test_a_removal_is_recorded_as_on_the_page(paralegal_api, filed, now):
    first, second, _third = links_of(filed)
    response = paralegal_api.post_json(
        url(filed), {"links": [first.pk, second.pk], "outcome": "removed", "at": now.isoformat()}
    )
    assert response.status_code == 200, response.content
    assert [row["outcome"] for row in response.json()["links"]] == ["removed", "removed"]
    first.refresh_from_db()
    assert first.outcome == ComplaintLink.Outcome.REMOVED
    assert first.history.first().history_user.username == "pat"
    assert Listing.objects.get(pk=first.listing_id).status == Listing.Status.REMOVED


@pytest.mark.django_db
def test_a_move_the_lifecycle_refuses_records_nothing_and_names_the_link(
    paralegal_api, paralegal, filed, now
):
    first, second, _third = links_of(filed)
    record_link_outcomes(
        [first], outcome="rejected", reason="Not enough proof", at=now, by=paralegal
    )
    response = paralegal_api.post_json(
        url(filed), {"links": [first.pk, second.pk], "outcome": "removed", "at": now.isoformat()}
    )
    assert response.status_code == 409
    body = response.json()
    assert body["field"] == "links"
    assert any(first.listing.canonical_url in e["message"] for e in body["errors"])
    assert not any(second.listing.canonical_url in e["message"] for e in body["errors"])
    second.refresh_from_db()
    assert second.outcome == ComplaintLink.Outcome.PENDING  # all or nothing


@pytest.mark.django_db
def test_a_draft_complaint_takes_no_outcome(paralegal_api, client_a, now):
    draft = ComplaintFactory(client=client_a)
    link = links_of(draft)[0]
    response = paralegal_api.post_json(
        url(draft), {"links": [link.pk], "outcome": "removed", "at": now.isoformat()}
    )
    assert response.status_code == 409
    assert "submitted" in response.json()["message"]


@pytest.mark.django_db
def test_a_countered_link_is_settled_only_by_the_decision(paralegal_api, paralegal, filed, now):
    link = links_of(filed)[0]
    record_link_outcomes([link], outcome="removed", at=now, by=paralegal)
    ComplaintLink.objects.filter(pk=link.pk).update(outcome="countered")
    response = paralegal_api.post_json(
        url(filed),
        {"links": [link.pk], "outcome": "rejected", "reason": "x", "at": now.isoformat()},
    )
    assert response.status_code == 409
    assert link.listing.canonical_url in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"outcome": "removed", "at": "2026-01-01T00:00:00Z"}, "links"),
        ({"links": [], "outcome": "removed", "at": "2026-01-01T00:00:00Z"}, "links"),
        ({"links": ["x"], "outcome": "removed", "at": "2026-01-01T00:00:00Z"}, "links[0]"),
        ({"links": [1], "outcome": "restored", "at": "2026-01-01T00:00:00Z"}, "outcome"),
        ({"links": [1], "outcome": "removed", "at": "yesterday"}, "at"),
        ({"links": [1], "outcome": "rejected", "at": "2026-01-01T00:00:00Z"}, "reason"),
    ],
)
def test_bad_requests_name_the_field(paralegal_api, filed, body, field):
    if body.get("links") == [1]:
        body["links"] = [links_of(filed)[0].pk]
    response = paralegal_api.post_json(url(filed), body)
    assert response.status_code == 400, response.content
    payload = response.json()
    assert payload["field"] == field
    assert payload["message"]
    assert payload["errors"][0] == {"field": field, "message": payload["message"]}


@pytest.mark.django_db
def test_links_of_another_complaint_are_refused_by_id(paralegal_api, filed, client_a, now):
    other = links_of(ComplaintFactory(client=client_a))[0]
    response = paralegal_api.post_json(
        url(filed), {"links": [other.pk], "outcome": "removed", "at": now.isoformat()}
    )
    assert response.status_code == 400
    assert response.json()["field"] == "links"
    assert str(other.pk) in response.json()["message"]


@pytest.mark.django_db
def test_a_client_person_may_read_but_not_record(api, filed, client_a, now):
    from clients.models import Membership

    person = UserFactory(role=Role.CLIENT)
    Membership.objects.create(user=person, client=client_a)
    caller = api(person)
    assert caller.get(reverse("api:complaint_detail", args=[filed.pk])).status_code == 200
    link = links_of(filed)[0]
    response = caller.post_json(
        url(filed), {"links": [link.pk], "outcome": "removed", "at": now.isoformat()}
    )
    assert response.status_code == 403
    link.refresh_from_db()
    assert link.outcome == ComplaintLink.Outcome.PENDING


@pytest.mark.django_db
def test_a_form_post_without_json_is_refused_as_json(paralegal_api, filed):
    response = paralegal_api.post(url(filed), {"links": "1"})
    assert response.status_code == 415
    assert response.json()["message"]
