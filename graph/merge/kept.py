"""The clustering of the merge, kept between builds: a rebuild resolves only the components that changed.

:func:`graph.merge.events.cluster_mentions` resolves each connected
component of the mention graph on its own (its compatible pairs, best-first).
What a component gives, its clusters with their reasons and its decisions,
depends only on what that resolution reads: its representatives in input
order, each with its twins, and its compatible pairs with their scores.
A mention is named here as in :mod:`graph.export.turtle_blocks`: its id,
its article's cache key (which stands for the article and for the code and
knowledge that extract it), the names actor resolution gave it and, for a
two-party class, the people among them. The hash of all that is the
component's *signature*.

:func:`cluster_kept` gives what :func:`~graph.merge.events.cluster_mentions`
gives, the same clusters and decisions in the same order
(``tests/merge/test_kept.py``), but takes the result of each component whose
signature the previous build resolved from :class:`KeptClusters` instead of
resolving it again. Twins, blocking, the judging of the pairs and the
components are worked out anew every build (they are what says which
components changed: a new mention can take a block's partner away from
another, see :mod:`.blocking`); the best-first joins, the summaries and the
reasons of unchanged components are not. Without a state (the first build,
other code, another Python) every component is resolved: that *is* the full
clustering.

The state, ``OUT/.cache/merge-clusters.bin`` (:mod:`graph.builder.stored`,
versioned by the package's code and the knowledge's ``speaks_for``), holds
per signature the component's decisions (ids, reasons, mention pairs) and
its clusters as member ids, twin joins and the places of their other
reasons among the decisions. It is written in component order, so a rebuild
writes the same bytes as a fresh build.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from graph.builder.stored import read_state, write_state
from graph.gc_pause import paused_gc
from graph.merge.events import _Pairs, count_pairs, edge_order, judged_pairs, resolve, with_twins
from graph.merge.rules import TWO_PARTY, Cluster, Decision, MentionRef, all_states
from graph.merge.twins import Twins, twins

#: The build state holding the resolved components (see :mod:`graph.builder.stored`).
STATE = "merge-clusters"

# a component's result: its decisions (a, b, merged, reason, pairs) and its clusters
# (member ids, twin joins (a, b, reason), places of their other reasons among the decisions)
Payload = tuple[tuple[tuple[str, str, bool, str, int], ...],
                tuple[tuple[tuple[str, ...], tuple[tuple[str, str, str], ...], tuple[int, ...]], ...]]


@dataclass
class KeptClusters:
    """The components resolved by the previous build (``previous``, by signature) and by this one
    (``made``, in component order); ``sources`` maps each article's stem to its cache key."""

    sources: dict[str, str]
    previous: dict[bytes, Payload] = field(default_factory=dict)
    made: dict[bytes, Payload] = field(default_factory=dict)
    reused: int = 0         # components taken from ``previous`` by the last clustering
    resolved: int = 0       # components resolved by it

    @classmethod
    def read(cls, folder: Path, version: str, sources: dict[str, str]) -> KeptClusters:
        """The state kept in the output folder ``folder`` (none when it does not check out)."""
        previous = read_state(folder, STATE, version)
        return cls(sources, previous if isinstance(previous, dict) else {})

    def keep(self, staging: Path, version: str) -> None:
        """Store this build's components for the next one."""
        write_state(staging, STATE, version, self.made)


def state_version(package: str, speaks_for: dict[str, str]) -> str:
    """The state's version: the package's code and the institutions' states (the knowledge the
    clustering reads besides the mentions, which their articles' cache keys stand for)."""
    return hashlib.sha256(package.encode() + b"\0" + repr(sorted(speaks_for.items())).encode()).hexdigest()


class _Signatures:
    """Hashes of components, one pickler for all."""

    def __init__(self, sources: dict[str, str], people: frozenset[str], others: dict[str, list[MentionRef]]):
        self.sources, self.people, self.others = sources, people, others
        self.buffer = io.BytesIO()
        self.pickler = pickle.Pickler(self.buffer, protocol=pickle.HIGHEST_PROTOCOL)
        self.pickler.fast = True

    def name(self, m: MentionRef) -> tuple:
        event = m.event
        crowd = tuple(sorted(m.actor_set & self.people)) if event.event_class in TWO_PARTY else ()
        return m.id, self.sources[m.stem], event.agents, event.patients, crowd

    def __call__(self, reps: list[MentionRef], first: np.ndarray, second: np.ndarray, score: np.ndarray) -> bytes:
        others = self.others
        value = (tuple((self.name(m), tuple(self.name(t) for t in others.get(m.id, ()))) for m in reps),
                 first.tobytes(), second.tobytes(), score.tobytes())
        self.buffer.seek(0)
        self.buffer.truncate()
        self.pickler.dump(value)
        return hashlib.blake2b(self.buffer.getvalue(), digest_size=20).digest()


def _payload(clusters: list[Cluster], decisions: list[Decision], grouped: Twins,
             states: dict[str, frozenset[str]]) -> tuple[Payload, list[tuple[Cluster, list[Decision]]]]:
    """A freshly resolved component as kept, and its clusters with their twins and twin joins."""
    place = {f"{d.a} ~ {d.b}: {d.reason}": k for k, d in enumerate(decisions) if d.merged}
    kept, made = [], []
    for cluster in clusters:
        whole, joins = with_twins(cluster, grouped, states)
        kept.append((tuple(m.id for m in whole.members), tuple((d.a, d.b, d.reason) for d in joins),
                     tuple(place[reason] for reason in cluster.reasons)))
        made.append((whole, joins))
    return (tuple((d.a, d.b, d.merged, d.reason, d.pairs) for d in decisions), tuple(kept)), made


