"""Slowing down guessing: sign-in (django-axes), password reset and invitation links.

A lockout is keyed on the user name *and* the address together, so one person's typos
do not lock out the whole office behind one address, and a guesser cannot lock a user out
from everywhere. The same limit and wait apply to the password-reset form and to
invitation links (counted per address and account in the cache).
"""

from __future__ import annotations

import math
import time

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone

TOO_MANY = 429


class SignInThrottleBackend(AxesStandaloneBackend):
    """django-axes' check on every sign-in over HTTP. A call without a request (a command,
    a script on the server) has no address to lock and is not throttled."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def wait_minutes(seconds: float) -> int:
    return max(1, math.ceil(seconds / 60))


def lockout_remaining(username: str, ip_address: str | None) -> float:
    """Seconds until this user and address may try again (0 when not locked)."""
    attempt = (
        AccessAttempt.objects.filter(username=username, ip_address=ip_address)
        .order_by("-attempt_time")
        .first()
    )
    if attempt is None or attempt.failures_since_start < settings.AXES_FAILURE_LIMIT:
        return 0
    until = attempt.attempt_time + settings.AXES_COOLOFF_TIME
    return max(0.0, (until - timezone.now()).total_seconds())


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out sign-in: the login page with how long to wait."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    seconds = lockout_remaining(username, get_client_ip_address(request))
    seconds = seconds or settings.AXES_COOLOFF_TIME.total_seconds()
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": wait_minutes(seconds), "username": username},
        status=TOO_MANY,
    )


def _key(scope: str, request, account: str) -> str:
    return f"throttle:{scope}:{get_client_ip_address(request)}:{account.strip().lower()}"


def remaining(scope: str, request, account: str = "") -> float:
    """Seconds to wait before this address may try this account again here (0: go ahead)."""
    started, count = cache.get(_key(scope, request, account), (0.0, 0))
    window = settings.AXES_COOLOFF_TIME.total_seconds()
    if count < settings.FORM_THROTTLE_LIMIT:
        return 0
    return max(0.0, started + window - time.time())


def count_try(scope: str, request, account: str = "") -> None:
    key = _key(scope, request, account)
    window = settings.AXES_COOLOFF_TIME.total_seconds()
    started, count = cache.get(key, (time.time(), 0))
    if time.time() - started > window:
        started, count = time.time(), 0
    cache.set(key, (started, count + 1), timeout=math.ceil(window))


def too_many(request, seconds: float):
    return render(
        request, "registration/throttled.html", {"minutes": wait_minutes(seconds)}, status=TOO_MANY
    )
