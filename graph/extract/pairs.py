"""Phrases naming two actors named together before them: "the two leaders", "the two sides".

"Merz met Tusk in Warsaw, where the two leaders signed …": the pair a sentence
names together (conjoined, or subject and object of one verb); "the two
countries" the pair of states. :func:`graph.extract.actors.find_actor_mentions`
runs them after the names themselves are found.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span

from graph.extract.records import ActorMention
from graph.extract.references import SUBJECT_DEPS, mention_root
from graph.extract.text import doc_text

#: "The two countries" looks further back than a pronoun: a pair is the story's, kept for longer.
PAIR_LOOKBACK_SENTENCES = 6


def _pair_in(doc: Doc, people: list[ActorMention], only_two: bool = True) -> tuple[str, str] | None:
    """The two people a sentence names together: conjoined ("Trump and Putin", "Foreign Minister
    Abbas Araghchi and Steve Witkoff": the parser may hang the second on any word of the first) or subject
    and object of one verb ("Trump told Putin", "Trump spoke with Putin"); or its only two
    (``only_two``)."""
    names = list(dict.fromkeys(m.name for m in people))
    for a in people:
        for b in people:
            if a.name == b.name or a.tokens[0] >= b.tokens[0]:
                continue
            ra, rb = mention_root(doc, a), mention_root(doc, b)
            verb_b = rb.head.head if rb.dep_ == "pobj" else rb.head
            if (rb.dep_ == "conj" and a.tokens[0] <= rb.head.i < a.tokens[1]) or (
                    ra.dep_ in SUBJECT_DEPS and rb.dep_ in ("dobj", "dative", "pobj") and verb_b.i == ra.head.i):
                return a.name, b.name
    return (names[0], names[1]) if only_two and len(names) == 2 else None


def pair_mentions(doc: Doc, named: list[ActorMention], phrases: tuple[str, ...] = (),
                  kind: str = "Person", state_nouns: frozenset[str] = frozenset()) -> list[ActorMention]:
    """"the two leaders": the two people named together before it in its own sentence ("Merz
    met Tusk in Warsaw, where the two leaders signed …"), else in the latest sentence before it
    (within a few sentences) that names a pair; "the two countries" (``kind`` Country): the two
    states so named in an earlier sentence ("Egypt and Qatar said both sides had agreed": the
    sides are others), unless its own sentence names no state but two people together before it
    ("Trump met Ishiba, but the two sides did not reach a deal": the sides are theirs), or a
    sentence before it names two people together after the last that named two states ("Modi
    told Putin … The two sides agreed": theirs too); never so for a phrase whose noun names states
    only (``state_nouns``: "the two countries")."""
    sentences = list(doc.sents)
    by_sentence = _by_sentence(named, kind, sentences)
    pairs = [_pair_in(doc, found) for found in by_sentence]
    together = [_pair_in(doc, found, only_two=False) for found in by_sentence]
    people_pairs: list[tuple[str, str] | None] = []
    if kind != "Person" and phrases:
        people_pairs = [_pair_in(doc, found, only_two=False) for found in _by_sentence(named, "Person", sentences)]
    sentence_of = {s.start: n for n, s in enumerate(sentences)}
    text = doc_text(doc).lower()
    mentions = []
    spans = sorted({found for phrase in phrases for found in _phrase_spans(doc, text, phrase)})
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="strict")
        if span is None or any(c.dep_ == "prep" and c.lower_ == "of" for c in span.root.children):
            continue
        here = sentence_of[span.sent.start]
        before = _pair_in(doc, [m for m in by_sentence[here] if m.tokens[1] <= span.start], only_two=False) \
            if kind == "Person" else None
        found = [before] if before else []
        people_may = kind != "Person" and span[-1].lower_ not in state_nouns
        if people_may and not by_sentence[here]:
            people = [m for m in named if m.kind == "Person" and span.sent.start <= m.tokens[0]
                      and m.tokens[1] <= span.start]
            met = _pair_in(doc, people, only_two=False)
            if met:
                mentions.append(_standing_for(span, met, "Person"))
                continue
        back = range(here - 1, max(-1, here - 1 - PAIR_LOOKBACK_SENTENCES), -1)
        found += [pairs[n] for n in back if pairs[n]]
        if people_may and not by_sentence[here]:
            people = next((n for n in back if people_pairs[n]), None)
            states = next((n for n in back if pairs[n]), None)
            if people is not None and (states is None or people > states):
                mentions.append(_standing_for(span, people_pairs[people], "Person"))
                continue
        if found:
            mentions.append(_standing_for(span, found[0], kind))
            if not together[here]:      # "Under the deal, the two countries … southern Armenia … the
                pairs[here] = found[0]  # United States": the sentence's pair is the phrase's, not its two
    return mentions


def _by_sentence(named: list[ActorMention], kind: str, sentences: list[Span]) -> list[list[ActorMention]]:
    """The mentions of ``kind``, by sentence."""
    starts = [s.start for s in sentences]
    found: list[list[ActorMention]] = [[] for _ in sentences]
    for mention in named:
        if mention.kind == kind:
            found[bisect.bisect(starts, mention.tokens[0]) - 1].append(mention)
    return found


def _standing_for(span: Span, pair: tuple[str, str], kind: str) -> ActorMention:
    """The phrase ``span`` as a mention of the two actors of ``pair``."""
    first, second = pair
    return ActorMention(span.start_char, span.end_char, (span.start, span.end), span.text, first, kind, True,
                        "pronoun", (second,))


#: How many describing words a pair phrase may take before its noun ("the two leftist leaders").
PAIR_MODIFIERS = 3
#: Words that count a pair phrase's members: only such a phrase takes describing words.
COUNTED = {"two", "both"}
#: What those words may be: adjectives and names of peoples ("the two Latin American leaders").
MODIFIER_POS = {"ADJ", "PROPN"}


def _phrase_spans(doc: Doc, text: str, phrase: str) -> list[tuple[int, int]]:
    """Where ``phrase`` is written in the lower-cased ``text``: as it stands, or, for a phrase that
    counts two (:data:`COUNTED`), with up to :data:`PAIR_MODIFIERS` adjectives before its last word
    ("the two leftist leaders", "both Gulf states"; "the European leaders" are no pair)."""
    found = []
    start = text.find(phrase)
    while start >= 0:
        found.append((start, start + len(phrase)))
        start = text.find(phrase, start + len(phrase))
    words = phrase.split()
    if len(words) >= 2 and COUNTED & set(words):      # not "the leaders": "the European leaders" are many
        head, noun = " ".join(words[:-1]), words[-1]
        pattern = re.compile(r"\b" + re.escape(head) + r"((?: [\w-]+){1,%d}) " % PAIR_MODIFIERS + re.escape(noun) + r"\b")
        for match in pattern.finditer(text):
            middle = doc.char_span(match.start(1) + 1, match.end(1), alignment_mode="strict")
            if middle is not None and all(t.pos_ in MODIFIER_POS for t in middle):
                found.append(match.span())
    return sorted(set(found))
