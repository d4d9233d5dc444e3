"""Saving the firm's calendar data: a corrected calendar moves the open windows it affects."""

from __future__ import annotations

from django.db import transaction

from clients.roles import Capability
from clients.scoping import unscoped
from clients.services import save_record

from ..models import CalendarOverride, HolidayCalendar
from . import deadlines

FOR_THE_FIRM = "a calendar edit recomputes every open deadline on that calendar"


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def save_calendar(form, *, by, capability: Capability = Capability.MANAGE_RULES):
    """Confirmed years, categories or a weekend change move the open windows at once;
    ``recomputed`` on the result says how many."""
    calendar: HolidayCalendar = save_record(form, by=by, capability=capability)
    calendar.recomputed = deadlines.recompute_after_calendar_edit(calendar.code, by=by)
    return calendar


@unscoped(FOR_THE_FIRM)
@transaction.atomic
def save_override(form, *, by, capability: Capability = Capability.MANAGE_RULES):
    """An override states a fact about the calendar: windows crossing the day (and the day
    it moved from) are counted again."""
    previous = form.initial.get("date") if form.instance.pk else None
    override: CalendarOverride = save_record(form, by=by, capability=capability)
    days = [override.date] + ([previous] if previous else [])
    override.recomputed = deadlines.recompute_for_calendar_change(
        override.calendar.code, days, by=by
    )
    return override
