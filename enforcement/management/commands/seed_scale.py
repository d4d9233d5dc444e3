"""Fill an empty database with the reference data set of a busy practice (or a fraction)."""

from __future__ import annotations

import time

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from clients.models import Client, User
from clients.roles import Role
from clients.scoping import unscoped
from enforcement.models import Platform, WindowRule
from enforcement.scale import REFERENCE, ScaleSeed, summary_counts, targets

from .seed_demo import DEFAULT_PASSWORD, USERS
from .seed_demo import Command as SeedDemo


class Command(BaseCommand):
    help = _(
        "Fill an empty database with the data set of a busy practice at a fraction of its "
        "size (1.0: 2,000 clients, 2,000,000 listings, 1,970,000 reported links)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fraction", type=float, default=0.01, help=_("Share of the reference practice.")
        )
        parser.add_argument("--password", default=DEFAULT_PASSWORD)
        parser.add_argument("--seed", type=int, default=2026, help=_("Random seed."))

    @unscoped("the scale seed writes and counts the whole firm")
    def handle(self, *args, fraction: float, password: str, seed: int, **options):
        if fraction <= 0 or fraction > 10:
            raise CommandError(_("The fraction must be above 0 and at most 10."))
        if Client.objects.exists():
            raise CommandError(
                _(
                    "The database already holds clients; seed_scale only fills a database "
                    "without any (a freshly migrated one: the catalogue the migrations seed "
                    "is reused)."
                )
            )
        taken = User.objects.filter(username__in=[u[0] for u in USERS]).values_list(
            "username", flat=True
        )
        if taken:
            raise CommandError(
                _("The demo logins already exist (%(names)s); use an empty database.")
                % {"names": ", ".join(sorted(taken))}
            )
        if not Platform.objects.exists() or not WindowRule.objects.exists():
            raise CommandError(_("The platform catalogue is missing: run migrate first."))
        wanted = targets(fraction)
        self.stdout.write(
            _("Seeding %(fraction)s of the reference practice: %(counts)s")
            % {
                "fraction": fraction,
                "counts": ", ".join(f"{name} {wanted[name]:,}" for name in REFERENCE),
            }
        )
        started = time.perf_counter()
        with transaction.atomic():
            demo = SeedDemo().create_users(password)
            seeder = ScaleSeed(
                fraction=fraction,
                password_hash=make_password(password),
                demo_users=demo,
                connection=connection,
                seed=seed,
                log=self.stdout.write,
            )
            timings = seeder.run()
        vacuumed = seeder.loader.vacuum_analyze()
        timings += [vacuumed] if vacuumed else []
        total = time.perf_counter() - started
        self.report(timings, total, password)

    def report(self, timings, total: float, password: str) -> None:
        out = self.stdout
        out.write("")
        out.write(f"{_('table'):<44} {_('rows'):>12} {_('seconds'):>9}")
        for t in timings:
            out.write(f"{t.table:<44} {t.rows:>12,} {t.seconds:>9.2f}")
        out.write(f"{_('total'):<44} {'':>12} {total:>9.2f}")
        out.write("")
        counts = summary_counts()
        out.write("  ".join(f"{name} {value:,}" for name, value in counts.items()))
        out.write("")
        out.write(self.style.SUCCESS(_("Scale data set created.")))
        out.write(_("Demo logins (password for all: %(password)s)") % {"password": password})
        for username, first, last, role, _zone in USERS:
            out.write(f"  {username:<11} {Role(role).label:<12} {first} {last}")
