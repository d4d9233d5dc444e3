"""Working-day calendars as data: which years hold official data, and the firm's overrides."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.bounds import BoundedDateField, dates_in_range
from clients.models import TimeStampedModel
from clients.scoping import ScopedManager

from ..rules.workdays import DEFAULT_PROVISIONAL_MARGIN
from .platforms import validate_time_zone

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


def validate_weekend(value) -> None:
    if not isinstance(value, list) or any(d not in range(7) for d in value) or len(value) > 3:
        raise ValidationError(
            _("List the weekend's weekdays as numbers, Monday = 0 … Sunday = 6, e.g. [5, 6].")
        )


MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")


def validate_month_day(value) -> None:
    match = MONTH_DAY.match(value or "")
    try:
        if not match:
            raise ValueError
        dt.date(2000, int(match[1]), int(match[2]))
    except ValueError:
        raise ValidationError(
            _("Write a day of the year as MM-DD, e.g. 11-01 for the first of November.")
        ) from None


def validate_categories(value) -> None:
    if not isinstance(value, list) or not value or not all(isinstance(c, str) for c in value):
        raise ValidationError(
            _('List the package\'s holiday categories, e.g. ["public"] or ["public", "optional"].')
        )


class HolidayCalendar(TimeStampedModel):
    """One jurisdiction's working days, e.g. CN for the Alibaba platforms.

    ``confirmed_from``/``confirmed_through`` are the years someone checked against the
    official notices. Outside them no count is made: a package that estimates a future
    year (``holidays`` does for China) cannot know the adjusted working weekends yet.
    """

    code = models.CharField(
        _("jurisdiction"),
        max_length=8,
        unique=True,
        help_text=_("ISO country code: CN, HK, SG, MY, ID, TH, PH, VN, …"),
    )
    name = models.CharField(_("name"), max_length=120)
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])
    weekend_days = models.JSONField(
        _("weekend days"),
        default=list,
        validators=[validate_weekend],
        help_text=_("Monday = 0 … Sunday = 6."),
    )
    confirmed_from = models.PositiveSmallIntegerField(_("official data from year"))
    confirmed_through = models.PositiveSmallIntegerField(
        _("official data through year"),
        help_text=_(
            "Extend only after checking the year's official holiday notice and entering any "
            "days the package does not know as overrides."
        ),
    )
    source_notes = models.TextField(_("where the data comes from"), blank=True)
    categories = models.JSONField(
        _("holiday categories counted"),
        default=list,
        validators=[validate_categories],
        help_text=_(
            'Which of the holidays package\'s categories are days off, e.g. ["public"]; Hong '
            'Kong\'s business days follow its general holidays: ["public", "optional"].'
        ),
    )
    subdivision = models.CharField(
        _("subdivision"),
        max_length=10,
        blank=True,
        help_text=_("A state or region whose holidays count too, e.g. 14 (Kuala Lumpur)."),
    )
    provisional_margin_days = models.PositiveSmallIntegerField(
        _("provisional dates: weekend days this near an estimated holiday count as worked"),
        default=DEFAULT_PROVISIONAL_MARGIN,
        help_text=_(
            "In a year without confirmed data, a weekend day within this many days of an "
            "estimated holiday may turn out to be an adjusted working day, so a provisional "
            "date counts it as one (2020–2026: at most 8 days in mainland China)."
        ),
    )
    next_year_warning_from = models.CharField(
        _("warn about next year's notice from"),
        max_length=5,
        default="11-01",
        validators=[validate_month_day],
        help_text=_("MM-DD: from this day on, the dashboard warns while next year is unconfirmed."),
    )

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_public = True

    class Meta:
        ordering = ["code"]
        verbose_name = _("working-day calendar")
        verbose_name_plural = _("working-day calendars")
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_through__gte=models.F("confirmed_from")),
                name="calendar_confirmed_years_ordered",
                violation_error_message=_("The last confirmed year cannot precede the first."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:holidaycalendar_detail", args=[self.pk])

    def warning_starts(self, year: int) -> dt.date:
        month, day = (int(x) for x in self.next_year_warning_from.split("-"))
        return dt.date(year, month, day)


class OfficialNotice(TimeStampedModel):
    """A year's official holiday notice, as the firm entered it: the year's whole truth.

    Its holiday periods and adjusted working days are stored as the calendar's overrides
    (``source`` names the notice); every other day of the year is an ordinary weekday or
    weekend. Entering it confirms the year; changing it later is an amendment, with a
    reason, in the history.
    """

    calendar = models.ForeignKey(
        HolidayCalendar,
        on_delete=models.PROTECT,
        related_name="notices",
        verbose_name=_("calendar"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(
        _("notice"),
        max_length=255,
        help_text=_("e.g. 国务院办公厅关于2027年部分节假日安排的通知 (国办发明电〔2026〕…号)"),
    )
    reference = models.CharField(
        _("where it was published"), max_length=500, blank=True, help_text=_("A link or gazette.")
    )
    holidays_text = models.TextField(_("holiday periods, as entered"))
    working_days_text = models.TextField(_("adjusted working days, as entered"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("entered by"),
    )

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_public = True

    class Meta:
        ordering = ["calendar", "-year"]
        verbose_name = _("official holiday notice")
        verbose_name_plural = _("official holiday notices")
        constraints = [
            models.UniqueConstraint(
                fields=["calendar", "year"],
                name="official_notice_one_per_year",
                violation_error_message=_("This calendar already has that year's notice."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.calendar.code} {self.year}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:officialnotice_detail", args=[self.pk])


class CalendarOverride(TimeStampedModel):
    """A day the firm knows better than the package: an extra holiday or working day."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Holiday (no work)")
        WORKING_DAY = "working_day", _("Working day")

    calendar = models.ForeignKey(
        HolidayCalendar,
        on_delete=models.PROTECT,
        related_name="overrides",
        verbose_name=_("calendar"),
    )
    date = BoundedDateField(_("date"))
    kind = models.CharField(_("the day is a"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120, help_text=_("e.g. Spring Festival"))
    source = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_("The official notice it comes from.")
    )
    notice = models.ForeignKey(
        OfficialNotice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="days",
        verbose_name=_("entered with the notice"),
    )

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_public = True

    class Meta:
        ordering = ["calendar", "date"]
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")
        constraints = [
            *dates_in_range("calendar_override", "date"),
            models.UniqueConstraint(
                fields=["calendar", "date"],
                name="calendar_override_one_per_day",
                violation_error_message=_("This calendar already has an override for that day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.calendar.code} {self.date}: {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:calendaroverride_detail", args=[self.pk])
