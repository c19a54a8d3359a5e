"""Narrative time: an undated simple-past act told just after a dated one, by one of its parties;
and "then", "at the time", which take the time just told (:func:`anaphoric_time`).

"Chilean troops shelled rebel camps on Monday. A rebel spokesman called it
a massacre. Chile rejected calls for a truce." The last clause states no
time of its own; a reader takes it at the reference time the text has just
set for the same party (the last day stated in words before it for that
party, at most ``REACH`` sentences back: a report of it by another told in
between, "… on Sunday, Qatar said", does not reset it), not at the
publication date. Only for a party of
that dated event (an institution counting as its state: someone else's act
told next may be of any time) or, naming no party, after a contact between
parties ("… met in Lima on Monday. A deal was reached"), only the simple past (a pluperfect clause
happened before; a present or future one reports no act of that day), only
verb clauses, and not a statement ("X said"): what someone said is told of
the day it is reported, which the text rarely states. Recorded as
``narrative-time``, with the mention whose day it took.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from dataclasses import replace

from spacy.tokens import Doc, Token

from graph.extract.candidates import CONTACT
from graph.extract.lead import backshifted, simple_past
from graph.extract.modality import clause_head
from graph.extract.records import Dating, EventMention
from graph.knowledge import represented

#: How many sentences back the reference time is looked for.
REACH = 2
#: Classes whose undated telling is not dated by the narrative around it.
UNNARRATED = {"Statement"}


def _sets_reference(event: EventMention, published: dt.date | None) -> bool:
    """A mention dated to a day by words of its own (not after publication) sets the reference time."""
    dating = event.dating
    return (dating is not None and dating.expression is not None and dating.granularity == "day"
            and (published is None or dating.end <= published))


def _same_party(event: EventMention, reference: EventMention, speaks_for: dict[str, str]) -> bool:
    """The act shares a party with the dated event, or names none and follows a contact between
    parties ("Chile and Peru met in Lima on Monday. A fishing deal was reached")."""
    if not event.actors:
        return reference.event_class in CONTACT and len(reference.actors) >= 2
    return bool(represented(event.actors, speaks_for) & represented(reference.actors, speaks_for))


def narrative_time(events: list[EventMention], doc: Doc, placed: set[int], published: dt.date | None,
                   speaks_for: dict[str, str]) -> list[EventMention]:
    """The events of an article, the undated simple-past acts dated by the reference time before them."""
    found: dict[int, Dating] = {}
    recent: deque[EventMention] = deque()       # the mentions setting a reference time, latest last
    heads = {e.head for e in events}
    for event in sorted(events, key=lambda e: (e.sentence_index, e.trigger_span[0])):
        while recent and event.sentence_index - recent[0].sentence_index > REACH:
            recent.popleft()
        if event.dating is not None:
            if _sets_reference(event, published):
                recent.append(event)
            continue
        if event.index in placed or event.nominal or event.event_class in UNNARRATED:
            continue
        reference = next((r for r in reversed(recent) if _same_party(event, r, speaks_for)), None)
        if reference is None:
            continue
        head = doc[event.head]
        if simple_past(head, heads) or backshifted(head):
            base = reference.dating
            found[event.index] = Dating(base.begin, base.end, base.granularity, "narrative-time",
                                        base.anchor_date, None, None, reference.index)
    return [replace(e, dating=found[e.index]) if e.index in found else e for e in events]


def continued_statements(events: list[EventMention], doc: Doc, published: dt.date | None) -> list[EventMention]:
    """"X said on Thursday that … . 'The ball is in their court,' X told reporters.": a statement
    in the simple past by the same speaker in the very next sentence, with no time of its own,
    goes on with the one dated just before it (``continued-statement``)."""
    found: dict[int, Dating] = {}
    said: dict[int, list[EventMention]] = {}
    heads = {e.head for e in events}
    for event in events:
        if event.event_class in UNNARRATED and _sets_reference(event, published) and event.agents:
            said.setdefault(event.sentence_index, []).append(event)
    for event in events:
        if event.dating is not None or event.event_class not in UNNARRATED or not event.agents:
            continue
        before = [e for e in said.get(event.sentence_index - 1, ()) if set(e.agents) & set(event.agents)]
        head = doc[event.head]
        if before and (simple_past(head, heads) or backshifted(head)):
            base = before[-1].dating
            found[event.index] = Dating(base.begin, base.end, base.granularity, "continued-statement",
                                        base.anchor_date, None, None, before[-1].index)
    return [replace(e, dating=found[e.index]) if e.index in found else e for e in events]


#: Words that take the time just told ("Then the minister also called for talks", "at the time").
THEN = {"then"}
THEN_PHRASES = {"at the time", "at that time", "at that point"}


def _says_then(head: Token) -> bool:
    verb = clause_head(head)
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in THEN and child.i < verb.i:
            return True
        if child.dep_ == "prep" and " ".join(t.lower_ for t in child.subtree) in THEN_PHRASES:
            return True
    return False


def anaphoric_time(events: list[EventMention], doc: Doc, placed: set[int],
                   published: dt.date | None) -> list[EventMention]:
    """"Their last meeting was in May 2021. Then the minister asked for talks": a clause
    that says "then" (before its verb) or "at the time" happened at the time the text told just
    before it, the last time stated in words in that sentence or the one before, at any
    granularity (``then-anaphora``)."""
    found: dict[int, Dating] = {}
    told: EventMention | None = None
    for event in sorted(events, key=lambda e: (e.sentence_index, e.trigger_span[0])):
        dating = event.dating
        if dating is not None:
            if dating.expression is not None and (published is None or dating.end <= published):
                told = event
            continue
        if (told is None or event.index in placed or event.sentence_index - told.sentence_index > 1
                or not _says_then(doc[event.head])):
            continue
        base = told.dating
        found[event.index] = Dating(base.begin, base.end, base.granularity, "then-anaphora", base.anchor_date,
                                    None, None, told.index)
    return [replace(e, dating=found[e.index]) if e.index in found else e for e in events]
