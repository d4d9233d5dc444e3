"""Keyset pagination: a page is "the rows after (or before) this row in the list's order".

A list page never counts every row and never skips rows with OFFSET: page one is
``ORDER BY … LIMIT n+1``; the next page starts after the last row shown, by the list's sort
keys plus the primary key (``WHERE (key, id) > (last key, last id)``), so it costs the same
on page 2 and on page 20,000 when an index matches the order. The position travels in the
query string as an opaque, signed cursor; one that does not decode (tampered, stale, from
another list) gives the first page, never an error. The number of rows is counted up to a
cap (``LIST_COUNT_CAP``): past it the page says "more than …".

Nullable sort keys get an explicit NULLS placement (PostgreSQL's own: ascending puts NULLs
last, descending first), so SQLite and PostgreSQL list rows in the same order and a plain
B-tree index matches the ORDER BY.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F, Q
from django.db.models.expressions import OrderBy

CURSOR_PARAM = "cursor"


@dataclass(frozen=True)
class SortKey:
    """One ORDER BY term: a field path, its direction and where its NULLs go."""

    path: str
    descending: bool
    nullable: bool
    nulls_first: bool  # in this key's own order (meaningful only when nullable)
    field: models.Field = field(compare=False, repr=False)
    attname: str | None = None  # where the row holds the value (None: a related row's)

    def order_by(self, reverse: bool = False) -> OrderBy:
        descending = self.descending != reverse
        expression = F(self.path)
        if not self.nullable:
            return expression.desc() if descending else expression.asc()
        placement = {"nulls_first": True} if self.nulls_first != reverse else {"nulls_last": True}
        return expression.desc(**placement) if descending else expression.asc(**placement)

    def nulls_come_first(self, reverse: bool) -> bool:
        return self.nulls_first != reverse

    def after(self, value, reverse: bool) -> Q | None:
        """Rows strictly after ``value`` on this key alone (None: no row can be)."""
        descending = self.descending != reverse
        if value is None:
            # Among NULLs nothing is strictly after on this key; the non-NULLs are after
            # only when the NULLs come first.
            if self.nulls_come_first(reverse):
                return Q(**{f"{self.path}__isnull": False})
            return None
        q = Q(**{f"{self.path}__{'lt' if descending else 'gt'}": value})
        if self.nullable and not self.nulls_come_first(reverse):
            q |= Q(**{f"{self.path}__isnull": True})
        return q

    def equal(self, value) -> Q:
        if value is None:
            return Q(**{f"{self.path}__isnull": True})
        return Q(**{self.path: value})


def _resolve(model, path: str) -> tuple[models.Field, bool]:
    """The field at the end of ``path`` and whether a NULL can appear on the way."""
    nullable = False
    current = model
    parts = path.split("__")
    for index, part in enumerate(parts):
        try:
            found = current._meta.get_field("pk" if part == "pk" else part)
        except FieldDoesNotExist:
            if part == "pk":
                found = current._meta.pk
            else:
                raise
        if part == "pk":
            found = current._meta.pk
        nullable = nullable or bool(getattr(found, "null", False))
        if found.is_relation:
            if found.many_to_many or found.one_to_many:
                raise ImproperlyConfigured(f"cannot page by a to-many path: {path}")
            if index == len(parts) - 1:
                # A bare foreign key orders by its id here (not by the related ordering).
                return found.target_field, nullable
            current = found.related_model
    return found, nullable


def sort_keys(queryset: models.QuerySet) -> list[SortKey]:
    """The queryset's ordering as keys, ending with the primary key (so each row is unique)."""
    model = queryset.model
    ordering = list(queryset.query.order_by) or list(model._meta.ordering)
    keys: list[SortKey] = []
    for item in ordering:
        nulls_first: bool | None = None
        if isinstance(item, str):
            descending = item.startswith("-")
            path = item.lstrip("-")
        elif isinstance(item, OrderBy) and isinstance(item.expression, F):
            descending = item.descending
            path = item.expression.name
            if item.nulls_first:
                nulls_first = True
            elif item.nulls_last:
                nulls_first = False
        elif isinstance(item, F):
            descending, path = False, item.name
        else:
            raise ImproperlyConfigured(f"keyset pagination cannot order by {item!r}")
        if path == "?":
            raise ImproperlyConfigured("keyset pagination cannot order randomly")
        model_field, nullable = _resolve(model, path)
        local = None if "__" in path or path == "pk" else model._meta.get_field(path)
        if path == "pk" or (local is not None and local.primary_key):
            path, local = "pk", model._meta.pk
        if nulls_first is None:
            nulls_first = descending  # PostgreSQL's default
        attname = local.attname if local is not None else None
        keys.append(SortKey(path, descending, nullable, nulls_first, model_field, attname))
        if path == "pk":
            break
    if not keys or keys[-1].path != "pk":
        last_descending = keys[-1].descending if keys else False
        pk = model._meta.pk
        keys.append(SortKey("pk", last_descending, False, False, pk, pk.attname))
    return keys


