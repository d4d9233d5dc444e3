"""Moves between states, as tables: the machinery every app's records use, and the table
of the clients app's one record with states (a request for a document).

A table maps each state to the states it may become (or, for a record whose moves belong
to particular actions, to a mapping of state → action). ``enforcement.lifecycle`` holds
the enforcement records' tables and lists every table of the project in one place.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import DocumentRequest

Request = DocumentRequest.Status

DOCUMENT_REQUEST: Mapping[str, frozenset[str]] = {
    # An upload answers an open request; another file may follow a received one.
    Request.OPEN: frozenset({Request.RECEIVED, Request.CANCELLED}),
    # Received, but not what was needed: the firm asks again.
    Request.RECEIVED: frozenset({Request.RECEIVED, Request.OPEN}),
    Request.CANCELLED: frozenset(),
}


def allowed(table: Mapping, current: str, by: str | None = None) -> frozenset[str]:
    """The states reachable from ``current`` (for tables keyed by action: by that one)."""
    moves = table.get(current, ())
    if isinstance(moves, Mapping):
        return frozenset(new for new, action in moves.items() if by is None or action == by)
    return frozenset(moves)


def can_move(table: Mapping, current: str, new: str, by: str | None = None) -> bool:
    return new in allowed(table, current, by)


def refuse(table: Mapping, current: str, new: str, *, what: str, labels: Mapping, by=None):
    """The refusal of a move the table does not allow, saying what is possible instead."""
    names = {"what": what, "current": labels.get(current, current), "new": labels.get(new, new)}
    options = sorted(allowed(table, current, by))
    return ValidationError(
        _("%(what)s is “%(current)s” and cannot become “%(new)s”; possible now: %(options)s.")
        % {**names, "options": ", ".join(str(labels.get(o, o)) for o in options) or _("nothing")},
        code="not_allowed",
    )


def check_request(item: DocumentRequest, new: str) -> None:
    if not can_move(DOCUMENT_REQUEST, item.status, new):
        raise refuse(
            DOCUMENT_REQUEST, item.status, new, what=str(item), labels=dict(Request.choices)
        )
