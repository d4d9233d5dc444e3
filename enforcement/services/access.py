"""Making and revoking a user's API tokens and calendar feeds (the secret is shown once)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.roles import STAFF_ROLES, Role
from clients.scoping import unscoped

from ..models import ApiToken, CalendarFeed
from ..models.access import digest

FOR_THE_OWNER = "a user's own tokens and feeds, found by their secret or reached in scope"
TOKEN_PREFIX = "edk_"  # noqa: S105 (a marker that makes leaked tokens greppable)
FEED_ROLES = frozenset({Role.ATTORNEY, Role.FIRM_ADMIN})  # who may have a client's feed
TOUCH_EVERY = dt.timedelta(minutes=5)


def new_secret() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


@unscoped(FOR_THE_OWNER)
@transaction.atomic
def create_api_token(user, *, name: str, second_factor_passed: bool) -> tuple[ApiToken, str]:
    """A new token for ``user``; only a session that passed the second factor makes one."""
    if not second_factor_passed:
        raise PermissionDenied(_("Pass two-factor sign-in before creating an API token."))
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Name the token, e.g. after the tool that will use it.")})
    secret = new_secret()
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=secret[: len(TOKEN_PREFIX) + 4], key_hash=digest(secret)
    )
    return token, secret


@unscoped(FOR_THE_OWNER)
@transaction.atomic
def revoke_api_token(token: ApiToken, *, by) -> ApiToken:
    if token.user_id != by.pk:
        raise PermissionDenied
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db()
    return token


@unscoped(FOR_THE_OWNER)
def api_token_for(secret: str) -> ApiToken | None:
    """The live token with this secret, with its user, or None."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    return (
        ApiToken.objects.select_related("user")
        .filter(key_hash=digest(secret), revoked_at__isnull=True)
        .first()
    )


@unscoped(FOR_THE_OWNER)
def touch_api_token(token: ApiToken, now: dt.datetime | None = None) -> None:
    """Note when the token was last used, at most every few minutes (no write per request)."""
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def may_have_feed(user, client=None) -> bool:
    """Staff have their own feed; attorneys and firm admins one per live client too."""
    if not (user.is_active and user.role in STAFF_ROLES):
        return False
    return client is None or (may_have_client_feeds(user) and client.archived_at is None)


def may_have_client_feeds(user) -> bool:
    return user.is_active and user.role in FEED_ROLES


@unscoped(FOR_THE_OWNER)
@transaction.atomic
def regenerate_calendar_feed(user, *, client=None) -> tuple[CalendarFeed, str]:
    """A new secret address for the feed; the old address stops working at once."""
    if not may_have_feed(user, client):
        raise PermissionDenied
    now = timezone.now()
    CalendarFeed.objects.filter(user=user, client=client, revoked_at__isnull=True).update(
        revoked_at=now
    )
    secret = new_secret()
    feed = CalendarFeed.objects.create(user=user, client=client, key_hash=digest(secret))
    return feed, secret


@unscoped(FOR_THE_OWNER)
@transaction.atomic
def revoke_calendar_feed(feed: CalendarFeed, *, by) -> None:
    if feed.user_id != by.pk:
        raise PermissionDenied
    CalendarFeed.objects.filter(pk=feed.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


@unscoped(FOR_THE_OWNER)
def calendar_feed_for(secret: str) -> CalendarFeed | None:
    """The live feed with this secret whose owner may still read it, or None."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    feed = (
        CalendarFeed.objects.select_related("user", "client")
        .filter(key_hash=digest(secret), revoked_at__isnull=True)
        .first()
    )
    if feed is None or not may_have_feed(feed.user, feed.client):
        return None
    return feed
