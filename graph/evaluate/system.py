"""The system's side: what the merged graph (``graph.ttl``) says, per article.

For each article A, the system events of A are the canonical events (anything
with ``tl:mention``) that have a mention derived from A, each with its class,
begin/end, participants and the evidence sentences of its mentions from A.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from graph.errors import InputError
from graph.evaluate.gold import ActorResolver, part_span
from graph.rdf.namespaces import OA, SCHEMA, SEM, TL

NOT_EVENT_CLASSES = {"EventMention", "Claim", "DateResolution"}


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str
    trigger: str = ""          # the mention's trigger word(s) in this sentence


@dataclass(frozen=True)
class SystemEvent:
    """One canonical event as one article sees it."""

    iri: str
    article: str                           # the article's stem
    event_class: str
    begin: dt.date | None
    end: dt.date | None
    participants: tuple[str, ...]          # rdfs:label of each actor, sorted
    actors: frozenset[str]                 # canonical names (labels, altLabels, speaksFor resolved)
    evidence: tuple[Evidence, ...]         # the sentences of its mentions from this article, by position
    mentions: tuple[str, ...]
    articles: tuple[str, ...]              # stems of every article it has mentions from
    part_of: tuple[str, ...] = ()          # IRIs of the events it is a sub-event of (sem:subEventOf)

    @property
    def dated(self) -> bool:
        return self.begin is not None

    @property
    def dates(self) -> str:
        if self.begin is None:
            return "undated"
        return self.begin.isoformat() if self.begin == self.end else f"{self.begin}..{self.end}"

    @property
    def first_evidence(self) -> str:
        return self.evidence[0].text if self.evidence else ""

    @property
    def first_trigger(self) -> str:
        return self.evidence[0].trigger if self.evidence else ""


@dataclass(frozen=True)
class Claim:
    iri: str
    about: str
    prop: str
    value: str
    qualifier: str | None
    text: str
    articles: tuple[str, ...]              # stems


def load_graph(path: Path) -> Graph:
    """The merged graph; ``path`` may be the file or the export folder holding ``graph.ttl``."""
    path = Path(path)
    if path.is_dir():
        path = path / "graph.ttl"
    if not path.is_file():
        raise InputError("graph file does not exist", path=path, hint="run 'timeline-kg build' first")
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many parser exception types
        raise InputError(f"cannot parse the graph: {exc}", path=path) from exc
    return graph


def _local(iri) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _day(value) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _span(graph: Graph, node) -> tuple[dt.date | None, dt.date | None]:
    begin = _day(graph.value(node, SEM.hasBeginTimeStamp))
    end = _day(graph.value(node, SEM.hasEndTimeStamp))
    if begin is None and end is None:
        stamp = graph.value(node, SEM.hasTimeStamp)
        if isinstance(stamp, Literal):
            try:
                return part_span(str(stamp)[:10] if stamp.datatype == XSD.date else str(stamp))
            except ValueError:
                return None, None
        return None, None
    return begin or end, end or begin


def article_stems(graph: Graph) -> dict[str, URIRef]:
    """Stem (``schema:identifier``, else the IRI's last segment) → article IRI."""
    stems = {}
    for node in set(graph.subjects(RDF.type, SCHEMA.NewsArticle)) | set(graph.objects(None, PROV.wasDerivedFrom)):
        if isinstance(node, URIRef) and "/article/" in str(node):
            stems[str(graph.value(node, SCHEMA.identifier) or _local(node))] = node
    return stems


def _actor_names(graph: Graph, actor, resolver: ActorResolver) -> tuple[str, set[str]]:
    label = str(graph.value(actor, RDFS.label) or _local(actor))
    forms = [label, *(str(a) for a in graph.objects(actor, SKOS.altLabel))]
    state = graph.value(actor, TL.speaksFor)
    if state is not None:
        forms.append(str(graph.value(state, RDFS.label) or _local(state)))
    return label, {resolver.resolve(form) for form in forms}


def _evidence(graph: Graph, mention) -> list[Evidence]:
    found = []
    trigger = str(graph.value(mention, TL.trigger) or "")
    for annotation in graph.objects(mention, TL.evidence):
        for target in graph.objects(annotation, OA.hasTarget):
            for selector in graph.objects(target, OA.hasSelector):
                if str(selector).endswith("/sentence"):
                    exact = graph.value(selector, OA.exact)
                    start = graph.value(selector, OA.start)
                    end = graph.value(selector, OA.end)
                    found.append(Evidence(int(start) if start is not None else -1,
                                          int(end) if end is not None else -1, str(exact or ""), trigger))
    return found


def _event_class(graph: Graph, node) -> str:
    classes = sorted(_local(c) for c in graph.objects(node, RDF.type)
                     if str(c).startswith(str(TL)) and _local(c) not in NOT_EVENT_CLASSES)
    return classes[0] if classes else "Other"


def read_system_events(graph: Graph, resolver: ActorResolver) -> dict[str, list[SystemEvent]]:
    """Article stem → its system events, ordered by first evidence position then IRI."""
    stem_of = {iri: stem for stem, iri in article_stems(graph).items()}
    per_article: dict[str, list[SystemEvent]] = {stem: [] for stem in stem_of.values()}
    actor_cache: dict = {}
    for node in sorted(set(graph.subjects(TL.mention, None)), key=str):
        begin, end = _span(graph, node)
        actors = set(graph.objects(node, SEM.hasActor)) | set(graph.objects(node, TL.hasAgent)) \
            | set(graph.objects(node, TL.hasPatient))
        labels, canonical = [], set()
        for actor in actors:
            if actor not in actor_cache:
                actor_cache[actor] = _actor_names(graph, actor, resolver)
            label, names = actor_cache[actor]
            labels.append(label)
            canonical |= names
        by_article: dict[str, list] = {}
        for mention in graph.objects(node, TL.mention):
            for source in graph.objects(mention, PROV.wasDerivedFrom):
                stem = stem_of.get(source, _local(source))
                by_article.setdefault(stem, []).append(mention)
        event_class = _event_class(graph, node)
        part_of = tuple(sorted(str(w) for w in graph.objects(node, SEM.subEventOf)))
        for stem, mentions in by_article.items():
            evidence = sorted({e for m in mentions for e in _evidence(graph, m)},
                              key=lambda e: (e.start, e.end, e.text, e.trigger))
            per_article.setdefault(stem, []).append(SystemEvent(
                iri=str(node), article=stem, event_class=event_class, begin=begin, end=end,
                participants=tuple(sorted(labels)), actors=frozenset(canonical), evidence=tuple(evidence),
                mentions=tuple(sorted(str(m) for m in mentions)), articles=tuple(sorted(by_article)),
                part_of=part_of,
            ))
    for events in per_article.values():
        events.sort(key=lambda e: (e.evidence[0].start if e.evidence else 1 << 30, e.iri))
    return per_article


def read_claims(graph: Graph) -> list[Claim]:
    stem_of = {iri: stem for stem, iri in article_stems(graph).items()}
    claims = []
    for node in sorted(set(graph.subjects(RDF.type, TL.Claim)), key=str):
        value = graph.value(node, TL.value)
        qualifier = graph.value(node, TL.qualifier)
        claims.append(Claim(
            iri=str(node), about=str(graph.value(node, TL.about) or ""),
            prop=_local(graph.value(node, TL.property) or ""), value=str(value) if value is not None else "",
            qualifier=str(qualifier) if qualifier is not None else None, text=str(graph.value(node, TL.text) or ""),
            articles=tuple(sorted(stem_of.get(a, _local(a)) for a in graph.objects(node, PROV.wasDerivedFrom))),
        ))
    return claims
