"""Read the merged graph (see docs/contract.md) into a view model for the timeline page.

Everything the HTML page shows comes from here: the canonical events with
their dates, class, actors, sources, evidence sentences, claims and merge
notes. The view model holds plain Python values only (no rdflib terms), is
sorted, and keeps article text as text: escaping is the page writer's job.

The graph is read in bulk: each predicate the page needs is collected in one
pass over its triples (see :class:`Facts`), then events are assembled from
those tables, so the time grows with the number of triples and not with the
number of lookups.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from rdflib import Graph, URIRef

from graph.export.timeline_dates import end_of, format_value, format_when, parse_date
from graph.rdf.triples import Blank, Lit, Term, TripleGraph, from_rdflib, plain_index



class _Vocabulary:
    """A namespace whose terms are plain IRI strings (``TL.mention``, ``TL["PhoneCall"]``)."""

    def __init__(self, base: str) -> None:
        self.base = base

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        return self.base + name

    def __getitem__(self, name: str) -> str:
        return self.base + name


TL = _Vocabulary("https://w3id.org/timeline-kg/ontology#")
SEM = _Vocabulary("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = _Vocabulary("http://www.w3.org/ns/prov#")
SCHEMA = _Vocabulary("https://schema.org/")
TIME = _Vocabulary("http://www.w3.org/2006/time#")
OA = _Vocabulary("http://www.w3.org/ns/oa#")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
Node = Term

EVENT_CLASSES: tuple[str, ...] = (
    "PhoneCall", "Meeting", "Talks", "Visit", "Agreement", "Ceasefire", "Refusal", "Demand",
    "Proposal", "Statement", "Order", "PrisonerExchange", "Attack", "Invasion", "Annexation", "Other",
)
EVENT_CLASSES_ORDER = {name: i for i, name in enumerate(EVENT_CLASSES)}
GRANULARITIES: dict[Node, str] = {
    TIME.unitDay: "day", TIME.unitWeek: "week", TIME.unitMonth: "month", TIME.unitYear: "year",
    TL.unitInterval: "interval",
}
LABEL, NAME = RDFS_LABEL, SCHEMA.name
BEGIN, END, STAMP, GRANULARITY, PLACE = (
    SEM.hasBeginTimeStamp, SEM.hasEndTimeStamp, SEM.hasTimeStamp, TL.granularity, SEM.hasPlace)
ACTOR_PREDICATES = (SEM.hasActor, TL.hasAgent, TL.hasPatient)
DERIVED_FROM, ATTRIBUTED_TO, MENTION, MERGE_NOTE = (
    PROV.wasDerivedFrom, PROV.wasAttributedTo, TL.mention, TL.mergeNote)
TRIGGER, EVIDENCE, RESOLUTION, EXPRESSION, RULE = (
    TL.trigger, TL.evidence, TL.dateResolution, TL.timeExpression, TL.rule)
TARGET, SOURCE, SELECTOR, START, STOP, EXACT = (
    OA.hasTarget, OA.hasSource, OA.hasSelector, OA.start, OA.end, OA.exact)
ABOUT, PROPERTY, VALUE, QUALIFIER, TEXT = TL.about, TL.property, TL.value, TL.qualifier, TL.text
IDENTIFIER, PUBLISHER, PUBLISHED, HEADLINE, URL = (
    SCHEMA.identifier, SCHEMA.publisher, SCHEMA.datePublished, SCHEMA.headline, SCHEMA.url)
PREDICATES = (
    LABEL, NAME, BEGIN, END, STAMP, GRANULARITY, PLACE, *ACTOR_PREDICATES, DERIVED_FROM, ATTRIBUTED_TO, MENTION,
    MERGE_NOTE, TRIGGER, EVIDENCE, RESOLUTION, EXPRESSION, RULE, TARGET, SOURCE, SELECTOR, START, STOP, EXACT,
    ABOUT, PROPERTY, VALUE, QUALIFIER, TEXT, IDENTIFIER, PUBLISHER, PUBLISHED, HEADLINE, URL,
)
ACTOR_KINDS = ("Person", "Country", "Organization")

_STAMP = r"\d{4}(?:-\d{2}){0,2}"
_TRAILING_DATE = re.compile(rf"\s*\((?:week of )?{_STAMP}(?:\s*(?:/|–|--)\s*{_STAMP})?\)$")


@dataclass(frozen=True)
class Article:
    """One source article as the side panel lists it."""

    iri: str
    identifier: str
    outlet: str
    published: str
    headline: str
    url: str | None


@dataclass(frozen=True)
class Evidence:
    """One mention of an event: its sentence split around the trigger."""

    article: str
    offset: int | None
    trigger: str
    before: str
    hit: str
    after: str
    expression: str
    rule: str


@dataclass(frozen=True)
class ClaimValue:
    """One value a set of sources states for a claimed property."""

    value: str
    qualifier: str
    text: str
    sources: tuple[str, ...]
    attributed_to: tuple[str, ...]


@dataclass(frozen=True)
class ClaimGroup:
    """All values stated for one property of one event."""

    property: str
    values: tuple[ClaimValue, ...]

    @property
    def differ(self) -> bool:
        """True when the sources disagree."""
        return len({(v.qualifier, v.value) for v in self.values}) > 1


@dataclass(frozen=True)
class Actor:
    """An actor node."""

    iri: str
    label: str
    kind: str


@dataclass
class Event:
    """A canonical event with everything the page shows about it."""

    iri: str
    label: str
    cls: str
    begin: dt.date | None
    end: dt.date | None
    granularity: str
    actors: tuple[str, ...]
    place: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    claims: tuple[ClaimGroup, ...]
    merge_notes: tuple[str, ...]
    mentions: tuple[str, ...]
    anchor: bool = False

    @property
    def short_label(self) -> str:
        """The label without a trailing date in parentheses (the page shows the date beside it)."""
        return _TRAILING_DATE.sub("", self.label) or self.label

    @property
    def lead_offset(self) -> float:
        """How early the articles report it: the mean character offset of its evidence sentences."""
        offsets = [ev.offset for ev in self.evidence if ev.offset is not None]
        return sum(offsets) / len(offsets) if offsets else math.inf

    @property
    def date_text(self) -> str:
        """The date as a reader says it, at the event's granularity."""
        return format_when(self.begin, self.end, self.granularity)

    @property
    def sort_key(self) -> tuple:
        """Chronological order; undated events last."""
        undated = self.begin is None
        return (undated, self.begin or dt.date.max, EVENT_CLASSES_ORDER.get(self.cls, 99), self.label, self.iri)


