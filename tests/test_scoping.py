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
