"""Events a reader dates without being told: "Moscow's all-out war on Ukraine began with an
invasion", "the anniversary of Iraq's invasion of Kuwait". The knowledge (``history.toml``)
names each such event by class and parties; an undated past mention that has them all
(a head of state or an institution counting as its state) takes the event's first day
(``known-event``; anchored to the article, which tells it as past). Pure function over
the event records of one article, run after dating.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from spacy.tokens import Doc

from graph.extract.dates import clause_tense
from graph.extract.records import Dating, EventMention
from graph.knowledge import KnownEvent, represented

RULE = "known-event"


def known_events(events: list[EventMention], doc: Doc, history: tuple[KnownEvent, ...],
                 published: dt.date | None, speaks_for: dict[str, str]) -> list[EventMention]:
    """The events, each undated past mention of a known event dated by it."""
    if not history or published is None:
        return events
    out = []
    for event in events:
        if event.dating is None and clause_tense(doc[event.head]) != "future":
            parties = set(event.actors) | represented(event.actors, speaks_for)
            known = [k for k in history if k.event_class == event.event_class and k.parties <= parties
                     and k.places <= set(event.places) and k.day < published]
            if len(known) == 1:
                day = known[0].day
                event = replace(event, dating=Dating(day, day, "day", RULE, published))
        out.append(event)
    return out
