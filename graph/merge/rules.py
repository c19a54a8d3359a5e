"""The rules of event coreference: what makes two mentions, or two clusters, one event or not.

Hard constraints: same class; both dated; two day-precise dates are equal,
otherwise one interval contains the other; a shared actor (an institution
counts as the state it speaks for), or, for a mention that names no actor,
another mention of its own article in the cluster; no two statements of one
article in one cluster; no two mentions of one article, in different
sentences, about different things ("agreed to a swap" / "agreed to talks";
themes sharing a word, "ceasefire" / "ceasefire proposal", do not differ).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.extract.records import EventMention
from graph.extract.theme import themes_differ

#: Classes whose participants define the event: a call between A and B is not one between A and C.
TWO_PARTY = {"PhoneCall", "Meeting"}
STATEMENT = "Statement"
#: Classes whose mentions say who acts on whom: told the other way round, another event.
DIRECTED = {"Attack", "Invasion"}
DIFFERENT_DAYS = "different days ({} vs {})"
NOT_NESTED = "dates do not nest ({}..{} vs {}..{})"


@dataclass(frozen=True)
class MentionRef:
    """One article's mention of an event: ``id`` is ``<stem>/<index>``; ``actor_set`` its agents and patients."""

    stem: str
    event: EventMention
    id: str = field(init=False, repr=False, compare=False)
    actor_set: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # set once here: functools.cached_property takes a lock on every first access (Python 3.11)
        object.__setattr__(self, "id", f"{self.stem}/{self.event.index}")
        object.__setattr__(self, "actor_set", frozenset(self.event.agents + self.event.patients))


@dataclass
class Decision:
    """A join or a refusal between mentions ``a`` and ``b``; ``pairs`` counts the mention pairs it
    stands for (a refusal between two groups of twins stands for every pair across them)."""

    a: str
    b: str
    merged: bool
    reason: str
    pairs: int = 1


NO_SHARED_ACTOR = "no shared actor"


@dataclass
class Cluster:
    members: list[MentionRef]
    reasons: list[str] = field(default_factory=list)


def states_of(mention: MentionRef, speaks_for: dict[str, str]) -> frozenset[str]:
    """The mention's actors and the states they stand for."""
    return mention.actor_set | {speaks_for[name] for name in mention.actor_set if name in speaks_for}


def date_conflict(a: EventMention, b: EventMention) -> str | None:
    da, db = a.dating, b.dating
    if da is None or db is None:
        return "undated"
    if da.granularity == "day" and db.granularity == "day":
        return None if da.begin == db.begin else DIFFERENT_DAYS.format(da.begin, db.begin)
    a_in_b = db.begin <= da.begin and da.end <= db.end
    b_in_a = da.begin <= db.begin and db.end <= da.end
    if a_in_b or b_in_a:
        return None
    return NOT_NESTED.format(da.begin, da.end, db.begin, db.end)


def opposite_directions(a: EventMention, b: EventMention) -> bool:
    """"Israel struck Iran" and "Iran struck Israel": agents of each among the other's patients,
    none in common."""
    agents_a, agents_b = set(a.agents), set(b.agents)
    return (bool(agents_a and agents_b) and not agents_a & agents_b
            and bool(agents_a & set(b.patients)) and bool(agents_b & set(a.patients)))


def pair_conflict(a: MentionRef, b: MentionRef, people: frozenset[str] = frozenset()) -> str | None:
    if a.event.event_class != b.event.event_class:
        return "different classes"
    if a.event.event_class == STATEMENT:
        if not set(a.event.agents) & set(b.event.agents):
            return "different speakers"
        if a.stem == b.stem and abs(a.event.sentence_index - b.event.sentence_index) > 1:
            return "two statements of one article"
    if (a.event.theme and b.event.theme and a.stem == b.stem and a.event.sentence_index != b.event.sentence_index
            and themes_differ(a.event.theme, b.event.theme)):
        return f"different themes in one article ({a.event.theme} vs {b.event.theme})"
    if a.event.event_class in DIRECTED and opposite_directions(a.event, b.event):
        return f"opposite directions ({', '.join(a.event.agents)} vs {', '.join(b.event.agents)})"
    if a.event.event_class in TWO_PARTY and people:
        mine, theirs = a.actor_set & people, b.actor_set & people
        if len(mine) >= 2 and len(theirs) >= 2 and not (mine <= theirs or theirs <= mine):
            return f"different participants ({', '.join(sorted(mine))} vs {', '.join(sorted(theirs))})"
    return date_conflict(a.event, b.event)


def evidence(a: MentionRef, b: MentionRef, shared: frozenset[str]) -> list[str]:
    """Why two mentions were joined, in words (written only for the pairs that are joined)."""
    da, db = a.event.dating, b.event.dating
    trigger = a.event.trigger.lower()
    return evidence_of(shared, trigger if trigger == b.event.trigger.lower() else None,
                       f"{da.begin}..{da.end}", f"{db.begin}..{db.end}", a.stem == b.stem)


def evidence_of(shared, trigger: str | None, span_a: str, span_b: str, same_article: bool) -> list[str]:
    """:func:`evidence` from its parts: the shared actors, the common trigger, the two date spans."""
    found = ["shared actors: " + ", ".join(sorted(shared))] if shared else []
    if trigger is not None:
        found.append(f"same trigger '{trigger}'")
    found.append(f"compatible dates ({span_a} ~ {span_b})")
    if same_article:
        found.append("same article")
    return found


def all_states(mentions: list[MentionRef], speaks_for: dict[str, str]) -> dict[str, frozenset[str]]:
    return {m.id: states_of(m, speaks_for) for m in mentions}


def cluster_conflict(x: list[MentionRef], y: list[MentionRef], states: dict[str, frozenset[str]],
                     people: frozenset[str]) -> str | None:
    """Why clusters ``x`` and ``y`` cannot be one event: the first conflicting pair across them, in
    member order, or no shared actor; None when they can."""
    for a in x:
        for b in y:
            conflict = pair_conflict(a, b, people)
            if conflict:
                return f"{conflict}: {a.id} and {b.id}"
    return actors_conflict(set().union(*(states[m.id] for m in x)), set().union(*(states[m.id] for m in y)),
                           {m.stem for m in x}, {m.stem for m in y})


def actors_conflict(states_x: set[str], states_y: set[str], stems_x: set[str], stems_y: set[str]) -> str | None:
    """Two clusters are about the same parties: a shared actor or state, or, when one names
    nobody, an article in common; else :data:`NO_SHARED_ACTOR`."""
    if states_x & states_y:
        return None
    if (not states_x or not states_y) and stems_x & stems_y:
        return None
    return NO_SHARED_ACTOR
