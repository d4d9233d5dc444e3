"""The rows of a complaint's links, written in Python.

A complaint holds up to 300 links; as template nodes its table and the offense override's
options cost about thirty node renders a link, most of the page's time. These tags write
the same markup in one pass.
"""

from django import template
from django.template.base import render_value_in_context
from django.template.defaultfilters import truncatechars
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import ComplaintLink

register = template.Library()


class _Words:
    """The row's words, translated once a table rather than once a link."""

    def __init__(self):
        self.select = _("select")
        self.settled = _("Settled by the decision on its counter-notification")
        self.repeat = _("repeat")
        self.first = format_html('<span class="badge text-bg-secondary">{}</span>', _("first"))
        self.outcomes = {
            value: str(label)
            for value, label in ComplaintLink._meta.get_field("outcome").flatchoices
        }
        self._removals = {}

    def removals(self, n):
        if n not in self._removals:
            self._removals[n] = ngettext("%(n)s earlier removal", "%(n)s earlier removals", n) % {
                "n": n
            }
        return self._removals[n]


def _tick(link, words, answerable, ticked):
    if link.outcome in answerable:
        checked = mark_safe(" checked") if str(link.pk) in ticked else ""
        return format_html(
            '<input class="form-check-input" type="checkbox" name="links" value="{}"'
            ' aria-label="{}"{}>',
            link.pk,
            words.select,
            checked,
        )
    if link.outcome == "countered":
        return format_html(
            '<i class="bi bi-shield-exclamation text-warning" title="{}"></i>', words.settled
        )
    return ""


def _offense(link, words):
    if link.offense == "repeat":
        badge = format_html(
            '<span class="badge text-bg-danger" title="{}">{}</span>',
            words.removals(link.offense_count),
            words.repeat,
        )
    elif link.offense == "first":
        badge = words.first
    else:
        badge = ""
    if link.offense_override_reason:
        badge = format_html(
            '{} <i class="bi bi-pencil-square" title="{}"></i>',
            badge,
            link.offense_override_reason,
        )
    return badge


def _outcome(link, words):
    label = words.outcomes.get(link.outcome, link.outcome)
    if link.outcome_reason:
        return format_html('{}<br><small class="text-muted">{}</small>', label, link.outcome_reason)
    return label


@register.simple_tag(takes_context=True)
def link_rows(context, links, tickable=False, answerable=(), ticked=None):
    """One <tr> a link: [tick box], number, listing, offense, outcome, when."""
    ticked = {str(value) for value in ticked or ()}
    words = _Words()
    rows = []
    for link in links:
        when = render_value_in_context(link.outcome_at, context) if link.outcome_at else ""
        tick = _tick(link, words, answerable, ticked) if tickable else None
        tick = format_html("<td>{}</td>", tick) if tickable else ""
        rows.append(
            (
                tick,
                link.position,
                link.listing.get_absolute_url(),
                link.listing.canonical_url,
                _offense(link, words),
                _outcome(link, words),
                when,
            )
        )
    return format_html_join(
        "\n",
        '<tr>{}<td>{}</td><td class="text-break"><a href="{}">{}</a></td>'
        '<td class="offense">{}</td><td>{}</td><td>{}</td></tr>',
        rows,
    )


@register.simple_tag
def link_options(links):
    """The offense override's options: number and the listing's address, shortened."""
    return format_html_join(
        "",
        '<option value="{}">{}. {}</option>',
        ((link.pk, link.position, truncatechars(link.listing.canonical_url, 70)) for link in links),
    )
