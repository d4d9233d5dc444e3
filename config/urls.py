from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from enforcement.views.dashboard import home

urlpatterns = [
    path("", home, name="home"),
    path("", include("clients.urls")),
    path("", include("enforcement.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password-reset/",
        auth_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("portal/", include("enforcement.portal.urls")),
    path("django-admin/", admin.site.urls),
]
