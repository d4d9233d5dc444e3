"""Signing in: the second factor, one's own password, throttled recovery links, and the
firm admin's page for lost factors and lockouts."""

from __future__ import annotations

from axes.models import AccessAttempt
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from . import services, throttle, two_factor
from .input import CleanInputMixin, Form
from .models import SecurityEvent
from .params import id_or_none
from .roles import Capability, Role
from .scoping import unscoped
from .staff_views import StaffView


class CodeForm(Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


class LoggedInView(View):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)


class TwoFactorSetup(LoggedInView):
    """Set up an authenticator app: scan, type its code, keep the recovery codes.

    A user who already has a factor must pass it first (replacing it is a change of
    factor, which ends the user's other sessions)."""

    template_name = "registration/two_factor_setup.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and two_factor.has_factor(user) and not user.is_verified():
            return HttpResponseRedirect(reverse("two_factor_verify") + "?next=" + request.path)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.show(CodeForm())

    def show(self, form, status=200):
        device = two_factor.pending_app_device(self.request.user)
        context = {
            "form": form,
            "qr": two_factor.qr_data_uri(device),
            "secret": two_factor.secret_of(device),
            "next": _next_url(self.request),
            "required": two_factor.factor_required(self.request.user),
        }
        return render(self.request, self.template_name, context, status=status)

    def post(self, request):
        form = CodeForm(request.POST)
        device = two_factor.pending_app_device(request.user)
        if form.is_valid() and two_factor.check_pending(device, form.cleaned_data["code"]):
            codes = services.enrol_second_factor(request.user, device)
            two_factor.mark_passed(request, device)
            update_session_auth_hash(request, request.user)  # the others end: see the service
            messages.success(request, _("Two-factor sign-in is on."))
            return render(
                request,
                "registration/recovery_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        if form.is_valid():
            form.add_error("code", _("That code is not right. Type the code the app shows now."))
        return self.show(form, status=400)


class TwoFactorVerify(LoggedInView):
    template_name = "registration/two_factor_verify.html"

    def get(self, request):
        if not two_factor.has_factor(request.user):
            return HttpResponseRedirect(reverse("two_factor_setup"))
        return render(request, self.template_name, {"form": CodeForm(), "next": _next_url(request)})

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_valid():
            device = two_factor.verify(request.user, form.cleaned_data["code"])
            if device is not None:
                two_factor.mark_passed(request, device)
                return HttpResponseRedirect(_next_url(request))
            form.add_error(
                "code",
                _("That code is not right. Type the app's current code or a recovery code."),
            )
        context = {"form": form, "next": _next_url(request)}
        return render(request, self.template_name, context, status=400)


class PasswordChange(auth_views.PasswordChangeView):
    """Django's page; its new session hash ends every other session of the user."""

    success_url = reverse_lazy("password_change_done")


class ThrottledPasswordReset(auth_views.PasswordResetView):
    """At most FORM_THROTTLE_LIMIT reset e-mails per address and account per wait."""

    def post(self, request, *args, **kwargs):
        account = request.POST.get("email", "")
        wait = throttle.remaining("password-reset", request, account)
        if wait:
            return throttle.too_many(request, wait)
        throttle.count_try("password-reset", request, account)
        return super().post(request, *args, **kwargs)


class ThrottledLinkMixin:
    """Guessing one-time links: a wrong or used link counts; too many and the address
    waits."""

    throttle_scope = "reset-link"

    def dispatch(self, request, *args, **kwargs):
        wait = throttle.remaining(self.throttle_scope, request, "")
        if wait:
            return throttle.too_many(request, wait)
        response = super().dispatch(request, *args, **kwargs)
        if not getattr(self, "validlink", True):
            throttle.count_try(self.throttle_scope, request, "")
        return response


class ThrottledPasswordResetConfirm(ThrottledLinkMixin, auth_views.PasswordResetConfirmView):
    pass


class ResetFactorForm(Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Recorded with your name, e.g. “phone lost, identity checked”."),
    )


class LiftLockoutForm(Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), required=False)


class SignInSecurity(StaffView):
    """The firm admin's view of who has a factor, current lockouts, and what was done."""

    capability = Capability.MANAGE_SIGN_IN

    def get(self, request):
        users = get_user_model().objects.filter(is_active=True).order_by("role", "username")
        rows = [
            {"user": u, "has_factor": two_factor.has_factor(u), "staff": u.role != Role.CLIENT}
            for u in users
        ]
        locked = [
            a
            for a in AccessAttempt.objects.order_by("-attempt_time")[:200]
            if throttle.lockout_remaining(a.username, a.ip_address)
        ]
        return render(
            request,
            "clients/sign_in_security.html",
            {
                "rows": rows,
                "lockouts": locked,
                "events": self.events(),
                "form": ResetFactorForm(),
            },
        )

    @staticmethod
    @unscoped("the firm admin's sign-in page lists what was done to everyone's sign-in")
    def events():
        return list(SecurityEvent.objects.select_related("by")[:50])


class ResetFactor(StaffView):
    capability = Capability.MANAGE_SIGN_IN
    http_method_names = ["post"]

    def post(self, request):
        user = get_object_or_404(get_user_model(), pk=id_or_none(request.POST.get("user")))
        form = ResetFactorForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Say why the factor is reset."))
        else:
            services.reset_second_factor(user, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(
                request,
                _("%(user)s's second factor is reset; they set up a new one at next login.")
                % {"user": user},
            )
        return HttpResponseRedirect(reverse("sign_in_security"))


class LiftLockout(StaffView):
    capability = Capability.MANAGE_SIGN_IN
    http_method_names = ["post"]

    def post(self, request):
        attempt = get_object_or_404(AccessAttempt, pk=id_or_none(request.POST.get("attempt")))
        form = LiftLockoutForm(request.POST)
        if not form.is_valid():
            for error in form.errors.get("reason", []):
                messages.error(request, error)
            return HttpResponseRedirect(reverse("sign_in_security"))
        services.lift_lockout(attempt, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            _("%(user)s may sign in again from %(ip)s.")
            % {"user": attempt.username, "ip": attempt.ip_address},
        )
        return HttpResponseRedirect(reverse("sign_in_security"))


class ProfileForm(CleanInputMixin, forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["language", "time_zone"]


class Profile(LoggedInView):
    """One's own language and time zone, next to the password and the second factor."""

    template_name = "registration/profile.html"

    def get(self, request):
        form = ProfileForm(instance=request.user)
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = ProfileForm(request.POST, instance=get_user_model().objects.get(pk=request.user.pk))
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        services.set_preferences(
            request.user,
            language=form.cleaned_data["language"],
            time_zone=form.cleaned_data["time_zone"],
        )
        translation.activate(request.user.language)
        messages.success(request, _("Your preferences are saved."))
        return _with_language_cookie(
            HttpResponseRedirect(reverse("profile")), request.user.language
        )


def _with_language_cookie(response, language: str):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


class SetLanguage(View):
    """The navigation bar's language switch (POST). Saved on the signed-in person's profile
    (pages, e-mails); before login kept in the language cookie."""

    http_method_names = ["post"]

    def post(self, request):
        language = request.POST.get("language", "")
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        if request.user.is_authenticated:
            services.set_preferences(request.user, language=language)
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = reverse(settings.LOGIN_REDIRECT_URL)
        return _with_language_cookie(HttpResponseRedirect(target), language)
