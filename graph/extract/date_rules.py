"""Calendar rules for temporal expressions: vocabulary, patterns, resolution.

The pure half of :mod:`graph.extract.dates`: no spaCy here. Every rule is a
regular expression over text plus a function that turns a match into a
:class:`Reading` (a rule id and, when it can be resolved, a
:class:`DateSpan`). The patterns are built from a ``TimeVocabulary``
(relative phrases such as "last week", read from ``ontology/time.toml``);
month and weekday names come from :mod:`calendar`.

Absolute dates ("July 16, 2018", "February 2022") go through dateparser's
``DateDataParser.get_date_data``, whose ``period`` keeps the granularity.
Only the matched expression is ever given to dateparser.
"""

from __future__ import annotations

import calendar
import datetime
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.extract.time_vocabulary import TimeVocabulary

TENSES = ("past", "present", "future")


class Granularity(str, enum.Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    INTERVAL = "interval"


@dataclass(frozen=True)
class DateSpan:
    """An inclusive date interval: a day is ``begin == end``."""

    begin: datetime.date
    end: datetime.date
    granularity: Granularity


@dataclass(frozen=True)
class Reading:
    """What a rule made of one match: ``span`` is None when unresolvable."""

    rule: str
    span: DateSpan | None
    anchored: bool  # resolved against the anchor (not an absolute date)


# ------------------------------------------------------ calendar arithmetic


def day_span(d: datetime.date) -> DateSpan:
    return DateSpan(d, d, Granularity.DAY)


def week_span(d: datetime.date) -> DateSpan:
    monday = d - datetime.timedelta(days=d.weekday())
    return DateSpan(monday, monday + datetime.timedelta(days=6), Granularity.WEEK)


def month_span(year: int, month: int) -> DateSpan:
    last = calendar.monthrange(year, month)[1]
    return DateSpan(datetime.date(year, month, 1), datetime.date(year, month, last), Granularity.MONTH)


def year_span(year: int) -> DateSpan:
    return DateSpan(datetime.date(year, 1, 1), datetime.date(year, 12, 31), Granularity.YEAR)


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def weekday_near(anchor: datetime.date, weekday: int, direction: int, strict: bool = False) -> datetime.date:
    """The ``weekday`` (0 = Monday) on or before (direction -1) / on or after
    (+1) ``anchor``; with ``strict`` the anchor itself is excluded."""
    gap = ((anchor.weekday() - weekday) * -direction) % 7
    if strict and gap == 0:
        gap = 7
    return anchor + datetime.timedelta(days=gap * direction)


def month_near(anchor: datetime.date, month: int, direction: int, strict: bool = False) -> tuple[int, int]:
    """(year, month) of the nearest ``month`` on or before (direction -1) /
    on or after (+1) the anchor's month; direction 0: whichever is nearer."""
    if direction == 0:
        before, after = month_near(anchor, month, -1), month_near(anchor, month, 1)
        return after if after[0] * 12 + after[1] - anchor.year * 12 - anchor.month < 6 else before
    year = anchor.year
    if direction < 0 and (month > anchor.month or (strict and month == anchor.month)):
        year -= 1
    if direction > 0 and (month < anchor.month or (strict and month == anchor.month)):
        year += 1
    return year, month


def day_month_near(anchor: datetime.date, month: int, day: int, direction: int) -> datetime.date | None:
    """The nearest existing ``month``/``day`` on or before / after the
    anchor; direction 0: whichever is nearer."""
    if direction == 0:
        before, after = day_month_near(anchor, month, day, -1), day_month_near(anchor, month, day, 1)
        return after if before is None or (after - anchor) < (anchor - before) else before
    for step in range(9):  # 29 February recurs within 8 years
        year = anchor.year + step * direction
        if day <= calendar.monthrange(year, month)[1]:
            candidate = datetime.date(year, month, day)
            if (candidate - anchor).days * direction >= 0:
                return candidate
    return None


def unit_span(unit: str, anchor: datetime.date, offset: int) -> DateSpan:
    """The ``unit`` containing the anchor, moved by ``offset`` units."""
    if unit == "day":
        return day_span(anchor + datetime.timedelta(days=offset))
    if unit == "week":
        return week_span(anchor + datetime.timedelta(weeks=offset))
    if unit == "month":
        return month_span(*shift_month(anchor.year, anchor.month, offset))
    if unit == "year":
        return year_span(anchor.year + offset)
    saturday = weekday_near(anchor if offset < 0 else anchor - datetime.timedelta(days=1), 5, -1 if offset < 0 else 1)
    return DateSpan(saturday, saturday + datetime.timedelta(days=1), Granularity.INTERVAL)


_DIRECTIONS = {-1: "past", 0: "nearest", 1: "future"}


def weekday_direction(tense: str) -> int:
    """Weekdays and weekends: future +1, past and present -1."""
    return 1 if tense == "future" else -1


def calendar_direction(tense: str) -> int:
    """Month names and year-less days: past -1, future +1, present 0 (the
    nearer one: "the final is on May 15")."""
    return {"past": -1, "future": 1}.get(tense, 0)


# ----------------------------------------------------------------- dateparser


@lru_cache(maxsize=1)
def _date_parser():
    from dateparser.date import DateDataParser  # slow import: only when needed

    return DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": False})


_PERIODS = {"day": Granularity.DAY, "week": Granularity.WEEK, "month": Granularity.MONTH, "year": Granularity.YEAR}


@lru_cache(maxsize=4096)
def parse_absolute(text: str) -> DateSpan | None:
    """An absolute date (with its year) as dateparser reads it, or None."""
    data = _date_parser().get_date_data(text)
    if data.date_obj is None or data.period not in _PERIODS:
        return None
    d = data.date_obj.date()
    if data.period == "month":
        return month_span(d.year, d.month)
    if data.period == "year":
        return year_span(d.year)
    if data.period == "week":
        return week_span(d)
    return day_span(d)


# ------------------------------------------------------------------ patterns

Handler = Callable[[re.Match, "datetime.date | None", str, "TimeVocabulary"], "Reading | None"]


@dataclass(frozen=True)
class Pattern:
    name: str
    regex: re.Pattern
    handler: Handler
    licence: str | None = None  # "month" | "year": needs context to count as a date


def month_number(name: str) -> int:
    key = name.rstrip(".").lower()[:3]
    return [m.lower() for m in calendar.month_abbr].index(key)


def weekday_number(name: str) -> int:
    return [d.lower() for d in calendar.day_name].index(name.lower())


def _alternation(words) -> str:
    """A regex alternation of ``words``, longest first, any whitespace
    between the words of a phrase."""
    escaped = (r"\s+".join(map(re.escape, w.split())) for w in sorted(set(words), key=len, reverse=True))
    return "|".join(escaped)


def _needs_anchor(rule: str) -> Reading:
    """A relative expression read without an anchor: known rule, no span."""
    return Reading(rule, None, True)


def _absolute(m, anchor, tense, vocab):
    span = parse_absolute(" ".join(m.group("body").split()))
    if span is None:
        return None
    return Reading(f"absolute-{span.granularity.value}", span, False)  # absolute-day | absolute-month


def _day_month(m, anchor, tense, vocab):
    month, day = month_number(m.group("month")), int(m.group("day"))
    if day > calendar.monthrange(2000, month)[1]:  # 2000: a leap year
        return None
    rule = f"day-month-{_DIRECTIONS[calendar_direction(tense)]}"
    if anchor is None:
        return _needs_anchor(rule)
    weekday = m.groupdict().get("wd")
    if weekday:
        named = _named_weekday_year(anchor, month, day, weekday_number(weekday))
        if named is not None:
            return Reading("weekday-and-date", day_span(named), True)
    found = day_month_near(anchor, month, day, calendar_direction(tense))
    return Reading(rule, day_span(found), True) if found else None


def _named_weekday_year(anchor: datetime.date, month: int, day: int, weekday: int) -> datetime.date | None:
    """"Monday, June 9": the June 9 nearest the anchor that is a Monday (None if none near)."""
    found = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if day <= calendar.monthrange(year, month)[1] and datetime.date(year, month, day).weekday() == weekday:
            found.append(datetime.date(year, month, day))
    return min(found, key=lambda d: abs((d - anchor).days)) if found else None


def _year(m, anchor, tense, vocab):
    return Reading("year", year_span(int(m.group("year"))), False)


def _year_range(m, anchor, tense, vocab):
    first, last = int(m.group("year")), int(m.group("year2"))
    if not first < last <= first + 100:
        return None
    return Reading("year-range", _years(first, last), False)


def _decade(m, anchor, tense, vocab):
    return Reading("decade", _years(int(m.group("decade")), int(m.group("decade")) + 9), False)


def _years(first: int, last: int) -> DateSpan:
    return DateSpan(datetime.date(first, 1, 1), datetime.date(last, 12, 31), Granularity.INTERVAL)


def _month_year(anchor, m, tense) -> tuple[int, int] | None:
    month = month_number(m.group("month"))
    if m.groupdict().get("year"):
        return int(m.group("year")), month
    return None if anchor is None else month_near(anchor, month, calendar_direction(tense))


def _month(m, anchor, tense, vocab):
    rule = f"month-{_DIRECTIONS[calendar_direction(tense)]}"
    found = _month_year(anchor, m, tense)
    return Reading(rule, month_span(*found), True) if found else _needs_anchor(rule)


def _part_of_month(m, anchor, tense, vocab):
    found = _month_year(anchor, m, tense)
    anchored = not m.groupdict().get("year")
    if found is None:
        return _needs_anchor("part-of-month")
    first, last = next((a, b) for w, a, b in vocab.parts_of_month if w == m.group("part").lower())
    month = month_span(*found)
    begin, end = month.begin.replace(day=first), month.begin.replace(day=min(last, month.end.day))
    return Reading("part-of-month", DateSpan(begin, end, Granularity.INTERVAL), anchored)


def _part_of_year(m, anchor, tense, vocab):
    year = int(m.group("year"))
    first, last = next((a, b) for w, a, b in vocab.parts_of_year if w == m.group("part").lower())
    span = DateSpan(month_span(year, first).begin, month_span(year, last).end, Granularity.INTERVAL)
    return Reading("part-of-year", span, False)


def _month_relative_year(m, anchor, tense, vocab):
    """"August last year", "March this year"."""
    word = m.group("mod").lower()
    rule = f"month-{word}-year"
    if anchor is None:
        return _needs_anchor(rule)
    year = anchor.year + dict(vocab.modifiers)[word]
    return Reading(rule, month_span(year, month_number(m.group("month"))), True)


def _modified_month(m, anchor, tense, vocab):
    """"last August" (strictly before the anchor's month), "next March"."""
    word = m.group("mod").lower()
    offset = dict(vocab.modifiers)[word]
    rule = f"month-{word}"
    if anchor is None:
        return _needs_anchor(rule)
    month = month_number(m.group("month"))
    found = (anchor.year, month) if offset == 0 else month_near(anchor, month, offset, strict=True)
    return Reading(rule, month_span(*found), True)


def _weekday(m, anchor, tense, vocab):
    word = (m.group("mod") or "").lower()
    offset = dict(vocab.modifiers).get(word, 0)
    direction = offset or weekday_direction(tense)
    rule = f"weekday-{word}" if offset else f"weekday-{_DIRECTIONS[direction]}"
    if anchor is None:
        return _needs_anchor(rule)
    found = weekday_near(anchor, weekday_number(m.group("weekday")), direction, strict=bool(offset))
    return Reading(rule, day_span(found), True)


def _relative(m, anchor, tense, vocab):
    phrase = " ".join(m.group("phrase").lower().split())
    entry = next(r for r in vocab.relative if r.phrase == phrase)
    offset = entry.offset or (weekday_direction(tense) if entry.unit == "weekend" else 0)
    rule = entry.rule.replace("{direction}", "past" if offset < 0 else "future")
    if anchor is None:
        return _needs_anchor(rule)
    span = unit_span(entry.unit, anchor, offset)
    if entry.part == "before":
        span = DateSpan(span.begin, max(span.begin, anchor), Granularity.INTERVAL)
    elif entry.part == "after":
        span = DateSpan(min(anchor, span.end), span.end, Granularity.INTERVAL)
    return Reading(rule, span, True)


def count_of(word: str, vocab: TimeVocabulary) -> int:
    """A count as written in digits or words ("3", "three", "a")."""
    word = word.lower()
    return int(word) if word.isdigit() else dict(vocab.numbers)[word]


def _ago(m, anchor, tense, vocab):
    n = count_of(m.group("count"), vocab)
    unit = m.group("unit").lower()
    rule = dict(vocab.ago_rules)[unit]
    if anchor is None:
        return _needs_anchor(rule)
    if unit == "year":
        return Reading(rule, year_span(anchor.year - n), True)
    return Reading(rule, unit_span(unit, anchor, -n), True)


@lru_cache(maxsize=8)
def compile_patterns(vocab: TimeVocabulary) -> tuple[Pattern, ...]:
    """The rules, most specific first (ties between equally long matches go
    to the earlier pattern)."""
    abbreviations = _alternation([*calendar.month_abbr[1:], "Sept"])
    months_full = _alternation(calendar.month_name[1:])
    weekdays = _alternation(calendar.day_name)
    prep = rf"(?<![\w-])(?:(?P<prep>(?i:{_alternation(vocab.absorbed_prepositions)}))\s+)?"
    mods = rf"(?<![Tt]he\s)(?i:{_alternation(w for w, _ in vocab.modifiers)})"  # not "the next Monday"
    end = r"(?!\w)"
    day = r"(?P<day>3[01]|[12]\d|0?[1-9])(?i:st|nd|rd|th)?"
    year = r"(?P<year>(?:1[89]|20)\d\d)"
    month = rf"(?P<month>{months_full}|(?:{abbreviations})\.|{abbreviations})"
    fmonth = rf"(?P<month>{months_full})"
    wd_prefix = rf"(?:(?P<wd>{weekdays}),?\s+)?"
    edges = rf"(?:(?i:{_alternation(vocab.weekday_edges)})\s+)?"
    day_parts = rf"(?:\s+(?i:{_alternation(vocab.weekday_parts)}))?"
    month_parts = rf"(?P<part>(?i:{_alternation(w for w, _, _ in vocab.parts_of_month)}))"
    year_parts = rf"(?P<part>(?i:{_alternation(w for w, _, _ in vocab.parts_of_year)}))"
    phrases = _alternation(r.phrase for r in vocab.relative)
    count = rf"(?P<count>\d{{1,3}}|(?i:{_alternation(w for w, _ in vocab.numbers)}))"
    ago_units = rf"(?P<unit>(?i:{_alternation(u for u, _ in vocab.ago_rules)}))"
    not_a_date_year = r"(?![\d%/]|[.,]\d|[-–]\d|\s*(?i:per\s*cent|percent|GMT|UTC|hrs|hours|h)\b)"
    specs = [
        ("date-mdy", rf"{prep}{wd_prefix}(?P<body>{month}\s+{day},?\s+{year})(?!\d)", _absolute, None),
        ("date-dmy", rf"{prep}{wd_prefix}(?P<body>(?:the\s+)?{day}(?:\s+of)?\s+{month},?\s+{year})(?!\d)", _absolute, None),
        ("date-iso", rf"{prep}(?P<body>{year}-[01]\d-[0-3]\d)(?!\d)", _absolute, None),
        ("month-year", rf"{prep}(?P<body>{month},?\s+(?:of\s+)?{year})(?![\d-])", _absolute, None),
        ("day-month", rf"{prep}{wd_prefix}{month}\s+{day}{end}(?![.,]?\s*\d)", _day_month, None),
        ("day-of-month", rf"{prep}{wd_prefix}(?:the\s+)?{day}(?:\s+of)?\s+{month}{end}(?![.,]?\s*\d)", _day_month, None),
        ("part-of-month", rf"{prep}{month_parts}(?:-|\s+){fmonth}(?:,?\s+{year})?(?![\w-])", _part_of_month, None),
        ("part-of-year", rf"{prep}{year_parts}(?:-|\s+){year}(?![\w-])", _part_of_year, None),
        ("month-relative-year", rf"{prep}{fmonth}\s+(?:of\s+)?(?P<mod>{mods})\s+(?i:year){end}", _month_relative_year, None),
        ("modified-month", rf"{prep}(?P<mod>{mods})\s+{fmonth}{end}(?!\s*\d)", _modified_month, None),
        ("month", rf"{prep}{fmonth}{end}(?!\s*\d)", _month, "month"),
        ("weekday", rf"(?<![\w-]){edges}{prep}(?:(?P<mod>{mods})\s+)?(?P<weekday>{weekdays}){day_parts}{end}", _weekday, None),
        ("relative", rf"{prep}(?<![Tt]he\s)(?P<phrase>(?i:{phrases})){end}(?!\s+of\b)", _relative, None),
        ("ago", rf"(?<![\w-]){count}\s+{ago_units}s?\s+(?i:ago){end}", _ago, None),
        ("decade", rf"{prep}(?:(?i:the)\s+)?(?P<decade>(?:1[89]|20)\d0)['’]?s{end}", _decade, None),
        ("year-range", rf"{prep}(?<![\d$£€.,-]){year}\s*[-–]\s*(?P<year2>(?:1[89]|20)\d\d)(?![\d-])", _year_range, None),
        ("year", rf"{prep}(?<![\d$£€.,/-]){year}{not_a_date_year}", _year, "year"),
    ]
    return tuple(Pattern(n, re.compile(r), h, lic) for n, r, h, lic in specs)


@lru_cache(maxsize=8)
def compile_blocked(vocab: TimeVocabulary) -> re.Pattern:
    """Matches, at the end of the text before an expression, a word that
    makes it event-relative or a frequency ("the next", "every")."""
    return re.compile(rf"(?<![\w-])(?i:{_alternation(vocab.blocked_before)})\s+$")


def read(text: str, anchor: datetime.date | None, tense: str, vocab: TimeVocabulary) -> tuple[Pattern, Reading] | None:
    """The first rule whose pattern matches all of ``text`` (a trailing
    possessive "'s" is ignored)."""
    text = re.sub(r"['’]s$", "", " ".join(text.split()))
    for pattern in compile_patterns(vocab):
        m = pattern.regex.fullmatch(text)
        if m:
            reading = pattern.handler(m, anchor, tense, vocab)
            if reading is not None:
                return pattern, reading
    return None
