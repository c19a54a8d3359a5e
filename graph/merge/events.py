"""Event coreference: which mentions, across articles, are the same real event.

A networkx graph holds the mentions as nodes and, as edges, the pairs that
*could* be the same event, with the score of their evidence. Candidate pairs
come from blocking (:mod:`.blocking`: same class, an actor or the article in
common, overlapping dates), so the cost grows with the number of mentions
per actor and date, not with the square of all mentions; the checks every
pair needs (its dates) run over all pairs at once, and only the pairs a
further rule applies to (:mod:`.rules`) are looked at one by one.

Each connected component of the graph is resolved on its own: its edges are
taken best-first, and two clusters join only when **every** pair across them
is compatible (greedy agglomeration under cannot-link constraints): A~B and
B~C never force A=C when A and C conflict, so a week that contains two
different days cannot chain them together.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from graph.gc_pause import paused_gc
from graph.merge.blocking import Candidates, candidate_arrays
from graph.merge.rules import (DIFFERENT_DAYS, DIRECTED, NO_SHARED_ACTOR, NOT_NESTED, STATEMENT, TWO_PARTY, Cluster,
                               Decision, MentionRef, actors_conflict, all_states, cluster_conflict, evidence,
                               evidence_of, opposite_directions, pair_conflict)
from graph.merge.twins import Twins, twins

__all__ = ["Cluster", "Decision", "MentionRef", "cluster_mentions"]


@dataclass
class _Pairs:
    """The candidate pairs with what the clustering needs of each."""

    found: Candidates
    compatible: np.ndarray          # bool per pair: no hard conflict
    score: np.ndarray               # per pair: how alike (2 per shared actor, same trigger, granularity, article)
    refused: list[Decision] = field(default_factory=list)
    first_days: list[str] = field(default_factory=list)    # per dated mention: its first and last day, ISO
    last_days: list[str] = field(default_factory=list)


def _judge(found: Candidates, people: frozenset[str]) -> _Pairs:
    """Which candidate pairs conflict, and why (for those that share an actor), and their scores."""
    dated, a, b, c = found.dated, found.a, found.b, found.columns
    if not len(a):
        return _Pairs(found, np.zeros(0, dtype=bool), np.zeros(0, dtype=np.int64))
    both_days = c.day[a] & c.day[b]
    begin_a, begin_b, end_a, end_b = c.begin[a], c.begin[b], c.end[a], c.end[b]
    nest = ((begin_b <= begin_a) & (end_a <= end_b)) | ((begin_a <= begin_b) & (end_b <= end_a))
    conflict = np.where(both_days, begin_a != begin_b, ~nest)
    same_stem = c.stem[a] == c.stem[b]
    # statements: one speaker in common (the same speakers certainly have), never two far apart in one article
    same_speakers = (c.agents[a] == c.agents[b]) & (c.agents[a] != c.empty_agents)
    far_apart = same_stem & (np.abs(c.sentence[a] - c.sentence[b]) > 1)
    conflict |= c.statement[a] & same_speakers & far_apart
    # the rules beyond, pair by pair, only where the columns cannot tell
    other_rules = (c.statement[a] & ~same_speakers) \
        | (c.themed[a] & c.themed[b] & same_stem & (c.sentence[a] != c.sentence[b])) \
        | (c.two_people[a] & c.two_people[b] & (c.people[a] != c.people[b])) \
        | (c.directed[a] & c.directed[b])
    reasons: dict[int, str | None] = {}
    for k in np.flatnonzero(other_rules).tolist():
        reasons[k] = pair_conflict(dated[a[k]], dated[b[k]], people)
        conflict[k] = reasons[k] is not None
    refused, statements, days = [], c.statement[a].tolist(), both_days.tolist()
    first = [m.event.dating.begin.isoformat() for m in dated]
    last = [m.event.dating.end.isoformat() for m in dated]
    for k in np.flatnonzero(conflict & (found.shared > 0)).tolist():
        i, j = int(a[k]), int(b[k])
        if k in reasons or statements[k]:
            why = reasons.get(k) or pair_conflict(dated[i], dated[j], people)
        elif days[k]:     # only the dates can have refused it
            why = DIFFERENT_DAYS.format(first[i], first[j])
        else:
            why = NOT_NESTED.format(first[i], last[i], first[j], last[j])
        refused.append(Decision(dated[i].id, dated[j].id, False, why))
    score = 2 * found.shared + (c.trigger[a] == c.trigger[b]) + (c.granularity[a] == c.granularity[b]) + same_stem
    return _Pairs(found, ~conflict, score, refused, first, last)


def judged_pairs(mentions: list[MentionRef], states: dict[str, frozenset[str]], people: frozenset[str]) -> _Pairs:
    """The candidate pairs of ``mentions`` (:mod:`.blocking`), judged: which conflict, their scores,
    the refusals of those that share an actor."""
    return _judge(candidate_arrays(mentions, states, people, frozenset(TWO_PARTY), STATEMENT, frozenset(DIRECTED)),
                  people)


def mention_graph(mentions: list[MentionRef], states: dict[str, frozenset[str]],
                  people: frozenset[str]) -> tuple[nx.Graph, _Pairs]:
    """The mention graph: a node per dated mention with a candidate (its index in ``dated``), an
    edge with its ``score`` for each candidate pair without a hard conflict; and the judged pairs,
    with the refusals of those that share an actor. A mention with no candidate is no node: a
    singleton needs no resolution."""
    pairs = judged_pairs(mentions, states, people)
    keep = np.flatnonzero(pairs.compatible)
    graph = nx.Graph()
    graph.add_weighted_edges_from(zip(pairs.found.a[keep].tolist(), pairs.found.b[keep].tolist(),
                                      pairs.score[keep].tolist()), weight="score")
    return graph, pairs


@dataclass(frozen=True)
class _Act:
    """Who acts on whom in a directed mention (what :func:`.rules.opposite_directions` reads)."""

    agents: tuple[str, ...]
    patients: tuple[str, ...]


@dataclass
class _Summary:
    """What decides, without looking at every pair, whether two clusters of one class are compatible."""

    datings: set[tuple[int, int, bool]]     # the distinct (begin, end, day-precise) of the members
    themed_stems: set[str]                  # articles with a member that has a theme
    speakers: set[frozenset[str]]           # statements: the distinct sets of speakers
    sentences: dict[str, tuple[int, int]]   # statements: article → first and last sentence
    people: set[frozenset[str]]             # two-party events: the distinct sets of two or more people
    states: set[str]
    stems: set[str]
    acts: set                               # directed events: the distinct mentions of who acts on whom


def _summary(members: list[MentionRef], states: dict[str, frozenset[str]], people: frozenset[str]) -> _Summary:
    """The summary of a cluster (its members share one class)."""
    cls = members[0].event.event_class
    sentences: dict[str, tuple[int, int]] = {}
    if cls == STATEMENT:
        for m in members:
            lo, hi = sentences.get(m.stem, (m.event.sentence_index, m.event.sentence_index))
            sentences[m.stem] = (min(lo, m.event.sentence_index), max(hi, m.event.sentence_index))
    named = ({m.actor_set & people for m in members} if cls in TWO_PARTY and people else set())
    return _Summary({(m.event.dating.begin.toordinal(), m.event.dating.end.toordinal(),
                      m.event.dating.granularity == "day") for m in members},
                    {m.stem for m in members if m.event.theme},
                    {frozenset(m.event.agents) for m in members} if cls == STATEMENT else set(), sentences,
                    {p for p in named if len(p) >= 2}, set().union(*(states[m.id] for m in members)),
                    {m.stem for m in members},
                    {_Act(m.event.agents, m.event.patients) for m in members if cls in DIRECTED and m.event.agents})


def _datings_agree(x: set, y: set) -> bool:
    for begin_a, end_a, day_a in x:
        for begin_b, end_b, day_b in y:
            if day_a and day_b:
                if begin_a != begin_b:
                    return False
            elif not ((begin_b <= begin_a and end_a <= end_b) or (begin_a <= begin_b and end_b <= end_a)):
                return False
    return True


def _pairs_agree(x: _Summary, y: _Summary) -> bool:
    """No pair across the two clusters breaks a rule of :func:`.rules.pair_conflict` (themes aside)."""
    if any(not a & b for a in x.speakers for b in y.speakers):
        return False
    for stem, (lo, hi) in x.sentences.items():
        other = y.sentences.get(stem)
        if other is not None and max(other[1] - lo, hi - other[0]) > 1:
            return False
    if any(not (a <= b or b <= a) for a in x.people for b in y.people):
        return False
    if any(opposite_directions(a, b) for a in x.acts for b in y.acts):
        return False
    return _datings_agree(x.datings, y.datings)


def _quick_conflict(x: _Summary, y: _Summary) -> str | None | bool:
    """The clusters' conflict from their summaries, or False when only their pairs can tell which."""
    if x.themed_stems & y.themed_stems or not _pairs_agree(x, y):
        return False
    return actors_conflict(x.states, y.states, x.stems, y.stems)


