"""Official holiday data from maintained packages, behind one small interface.

``holidays`` knows every jurisdiction we count in, with mainland China's adjusted working
weekends; ``chinese_calendar`` transcribes the State Council's notices for mainland China
and refuses years it has no notice for. For CN both are read and the State Council
transcription wins where they disagree. Neither decides which years are trustworthy:
``holidays`` estimates future years from rules, so the firm's confirmed years (data on
HolidayCalendar) decide that, in :mod:`enforcement.rules.workdays`.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import chinese_calendar
import holidays
from django.utils import translation

from .rules.workdays import HolidaySource


@lru_cache(maxsize=64)
def _english(code: str) -> str | None:
    """English names where the package has them (en_US, else e.g. en_HK)."""
    languages = holidays.country_holidays(code).supported_languages or ()
    for language in ("en_US", *sorted(languages)):
        if language in languages and language.startswith("en"):
            return language
    return None


@lru_cache(maxsize=64)
def _names_language(code: str, reader: str) -> str | None:
    """The package's language for holiday names: Chinese for a Chinese reader where it has
    them (mainland China, Hong Kong, Singapore…), else English."""
    if reader.startswith("zh"):
        languages = holidays.country_holidays(code).supported_languages or ()
        for language in ("zh_CN", "zh_Hans"):
            if language in languages:
                return language
    return _english(code)


@lru_cache(maxsize=512)
def _package_year(
    code: str,
    year: int,
    categories: tuple[str, ...] = (),
    subdiv: str | None = None,
    language: str | None = None,
) -> holidays.HolidayBase:
    return holidays.country_holidays(
        code,
        subdiv=subdiv or None,
        years=year,
        language=language if language is not None else _english(code),
        categories=categories or None,
    )


def supported_categories(code: str) -> tuple[str, ...]:
    return tuple(holidays.country_holidays(code).supported_categories)


def subdivisions(code: str) -> tuple[str, ...]:
    return tuple(holidays.country_holidays(code).subdivisions)


def supported(code: str) -> bool:
    return code in holidays.list_supported_countries()


class PackageHolidays(HolidaySource):
    """The package's holidays of the chosen categories (and subdivision), with observed
    substitutes, and the official working weekends it knows."""

    def __init__(self, code: str, categories: tuple[str, ...] = (), subdiv: str | None = None):
        self.code = code
        self.categories = tuple(categories)
        self.subdiv = subdiv or None

    def _year(self, year: int) -> holidays.HolidayBase:
        return _package_year(self.code, year, self.categories, self.subdiv)

    def holiday_name(self, day: dt.date) -> str | None:
        if day not in self._year(day.year):
            return None
        language = _names_language(self.code, translation.get_language() or "en")
        return _package_year(self.code, day.year, self.categories, self.subdiv, language).get(day)

    def is_adjusted_working_day(self, day: dt.date) -> bool:
        return day in getattr(self._year(day.year), "weekend_workdays", ())


class MainlandChinaHolidays(PackageHolidays):
    """``holidays`` for names; the State Council transcription for the working/rest status."""

    def __init__(self, categories: tuple[str, ...] = (), subdiv: str | None = None):
        super().__init__("CN", categories, subdiv)

    @staticmethod
    def _official(day: dt.date) -> tuple[bool, str | None] | None:
        try:
            on_holiday, name = chinese_calendar.get_holiday_detail(day)
        except NotImplementedError:
            return None
        return on_holiday, name

    def holiday_name(self, day: dt.date) -> str | None:
        official = self._official(day)
        name = super().holiday_name(day)
        if official is None:
            return name
        on_holiday, official_name = official
        if not (on_holiday and official_name):
            return None  # a working day, or an ordinary weekend
        return name or str(official_name)

    def is_adjusted_working_day(self, day: dt.date) -> bool:
        official = self._official(day)
        if official is None:
            return super().is_adjusted_working_day(day)
        return day.weekday() >= 5 and chinese_calendar.is_workday(day)


def source_for(
    code: str, categories: tuple[str, ...] = (), subdiv: str | None = None
) -> HolidaySource:
    if code == "CN":
        return MainlandChinaHolidays(tuple(categories), subdiv)
    return PackageHolidays(code, tuple(categories), subdiv)
