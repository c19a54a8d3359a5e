"""Which clause a time belongs to, read from the words right around it.

A time that bounds an event ("since 2019", "until Friday") is not its time,
unless a possessive makes it the time of the noun after it ("after Monday's
meeting"); a time right after a speech verb is the speaking's ("said on
Saturday it would …"), whatever verb the parser hangs it on. The word before
a time is also what :mod:`.precedent` reads ("the first call since March").
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc

from graph.extract.dates import TimeMention
from graph.knowledge import Knowledge

#: How far back the word before a time is looked for (a word longer than this is no bounding word).
LAST_WORD = 40


def word_before(text: str, time: TimeMention) -> str | None:
    """The word written right before the time, lower-cased (None at the start of the text)."""
    before = text[max(0, time.start - LAST_WORD):time.start].split()
    return before[-1].lower() if before else None


def bounding(text: str, time: TimeMention, bounds: frozenset[str]) -> bool:
    """"since 2019", "until Friday": a time that bounds an event is not its time ("after Monday's
    meeting": a possessive is the noun's time, and bounds nothing)."""
    if text.startswith(("'s", "’s"), time.end):
        return False
    return word_before(text, time) in bounds


@lru_cache(maxsize=4)
def speech_lemmas(knowledge: Knowledge) -> frozenset[str]:      # the one-word ``content`` triggers
    return frozenset(t.lemma[0] for t in knowledge.triggers if t.content and len(t.lemma) == 1)


def said_on(doc: Doc, times: list[TimeMention], knowledge: Knowledge) -> list[TimeMention]:
    """"said on Saturday it would …": a time right after a speech verb is the speaking's time."""
    speech = speech_lemmas(knowledge)
    out = []
    for time in times:
        first = doc.char_span(time.start, time.end, alignment_mode="expand")
        before = doc[first.start - 1] if first is not None and first.start > 0 else None
        if (before is not None and time.head is not None and before.lemma_.lower() in speech
                and before.pos_ == "VERB" and time.head != before.i and before.is_ancestor(doc[time.head])):
            time = replace(time, head=before.i)
        out.append(time)
    return out
