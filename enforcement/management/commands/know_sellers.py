"""Group sellers into networks by shared contact details, then score every seller's risk."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from enforcement.services.sellers import know_sellers


class Command(BaseCommand):
    help = _(
        "Run the nightly seller job now: networks from shared contact details (the firm's "
        "own links win), then each seller's risk score."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        report = know_sellers()
        self.stdout.write(
            _(
                "%(groups)d groups of sellers sharing contact details; %(created)d new "
                "networks, %(joined)d sellers joined one, %(left)d left one; %(scored)d "
                "risk scores changed (%(seconds).1f s)."
            )
            % {**report, "seconds": time.monotonic() - started}
        )
