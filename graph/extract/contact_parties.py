"""Parties of a contact noun that names none, from the clause around it.

"Kenya and Chile said the talks had gone well": talks reported by their
parties are between them. "Kenya's ministers will face their Chilean
counterparts on Monday for talks": talks that are the purpose of a verb are
between its subject and its object. Pure functions of the parse and the
actor mentions; used by :mod:`graph.extract.events` for a contact noun
(call, meeting, talks, visit) whose own phrase names no one.
"""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Token

from graph.extract.arguments import actors_in, subject_of
from graph.extract.candidates import Candidate
from graph.extract.records import ActorMention
from graph.knowledge import ExtraCues

#: How a contact noun stands in the clause a speaker reports for that report to be about it.
REPORTED_ROLES = {"nsubj", "nsubjpass", "dobj", "attr"}


def reporting_parties(cand: Candidate, cands: list[Candidate], by_token: dict[int, ActorMention],
                      extra: ExtraCues, media: frozenset[str], heads: Container[str] = frozenset()) -> list[str]:
    """"Kenya and Chile said the talks had gone well": contact with no party of its own, told in
    the complement clause of the parties' own report, as what it is about (its subject or object,
    "a round of" it), is between them (the nearest report above); a contact placed by a phrase
    inside that clause ("… in the wake of the phone call") is another matter; so is one person
    telling of talks who speaks for no state (``heads``: a spokesman, most often, not a party),
    a report whose clause only says when the contact came (``occurrence_verbs``: "the meeting
    came hours after the strikes, Ukrainian officials said" reports the strikes), and one that
    looks on at it (``onlooker_verbs``: "Moscow said it welcomed the meeting")."""
    speeches = {c.head.i for c in cands if c.event_class == "Statement" and c.trigger.content}
    speech = next((a for a in cand.head.ancestors if a.i in speeches), None)
    if speech is None:
        return []
    node = cand.head
    while node.dep_ in REPORTED_ROLES or (node.dep_ == "pobj" and node.head.lower_ == "of") or (
            node.dep_ == "prep" and node.lower_ == "of"):
        node = node.head
    if node.dep_ not in ("ccomp", "parataxis") or node.head.i != speech.i:
        return []
    if node.lemma_.lower() in extra.occurrence_verbs:   # "the meeting came hours after the strikes, X said"
        return []
    if node.lemma_.lower() in extra.onlooker_verbs | extra.evaluative_verbs:
        return []                   # "Moscow said it welcomed the meeting": an onlooker's report

    tellers = [m for m in subject_of(speech, by_token, extra.object_control_verbs)
               if m.kind != "Place" and m.name not in media]
    if len({n for m in tellers for n in m.names}) == 1 and tellers[0].kind == "Person" and tellers[0].name not in heads:
        return []                   # "Peskov said the talks had been useful": a spokesman is no party
    return [n for m in tellers for n in m.names]


#: Where a verb names who it acts with or on ("met X", "sat down with X", "gave X").
PARTNER_DEPS = {"dobj", "dative"}
PARTNER_PREPS = {"with"}


def _own_phrase(top: Token) -> list[Token]:
    """The words of a phrase without the phrases hung on it ("counterparts", not "… in Lima")."""
    out = []
    for token in top.subtree:
        node = token
        while node.i != top.i and node.dep_ != "prep":
            node = node.head
        if node.i == top.i:
            out.append(token)
    return out


def _purpose_verb(noun: Token) -> Token | None:
    """The verb a contact noun is the purpose of: "… for talks", "on his way to talks"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return None
    if prep.lower_ == "for" and prep.head.pos_ in ("VERB", "AUX"):
        return prep.head
    way = prep.head
    if prep.lower_ == "to" and way.lemma_.lower() == "way" and way.dep_ == "pobj" and way.head.head.pos_ == "VERB":
        return way.head.head
    return None


def purpose_parties(cand: Candidate, by_token: dict[int, ActorMention], extra: ExtraCues,
                    media: frozenset[str]) -> list[str]:
    """"Kenya's delegation sat down with Chile on Monday for talks", "Ruto stopped in Nairobi on
    his way to talks": contact that is the purpose of a verb is between the verb's subject and
    those it acts with."""
    verb = _purpose_verb(cand.head)
    if verb is None:
        return []
    found = list(subject_of(verb, by_token, extra.object_control_verbs))
    for child in verb.children:
        if child.dep_ in PARTNER_DEPS or (child.dep_ == "prep" and child.lower_ in PARTNER_PREPS):
            found += actors_in(_own_phrase(child) if child.dep_ != "prep" else
                               [t for g in child.children for t in _own_phrase(g)], by_token)
    return list(dict.fromkeys(m.name for m in found if m.kind != "Place" and m.name not in media))


def contact_parties(cand: Candidate, cands: list[Candidate], by_token: dict[int, ActorMention], extra: ExtraCues,
                    media: frozenset[str], heads: Container[str] = frozenset()) -> list[str]:
    """The agents of a contact noun that names no agent: its reporters', else its purpose verb's
    (two of them at least when the noun names no one at all: one would be a traveller alone)."""
    if not cand.patients:
        found = reporting_parties(cand, cands, by_token, extra, media, heads)
        if found:
            return found
    found = [name for name in purpose_parties(cand, by_token, extra, media) if name not in cand.patients]
    return found if cand.patients or len(found) >= 2 else []
