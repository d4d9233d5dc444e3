"""Working-day calendars as data: which years hold official data, and the firm's overrides."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.models import TimeStampedModel
from clients.scoping import ScopedManager

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

    @property
    def confirmed_until(self) -> dt.date:
        return dt.date(self.confirmed_through, 12, 31)


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
    date = models.DateField(_("date"))
    kind = models.CharField(_("the day is a"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120, help_text=_("e.g. Spring Festival"))
    source = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_("The official notice it comes from.")
    )

    history = HistoricalRecords()
    objects = ScopedManager()
    scope_public = True

    class Meta:
        ordering = ["calendar", "date"]
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")
        constraints = [
            models.UniqueConstraint(
                fields=["calendar", "date"],
                name="calendar_override_one_per_day",
                violation_error_message=_("This calendar already has an override for that day."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.calendar.code} {self.date}: {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:calendaroverride_detail", args=[self.pk])
