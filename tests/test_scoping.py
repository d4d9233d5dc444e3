"""One scoping mechanism; it fails closed."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.test.utils import isolate_apps

from clients.models import Client, IdentityDocument, PowerOfAttorney
from clients.roles import Role
from clients.scoping import ScopedManager
from enforcement.models import IPR, IPRVerification, Platform, PlatformAccount

from .factories import UserFactory
from .world import build_world


@pytest.fixture
def two_worlds(client_a, client_b):
    return build_world(client_a), build_world(client_b)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model", [Client, IdentityDocument, PowerOfAttorney, IPR, IPRVerification, PlatformAccount]
)
def test_client_user_sees_only_own_clients_records(two_worlds, client_user, client_a, model):
    visible = model.objects.visible_to(client_user)
    assert visible.exists()
    everything = model.objects.visible_to(UserFactory(role=Role.PARALEGAL))
    assert everything.count() > visible.count()
    for obj in visible:
        owner = obj if model is Client else obj
        path = model.scope_client_path
        for part in filter(None, path.split("__")):
            owner = getattr(owner, part)
        assert owner == client_a


@pytest.mark.django_db
def test_anonymous_and_inactive_users_see_nothing(two_worlds, client_user):
    assert not Client.objects.visible_to(AnonymousUser()).exists()
    assert not Client.objects.visible_to(None).exists()
    client_user.is_active = False
    assert not Client.objects.visible_to(client_user).exists()
    staff = UserFactory(role=Role.ATTORNEY, is_active=False)
    assert not Client.objects.visible_to(staff).exists()


@pytest.mark.django_db
def test_inactive_membership_gives_no_access(two_worlds, client_user):
    client_user.memberships.update(is_active=False)
    assert not Client.objects.visible_to(client_user).exists()


@pytest.mark.django_db
def test_catalogue_is_readable_by_every_logged_in_user(client_user):
    assert Platform.objects.visible_to(client_user).count() == Platform.objects.count() > 0
    assert not Platform.objects.visible_to(AnonymousUser()).exists()


@isolate_apps("clients")
def test_model_without_declared_scope_raises():
    class Undeclared(models.Model):
        objects = ScopedManager()

        class Meta:
            app_label = "clients"
            managed = False

        def __str__(self):
            return "undeclared"

    with pytest.raises(ImproperlyConfigured):
        Undeclared.objects.visible_to(None)


def test_every_model_of_ours_declares_its_scope():
    from django.apps import apps

    for model in [*apps.get_app_config("clients").get_models(),
                  *apps.get_app_config("enforcement").get_models()]:  # fmt: skip
        if model.__name__.startswith("Historical") or model.__name__ == "User":
            continue
        declared = (
            getattr(model, "scope_public", False)
            or hasattr(model, "scope_client_path")
            or hasattr(model, "scope_user_path")
        )
        assert declared, f"{model.__name__} must declare how it is scoped"
        assert hasattr(model.objects, "visible_to"), model.__name__


def _client_owned():
    from django.apps import apps

    from clients.scoping import is_client_owned

    return [
        m
        for m in apps.get_models()
        if m._meta.app_label in ("clients", "enforcement") and is_client_owned(m)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("model", _client_owned(), ids=lambda m: m.__name__)
def test_an_unscoped_read_of_every_client_owned_model_raises(two_worlds, model):
    from clients.scoping import ScopeError, scope_required, unscoped

    staff = UserFactory(role=Role.PARALEGAL)
    with scope_required():
        for read in (
            lambda: list(model.objects.all()),
            lambda: model.objects.filter(pk__gt=0).first(),
            lambda: model.objects.count(),
            lambda: model.objects.exists(),
            lambda: model.objects.filter(pk=0).update(pk=0),
            lambda: model.objects.filter(pk=0).delete(),
            lambda: model.objects.get_or_create(pk=0),
        ):
            with pytest.raises(ScopeError, match="visible_to"):
                read()
        assert list(model.objects.none()) == []
        model.objects.visible_to(staff).count()  # the scoped way answers
        with unscoped("system work in a test"):
            assert model.objects.count() == model._base_manager.count()


@pytest.mark.django_db
def test_every_model_that_holds_a_client_declares_its_scope():
    from django.apps import apps

    from clients.scoping import is_client_owned

    for model in apps.get_models():
        if model._meta.app_label not in ("clients", "enforcement"):
            continue
        if model.__name__.startswith("Historical"):
            continue
        holds_a_client = any(
            f.concrete and f.is_relation and f.related_model is Client
            for f in model._meta.get_fields()
        )
        if holds_a_client and not getattr(model, "scope_public", False):
            assert is_client_owned(model), model.__name__


@pytest.mark.django_db
def test_a_view_that_forgets_visible_to_fails_in_its_request(client, paralegal, two_worlds):
    """The request drops the test's unscoped block, as production has none."""
    from django.http import HttpResponse
    from django.test import override_settings
    from django.urls import path

    from clients.scoping import ScopeError

    def careless(request):
        return HttpResponse(str(Client.objects.count()))

    urlconf = type("urls", (), {"urlpatterns": [path("careless/", careless)]})
    client.force_login(paralegal)
    with override_settings(ROOT_URLCONF=urlconf), pytest.raises(ScopeError):
        client.get("/careless/")


@pytest.mark.django_db
def test_the_django_admin_reads_every_clients_rows_as_system_work(client, two_worlds):
    from django.apps import apps
    from django.contrib import admin
    from django.urls import reverse

    superuser = UserFactory(role=Role.FIRM_ADMIN, is_staff=True, is_superuser=True)
    client.force_login(superuser)
    for model in _client_owned():
        if model not in admin.site._registry:
            continue
        meta = model._meta
        listing = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        assert listing.status_code == 200, meta.model_name
        obj = model._base_manager.first()
        if obj is not None:
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
            assert client.get(url).status_code == 200, meta.model_name
    assert apps.get_app_config("admin").default_site.endswith("FirmAdminSite")


@pytest.mark.django_db
def test_the_django_admin_neither_edits_nor_deletes_legal_records(client, two_worlds):
    from django.urls import reverse

    superuser = UserFactory(role=Role.FIRM_ADMIN, is_staff=True, is_superuser=True)
    client.force_login(superuser)
    for model in (Client, PowerOfAttorney, IdentityDocument, IPR, IPRVerification):
        obj = model._base_manager.first()
        meta = model._meta
        name = f"admin:{meta.app_label}_{meta.model_name}"
        delete = client.post(reverse(f"{name}_delete", args=[obj.pk]), {"post": "yes"})
        assert delete.status_code == 403, meta.model_name
        changed = client.post(reverse(f"{name}_change", args=[obj.pk]), {})
        assert changed.status_code == 403, meta.model_name
        bulk = client.post(
            reverse(f"{name}_changelist"),
            {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
        )
        assert model._base_manager.filter(pk=obj.pk).exists(), meta.model_name
        assert bulk.status_code in (200, 302)
