"""Tokens: made on the account page past a second factor, shown once, stored hashed,
revocable; the API refuses anything else with a JSON 401."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from clients.roles import Role
from enforcement.models import ApiToken
from enforcement.models.access import digest

from ..factories import UserFactory
from .conftest import token_for

TOKEN = re.compile(r"edk_[A-Za-z0-9_-]{40,}")


@pytest.mark.django_db
def test_a_token_is_shown_once_and_stored_hashed(client, paralegal, api):
    client.force_login(paralegal)  # past the second factor, as after a real sign-in
    response = client.post(reverse("api_tokens"), {"name": "vendor sync"})
    assert response.status_code == 201
    secret = TOKEN.search(response.content.decode()).group()
    token = ApiToken.objects.get(user=paralegal)
    assert token.name == "vendor sync"
    assert token.key_hash == digest(secret) and secret not in token.key_hash
    page = client.get(reverse("api_tokens")).content.decode()
    assert "vendor sync" in page and secret not in page and token.prefix in page
    assert api(token=secret).get(reverse("api:client_list")).status_code == 200


@pytest.mark.django_db
def test_creating_a_token_needs_a_passed_second_factor(client, paralegal, client_user):
    client.force_login(paralegal, second_factor=False)
    response = client.post(reverse("api_tokens"), {"name": "x"})
    assert response.status_code == 302  # sent to pass the factor first, like every page
    assert "two-factor" in response["Location"]
    # A client's person needs no factor for the portal, but does for a token.
    client.force_login(client_user)
    page = client.get(reverse("api_tokens"))
    assert page.status_code == 200 and "two-factor sign-in" in page.content.decode()
    response = client.post(reverse("api_tokens"), {"name": "x"})
    assert response.status_code == 403
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_a_client_person_who_set_up_a_factor_makes_a_token(client, client_user):
    TOTPDevice.objects.create(user=client_user, name="app", confirmed=True)
    client.force_login(client_user)  # the fixture's client passes the factor
    response = client.post(reverse("api_tokens"), {"name": "brand dashboard"})
    assert response.status_code == 201


@pytest.mark.django_db
def test_a_revoked_token_is_refused(client, paralegal, api):
    secret = token_for(paralegal)
    caller = api(token=secret)
    assert caller.get(reverse("api:complaint_list")).status_code == 200
    client.force_login(paralegal)
    token = ApiToken.objects.get(user=paralegal)
    response = client.post(reverse("api_token_revoke", args=[token.pk]))
    assert response.status_code == 302
    refused = caller.get(reverse("api:complaint_list"))
    assert refused.status_code == 401
    assert refused.json()["message"] and refused.json()["field"] is None
    assert refused["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.django_db
def test_nobody_revokes_another_persons_token(client, paralegal, attorney, api):
    secret = token_for(paralegal)
    client.force_login(attorney)
    token = ApiToken.objects.get(user=paralegal)
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    assert api(token=secret).get(reverse("api:complaint_list")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header", ["", "Bearer", "Bearer edk_unknown", "Bearer a b", "Token edk_x", "Basic eDp5"]
)
def test_missing_or_unknown_tokens_get_json_401(api, header):
    caller = api()
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = caller.get(reverse("api:complaint_list"), **extra)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]


@pytest.mark.django_db
def test_a_deactivated_user_or_reset_factor_stops_the_token(api):
    user = UserFactory(role=Role.ATTORNEY)
    caller = api(user)
    assert caller.get(reverse("api:deadline_list")).status_code == 200
    TOTPDevice.objects.filter(user=user).delete()  # the firm admin reset a lost phone
    assert caller.get(reverse("api:deadline_list")).status_code == 401
    TOTPDevice.objects.create(user=user, name="new", confirmed=True)
    user.is_active = False
    user.save()
    assert caller.get(reverse("api:deadline_list")).status_code == 401


@pytest.mark.django_db
def test_the_api_throttles_per_user(api, paralegal, settings):
    settings.API_THROTTLE_RATE = "3/minute"
    caller = api(paralegal)
    codes = [caller.get(reverse("api:client_list")).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = caller.get(reverse("api:client_list"))
    assert response.json()["message"] and int(response["Retry-After"]) > 0
    other = api(UserFactory(role=Role.PARALEGAL))
    assert other.get(reverse("api:client_list")).status_code == 200


@pytest.mark.django_db
def test_query_parameters_are_checked_and_named(api, paralegal):
    caller = api(paralegal)
    for path, query, field in [
        ("api:complaint_list", "client=abc", "client"),
        ("api:deadline_list", "status=late", "status"),
        ("api:deadline_list", "mine=yes", "mine"),
    ]:
        response = caller.get(reverse(path) + "?" + query)
        assert response.status_code == 400, (path, query)
        assert response.json()["field"] == field


@pytest.mark.django_db
def test_cursor_pages_walk_every_row_once(api, paralegal, client_a):
    from ..factories import IPRFactory

    made = {IPRFactory(client=client_a).pk for _ in range(7)}
    caller = api(paralegal)
    seen, url, pages = [], reverse("api:ipr_list") + "?page_size=3", 0
    while url:
        page = caller.get(url).json()
        assert "count" not in page
        seen.extend(row["id"] for row in page["results"])
        url, pages = page["next"], pages + 1
    assert sorted(seen) == sorted(made) and pages == 3
    bad = caller.get(reverse("api:ipr_list") + "?cursor=garbage")
    assert bad.status_code == 404 and bad.json()["message"]
