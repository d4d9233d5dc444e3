"""Who signs in with a second factor, and the factors themselves (django-otp devices).

Staff always need one: they see every client's case file. A client's people need one when
their client requires it, or once they set one up themselves. The factor is an
authenticator app (TOTP) with ten single-use recovery codes for the day the phone is lost.
"""

from __future__ import annotations

import base64
import io
import secrets

import segno
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Membership
from .roles import STAFF_ROLES
from .scoping import unscoped

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODES = 10


def is_staff_user(user) -> bool:
    return user.role in STAFF_ROLES or user.is_superuser


@unscoped("whether the user's own clients require a second factor")
def factor_required(user) -> bool:
    """True when this logged-in user may use no page before passing a second factor."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_staff_user(user) or has_factor(user):
        return True
    return Membership.objects.filter(
        user=user, is_active=True, client__requires_two_factor=True
    ).exists()


def has_factor(user) -> bool:
    return user_has_device(user, confirmed=True)


@transaction.atomic
def check_pending(device: TOTPDevice, token: str) -> bool:
    return device.verify_token("".join(token.split()))


def pending_app_device(user) -> TOTPDevice:
    """The authenticator being set up: kept unconfirmed until the user types a good code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def qr_data_uri(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an SVG QR code (an image, so CSP allows it)."""
    out = io.BytesIO()
    segno.make(device.config_url, error="m").save(out, kind="svg", scale=4)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def secret_of(device: TOTPDevice) -> str:
    """The key in base32, for typing into an app that cannot scan."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def new_recovery_codes(user) -> list[str]:
    """Ten fresh single-use codes; any earlier ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [f"{secrets.token_hex(4)}-{secrets.token_hex(2)}" for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic  # django-otp locks the device row while it checks and throttles
def verify(user, token: str):
    """The device that accepts this code (app or recovery code), or None."""
    token = "".join(token.split())
    for device in devices_for_user(user, confirmed=True, for_verify=True):
        if device.verify_token(token):
            return device
    return None


def mark_passed(request, device) -> None:
    """This session passed the second factor with ``device``."""
    otp_login(request, device)


def end_sessions(user) -> None:
    """Re-sign the user's sessions: every one ends (a view keeps its own with
    ``update_session_auth_hash``)."""
    user.session_stamp = secrets.token_hex(16)
    user.save(update_fields=["session_stamp"])


def demo_device(user, secret_hex: str) -> TOTPDevice:
    """A confirmed authenticator with a known key, for the demo firm only."""
    device, _ = TOTPDevice.objects.update_or_create(
        user=user, name=APP_DEVICE_NAME, defaults={"key": secret_hex, "confirmed": True}
    )
    return device


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