def _taken(payload: Payload,
           ref_of: dict[str, MentionRef]) -> tuple[list[Decision], list[tuple[Cluster, list[Decision]]]]:
    """A kept component's decisions and its clusters with their twin joins."""
    done, clusters = payload
    decisions = [Decision(*d) for d in done]
    made = []
    for ids, joins, places in clusters:
        reasons = [f"{a} ~ {b}: {said}" for a, b, said in joins]
        reasons += [f"{done[k][0]} ~ {done[k][1]}: {done[k][3]}" for k in places]
        made.append((Cluster([ref_of[i] for i in ids], reasons), [Decision(a, b, True, said) for a, b, said in joins]))
    return decisions, made


def components(pairs: _Pairs) -> tuple[np.ndarray, list[list[int]]]:
    """:func:`graph.merge.events.components` of the mention graph, found over the arrays of its
    edges (the compatible pairs) without building it: labels spread along the edges to the least
    node of each component; components are numbered as networkx finds them, by the first of their
    nodes to come in an edge. Each component's nodes are in ascending order."""
    size = len(pairs.found.dated)
    keep = np.flatnonzero(pairs.compatible)
    a, b = pairs.found.a[keep], pairs.found.b[keep]
    label = np.arange(size)
    while True:
        low = np.minimum(label[a], label[b])
        spread = label.copy()
        np.minimum.at(spread, a, low)
        np.minimum.at(spread, b, low)
        spread = spread[spread]
        if np.array_equal(spread, label):
            break
        label = spread
    seen = label[np.column_stack((a, b)).ravel()]      # nodes in the order they come in edges
    labels, first = np.unique(seen, return_index=True)
    number = np.zeros(size, dtype=np.int64)
    number[labels[np.argsort(first, kind="stable")]] = np.arange(len(labels))
    nodes = np.unique(np.concatenate((a, b)))
    component = np.zeros(size, dtype=np.int64)
    component[nodes] = number[label[nodes]]
    grouped = nodes[np.argsort(component[nodes], kind="stable")]
    bounds = np.searchsorted(component[grouped], np.arange(len(labels) + 1))
    return component, [grouped[bounds[n]:bounds[n + 1]].tolist() for n in range(len(labels))]


def cluster_kept(mentions: list[MentionRef], speaks_for: dict[str, str], people: frozenset[str],
                 kept: KeptClusters) -> tuple[list[Cluster], list[Decision]]:
    """:func:`graph.merge.events.cluster_mentions`, taking the components ``kept`` knows from it
    and recording every component in ``kept.made`` (see the module docstring)."""
    with paused_gc():
        states = all_states(mentions, speaks_for)
        grouped = twins(mentions, states, people)
        reps = grouped.representatives
        pairs = judged_pairs(reps, states, people)
        dated = pairs.found.dated
        component, nodes_of = components(pairs)
        order = edge_order(pairs, component)
        position = {m.id: i for i, m in enumerate(reps)}
        where = np.fromiter((position[m.id] for m in dated), np.int64, len(dated))
        of_edge = component[pairs.found.a[order]]       # ascending: the order is by component
        bounds = np.searchsorted(of_edge, np.arange(len(nodes_of) + 1)).tolist()
        local = np.zeros(len(dated), dtype=np.int32)
        signature = _Signatures(kept.sources, people, grouped.others)
        signatures = []
        for number, nodes in enumerate(nodes_of):
            nodes.sort(key=where.__getitem__)
            local[nodes] = np.arange(len(nodes), dtype=np.int32)
            edges = order[bounds[number]:bounds[number + 1]]
            signatures.append(signature([dated[k] for k in nodes], local[pairs.found.a[edges]],
                                        local[pairs.found.b[edges]], pairs.score[edges]))
        todo = np.array([s not in kept.previous for s in signatures], dtype=bool)
        joined, done = resolve(reps, pairs, order[todo[of_edge]], states, people, grouped.others)
        count_pairs(done, grouped)
        index_of = {m.id: k for k, m in enumerate(dated)}
        fresh_clusters: dict[int, list[Cluster]] = {}
        fresh_decisions: dict[int, list[Decision]] = {}
        for cluster in joined:
            fresh_clusters.setdefault(int(component[index_of[cluster.members[0].id]]), []).append(cluster)
        for d in done:
            fresh_decisions.setdefault(int(component[index_of[d.a]]), []).append(d)
        ref_of = {m.id: m for m in mentions}
        made: list[tuple[Cluster, list[Decision]]] = []
        decisions: list[Decision] = []
        kept.made, kept.reused, kept.resolved = {}, 0, 0
        for number, key in enumerate(signatures):
            if todo[number]:
                found = fresh_decisions.get(number, [])
                kept.made[key], clusters = _payload(fresh_clusters.get(number, []), found, grouped, states)
                kept.resolved += 1
            else:
                kept.made[key] = kept.previous[key]
                found, clusters = _taken(kept.made[key], ref_of)
                kept.reused += 1
            decisions += found
            made += clusters
        joined_ids = {m.id for cluster, _ in made for m in cluster.members}
        made += [with_twins(Cluster([m]), grouped, states) for m in reps if m.id not in joined_ids]
        # in the order of the clusters before their twins joined (a twin's id may come first)
        made.sort(key=lambda c: min(m.id for m in c[0].members if m.id in position))
        refused = list(pairs.refused)
        count_pairs(refused, grouped)
        return [c for c, _ in made], [d for _, joins in made for d in joins] + refused + decisions
