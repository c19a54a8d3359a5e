"""Twins: mentions no merge rule can tell apart are joined before blocking, so a much-told event costs linear work."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bench.merge_scale import PEOPLE as BENCH_PEOPLE
from bench.merge_scale import synthetic_mentions
from graph.merge.events import _cluster, cluster_mentions
from graph.merge.graph import _log, canonical_events
from graph.merge.rules import all_states, pair_conflict
from graph.merge.twins import twins
from tests.merge.test_events import PEOPLE, SPEAKS_FOR, mention


def statement(stem, index, sentence, speakers=("the Kremlin",)):
    m = mention(stem, index, "Statement", "2025-03-18", speakers, trigger="said")
    return replace(m, event=replace(m.event, sentence_index=sentence))


def partition(clusters):
    return sorted(sorted(m.id for m in c.members) for c in clusters)


def grouped(ms):
    found = twins(ms, all_states(ms, SPEAKS_FOR), PEOPLE)
    return [[rep.id] + [m.id for m in found.others.get(rep.id, [])] for rep in found.representatives]


def test_the_same_call_told_alike_by_three_articles_is_one_group_and_a_new_trigger_another():
    ms = [mention(stem, 0, "PhoneCall", "2025-03-18", ["Donald Trump", "Vladimir Putin"]) for stem in "abc"]
    ms.append(mention("d", 0, "PhoneCall", "2025-03-18", ["Donald Trump", "Vladimir Putin"], trigger="spoke"))
    assert grouped(ms) == [["a/0", "b/0", "c/0"], ["d/0"]]


def test_a_statement_twins_only_when_its_article_tells_no_other_like_it():
    ms = [statement("a", 0, 0), statement("a", 1, 6), statement("b", 0, 2), statement("c", 0, 9)]
    assert grouped(ms) == [["a/0"], ["a/1"], ["b/0", "c/0"]]
    clusters, _ = cluster_mentions(ms, SPEAKS_FOR, PEOPLE)
    assert partition(clusters) == [["a/0", "b/0", "c/0"], ["a/1"]]


def test_a_twin_counts_as_a_member_where_its_article_holds_a_conflicting_mention():
    """b/0 stands for its twin c/0; c/7, a statement of c's far from c/0, cannot join them."""
    ms = [statement("b", 0, 2), statement("c", 0, 0), statement("c", 7, 9, ("the Kremlin", "Dmitry Peskov"))]
    clusters, _ = cluster_mentions(ms, SPEAKS_FOR, PEOPLE)
    assert partition(clusters) == [["b/0", "c/0"], ["c/7"]]


def test_a_statement_without_speaker_and_a_mention_naming_nobody_twin_only_where_they_could_merge():
    ms = [statement("a", 0, 0, ()), statement("b", 0, 0, ()),
          mention("a", 1, "Meeting", "2025-03-18"), mention("a", 2, "Meeting", "2025-03-18"),
          mention("b", 1, "Meeting", "2025-03-18")]
    assert grouped(ms) == [["a/0"], ["b/0"], ["a/1", "a/2"], ["b/1"]]


def test_three_thousand_identical_reports_are_one_event_joined_in_as_many_steps():
    ms = [mention(f"r{i:04d}", 0, "PhoneCall", "2025-03-18", ["Donald Trump", "Vladimir Putin"]) for i in range(3000)]
    clusters, decisions = cluster_mentions(ms, SPEAKS_FOR, PEOPLE)
    assert partition(clusters) == [sorted(m.id for m in ms)]
    assert len(decisions) == 2999 and all(d.merged for d in decisions)
    assert decisions[0].reason.startswith("shared actors: Donald Trump, Vladimir Putin; same trigger 'call'")


def test_a_refusal_between_two_groups_counts_every_mention_pair_in_the_log():
    ms = [mention(stem, 0, "PhoneCall", "2025-03-18", ["Donald Trump", "Vladimir Putin"]) for stem in "ab"]
    ms += [mention(stem, 0, "PhoneCall", "2025-03-19", ["Donald Trump", "Vladimir Putin"]) for stem in "cde"]
    clusters, decisions = cluster_mentions(ms, SPEAKS_FOR, PEOPLE)
    apart = _log(canonical_events(clusters), decisions)["kept_apart"]
    assert [(a["why"], a["mention_pairs"]) for a in apart] == [("different days (2025-03-18 vs 2025-03-19)", 6)]


@pytest.mark.parametrize("seed", [7, 11])
def test_joining_twins_first_resolves_the_synthetic_benchmark_as_pair_by_pair_resolution_does(seed):
    ms = synthetic_mentions(3000, seed)
    people = frozenset(BENCH_PEOPLE)
    states = all_states(ms, {})
    assert len(twins(ms, states, people).representatives) < len(ms)
    with_twins, _ = cluster_mentions(ms, {}, people)
    pairwise, _ = _cluster(ms, states, people)
    assert partition(with_twins) == partition(pairwise)


def test_where_ties_let_them_differ_every_cluster_is_still_free_of_conflicts():
    ms = synthetic_mentions(6000, 1)
    people = frozenset(BENCH_PEOPLE)
    with_twins, _ = cluster_mentions(ms, {}, people)
    pairwise, _ = _cluster(ms, all_states(ms, {}), people)
    differ = set(map(tuple, partition(with_twins))) - set(map(tuple, partition(pairwise)))
    assert 0 < len(differ) < len(with_twins) // 100
    for cluster in with_twins:
        members = cluster.members
        assert not any(pair_conflict(a, b, people) for i, a in enumerate(members) for b in members[i + 1:])