@dataclass
class TimelineView:
    """The whole page's content: events (chronological), actors and articles by IRI."""

    events: list[Event]
    actors: dict[str, Actor] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)


def text_of(term: Node | None) -> str:
    """What the term says as text: an IRI, a literal's lexical form, a blank node's label."""
    if type(term) is str:
        return term
    if type(term) is Lit:
        return term.lexical
    if type(term) is Blank:
        return term.label
    return str(term)


def local_name(term: Node) -> str:
    """The last path or fragment segment of an IRI."""
    text = text_of(term)
    return re.split(r"[#/]", text.rstrip("/#"))[-1] or text


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


class Facts:
    """The objects of every predicate the page needs, by subject, each read in one pass."""

    def __init__(self, graph: Graph) -> None:
        self.by: dict[str, dict[Node, list[Node]]] = {predicate: defaultdict(list) for predicate in PREDICATES}
        self.types: dict[Node, set[Node]] = defaultdict(set)
        self.parents: dict[Node, list[Node]] = defaultdict(list)
        by = self.by
        if isinstance(graph, TripleGraph) and graph.is_plain:
            for subject, predicates in plain_index(graph).items():
                for predicate, objects in predicates.items():
                    table = by.get(predicate)
                    if table is not None:
                        table[subject].extend(objects)
                    elif predicate == RDF_TYPE:
                        for obj in objects:
                            self.types[obj].add(subject)
                    elif predicate == SUBCLASS_OF:
                        for obj in objects:
                            self.parents[obj].append(subject)
            return
        # any other rdflib graph: read only the predicates the page needs
        for predicate, table in by.items():
            for subject, obj in graph.subject_objects(URIRef(predicate)):
                table[from_rdflib(subject)].append(from_rdflib(obj))
        for subject, obj in graph.subject_objects(URIRef(RDF_TYPE)):
            self.types[from_rdflib(obj)].add(from_rdflib(subject))
        for subject, obj in graph.subject_objects(URIRef(SUBCLASS_OF)):
            self.parents[from_rdflib(obj)].append(from_rdflib(subject))

    def typed(self, cls: Node) -> set[Node]:
        """The subjects with ``rdf:type cls``."""
        return set(self.types.get(cls, ()))

    def subclasses(self, cls: Node) -> list[Node]:
        """``cls`` and every class that is a (transitive) rdfs:subClassOf it."""
        found, todo = [cls], [cls]
        seen = {cls}
        while todo:
            for child in self.parents.get(todo.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    found.append(child)
                    todo.append(child)
        return found

    def all(self, subject: Node, predicate: Node) -> list[Node]:
        """Every object of ``subject predicate``."""
        return self.by[predicate].get(subject, [])

    def one(self, subject: Node | None, predicate: Node) -> Node | None:
        """The first object by string order, or None."""
        values = self.by[predicate].get(subject) if subject is not None else None
        if not values:
            return None
        return values[0] if len(values) == 1 else min(values, key=text_of)

    def text(self, subject: Node | None, predicate: Node) -> str:
        """The first literal object by string order, or ``""``."""
        values = self.by[predicate].get(subject) if subject is not None else None
        if not values:
            return ""
        if len(values) == 1:
            return values[0].lexical if type(values[0]) is Lit else ""
        return min((v.lexical for v in values if type(v) is Lit), default="")

    def label(self, subject: Node) -> str:
        """``rdfs:label``, else ``schema:name``, else the IRI's last segment."""
        return self.text(subject, LABEL) or self.text(subject, NAME) or local_name(subject)


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


def read_timeline(graph: Graph) -> TimelineView:
    """Read every canonical event of ``graph`` (a ``graph.ttl`` per the contract)."""
    reader = Reader(graph)
    events = reader.events()
    for event in choose_anchors(events):
        event.anchor = True
    return TimelineView(events=events, actors=reader.actors, articles=reader.articles)


def days_apart(a: Event, b: Event) -> float:
    """Days between two events' periods (0 when they overlap; infinite when one is undated)."""
    if a.begin is None or b.begin is None or a.end is None or b.end is None:
        return math.inf
    return max(0, (b.begin - a.end).days, (a.begin - b.end).days)


def choose_anchors(events: list[Event], count: int = 2, apart: int = 7) -> list[Event]:
    """The most-reported dated events, one per story.

    Ranked by the number of sources, then by how often those sources mention
    the event, then by how early in the articles it comes. Each further
    anchor must lie at least ``apart`` days from those already chosen, so two
    reports of one day's news do not take both places; when no such event is
    left, the next most-reported one is taken. Undated events are never
    anchors: an anchor is a place on the time axis.
    """
    ranked = sorted((e for e in events if e.begin is not None),
                    key=lambda e: (-len(e.sources), -len(e.mentions), e.lead_offset, e.sort_key))
    chosen: list[Event] = []
    for event in ranked:
        if len(chosen) < count and all(days_apart(event, other) >= apart for other in chosen):
            chosen.append(event)
    for event in ranked:
        if len(chosen) < count and event not in chosen:
            chosen.append(event)
    return chosen
