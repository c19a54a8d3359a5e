"""Two more ways an undated mention takes the date of another mention of its article.

``framing-event``: a contact event named by a framing preposition ("during
talks", "at a meeting", "in the course of the call", ``framing_preps`` in
``ontology/events.toml``) frames the event it is attached to: that event
happened while it was going on, so the framing event takes its date, with
its granularity (a week stays a week).

``restated-in-article``: an article that tells one event twice ("Ukraine
accepted a ceasefire last week" … "officials earlier accepted a ceasefire")
dates it once. An undated verb mention of a class told once per party and
thing (``restated_classes``) takes the date of a mention of the same class,
with the same agents, patients, theme and tense, whose date the text
states; two such mentions with different dates leave it undated. An
agreement about a pause in fighting ("as Ukraine did", repeating "accept a
ceasefire") is told as the Ceasefire it is (:func:`told_as`).

Framing also links the two: the framed event is a sub-event of the framing
one (``EventMention.frame``, ``sem:subEventOf`` in the graph), whether or not
either is dated; ``during-event``: an undated framed event takes the date of
its dated frame ("proposed a truce at their meeting earlier this month").
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from graph.extract.candidates import CONTACT
from graph.extract.dates import clause_tense
from graph.extract.records import Dating, EventMention
from graph.extract.theme import themes_differ
from graph.knowledge import Cues

MAX_CLIMB = 6
CEASEFIRE = "Ceasefire"


def framed_by(token: Token, phrases: frozenset[str]) -> bool:
    """Whether a noun is the object of a framing preposition ("during talks", "in the course of talks")."""
    if token.dep_ != "pobj":
        return False
    prep = token.head
    before = " ".join(t.lower_ for t in token.doc[max(0, prep.i - 3):prep.i + 1])
    return any(re.search(rf"(?:^| ){re.escape(p)}$", before) for p in phrases)


def _taken_from(other: EventMention | None, rule: str) -> Dating | None:
    """``other``'s date, granularity kept, as a dating by ``rule`` anchored on ``other``."""
    if other is None or other.dating is None:
        return None
    base = other.dating
    return Dating(base.begin, base.end, base.granularity, rule, base.anchor_date, None, None, other.index)


def framing_dating(event: EventMention, by_index: dict[int, EventMention],
                   framed_of: dict[int, int]) -> Dating | None:
    """A framing contact noun takes the date of the event it frames (``framed_of``: frame → framed,
    from the ``frame`` links of :func:`link_frames`)."""
    framed = framed_of.get(event.index)
    return _taken_from(by_index.get(framed) if framed is not None else None, "framing-event")


def _framed_event(event: EventMention, doc: Doc, by_head: dict[int, EventMention],
                  phrases: frozenset[str]) -> EventMention | None:
    """The verb event a framing contact noun is attached to, if any."""
    token = doc[event.head]
    if not event.nominal or event.event_class not in CONTACT or not framed_by(token, phrases):
        return None
    node = token.head
    for _ in range(MAX_CLIMB):
        framed = by_head.get(node.i)
        if framed is not None and not framed.nominal:
            return framed
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def link_frames(events: list[EventMention], doc: Doc, phrases: frozenset[str]) -> list[EventMention]:
    """Each event framed by a contact noun ("agreed during talks") with ``frame`` set to that noun's event."""
    by_head = {e.head: e for e in events}
    frames = {}
    for event in events:
        framed = _framed_event(event, doc, by_head, phrases)
        if framed is not None and framed.index != event.index:
            frames.setdefault(framed.index, event.index)
    return [replace(e, frame=frames[e.index]) if e.index in frames else e for e in events]


def _tense(token: Token, control: frozenset[str]) -> str:
    """The clause's tense; an infinitive of an object-control verb ("persuaded them to accept")
    is done when its governor is."""
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in control:
        token = token.head
    return clause_tense(token)


def _same_telling(a: tuple[str, str | None], b: tuple[str, str | None]) -> bool:
    return a[0] == b[0] and (a[1] is None) == (b[1] is None) and not themes_differ(a[1], b[1])


def told_as(event: EventMention, cues: Cues) -> tuple[str, str | None]:
    """(class, theme), an agreement whose theme is a pause in fighting told as the Ceasefire it is.

    "as Ukraine did" repeats "accept an immediate ceasefire" without its
    object, so it keeps the verb's class with the ceasefire as its theme;
    "Ukraine accepted a ceasefire" is a Ceasefire. Both tell one event.
    """
    theme = event.theme
    if (event.event_class in cues.ceasefire_from and theme is not None
            and set(theme.split()) & cues.ceasefire_objects):
        return CEASEFIRE, None
    return event.event_class, theme


def during_dating(event: EventMention, by_index: dict[int, EventMention]) -> Dating | None:
    """An undated event takes the date of the dated contact event it happened during
    ("proposed a truce at their meeting earlier this month")."""
    return _taken_from(by_index.get(event.frame) if event.frame is not None else None, "during-event")


def restated_dating(event: EventMention, doc: Doc, events: list[EventMention],
                    classes: frozenset[str], cues: Cues, control: frozenset[str] = frozenset()) -> Dating | None:
    """The stated date of the same event told elsewhere in the article (see the module docstring)."""
    if event.nominal or event.negated or event.event_class not in classes or not event.agents:
        return None
    tense = _tense(doc[event.head], control)
    if tense == "future":
        return None
    kind, theme = told_as(event, cues)
    same = [d for d in events if d.dating is not None and d.dating.expression is not None
            and _tense(doc[d.head], control) == tense
            and d.index != event.index and d.sentence_index != event.sentence_index and not d.negated
            and not d.nominal and d.event_class in classes
            and set(d.agents) == set(event.agents) and set(d.patients) == set(event.patients)
            and _same_telling((kind, theme), told_as(d, cues))]
    if not same or len({(d.dating.begin, d.dating.end) for d in same}) > 1:
        return None
    return _taken_from(same[0], "restated-in-article")
