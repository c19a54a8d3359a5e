"""Scoring: match the system events of each article to its gold events; :func:`evaluate` runs it all."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path

import networkx as nx

from graph.evaluate.checks import check_claims, check_same_event
from graph.evaluate.gold import Gold, GoldArticle, GoldEvent, load_gold, normalise_text
from graph.evaluate.report import ArticleResult, EvaluationReport, Extra, Figures, Miss, Near, NotEventHit, Pair
from graph.evaluate.system import SystemEvent, article_stems, load_graph, read_claims, read_system_events
from graph.knowledge import Knowledge, load_knowledge

# -- text overlap -----------------------------------------------------------------------------------------


def _common(a: str, b: str) -> int:
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def holds_fragment(sentence: str, fragment: str) -> bool:
    """The sentence holds the gold evidence fragment (or 80 % of it, when sentence splitting cut it)."""
    s, f = normalise_text(sentence), normalise_text(fragment)
    if not f or not s:
        return False
    return f in s or _common(s, f) >= max(12, int(0.8 * len(f)))


def overlaps_text(sentence: str, text: str) -> bool:
    """The sentence and a not-event text overlap: one holds the other, or they share half the text."""
    s, t = normalise_text(sentence), normalise_text(text)
    if not s or not t:
        return False
    if t in s or (len(s) >= 12 and s in t):
        return True
    return _common(s, t) >= max(20, len(t) // 2)


# -- one gold event against one system event --------------------------------------------------------------


def type_match(gold: Gold, gold_type: str, event_class: str) -> str | None:
    """``"strict"`` (same type), ``"loose"`` (same type group) or None."""
    if event_class == gold_type:
        return "strict"
    if gold.group_of(event_class) == gold.group_of(gold_type):
        return "loose"
    return None


def failures(gold: Gold, event: GoldEvent, system: SystemEvent) -> list[str]:
    """Why ``system`` cannot match ``event`` (empty when it can, loosely)."""
    found = []
    if type_match(gold, event.type, system.event_class) is None:
        found.append(f"class wrong: {system.event_class} ({gold.group_of(system.event_class)}), gold {event.type} "
                     f"({gold.group_of(event.type)})")
    if not system.dated:
        found.append("undated")
    elif not (event.begin <= system.begin and system.end <= event.end):
        found.append(f"date wrong: {system.dates} not inside {event.date}")
    if not system.actors:
        found.append("no participant")
    elif not system.actors & set(event.participants):
        found.append(f"participant wrong: [{', '.join(system.participants)}], gold [{', '.join(event.participants)}]")
    return found


def _category(failure: str) -> str:
    return failure.split(":", 1)[0]


def _evidence_agrees(event: GoldEvent, system: SystemEvent) -> bool:
    """A sentence of the system event holds the gold evidence."""
    return any(holds_fragment(e.text, event.evidence) for e in system.evidence)


def _trigger_in(fragment: str, trigger: str) -> bool:
    t = normalise_text(trigger)
    return bool(t) and re.search(rf"(?<!\w){re.escape(t)}(?!\w)", normalise_text(fragment)) is not None


def _trigger_for(event: GoldEvent, system: SystemEvent) -> str | None:
    """The trigger of the system event's mention inside the gold evidence, if it has one there."""
    for evidence in system.evidence:
        if holds_fragment(evidence.text, event.evidence) and _trigger_in(event.evidence, evidence.trigger):
            return evidence.trigger
    return None


# -- matching ---------------------------------------------------------------------------------------------


def match(gold: Gold, events: list[GoldEvent], systems: list[SystemEvent], strict_only: bool = False
          ) -> dict[int, int]:
    """Maximum one-to-one matching, gold index → system index.

    Among the largest matchings it prefers strict type matches, then core gold
    events, then pairs whose evidence sentence holds the gold evidence. The
    weights are lexicographic so each preference only breaks ties of the ones before.
    """
    edges = {}
    for i, event in enumerate(events):
        for j, system in enumerate(systems):
            kind = type_match(gold, event.type, system.event_class)
            if kind is None or (strict_only and kind != "strict") or failures(gold, event, system):
                continue
            agrees = _evidence_agrees(event, system) + (_trigger_for(event, system) is not None)
            edges[i, j] = (kind == "strict", event.core, agrees)
    if not edges:
        return {}
    base = 3 * (len(edges) + 1)
    graph = nx.Graph()
    graph.add_nodes_from([("g", i) for i in range(len(events))] + [("s", j) for j in range(len(systems))])
    for (i, j), (strict, core, agrees) in sorted(edges.items()):
        graph.add_edge(("g", i), ("s", j), weight=base ** 3 + base ** 2 * strict + base * core + agrees)
    pairs = {}
    for a, b in nx.max_weight_matching(graph):
        (_, i), (_, j) = sorted((a, b))  # "g" sorts before "s"
        pairs[i] = j
    return dict(sorted(pairs.items()))


