"""The view model of the timeline page: plain Python values, and the events chosen as anchors.

:mod:`timeline_view` fills it from the graph; the layout and the page writer
read it. It holds no rdflib terms and keeps article text as text: escaping
is the page writer's job.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from graph.export.timeline_dates import format_when

EVENT_CLASSES: tuple[str, ...] = (
    "PhoneCall", "Meeting", "Talks", "Visit", "Agreement", "Ceasefire", "Refusal", "Demand",
    "Proposal", "Statement", "Order", "PrisonerExchange", "Attack", "Invasion", "Annexation", "Other",
)
EVENT_CLASSES_ORDER = {name: i for i, name in enumerate(EVENT_CLASSES)}

_STAMP = r"\d{4}(?:-\d{2}){0,2}"
_TRAILING_DATE = re.compile(rf"\s*\((?:week of )?{_STAMP}(?:\s*(?:/|–|--)\s*{_STAMP})?\)$")


@dataclass(frozen=True)
class Article:
    """One source article as the side panel lists it."""

    iri: str
    identifier: str
    outlet: str
    published: str
    headline: str
    url: str | None


@dataclass(frozen=True)
class Evidence:
    """One mention of an event: its sentence split around the trigger."""

    article: str
    offset: int | None
    trigger: str
    before: str
    hit: str
    after: str
    expression: str
    rule: str


@dataclass(frozen=True)
class ClaimValue:
    """One value a set of sources states for a claimed property."""

    value: str
    qualifier: str
    text: str
    sources: tuple[str, ...]
    attributed_to: tuple[str, ...]


@dataclass(frozen=True)
class ClaimGroup:
    """All values stated for one property of one event."""

    property: str
    values: tuple[ClaimValue, ...]

    @property
    def differ(self) -> bool:
        """True when the sources disagree."""
        return len({(v.qualifier, v.value) for v in self.values}) > 1


@dataclass(frozen=True)
class Actor:
    """An actor node."""

    iri: str
    label: str
    kind: str


@dataclass
class Event:
    """A canonical event with everything the page shows about it."""

    iri: str
    label: str
    cls: str
    begin: dt.date | None
    end: dt.date | None
    granularity: str
    actors: tuple[str, ...]
    place: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    claims: tuple[ClaimGroup, ...]
    merge_notes: tuple[str, ...]
    mentions: tuple[str, ...]
    anchor: bool = False

    @property
    def short_label(self) -> str:
        """The label without a trailing date in parentheses (the page shows the date beside it)."""
        return _TRAILING_DATE.sub("", self.label) or self.label

    @property
    def lead_offset(self) -> float:
        """How early the articles report it: the mean character offset of its evidence sentences."""
        offsets = [ev.offset for ev in self.evidence if ev.offset is not None]
        return sum(offsets) / len(offsets) if offsets else math.inf

    @property
    def date_text(self) -> str:
        """The date as a reader says it, at the event's granularity."""
        return format_when(self.begin, self.end, self.granularity)

    @property
    def sort_key(self) -> tuple:
        """Chronological order; undated events last."""
        undated = self.begin is None
        return (undated, self.begin or dt.date.max, EVENT_CLASSES_ORDER.get(self.cls, 99), self.label, self.iri)


@dataclass
class TimelineView:
    """The whole page's content: events (chronological), actors and articles by IRI."""

    events: list[Event]
    actors: dict[str, Actor] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)


def days_apart(a: Event, b: Event) -> float:
    """Days between two events' periods (0 when they overlap; infinite when one is undated)."""
    if a.begin is None or b.begin is None or a.end is None or b.end is None:
        return math.inf
    return max(0, (b.begin - a.end).days, (a.begin - b.end).days)


def choose_anchors(events: list[Event], count: int = 2, apart: int = 7) -> list[Event]:
    """The most-reported dated events, one per story.

    Ranked by the number of sources, then by how often those sources mention
    the event, then by how early in the articles it comes. Each further
    anchor must lie at least ``apart`` days from those already chosen, so two
    reports of one day's news do not take both places; when no such event is
    left, the next most-reported one is taken. Undated events are never
    anchors: an anchor is a place on the time axis.
    """
    ranked = sorted((e for e in events if e.begin is not None),
                    key=lambda e: (-len(e.sources), -len(e.mentions), e.lead_offset, e.sort_key))
    chosen: list[Event] = []
    for event in ranked:
        if len(chosen) < count and all(days_apart(event, other) >= apart for other in chosen):
            chosen.append(event)
    for event in ranked:
        if len(chosen) < count and event not in chosen:
            chosen.append(event)
    return chosen
