"""Recompute the outcome summary from the links, counter-notices and disputes."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from clients.scoping import unscoped
from enforcement.services.summaries import rebuild_summary


class Command(BaseCommand):
    help = _(
        "Recompute the outcome summary (the figures of the numbers page, the reason codes "
        "and the portal) from the raw records, report how it differed, and replace it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help=_("Only report differences; exit with status 1 if there are any."),
        )

    @unscoped("the summary counts every client's records")
    def handle(self, *args, check=False, **options):
        started = time.monotonic()
        report = rebuild_summary(check_only=check)
        for difference in report.differences:
            if not difference.differs:
                continue
            self.stdout.write(
                _("%(table)s: %(missing)d row(s) missing or different, %(extra)d extra")
                % {"table": difference.table, "missing": difference.missing,
                   "extra": difference.extra}
            )  # fmt: skip
            for sample in difference.samples:
                self.stdout.write(f"  {sample}")
        summary = {"rows": report.rows, "seconds": round(time.monotonic() - started, 2)}
        if not report.differs:
            self.stdout.write(_("The summary matches the records (%(rows)d rows, %(seconds)s s).")
                              % summary)  # fmt: skip
        elif check:
            raise CommandError(_("The summary differs from the records."), returncode=1)
        else:
            self.stdout.write(_("Rebuilt from the records (%(rows)d rows, %(seconds)s s).")
                              % summary)  # fmt: skip
