"""What a verb event is about: "agreed to a prisoner swap", "supported an idea" — its theme.

The theme is the lemma of the head noun of the verb's object, after the
lemmas of its compound modifiers ("ceasefire proposal"): its direct
object, the object of one of the theme prepositions (``theme_preps`` in
``ontology/events.toml``), or the object of an infinitive it takes
("agreed to begin negotiations" → "negotiation"). A phrase that names
someone ("spoke with Putin") is a participant, not a theme; a noun naming
the event's own class ("agreed to a ceasefire" for a Ceasefire) says what
kind of event it is, not what it is about, and gives no theme either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:    # the merge reads themes_differ without spaCy
    from spacy.tokens import Token

NAMED = {"PERSON", "ORG", "GPE", "NORP"}
NOUNS = {"NOUN"}


def _noun(token: Token | None) -> Token | None:
    if token is None or token.pos_ not in NOUNS or token.ent_type_ in NAMED:
        return None
    return token


def _object(verb: Token, preps: frozenset[str]) -> Token | None:
    for child in verb.children:
        if child.dep_ == "dobj":
            return child
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            found = next((g for g in child.children if g.dep_ == "pobj"), None)
            if found is not None:
                return found
    return None


def theme_of(verb: Token, preps: frozenset[str], class_nouns: frozenset[str]) -> str | None:
    """The lemma of the noun a verb event is about, or None (see the module docstring)."""
    noun = _noun(_object(verb, preps))
    if noun is None:
        infinitive = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        noun = _noun(_object(infinitive, preps)) if infinitive is not None else None
    if noun is None:
        return None
    lemma = noun.lemma_.lower()
    if lemma in class_nouns:
        return None
    compounds = [c.lemma_.lower() for c in noun.children if c.dep_ == "compound" and c.ent_type_ not in NAMED]
    return " ".join((*compounds, lemma))


def themes_differ(a: str | None, b: str | None) -> bool:
    """Two known themes that share no word ("idea" / "swap"; not "ceasefire" / "ceasefire proposal")."""
    return bool(a and b and not set(a.split()) & set(b.split()))
