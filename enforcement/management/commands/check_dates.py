"""List rows whose dates are out of range, in the future though already past, or that
contradict one another (``enforcement.integrity``); exits 1 when there is any."""

from django.core.management.base import BaseCommand, CommandError

from enforcement.integrity import impossible_rows


class Command(BaseCommand):
    help = "List rows with impossible dates; exit 1 when there is any."

    def handle(self, *args, **options):
        findings = impossible_rows()
        for finding in findings:
            self.stdout.write(finding)
        if findings:
            raise CommandError(f"{len(findings)} kind(s) of impossible rows")
        self.stdout.write("No impossible dates.")
