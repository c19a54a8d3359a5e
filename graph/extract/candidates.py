"""What the event extractors share: the :class:`Candidate` a trigger makes before its
arguments are settled, and the groups of event classes and clause dependencies
that :mod:`.events`, :mod:`.arguments`, :mod:`.framing`, :mod:`.lead`,
:mod:`.anchoring` and :mod:`.claims` all test against.

It sits below those modules (it imports none of them), so that they form no
import circle (issue #19).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from graph.extract.records import ActorMention
from graph.knowledge import Trigger

#: Determiners of a noun that refers back ("the call", "this deal").
DEFINITE = {"the", "this", "that"}


def refers_back(noun: Token) -> bool:
    """"the call", "this deal", "their meeting", "Monday's call": a noun naming something told before."""
    return any((c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in noun.children)


def describes_only(token: Token, pos: str) -> bool:
    """A trigger word that only describes another noun is no event: an event noun that classifies
    one ("air raid alerts", "ceasefire talks"), a participle before one ("a negotiated settlement",
    "the proposed deal")."""
    if pos == "NOUN":
        return token.dep_ == "compound" and token.head.pos_ == "NOUN" and token.head.i > token.i
    return token.dep_ == "amod" and token.tag_ == "VBN" and token.i < token.head.i


#: Dependencies that open a clause of their own.
CLAUSE_DEPS = {"relcl", "advcl", "ccomp", "acl", "csubj", "parataxis"}
#: Classes of contact between parties (a call, a meeting, talks, a visit).
CONTACT = {"PhoneCall", "Meeting", "Talks", "Visit"}
#: Classes of force ("struck", "the invasion"): what a pause in fighting halts, what hits a target.
FORCE = frozenset({"Attack", "Invasion"})


@dataclass
class Candidate:
    """A trigger found in a sentence, before arguments are settled."""

    trigger: Trigger
    head: Token
    tokens: tuple[int, int]
    event_class: str
    negated: bool = False
    absorbed: bool = False
    speaker: str | None = None
    elliptic: ActorMention | None = None     # the subject of a pro-verb clause ("as Ukraine did")
    repeats: Token | None = None             # the verb a pro-verb clause repeats, with its object
    told_by: Token | None = None             # the verb telling a noun's event ("a strike killed 35": killed)
    agents: list[str] = field(default_factory=list)
    patients: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
