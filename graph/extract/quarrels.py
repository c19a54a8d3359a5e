"""Quarrels: a spat, row or clash is a meeting of the people who had it, or fighting.

"Their spat in the Oval Office", "Boric clashed with Milei in Lima": a quarrel
of two or more people alone is a face-to-face encounter (a meeting); a name
after "in" or "at" says where it happened and a state written in a person's
title ("Ukraine President Zelenskyy") who the person is. Between states or
forces a clash is fighting. :func:`graph.extract.events.extract_sentence_events`
applies it to the words of ``quarrel_words`` (``ontology/events.toml``).
"""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.arguments import PLACE_PREPS
from graph.extract.candidates import Candidate
from graph.extract.records import ActorMention


#: Tags of a quarrel word naming armed clashes even with no one named: "clashes" in the plural, or a
#: past verb ("troops clashed in 2020"; the tagger's present "clash" in "the palace clash" is a noun).
ARMED_TAGS = {"NNS", "VBD"}


def quarrel_parties(cand: Candidate, kinds: dict[str, str], by_token: dict[int, ActorMention]) -> list[str]:
    """"Their spat at the White House", "Boric clashed with Milei in Lima": the two or more people
    of a quarrel, when it is theirs alone (a name after "in" or "at" is where it happened, a state
    in a person's title says who the person is)."""
    parties = list(dict.fromkeys(cand.agents + cand.patients))
    people = [p for p in parties if kinds.get(p) == "Person"]
    sent = cand.head.sent
    where = {by_token[t.i].name for t in sent if t.i in by_token
             and t.head.dep_ == "prep" and t.head.lower_ in PLACE_PREPS}
    where |= {by_token[t.i].name for t in sent if t.i in by_token and by_token[t.i].kind != "Person"
              and ((t.dep_ in ("poss", "compound") and _in_person_name(t, by_token))     # "Peru's President Boluarte"
                   or _titles_a_person(t, sent.end, by_token))}          # "Ukraine President Zelenskyy"
    if len(people) < 2 or any(kinds.get(p) != "Person" and p not in where for p in parties):
        return []
    return people


def _titles_a_person(token: Token, end: int, by_token: dict[int, ActorMention]) -> bool:
    """"Ukraine President Zelenskyy", "Argentina's President Milei" (whatever the parse hangs the
    state on): a name written right before a title of a person's name."""
    after = token.i + 1
    if after < end and token.doc[after].tag_ == "POS":
        after += 1
    return after < end and token.doc[after].dep_ == "compound" and _in_person_name(token.doc[after], by_token)


def _in_person_name(token: Token, by_token: dict[int, ActorMention]) -> bool:
    """Whether a word hangs (through a title or two) on a person's name ("Ukraine President Zelenskyy")."""
    node = token
    for _ in range(3):
        node = node.head
        mention = by_token.get(node.i)
        if mention is not None and mention.kind == "Person":
            return True
        if node.head.i == node.i:
            return False
    return False
