"""Calendars and deadlines: window rules, holiday calendars, overrides, official notices,
closing a deadline by hand, and the deadline calculator."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from clients.bounds import EARLIEST_DATE, LATEST_DATE, BoundedMomentFormField
from clients.crud import ScopedModelForm
from clients.forms import DATE
from clients.input import Form

from ..calendar_sources import subdivisions, supported, supported_categories
from ..models import CalendarOverride, HolidayCalendar, WindowRule
from ..models.calendars import WEEKDAYS
from ..rules.official_notice import HOLIDAYS, WORKING_DAYS
from ..services.notices import check_year, parse
from .fields import CodeListField


class WindowRuleForm(ScopedModelForm):
    reminder_lead_times = CodeListField(
        item=str.lower,
        required=False,
        label=_("Remind before due"),
        help_text=_("Comma-separated, e.g. 90d, 30d, 7d or 1d, 4h. Leave empty for none."),
    )

    class Meta:
        model = WindowRule
        fields = [
            "name", "event", "slot", "platform", "offense", "attempt", "applies_from", "length",
            "unit", "action",
            "reminder_lead_times", "owner", "recipients", "escalate_when_overdue", "is_active",
            "notes",
        ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("unit") == "working_days" and (cleaned.get("length") or 0) < 1:
            self.add_error("length", _("A working-day window lasts at least one day."))
        return cleaned


class HolidayCalendarForm(ScopedModelForm):
    categories = CodeListField(
        item=str.lower,
        label=_("Holiday categories counted"),
        required=False,
        help_text=_(
            "The holidays package's categories that are days off, comma-separated: public; "
            "Hong Kong's business days: public, optional."
        ),
    )
    weekend_days = forms.TypedMultipleChoiceField(
        label=_("Weekend days"),
        coerce=int,
        choices=WEEKDAYS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = HolidayCalendar
        fields = [
            "code", "name", "time_zone", "weekend_days", "confirmed_from", "confirmed_through",
            "categories", "subdivision", "provisional_margin_days", "next_year_warning_from",
            "source_notes",
        ]  # fmt: skip

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        if not supported(code):
            raise forms.ValidationError(
                _(
                    "No official holiday data is available for “%(code)s”; use an ISO country "
                    "code such as CN, HK or SG."
                )
                % {"code": code}
            )
        return code

    def _code(self) -> str:
        """The calendar's code as typed (the field may not be cleaned yet), else stored."""
        typed = (self.data.get(self.add_prefix("code")) or "").strip().upper()
        return typed or getattr(self.instance, "code", "")

    def clean_categories(self):
        categories = [c.lower() for c in self.cleaned_data.get("categories") or []] or ["public"]
        code = self._code()
        known = supported_categories(code) if code and supported(code) else ()
        unknown = [c for c in categories if known and c not in known]
        if unknown:
            raise forms.ValidationError(
                _("%(code)s has no holiday category %(bad)s; it has: %(known)s.")
                % {"code": code, "bad": ", ".join(unknown), "known": ", ".join(known)}
            )
        return categories

    def clean_subdivision(self):
        value = self.cleaned_data.get("subdivision", "").strip().upper()
        code = self._code()
        if value and code:
            try:
                known = subdivisions(code)
            except (KeyError, NotImplementedError):
                known = ()
            if value not in known:
                raise forms.ValidationError(
                    _("%(code)s has no subdivision “%(bad)s”; it has: %(known)s.")
                    % {"code": code, "bad": value, "known": ", ".join(known) or _("none")}
                )
        return value

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("confirmed_from"), cleaned.get("confirmed_through")
        if first and last and last < first:
            self.add_error("confirmed_through", _("The last year cannot precede the first."))
        return cleaned


class CalendarOverrideForm(ScopedModelForm):
    class Meta:
        model = CalendarOverride
        fields = ["calendar", "date", "kind", "name", "source"]
        widgets = {"date": DATE}


class DeadlineCloseForm(Form):
    note = forms.CharField(
        label=_("Note"),
        max_length=255,
        help_text=_("What was done, or why the deadline no longer applies."),
    )


