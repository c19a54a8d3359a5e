"""One parsed article → its :class:`~graph.extract.records.ArticleExtraction`: the extractors in order.

:func:`extract_article` runs :mod:`~graph.extract.repair` (a parse mended
first), :mod:`~graph.extract.furniture` (what is not the story),
:mod:`~graph.extract.actors`, :mod:`~graph.extract.dates`,
:mod:`~graph.extract.events`, :mod:`~graph.extract.anchoring` (dating events)
and :mod:`~graph.extract.claims`. It is its own module so that reading the
records (a rebuild from the per-article cache) does not import spaCy.
"""

from __future__ import annotations

from spacy.tokens import Doc

from graph.extract.actors import find_actor_mentions
from graph.extract.attachment import speech_lemmas
from graph.extract.anchoring import date_events
from graph.extract.claims import attach_durations
from graph.extract.dates import find_time_mentions
from graph.extract.events import find_event_mentions
from graph.extract.framing import link_frames
from graph.extract.furniture import furniture_spans, in_furniture
from graph.extract.repair import closing_attributions, nouns_taken_for_verbs, particles_with_objects
from graph.extract.voices import article_voices
from graph.extract.records import ArticleExtraction
from graph.ingest import Article
from graph.knowledge import Knowledge

#: Mentions that stand for an actor without naming it: their words are no name of it
#: ("he"; "Putin" in "a Putin envoy", which stands for Russia).
STANDING_IN = {"pronoun", "entourage"}


def _furniture_sentences(doc: Doc, spans: list[tuple[int, int]]) -> set[int]:
    """Indexes of the sentences of ``doc`` that are mostly (more than half) inside furniture ``spans``.

    A story sentence holding a short furniture span (an inline photo credit) is kept.
    """
    skipped = set()
    for n, sent in enumerate(doc.sents):
        inside = sum(max(0, min(sent.end_char, b) - max(sent.start_char, a)) for a, b in spans)
        if inside * 2 > sent.end_char - sent.start_char:
            skipped.add(n)
    return skipped


def extract_article(doc: Doc, article: Article, knowledge: Knowledge) -> ArticleExtraction:
    """Everything one parsed article states: dated event mentions and their actors."""
    closing_attributions(doc, speech_lemmas(knowledge))
    particles_with_objects(doc)
    nouns_taken_for_verbs(doc)
    furniture = furniture_spans(article.text)
    skip = _furniture_sentences(doc, furniture)
    actors = [m for m in find_actor_mentions(doc, knowledge, article.published)
              if not in_furniture(m.start, furniture)]
    events = find_event_mentions(doc, knowledge, actors, skip)
    times = [t for t in find_time_mentions(doc, article.published) if not in_furniture(t.start, furniture)]
    events = link_frames(events, doc, knowledge.extra.framing_preps)
    events = date_events(doc, events, times, article.published, knowledge, article_voices(doc, actors, knowledge))
    events = attach_durations(article.text, events)
    used = {name for e in events for name in e.actors}
    used |= {e.speaker for e in events if e.speaker} | {c.speaker for e in events for c in e.claims if c.speaker}
    kinds: dict[str, str] = {}
    surfaces: dict[str, set[str]] = {name: set() for name in used}
    for mention in actors:
        if mention.name in used:
            if mention.kind != "Place":
                kinds.setdefault(mention.name, mention.kind)
            if mention.rule not in STANDING_IN:
                surfaces[mention.name].add(mention.text)
    for name in used:
        known = knowledge.by_name.get(name)
        kinds[name] = known.kind if known else kinds.get(name, "Organization")
    return ArticleExtraction(
        stem=article.stem, events=tuple(events),
        actors={name: (kinds[name], frozenset(surfaces[name])) for name in sorted(used)},
        skipped_lines=tuple(furniture),
    )
