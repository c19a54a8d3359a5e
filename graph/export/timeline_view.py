"""Read the merged graph (see docs/contract.md) into a view model for the timeline page.

Everything the HTML page shows comes from here: the canonical events with
their dates, class, actors, sources, evidence sentences, claims and merge
notes. The view model holds plain Python values only (no rdflib terms), is
sorted, and keeps article text as text: escaping is the page writer's job.

The graph is read in bulk: each predicate the page needs is collected in one
pass over its triples (see :class:`~graph.export.timeline_facts.Facts`), then
events are assembled from those tables, so the time grows with the number of
triples and not with the number of lookups. The view model's classes are in
:mod:`timeline_model`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import urlsplit

from rdflib import Graph

from graph.export.timeline_dates import end_of, format_value, parse_date
from graph.export.timeline_facts import (
    ABOUT,
    ACTOR_KINDS,
    ACTOR_PREDICATES,
    ATTRIBUTED_TO,
    BEGIN,
    DERIVED_FROM,
    END,
    EVIDENCE,
    EXACT,
    EXPRESSION,
    GRANULARITIES,
    GRANULARITY,
    HEADLINE,
    IDENTIFIER,
    LABEL,
    MENTION,
    MERGE_NOTE,
    PLACE,
    PROPERTY,
    PUBLISHED,
    PUBLISHER,
    QUALIFIER,
    RESOLUTION,
    RULE,
    SCHEMA,
    SELECTOR,
    SEM,
    SOURCE,
    STAMP,
    START,
    STOP,
    TARGET,
    TEXT,
    TL,
    TRIGGER,
    URL,
    VALUE,
    Facts,
    Node,
    local_name,
    text_of,
)
from graph.export.timeline_model import (
    EVENT_CLASSES,
    EVENT_CLASSES_ORDER,
    Actor,
    Article,
    ClaimGroup,
    ClaimValue,
    Event,
    Evidence,
    TimelineView,
    choose_anchors,
)


def safe_url(value: str | None) -> str | None:
    """``value`` if it is an absolute http(s) URL without whitespace, else None."""
    if not value or any(ch.isspace() or ord(ch) < 32 for ch in value):
        return None
    parts = urlsplit(value)
    return value if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _int(term: Node | None) -> int | None:
    try:
        return int(text_of(term)) if term is not None else None
    except ValueError:
        return None


def _text_or_none(term: Node | None) -> str | None:
    return None if term is None else text_of(term)


def _event_classes(facts: Facts) -> dict[Node, str]:
    """Every class whose instances are canonical events, mapped to its lane name."""
    classes: dict[Node, str] = {TL[name]: name for name in EVENT_CLASSES}
    for cls in facts.subclasses(SEM.Event):
        if cls not in (SEM.Event, TL.EventMention) and cls not in classes:
            classes[cls] = local_name(cls)
    classes.setdefault(SEM.Event, "Other")
    return classes


def _split_sentence(sentence: str, start: int | None, t_start: int | None, t_end: int | None,
                    trigger: str) -> tuple[str, str, str]:
    """Cut ``sentence`` around the trigger, trusting offsets only when they match the text."""
    if start is not None and t_start is not None and t_end is not None:
        lo, hi = t_start - start, t_end - start
        if 0 <= lo < hi <= len(sentence) and (not trigger or sentence[lo:hi] == trigger):
            return sentence[:lo], sentence[lo:hi], sentence[hi:]
    at = sentence.find(trigger) if trigger else -1
    if at >= 0:
        return sentence[:at], trigger, sentence[at + len(trigger):]
    return sentence, "", ""


class Reader:
    """Builds the view model from the :class:`Facts` of one graph."""

    def __init__(self, graph: Graph) -> None:
        self.facts = facts = Facts(graph)
        self.classes = _event_classes(facts)
        self.mention_nodes = facts.typed(TL.EventMention)
        self.articles = self._articles()
        self.kinds = {node: kind for kind in reversed(ACTOR_KINDS) for node in facts.typed(SCHEMA[kind])}
        claims = facts.typed(TL.Claim)
        self.claims_of: dict[Node, list[Node]] = defaultdict(list)
        for claim, events in facts.by[ABOUT].items():
            if claim in claims:
                for event in events:
                    self.claims_of[event].append(claim)
        self.published = {iri: article.published for iri, article in self.articles.items()}
        self.class_names: dict[Node, list[str]] = defaultdict(list)
        for cls, name in self.classes.items():
            for node in facts.typed(cls) - self.mention_nodes:
                self.class_names[node].append(name)
        self.actors: dict[str, Actor] = {}

    def _articles(self) -> dict[str, Article]:
        facts = self.facts
        derived = {o for objects in facts.by[DERIVED_FROM].values() for o in objects}
        found: dict[str, Article] = {}
        for node in facts.typed(SCHEMA.NewsArticle) | derived:
            if type(node) is not str or node in self.mention_nodes:
                continue
            publisher = facts.one(node, PUBLISHER)
            url = facts.one(node, URL)
            found[node] = Article(
                iri=node, identifier=facts.text(node, IDENTIFIER) or local_name(node),
                outlet=facts.label(publisher) if publisher is not None else "",
                published=facts.text(node, PUBLISHED), headline=facts.text(node, HEADLINE),
                url=safe_url(text_of(url)) if url is not None else None)
        return found

    def _article_name(self, node: Node) -> str:
        article = self.articles.get(text_of(node))
        return article.identifier if article else local_name(node)

    def events(self) -> list[Event]:
        """Every canonical event, chronological, with the actors they name registered in ``actors``."""
        ordered = sorted(self.class_names, key=text_of)
        for event in ordered:
            for predicate in ACTOR_PREDICATES:
                for actor in self.facts.all(event, predicate):
                    name = text_of(actor)
                    if name not in self.actors:
                        self.actors[name] = Actor(name, self.facts.label(actor), self.kinds.get(actor, "Actor"))
        return sorted((self._event(event) for event in ordered), key=lambda e: e.sort_key)

    def _event_class(self, event: Node) -> str:
        names = self.class_names[event]
        specific = [n for n in names if n != "Other"] or names
        return min(specific, key=lambda n: (EVENT_CLASSES_ORDER.get(n, 99), n))

    def _event(self, event: Node) -> Event:
        facts = self.facts
        begin, implied = parse_date(_text_or_none(facts.one(event, BEGIN)))
        stamp, stamp_granularity = parse_date(_text_or_none(facts.one(event, STAMP)))
        if begin is None:
            begin, implied = stamp, stamp_granularity
        granularity = GRANULARITIES.get(facts.one(event, GRANULARITY)) or stamp_granularity or implied or "day"
        end, _ = parse_date(_text_or_none(facts.one(event, END)))
        if begin is not None and (end is None or end < begin):
            end = end_of(begin, granularity)
        mentions = sorted(facts.all(event, MENTION), key=text_of)
        sources = {text_of(a) for a in facts.all(event, DERIVED_FROM)}
        sources |= {text_of(a) for m in mentions for a in facts.all(m, DERIVED_FROM)}
        place = facts.one(event, PLACE)
        cls = self._event_class(event)
        named = {text_of(a) for p in ACTOR_PREDICATES for a in facts.all(event, p)}
        actors = tuple(sorted(named, key=lambda a: (self.actors[a].label, a)))
        label = facts.text(event, LABEL) or f"{cls}: {', '.join(self.actors[a].label for a in actors)}"
        return Event(
            iri=text_of(event), label=label, cls=cls, begin=begin, end=end, granularity=granularity, actors=actors,
            place=facts.label(place) if place is not None else "",
            sources=tuple(sorted(sources, key=lambda a: (self.published.get(a, ""), a))),
            evidence=tuple(self._evidence(m) for m in mentions), claims=self._claims(event),
            merge_notes=tuple(sorted(text_of(n) for n in facts.all(event, MERGE_NOTE))),
            mentions=tuple(text_of(m) for m in mentions))

    def _evidence(self, mention: Node) -> Evidence:
        facts = self.facts
        article = facts.one(mention, DERIVED_FROM)
        trigger = facts.text(mention, TRIGGER)
        selectors: list[tuple[int, int, str]] = []
        for annotation in facts.all(mention, EVIDENCE):
            for target in facts.all(annotation, TARGET):
                article = article or facts.one(target, SOURCE)
                for selector in facts.all(target, SELECTOR):
                    start, end = _int(facts.one(selector, START)), _int(facts.one(selector, STOP))
                    if start is not None and end is not None:
                        selectors.append((start, end, facts.text(selector, EXACT)))
        selectors.sort(key=lambda s: (s[0] - s[1], s[0], s[2]))
        before = hit = after = ""
        if selectors:
            s_start, s_end, sentence = selectors[0]
            inner = next((s for s in reversed(selectors[1:]) if s_start <= s[0] and s[1] <= s_end), None)
            if inner is None:
                before, hit, after = _split_sentence(sentence, None, None, None, trigger)
            else:
                before, hit, after = _split_sentence(sentence, s_start, inner[0], inner[1], inner[2] or trigger)
        resolution = facts.one(mention, RESOLUTION)
        return Evidence(
            article=self._article_name(article) if article is not None else "",
            offset=selectors[0][0] if selectors else None, trigger=trigger, before=before, hit=hit, after=after,
            expression=facts.text(resolution, EXPRESSION), rule=facts.text(resolution, RULE))

    def _claims(self, event: Node) -> tuple[ClaimGroup, ...]:
        facts = self.facts
        grouped: dict[str, dict[tuple[str, str], list[Node]]] = {}
        for claim in self.claims_of.get(event, ()):
            prop = local_name(facts.one(claim, PROPERTY) or TL.unknown)
            key = (format_value(_text_or_none(facts.one(claim, VALUE))), facts.text(claim, QUALIFIER))
            grouped.setdefault(prop, {}).setdefault(key, []).append(claim)
        groups = []
        for prop in sorted(grouped):
            values = []
            for (value, qualifier), claims in sorted(grouped[prop].items()):
                sources = {self._article_name(a) for c in claims for a in facts.all(c, DERIVED_FROM)}
                attributed = {self.actors[text_of(a)].label if text_of(a) in self.actors else facts.label(a)
                              for c in claims for a in facts.all(c, ATTRIBUTED_TO)}
                texts = sorted({facts.text(c, TEXT) for c in claims} - {""})
                values.append(ClaimValue(value, qualifier, " / ".join(texts), tuple(sorted(sources)),
                                         tuple(sorted(attributed))))
            groups.append(ClaimGroup(prop, tuple(values)))
        return tuple(groups)


def read_timeline(graph: Graph, kept: Iterable[Event] = ()) -> TimelineView:
    """Read every canonical event of ``graph`` (a ``graph.ttl`` per the contract), and take the events
    ``kept`` (read from another graph with the same triples of theirs, anchors not chosen) as they are:
    their actors are read from ``graph``, which describes every actor (see :mod:`timeline_kept`)."""
    reader = Reader(graph)
    events = reader.events()
    kept = list(kept)
    if kept:
        facts = reader.facts
        for event in kept:
            for name in event.actors:
                if name not in reader.actors:
                    reader.actors[name] = Actor(name, facts.label(name), reader.kinds.get(name, "Actor"))
        events = sorted(events + kept, key=lambda e: e.sort_key)
    for event in choose_anchors(events):
        event.anchor = True
    return TimelineView(events=events, actors=reader.actors, articles=reader.articles)
