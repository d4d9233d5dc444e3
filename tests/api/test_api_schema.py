"""The OpenAPI schema, the offline docs page under the site's CSP, and schemathesis
walking every operation of the schema against the app (no server error, answers as
documented)."""

from __future__ import annotations

import json
import re

import pytest
import schemathesis
from django.contrib.staticfiles import finders
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from clients.roles import Role

from ..factories import UserFactory
from ..world import build_world
from .conftest import token_for


@pytest.mark.django_db
def test_the_schema_is_public_and_lists_every_endpoint(client):
    response = client.get(reverse("api:schema") + "?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/complaints/{id}/outcomes/", "/api/deadlines/", "/api/clients/"} <= set(
        schema["paths"]
    )
    assert schema["components"]["securitySchemes"]["bearerToken"]["scheme"] == "bearer"


@pytest.mark.django_db
def test_the_docs_page_runs_under_the_sites_csp_from_local_files(client):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    page = response.content.decode()
    assert "<style" not in page and " style=" not in page
    scripts = re.findall(r"<script([^>]*)>", page)
    assert scripts and all("src=" in attrs for attrs in scripts)  # no inline script
    assert "//cdn" not in page and "https://" not in page
    for asset in re.findall(r'(?:src|href)="/static/([^"?]+)"', page):
        assert finders.find(asset), asset
    script_url = re.findall(r'<script src="([^"]+)"', page)[-1].replace("&amp;", "&")
    script = client.get(script_url)
    assert script.status_code == 200
    assert "javascript" in script["Content-Type"]
    assert "SwaggerUIBundle" in script.content.decode()


def _schema():
    """The schema as /api/schema/ serves it (built at import: no request, no database)."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(document)))
    loaded.app = get_wsgi_application()  # operations are called in-process, through WSGI
    return loaded


schema = _schema()


@pytest.fixture
def bearer(db, client_a, client_b, settings):
    build_world(client_a)
    build_world(client_b)
    settings.API_THROTTLE_RATE = "100000/minute"
    # As Django's test client does: the test's transaction must outlive each request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield {"Authorization": f"Bearer {token_for(UserFactory(role=Role.ATTORNEY))}"}
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=5,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_documented(case, bearer):
    response = case.call(headers=bearer)
    case.validate_response(
        response,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
