"""One's own API tokens (`/accounts/api-tokens/`) and calendar feeds (`/calendar/`).

A secret is shown once, on the page that made it; only its hash is kept. Creating an API
token needs a session that passed the second factor.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from clients.account_views import LoggedInView
from clients.input import Form
from clients.models import Client
from clients.params import id_or_none
from clients.staff_views import StaffView

from ..calendar_feed import build_feed
from ..models import ApiToken, CalendarFeed
from ..services import access


class TokenForm(Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("Say what will use it, e.g. “monitoring vendor sync”."),
    )


def _passed_second_factor(request) -> bool:
    return bool(getattr(request.user, "is_verified", lambda: False)())


class ApiTokens(LoggedInView):
    template_name = "enforcement/api_tokens.html"

    def get(self, request):
        return self.show(TokenForm())

    def show(self, form, secret=None, status=200):
        tokens = ApiToken.objects.visible_to(self.request.user).order_by("-created_at", "-pk")
        context = {
            "form": form,
            "tokens": tokens[:100],
            "secret": secret,
            "verified": _passed_second_factor(self.request),
        }
        return render(self.request, self.template_name, context, status=status)

    def post(self, request):
        form = TokenForm(request.POST)
        if not form.is_valid():
            return self.show(form, status=400)
        try:
            _token, secret = access.create_api_token(
                request.user,
                name=form.cleaned_data["name"],
                second_factor_passed=_passed_second_factor(request),
            )
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
            return self.show(form, status=403)
        except ValidationError as error:
            form.add_error(None, error)
            return self.show(form, status=400)
        return self.show(TokenForm(), secret=secret, status=201)


class ApiTokenRevoke(LoggedInView):
    http_method_names = ["post"]
    model = ApiToken

    def post(self, request, pk):
        token = get_object_or_404(ApiToken.objects.visible_to(request.user), pk=pk)
        access.revoke_api_token(token, by=request.user)
        messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
        return HttpResponseRedirect(reverse("api_tokens"))


class CalendarFeeds(StaffView):
    template_name = "enforcement/calendar_feeds.html"

    def get(self, request):
        return self.show()

    def show(self, secret=None, made=None, status=200):
        user = self.request.user
        feeds = list(
            CalendarFeed.objects.visible_to(user)
            .filter(revoked_at__isnull=True)
            .select_related("client")
        )
        may_have_client_feeds = access.may_have_client_feeds(user)
        context = {
            "own": next((f for f in feeds if f.client_id is None), None),
            "client_feeds": [f for f in feeds if f.client_id is not None],
            "clients": (
                Client.objects.visible_to(user).active().order_by("legal_name").only("legal_name")
                if may_have_client_feeds
                else []
            ),
            "may_have_client_feeds": may_have_client_feeds,
            "secret_url": (
                self.request.build_absolute_uri(reverse("calendar:feed", args=[secret]))
                if secret
                else None
            ),
            "made": made,
        }
        return render(self.request, self.template_name, context, status=status)


class CalendarFeedRegenerate(CalendarFeeds):
    http_method_names = ["post"]

    def post(self, request):
        client = None
        client_id = id_or_none(request.POST.get("client", ""))
        if client_id is not None:
            client = get_object_or_404(Client.objects.visible_to(request.user), pk=client_id)
        feed, secret = access.regenerate_calendar_feed(request.user, client=client)
        return self.show(secret=secret, made=feed)


class CalendarFeedRevoke(StaffView):
    http_method_names = ["post"]
    model = CalendarFeed

    def post(self, request, pk):
        feed = get_object_or_404(CalendarFeed.objects.visible_to(request.user), pk=pk)
        access.revoke_calendar_feed(feed, by=request.user)
        messages.success(request, _("The feed's address no longer works."))
        return HttpResponseRedirect(reverse("calendar:feeds"))


class CalendarFeedView(View):
    """The feed itself: no session, the secret in the address is the key."""

    http_method_names = ["get", "head"]

    def get(self, request, secret):
        feed = access.calendar_feed_for(secret)
        if feed is None:
            raise Http404
        response = HttpResponse(build_feed(feed), content_type="text/calendar; charset=utf-8")
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response
