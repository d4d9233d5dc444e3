import pytest
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.utils import timezone, translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from clients import two_factor
from clients.roles import Role

from .factories import ClientFactory, MembershipFactory, UserFactory
from .support import clock


def pytest_configure(config):
    """ENFORCEDESK_TEST_CLOCK moves the clock for the whole run (see tests/support/clock.py)."""
    clock.start()


def pytest_report_header(config):
    moment = clock.moved_to()
    return f"clock moved to {moment.isoformat()} ({clock.VARIABLE})" if moment else None


class SignedInClient(Client):
    """pytest-django's ``client``, but ``force_login`` also passes the second factor.

    Most tests are about what a signed-in user may do, not about signing in: a staff user
    logged in with ``client.force_login(user)`` gets a confirmed authenticator and a session
    that passed it, as after a real sign-in. Tests of the sign-in itself use
    ``force_login(user, second_factor=False)`` (password only) or a plain ``Client``.
    ``login(username=…, password=…)`` goes through the real backends, django-axes
    included, with a request from 127.0.0.1.
    """

    def force_login(self, user, backend=None, second_factor=True):
        super().force_login(user, backend)
        if second_factor and two_factor.factor_required(user):
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            device = device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    def login(self, **credentials):
        user = authenticate(RequestFactory().post("/accounts/login/"), **credentials)
        if user:
            self._login(user)
            return True
        return False


@pytest.fixture
def client():
    return SignedInClient()


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """Throttle counts live in the cache, which outlives a test: start each test at zero."""
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request in Chinese leaves its language active in the thread: each test starts
    (and ends) in the site's default language, whatever ran before it."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def now():
    """The moment the test runs at (moved with the run's clock): build data from it."""
    return timezone.now()


@pytest.fixture
def today(now):
    return timezone.localdate(now)


@pytest.fixture(autouse=True)
def _unscoped_test_body():
    """Tests build and inspect every client's rows; each request they make starts with no
    scope again (ScopeMiddleware), so the views are checked as in production."""
    from clients.scoping import unscoped

    with unscoped("tests build and inspect data"):
        yield


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
    "enforcement.migrations.0012_calendar_categories_and_sources",
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
