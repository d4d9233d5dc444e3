from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from clients import two_factor


class Command(BaseCommand):
    help = _("Print a demo user's current two-factor code (never in production).")

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        if settings.PRODUCTION:
            raise CommandError(_("demo_code is for the demo firm; it refuses in production."))
        device = (
            TOTPDevice.objects.filter(user__username=username, confirmed=True)
            .order_by("-pk")
            .first()
        )
        if device is None:
            raise CommandError(_("%(user)s has no authenticator.") % {"user": username})
        self.stdout.write(two_factor.current_code(device))
        self.stderr.write(
            _("Valid for about 30 seconds. To use your own app instead, add this key: %(key)s")
            % {"key": two_factor.secret_of(device)}
        )
