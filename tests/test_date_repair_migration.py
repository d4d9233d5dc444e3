"""Rows stored before the date checks existed are repaired by the migration that adds them:
a value out of range is clamped to the nearest bound, or emptied where empty means
"unknown", and the migration says which rows it changed.

Rows out of range cannot be written while the checks stand, so the test lifts them for
its own transaction (PostgreSQL: drops them; SQLite: ``ignore_check_constraints``), runs
the migrations' repair and puts the checks back, which validates every row again.
"""

import datetime as dt
import importlib
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from clients.models import IdentityDocument, PowerOfAttorney
from enforcement import integrity
from enforcement.models import EvidenceFile, Listing

from .factories import IdentityDocumentFactory, ListingFactory, PowerOfAttorneyFactory, UserFactory

UTC = dt.UTC
MIGRATIONS = ("clients.migrations.0007_bounded_dates", "enforcement.migrations.0022_bounded_dates")
MODELS = (IdentityDocument, PowerOfAttorney, Listing, EvidenceFile)


def _range_checks(model):
    return [c for c in model._meta.constraints if c.name.endswith("_in_range")]


@contextmanager
def checks_lifted():
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA ignore_check_constraints = 1")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA ignore_check_constraints = 0")
        return
    with connection.cursor() as cursor:  # no table is altered with checks still pending
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor(atomic=False) as editor:
        for model in MODELS:
            for check in _range_checks(model):
                editor.remove_constraint(model, check)
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor(atomic=False) as editor:
        for model in MODELS:
            for check in _range_checks(model):
                editor.add_constraint(model, check)  # refuses a row still out of range


@pytest.mark.django_db
def test_the_migration_clamps_or_empties_dates_out_of_range(capsys, client_a):
    good = dt.datetime(2025, 5, 1, 10, tzinfo=UTC)
    document = IdentityDocumentFactory(client=client_a)
    poa = PowerOfAttorneyFactory(client=client_a)
    listing = ListingFactory()
    user = UserFactory()
    with checks_lifted():
        IdentityDocument.objects.filter(pk=document.pk).update(
            issued_on=dt.date(1, 1, 1), expires_on=dt.date(9999, 12, 31)
        )
        PowerOfAttorney.objects.filter(pk=poa.pk).update(
            valid_from=dt.date(1, 1, 1), valid_to=dt.date(9999, 12, 31)
        )
        Listing.objects.filter(pk=listing.pk).update(
            last_seen_at=dt.datetime(9999, 12, 31, tzinfo=UTC)
        )
        bad, fine = (
            EvidenceFile.objects.create(
                listing=listing,
                kind="screenshot",
                file=f"evidence/{n}.png",
                sha256="0" * 64,
                captured_at=good,
                uploaded_by=user,
            )  # fmt: skip
            for n in range(2)
        )
        EvidenceFile.objects.filter(pk=bad.pk).update(captured_at=dt.datetime(1, 1, 2, tzinfo=UTC))
        assert integrity.out_of_range() != []
        capsys.readouterr()
        # What RunPython hands the function: the apps and something that executes SQL.
        editor = SimpleNamespace(connection=connection, execute=connection.cursor().execute)
        for name in MIGRATIONS:
            importlib.import_module(name).repair_out_of_range(apps, editor)
        printed = capsys.readouterr().out

    document.refresh_from_db()
    assert document.issued_on is None and document.expires_on == dt.date(2199, 12, 31)
    poa.refresh_from_db()
    assert (poa.valid_from, poa.valid_to) == (dt.date(1900, 1, 1), dt.date(2199, 12, 31))
    listing.refresh_from_db()
    assert listing.last_seen_at is None
    bad.refresh_from_db()
    fine.refresh_from_db()
    assert bad.captured_at == dt.datetime(1990, 1, 1, tzinfo=UTC) and fine.captured_at == good
    assert integrity.out_of_range() == []
    assert (
        f"identitydocument.issued_on: 1 row(s) out of range emptied (ids {document.pk})" in printed
    )
    assert "powerofattorney.valid_to: 1 row(s) out of range set to 2199-12-31" in printed
    assert f"evidencefile.captured_at: 1 row(s) out of range set to 1990-01-01 (ids {bad.pk})" in (
        printed
    )
