"""The one way to ask "what may this user see?".

Every model a user can reach declares how it hangs off a Client (``scope_client_path``),
whose personal row it is (``scope_user_path``), or that it is a catalogue everyone logged
in may read (``scope_public = True``). Views
get their rows only through ``Model.objects.visible_to(user)``; a model that declares
neither raises, so a new model cannot silently show everything.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db import models

from .roles import STAFF_ROLES, Role


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user) -> ScopedQuerySet:
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
            from .models import Membership

            client_ids = Membership.objects.filter(user=user, is_active=True).values("client_id")
            if path == "":
                return self.filter(pk__in=client_ids)
            if getattr(model, "scope_via_many", False):
                # Through a to-many path a join would repeat rows: filter by a subquery.
                owned = model._base_manager.filter(**{f"{path}__in": client_ids}).values("pk")
                return self.filter(pk__in=owned)
            return self.filter(**{f"{path}__in": client_ids})
        return self.none()


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):
    pass
