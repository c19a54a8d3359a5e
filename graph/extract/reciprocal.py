"""Reciprocal contact verbs: "Trump and Putin spoke on Tuesday", "the two leaders talked".

"speak" and "talk" name a contact only with a partner ("spoke to Putin"); a
subject naming two or more parties needs none: they spoke with each other. So
with "sit down" ("Trump and Xi sat down in Busan"): they met.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from graph.extract.records import ActorMention

SUBJECTS = {"nsubj"}


def _parties(subject: Token, by_token: dict[int, ActorMention]) -> set[str]:
    names: set[str] = set()
    for token in subject.subtree:
        mention = by_token.get(token.i)
        if mention is not None and mention.kind != "Place":
            names.update(mention.names)
    return names


def reciprocal_contacts(sent: Span, taken: set[int], by_token: dict[int, ActorMention],
                        verbs: frozenset[str]) -> list[Token]:
    """Verbs of ``verbs`` (lemmas, or a lemma and its particle: "sit down") not already triggers
    whose subject names two or more parties."""
    single = {v for v in verbs if " " not in v}
    phrasal = {tuple(v.split()) for v in verbs if " " in v}
    out = []
    for token in sent:
        if token.i in taken or token.pos_ != "VERB":
            continue
        lemma = token.lemma_.lower()
        if lemma not in single and not any(first == lemma and any(c.dep_ in ("prt", "advmod") and c.lower_ == rest
                                                                  for c in token.children)
                                           for first, rest in phrasal):
            continue
        subjects = [c for c in token.children if c.dep_ in SUBJECTS]
        if subjects and len(_parties(subjects[0], by_token)) >= 2:
            out.append(token)
    return out
