"""A user's deadlines as an iCalendar feed (RFC 5545), read by calendar apps at a secret URL.

The feed of a user holds the open deadlines they own or supervise (the client's
supervising attorney, or the one the deadline escalates to); an attorney's per-client feed
holds that client's open deadlines. Both read through ``visible_to(owner)``, so a feed
shows nothing its owner could not see on the deadlines page. Each event is the due moment
in the platform's own zone (TZID, with its VTIMEZONE), labelled provisional where the due
date is, and links back to the deadline's page.
"""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.db.models import F, Q
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import CalendarFeed, Deadline


def feed_deadlines(feed: CalendarFeed):
    user = feed.user
    deadlines = Deadline.objects.visible_to(user).open().filter(due_at__isnull=False)
    if feed.client_id is not None:
        deadlines = deadlines.filter(client_id=feed.client_id)
    else:
        deadlines = deadlines.filter(
            Q(owner=user) | Q(escalate_to=user) | Q(client__supervising_attorney=user)
        )
    return deadlines.select_related("client").order_by(F("due_at").asc(), "pk")[
        : settings.CALENDAR_FEED_MAX_EVENTS
    ]


def _zone(name: str):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def event_of(deadline: Deadline, site: str) -> Event:
    due = deadline.due_at.astimezone(_zone(deadline.time_zone))
    client = deadline.client.legal_name if deadline.client_id else ""
    summary = deadline.title + (f" – {client}" if client else "")
    if deadline.due_is_provisional:
        summary = _("[provisional] %(title)s") % {"title": summary}
    url = site + deadline.get_absolute_url()
    lines = [
        _("Client: %(client)s") % {"client": client or "—"},
        _("About: %(subject)s") % {"subject": deadline.subject_label},
        _("Due: %(due)s (%(zone)s)")
        % {"due": due.strftime("%Y-%m-%d %H:%M"), "zone": deadline.time_zone or "UTC"},
    ]
    if deadline.due_is_provisional:
        lines.append(
            _("Provisional: the official calendar for that year is not confirmed yet; the real "
              "due date can only be later.")
        )  # fmt: skip
    lines.append(url)
    event = Event()
    event.add("uid", f"deadline-{deadline.pk}@{settings.MESSAGE_ID_DOMAIN}")
    event.add("dtstamp", deadline.updated_at)
    event.add("dtstart", due)
    event.add("dtend", due)
    event.add("summary", summary)
    event.add("description", "\n".join(str(line) for line in lines))
    event.add("url", url)
    if deadline.due_is_provisional:
        event.add("categories", ["PROVISIONAL"])
    return event


def build_feed(feed: CalendarFeed) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//EnforceDesk//Deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    name = (
        _("EnforceDesk: %(client)s") % {"client": feed.client.legal_name}
        if feed.client_id
        else _("EnforceDesk: my deadlines")
    )
    calendar.add("x-wr-calname", name)
    site = settings.SITE_URL.rstrip("/")
    for deadline in feed_deadlines(feed):
        calendar.add_component(event_of(deadline, site))
    calendar.add_missing_timezones()
    return calendar.to_ical()
