"""Compute a due date on a jurisdiction's working-day calendar, as the deadlines do."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from enforcement.rules.workdays import CalendarGap, Unit, count_window
from enforcement.services.calendars import UnknownCalendar, calendar_for, default_calendar


def parse_start(value: str, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """An ISO moment; without an offset it is read in the calendar's zone; a date is noon."""
    try:
        moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise CommandError(
            _("--start “%(value)s” is not an ISO date or moment, e.g. 2025-09-30T18:00:00+08:00.")
            % {"value": value}
        ) from None
    if len(value.strip()) == 10:  # a bare date: the event happened that day, there
        moment = moment.replace(hour=12)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment


class Command(BaseCommand):
    help = _(
        "Print the due date of a window opened at --start: day 1 is the next day in the "
        "jurisdiction's time zone. The last line is the due date alone (YYYY-MM-DD)."
    )
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--jurisdiction", required=True, help=_("ISO code: CN, HK, SG, MY, ID, TH, PH, VN")
        )
        parser.add_argument("--start", required=True, help=_("ISO moment or date of the event"))
        count = parser.add_mutually_exclusive_group(required=True)
        count.add_argument("--working-days", type=int, help=_("number of working days"))
        count.add_argument("--days", type=int, help=_("number of calendar days"))
        parser.add_argument(
            "--time-zone", help=_("zone of a --start without offset (default: the calendar's)")
        )
        parser.add_argument(
            "--provisional",
            action="store_true",
            help=_(
                "across a year without confirmed data, print the provisional date (the "
                "earliest the window could close) instead of refusing"
            ),
        )

    def handle(
        self, *args, jurisdiction, start, working_days, days, time_zone, provisional, **options
    ):
        code = jurisdiction.strip().upper()
        try:
            calendar = calendar_for(code)
        except UnknownCalendar as exc:
            raise CommandError(str(exc)) from None
        except DatabaseError:
            # Not migrated yet: the built-in defaults still answer.
            calendar = default_calendar(code)
            if calendar is None:
                raise CommandError(str(UnknownCalendar(code))) from None
            self.stderr.write(_("Database not set up; using the built-in calendar defaults."))
        try:
            zone = zoneinfo.ZoneInfo(time_zone or calendar.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise CommandError(_("Unknown time zone “%(tz)s”.") % {"tz": time_zone}) from None
        moment = parse_start(start, zone)
        if working_days is not None:
            if working_days < 1:
                raise CommandError(_("--working-days must be at least 1."))
            length, unit = working_days, Unit.WORKING_DAYS
        else:
            length, unit = days, Unit.CALENDAR_DAYS
        try:
            window = count_window(calendar, moment, length, unit, provisional=provisional)
        except CalendarGap as gap:
            raise CommandError(
                gap.message + " " + _("--provisional prints the earliest possible date.")
            ) from None
        local = moment.astimezone(calendar.zone)
        out = self.stdout.write
        out(
            _("Calendar %(code)s (%(tz)s), official data %(a)s–%(b)s%(notices)s")
            % {
                "code": code,
                "tz": calendar.time_zone,
                "a": calendar.first_year,
                "b": calendar.last_year,
                "notices": "".join(f", {y}" for y in sorted(calendar.notice_years)),
            }  # fmt: skip
        )
        out(
            _("Event %(start)s = %(local)s there; day 1 is %(first)s")
            % {
                "start": moment.isoformat(),
                "local": local.strftime("%Y-%m-%d %H:%M"),
                "first": (window.start_local_date + dt.timedelta(days=1)).isoformat(),
            }
        )
        for day in window.notable_days:
            out(f"  {day.date.isoformat()} {day.date:%a}  {day.kind.value:<17} {day.name}")
        out(
            _("%(n)d %(unit)s → due by the end of %(due)s (%(at)s)")
            % {
                "n": length,
                "unit": _("working days") if unit == Unit.WORKING_DAYS else _("calendar days"),
                "due": window.due_on.isoformat(),
                "at": window.due_at.isoformat(),
            }
        )
        if window.provisional:
            out(
                _("PROVISIONAL: no confirmed official data for %(years)s. %(rule)s")
                % {
                    "years": ", ".join(str(y) for y in window.unconfirmed_years),
                    "rule": calendar.provisional_rule,
                }
            )
            out(_("%(due)s (provisional)") % {"due": window.due_on.isoformat()})
            return
        out(window.due_on.isoformat())
