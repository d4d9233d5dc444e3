"""Build working calendars from the firm's data (confirmed years, overrides) and packages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from clients.scoping import unscoped

from ..calendar_defaults import DEFAULT_CALENDARS, DEFAULT_CATEGORIES
from ..calendar_sources import source_for
from ..models import CalendarOverride, Deadline, HolidayCalendar, OfficialNotice, Platform
from ..rules.workdays import Override, WorkingCalendar

FOR_THE_FIRM = "calendar warnings count every open deadline"


class UnknownCalendar(Exception):
    def __init__(self, code: str):
        self.code = code
        super().__init__(
            _("There is no working-day calendar “%(code)s”; a firm admin can add it.")
            % {"code": code}
        )


def build_calendar(
    row: HolidayCalendar, overrides: Iterable[CalendarOverride], notice_years: Iterable[int] = ()
) -> WorkingCalendar:
    return WorkingCalendar(
        code=row.code,
        time_zone=row.time_zone,
        weekend=frozenset(row.weekend_days),
        first_year=row.confirmed_from,
        last_year=row.confirmed_through,
        source=source_for(row.code, tuple(row.categories or ()), row.subdivision or None),
        overrides={
            o.date: Override(working=o.kind == CalendarOverride.Kind.WORKING_DAY, name=o.name)
            for o in overrides
        },
        notice_years=frozenset(notice_years),
        provisional_margin=row.provisional_margin_days,
    )


def calendars_for(codes: Iterable[str]) -> dict[str, WorkingCalendar]:
    """Every requested calendar in three queries; unknown codes are simply absent."""
    codes = {c.upper() for c in codes}
    rows = {r.code: r for r in HolidayCalendar.objects.filter(code__in=codes)}
    by_calendar: dict[int, list[CalendarOverride]] = {}
    for override in CalendarOverride.objects.filter(calendar__code__in=codes):
        by_calendar.setdefault(override.calendar_id, []).append(override)
    years: dict[int, list[int]] = {}
    for calendar_id, year in OfficialNotice.objects.filter(calendar__code__in=codes).values_list(
        "calendar_id", "year"
    ):
        years.setdefault(calendar_id, []).append(year)
    return {
        code: build_calendar(row, by_calendar.get(row.pk, []), years.get(row.pk, ()))
        for code, row in rows.items()
    }


def calendar_for(code: str) -> WorkingCalendar:
    found = calendars_for([code]).get(code.upper())
    if found is None:
        raise UnknownCalendar(code.upper())
    return found


@dataclass(frozen=True)
class CalendarWarning:
    code: str
    year: int
    provisional: int
    calendar_id: int
    text: str

    def __str__(self) -> str:
        return self.text

    @property
    def url(self) -> str:
        from django.urls import reverse

        return reverse("enforcement:officialnotice_create", args=[self.calendar_id, self.year])


@unscoped(FOR_THE_FIRM)
def coverage_warnings(today: dt.date) -> list[CalendarWarning]:
    """Calendars in use whose current year, or next year from the calendar's warning day
    (1 November by default), has no confirmed official data, with how many open deadlines
    carry a provisional date meanwhile. In use: a platform's calendar, or the firm's own.
    """
    from django.conf import settings
    from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
    from django.db.models.functions import Coalesce

    platforms = Platform.objects.filter(archived_at__isnull=True).values("calendar")
    years = {"this_year": today.year, "next_year": today.year + 1}
    # The open deadlines carrying a provisional date, counted per calendar in the same
    # query (deadline_provisional_idx holds just those).
    provisional = (
        Deadline.objects.filter(
            status=Deadline.Status.OPEN, due_is_provisional=True, jurisdiction=OuterRef("code")
        )
        .order_by()
        .values("jurisdiction")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = list(
        HolidayCalendar.objects.filter(Q(code__in=platforms) | Q(code=settings.FIRM_CALENDAR))
        .annotate(
            **{
                name: Exists(OfficialNotice.objects.filter(calendar=OuterRef("pk"), year=year))
                for name, year in years.items()
            },
            provisional=Coalesce(Subquery(provisional, output_field=IntegerField()), 0),
        )  # fmt: skip
        .order_by("code")
    )

    def confirmed(row, year: int) -> bool:
        noticed = row.this_year if year == today.year else row.next_year
        return row.confirmed_from <= year <= row.confirmed_through or noticed

    warned = []
    for row in rows:
        if not confirmed(row, today.year):
            warned.append((row, today.year))
        elif today >= row.warning_starts(today.year) and not confirmed(row, today.year + 1):
            warned.append((row, today.year + 1))
    out = []
    for row, year in warned:
        count = row.provisional
        text = _(
            "%(code)s: %(year)d's official holiday notice is not entered yet. %(count)d open "
            "deadline(s) carry a provisional due date (the earliest possible) until it is."
        ) % {"code": row.code, "year": year, "count": count}
        out.append(CalendarWarning(row.code, year, count, row.pk, text))
    return out


def default_calendar(code: str) -> WorkingCalendar | None:
    found = DEFAULT_CALENDARS.get(code.upper())
    if found is None:
        return None
    zone, weekend, first, last = found
    categories, subdivision = DEFAULT_CATEGORIES.get(code.upper(), (("public",), None))
    return WorkingCalendar(
        code=code.upper(),
        time_zone=zone,
        weekend=frozenset(weekend),
        first_year=first,
        last_year=last,
        source=source_for(code.upper(), categories, subdivision),
    )
