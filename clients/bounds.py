"""How early and how late a date or a moment the case file takes, in one place.

Every legal date and every moment a person types goes through the two field pairs here: a
form field (the message names the range), a model field (its validators repeat the range,
and "not in the future" where the thing has already happened) and, in each model's
``Meta.constraints``, a database check from :func:`in_range`. A value of year 1 or 9999
used to be stored and then broke every page that shifted it into a time zone (PostgreSQL:
"timestamp too small/large").
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Legal dates: trademarks renewed since the 1900s keep their first registration date, and a
# copyright on a work made today runs for its author's life and 70 years: past 2100.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2199, 12, 31)
# Moments the firm records (a capture, a notice received, an outcome): nothing done on an
# online marketplace predates 1990. The same far end as the dates.
EARLIEST_MOMENT = dt.datetime(1990, 1, 1, tzinfo=dt.UTC)
LATEST_MOMENT = dt.datetime(2199, 12, 31, 23, 59, 59, tzinfo=dt.UTC)
# "Not in the future": a device clock a few minutes fast is no reason to refuse a moment;
# a date may be today anywhere on Earth (UTC+14), the platform's or the person's.
CLOCK_SLACK = dt.timedelta(minutes=5)
EARLIEST_ZONE_AHEAD = dt.timedelta(hours=14)


def latest_past_moment() -> dt.datetime:
    return timezone.now() + CLOCK_SLACK


def latest_past_date() -> dt.date:
    return (timezone.now() + EARLIEST_ZONE_AHEAD).date()


def _iso(value) -> str:
    return value.strftime("%Y-%m-%d")


DATE_RANGE_MESSAGE = _("Enter a date from %(earliest)s to %(latest)s.")
MOMENT_RANGE_MESSAGE = _("Enter a moment from %(earliest)s to %(latest)s.")
FUTURE_DATE_MESSAGE = _("This has already happened: enter a date no later than today (%(today)s).")
FUTURE_MOMENT_MESSAGE = _("This has already happened: enter a moment no later than now (%(now)s).")


def check_date(value: dt.date | None, *, past_only: bool = False) -> None:
    """Raise ValidationError when a date is outside the range (or in the future)."""
    if value is None:
        return
    if isinstance(value, dt.datetime):
        value = value.date()
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(
            DATE_RANGE_MESSAGE,
            code="date_out_of_range",
            params={"earliest": _iso(EARLIEST_DATE), "latest": _iso(LATEST_DATE)},
        )
    if past_only and value > latest_past_date():
        raise ValidationError(
            FUTURE_DATE_MESSAGE,
            code="date_in_future",
            params={"today": _iso(timezone.localdate())},
        )


def moment_in_range(value: dt.datetime) -> bool:
    try:
        if timezone.is_naive(value):
            value = value.replace(tzinfo=dt.UTC)
        return EARLIEST_MOMENT <= value <= LATEST_MOMENT
    except OverflowError:  # year 1 or 9999 shifted by its offset leaves datetime's range
        return False


def check_moment(value: dt.datetime | None, *, past_only: bool = False) -> None:
    """Raise ValidationError when a moment is outside the range (or in the future)."""
    if value is None:
        return
    if not moment_in_range(value):
        raise ValidationError(
            MOMENT_RANGE_MESSAGE,
            code="moment_out_of_range",
            params={"earliest": _iso(EARLIEST_MOMENT), "latest": _iso(LATEST_MOMENT)},
        )
    if past_only and value > latest_past_moment():
        raise ValidationError(
            FUTURE_MOMENT_MESSAGE,
            code="moment_in_future",
            params={"now": timezone.localtime().strftime("%Y-%m-%d %H:%M")},
        )


# --- Form fields ---------------------------------------------------------------------


class _BoundedFormField:
    """``past_only`` as on the model field; a value Python cannot hold is "invalid"."""

    check = staticmethod(check_date)

    def __init__(self, *, past_only: bool = False, **kwargs):
        self.past_only = past_only
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except (OverflowError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def validate(self, value):
        super().validate(value)
        self.check(value, past_only=self.past_only)


class BoundedDateFormField(_BoundedFormField, forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.DateInput):
            attrs["min"] = _iso(EARLIEST_DATE)
            attrs["max"] = _iso(latest_past_date() if self.past_only else LATEST_DATE)
        return attrs


class BoundedMomentFormField(_BoundedFormField, forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    check = staticmethod(check_moment)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.DateTimeInput):
            attrs["min"] = EARLIEST_MOMENT.strftime("%Y-%m-%dT%H:%M")
            if not self.past_only:
                attrs["max"] = LATEST_MOMENT.strftime("%Y-%m-%dT%H:%M")
        return attrs


# --- Model fields --------------------------------------------------------------------


class _Bounded:
    """``past_only``: the thing has already happened when it is recorded."""

    checker = staticmethod(check_date)
    form_class: type

    def __init__(self, *args, past_only: bool = False, **kwargs):
        self.past_only = past_only
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.past_only:
            kwargs["past_only"] = True
        return name, path, args, kwargs

    def run_validators(self, value):
        super().run_validators(value)
        if value not in self.empty_values:
            type(self).checker(value, past_only=self.past_only)

    def formfield(self, **kwargs):
        form_class = kwargs.get("form_class", self.form_class)
        if issubclass(form_class, BoundedDateFormField | BoundedMomentFormField):
            kwargs = {"form_class": form_class, "past_only": self.past_only, **kwargs}
        else:  # the admin's own widgets (a split date and time): the model's validators hold
            kwargs = {**kwargs, "validators": [self._check_bounds]}
        return super().formfield(**kwargs)

    def _check_bounds(self, value):
        type(self).checker(value, past_only=self.past_only)


class BoundedDateField(_Bounded, models.DateField):
    checker = staticmethod(check_date)
    form_class = BoundedDateFormField


class BoundedMomentField(_Bounded, models.DateTimeField):
    checker = staticmethod(check_moment)
    form_class = BoundedMomentFormField


def dates_in_range(prefix: str, *fields: str) -> list[models.CheckConstraint]:
    """One database check per bounded date field: ``<prefix>_<field>_in_range``."""
    return [_check(prefix, name, EARLIEST_DATE, LATEST_DATE, DATE_RANGE_MESSAGE) for name in fields]


def moments_in_range(prefix: str, *fields: str) -> list[models.CheckConstraint]:
    """One database check per bounded moment field: ``<prefix>_<field>_in_range``."""
    return [
        _check(prefix, name, EARLIEST_MOMENT, LATEST_MOMENT, MOMENT_RANGE_MESSAGE)
        for name in fields
    ]


def _check(prefix, name, earliest, latest, message) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{name}__isnull": True})
        | Q(**{f"{name}__gte": earliest, f"{name}__lte": latest}),
        name=f"{prefix}_{name}_in_range",
        violation_error_message=message % {"earliest": _iso(earliest), "latest": _iso(latest)},
    )
