"""A history a lawyer can read: who, when, and each field as "old → new" in words.

django-simple-history keeps every version of a legal record; this module turns consecutive
versions into changes named by their field's label, with choice labels, the related
records' names (not their ids), dates in the reader's zone and format, and the related
records of many-to-many fields. Several records' histories (a complaint, its links,
notices, disputes and evidence) merge into one timeline, newest first.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.translation import gettext as _

from .scoping import unscoped

# Bookkeeping every model has; a change to them alone says nothing to a reader.
NOT_SHOWN = frozenset({"id", "created_at", "updated_at"})
TEXT_SHOWN = 500  # characters of a long text shown in a change

Change = tuple[str, str, str]  # (field label, old, new), as the template shows them


@dataclass
class HistoryRow:
    version: object  # the historical record (history_date, history_user, history_type)
    changes: list[Change] = field(default_factory=list)
    subject: str = ""  # which record, in a timeline of several
    url: str = ""

    def __getitem__(self, key):  # rows were dicts: row["version"], row["changes"]
        return getattr(self, key)


@dataclass
class Source:
    """One kind of record in a timeline: its historical versions and how to name each."""

    versions: Iterable
    label: Callable[[object], str] = str
    url: Callable[[object], str] = lambda version: ""


def _tracked_fields(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in NOT_SHOWN]


def _m2m_fields(version) -> list[str]:
    meta = getattr(type(version), "_history_m2m_fields", None) or []
    return [f.name if hasattr(f, "name") else str(f) for f in meta]


class _Names:
    """Names of related records, looked up once per model for a whole page of rows."""

    def __init__(self):
        self.wanted: dict[type, set] = defaultdict(set)
        self.found: dict[tuple[type, object], str] = {}

    def want(self, model, pk) -> None:
        if pk is not None:
            self.wanted[model].add(pk)

    @unscoped("a history names the records a version pointed to, of the record's own client")
    def load(self) -> None:
        for model, pks in self.wanted.items():
            rows = model._default_manager.filter(pk__in=pks)
            related = getattr(model, "history_select_related", ())
            if related:
                rows = rows.select_related(*related)
            for obj in rows:
                label = getattr(obj, "history_label", None)
                self.found[(model, obj.pk)] = str(label if label is not None else obj)
        self.wanted.clear()

    def name(self, model, pk) -> str:
        if pk is None:
            return ""
        return self.found.get((model, pk), _("%(model)s #%(pk)s (no longer exists)") % {
            "model": model._meta.verbose_name, "pk": pk})  # fmt: skip


def _raw_changes(newer, older) -> list[tuple[models.Field | str, object, object]]:
    model = newer.instance_type
    changed = []
    for f in _tracked_fields(model):
        old, new = getattr(older, f.attname, None), getattr(newer, f.attname, None)
        if old != new:
            changed.append((f, old, new))
    m2m = _m2m_fields(newer)
    if m2m:
        delta = newer.diff_against(older, included_fields=m2m)
        for change in delta.changes:
            changed.append((change.field, change.old, change.new))
    return changed


def _related_ids(model, name: str, rows) -> tuple[type, list]:
    """The related model and ids of an m2m field's history rows (dicts of through rows)."""
    target = model._meta.get_field(name).related_model
    key = target._meta.model_name
    ids = []
    for row in rows or []:
        value = row.get(key) if isinstance(row, dict) else row
        if value is None and isinstance(row, dict):  # the through model names it otherwise
            value = next((v for k, v in row.items() if k != model._meta.model_name), None)
        ids.append(value)
    return target, ids


def _show(f: models.Field, value, names: _Names) -> str:
    if value is None or value == "":
        return "—"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if f.is_relation:
        return names.name(f.related_model, value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.datetime):
        return format_date(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return format_date(value, "DATE_FORMAT")
    text = str(value)
    return text if len(text) <= TEXT_SHOWN else text[:TEXT_SHOWN] + "…"


def readable_rows(versions_by_record: dict, *, limit: int) -> list[HistoryRow]:
    """Rows for the newest ``limit`` versions; ``versions_by_record`` maps a record to its
    versions (any order) and, for each, (label, url) of the record."""
    pairs = []
    for versions, label, url in versions_by_record.values():
        ordered = sorted(versions, key=lambda v: (v.history_date, v.pk))
        for older, newer in zip([None, *ordered], ordered, strict=False):
            pairs.append((newer, older, label, url))
    pairs.sort(key=lambda p: (p[0].history_date, p[0].pk), reverse=True)
    pairs = pairs[:limit]
    names = _Names()
    raw = []
    for newer, older, label, url in pairs:
        changes = _raw_changes(newer, older) if older is not None else []
        model = newer.instance_type
        for f, old, new in changes:
            if isinstance(f, str):  # many-to-many: lists of through rows
                target, old_ids = _related_ids(model, f, old)
                _target, new_ids = _related_ids(model, f, new)
                for pk in old_ids + new_ids:
                    names.want(target, pk)
            elif f.is_relation:
                names.want(f.related_model, old)
                names.want(f.related_model, new)
        raw.append((newer, changes, label, url))
    names.load()
    rows = []
    for newer, changes, label, url in raw:
        model = newer.instance_type
        shown = []
        for f, old, new in changes:
            if isinstance(f, str):
                related = model._meta.get_field(f)
                target, old_ids = _related_ids(model, f, old)
                _target, new_ids = _related_ids(model, f, new)
                old_text = ", ".join(sorted(names.name(target, pk) for pk in old_ids)) or "—"
                new_text = ", ".join(sorted(names.name(target, pk) for pk in new_ids)) or "—"
                shown.append((str(related.verbose_name), old_text, new_text))
            else:
                shown.append((str(f.verbose_name), _show(f, old, names), _show(f, new, names)))
        rows.append(HistoryRow(version=newer, changes=shown, subject=label, url=url))
    return rows


def record_rows(instance, *, limit: int = 200) -> list[HistoryRow]:
    """One record's history, newest first."""
    versions = list(
        instance.history.select_related("history_user").order_by("-history_date", "-pk")[
            : limit + 1
        ]
    )
    return readable_rows({instance.pk: (versions, "", "")}, limit=limit)


def timeline(sources: Iterable[Source], *, limit: int = 300) -> list[HistoryRow]:
    """Several records' histories in one timeline, newest first, each row naming its record."""
    by_record: dict = {}
    for source in sources:
        for version in source.versions:
            key = (version.instance_type, version.id)
            if key not in by_record:
                by_record[key] = ([], source.label(version), source.url(version))
            by_record[key][0].append(version)
    return readable_rows(by_record, limit=limit)
