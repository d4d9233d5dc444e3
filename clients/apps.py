from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClientsConfig(AppConfig):
    name = "clients"
    verbose_name = _("Clients and authority")

    def ready(self):
        # The session's start is stamped at login, whichever request the app serves first.
        from . import middleware  # noqa: F401  (connects user_logged_in)
