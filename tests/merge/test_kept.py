"""The clustering kept between builds gives what a full clustering gives, resolving only what changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np

from bench.merge_scale import PEOPLE as BENCH_PEOPLE
from bench.merge_scale import synthetic_mentions
from graph.extract.records import Dating, EventMention
from graph.merge.blocking import MAX_PARTNERS
from graph.merge.events import cluster_mentions, components as graph_components, mention_graph
from graph.merge.kept import KeptClusters, cluster_kept, components
from graph.merge.rules import MentionRef, all_states

PEOPLE = frozenset(BENCH_PEOPLE)
SPEAKS_FOR = {"Person 0": "State 0"}


def hot_block(stem_of, count: int, first: int = 0) -> list[MentionRef]:
    """Calls of one state over three days, each with other people: more than a block entry's
    partners (``MAX_PARTNERS``) fall in its window, so a new one there moves others' partners."""
    found = []
    for i in range(first, first + count):
        day = dt.date(2021, 6, 1) + dt.timedelta(days=i % 3)
        event = EventMention(index=1000 + i, event_class="PhoneCall", head=0, trigger="call", trigger_span=(0, 4),
                             sentence_span=(0, 10), sentence_index=i % 7,
                             agents=(f"Person {i % 37}", f"Person {100 + i % 11}", "State 5"),
                             dating=Dating(day, day, "day", "test", None))
        found.append(MentionRef(stem_of(i), event))
    return found


def corpus() -> list[MentionRef]:
    """Synthetic mentions, a hot block and twins (the same mention told by other articles)."""
    ms = synthetic_mentions(3000, 11)
    ms += hot_block(lambda i: f"a{i % 120:06d}", MAX_PARTNERS + 60)
    ms += [MentionRef(f"t{n:03d}", replace(m.event, index=5000 + n)) for n, m in enumerate(ms[:400:7])]
    return sorted(ms, key=lambda m: (m.stem, m.event.index))


def sources_of(ms: list[MentionRef], version: str = "1") -> dict[str, str]:
    return {m.stem: f"{m.stem}@{version}" for m in ms}


def kept_run(ms: list[MentionRef], sources: dict[str, str], previous: KeptClusters | None = None):
    kept = KeptClusters(sources, dict(previous.made) if previous else {})
    return cluster_kept(ms, SPEAKS_FOR, PEOPLE, kept), kept


def test_the_components_over_arrays_are_those_networkx_finds_numbered_alike():
    ms = corpus()
    states = all_states(ms, SPEAKS_FOR)
    graph, pairs = mention_graph(ms, states, PEOPLE)
    number, nodes = components(pairs)
    expected, expected_nodes = graph_components(graph, len(pairs.found.dated))
    assert np.array_equal(number, expected)
    assert nodes == [sorted(group) for group in expected_nodes] and len(nodes) > 100


def test_without_a_state_every_component_is_resolved_and_the_result_is_the_full_clustering():
    ms = corpus()
    result, kept = kept_run(ms, sources_of(ms))
    assert result == cluster_mentions(ms, SPEAKS_FOR, PEOPLE)
    assert kept.reused == 0 and kept.resolved == len(kept.made) > 100


def test_an_article_added_removed_or_edited_gives_the_full_clustering_reusing_the_rest():
    ms = corpus()
    sources = sources_of(ms)
    _, before = kept_run(ms, sources)
    again, same = kept_run(ms, sources, before)
    assert again == cluster_mentions(ms, SPEAKS_FOR, PEOPLE) and same.resolved == 0
    assert list(same.made) == list(before.made)         # kept in the same order: the same bytes

    # a new article in the hot block (partners of others move) and a twin of an old mention
    added = hot_block(lambda i: "zz-new", 3, first=MAX_PARTNERS + 100)
    added.append(MentionRef("zz-new", replace(ms[5].event, index=9000)))
    grown = ms + added
    result, kept = kept_run(grown, {**sources, "zz-new": "zz-new@1"}, before)
    assert result == cluster_mentions(grown, SPEAKS_FOR, PEOPLE)
    assert kept.reused > 10 * kept.resolved > 0

    # an article removed, another edited (its cache key changes with its text)
    gone = [m for m in grown if m.stem != "a000003"]
    edited = [replace(m, event=replace(m.event, trigger="talk")) if m.stem == "a000007" else m for m in gone]
    result, later = kept_run(edited, {**sources_of(edited), "a000007": "a000007@2", "zz-new": "zz-new@1"}, kept)
    assert result == cluster_mentions(edited, SPEAKS_FOR, PEOPLE)
    assert later.reused > 4 * later.resolved > 0


def test_a_mention_renamed_by_actor_resolution_is_resolved_again():
    """Its article is unchanged (same cache key), but a new article named its actor in full."""
    ms = corpus()
    sources = sources_of(ms)
    _, before = kept_run(ms, sources)
    target = next(k for k, m in enumerate(ms) if m.event.event_class == "PhoneCall" and len(m.event.agents) > 1)
    renamed = list(ms)
    renamed[target] = replace(ms[target], event=replace(ms[target].event, agents=ms[target].event.agents[:1]))
    result, kept = kept_run(renamed, sources, before)
    assert result == cluster_mentions(renamed, SPEAKS_FOR, PEOPLE)
    assert kept.resolved > 0


def test_a_state_of_other_mentions_gives_nothing_to_reuse_and_the_full_clustering():
    ms = corpus()
    _, before = kept_run(ms, sources_of(ms, "other code"))
    result, kept = kept_run(ms, sources_of(ms), before)
    assert result == cluster_mentions(ms, SPEAKS_FOR, PEOPLE) and kept.reused == 0