# -- one article ------------------------------------------------------------------------------------------


def _near(gold: Gold, event: GoldEvent, systems: list[SystemEvent], taken: dict[str, str]
          ) -> tuple[str, tuple[Near, ...]]:
    """Why a gold event was missed, and the system events near it.

    Near are the system events with a mention in the gold evidence's sentence
    (those whose trigger lies inside the evidence first) and compatible events
    matched to other gold events. The cause comes from the best on-trigger
    event: its failures, or "taken" when it is compatible but matched to another
    gold event; else "taken" when a compatible event elsewhere is; else "not extracted".
    """
    def rank(system: SystemEvent):
        return len(failures(gold, event, system)), system.iri

    in_sentence = [s for s in systems if _evidence_agrees(event, s)]
    on_trigger = sorted((s for s in in_sentence if _trigger_for(event, s) is not None), key=rank)
    others = sorted((s for s in in_sentence if s not in on_trigger), key=rank)
    compatible = [s for s in systems if s.iri in taken and not failures(gold, event, s) and s not in in_sentence]
    if on_trigger:
        cause = "+".join(_category(f) for f in failures(gold, event, on_trigger[0])) or "taken"
    elif compatible:
        cause = "taken"
    else:
        cause = "not extracted"
    near = []
    for system in on_trigger + others[:3] + compatible[:2]:
        trigger = _trigger_for(event, system)
        if trigger is None:
            trigger = next((e.trigger for e in system.evidence if holds_fragment(e.text, event.evidence)),
                           system.first_trigger)
        near.append(Near(system.iri, system.event_class, system.dates, system.participants,
                         tuple(failures(gold, event, system)), system.first_evidence, taken.get(system.iri),
                         trigger, system in on_trigger))
    return cause, tuple(near)


def _extra_cause(gold: Gold, article: GoldArticle, system: SystemEvent, matched_keys: set[str]) -> str:
    if any(overlaps_text(e.text, text) for e in system.evidence for text in article.not_events):
        return "furniture"
    here = [e for e in article.events if _evidence_agrees(e, system)]
    on_trigger = [e for e in here if _trigger_for(e, system) is not None]
    for event in on_trigger:
        if event.key not in matched_keys:
            return f"near miss of {event.key}: " + ("; ".join(failures(gold, event, system)) or "compatible")
    for event in on_trigger:
        return f"duplicate of {event.key} (matched to another event)"
    missed = [e for e in here if e.key not in matched_keys]
    if missed:
        return (f"other trigger in the sentence of missed {missed[0].key}: "
                + ("; ".join(failures(gold, missed[0], system)) or "compatible"))
    if here:
        return f"not in gold (sentence of matched {', '.join(e.key for e in here)})"
    return "not in gold"


def parts_of_matched(systems: list[SystemEvent], matched: dict[str, str]) -> dict[str, str]:
    """Unmatched dated events linked by ``sem:subEventOf`` (either way, through other events of the
    article) to a matched one → why they are scored with it.

    A gold annotation may tell as one event what the system tells as an event
    and its parts ("agreed to a ceasefire during talks": the talks and the
    agreement reached there); the parts are neither matches nor extras.
    """
    linked: dict[str, set[str]] = {s.iri: set() for s in systems}
    for system in systems:
        for whole in system.part_of:
            if whole in linked:
                linked[system.iri].add(whole)
                linked[whole].add(system.iri)
    found: dict[str, str] = {}
    for iri, key in sorted(matched.items()):
        seen, todo = {iri}, [iri]
        while todo:
            for other in sorted(linked[todo.pop()] - seen):
                seen.add(other)
                if other not in matched:
                    todo.append(other)
        for other in sorted(seen - {iri}):
            if other not in matched:
                found.setdefault(other, f"part of the event matched to {key} (sem:subEventOf)")
    dated = {s.iri for s in systems if s.dated}
    return {iri: why for iri, why in found.items() if iri in dated}


