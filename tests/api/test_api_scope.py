"""Every API endpoint answers only within the caller's scope.

The endpoints are read from the URL resolver (every ``api:`` pattern), so a new endpoint is
checked automatically: client A's person, with a token, gets 404 for each of client B's
records, and no list holds a row of client B; staff reach both clients' records.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from clients.roles import Role

from ..factories import UserFactory
from ..test_portal_crawl import object_of, patterns
from ..world import build_world

DOCUMENTATION = {"api:schema", "api:docs"}


def api_patterns():
    for name, entry in patterns():
        if name.startswith("api:") and name not in DOCUMENTATION:
            view = entry.callback.view_class
            methods = [m for m in ("get", "post") if hasattr(view, m)]
            yield name, entry, view.model, methods


def rows_of(model, client) -> set[int]:
    path = model.scope_client_path
    if path == "":
        return {client.pk}
    return set(model._base_manager.filter(**{path: client}).values_list("pk", flat=True))


def walk(api, url) -> list[dict]:
    """Every row of a list, page after page (the cursor's next link)."""
    rows = []
    while url:
        response = api.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        page = response.json()
        rows.extend(page["results"])
        url = page["next"]
    return rows


@pytest.fixture
def worlds(client_a, client_b):
    return build_world(client_a), build_world(client_b)


def secrets_of(world) -> list[str]:
    return [
        world.client.legal_name,
        world.filed.platform_reference,
        world.filed.internal_notes,
        world.ipr.registration_number,
    ]


@pytest.mark.django_db
def test_client_bs_records_answer_404_through_client_as_token(api, worlds, person_of_a):
    _world_a, world_b = worlds
    caller = api(person_of_a)
    checked = 0
    for name, entry, model, methods in api_patterns():
        if "pk" not in entry.pattern.converters:
            continue
        url = reverse(name, kwargs={"pk": object_of(world_b, model).pk})
        for method in methods:
            response = caller.get(url) if method == "get" else caller.post_json(url, {})
            assert response.status_code == 404, (name, method, response.status_code)
            assert response.json()["message"], name
            assert not any(s in response.content.decode() for s in secrets_of(world_b)), name
            checked += 1
    assert checked >= 8


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.CLIENT, Role.PARALEGAL])
def test_lists_hold_no_other_clients_rows(api, worlds, person_of_a, role):
    world_a, world_b = worlds
    caller = api(person_of_a if role == Role.CLIENT else UserFactory(role=role))
    lists = [
        (n, m)
        for n, e, m, how in api_patterns()
        if "pk" not in e.pattern.converters and "get" in how
    ]
    assert len(lists) >= 6
    for name, model in lists:
        found = {row["id"] for row in walk(caller, reverse(name) + "?page_size=7")}
        theirs, ours = rows_of(model, world_b.client), rows_of(model, world_a.client)
        if role == Role.CLIENT:
            assert not found & theirs, name
            assert found <= ours, name
        else:
            # Staff read every client's rows; filtered to client A, none of client B's.
            assert theirs <= found, name
            if name == "api:client_list":
                continue
            only_a = {
                row["id"] for row in walk(caller, reverse(name) + f"?client={world_a.client.pk}")
            }
            assert not only_a & theirs, name


@pytest.mark.django_db
def test_client_as_person_sees_what_the_portal_shows_and_no_more(api, worlds, person_of_a):
    world_a, _world_b = worlds
    caller = api(person_of_a)
    complaints = {row["id"] for row in walk(caller, reverse("api:complaint_list"))}
    assert complaints == {world_a.filed.pk}  # drafts are the firm's own work
    detail = caller.get(reverse("api:complaint_detail", args=[world_a.filed.pk])).json()
    assert "internal_notes" not in detail
    assert [link["id"] for link in detail["links"]] == list(
        world_a.filed.links.order_by("position").values_list("pk", flat=True)
    )
    assert (
        caller.get(reverse("api:complaint_detail", args=[world_a.complaint.pk])).status_code == 404
    )
    assert walk(caller, reverse("api:counternotice_list")) == []
    assert walk(caller, reverse("api:deadline_list")) == []
    rights = walk(caller, reverse("api:ipr_list"))
    assert {r["id"] for r in rights} == rows_of(type(world_a.ipr), world_a.client)
    assert "notes" not in rights[0]
    listings = {row["id"] for row in walk(caller, reverse("api:listing_list"))}
    assert listings == set(world_a.filed.links.values_list("listing_id", flat=True))
    clients = walk(caller, reverse("api:client_list"))
    assert [c["id"] for c in clients] == [world_a.client.pk]
    assert "registration_number" not in clients[0]


@pytest.mark.django_db
def test_a_client_person_whose_membership_ended_sees_nothing(api, worlds, person_of_a):
    world_a, _ = worlds
    caller = api(person_of_a)
    person_of_a.memberships.update(is_active=False)
    assert walk(caller, reverse("api:complaint_list")) == []
    response = caller.get(reverse("api:complaint_detail", args=[world_a.filed.pk]))
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PARALEGAL, Role.ATTORNEY, Role.FIRM_ADMIN])
def test_staff_reach_every_clients_records_as_on_the_pages(api, worlds, role):
    _world_a, world_b = worlds
    caller = api(UserFactory(role=role))
    for name, entry, model, methods in api_patterns():
        if "pk" not in entry.pattern.converters or "get" not in methods:
            continue
        url = reverse(name, kwargs={"pk": object_of(world_b, model).pk})
        assert caller.get(url).status_code == 200, name


@pytest.mark.django_db
def test_list_queries_do_not_grow_with_rows(api, client_a, django_assert_max_num_queries):
    from ..factories import ComplaintFactory

    caller = api(UserFactory(role=Role.PARALEGAL))
    budgets = {}
    for count in (1, 12):
        for _ in range(count):
            ComplaintFactory(client=client_a)
        for name in ("api:complaint_list", "api:listing_list", "api:ipr_list"):
            with django_assert_max_num_queries(8) as captured:
                assert caller.get(reverse(name) + "?page_size=10").status_code == 200
            budgets.setdefault(name, []).append(len(captured.captured_queries))
    for name, (few, many) in budgets.items():
        assert many <= few, (name, few, many)
    sql = " ".join(q["sql"] for q in captured.captured_queries).upper()
    assert "COUNT(" not in sql
