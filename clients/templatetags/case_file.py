import datetime as dt

from django import template
from django.db.models import Model
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.timezone import is_aware, localtime

register = template.Library()


def _resolve(obj, value):
    if callable(value):
        return value(obj)
    current = obj
    parts = value.split(".")
    for index, part in enumerate(parts):
        if current is None:
            return None
        last = index == len(parts) - 1
        display = getattr(current, f"get_{part}_display", None) if last else None
        current = display() if callable(display) else getattr(current, part)
        if callable(current) and not isinstance(current, Model):
            current = current()
    return current


def _format(value):
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "✔" if value else "—"
    if isinstance(value, dt.datetime) and is_aware(value):
        return localize(localtime(value))
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or "—"
    return localize(value)


@register.simple_tag
def cell(obj, column):
    text = _format(_resolve(obj, column.value))
    if column.link and hasattr(obj, "get_absolute_url"):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), text)
    return format_html("{}", text)
