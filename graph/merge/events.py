"""Event coreference: which mentions, across articles, are the same real event.

A networkx graph holds the mentions as nodes and, as edges, the pairs that
*could* be the same event, with the evidence. Candidate pairs come from
blocking (same class, overlapping dates), so the cost grows with the number
of mentions per class and date, not with the square of all mentions.

Edges are then taken best-first, and two clusters join only when **every**
pair across them is compatible (greedy agglomeration under cannot-link
constraints): A~B and B~C never force A=C when A and C conflict, so a week
that contains two different days cannot chain them together.

Hard constraints: same class; both dated; two day-precise dates are equal,
otherwise one interval contains the other; a shared actor (an institution
counts as the state it speaks for), or, for a mention that names no actor,
another mention of its own article in the cluster; no two statements of one
article in one cluster; no two mentions of one article, in different
sentences, about different things ("agreed to a swap" / "agreed to talks";
themes sharing a word, "ceasefire" / "ceasefire proposal", do not differ).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

import networkx as nx

from graph.extract.records import EventMention
from graph.extract.theme import themes_differ

NEAR_MISS_DAYS = 1
#: Classes whose participants define the event: a call between A and B is not one between A and C.
TWO_PARTY = {"PhoneCall", "Meeting"}


@dataclass(frozen=True)
class MentionRef:
    stem: str
    event: EventMention

    @functools.cached_property
    def id(self) -> str:
        return f"{self.stem}/{self.event.index}"

    @functools.cached_property
    def actor_set(self) -> frozenset[str]:
        return frozenset(self.event.agents + self.event.patients)


@dataclass
class Decision:
    a: str
    b: str
    merged: bool
    reason: str


_NO_SHARED_ACTOR = "no shared actor"


@dataclass
class Cluster:
    members: list[MentionRef]
    reasons: list[str] = field(default_factory=list)


def _states(mention: MentionRef, speaks_for: dict[str, str]) -> frozenset[str]:
    """The mention's actors and the states they stand for."""
    return mention.actor_set | {speaks_for[name] for name in mention.actor_set if name in speaks_for}


def _date_conflict(a: EventMention, b: EventMention) -> str | None:
    da, db = a.dating, b.dating
    if da is None or db is None:
        return "undated"
    if da.granularity == "day" and db.granularity == "day":
        return None if da.begin == db.begin else f"different days ({da.begin} vs {db.begin})"
    a_in_b = db.begin <= da.begin and da.end <= db.end
    b_in_a = da.begin <= db.begin and db.end <= da.end
    if a_in_b or b_in_a:
        return None
    return f"dates do not nest ({da.begin}..{da.end} vs {db.begin}..{db.end})"


def _pair_conflict(a: MentionRef, b: MentionRef, people: frozenset[str] = frozenset()) -> str | None:
    if a.event.event_class != b.event.event_class:
        return "different classes"
    if a.event.event_class == "Statement":
        if not set(a.event.agents) & set(b.event.agents):
            return "different speakers"
        if a.stem == b.stem and abs(a.event.sentence_index - b.event.sentence_index) > 1:
            return "two statements of one article"
    if (a.event.theme and b.event.theme and a.stem == b.stem and a.event.sentence_index != b.event.sentence_index
            and themes_differ(a.event.theme, b.event.theme)):
        return f"different themes in one article ({a.event.theme} vs {b.event.theme})"
    if a.event.event_class in TWO_PARTY and people:
        mine, theirs = a.actor_set & people, b.actor_set & people
        if len(mine) >= 2 and len(theirs) >= 2 and not (mine <= theirs or theirs <= mine):
            return f"different participants ({', '.join(sorted(mine))} vs {', '.join(sorted(theirs))})"
    return _date_conflict(a.event, b.event)


def _score(a: MentionRef, b: MentionRef, shared: frozenset[str]) -> float:
    """How alike two compatible mentions are; ``shared`` are their common actors and states."""
    da, db = a.event.dating, b.event.dating
    return (2.0 * len(shared) + (a.event.trigger.lower() == b.event.trigger.lower())
            + (da.granularity == db.granularity) + (a.stem == b.stem))


def _evidence(a: MentionRef, b: MentionRef, shared: frozenset[str]) -> list[str]:
    """Why two mentions were joined, in words (written only for the pairs that are joined)."""
    evidence = []
    if shared:
        evidence.append("shared actors: " + ", ".join(sorted(shared)))
    if a.event.trigger.lower() == b.event.trigger.lower():
        evidence.append(f"same trigger '{a.event.trigger.lower()}'")
    evidence.append(f"compatible dates ({a.event.dating.begin}..{a.event.dating.end} ~ "
                    f"{b.event.dating.begin}..{b.event.dating.end})")
    if a.stem == b.stem:
        evidence.append("same article")
    return evidence


def _all_states(mentions: list[MentionRef], speaks_for: dict[str, str]) -> dict[str, frozenset[str]]:
    return {m.id: _states(m, speaks_for) for m in mentions}


