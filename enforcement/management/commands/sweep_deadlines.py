"""One reminder sweep, for cron or debugging; Celery beat runs the same code."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from clients.scoping import unscoped
from enforcement.services import reminders


class Command(BaseCommand):
    help = _(
        "Run one deadline sweep: compute missing due dates, open expiry deadlines, write due "
        "reminders (in-app at once), queue digests, repair stale e-mail leases."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--deliver",
            action="store_true",
            help=_("Send due e-mails from this process instead of handing them to the workers."),
        )

    @unscoped("the sweep reads every client's deadlines")
    def handle(self, *args, deliver=False, **options):
        report = reminders.sweep(hand_to_workers=not deliver)
        if deliver:
            from django.utils import timezone

            report.delivered = reminders.deliver_due(timezone.now())
        self.stdout.write(json.dumps(report.as_dict(), indent=2, sort_keys=True))
