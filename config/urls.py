from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from clients.views import home

urlpatterns = [
    path("", home, name="home"),
    path("", include("clients.urls")),
    path("", include("enforcement.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("django-admin/", admin.site.urls),
]
