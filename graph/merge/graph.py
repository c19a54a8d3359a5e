"""The merged graph: canonical events, their mentions, actors and claims, plus the merge log."""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass, field, replace

from rdflib import Graph, URIRef

from graph.extract.records import ArticleExtraction, Dating, EventMention
from graph.gc_pause import paused_gc
from graph.ingest import Article
from graph.knowledge import Knowledge
from graph.merge.actors import resolve_actors
from graph.merge.events import Cluster, Decision, MentionRef, cluster_mentions
from graph.merge.kept import KeptClusters, cluster_kept
from graph.rdf import ids
from graph.rdf.describe import (add_actor, add_article, add_claim, add_event, add_event_mention, add_merge_note,
                                add_place, add_provenance, add_sub_event, event_label)
from graph.rdf.namespaces import new_graph
from graph.rdf.triples import TripleGraph


@dataclass(frozen=True)
class CanonicalEvent:
    iri: URIRef
    event_class: str
    dating: Dating | None
    agents: tuple[str, ...]
    patients: tuple[str, ...]
    places: tuple[str, ...]
    members: tuple[MentionRef, ...]
    reasons: tuple[str, ...]

    @property
    def actors(self) -> tuple[str, ...]:
        return self.agents + self.patients


@dataclass(frozen=True)
class MergeResult:
    graph: Graph | None                             # None when not described (see :func:`merged_graph`)
    events: tuple[CanonicalEvent, ...]
    decisions: tuple[Decision, ...]                 # of the clustering, for :attr:`log`
    sub_events: tuple[tuple[str, str], ...] = ()     # (part, whole) IRIs, as :func:`sub_events` gives them
    actors: dict[str, tuple[str, set[str]]] = field(default_factory=dict)   # canonical name → (kind, forms)

    @functools.cached_property
    def log(self) -> dict:
        """The merge log (see :func:`_log`), made when first asked for: a build asks after it has
        started the page, which does not need it (0.9 s at 10,000 articles)."""
        with paused_gc():
            return _log(self.events, list(self.decisions))


def _canonical_names(extractions: list[ArticleExtraction], knowledge: Knowledge):
    actors: dict[str, tuple[str, set[str]]] = {}
    for extraction in extractions:
        for name, (kind, forms) in extraction.actors.items():
            actors.setdefault(name, (kind, set()))[1].update(forms)
    mapping = resolve_actors(actors, knowledge)
    merged: dict[str, tuple[str, set[str]]] = {}
    for name, (kind, forms) in actors.items():
        target = mapping[name]
        entry = merged.setdefault(target, (actors.get(target, (kind, set()))[0], set()))
        entry[1].update(forms | ({name} if name != target else set()))
    return mapping, merged


def _rename(event: EventMention, mapping: dict[str, str]) -> EventMention:
    """The mention with its actors' canonical names (the mention itself when that changes nothing)."""
    agents, patients, names_of = event.agents, event.patients, mapping.keys()
    if (names_of.isdisjoint(agents) and names_of.isdisjoint(patients) and event.speaker not in mapping
            and all(c.speaker not in mapping for c in event.claims)
            and len(set(agents)) == len(agents) and len(set(patients)) == len(patients)):
        return event

    def names(values):
        return tuple(dict.fromkeys(mapping.get(v, v) for v in values))
    agents, patients = names(event.agents), names(event.patients)
    speaker = mapping.get(event.speaker, event.speaker) if event.speaker else None
    claims = tuple(c if not c.speaker or mapping.get(c.speaker, c.speaker) == c.speaker
                   else replace(c, speaker=mapping[c.speaker]) for c in event.claims)
    if (agents, patients, speaker) == (event.agents, event.patients, event.speaker) \
            and all(new is old for new, old in zip(claims, event.claims)):
        return event
    return replace(event, agents=agents, patients=patients, claims=claims, speaker=speaker)


def _narrowest(members: list[MentionRef]) -> Dating | None:
    if len(members) == 1:
        return members[0].event.dating
    datings = [m.event.dating for m in members if m.event.dating is not None]
    if not datings:
        return None
    return min(datings, key=lambda d: ((d.end - d.begin).days, d.begin, d.rule))


def canonical_events(clusters: list[Cluster]) -> list[CanonicalEvent]:
    """One canonical event per cluster, with a stable IRI that does not depend on input order."""
    drafts = []
    for cluster in clusters:
        members = cluster.members
        dating = _narrowest(members)
        agents = tuple(sorted({a for m in members for a in m.event.agents}))
        patients = tuple(sorted({p for m in members for p in m.event.patients} - set(agents)))
        places = tuple(sorted({p for m in members for p in m.event.places}))
        event_class = members[0].event.event_class
        key = "|".join([event_class, str(dating.begin) if dating else "", str(dating.end) if dating else "",
                        *sorted(agents + patients)])
        if dating is None:
            key += "|" + members[0].id
        first = members[0].id if len(members) == 1 else min(m.id for m in members)
        drafts.append((key, first, event_class, dating, agents, patients, places, cluster))
    seen: dict[str, int] = {}
    taken: dict[str, str] = {}      # IRI → the key it was made from
    events = []
    for key, _, event_class, dating, agents, patients, places, cluster in sorted(drafts, key=lambda d: d[:2]):
        count = seen.get(key, 0)
        seen[key] = count + 1
        unique = key if count == 0 else f"{key}#{count}"
        begin, length = dating.begin.isoformat() if dating else None, 8
        iri = ids.event_iri(event_class, begin, unique)
        while taken.setdefault(str(iri), unique) != unique:   # two keys, one short hash: a longer one
            length += 4
            iri = ids.event_iri(event_class, begin, unique, length)
        events.append(CanonicalEvent(iri, event_class, dating, agents, patients, places,
                                     tuple(cluster.members), tuple(cluster.reasons)))
    return sorted(events, key=lambda e: str(e.iri))


