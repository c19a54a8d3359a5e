"""The Turtle blocks' bookkeeping: which subject is whose, and which subjects a validation may leave out."""

from __future__ import annotations

from rdflib import URIRef

from graph.export.turtle_blocks import PLACE_BITS, TurtleBlocks, _sharing
from graph.extract.records import EventMention
from graph.merge.graph import CanonicalEvent
from graph.merge.rules import MentionRef

EVENT = "https://w3id.org/timeline-kg/id/event/"


def _event(iri: str, stem: str, index: int) -> CanonicalEvent:
    mention = EventMention(index=index, event_class="PhoneCall", head=0, trigger="call", trigger_span=(0, 4),
                           sentence_span=(0, 10), sentence_index=0, agents=("Donald Trump",))
    return CanonicalEvent(URIRef(EVENT + iri), "PhoneCall", None, ("Donald Trump",), (), (),
                          (MentionRef(stem, mention),), ())


def test_each_subject_belongs_to_its_bundle_at_its_place():
    events = [_event("a", "s1", 0), _event("b", "s1", 1), _event("c", "s2", 0)]
    blocks = TurtleBlocks(events, (), (), "v", {"s1": "k1", "s2": "k2"})
    assert all(key is not None for key in blocks.keys)
    for number, subjects in enumerate(blocks.bundles):
        assert subjects == sorted(subjects)
        assert [blocks.owner[s] for s in subjects] == [number << PLACE_BITS | n for n in range(len(subjects))]
    assert len(blocks.owner) == sum(map(len, blocks.bundles))


def test_bundles_that_share_a_subject_are_never_kept_and_own_none():
    events = [_event("a", "s1", 0), _event("a", "s2", 0), _event("c", "s3", 0)]     # one IRI, two events
    assert _sharing([["x", "y"], ["y"], ["z"]]) == {0, 1}
    blocks = TurtleBlocks(events, (), (), "v", {"s1": "k1", "s2": "k2", "s3": "k3"})
    assert blocks.keys[0] is None and blocks.keys[1] is None and blocks.keys[2] is not None
    assert set(blocks.owner) == set(blocks.bundles[2])


def test_the_unchanged_subjects_are_those_of_kept_bundles_among_those_asked_for():
    events = [_event("a", "s1", 0), _event("b", "s1", 1), _event("c", "s2", 0)]
    blocks = TurtleBlocks(events, (), (), "v", {"s1": "k1", "s2": "k2"})
    blocks.kept = {0: (), 2: ()}
    blocks.checked = "shapes"
    assert blocks.unchanged("other") == frozenset()
    assert blocks.unchanged("shapes") == frozenset(blocks.bundles[0] + blocks.bundles[2])
    assert blocks.unchanged("shapes", {1, 2}) == frozenset(blocks.bundles[2])
