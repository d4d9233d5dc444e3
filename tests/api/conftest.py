import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from clients import two_factor
from clients.models import Membership
from clients.roles import Role
from enforcement.models import Deadline, WindowRule
from enforcement.services import access

from ..factories import UserFactory


def token_for(user, name="test") -> str:
    """A token as the token page makes it, past the second factor (staff get a device)."""
    if two_factor.is_staff_user(user) and not two_factor.has_factor(user):
        TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return access.create_api_token(user, name=name, second_factor_passed=True)[1]


class ApiClient(Client):
    """A plain test client sending ``Authorization: Bearer <token>`` on every request."""

    def __init__(self, token: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.token = token

    def request(self, **request):
        if self.token:
            request.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.token}")
        return super().request(**request)

    def post_json(self, path, data):
        return self.post(path, data, content_type="application/json")


@pytest.fixture
def api():
    def make(user=None, token=None):
        return ApiClient(token or (token_for(user) if user else None))

    return make


@pytest.fixture
def person_of_a(client_a):
    user = UserFactory(role=Role.CLIENT, username="alice-of-a")
    Membership.objects.create(user=user, client=client_a)
    return user


def make_deadline(client, *, owner=None, due_at, provisional=False, status="open", **kwargs):
    """A deadline as the services store one (the fields a feed or an API reads)."""
    rule = WindowRule.objects.order_by("pk").first()
    return Deadline.objects.create(
        client=client,
        subject_type=ContentType.objects.get_for_model(client),
        subject_id=client.pk,
        subject_label=kwargs.pop("subject_label", f"Complaint #9 · {client.legal_name}"),
        event=rule.event,
        event_at=due_at - dt.timedelta(days=3),
        rule=rule,
        title=kwargs.pop("title", "Seller's window closes"),
        length=3,
        unit="working_days",
        jurisdiction="CN",
        time_zone=kwargs.pop("time_zone", "Asia/Shanghai"),
        due_on=due_at.date(),
        due_at=due_at,
        due_is_provisional=provisional,
        owner=owner,
        status=status,
        closed_at=None if status == "open" else due_at,
        **kwargs,
    )
