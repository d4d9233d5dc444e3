"""Read a year's official holiday notice, typed or pasted, into periods and working days.

Accepts the State Council's own lines as published ("二、春节：1月28日（农历除夕、周二）至2月4日
（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。"), the same in
English ("Spring Festival: January 28 to February 4 off, 8 days. January 26 and February 8
are working days."), or plain lines ("Spring Festival: 2027-02-05 – 2027-02-11",
"2027-02-14 Spring Festival"). Every problem is reported with the line it is on, so a
person can fix the text and try again; nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = re.compile(
    r"(?P<iso>(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2}))"
    r"|(?P<zh>(?:(?P<zy>\d{4})\s*年\s*)?(?:(?P<zm>\d{1,2})\s*月\s*)?(?P<zd>\d{1,2})\s*[日号])"
    rf"|(?P<en1>(?P<e1m>{_MONTH})\.?\s+(?P<e1d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<e1y>\d{{4}}))?)"
    rf"|(?P<en2>(?P<e2d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<e2m>{_MONTH})\.?(?:,?\s+(?P<e2y>\d{{4}}))?)",
    re.IGNORECASE,
)
_RANGE = re.compile(r"^\s*(?:至|到|~|～|–|—|-|to|till|until|through|thru)\s*$", re.IGNORECASE)
_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|\(?\d{1,2}[.)、]|[（(][一二三四五六七八九十\d]+[）)])\s*"
)
_SENTENCE = re.compile(r"[。；;]|\.\s")
_WORK = re.compile(r"上班|work", re.IGNORECASE)
_OFF = re.compile(r"放假|休息|休假|\boff\b|holiday|closed|rest", re.IGNORECASE)
_DAYS = re.compile(r"共\s*(\d{1,2})\s*天|(\d{1,2})\s*days?\b", re.IGNORECASE)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NOTE_ONLY = re.compile(r"鼓励|encourage", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    name: str
    first: dt.date
    last: dt.date
    line: int

    @property
    def days(self) -> list[dt.date]:
        return [self.first + dt.timedelta(days=n) for n in range((self.last - self.first).days + 1)]


HOLIDAYS, WORKING_DAYS = "holidays", "working_days"  # the page's two boxes


@dataclass(frozen=True)
class WorkingDay:
    date: dt.date
    name: str
    line: int
    box: str = WORKING_DAYS


@dataclass(frozen=True)
class LineError:
    line: int
    text: str
    message: str
    box: str = HOLIDAYS

    def __str__(self) -> str:
        if self.line:
            return _("Line %(n)d (“%(text)s”): %(message)s") % {
                "n": self.line,
                "text": self.text[:80],
                "message": self.message,
            }
        return self.message


@dataclass
class Notice:
    year: int
    periods: list[Period] = field(default_factory=list)
    working_days: list[WorkingDay] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    lines: dict[tuple[str, int], str] = field(default_factory=dict)

    def errors_in(self, box: str) -> list[str]:
        return [str(e) for e in self.errors if e.box == box]

    @property
    def ok(self) -> bool:
        return not self.errors

    def holidays(self) -> dict[dt.date, str]:
        return {day: p.name for p in self.periods for day in p.days}

    def workdays(self) -> dict[dt.date, str]:
        return {w.date: w.name for w in self.working_days}


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int


def _tokens(text: str) -> list[_Token]:
    out = []
    for m in _DATE.finditer(text):
        if m.group("iso"):
            y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        elif m.group("zh"):
            y = int(m.group("zy")) if m.group("zy") else None
            mo = int(m.group("zm")) if m.group("zm") else None
            d = int(m.group("zd"))
        elif m.group("en1"):
            y = int(m.group("e1y")) if m.group("e1y") else None
            mo, d = MONTHS[m.group("e1m").lower()], int(m.group("e1d"))
        else:
            y = int(m.group("e2y")) if m.group("e2y") else None
            mo, d = MONTHS[m.group("e2m").lower()], int(m.group("e2d"))
        out.append(_Token(m.start(), m.end(), y, mo, d))
    return out


class _Bad(Exception):
    pass


def _resolve(token: _Token, year: int, previous: dt.date | None) -> dt.date:
    """A date as written: the year and month default to the previous date's, else the notice's."""
    y = token.year or (previous.year if previous else year)
    mo = token.month or (previous.month if previous else None)
    if mo is None:
        raise _Bad(_("“%(day)d日” has no month: write the month too.") % {"day": token.day})
    try:
        found = dt.date(y, mo, token.day)
    except ValueError:
        raise _Bad(
            _("%(y)d-%(m)02d-%(d)02d is not a date.") % {"y": y, "m": mo, "d": token.day}
        ) from None
    if token.year is None and token.month is not None and previous and found < previous:
        found = found.replace(year=found.year + 1)  # "12月31日至1月2日" runs into the next year
    return found


def _name_and_rest(line: str) -> tuple[str, str]:
    body = _NUMBERING.sub("", line, count=1).strip()
    for colon in ("：", ":"):
        head, sep, rest = body.partition(colon)
        if sep and not _DATE.search(head):
            return head.strip(" \t-–—、,，"), rest
    return "", body


def _label_of(text: str, tokens: list[_Token]) -> str:
    """A name typed beside a date on a plain line, e.g. "2027-02-14 Spring Festival"."""
    cut = text
    for token in reversed(tokens):
        cut = cut[: token.start] + " " + cut[token.end :]
    cut = re.sub(r"[\s,，、;；:：–—~～()（）]+", " ", cut)
    cut = re.sub(
        r"(?i)\b(to|till|until|through|thru|and|adjusted|working|work|days?|off)\b", "", cut
    )
    cut = re.sub(r"至|到|上班|放假|调休", "", cut)
    return " ".join(cut.split())


def _in_range(day: dt.date, year: int) -> bool:
    # A period may begin in the last days of the year before (2023's New Year began on
    # 2022-12-31) or a working day fall in the first days of the next; nothing further.
    return dt.date(year - 1, 12, 1) <= day <= dt.date(year + 1, 1, 31)


def _read_holidays(
    line_no: int, line: str, year: int, notice: Notice, default_name: str = ""
) -> None:
    name, rest = _name_and_rest(line)
    chinese = bool(_CJK.search(rest))
    found_any = False
    for sentence in _SENTENCE.split(rest):
        tokens = _tokens(sentence)
        if not tokens:
            continue
        if _NOTE_ONLY.search(sentence) and not _WORK.search(sentence):
            continue  # "鼓励…在除夕（2月9日）休息": advice to employers, not a day off
        if _WORK.search(sentence):
            previous = None
            for token in tokens:
                previous = _resolve(token, year, previous)
                notice.working_days.append(
                    WorkingDay(previous, name or _label_of(sentence, tokens), line_no, HOLIDAYS)
                )
            found_any = True
            continue
        if chinese and not _OFF.search(sentence):
            continue
        if len(tokens) > 2:
            raise _Bad(_("More than two dates in one period: give one period per line."))
        first = _resolve(tokens[0], year, None)
        last = first
        if len(tokens) > 1:
            between = re.sub(r"[（(][^）)]*[）)]", "", sentence[tokens[0].end : tokens[1].start])
            if not _RANGE.match(between):
                raise _Bad(
                    _(
                        "Two dates without “to” between them: write a period as its first "
                        "and last day off, e.g. “Spring Festival: 2027-02-05 – 2027-02-11”."
                    )
                )
            last = _resolve(tokens[1], year, first)
        if last < first:
            raise _Bad(
                _("The period ends on %(last)s, before it starts on %(first)s.")
                % {"last": last.isoformat(), "first": first.isoformat()}
            )
        label = name or _label_of(sentence, tokens) or default_name
        if not label:
            raise _Bad(_("Name the holiday, e.g. “Spring Festival: 2027-02-05 – 2027-02-11”."))
        days = _DAYS.search(sentence)
        if days:
            stated = int(days.group(1) or days.group(2))
            actual = (last - first).days + 1
            if stated != actual:
                raise _Bad(
                    _(
                        "It says %(stated)d days, but %(first)s to %(last)s is %(actual)d "
                        "days: check the dates."
                    )
                    % {
                        "stated": stated,
                        "first": first.isoformat(),
                        "last": last.isoformat(),
                        "actual": actual,
                    }
                )
        notice.periods.append(Period(label, first, last, line_no))
        found_any = True
    if not found_any:
        raise _Bad(
            _(
                "No date found. Write a period as “Spring Festival: 2027-02-05 – 2027-02-11” "
                "or paste the notice's line as published."
            )
        )


def _read_working_days(line_no: int, line: str, year: int, notice: Notice) -> None:
    name, rest = _name_and_rest(line)
    tokens = _tokens(rest)
    if not tokens:
        raise _Bad(_("No date found. Write the date, e.g. “2027-02-14 Spring Festival”."))
    label = name or _label_of(rest, tokens)
    previous = None
    for token in tokens:
        previous = _resolve(token, year, previous)
        notice.working_days.append(WorkingDay(previous, label, line_no))


def read_notice(year: int, holidays_text: str, working_days_text: str = "") -> Notice:
    """Parse both boxes of the notice page and check what they say against each other."""
    notice = Notice(year=year)
    for text, box in ((holidays_text, HOLIDAYS), (working_days_text, WORKING_DAYS)):
        for number, raw in enumerate((text or "").splitlines(), start=1):
            line = raw.strip()
            notice.lines[box, number] = line
            if not line or line.startswith("#") or (box == HOLIDAYS and _is_title(line)):
                continue
            try:
                if box == HOLIDAYS:
                    _read_holidays(number, line, year, notice)
                else:
                    _read_working_days(number, line, year, notice)
            except _Bad as bad:
                notice.errors.append(LineError(number, line, str(bad), box))
    _check(notice)
    return notice


def _is_title(line: str) -> bool:
    return "通知" in line and not re.search(r"放假|上班", line)


def _check(notice: Notice) -> None:
    def error(line: int, message: str, box: str = HOLIDAYS) -> None:
        notice.errors.append(LineError(line, notice.lines.get((box, line), ""), message, box))

    if not notice.periods and not notice.errors:
        notice.errors.append(
            LineError(0, "", _("Enter at least one holiday period of the notice."))
        )
    year = notice.year
    for period in notice.periods:
        if not (_in_range(period.first, year) and _in_range(period.last, year)):
            error(
                period.line,
                _("%(first)s – %(last)s is not in %(year)d: check the year.")
                % {"first": period.first, "last": period.last, "year": year},
            )
    ordered = sorted(notice.periods, key=lambda p: (p.first, p.line))
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.first <= before.last:
            error(
                after.line,
                _("%(name)s (%(first)s – %(last)s) overlaps %(other)s on line %(line)d.")
                % {
                    "name": after.name,
                    "first": after.first,
                    "last": after.last,
                    "other": before.name,
                    "line": before.line,
                },
            )
    holidays = {day: p for p in notice.periods for day in p.days}
    seen: dict[dt.date, WorkingDay] = {}
    for work in notice.working_days:
        if not _in_range(work.date, year):
            error(
                work.line,
                _("%(day)s is not in %(year)d.") % {"day": work.date, "year": year},
                work.box,
            )
        if work.date in seen:
            error(
                work.line,
                _("%(day)s is given twice (also on line %(other)d%(where)s).")
                % {
                    "day": work.date,
                    "other": seen[work.date].line,
                    "where": "" if seen[work.date].box == work.box else _(" of the other box"),
                },
                work.box,
            )
        seen.setdefault(work.date, work)
        if work.date in holidays:
            period = holidays[work.date]
            error(
                work.line,
                _(
                    "%(day)s is given as a working day and as a day off (%(name)s, line "
                    "%(other)d of the holiday periods)."
                )
                % {"day": work.date, "name": period.name, "other": period.line},
                work.box,
            )


def check_weekend(notice: Notice, weekend: frozenset[int]) -> None:
    """An adjusted working day is a weekend day that is worked: any other day is a typo."""
    for work in notice.working_days:
        if work.date.weekday() not in weekend:
            notice.errors.append(
                LineError(
                    work.line,
                    notice.lines.get((work.box, work.line), ""),
                    _(
                        "%(day)s is a %(weekday)s, not a weekend day: an adjusted working day "
                        "is a weekend day that is worked. Check the date."
                    )
                    % {"day": work.date.isoformat(), "weekday": _weekday(work.date)},
                    work.box,
                )
            )


def _weekday(day: dt.date) -> str:
    return [
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    ][day.weekday()]