class RowCompare(models.Expression):
    """``(a, b, c) > (x, y, z)``: one range an index can seek to (PostgreSQL, SQLite)."""

    output_field = models.BooleanField()
    conditional = True

    def __init__(self, paths: list[str], values: list, greater: bool):
        super().__init__()
        self.lhs = [F(p) for p in paths]
        self.rhs = [models.Value(v) for v in values]
        self.greater = greater

    def get_source_expressions(self):
        return [*self.lhs, *self.rhs]

    def set_source_expressions(self, exprs):
        half = len(exprs) // 2
        self.lhs, self.rhs = list(exprs[:half]), list(exprs[half:])

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        clone = self.copy()
        clone.is_summary = summarize
        clone.lhs = [e.resolve_expression(query, allow_joins, reuse, summarize) for e in self.lhs]
        clone.rhs = [
            models.Value(value.value, output_field=target.output_field).resolve_expression(
                query, allow_joins, reuse, summarize
            )
            for value, target in zip(self.rhs, clone.lhs, strict=True)
        ]
        return clone

    def as_sql(self, compiler, connection):
        sides, params = [], []
        for side in (self.lhs, self.rhs):
            parts = []
            for expression in side:
                sql, p = compiler.compile(expression)
                parts.append(sql)
                params.extend(p)
            sides.append(", ".join(parts))
        operator = ">" if self.greater else "<"
        return f"({sides[0]}) {operator} ({sides[1]})", params


def after_filter(keys: list[SortKey], values: list, reverse: bool) -> Q | RowCompare | None:
    """Rows after ``values`` in the keys' order (or before them, when ``reverse``)."""
    directions = {key.descending != reverse for key in keys}
    if len(directions) == 1 and not any(key.nullable for key in keys):
        descending = directions.pop()
        return RowCompare([key.path for key in keys], values, greater=not descending)
    terms = []
    for index, key in enumerate(keys):
        step = key.after(values[index], reverse)
        if step is None:
            continue
        earlier = [keys[j].equal(values[j]) for j in range(index)]
        terms.append(reduce(and_, [*earlier, step]))
    if not terms:
        return None
    return reduce(or_, terms)


def first_key_bound(keys: list[SortKey], values: list, reverse: bool) -> Q | None:
    """The bound the first key alone puts on the rows after ``values``: redundant with
    ``after_filter``, but a range an index (or a join through a related key) can seek to."""
    first, value = keys[0], values[0]
    if value is None or (first.nullable and not first.nulls_come_first(reverse)):
        return None
    descending = first.descending != reverse
    return Q(**{f"{first.path}__{'lte' if descending else 'gte'}": value})


def _signer(queryset, keys: list[SortKey]) -> signing.Signer:
    label = (
        queryset.model._meta.label_lower
        + ":"
        + ",".join(("-" if k.descending else "") + k.path for k in keys)
    )
    salt = "keyset:" + hashlib.sha256(label.encode()).hexdigest()[:16]
    return signing.Signer(salt=salt)


def encode_cursor(queryset, keys: list[SortKey], values: list, backwards: bool) -> str:
    payload = {"b": int(backwards), "v": values}
    return _signer(queryset, keys).sign_object(payload, serializer=_JSONSerializer)


def decode_cursor(queryset, keys: list[SortKey], cursor: str | None) -> tuple[list, bool] | None:
    """The values and direction in ``cursor``, or None if it is not one of this list's."""
    if not cursor or len(cursor) > 2000:
        return None
    try:
        payload = _signer(queryset, keys).unsign_object(cursor, serializer=_JSONSerializer)
        raw, backwards = payload["v"], bool(payload["b"])
        if not isinstance(raw, list) or len(raw) != len(keys):
            return None
        values = [
            None if value is None else key.field.to_python(value)
            for key, value in zip(keys, raw, strict=True)
        ]
        if any(v is None and not k.nullable for k, v in zip(keys, values, strict=True)):
            return None
    except (signing.BadSignature, ValueError, TypeError, KeyError, AttributeError):
        return None
    except Exception:  # noqa: BLE001 - a field's to_python raises ValidationError
        return None
    return values, backwards


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        # Full precision: Django's encoder cuts microseconds, and a keyset bound must be exact.
        if isinstance(o, dt.datetime | dt.date | dt.time):
            return o.isoformat()
        return super().default(o)


class _JSONSerializer:
    def dumps(self, obj):
        return json.dumps(obj, separators=(",", ":"), cls=_Encoder).encode("latin-1")

    def loads(self, data):
        return json.loads(data.decode("latin-1"))


