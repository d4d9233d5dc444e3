"""A throwaway PostgreSQL database for the benchmarks and the load run.

Each script names its own database (so two scripts, or two people, never share one), on
the server of DATABASE_URL or else postgres://postgres@127.0.0.1:5432. The schema is made
from the models (no migration history to replay, which takes minutes on a busy machine),
then seeded with what the data migrations write: the platform catalogue, reason codes,
calendars and window rules. Volume is copied in SQL from one template row per table.
"""

from __future__ import annotations

import os
import tempfile

LINKS_PER_COMPLAINT = 300
SEED_MIGRATIONS = (
    "enforcement.migrations.0002_seed_platform_catalogue",
    "enforcement.migrations.0004_seed_reason_codes",
    "enforcement.migrations.0006_seed_calendars_and_window_rules",
    "enforcement.migrations.0008_seed_reason_templates",
    "enforcement.migrations.0012_calendar_categories_and_sources",
)


def server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        url = "postgres://postgres@127.0.0.1:5432/postgres"
    return url.rsplit("/", 1)[0]


def recreate(name: str, *, drop_only: bool = False) -> str:
    """Drop the database if it exists, create it empty again; returns its URL."""
    import psycopg

    server = server_url()
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            admin.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def in_throwaway_database(name: str, run, *, keep: bool = False) -> None:
    """Set Django up against a fresh database ``name`` (DEBUG off, as in production: no
    query log kept in memory; a var folder of its own), call ``run()`` as system work, and
    drop the database afterwards unless ``keep``."""
    os.environ.update(
        ENFORCEDESK_VAR_DIR=tempfile.mkdtemp(prefix="enforcedesk-bench-"),
        DATABASE_URL=recreate(name),
        DJANGO_DEBUG="false",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    try:
        import django

        django.setup()
        from django.db import connections

        from clients.scoping import unscoped

        try:
            with unscoped("benchmarks build and read every client's data"):
                run()
        finally:
            connections.close_all()
    finally:
        if not keep:
            recreate(name, drop_only=True)


def build_schema() -> None:
    """Tables straight from the models, then the seeded catalogue (Django is set up)."""
    from importlib import import_module

    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command

    settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
    call_command("migrate", run_syncdb=True, verbosity=0)
    for name in SEED_MIGRATIONS:
        import_module(name).seed(apps, None)


def copy_rows(model, template_pk: int, count: int, overrides: dict[str, str]) -> None:
    """``count`` copies of one template row; the columns in ``overrides`` are SQL computed
    from ``g`` (1 … count), every other column is the template's. Write ``mod(a, b)``
    rather than ``%``, which the driver reads as a placeholder."""
    from django.db import connection

    table = model._meta.db_table
    columns = [f.column for f in model._meta.concrete_fields if not f.primary_key]
    unknown = set(overrides) - set(columns)
    if unknown:
        raise ValueError(f"{model.__name__} has no columns {sorted(unknown)}")
    values = ", ".join(overrides.get(c, f't."{c}"') for c in columns)
    names = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO "{table}" ({names}) SELECT {values} '  # noqa: S608
            f'FROM "{table}" t, generate_series(1, %s) g WHERE t.id = %s',
            [count, template_pk],
        )


def report_listings(template, count: int, id_base: int) -> None:
    """``count`` more Taobao listings reported for the client of ``template`` (a submitted
    complaint with one link): copies of that complaint with 300 links each, three of four
    links decided (removed or restored). Listing ids are ``id_base`` + 1 … + count."""
    from django.db import connection

    from enforcement.models import Complaint, ComplaintLink, Listing

    link = template.links.get()
    listing_floor = Listing._base_manager.order_by("-pk").values_list("pk", flat=True)[0]
    complaint_floor = Complaint._base_manager.order_by("-pk").values_list("pk", flat=True)[0]
    address = f"'https://item.taobao.com/item.htm?id=' || ({id_base} + g)"
    copy_rows(
        Listing,
        link.listing_id,
        count,
        {
            "canonical_id": f"({id_base} + g)::text",
            "canonical_url": address,
            "entered_url": address,
        },
    )
    copy_rows(
        Complaint,
        template.pk,
        -(-count // LINKS_PER_COMPLAINT),
        {
            "batch_key": "md5(t.id::text || '-' || g)::uuid",
            "platform_reference": "'BULK-' || g",
            "submitted_at": "now() - mod(g, 365) * interval '1 day'",
        },
    )
    table = ComplaintLink._meta.db_table
    columns = [f.column for f in ComplaintLink._meta.concrete_fields if not f.primary_key]
    overrides = {
        "complaint_id": "c.id",
        "listing_id": "l.id",
        "position": f"mod(l.g, {LINKS_PER_COMPLAINT}) + 1",
        "outcome": "(ARRAY['removed', 'pending', 'removed', 'restored'])[mod(l.g, 4) + 1]",
        "outcome_at": "CASE WHEN mod(l.g, 4) = 1 THEN NULL "
                      "ELSE now() - mod(l.g, 90) * interval '1 day' END",
    }  # fmt: skip
    values = ", ".join(overrides.get(c, f't."{c}"') for c in columns)
    names = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO "{table}" ({names}) SELECT {values} FROM '  # noqa: S608
            f"(SELECT id, row_number() OVER (ORDER BY id) - 1 AS g FROM enforcement_listing "
            f"WHERE id > %s) l JOIN "
            f"(SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM enforcement_complaint "
            f"WHERE id > %s) c ON c.k = l.g / {LINKS_PER_COMPLAINT} "
            f'CROSS JOIN "{table}" t WHERE t.id = %s',
            [listing_floor, complaint_floor, link.pk],
        )
