from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from clients import account_views as accounts
from enforcement.views import access
from enforcement.views.dashboard import home

urlpatterns = [
    path("", home, name="home"),
    path("", include("clients.urls")),
    path("", include("enforcement.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/two-factor/", accounts.TwoFactorVerify.as_view(), name="two_factor_verify"),
    path("accounts/two-factor/setup/", accounts.TwoFactorSetup.as_view(), name="two_factor_setup"),
    path("accounts/password/", accounts.PasswordChange.as_view(), name="password_change"),
    path("accounts/profile/", accounts.Profile.as_view(), name="profile"),
    path("accounts/language/", accounts.SetLanguage.as_view(), name="set_language"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/sign-in-security/", accounts.SignInSecurity.as_view(), name="sign_in_security"),
    path(
        "accounts/sign-in-security/reset-factor/",
        accounts.ResetFactor.as_view(),
        name="reset_factor",
    ),
    path(
        "accounts/sign-in-security/lift-lockout/",
        accounts.LiftLockout.as_view(),
        name="lift_lockout",
    ),
    path(
        "accounts/password-reset/",
        accounts.ThrottledPasswordReset.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        accounts.ThrottledPasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("portal/", include("enforcement.portal.urls")),
    path("api/", include("enforcement.api.urls")),
    path("calendar/", include("enforcement.calendar_urls")),
    path("accounts/api-tokens/", access.ApiTokens.as_view(), name="api_tokens"),
    path(
        "accounts/api-tokens/<int:pk>/revoke/",
        access.ApiTokenRevoke.as_view(),
        name="api_token_revoke",
    ),
    path("django-admin/", admin.site.urls),
]
