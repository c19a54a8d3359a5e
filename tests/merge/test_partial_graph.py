"""A rebuild describes only part of the merged graph (the events whose Turtle it does not keep).

That part must hold exactly the full graph's triples of the events it
describes and of everything outside events (articles, actors, places, even
those only kept events name), and it must pass the shapes with the kept
events' subjects left out: the events it names (the wholes its events are
part of, the events of the mentions their datings are anchored to) are
described with it.
"""

from __future__ import annotations

import pytest

from graph.builder.validate import check
from graph.export.turtle_blocks import TurtleBlocks, _subjects
from graph.merge import merged_graph
from graph.rdf.triples import plain_index

SUB_EVENT_OF = "http://semanticweb.cs.vu.nl/2009/11/sem/subEventOf"
ANCHOR = "https://w3id.org/timeline-kg/ontology#anchor"


def _as_sets(predicates: dict) -> dict:
    return {predicate: set(objects) for predicate, objects in predicates.items()}


def _kept_all_but(merged, articles, numbers: set[int]) -> TurtleBlocks:
    """The Turtle blocks of a rebuild that kept every event's block but those of ``numbers``."""
    blocks = TurtleBlocks(merged.events, merged.sub_events, articles, "test")
    blocks.kept = {n: () for n in range(len(merged.events)) if n not in numbers}
    return blocks


def _events_naming(merged, full, predicate: str) -> set[int]:
    """The events with a subject that has ``predicate`` and points into another event."""
    owner = {subject: n for n, event in enumerate(merged.events) for subject in _subjects(event)}
    index = plain_index(full)
    return {owner[s] for s, predicates in index.items() if s in owner
            for o in predicates.get(predicate, ()) if owner.get(o, owner[s]) != owner[s]}


def test_the_seeds_have_events_that_name_other_events(seeds_merged):
    articles, merged, full = seeds_merged
    assert _events_naming(merged, full, SUB_EVENT_OF) and _events_naming(merged, full, ANCHOR)


@pytest.mark.parametrize("which", ["none", "sub-events", "anchored", "every third"])
def test_a_partial_graph_is_the_full_graph_of_what_it_describes_and_conforms(seeds_merged, knowledge, which):
    articles, merged, full = seeds_merged
    count = len(merged.events)
    changed = {"none": set(), "sub-events": _events_naming(merged, full, SUB_EVENT_OF),
               "anchored": _events_naming(merged, full, ANCHOR), "every third": set(range(0, count, 3))}[which]
    blocks = _kept_all_but(merged, articles, changed)
    described = blocks.described()
    assert changed <= described
    partial = merged_graph(merged, articles, knowledge, described)
    left_out = {s for n in range(count) if n not in described for s in _subjects(merged.events[n])}
    whole, part = plain_index(full), plain_index(partial)
    assert set(part) == set(whole) - left_out
    assert all(_as_sets(part[s]) == _as_sets(whole[s]) for s in part)
    kept = frozenset(s for n in blocks.kept for s in _subjects(merged.events[n]))
    conforms, violations, _ = check(partial, skip=kept)
    assert conforms, violations
