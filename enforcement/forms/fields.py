"""Fields and widgets shared by the enforcement forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeListField(forms.CharField):
    """A comma-separated list typed by a person, stored as a JSON list."""

    def __init__(self, *, item=str, **kwargs):
        self.item = item
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
        try:
            return [self.item(p.upper() if self.item is str else p) for p in parts]
        except ValueError:
            raise forms.ValidationError(
                _("Enter whole numbers separated by commas, e.g. 9, 25, 35.")
            ) from None


MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
