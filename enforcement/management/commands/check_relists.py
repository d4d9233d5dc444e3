"""Check removed listings for relists now (what the beat task does every six hours when
RELIST_CHECKS_ENABLED); ``--dry-run`` fetches and judges the pages but writes nothing."""

from django.core.management.base import BaseCommand

from enforcement.services.relists import check_removed_listings


class Command(BaseCommand):
    help = "Check removed listings for relists; --dry-run writes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Fetch and judge only.")
        parser.add_argument("--limit", type=int, default=None, help="At most this many.")

    def handle(self, *args, **options):
        run = check_removed_listings(limit=options["limit"], dry_run=options["dry_run"])
        prefix = "Dry run: " if options["dry_run"] else ""
        self.stdout.write(
            prefix + ", ".join(f"{key} {value}" for key, value in run.as_dict().items())
        )
