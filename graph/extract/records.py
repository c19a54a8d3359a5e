"""The typed records the extractors produce (one article at a time)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ActorMention:
    """A span of text naming an actor or a place."""

    start: int                 # character offsets into the article text
    end: int
    tokens: tuple[int, int]    # token indices [first, last+1)
    text: str
    name: str                  # canonical name (gazetteer) or the normalised surface form
    kind: str                  # Person, Country, Organization, or Place
    known: bool                # True when the gazetteer knows it
    rule: str                  # gazetteer, role, demonym, ner, pronoun, entourage
    group: tuple[str, ...] = ()    # further actors a plural pronoun stands for ("their": Trump and Putin)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.group)


@dataclass(frozen=True)
class Dating:
    """How an event got its date: the span, and the reasoning behind it."""

    begin: dt.date
    end: dt.date
    granularity: str           # day, week, month, year, interval
    rule: str
    anchor_date: dt.date | None
    expression: str | None = None          # the temporal expression as written
    expression_span: tuple[int, int] | None = None
    anchor_mention: int | None = None      # index of the event mention it was taken from

    @property
    def ahead(self) -> bool:
        """Whether it lies after the day it was resolved against (told as to come)."""
        return self.anchor_date is not None and self.begin > self.anchor_date


@dataclass(frozen=True)
class Claim:
    """An attribute of an event as one source states it (e.g. a duration)."""

    prop: str                  # "duration"
    value: str                 # "PT1H30M"
    text: str                  # as written: "90-minute"
    qualifier: str | None = None    # "more than", "around", …
    speaker: str | None = None      # canonical name of who the claim is attributed to


@dataclass(frozen=True)
class EventMention:
    """One event stated by one clause of one article."""

    index: int                 # order in the article (stable: sorted by trigger offset)
    event_class: str
    head: int                  # token index of the trigger's head word in the parsed article
    trigger: str
    trigger_span: tuple[int, int]
    sentence_span: tuple[int, int]
    sentence_index: int
    agents: tuple[str, ...] = ()
    patients: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    dating: Dating | None = None
    claims: tuple[Claim, ...] = ()
    speaker: str | None = None      # who reports it ("the Kremlin said …")
    nominal: bool = False
    negated: bool = False
    elliptic: bool = False          # stated by a pro-verb ("as Ukraine did"): its time is its own
    theme: str | None = None        # the noun a verb event is about ("supported an idea": "idea")
    frame: int | None = None        # index of the contact event it happened during ("agreed during talks")

    @property
    def actors(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.agents + self.patients))


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything extracted from one article."""

    stem: str
    events: tuple[EventMention, ...]
    actors: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)  # name -> (kind, surface forms)
    skipped_lines: tuple[tuple[int, int], ...] = ()                             # furniture spans