@dataclass
class KeysetPage:
    object_list: list
    has_next: bool
    has_previous: bool
    next_cursor: str | None = None
    previous_cursor: str | None = None

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def is_first(self) -> bool:
        return not self.has_previous


@dataclass
class CappedCount:
    """How many rows match, counted no further than ``cap``."""

    count: int
    capped: bool
    cap: int


class KeysetPaginator:
    """Pages of ``queryset`` in its own order; see the module docstring."""

    def __init__(self, queryset: models.QuerySet, per_page: int, count_cap: int | None = None):
        self.keys = sort_keys(queryset)
        self.base = queryset
        self.queryset = queryset.order_by(*(key.order_by() for key in self.keys))
        self.per_page = per_page
        self.cap = settings.LIST_COUNT_CAP if count_cap is None else count_cap
        self._count: CappedCount | None = None

    # A Django Paginator's attributes that list templates read.
    @property
    def counted(self) -> CappedCount:
        if self._count is None:
            found = self.base.order_by()[: self.cap + 1].count()
            self._count = CappedCount(min(found, self.cap), found > self.cap, self.cap)
        return self._count

    @property
    def count(self) -> int:
        return self.counted.count

    @property
    def capped(self) -> bool:
        return self.counted.capped

    def _annotated(self, queryset):
        # Sort values on related rows are read with the page rather than by a query each.
        extra = {
            f"_keyset_{i}": F(key.path) for i, key in enumerate(self.keys) if key.attname is None
        }
        return queryset.annotate(**extra) if extra else queryset

    def _values_of(self, row) -> list:
        return [
            getattr(row, key.attname or f"_keyset_{index}") for index, key in enumerate(self.keys)
        ]

    def _fetch(self, values: list | None, reverse: bool, limit: int) -> list:
        queryset = self.base.order_by(*(key.order_by(reverse) for key in self.keys))
        queryset = self._annotated(queryset)
        if values is None:
            return list(queryset[:limit])
        first = self.keys[0]
        condition = after_filter(self.keys, values, reverse)
        if condition is None:
            return []
        if (
            first.nullable
            and values[0] is not None
            and not first.nulls_come_first(reverse)
            and len(self.keys) > 1
        ):
            # NULLs follow the non-NULL rows: read the rest of the non-NULL rows with a
            # bound the index can seek to, then the NULLs from their start.
            descending = first.descending != reverse
            bound = Q(**{f"{first.path}__{'lte' if descending else 'gte'}": values[0]})
            rest = after_filter(self.keys, values, reverse)
            rows = list(
                queryset.filter(bound, Q(**{f"{first.path}__isnull": False})).filter(rest)[:limit]
            )
            if len(rows) < limit:
                rows += list(
                    queryset.filter(**{f"{first.path}__isnull": True})[: limit - len(rows)]
                )
            return rows
        queryset = queryset.filter(condition)
        bound = first_key_bound(self.keys, values, reverse)
        if bound is not None:
            queryset = queryset.filter(bound)
        return list(queryset[:limit])

    def page(self, cursor: str | None) -> KeysetPage:
        decoded = decode_cursor(self.base, self.keys, cursor)
        size = self.per_page
        if decoded is not None:
            values, backwards = decoded
            rows = self._fetch(values, reverse=backwards, limit=size + 1)
            more = len(rows) > size
            rows = rows[:size]
            if backwards:
                rows.reverse()
                if more and rows:
                    return self._page(rows, has_next=True, has_previous=True)
                # Back at the start: show the first page as it is now.
            elif rows:
                return self._page(rows, has_next=more, has_previous=True)
        rows = self._fetch(None, reverse=False, limit=size + 1)
        return self._page(rows[:size], has_next=len(rows) > size, has_previous=False)

    def _page(self, rows: list, *, has_next: bool, has_previous: bool) -> KeysetPage:
        page = KeysetPage(rows, has_next=has_next, has_previous=has_previous)
        if rows and has_next:
            page.next_cursor = encode_cursor(
                self.base, self.keys, self._values_of(rows[-1]), backwards=False
            )
        if rows and has_previous:
            page.previous_cursor = encode_cursor(
                self.base, self.keys, self._values_of(rows[0]), backwards=True
            )
        return page


def paginate(queryset, request, per_page: int | None = None) -> tuple[KeysetPaginator, KeysetPage]:
    """The page of ``queryset`` that ``request``'s cursor asks for."""
    paginator = KeysetPaginator(queryset, per_page or settings.PAGE_SIZE)
    return paginator, paginator.page(request.GET.get(CURSOR_PARAM))


def values_for(rows, key_values: dict[Any, Any], attribute: str, default=0) -> None:
    """Set ``attribute`` on each row from ``key_values`` (keyed by pk): per-page figures."""
    for row in rows:
        setattr(row, attribute, key_values.get(row.pk, default))
