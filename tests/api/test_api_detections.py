"""POST /api/detections/: a vendor's rows through the detections import, all or nothing."""

import pytest

pytest.importorskip("enforcement.services.detections")  # the vendor import's service

from django.urls import reverse  # noqa: E402

from clients.models import Membership  # noqa: E402
from clients.roles import Role  # noqa: E402
from enforcement.models import Detection  # noqa: E402

from ..factories import ComplaintFactory, UserFactory  # noqa: E402

URL = "https://item.taobao.com/item.htm?id={}"


@pytest.mark.django_db
def test_rows_are_recognised_matched_and_queued(api, paralegal, client_a):
    known = ComplaintFactory(client=client_a).links.first().listing
    rows = [
        {"url": URL.format(700000000001), "title": "Fake boots", "price": "129.00"},
        {"url": known.canonical_url},
        {"url": URL.format(700000000001)},
    ]
    response = api(paralegal).post_json(
        reverse("api:detections"), {"client": client_a.pk, "rows": rows}
    )
    assert response.status_code == 201, response.content
    report = response.json()
    assert report["saved"] is True
    assert [line["status"] for line in report["lines"]] == ["new", "known", "duplicate"]
    assert report["lines"][1]["listing"] == known.pk
    assert Detection.objects.filter(client=client_a).count() == 2


@pytest.mark.django_db
def test_one_bad_row_saves_nothing_and_is_named(api, paralegal, client_a):
    rows = [{"url": URL.format(700000000002)}, {"url": "https://example.com/shoes"}]
    response = api(paralegal).post_json(
        reverse("api:detections"), {"client": client_a.pk, "rows": rows}
    )
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "rows[1]"
    assert body["report"]["saved"] is False
    assert not Detection.objects.exists()


@pytest.mark.django_db
def test_a_dry_run_reports_and_saves_nothing(api, paralegal, client_a):
    body = {"client": client_a.pk, "dry_run": True, "rows": [{"url": URL.format(700000000003)}]}
    response = api(paralegal).post_json(reverse("api:detections"), body)
    assert response.status_code == 200 and response.json()["saved"] is False
    assert not Detection.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field"),
    [({"rows": [{"url": "x"}]}, "client"), ({"client": 1, "rows": []}, "rows"),
     ({"client": 1, "rows": [{"title": "no url"}]}, "rows[0].url"),
     ({"client": 999999, "rows": [{"url": "x"}]}, "client")],
)  # fmt: skip
def test_bad_requests_name_the_field(api, paralegal, client_a, body, field):
    response = api(paralegal).post_json(reverse("api:detections"), body)
    assert response.status_code == 400
    assert response.json()["field"] == field


@pytest.mark.django_db
def test_a_client_person_may_not_submit(api, client_a):
    person = UserFactory(role=Role.CLIENT)
    Membership.objects.create(user=person, client=client_a)
    body = {"client": client_a.pk, "rows": [{"url": URL.format(700000000004)}]}
    assert api(person).post_json(reverse("api:detections"), body).status_code == 403
    assert not Detection.objects.exists()
