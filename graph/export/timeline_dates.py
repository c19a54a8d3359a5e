"""Time on the timeline: time stamps and durations as a reader says them, and the time axis.

Days map onto canvas x piecewise linearly. The shortest span holding most
of the dated events gets most of the width, cut where it holds weeks
without events (two bursts of news two months apart); the years before and
after it (the 2014 annexation behind a 2025 story) sit on short compressed
stretches. Every cut is drawn as a break marker, labelled with the time it
leaves out between two dense stretches. Ticks follow the calendar on the
dense stretches and mark the years of the events on the compressed ones.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass, field

DENSE_WIDTH = 640.0      # canvas units (≈ CSS pixels at zoom 1) for the span holding most events
DENSE_SHARE = 0.8        # the share of events that span must hold
CONTEXT_WIDTH = 150.0    # at most this much for each compressed stretch
BREAK_GAP = 36.0         # the gap where the break marker is drawn
TICK_SPACING = 64.0      # the least distance between two calendar ticks
GAP_SHARE = 0.3          # an empty stretch longer than this share of the dense window is cut out
MIN_GAP = 21             # and longer than this many days

MONTHS = tuple(calendar.month_name)
_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


def parse_date(term: object | None) -> tuple[dt.date | None, str | None]:
    """The first day a time stamp covers and its implied granularity."""
    match = _DATE.match(str(term)) if term is not None else None
    if not match:
        return None, None
    year, month, day = match.groups()
    try:
        if day:
            return dt.date(int(year), int(month), int(day)), "day"
        if month:
            return dt.date(int(year), int(month), 1), "month"
        return dt.date(int(year), 1, 1), "year"
    except ValueError:
        return None, None


def end_of(begin: dt.date, granularity: str) -> dt.date:
    """The last day of the period that starts at ``begin``."""
    if granularity == "year":
        return dt.date(begin.year, 12, 31)
    if granularity == "month":
        return dt.date(begin.year, begin.month, calendar.monthrange(begin.year, begin.month)[1])
    if granularity == "week":
        return begin + dt.timedelta(days=6)
    return begin


def format_day(day: dt.date) -> str:
    """``18 March 2025``."""
    return f"{day.day} {MONTHS[day.month]} {day.year}"


def format_when(begin: dt.date | None, end: dt.date | None, granularity: str) -> str:
    """A date at its granularity: day, ``week of …``, month, year or an interval."""
    if begin is None:
        return "undated"
    if granularity == "year":
        return str(begin.year)
    if granularity == "month":
        return f"{MONTHS[begin.month]} {begin.year}"
    if granularity == "week":
        return f"week of {format_day(begin)}"
    if granularity == "interval" and end is not None and end != begin:
        return f"{format_day(begin)} – {format_day(end)}"
    return format_day(begin)


def format_value(literal: object | None) -> str:
    """A claim value for reading: ISO durations spelt out, other literals as written."""
    if literal is None:
        return ""
    text = str(literal)
    match = _DURATION.match(text)
    if not match or not any(match.groups()):
        return text
    units = zip(match.groups(), ("d", "h", "min", "s"))
    spelt = " ".join(f"{n.rstrip('0').rstrip('.') if '.' in n else n} {unit}" for n, unit in units if n)
    return f"{spelt} ({text})"


@dataclass(frozen=True)
class Segment:
    """A stretch of the axis mapping days ``start..end`` linearly onto ``x0..x1``."""

    start: int
    end: int
    x0: float
    x1: float
    dense: bool

    @property
    def scale(self) -> float:
        """Canvas units per day."""
        return (self.x1 - self.x0) / max(1, self.end - self.start)

    def x(self, day: int) -> float:
        """The x of ``day`` (an ordinal) on this stretch."""
        if self.end == self.start:
            return self.x0
        return self.x0 + (day - self.start) * (self.x1 - self.x0) / (self.end - self.start)


@dataclass
class TimeAxis:
    """A piecewise-linear time axis: dense where the events are, compressed between and around."""

    segments: list[Segment]
    breaks: list[tuple[float, str]] = field(default_factory=list)

    @classmethod
    def fit(cls, days: list[int], extra: list[tuple[int, int]] | None = None, *,
            width: float = DENSE_WIDTH, context: float = CONTEXT_WIDTH, gap: float = BREAK_GAP) -> TimeAxis:
        """Build the axis for the sorted begin days (ordinals) of the dated events.

        The dense pieces (see :func:`dense_pieces`) share ``width`` units at
        one scale, less a break marker ``gap`` wide between two of them; the
        years before and after them get a compressed stretch of at most
        ``context`` each, behind a break. ``extra`` widens each dense piece
        by that many days before and after it, at the same scale (room for an
        anchor's label next to a break).
        """
        pieces = dense_pieces(days)
        scale = max(width - gap * (len(pieces) - 1), width / 2) / sum(hi - lo for lo, hi in pieces)
        pieces = _merge_touching([(lo - before, hi + after)
                                  for (lo, hi), (before, after) in zip(pieces, extra or [(0, 0)] * len(pieces))])
        segments: list[Segment] = []
        breaks: list[tuple[float, str]] = []
        x = 0.0
        first_day = pieces[0][0]
        if days[0] < first_day and (first_day - days[0]) * scale > context + gap:
            segments.append(Segment(days[0] - max(1, (first_day - days[0]) // 40), first_day, 0.0, context, False))
            breaks.append((context + gap / 2, ""))
            x = context + gap
        elif days[0] < first_day:
            pieces[0] = (days[0] - 2, pieces[0][1])
        last_day = pieces[-1][1]
        tail = days[-1] > last_day and (days[-1] - last_day) * scale > context + gap
        if days[-1] > last_day and not tail:
            pieces[-1] = (pieces[-1][0], days[-1] + 2)
        for i, (lo, hi) in enumerate(pieces):
            if i:
                previous = segments[-1]
                segments.append(Segment(previous.end, lo, previous.x1, previous.x1 + gap, False))
                breaks.append((previous.x1 + gap / 2, elapsed(previous.end, lo)))
                x = previous.x1 + gap
            segments.append(Segment(lo, hi, x, x + (hi - lo) * scale, True))
        if tail:
            end = segments[-1]
            segments.append(Segment(end.end, days[-1] + max(1, (days[-1] - end.end) // 40),
                                    end.x1 + gap, end.x1 + gap + context, False))
            breaks.append((end.x1 + gap / 2, ""))
        return cls(segments, breaks)

    @property
    def dense(self) -> list[Segment]:
        """The dense stretches, left to right."""
        return [s for s in self.segments if s.dense]

    @property
    def end_x(self) -> float:
        """The right end of the axis."""
        return self.segments[-1].x1

    def x(self, day: dt.date) -> float:
        """The x of a date."""
        ordinal = day.toordinal()
        for segment in sorted(self.segments, key=lambda s: not s.dense):
            if segment.start <= ordinal <= segment.end:
                return segment.x(ordinal)
        return self.segments[0].x0 if ordinal < self.segments[0].start else self.end_x

    def ticks(self, days: list[int]) -> list[tuple[float, str]]:
        """Date ticks: calendar steps on the dense stretches, event years on compressed ones.

        Calendar ticks keep clear of break markers; the first one shown and
        any in a new year carry the year.
        """
        ticks: list[tuple[float, str]] = []
        calendar: list[tuple[float, dt.date, str]] = []
        for segment in self.segments:
            if segment.dense:
                left = TICK_SPACING / 2 if segment is not self.segments[0] else 0.0
                right = TICK_SPACING / 2 if segment is not self.segments[-1] else 0.0
                kind, found = calendar_days(segment.start, segment.end, segment.scale)
                calendar += [(x, day, kind) for day in found
                             if segment.x0 + left <= (x := segment.x(day.toordinal())) <= segment.x1 - right]
                continue
            years = sorted({dt.date.fromordinal(d).year for d in days if segment.start <= d < segment.end})
            kept: list[tuple[float, str]] = []
            for year in years:
                x = segment.x(max(segment.start, dt.date(year, 1, 1).toordinal()))
                if (not kept or x - kept[-1][0] >= 36) and abs(x - segment.x1) >= 22:
                    kept.append((x, str(year)))
            ticks += kept
        for i, (x, day, kind) in enumerate(calendar):
            ticks.append((x, tick_label(day, kind, i == 0 or calendar[i - 1][1].year != day.year)))
        return sorted(ticks)


def dense_pieces(days: list[int], gap_share: float = GAP_SHARE, min_gap: int = MIN_GAP) -> list[tuple[int, int]]:
    """The dense window (see :func:`dense_window`) cut at the long empty stretches inside it.

    A stretch without events longer than ``gap_share`` of the window and
    ``min_gap`` days is left out, so two bursts of news weeks apart each get
    room instead of the empty weeks between them. Each piece is padded.
    """
    start, end = dense_window(days)
    inside = sorted({d for d in days if start <= d <= end})
    limit = max(min_gap, gap_share * (end - start))
    pad = max(2, math.ceil(0.04 * (end - start)))
    pieces = [[start, end]]
    for before, after in zip(inside, inside[1:]):
        if after - before > limit:
            pieces[-1][1] = before + pad
            pieces.append([after - pad, end])
    return _merge_touching([(lo, max(hi, lo + 7)) for lo, hi in pieces])


def _merge_touching(pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pieces that meet or overlap joined into one."""
    merged = [pieces[0]]
    for lo, hi in pieces[1:]:
        if lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def elapsed(start: int, end: int) -> str:
    """The time between two ordinals, roughly, as the label of a break: ``6 weeks``, ``11 years``."""
    days = end - start
    if days >= 730:
        return f"{round(days / 365.25)} years"
    if days >= 60:
        return f"{round(days / 30.44)} months"
    return f"{max(1, round(days / 7))} weeks"


def dense_window(days: list[int], share: float = DENSE_SHARE) -> tuple[int, int]:
    """The shortest span of days holding ``share`` of the events, grown over small gaps and padded."""
    n = len(days)
    k = max(1, math.ceil(share * n))
    first = min(range(n - k + 1), key=lambda i: (days[i + k - 1] - days[i], -i))
    lo, hi = first, first + k - 1
    while True:
        span = max(days[hi] - days[lo], 14)
        if lo > 0 and days[lo] - days[lo - 1] <= span / 4:
            lo -= 1
        elif hi < n - 1 and days[hi + 1] - days[hi] <= span / 4:
            hi += 1
        else:
            break
    start, end = days[lo], days[hi]
    if end - start < 14:
        start, end = start - (14 - (end - start)) // 2, end + (15 - (end - start)) // 2
    pad = max(2, math.ceil(0.04 * (end - start)))
    return start - pad, end + pad


def calendar_days(start: int, end: int, scale: float) -> tuple[str, list[dt.date]]:
    """The tick step (``day``, ``week``, ``month`` or ``year``) at least ``TICK_SPACING`` units wide
    at ``scale``, and the days between two ordinals on that step."""
    steps = (("day", 1), ("day", 2), ("week", 7), ("week", 14), ("month", 1), ("month", 3), ("year", 12))
    kind, step = next(((k, s) for k, s in steps if (s if k == "day" or k == "week" else s * 30.4) * scale
                       >= TICK_SPACING), ("year", 12))
    found: list[dt.date] = []
    if kind in ("month", "year"):
        year, month = dt.date.fromordinal(start).year, 1
        while dt.date(year, month, 1).toordinal() <= end:
            day = dt.date(year, month, 1)
            if day.toordinal() >= start and (month - 1) % step == 0:
                found.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return kind, found
    for ordinal in range(start, end + 1):
        day = dt.date.fromordinal(ordinal)
        if kind == "week":
            aligned = day.weekday() == 0 and (step == 7 or (ordinal // 7) % 2 == 0)
        else:
            aligned = ordinal % step == 0
        if aligned:
            found.append(day)
    return kind, found


def tick_label(day: dt.date, kind: str, with_year: bool) -> str:
    """``17 Mar`` (``17 Mar 2025`` with the year), ``Mar 2025`` or ``2025``."""
    if kind == "year":
        return str(day.year)
    if kind == "month":
        return f"{MONTHS[day.month][:3]} {day.year}"
    return f"{day.day} {MONTHS[day.month][:3]}" + (f" {day.year}" if with_year else "")
