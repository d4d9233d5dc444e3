"""Every URL pattern of the project, filled with client B's objects, requested as client A's
person, a paralegal, an attorney and an anonymous visitor.

Nothing of client B may reach client A's person; anonymous visitors are sent to log in.
The patterns are read from the URL resolver, so a new page is crawled automatically; a
pattern whose arguments the crawl cannot fill fails the test until it is taught how.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from clients.models import Membership
from clients.roles import Role

from .factories import UserFactory
from .world import build_world

# Pages anyone may open, logged in or not.
PUBLIC = {
    "login", "logout", "password_reset", "password_reset_done", "password_reset_confirm",
    "password_reset_complete", "portal:welcome", "set_language", "api:schema", "api:docs",
    "calendar:feed",  # a secret address: tests/enforcement/test_calendar_feed.py
}  # fmt: skip


# The REST API opens with a bearer token only (tests/api/): a session or nothing gets 401.
def token_only(name: str) -> bool:
    return name.startswith("api:")


# One's own account (password, second factor): open to every logged-in person.
OWN_ACCOUNT = {
    "two_factor_setup", "two_factor_verify", "password_change", "password_change_done", "profile",
    "api_tokens",
}  # fmt: skip

# Extra arguments besides the object's pk.
SAMPLES = {
    "fmt": ["csv", "txt", "print"],
    "uidb64": ["MQ"],
    "token": ["set-password"],
    "year": [2026, 2090],
    "secret": ["edk_not-a-feed"],
}


def patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else prefix
            yield from patterns(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, entry


def model_of(name: str, entry: URLPattern):
    view = getattr(entry.callback, "view_class", None)
    model = getattr(view, "model", None)
    if model is None:
        model = getattr(entry.callback, "view_initkwargs", {}).get("model")
    if model is None:
        model = FALLBACK_MODELS.get(name)
    return model


def _fallbacks():
    from clients.models import DocumentRequest
    from enforcement.models import Complaint

    return {
        "portal:complaint_detail": Complaint,
        "portal:request_upload": DocumentRequest,
    }


FALLBACK_MODELS: dict = {}


def object_of(world, model):
    """Client B's object of that model (the world holds one of each)."""
    if model.__name__ == "Complaint":
        return world.filed
    for value in vars(world).values():
        if isinstance(value, model):
            return value
    raise LookupError(model)


def urls_for(world):
    """(pattern name, url, method) for every pattern, filled with the world's objects."""
    from clients.downloads import DOWNLOADABLE

    FALLBACK_MODELS.update({k: v for k, v in _fallbacks().items() if v is not None})
    out = []
    for name, entry in patterns():
        if name.startswith("admin:"):
            continue
        keys = list(entry.pattern.converters) or re.findall(r"<(?:\w+:)?(\w+)>", str(entry.pattern))
        view = getattr(entry.callback, "view_class", None)
        method = "post" if getattr(view, "http_method_names", None) == ["post"] else "get"
        if name == "clients:download":
            for kind, (label, fields) in DOWNLOADABLE.items():
                from django.apps import apps

                obj = object_of(world, apps.get_model(label))
                for field in fields:
                    out.append((name, reverse(name, args=[kind, obj.pk, field]), "get"))
            continue
        if not keys:
            out.append((name, reverse(name), method))
            continue
        kwargs_options = [{}]
        for key in keys:
            if key == "pk":
                model = model_of(name, entry)
                assert model is not None, f"the crawl does not know what {name} shows"
                values = [object_of(world, model).pk]
            else:
                assert key in SAMPLES, f"the crawl cannot fill <{key}> of {name}"
                values = SAMPLES[key]
            kwargs_options = [{**k, key: v} for k in kwargs_options for v in values]
        for kwargs in kwargs_options:
            out.append((name, reverse(name, kwargs=kwargs), method))
    return out


@pytest.fixture
def worlds(client_a, client_b):
    return build_world(client_a), build_world(client_b)


@pytest.fixture
def person_of_a(client_a):
    user = UserFactory(role=Role.CLIENT, username="alice-of-a")
    Membership.objects.create(user=user, client=client_a)
    return user


def secrets_of(world) -> list[str]:
    """Strings that only client B's records contain."""
    return [
        world.client.legal_name,
        world.filed.platform_reference,
        world.filed.internal_notes,
        world.document_request.title,
        world.ipr.registration_number,
    ]


@pytest.mark.django_db
def test_nothing_of_client_b_reaches_client_as_person(client, worlds, person_of_a):
    _world_a, world_b = worlds
    client.force_login(person_of_a)
    leaks, crawled = [], 0
    for name, url, method in urls_for(world_b):
        if name in PUBLIC:
            continue
        response = getattr(client, method)(url)
        crawled += 1
        status = response.status_code
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode(errors="replace")
        if any(secret in text for secret in secrets_of(world_b)):
            leaks.append((name, url, "shows client B"))
        elif token_only(name):
            if status != 401:
                leaks.append((name, url, status))
        elif name == "home":
            if not (status == 302 and response["Location"] == reverse("portal:overview")):
                leaks.append((name, url, status))
        elif name in OWN_ACCOUNT:
            if status not in (200, 302):
                leaks.append((name, url, status))
        elif name.startswith("portal:") and "<int:pk>" not in str(
            dict(patterns()).get(name).pattern
        ):
            if status not in (200, 302, 404):  # its own lists; actions refused or done
                leaks.append((name, url, status))
        elif status not in (403, 404, 405):
            leaks.append((name, url, status))
    assert crawled > 150
    assert leaks == []


@pytest.mark.django_db
def test_client_as_person_sees_its_own_portal_pages(client, worlds, person_of_a):
    world_a, _world_b = worlds
    client.force_login(person_of_a)
    for url in (
        reverse("portal:overview"),
        reverse("portal:complaint_list"),
        reverse("portal:complaint_detail", args=[world_a.filed.pk]),
        reverse("portal:rights"),
        reverse("portal:requests"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(reverse("portal:complaint_detail", args=[world_a.filed.pk]))
    assert world_a.filed.platform_reference in page.content.decode()
    assert world_a.filed.internal_notes not in page.content.decode()  # the firm's own notes


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PARALEGAL, Role.ATTORNEY])
def test_staff_reach_client_bs_records_but_not_the_portal(client, worlds, role):
    _world_a, world_b = worlds
    client.force_login(UserFactory(role=role))
    for name, url, method in urls_for(world_b):
        if name in PUBLIC or method == "post" or name == "home":
            continue
        status = client.get(url).status_code
        if token_only(name):
            assert status == 401, (name, url, status)
        elif name.startswith("portal:"):
            assert status == 403, (name, url)
        elif name == "clients:download":  # an empty file field answers 404
            assert status in (200, 404), (name, url, status)
        else:
            assert status in (200, 302, 403), (name, url, status)


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in_everywhere(client, worlds):
    _world_a, world_b = worlds
    for name, url, method in urls_for(world_b):
        if name in PUBLIC:
            continue
        response = getattr(client, method)(url)
        if token_only(name):
            assert response.status_code == 401, (name, url, response.status_code)
            continue
        assert response.status_code == 302, (name, url, response.status_code)
        assert response["Location"].startswith(reverse("login")), (name, url)
