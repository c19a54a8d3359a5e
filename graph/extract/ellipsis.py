"""Verb-phrase ellipsis: "Putin refused to accept a ceasefire, as Ukraine did last week".

A pro-verb ("did", "does") with no object of its own, whose subject follows a
comparison mark ("as", "like"), repeats the verb phrase before the mark: it
states a second event of that verb's class, done by its own subject, at its
own time. The small model often parses such a clause badly ("as" as a
preposition of the object, "did" as a conjunct), so the clause is read from
the words, checked against the parse only for what the pro-verb governs.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from graph.extract.records import ActorMention

#: A pro-verb with one of these is a full verb ("did the deal", "did so"), not an ellipsis.
OWN_COMPLEMENT = {"dobj", "xcomp", "ccomp", "attr", "acomp", "oprd"}
FINITE = {"VBD", "VBZ", "VBP"}
DETERMINERS = {"the", "a", "an"}


def _subject_before(verb: Token, by_token: dict[int, ActorMention], marks: frozenset[str]) -> ActorMention | None:
    """The actor named between a comparison mark and the pro-verb ("as Ukraine did")."""
    mention = by_token.get(verb.i - 1)
    if mention is None:
        return None
    start = mention.tokens[0]
    doc = verb.doc
    if start > 0 and doc[start - 1].lower_ in DETERMINERS:
        start -= 1
    if start == 0 or doc[start - 1].lower_ not in marks:
        return None
    return mention


def _is_pro_verb(token: Token, pro_verbs: frozenset[str]) -> bool:
    if token.lemma_.lower() not in pro_verbs or token.tag_ not in FINITE or token.dep_ in ("aux", "auxpass"):
        return False
    return not any(c.dep_ in OWN_COMPLEMENT or c.lower_ == "so" for c in token.children)


def elliptic_clauses(sent: Span, verb_triggers: list[Token], by_token: dict[int, ActorMention],
                     marks: frozenset[str], pro_verbs: frozenset[str]) -> list[tuple[Token, Token, ActorMention]]:
    """(pro-verb, verb it repeats, its subject) for each elliptic clause of the sentence.

    The repeated verb is the nearest verb trigger before the mark: the
    lowest verb phrase, as in "refused to accept X as Ukraine did" (Ukraine
    accepted).
    """
    out = []
    for token in sent:
        if not _is_pro_verb(token, pro_verbs):
            continue
        subject = _subject_before(token, by_token, marks)
        if subject is None:
            continue
        before = [v for v in verb_triggers if v.i < subject.tokens[0]]
        if before:
            out.append((token, max(before, key=lambda v: v.i), subject))
    return out