def _log(events: list[CanonicalEvent], decisions: list[Decision]) -> dict:
    """The merge log: what each merged event joined and why; which close events were kept apart and why."""
    event_of = {m.id: e for e in events for m in e.members}
    apart: dict[tuple[str, str], dict] = {}
    labels: dict[str, str] = {}

    def label(event: CanonicalEvent) -> str:
        found = labels.get(event.iri)
        if found is None:
            found = labels[event.iri] = _label(event)
        return found

    for d in decisions:
        if d.merged:
            continue
        ea, eb = event_of.get(d.a), event_of.get(d.b)
        if ea is None or eb is None or ea is eb:
            continue
        first, second = sorted((ea, eb), key=lambda e: str(e.iri))
        key = (str(first.iri), str(second.iri))
        entry = apart.get(key)
        if entry is None:
            entry = apart[key] = {"events": list(key), "labels": [label(first), label(second)],
                                  "why": d.reason.split(": ")[0], "mention_pairs": 0, "example": [d.a, d.b]}
        entry["mention_pairs"] += d.pairs
    return {
        "events": [
            {"event": str(e.iri), "label": label(e),
             "mentions": [{"mention": m.id, "trigger": m.event.trigger} for m in e.members],
             "why": list(e.reasons)}
            for e in events if len(e.members) > 1
        ],
        "kept_apart": [apart[key] for key in sorted(apart)],
    }


def sub_events(events: list[CanonicalEvent]) -> list[tuple[str, str]]:
    """(part, whole) IRIs: a mention framed by another one ("agreed during talks") makes its
    canonical event a sub-event of the framing mention's; two events never frame each other."""
    event_of = {m.id: str(e.iri) for e in events for m in e.members}
    pairs = set()
    for event in events:
        for ref in event.members:
            if ref.event.frame is None:
                continue
            whole = event_of.get(f"{ref.stem}/{ref.event.frame}")
            if whole is not None and whole != str(event.iri):
                pairs.add((str(event.iri), whole))
    return sorted(p for p in pairs if (p[1], p[0]) not in pairs)


def _label(event: CanonicalEvent) -> str:
    return event_label(event.event_class, event.actors, event.dating)


def merge_articles(articles: list[Article], extractions: list[ArticleExtraction],
                   knowledge: Knowledge, *, describe: bool = True, kept: KeptClusters | None = None) -> MergeResult:
    """Resolve actors and events across articles and build the merged graph (with ``describe``
    False, no graph: :func:`merged_graph` builds it, or the part of it a rebuild needs). With
    ``kept``, the clustering takes the components the previous build resolved from it and records
    this build's there (:mod:`graph.merge.kept`; the result is the same)."""
    mapping, actors = _canonical_names(extractions, knowledge)
    speaks_for = knowledge.speaks_for
    renamed = {name: canonical for name, canonical in mapping.items() if name != canonical}
    mentions = [MentionRef(x.stem, _rename(e, renamed)) for x in extractions for e in x.events]
    people = frozenset(name for name, (kind, _) in actors.items() if kind == "Person")
    clusters, decisions = (cluster_mentions(mentions, speaks_for, people) if kept is None
                           else cluster_kept(mentions, speaks_for, people, kept))
    events = canonical_events(clusters)
    with paused_gc():
        result = MergeResult(None, tuple(events), tuple(decisions), tuple(sub_events(events)), actors)
    return replace(result, graph=merged_graph(result, articles, knowledge)) if describe else result


def merged_graph(merged: MergeResult, articles: list[Article], knowledge: Knowledge,
                 events: Collection[int] | None = None) -> TripleGraph:
    """The merged graph of ``merged``; with ``events`` (positions in ``merged.events``), the subjects
    of only those events (see :mod:`graph.export.turtle_blocks`) with their sub-event links, besides
    everything outside the events (articles, actors, places), which is always described."""
    by_stem = {a.stem: a for a in articles}
    graph = new_graph()
    with paused_gc():
        for article in sorted(articles, key=lambda a: a.stem):
            add_article(graph, article)
        for name, (kind, forms) in sorted(merged.actors.items()):
            add_actor(graph, name, kind, forms, knowledge)
        described = set()
        for number, event in enumerate(merged.events):
            if events is None or number in events:
                _add_event(graph, event, by_stem)
                described.add(str(event.iri))
            else:
                for place in event.places:
                    add_place(graph, place)
        for part, whole in merged.sub_events:
            if part in described:
                add_sub_event(graph, part, whole)
    return graph


def _add_event(graph: TripleGraph, event: CanonicalEvent, by_stem: dict[str, Article]) -> None:
    node = str(event.iri)
    add_event(graph, node, event.event_class, event_label(event.event_class, event.actors, event.dating),
              event.dating, event.agents, event.patients, event.places)
    for note in event.reasons:
        add_merge_note(graph, node, note)
    for ref in event.members:
        article = by_stem[ref.stem]
        mention = ids.mention(ref.stem, ref.event.index)
        add_event_mention(graph, node, mention, ref.stem)
        add_provenance(graph, mention, ref.event, article)
        for claim in ref.event.claims:
            add_claim(graph, node, claim, article, mention)
