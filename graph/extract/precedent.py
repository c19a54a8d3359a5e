"""Precedents: "the first call since March 2021" tells of an earlier call, in March 2021.

A contact or other event called the first (of its kind, between its parties)
since a time says that the last one before it took place then: "Monday's
call was their first since March 2021", "their first such meeting
since 2019", "the summit, the first she has attended since 2018". The
earlier event is a mention of its own: the same class, parties and
sentence, dated by the time after "since" (rule ``first-since``, the
expression recorded), and it never dates the later one.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from graph.extract.attachment import word_before
from graph.extract.dates import TimeMention
from graph.extract.placement import from_time
from graph.extract.records import EventMention

#: How far up from the time the word "first" and its event are looked for.
CLIMB = 3
FIRST = {"first"}
SINCE = "since"
OBJECTS = {"dobj", "nsubj", "nsubjpass"}
RULE = "first-since"


def _called_first(token: Token, heads: dict[int, EventMention]) -> EventMention | None:
    if token.i in heads and any(c.dep_ in ("amod", "advmod") and c.lower_ in FIRST for c in token.children):
        return heads[token.i]
    return None


def _first_of(token: Token, heads: dict[int, EventMention]) -> EventMention | None:
    """The event mention a "first" stands for: the noun it modifies ("first call", also as the
    object of the verb the time hangs on: "held their first meeting since …"), the subject it is
    said of ("the call was the pair's first"), or the event noun told just before it ("the
    summit, the first …")."""
    found = _called_first(token, heads)
    if found is None and token.pos_ in ("VERB", "AUX"):
        found = next((e for c in token.children if c.dep_ in OBJECTS and (e := _called_first(c, heads))), None)
    if found is not None or token.lower_ not in FIRST:
        return found
    if token.dep_ in ("attr", "acomp"):
        subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
        return heads.get(subjects[0].i) if subjects else None
    before = [heads[t.i] for t in token.sent if t.i < token.i and t.i in heads and heads[t.i].nominal]
    return before[-1] if before else None


def precedents(events: list[EventMention], doc: Doc, times: list[TimeMention], text: str) -> list[EventMention]:
    """The events of an article, with an earlier mention added for each "first … since" time."""
    heads = {e.head: e for e in events}
    added: list[EventMention] = []
    seen: set[int] = set()
    for time in times:
        if time.span is None or time.head is None or word_before(text, time) != SINCE:
            continue
        node = doc[time.head]
        for _ in range(CLIMB):
            later = _first_of(node, heads)
            if later is not None:
                break
            if node.head.i == node.i:
                break
            node = node.head
        else:
            later = None
        if later is None or later.index in seen or not later.actors:
            continue
        seen.add(later.index)
        added.append(replace(later, index=len(events) + len(added), dating=replace(from_time(time), rule=RULE),
                             claims=(), frame=None))
    return events + added
