"""The numbers page: the period, client and platform account to count."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clients.forms import DATE
from clients.models import Client

from ..models import PlatformAccount


class NumbersForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE, required=False)
    end = forms.DateField(label=_("To"), widget=DATE, required=False)
    client = forms.ModelChoiceField(queryset=None, required=False, label=_("Client"))
    account = forms.ModelChoiceField(queryset=None, required=False, label=_("Platform account"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = Client.objects.visible_to(user)
        self.fields["account"].queryset = PlatformAccount.objects.visible_to(user).select_related(
            "group"
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period cannot end before it starts."))
        return cleaned