class CalculatorForm(Form):
    jurisdiction = forms.ModelChoiceField(
        label=_("Calendar"),
        queryset=HolidayCalendar.objects.all(),
        to_field_name="code",
        empty_label=None,
    )
    start = BoundedMomentFormField(
        label=_("Event moment"),
        help_text=_("When the event happened, in the zone below."),
    )
    start_zone = forms.CharField(
        label=_("Zone of that moment"),
        max_length=64,
        help_text=_(
            "e.g. America/Los_Angeles for a notice read in Seattle; blank: the calendar's own zone."
        ),
        required=False,
    )
    number = forms.IntegerField(label=_("Number"), min_value=0, max_value=366)
    unit = forms.ChoiceField(
        label=_("Counting"),
        choices=[("working_days", _("working days")), ("calendar_days", _("calendar days"))],
    )

    def clean_start_zone(self):
        import zoneinfo

        zone = self.cleaned_data["start_zone"].strip()
        if zone and zone not in zoneinfo.available_timezones():
            raise forms.ValidationError(
                _("“%(zone)s” is not a known time zone; use a name like Asia/Shanghai.")
                % {"zone": zone}
            )
        return zone

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("unit") == "working_days" and cleaned.get("number") == 0:
            self.add_error("number", _("Count at least one working day."))
        return cleaned


class OfficialNoticeForm(Form):
    """A year's official holiday notice, typed line by line or pasted as published."""

    title = forms.CharField(
        label=_("Notice"),
        max_length=255,
        help_text=_("Its title and number, e.g. 国务院办公厅关于2027年部分节假日安排的通知."),
    )
    reference = forms.CharField(label=_("Where it was published"), max_length=500, required=False)
    holidays = forms.CharField(
        label=_("Holiday periods"),
        widget=forms.Textarea(attrs={"rows": 9, "spellcheck": "false"}),
        max_length=20000,
        help_text=_(
            "One period per line: its name, first and last day off, e.g. “Spring Festival: "
            "2027-02-05 – 2027-02-11”. Or paste the notice's lines as published (二、春节：2月5日"
            "至11日放假调休，共7天。2月14日（周日）上班。): their working days are read too."
        ),
    )
    working_days = forms.CharField(
        label=_("Adjusted working days"),
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        max_length=5000,
        required=False,
        help_text=_(
            "Weekend days that are worked, one per line, e.g. “2027-02-14 Spring Festival”."
        ),
    )
    reason = forms.CharField(
        label=_("Why the notice is amended"),
        max_length=255,
        required=False,
        help_text=_("Recorded in the history of every day it changes."),
    )

    def __init__(self, *args, calendar, year: int, amending: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.calendar, self.year, self.amending = calendar, year, amending
        self.parsed = None
        if not amending:
            del self.fields["reason"]
        else:
            self.fields["reason"].required = True

    def clean(self):
        from django.core.exceptions import ValidationError

        cleaned = super().clean()
        try:
            check_year(self.calendar, self.year, amending=self.amending)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        if "holidays" not in cleaned:
            return cleaned
        self.parsed = parse(
            self.calendar, self.year, cleaned["holidays"], cleaned.get("working_days", "")
        )
        for box, name in ((HOLIDAYS, "holidays"), (WORKING_DAYS, "working_days")):
            for message in self.parsed.errors_in(box):
                self.add_error(name, message)
        return cleaned


MONTH = re.compile(r"(\d{4})-(\d{1,2})", re.ASCII)


class CalendarMonthForm(Form):
    """The month the deadline calendar shows (``?month=2027-02``) and which calendar."""

    month = forms.CharField(label=_("Month"), max_length=32, required=False)
    jurisdiction = forms.CharField(label=_("Calendar"), max_length=8, required=False)

    def clean_month(self) -> dt.date | None:
        text = self.cleaned_data["month"]
        if not text:
            return None
        match = MONTH.fullmatch(text)
        if not match:
            raise forms.ValidationError(
                _("“%(month)s” is not a month: write it as YYYY-MM, e.g. 2027-02.")
                % {"month": text}
            )
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise forms.ValidationError(
                _("There is no month %(month)d: use 1 to 12.") % {"month": month}
            )
        if not EARLIEST_DATE.year <= year <= LATEST_DATE.year:
            raise forms.ValidationError(
                _("The calendar shows the years %(first)d to %(last)d.")
                % {"first": EARLIEST_DATE.year, "last": LATEST_DATE.year}
            )
        return dt.date(year, month, 1)

    def clean_jurisdiction(self) -> str:
        return (self.cleaned_data["jurisdiction"] or "CN").upper()


class CalendarYearForm(Form):
    """The year a holiday calendar's page shows (``?year=2027``)."""

    year = forms.IntegerField(
        label=_("Year"),
        min_value=EARLIEST_DATE.year,
        max_value=LATEST_DATE.year,
        required=False,
    )