def _absorb(into: _Summary, other: _Summary) -> _Summary:
    into.datings |= other.datings
    into.themed_stems |= other.themed_stems
    into.speakers |= other.speakers
    for stem, (lo, hi) in other.sentences.items():
        mine = into.sentences.get(stem, (lo, hi))
        into.sentences[stem] = (min(mine[0], lo), max(mine[1], hi))
    into.people |= other.people
    into.states |= other.states
    into.stems |= other.stems
    into.acts |= other.acts
    return into


def components(graph: nx.Graph, size: int) -> tuple[np.ndarray, list[list[int]]]:
    """The connected components of the mention graph: each node's component number (0 for a mention
    that is no node) and each component's nodes, numbered in the order networkx finds them."""
    component = np.zeros(size, dtype=np.int64)
    nodes_of = []
    for number, nodes in enumerate(nx.connected_components(graph)):
        nodes = list(nodes)
        component[nodes] = number
        nodes_of.append(nodes)
    return component, nodes_of


def edge_order(pairs: _Pairs, component: np.ndarray) -> np.ndarray:
    """Compatible pairs, component by component (:func:`components`), each best-first (ties: by the
    two ids).

    Joins happen only inside a component, and in the same order within it
    whatever the order of the components, so each is resolved on its own.
    """
    dated, a, b = pairs.found.dated, pairs.found.a, pairs.found.b
    keep = np.flatnonzero(pairs.compatible)
    ids = np.array([m.id for m in dated])
    rank = np.empty(len(dated), dtype=np.int64)
    rank[np.argsort(ids, kind="stable")] = np.arange(len(dated))
    low, high = np.minimum(rank[a[keep]], rank[b[keep]]), np.maximum(rank[a[keep]], rank[b[keep]])
    best = keep[np.lexsort((high, low, -pairs.score[keep]))]
    return best[np.argsort(component[a[best]], kind="stable")]


