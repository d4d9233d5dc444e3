"""First and repeat offenses: a seller's earlier removals decide which rules a link's
windows follow, and a person may override that, saying why.

Built on ``deadlines`` (the windows an override closes and reopens). ``deadlines`` reaches
this module only from inside its complaint-submitted hook, so there is no import cycle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.scoping import unscoped

from ..models import ComplaintLink, Deadline, Event, Listing, WindowRule
from .calendars import calendars_for
from .deadlines import (
    _calendar_code,
    _open_for,
    _require,
    close_deadlines,
    compute,
    copy_rule,
    open_deadlines,
    rules_for,
)

FOR_THE_FIRM = "offenses are counted and overridden for the firm"


@unscoped(FOR_THE_FIRM)
def offense_by_link(
    links: Sequence[ComplaintLink], before: dt.datetime
) -> dict[int, tuple[str, int]]:
    """First or repeat offense per link, with the seller's earlier removals.

    A seller's offenses are its listings' links removed in earlier complaints; a listing
    without a known seller counts its own removals.
    """
    from django.db.models import Count

    listing_ids = [link.listing_id for link in links]
    sellers = dict(Listing.objects.filter(pk__in=listing_ids).values_list("pk", "seller_id"))
    removed = ComplaintLink.objects.filter(
        outcome=ComplaintLink.Outcome.REMOVED, complaint__submitted_at__lt=before
    ).exclude(complaint_id__in={link.complaint_id for link in links})
    by_seller = dict(
        removed.filter(listing__seller_id__in={s for s in sellers.values() if s})
        .values_list("listing__seller_id")
        .annotate(n=Count("pk"))
    )
    by_listing = dict(
        removed.filter(listing_id__in=listing_ids, listing__seller__isnull=True)
        .values_list("listing_id")
        .annotate(n=Count("pk"))
    )
    out = {}
    for link in links:
        seller = sellers.get(link.listing_id)
        count = by_seller.get(seller, 0) if seller else by_listing.get(link.listing_id, 0)
        offense = WindowRule.Offense.REPEAT if count else WindowRule.Offense.FIRST
        out[link.pk] = (offense, count)
    return out


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def override_offense(links: Sequence[ComplaintLink], *, offense: str, reason: str, by) -> int:
    """Treat links as first or repeat offenses against the count, saying why.

    A filed complaint's open seller's windows are reopened under the matching rule.
    """
    _require(by)
    if offense not in (WindowRule.Offense.FIRST, WindowRule.Offense.REPEAT):
        raise ValidationError(_("Choose first or repeat offense."))
    if not reason.strip():
        raise ValidationError(_("Say why the offense count is overridden."))
    locked = list(
        ComplaintLink.objects.select_for_update()
        .select_related("complaint__platform", "complaint__client", "listing")
        .filter(pk__in=[link.pk for link in links])
    )
    for link in locked:
        link.offense = offense
        link.offense_override_reason = reason.strip()
        link._history_user = by
        link.save(update_fields=["offense", "offense_override_reason", "updated_at"])
    submitted = [link for link in locked if link.complaint.submitted_at is not None]
    if not submitted:
        return 0
    current = list(_open_for(submitted, [Event.COMPLAINT_SUBMITTED]))
    wrong = [d for d in current if d.rule.offense != offense]
    close_deadlines(wrong, at=timezone.now(), by=by, note=reason.strip(), cancel=True)
    complaint = submitted[0].complaint
    reopened = [link for link in submitted if link.pk in {d.subject_id for d in wrong}]
    if not reopened:
        return 0
    filed_on = timezone.localdate(complaint.submitted_at) if complaint.submitted_at else None
    rule = rules_for(Event.COMPLAINT_SUBMITTED, complaint.platform, offense, on=filed_on)
    calendars = calendars_for({_calendar_code(complaint.platform)})
    for link in reopened:
        old = next(d for d in wrong if d.subject_id == link.pk)
        for r in rule:
            deadline = Deadline(
                client=old.client, platform=old.platform, subject_type=old.subject_type,
                subject_id=link.pk, subject_label=old.subject_label, event=old.event,
                event_at=old.event_at, jurisdiction=old.jurisdiction, time_zone=old.time_zone,
                owner=old.owner, escalate_to=old.escalate_to,
            )  # fmt: skip
            copy_rule(deadline, r)
            compute(deadline, calendars)
            deadline._history_user = by
            deadline._change_reason = reason.strip()[:100]
            deadline.save()
    return len(reopened)


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def on_complaint_submitted(complaint, *, by) -> list[Deadline]:
    """Record each link's first or repeat offense, then open the seller's windows."""
    links = list(complaint.links.select_related("listing"))
    offenses = offense_by_link(links, complaint.submitted_at)
    for link in links:
        computed, count = offenses[link.pk]
        link.offense_count = count
        if not link.offense_override_reason:
            link.offense = computed
    ComplaintLink.objects.bulk_update(links, ["offense", "offense_count"], batch_size=500)
    return open_deadlines(
        event=Event.COMPLAINT_SUBMITTED,
        subjects=links,
        event_at=complaint.submitted_at,
        client=complaint.client,
        platform=complaint.platform,
        actor=by,
        offense_of=lambda link: link.offense,
        label_of=lambda link: f"{complaint} · {link.listing.canonical_url}",
    )
