"""The Django admin reads legal records; it deletes none (no delete view, no bulk action)."""

import pytest
from django.contrib import admin
from django.urls import reverse

from clients.models import DownloadLog, SecurityEvent
from clients.roles import Role
from tests.factories import UserFactory
from tests.world import build_world

pytestmark = pytest.mark.django_db

RECORDS = [
    "client", "document", "poa", "membership", "account", "ipr", "ipr_document", "statement",
    "verification", "deadline", "ipr_change", "window_rule", "calendar", "calendar_override",
    "official_notice",
]  # fmt: skip


@pytest.fixture
def superuser(db):
    return UserFactory(role=Role.FIRM_ADMIN, is_staff=True, is_superuser=True)


def admin_url(obj, view):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk])


@pytest.mark.parametrize("attr", RECORDS)
def test_the_admin_refuses_to_delete_a_legal_record(client, client_a, superuser, attr):
    obj = getattr(build_world(client_a), attr)
    model = type(obj)
    assert model in admin.site._registry, f"{model.__name__} is not in the admin"
    client.force_login(superuser)
    assert client.get(admin_url(obj, "change")).status_code == 200  # it can be read
    assert client.post(admin_url(obj, "delete"), {"post": "yes"}).status_code == 403
    meta = obj._meta
    changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    page = client.get(changelist)
    assert "delete_selected" not in page.content.decode()
    client.post(changelist, {"action": "delete_selected", "_selected_action": [obj.pk],
                             "post": "yes"})  # fmt: skip
    with_unscoped = model._base_manager.filter(pk=obj.pk)
    assert with_unscoped.exists()


@pytest.mark.parametrize("model", [SecurityEvent, DownloadLog])
def test_the_sign_in_and_download_logs_cannot_be_deleted_either(model, superuser, rf):
    model_admin = admin.site._registry[model]
    request = rf.get("/")
    request.user = superuser
    assert not model_admin.has_delete_permission(request)
    assert "delete_selected" not in model_admin.get_actions(request)
