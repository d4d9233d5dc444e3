import pytest

from clients.roles import Role

from .factories import ClientFactory, MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Uploaded files go to a throwaway folder per test; passwords hash fast."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


SEED_MIGRATIONS = (
    "enforcement.migrations.0002_seed_platform_catalogue",
    "enforcement.migrations.0004_seed_reason_codes",
    "enforcement.migrations.0006_seed_calendars_and_window_rules",
    "enforcement.migrations.0008_seed_reason_templates",
)


@pytest.fixture(autouse=True)
def _seeded_catalogue(request):
    """Transaction tests flush the database after them: put back what migrations seed."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from importlib import import_module

    from django.apps import apps

    from enforcement.models import Platform

    if not Platform.objects.exists():
        for name in SEED_MIGRATIONS:
            import_module(name).seed(apps, None)


@pytest.fixture
def paralegal(db):
    return UserFactory(username="pat", role=Role.PARALEGAL)


@pytest.fixture
def attorney(db):
    return UserFactory(username="ada", role=Role.ATTORNEY)


@pytest.fixture
def firm_admin(db):
    return UserFactory(username="fay", role=Role.FIRM_ADMIN)


@pytest.fixture
def client_a(db):
    return ClientFactory(legal_name="Alpha Outdoor Inc")


@pytest.fixture
def client_b(db):
    return ClientFactory(legal_name="Beta Fashion SA", country="FR")


@pytest.fixture
def client_user(db, client_a):
    """A portal user of client A (and of nobody else)."""
    return MembershipFactory(client=client_a, user__username="carl").user


@pytest.fixture
def as_user(client):
    """Log the Django test client in as a given user."""

    def login(user):
        client.force_login(user)
        return client

    return login