def cluster_mentions(mentions: list[MentionRef], speaks_for: dict[str, str],
                     people: frozenset[str] = frozenset()) -> tuple[list[Cluster], list[Decision]]:
    """Resolve mentions into clusters, one per real-world event, with the log of decisions.

    ``speaks_for`` maps institutions to their states; ``people`` names the actors that are persons
    (a two-party event's identity is its people: a Trump–Putin call is not a Zelenskyy–Putin one).
    """
    with paused_gc():      # millions of small acyclic objects: reference counting frees them
        states = all_states(mentions, speaks_for)
        grouped = twins(mentions, states, people)
        clusters, decisions = _cluster(grouped.representatives, states, people, grouped.others)
        return _with_twins(clusters, decisions, grouped, states)


def _with_twins(clusters: list[Cluster], decisions: list[Decision], grouped: Twins,
                states: dict[str, frozenset[str]]) -> tuple[list[Cluster], list[Decision]]:
    """Each representative's twins added to its cluster, joined first; a refusal between two
    representatives stands for every pair across their groups."""
    if not grouped.others:
        return clusters, decisions
    count_pairs(decisions, grouped)
    joins: list[Decision] = []
    result = []
    for cluster in clusters:
        cluster, joined = with_twins(cluster, grouped, states)
        result.append(cluster)
        joins += joined
    return result, joins + decisions


def count_pairs(decisions: list[Decision], grouped: Twins) -> None:
    """Each refusal counts the mention pairs across the twins of its two representatives."""
    size = {rep: len(more) + 1 for rep, more in grouped.others.items()}
    for d in decisions:
        if not d.merged:
            d.pairs = size.get(d.a, 1) * size.get(d.b, 1)


def with_twins(cluster: Cluster, grouped: Twins, states: dict[str, frozenset[str]]) -> tuple[Cluster, list[Decision]]:
    """The cluster with the twins of its representatives, joined first, and those joins."""
    reasons, members, joins = [], list(cluster.members), []
    for rep in cluster.members:
        for twin in grouped.others.get(rep.id, ()):
            said = "; ".join(evidence(rep, twin, states[rep.id]))
            reasons.append(f"{rep.id} ~ {twin.id}: {said}")
            joins.append(Decision(rep.id, twin.id, True, said))
            members.append(twin)
    return (Cluster(sorted(members, key=lambda m: m.id), reasons + cluster.reasons) if reasons else cluster), joins


