"""Trigram indexes for the lists' free-text search, on PostgreSQL only.

A search is ``icontains``, which Django writes as ``UPPER(col::text) LIKE UPPER('%term%')``
on PostgreSQL: a GIN index on ``UPPER(col)`` with ``gin_trgm_ops`` (pg_trgm) answers it
without reading the table. SQLite has neither GIN nor pg_trgm, and its searches stay
plain scans of small tables, so the operation below does nothing there. The indexes are
kept out of the models' state on purpose: SQLite rebuilds a table from that state when a
later migration alters it, and would then be asked for a GIN index it cannot make.
"""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import migrations
from django.db.models.functions import Upper


def index_name(model_name: str, field: str) -> str:
    return f"{model_name[:12]}_{field[:11]}_trgm"


class AddTrigramIndexes(migrations.operations.base.Operation):
    """``{model_name: [field, …]}`` of one app, each field with a trigram index."""

    reversible = True
    reduces_to_sql = False

    def __init__(self, fields: dict[str, list[str]]):
        self.fields = fields

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.fields], {})

    def state_forwards(self, app_label, state):
        pass  # see the module docstring

    def _indexes(self, app_label, apps):
        for model_name, names in self.fields.items():
            model = apps.get_model(app_label, model_name)
            for field in names:
                yield (
                    model,
                    GinIndex(
                        OpClass(Upper(field), name="gin_trgm_ops"),
                        name=index_name(model_name, field),
                    ),
                )

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for model, index in self._indexes(app_label, to_state.apps):
            schema_editor.add_index(model, index)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        for model, index in self._indexes(app_label, from_state.apps):
            schema_editor.remove_index(model, index)

    def describe(self):
        return "Trigram indexes (PostgreSQL only) for " + ", ".join(self.fields)
