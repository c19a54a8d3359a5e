"""Who speaks for which state in one article: the title written with a name.

The knowledge says who speaks for a state wherever they appear (the Kremlin
for Russia, a head of state for their state). An article adds voices of its
own: a person whose title holds a voice word (``voice_words`` in
``ontology/actors.toml``: spokesman, envoy, aide …) and names a state speaks
for that state in it ("German government spokesman Jan Roe", "Jan Roe, the
Chilean envoy, said"), so what they report of a call is that state's readout
of it (``lead-readout`` in :mod:`.lead`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Token

from graph.extract.records import ActorMention
from graph.knowledge import Knowledge

#: The links of the words written before a name in its noun phrase ("German government spokesman").
TITLE_DEPS = {"compound", "amod", "poss", "nmod", "case", "det", "punct"}


def article_voices(doc: Doc, mentions: list[ActorMention], knowledge: Knowledge) -> dict[str, str]:
    """The knowledge's ``speaks_for`` with the article's own voices added (person → state)."""
    speaks_for = dict(knowledge.speaks_for)
    if not knowledge.voice_words:
        return speaks_for
    states: dict[int, str] = {}
    for mention in mentions:
        state = mention.name if mention.kind == "Country" else knowledge.speaks_for.get(mention.name)
        if state is not None and mention.rule != "pronoun":
            states.update((i, state) for i in range(*mention.tokens))
    words = _pattern(knowledge.voice_words)
    for mention in mentions:
        if (mention.kind != "Person" and mention.known) or mention.rule == "pronoun" or mention.name in speaks_for:
            continue
        title = _title(doc, mention)
        state = next((states[t.i] for t in title if t.i in states), None)
        if state is not None and words.search(" ".join(t.lower_ for t in title)):
            speaks_for[mention.name] = state
    return speaks_for


def _title(doc: Doc, mention: ActorMention) -> list[Token]:
    """The words written before a name in its noun phrase ("German government spokesman") and
    those of its apposition (", the Chilean envoy,")."""
    first, end = mention.tokens
    root = doc[first:end].root
    if root.dep_ == "appos" and root.head.i < first:       # "Chile's chief negotiator Ana Soto"
        return [t for t in root.head.subtree if t.i < first]
    before = [t for t in root.subtree if t.i < first and t.dep_ in TITLE_DEPS]
    beside = [t for c in root.children if c.dep_ == "appos" for t in c.subtree]
    return before + beside


@lru_cache(maxsize=4)
def _pattern(words: frozenset[str]) -> re.Pattern[str]:
    """The voice words as one pattern, made once per knowledge (not once per article)."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")
