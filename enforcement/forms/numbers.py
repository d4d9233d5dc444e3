"""The numbers page: the period, client and platform account to count, and a filter on
the rows of its tables.

A busy practice has thousands of clients and accounts: they are chosen by typing part of
a name (or an id, as links carry it), not from a select of every one."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clients.bounds import BoundedDateFormField
from clients.input import Form
from clients.models import Client
from clients.params import id_or_none

from ..models import PlatformAccount

# Matches a filter shows when its text names more than one record.
SHOWN_MATCHES = 5


class NumbersForm(Form):
    start = BoundedDateFormField(label=_("From"), required=False)
    end = BoundedDateFormField(label=_("To"), required=False)
    client = forms.CharField(
        label=_("Client"), required=False, max_length=200,
        help_text=_("Part of the name, or the id"),
    )  # fmt: skip
    account = forms.CharField(
        label=_("Platform account"), required=False, max_length=200,
        help_text=_("Part of the registrant or login"),
    )  # fmt: skip
    q = forms.CharField(label=_("Rows named"), required=False, max_length=200)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def _one(self, field: str, queryset, fields: tuple[str, ...]):
        text = (self.cleaned_data.get(field) or "").strip()
        if not text:
            return None
        if (pk := id_or_none(text)) is not None:
            found = list(queryset.filter(pk=pk)[:1])
        else:
            match = Q()
            for name in fields:
                match |= Q(**{f"{name}__icontains": text})
            found = list(queryset.filter(match).order_by("pk")[: SHOWN_MATCHES + 1])
            exact = [o for o in found if text.casefold() in {str(getattr(o, f)).casefold()
                                                           for f in fields}]  # fmt: skip
            found = exact[:1] if len(exact) == 1 else found
        if not found:
            self.add_error(field, _("Nothing matches “%(text)s”.") % {"text": text})
            return None
        if len(found) > 1:
            names = ", ".join(str(o) for o in found[:SHOWN_MATCHES])
            more = "…" if len(found) > SHOWN_MATCHES else ""
            self.add_error(
                field,
                _("Several match: %(names)s%(more)s. Type more of the name, or the id.")
                % {"names": names, "more": more},
            )
            return None
        return found[0]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period cannot end before it starts."))
        cleaned["client"] = self._one(
            "client", Client.objects.visible_to(self.user), ("legal_name", "chinese_name")
        )
        cleaned["account"] = self._one(
            "account",
            PlatformAccount.objects.visible_to(self.user).select_related("group"),
            ("registrant_name", "login_email"),
        )
        return cleaned