def candidate_pairs(mentions: list[MentionRef], speaks_for: dict[str, str] | None = None,
                    states: dict[str, frozenset[str]] | None = None) -> list[tuple[MentionRef, MentionRef]]:
    """Pairs of dated mentions of one class that share an actor (or an article, for a mention
    naming none) and whose dates overlap or nearly touch: the blocking step.

    Each block (class + actor, or class + article) is swept in date order, so
    the work grows with the mentions of one actor's day, not with the square
    of all mentions.
    """
    if states is None:
        states = _all_states(mentions, speaks_for or {})
    blocks: dict[tuple[str, str], list[MentionRef]] = {}
    dated = sorted((m for m in mentions if m.event.dating is not None), key=lambda m: (m.event.dating.begin, m.id))
    for m in dated:  # in date order, so every block is too
        cls = m.event.event_class
        for actor in states[m.id]:
            blocks.setdefault((cls, f"actor:{actor}"), []).append(m)
        blocks.setdefault((cls, f"article:{m.stem}"), []).append(m)
    slack = dt.timedelta(days=NEAR_MISS_DAYS)
    seen: set[tuple[str, str]] = set()
    pairs = []
    for (_, block), group in sorted(blocks.items()):
        size = len(group)
        if size < 2:
            continue
        by_article = block.startswith("article:")
        begins = [m.event.dating.begin for m in group]
        reaches = [m.event.dating.end + slack for m in group]
        named = [bool(m.event.actors) for m in group]
        ids = [m.id for m in group]
        for i in range(size - 1):
            reach, a_id, skip_named = reaches[i], ids[i], by_article and named[i]
            j = i + 1
            while j < size and begins[j] <= reach:
                if not (skip_named and named[j]):
                    b_id = ids[j]
                    key = (a_id, b_id) if a_id < b_id else (b_id, a_id)
                    if key not in seen:
                        seen.add(key)
                        pairs.append((group[i], group[j]))
                j += 1
    return pairs


def coreference_graph(mentions: list[MentionRef], speaks_for: dict[str, str],
                      people: frozenset[str] = frozenset(),
                      states: dict[str, frozenset[str]] | None = None) -> tuple[nx.Graph, list[Decision]]:
    """The mention graph: an edge for each candidate pair without a hard conflict.

    Mentions with no candidate are not nodes: a singleton needs no resolution.
    """
    if states is None:
        states = _all_states(mentions, speaks_for)
    graph = nx.Graph()
    refused = []
    for a, b in candidate_pairs(mentions, speaks_for, states):
        conflict = _pair_conflict(a, b, people)
        shared = states[a.id] & states[b.id]
        if conflict is not None:
            if shared:
                refused.append(Decision(a.id, b.id, False, conflict))
            continue
        graph.add_edge(a.id, b.id, score=_score(a, b, shared), first=a.id)
    return graph, refused


def _cluster_conflict(x: list[MentionRef], y: list[MentionRef], states: dict[str, frozenset[str]],
                      people: frozenset[str]) -> str | None:
    for a in x:
        for b in y:
            conflict = _pair_conflict(a, b, people)
            if conflict:
                return f"{conflict}: {a.id} and {b.id}"
    actors_x = set().union(*(states[m.id] for m in x))
    actors_y = set().union(*(states[m.id] for m in y))
    if actors_x & actors_y:
        return None
    same_article = {m.stem for m in x} & {m.stem for m in y}
    if (not actors_x or not actors_y) and same_article:
        return None
    return _NO_SHARED_ACTOR


def cluster_mentions(mentions: list[MentionRef], speaks_for: dict[str, str],
                     people: frozenset[str] = frozenset()) -> tuple[list[Cluster], list[Decision]]:
    """Resolve mentions into clusters, one per real-world event, with the log of decisions.

    ``speaks_for`` maps institutions to their states; ``people`` names the actors that are persons
    (a two-party event's identity is its people: a Trump–Putin call is not a Zelenskyy–Putin one).
    """
    states = _all_states(mentions, speaks_for)
    graph, decisions = coreference_graph(mentions, speaks_for, people, states)
    refs = {m.id: m for m in mentions}
    position = {m.id: i for i, m in enumerate(mentions)}
    # A conflict between two members stays while both clusters only grow (a
    # cluster keeps its number when it absorbs another, and members are only
    # appended, so the same pair is found first): remembered per pair of clusters.
    known: dict[tuple[int, int], str] = {}
    cluster_of = dict(position)
    clusters = {i: Cluster([m]) for i, m in enumerate(mentions)}
    # each pair is taken in input order, whatever order networkx holds it in
    edges = [((u, v) if position[u] < position[v] else (v, u), data["score"], data["first"])
             for u, v, data in graph.edges(data=True)]
    edges.sort(key=lambda e: (-e[1], min(e[0]), max(e[0])))
    for (u, v), _, first in edges:
        cu, cv = cluster_of[u], cluster_of[v]
        if cu == cv:
            continue
        conflict = known.get((cu, cv))
        if conflict is None:
            conflict = _cluster_conflict(clusters[cu].members, clusters[cv].members, states, people)
            if conflict and not conflict.startswith(_NO_SHARED_ACTOR):
                known[(cu, cv)] = conflict
        if conflict:
            decisions.append(Decision(u, v, False, conflict))
            continue
        a, b = (u, v) if first == u else (v, u)
        evidence = "; ".join(_evidence(refs[a], refs[b], states[u] & states[v]))
        keep, gone = min(cu, cv), max(cu, cv)
        clusters[keep].members += clusters[gone].members
        clusters[keep].reasons += clusters[gone].reasons + [f"{u} ~ {v}: {evidence}"]
        for m in clusters.pop(gone).members:
            cluster_of[m.id] = keep
        decisions.append(Decision(u, v, True, evidence))
    result = sorted(clusters.values(), key=lambda c: min(m.id for m in c.members))
    for cluster in result:
        cluster.members.sort(key=lambda m: m.id)
    return result, decisions
