import zoneinfo

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..selectors import deadline_section

register = template.Library()


@register.simple_tag(takes_context=True)
def section_of(context, deadline):
    bounds = {k: context[k] for k in ("now", "end_today", "end_week")}
    return deadline_section(deadline, bounds)


@register.filter
def in_zone(moment, zone):
    """A moment as the clock on the wall reads it in another zone (e.g. the platform's)."""
    if moment is None:
        return "—"
    local = timezone.localtime(moment, zoneinfo.ZoneInfo(zone))
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({zone})"


@register.simple_tag
def provisional(flag, reason=""):
    """The label every provisional due date carries, wherever it is shown."""
    if not flag:
        return ""
    return format_html(
        '<span class="badge text-bg-warning provisional" title="{}">{}</span>',
        reason or _("The earliest date the window could close: its year is not confirmed yet."),
        _("provisional"),
    )
