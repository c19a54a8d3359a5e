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
states; two such mentions with different dates leave it undated.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from graph.extract.arguments import CONTACT
from graph.extract.dates import clause_tense
from graph.extract.records import Dating, EventMention
from graph.extract.theme import themes_differ

MAX_CLIMB = 6


def framed_by(token: Token, phrases: frozenset[str]) -> bool:
    """Whether a noun is the object of a framing preposition ("during talks", "in the course of talks")."""
    if token.dep_ != "pobj":
        return False
    prep = token.head
    before = " ".join(t.lower_ for t in token.doc[max(0, prep.i - 3):prep.i + 1])
    return any(re.search(rf"(?:^| ){re.escape(p)}$", before) for p in phrases)


def framing_dating(event: EventMention, doc: Doc, by_head: dict[int, EventMention],
                   phrases: frozenset[str]) -> Dating | None:
    """The date of the verb event a framing contact noun is attached to (see the module docstring)."""
    token = doc[event.head]
    if not event.nominal or event.event_class not in CONTACT or not framed_by(token, phrases):
        return None
    node = token.head
    for _ in range(MAX_CLIMB):
        framed = by_head.get(node.i)
        if framed is not None and not framed.nominal:
            base = framed.dating
            if base is None:
                return None
            return Dating(base.begin, base.end, base.granularity, "framing-event", base.anchor_date,
                          None, None, framed.index)
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def restated_dating(event: EventMention, doc: Doc, events: list[EventMention],
                    classes: frozenset[str]) -> Dating | None:
    """The stated date of the same event told elsewhere in the article (see the module docstring)."""
    if event.nominal or event.negated or event.event_class not in classes or not event.agents:
        return None
    tense = clause_tense(doc[event.head])
    if tense == "future":
        return None
    same = [d for d in events if d.dating is not None and d.dating.expression is not None
            and clause_tense(doc[d.head]) == tense
            and d.index != event.index and d.sentence_index != event.sentence_index and not d.negated
            and not d.nominal and d.event_class == event.event_class
            and set(d.agents) == set(event.agents) and set(d.patients) == set(event.patients)
            and (d.theme is None) == (event.theme is None) and not themes_differ(d.theme, event.theme)]
    if not same or len({(d.dating.begin, d.dating.end) for d in same}) > 1:
        return None
    base = same[0].dating
    return Dating(base.begin, base.end, base.granularity, "restated-in-article", base.anchor_date,
                  None, None, same[0].index)
