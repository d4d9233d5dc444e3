"""Classify links read one per line on standard input; CSV on standard output."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from clients import csv_safe
from enforcement.links import recognise

COLUMNS = ["input", "platform", "kind", "canonical_id", "canonical_url", "error"]


class Command(BaseCommand):
    help = _(
        "Read links one per line on standard input and write CSV with the columns "
        "input,platform,kind,canonical_id,canonical_url,error."
    )
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--platform", help=_("Catalogue code the links should belong to (others are flagged).")
        )

    def handle(self, *args, platform=None, **options):
        stdin = sys.stdin
        writer = csv_safe.writer(self.stdout, lineterminator="\n")
        writer.writerow(COLUMNS)
        for line in stdin:
            raw = line.rstrip("\r\n")
            result = recognise(raw, expected_platform=platform)
            writer.writerow([raw, result.platform, result.kind, result.canonical_id,
                             result.canonical_url, result.error])  # fmt: skip
