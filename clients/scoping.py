"""The one way to ask "what may this user see?", and it fails closed.

Every model a user can reach declares how it hangs off a Client (``scope_client_path``),
whose personal row it is (``scope_user_path``), or that it is a catalogue everyone logged
in may read (``scope_public = True``). A model that declares none raises.

The default manager of a client-owned or personal model refuses to answer outside a scope
(in the spirit of pretix's scoped managers): ``Model.objects.filter(...)`` raises
:class:`ScopeError` unless the rows come through ``Model.objects.visible_to(user)``, or the
code runs inside ``with unscoped("why"):``, the greppable mark of system work (sweeps,
services acting for the firm, commands, the admin). Every request runs with no scope, so a
view that forgets ``visible_to`` fails in its first test instead of showing another
client's rows. Related managers (``complaint.links``) and foreign keys read through the
object already reached, so they pass.
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from .roles import STAFF_ROLES, Role


class ScopeError(Exception):
    """A client-owned model was queried without saying whose rows it may return."""


def reader_scope(user) -> str:
    """Who sees the same rows as ``user``: one name for the whole firm's staff (they see
    every client's rows, see ``_visible_to``), the user's own for anyone else. Figures
    kept in a cache are kept under it, so the firm's staff share them."""
    if getattr(user, "is_authenticated", False) and user.role in STAFF_ROLES:
        return "firm"
    return f"user-{getattr(user, 'pk', None)}"


_unscoped: contextvars.ContextVar[str | None] = contextvars.ContextVar("unscoped", default=None)


@contextmanager
def unscoped(reason: str):
    """System work that may read every client's rows; ``reason`` says why (and is greppable)."""
    if not reason:
        raise ValueError("say why the code reads every client's rows")
    token = _unscoped.set(reason)
    try:
        yield
    finally:
        _unscoped.reset(token)


@contextmanager
def scope_required():
    """Undo any surrounding ``unscoped`` block: what runs inside must scope its own reads."""
    token = _unscoped.set(None)
    try:
        yield
    finally:
        _unscoped.reset(token)


def is_unscoped() -> bool:
    return _unscoped.get() is not None


def is_client_owned(model) -> bool:
    return getattr(model, "scope_client_path", None) is not None or (
        getattr(model, "scope_user_path", None) is not None
    )


class ScopeMiddleware:
    """Each request starts with no scope, whatever the caller (a test, a thread) had."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with scope_required():
            return self.get_response(request)


class ScopedQuerySet(models.QuerySet):
    """Rows of a client-owned model; one taken from ``Model.objects`` outside a scope may
    be built (forms declare their choices at import) but not run: reading it raises."""

    _needs_scope = False

    def _clone(self):
        clone = super()._clone()
        clone._needs_scope = self._needs_scope
        return clone

    def _check_scope(self) -> None:
        if self._needs_scope and not is_unscoped():
            name = self.model.__name__
            raise ScopeError(
                f"{name}.objects read outside a scope: read it through "
                f"{name}.objects.visible_to(user), or mark system work with "
                '`with unscoped("why"):`'
            )

    def _fetch_all(self):
        if self._result_cache is None:
            self._check_scope()
        super()._fetch_all()

    def iterator(self, *args, **kwargs):
        self._check_scope()
        return super().iterator(*args, **kwargs)

    def count(self):
        self._check_scope()
        return super().count()

    def exists(self):
        self._check_scope()
        return super().exists()

    def aggregate(self, *args, **kwargs):
        self._check_scope()
        return super().aggregate(*args, **kwargs)

    def update(self, **kwargs):
        self._check_scope()
        return super().update(**kwargs)

    def delete(self):
        self._check_scope()
        return super().delete()

    def none(self):
        empty = super().none()
        empty._needs_scope = False
        return empty

    def visible_to(self, user) -> ScopedQuerySet:
        scoped = self._visible_to(user)
        scoped = scoped if scoped is not self else self.all()
        scoped._needs_scope = False
        return scoped

    def _visible_to(self, user) -> ScopedQuerySet:
        model = self.model
        public = getattr(model, "scope_public", False)
        path = getattr(model, "scope_client_path", None)
        personal = getattr(model, "scope_user_path", None)
        if not public and path is None and personal is None:
            raise ImproperlyConfigured(
                f"{model.__name__} declares neither scope_client_path, scope_user_path "
                "nor scope_public"
            )
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if personal is not None:
            # Personal rows (notifications, their e-mails): their addressee only, staff or not.
            return self.filter(**{personal: user})
        if user.role in STAFF_ROLES:
            return self
        if public:
            return self
        if user.role == Role.CLIENT:
            # By name: the models import this module, so it cannot import them.
            Membership = apps.get_model("clients", "Membership")  # noqa: N806
            client_ids = Membership._base_manager.filter(user=user, is_active=True).values(
                "client_id"
            )
            if path == "":
                return self.filter(pk__in=client_ids)
            if getattr(model, "scope_via_many", False):
                # Through a to-many path a join would repeat rows: filter by a subquery.
                owned = model._base_manager.filter(**{f"{path}__in": client_ids}).values("pk")
                return self.filter(pk__in=owned)
            return self.filter(**{f"{path}__in": client_ids})
        return self.none()


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):
    def get_queryset(self):
        queryset = super().get_queryset()
        if is_client_owned(self.model) and getattr(self, "instance", None) is None:
            # Not a related manager (those read through the object already reached).
            queryset._needs_scope = True
        return queryset

    def visible_to(self, user):
        return models.Manager.get_queryset(self).visible_to(user)
