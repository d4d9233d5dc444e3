import time
import zoneinfo
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import two_factor

SESSION_STARTED = "session_started_at"
SESSION_SEEN = "session_seen_at"


class UserTimezoneMiddleware:
    """Show moments in the logged-in user's own time zone (stored in UTC)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        zone = getattr(user, "time_zone", "") if user and user.is_authenticated else ""
        try:
            timezone.activate(zoneinfo.ZoneInfo(zone)) if zone else timezone.deactivate()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class UserLanguageMiddleware:
    """Pages in the logged-in user's own language; before login LocaleMiddleware's choice
    (the language cookie, else the browser's Accept-Language) stands."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class SessionExpiryMiddleware:
    """A new login after SESSION_ABSOLUTE_HOURS, and after SESSION_IDLE_MINUTES idle.

    The last-seen moment is written at most once a minute, so most requests do not write
    the session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            started = request.session.get(SESSION_STARTED)
            seen = request.session.get(SESSION_SEEN, started)
            absolute = settings.SESSION_ABSOLUTE_HOURS * 3600
            idle = settings.SESSION_IDLE_MINUTES * 60
            if started is None:
                request.session[SESSION_STARTED] = request.session[SESSION_SEEN] = now
            elif now - started > absolute or now - seen > idle:
                logout(request)
                messages.info(
                    request,
                    _("Your session has ended (idle or too long). Log in again to go on."),
                )
                return redirect_to_login(request.get_full_path())
            elif now - seen > 60:
                request.session[SESSION_SEEN] = now
        return self.get_response(request)


def _session_started(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_STARTED] = request.session[SESSION_SEEN] = time.time()


user_logged_in.connect(_session_started, dispatch_uid="clients.session_started")

# Pages an unverified user may still open: signing in and out, setting up the factor,
# recovering a password, the invitation link, and the error pages' assets.
SECOND_FACTOR_EXEMPT = frozenset({
    "login", "logout", "two_factor_setup", "two_factor_verify", "password_reset",
    "password_reset_done", "password_reset_confirm", "password_reset_complete",
    "portal:welcome", "set_language",
})  # fmt: skip


class SecondFactorMiddleware:
    """Staff (and client users who need one) reach no page before passing a second factor:
    those who have one are asked for a code, the others set one up first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not self.exempt(request)
            and two_factor.factor_required(user)
        ):
            target = "two_factor_verify" if two_factor.has_factor(user) else "two_factor_setup"
            return HttpResponseRedirect(
                f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}"
            )
        return self.get_response(request)

    @staticmethod
    def exempt(request) -> bool:
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.view_name in SECOND_FACTOR_EXEMPT