def score_article(gold: Gold, article: GoldArticle, systems: list[SystemEvent]) -> ArticleResult:
    events = list(article.events)
    loose = match(gold, events, systems)
    strict = match(gold, events, systems, strict_only=True)
    parts = parts_of_matched(systems, {systems[j].iri: events[i].key for i, j in loose.items()})
    figures = Figures(
        gold=len(events), core=sum(e.core for e in events), system=len(systems),
        dated=sum(s.dated for s in systems), parts=len(parts), matched=len(loose), strict=len(strict),
        core_loose=sum(events[i].core for i in loose), core_strict=sum(events[i].core for i in strict),
    )
    pairs = tuple(Pair(events[i].key, systems[j].iri, events[i].type, systems[j].event_class,
                       systems[j].event_class == events[i].type, _evidence_agrees(events[i], systems[j]),
                       _trigger_for(events[i], systems[j]) is not None)
                  for i, j in loose.items())
    taken = {systems[j].iri: events[i].key for i, j in loose.items()}
    misses = []
    for i, event in enumerate(events):
        if i not in loose:
            cause, near = _near(gold, event, systems, taken)
            misses.append(Miss(article.id, event.key, event.tier, event.type, event.date, event.participants,
                               event.evidence, cause, near))
    matched_keys = {p.key for p in pairs}
    extras = tuple(Extra(article.id, s.iri, s.event_class, s.dates, s.participants, s.first_evidence,
                         _extra_cause(gold, article, s, matched_keys), s.first_trigger)
                   for j, s in enumerate(systems) if s.dated and j not in loose.values() and s.iri not in parts)
    part_records = tuple(Extra(article.id, s.iri, s.event_class, s.dates, s.participants, s.first_evidence,
                               parts[s.iri], s.first_trigger) for s in systems if s.iri in parts)
    return ArticleResult(article.id, article.stem, figures, pairs, tuple(misses), extras, part_records)


def _stem_of(article: GoldArticle, stems: dict) -> str | None:
    if article.stem and article.stem in stems:
        return article.stem
    found = sorted(s for s in stems if s == article.id or s.startswith(article.id + "_"))
    return found[0] if len(found) == 1 else None


# -- everything -------------------------------------------------------------------------------------------


def evaluate(gold_path: Path, graph_path: Path, ontology_actors: Knowledge | None = None) -> EvaluationReport:
    """Score the merged graph at ``graph_path`` against the gold file at ``gold_path``."""
    knowledge = ontology_actors if ontology_actors is not None else load_knowledge()
    gold = load_gold(gold_path, knowledge)
    graph = load_graph(graph_path)
    per_article = read_system_events(graph, gold.resolver)
    stems = article_stems(graph)
    stem_of = {a.id: _stem_of(a, stems) for a in gold.articles}
    ids = {stem: article_id for article_id, stem in stem_of.items() if stem}
    warnings = [f"gold article {a.id} ({a.file or 'no file'}) is not in the graph"
                for a in gold.articles if stem_of[a.id] is None]
    results, hits = [], []
    for article in gold.articles:
        systems = per_article.get(stem_of[article.id], []) if stem_of[article.id] else []
        results.append(score_article(gold, article, systems))
        for system in systems:
            for text in article.not_events:
                if any(overlaps_text(e.text, text) for e in system.evidence):
                    hits.append(NotEventHit(article.id, text, system.iri, system.event_class, system.dates,
                                            system.first_evidence))
    canonical = sorted({s.iri: s for events in per_article.values() for s in events}.values(), key=lambda s: s.iri)
    overall = sum((r.figures for r in results), Figures())
    same = tuple(check_same_event(gold, c, canonical, stem_of, ids) for c in gold.same_event)
    claims = tuple(check_claims(gold, results, canonical, read_claims(graph), stem_of))
    return EvaluationReport(str(gold_path), str(graph_path), overall, tuple(results), tuple(hits), same, claims,
                            tuple(warnings))
