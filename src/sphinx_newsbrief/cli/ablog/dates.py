"""ABlog's dates as ISO dates.

ABlog reads a post's date with ``post_date_format`` (default ``%d %B %Y``) and,
failing that, with ``dateutil``'s free-form parser: ``May 9, 2014``,
``15 Apr, 2013``, ``2014-05-09 18:30`` all work. The parser here covers the
same ground without ``dateutil``: month names (English, full or short),
numeric dates (year first, or month/day/year as ``dateutil`` reads them), an
optional time with am/pm and a UTC offset, weekdays and ordinals ignored.
Anything else is not understood (``None``), never guessed.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

from ...frontmatter import parse_date

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
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
        ],
        start=1,
    )
    for name in names
}
_IGNORED = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_IGNORED |= {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
_IGNORED |= {"st", "nd", "rd", "th", "of", "at", "on", "the", "t"}
_TIME = re.compile(
    r"(?<!\d)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([ap])?\.?(?:m\b\.?)?"
    r"\s*(z\b|utc\b|gmt\b|[+-]\d{2}:?\d{2}\b)?",
    re.IGNORECASE,
)
_TIME_DIRECTIVES = re.compile(r"%[HIMSpXcT]")


def ablog_date(value: Any, post_date_format: str = "") -> str | None:
    """The ISO form of an ABlog date (a date, or a datetime when it has a time)."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = " ".join(str(value).split()) if value is not None else ""
    if not text:
        return None
    if post_date_format:
        try:
            parsed = datetime.strptime(text, post_date_format)
        except ValueError:
            pass
        else:
            timed = bool(_TIME_DIRECTIVES.search(post_date_format))
            return parsed.isoformat() if timed else parsed.date().isoformat()
    return parse_date(text) or _free_form(text)


def _free_form(text: str) -> str | None:
    clock: tuple[int, int, int] | None = None
    zone: timezone | None = None
    match = _TIME.search(text)
    if match:
        clock, zone = _clock(match)
        if clock is None:
            return None
        text = text[: match.start()] + " " + text[match.end() :]
    day = _day(text)
    if day is None:
        return None
    if clock is None:
        return day.isoformat()
    return datetime(day.year, day.month, day.day, *clock, tzinfo=zone).isoformat()


def _clock(match: re.Match[str]) -> tuple[tuple[int, int, int] | None, timezone | None]:
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    half = (match[4] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None, None
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None, None
    offset = (match[5] or "").lower()
    zone: timezone | None = None
    if offset in ("z", "utc", "gmt"):
        zone = timezone.utc
    elif offset:
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        zone = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    return (hour, minute, second), zone


def _day(text: str) -> date | None:
    tokens = re.findall(r"[^\W\d_]+|\d+", text.lower())
    month = None
    numbers: list[str] = []
    for token in tokens:
        if token.isdigit():
            numbers.append(token)
        elif token in _MONTHS and month is None:
            month = _MONTHS[token]
        elif token not in _IGNORED:
            return None
    try:
        if month is not None:
            return _named_month(month, numbers)
        return _numeric(numbers)
    except ValueError:
        return None


def _named_month(month: int, numbers: list[str]) -> date | None:
    if len(numbers) != 2:
        return None
    first, second = numbers
    if len(first) == 4:  # 2014 May 9
        return date(int(first), month, int(second))
    return date(_year(second), month, int(first))  # May 9, 2014 / 9 May 2014


def _numeric(numbers: list[str]) -> date | None:
    if len(numbers) == 1 and len(numbers[0]) == 8:  # 20140509
        text = numbers[0]
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    if len(numbers) != 3:
        return None
    first, second, third = numbers
    if len(first) == 4:
        return date(int(first), int(second), int(third))
    if int(first) > 12:  # 25/12/2014: the day first
        return date(_year(third), int(second), int(first))
    return date(_year(third), int(first), int(second))  # 05/09/2014 as dateutil reads it


def _year(text: str) -> int:
    if len(text) == 4:
        return int(text)
    if len(text) == 2:
        return 2000 + int(text)
    raise ValueError(text)
