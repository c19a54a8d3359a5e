"""Mending a parse the small model often gets wrong, before anything reads it.

"The two sides agreed to a truce, Saudi Arabia and the United States said." The
model hangs the closing attribution ("Saudi Arabia and the United States") on the
last noun before it as an apposition and leaves "said" without a subject (or
conjoined to "agreed"): the reporters become a party to the truce and the report
has no speaker. :func:`closing_attributions` hangs such a phrase back on the
speech verb as its subject, and the verb above the verb it was conjoined to.
Only two patterns are mended: a speech verb (``content`` triggers) with no
subject, right after a comma and a noun phrase the parse gave to an earlier word;
a particle with an object ("called on Milei": the model's "on" is a particle
governing "Milei"), which is a preposition (:func:`particles_with_objects`); and
a noun taken for a bare verb after a determiner and a noun ("signed a minerals
deal": "deal" as a verb with "minerals" its subject), which is the head of a
compound noun (:func:`nouns_taken_for_verbs`).
"""

from __future__ import annotations

from spacy.tokens import Doc

SUBJECTS = {"nsubj", "nsubjpass", "expl"}
#: The longest attribution looked for (words between the comma and the verb).
MAX_PHRASE = 12
#: How the parse wrongly hangs the attribution on a word before the comma.
MISHUNG = {"appos", "conj", "npadvmod", "dobj", "pobj"}


def closing_attributions(doc: Doc, speech: frozenset[str]) -> int:
    """Give a subjectless speech verb the noun phrase between it and the comma before it;
    the number of verbs mended."""
    mended = 0
    for verb in doc:
        if (verb.pos_ != "VERB" or verb.lemma_.lower() not in speech
                or any(c.dep_ in SUBJECTS for c in verb.children) or verb.i < 2):
            continue
        start = verb.i - 1
        while start > verb.sent.start and doc[start - 1].text != "," and verb.i - start < MAX_PHRASE:
            start -= 1
        if start == verb.sent.start or start >= verb.i or doc[start - 1].text != ",":
            continue
        phrase = doc[start:verb.i]
        root = phrase.root
        if (root.pos_ not in ("PROPN", "NOUN") or root.dep_ not in MISHUNG or root.head.i >= start
                or any(t.pos_ in ("VERB", "AUX") for t in phrase)):
            continue
        root.head = verb
        root.dep_ = "nsubj"
        told = verb.head
        if verb.dep_ == "conj" and told.dep_ == "ROOT" and told.i < start and not any(
                c.dep_ == "cc" and told.i < c.i < verb.i for c in told.children):
            verb.head, verb.dep_ = verb, "ROOT"      # "X agreed to a truce, Y said": Y's report of it
            told.head, told.dep_ = verb, "ccomp"
        mended += 1
    return mended


def particles_with_objects(doc: Doc) -> int:
    """Relabel as a preposition every particle that governs an object ("called on Milei",
    "spoke to him"); the number relabelled."""
    mended = 0
    for token in doc:
        if token.dep_ == "prt" and any(c.dep_ == "pobj" for c in token.children):
            token.dep_ = "prep"
            mended += 1
    return mended


#: Verbs followed by a noun phrase and a bare verb ("let the people decide", "made the army pay").
BARE_VERB_GOVERNORS = {"let", "make", "help", "have", "see", "watch", "hear", "bid", "feel"}
DETERMINERS = {"a", "an", "the", "this", "that", "its", "their", "his", "her", "our", "my", "your"}


def nouns_taken_for_verbs(doc: Doc) -> int:
    """"signed a ceasefire deal", "signed the minerals deal": a bare verb (tag VB, no "to", no
    modal) right after a determiner and a noun, hung as an object or clause on the verb before
    (not a causative's: "let the people decide"), is the head noun of "ceasefire deal"; the
    number mended."""
    mended = 0
    for token in doc:
        if token.tag_ != "VB" or token.dep_ not in ("dobj", "ccomp") or token.i < 2:
            continue
        noun, det = doc[token.i - 1], doc[token.i - 2]
        verb = token.head
        if (noun.pos_ != "NOUN" or det.lower_ not in DETERMINERS or verb.i >= det.i
                or verb.lemma_.lower() in BARE_VERB_GOVERNORS
                or any(c.dep_ in ("aux", "mark", "neg") for c in token.children)
                or noun.head.i not in (token.i, verb.i) or det.head.i not in (noun.i, token.i)):
            continue
        token.pos_, token.tag_, token.dep_ = "NOUN", "NN", "dobj"
        noun.head, noun.dep_ = token, "compound"
        det.head = token
        mended += 1
    return mended