def _cluster(mentions: list[MentionRef], states: dict[str, frozenset[str]], people: frozenset[str],
             twins_of: dict[str, list[MentionRef]] | None = None) -> tuple[list[Cluster], list[Decision]]:
    """Best-first agglomeration of ``mentions``; ``twins_of`` (a representative's twins) count as
    members wherever a cluster's compatibility is checked: a twin's article may hold a mention
    that conflicts with it."""
    graph, pairs = mention_graph(mentions, states, people)
    order = edge_order(pairs, components(graph, len(pairs.found.dated))[0])
    joined, decisions = resolve(mentions, pairs, order, states, people, twins_of or {})
    ids = {m.id for cluster in joined for m in cluster.members}
    result = joined + [Cluster([m]) for m in mentions if m.id not in ids]
    result.sort(key=lambda c: c.members[0].id)
    return result, list(pairs.refused) + decisions


def resolve(mentions: list[MentionRef], pairs: _Pairs, order: np.ndarray, states: dict[str, frozenset[str]],
            people: frozenset[str], twins_of: dict[str, list[MentionRef]]) -> tuple[list[Cluster], list[Decision]]:
    """The best-first joins along the compatible pairs ``order`` (of whole components, see
    :func:`edge_order`): the clusters of two or more of ``mentions`` they make, and the decisions."""
    decisions: list[Decision] = []
    position = {m.id: i for i, m in enumerate(mentions)}
    dated = pairs.found.dated
    ids = [m.id for m in dated]
    # each pair as (u, v) in input order; a cluster is numbered by the input position of its first member
    first, second = pairs.found.a[order], pairs.found.b[order]
    where = np.fromiter((position[i] for i in ids), np.int64, len(ids))
    swap = where[first] > where[second]
    us, vs = np.where(swap, second, first).tolist(), np.where(swap, first, second).tolist()
    cluster_of = where.tolist()
    spans = [f"{begin}..{end}" for begin, end in zip(pairs.first_days, pairs.last_days)]
    triggers = [m.event.trigger.lower() for m in dated]
    members: dict[int, list[int]] = {}              # clusters of two or more: their members (dated indices)
    reasons: dict[int, list[str]] = {}
    # A conflict between two members stays while both clusters only grow (a
    # cluster keeps its number when it absorbs another, and members are only
    # appended, so the same pair is found first): remembered per pair of clusters.
    known: dict[tuple[int, int], str] = {}
    summaries: dict[int, _Summary] = {}

    def refs(c: int, i: int) -> list[MentionRef]:
        found = [dated[k] for k in members[c]] if c in members else [dated[i]]
        return [t for m in found for t in (m, *twins_of.get(m.id, ()))] if twins_of else found

    for i, j, swapped in zip(us, vs, swap.tolist()):
        cu, cv = cluster_of[i], cluster_of[j]
        if cu == cv:
            continue
        u, v = ids[i], ids[j]
        conflict = known.get((cu, cv))
        # two single mentions without twins: their edge says they agree
        if conflict is None and (cu in members or cv in members or u in twins_of or v in twins_of):
            x, y = summaries.get(cu), summaries.get(cv)
            if x is None:
                x = summaries[cu] = _summary(refs(cu, i), states, people)
            if y is None:
                y = summaries[cv] = _summary(refs(cv, j), states, people)
            conflict = _quick_conflict(x, y)
            if conflict is False:
                conflict = cluster_conflict(refs(cu, i), refs(cv, j), states, people)
            if conflict and not conflict.startswith(NO_SHARED_ACTOR):
                known[(cu, cv)] = conflict
        if conflict:
            decisions.append(Decision(u, v, False, conflict))
            continue
        a, b = (j, i) if swapped else (i, j)
        said = "; ".join(evidence_of(states[u] & states[v], triggers[a] if triggers[a] == triggers[b] else None,
                                     spans[a], spans[b], dated[a].stem == dated[b].stem))
        keep, gone = (cu, cv) if cu < cv else (cv, cu)
        moved = members.pop(gone, None) or [j if gone == cv else i]
        members.setdefault(keep, [i if keep == cu else j]).extend(moved)
        reasons.setdefault(keep, []).extend(reasons.pop(gone, []) + [f"{u} ~ {v}: {said}"])
        for k in moved:
            cluster_of[k] = keep
        kept, absorbed = summaries.pop(keep, None), summaries.pop(gone, None)
        if kept is not None and absorbed is not None:
            summaries[keep] = _absorb(kept, absorbed)
        decisions.append(Decision(u, v, True, said))
    return [Cluster(sorted((dated[k] for k in ks), key=lambda m: m.id), reasons.get(c, []))
            for c, ks in members.items()], decisions
