"""Which words of a sentence are event triggers: the lexicon's entries (``events.toml``,
the CAMEO breadth) whose conditions hold in the parse.

A trigger may need an object of its own ("sign" a deal, "struck" a target), a named one
("met Putin", "spoke to both leaders"), a preposition ("arrived in"), or refuse an object
("struck a deal" is no attack); a word that only describes a noun ("air raid alerts", "a
negotiated settlement") is none. :func:`find_candidates` gives the longest match per word;
:mod:`.events` settles what the candidates state.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from graph.extract.candidates import Candidate, describes_only
from graph.knowledge import Knowledge, Trigger

OBJECT_DEPS = {"dobj", "xcomp", "ccomp", "attr", "acomp", "oprd", "dative", "pobj", "pcomp"}
def _pos_ok(token: Token, pos: str) -> bool:
    if pos == "VERB":
        return token.pos_ in ("VERB", "AUX") or (token.tag_.startswith("VB"))
    if pos == "NOUN":
        return token.pos_ in ("NOUN", "PROPN")
    return token.pos_ == "ADJ"


def _object_lemmas(head: Token) -> set[str]:
    """Lemmas of the heads of what a word governs: objects (a passive's subject too: "a truce was
    declared"), complements, prepositional objects, what a counted object counts ("a total of
    40 soldiers"), and the noun a relative clause with a gap or a passive participle modifies ("the
    plan they presented", "islands claimed by China")."""
    lemmas = set()
    for child in head.children:
        if child.dep_ in OBJECT_DEPS or child.dep_ in ("prep", "nsubjpass"):
            lemmas.add(child.lemma_.lower())
            for grand in child.children:
                if grand.dep_ in OBJECT_DEPS or grand.dep_ in ("compound", "amod"):
                    lemmas.add(grand.lemma_.lower())
                    lemmas.update(g.lemma_.lower() for g in grand.children if g.dep_ in ("dobj", "pobj", "compound"))
                elif grand.dep_ == "prep" and grand.lower_ == "of" and child.dep_ == "dobj":
                    lemmas.update(_counted(grand))
    if (head.dep_ == "relcl" and not any(c.dep_ in ("dobj", "nsubjpass") and c.tag_ not in ("WDT", "WP")
                                         for c in head.children)) or (head.dep_ == "acl" and head.tag_ == "VBN"):
        noun = head.head                            # "the plan they presented", "islands claimed by China"
        lemmas.add(noun.lemma_.lower())
        lemmas.update(g.lemma_.lower() for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj")      # "a group of islands claimed by …"
    return lemmas


def _counted(of: Token) -> set[str]:
    """"released a total of 60 sailors", "exchanged 40 of their soldiers": what is counted."""
    found = set()
    for obj in of.children:
        if obj.dep_ == "pobj":
            found.add(obj.lemma_.lower())
            found.update(c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "conj"))
    return found


def _preps(head: Token) -> set[str]:
    return {c.lower_ for c in head.children if c.dep_ in ("prep", "dative", "agent")}


NAMED_ENTITIES = {"PERSON", "ORG", "GPE", "NORP"}


def _names_someone(token: Token, pairs: frozenset[str] = frozenset()) -> bool:
    """Whether a phrase names a person, organisation or state by its own words (not "reporters",
    nor "reporters aboard Air Force One": a place or time hung on it names no one), or the two
    last named together (``pairs``: "spoke to both leaders", "to the leaders of both countries")."""
    nouns = [c for c in token.children if c.dep_ == "pobj"] if token.dep_ in ("prep", "dative") else [token]
    words = [t for noun in nouns for t in noun.subtree
             if not any(a.dep_ == "prep" and a.lower_ != "of" and noun.is_ancestor(a) for a in [t, *t.ancestors])]
    if any(t.ent_type_ in NAMED_ENTITIES or (t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME")) for t in words):
        return True
    return any(" ".join(t.lower_ for t in part.subtree) in pairs for part in words)


def _a_party(subject: Token) -> bool:
    """A noun that is someone: a name, or a noun a name modifies ("US officials"); not "the plan"."""
    return subject.pos_ == "PROPN" or subject.ent_type_ in NAMED_ENTITIES or any(
        c.dep_ in ("compound", "poss", "amod") and (c.pos_ == "PROPN" or c.ent_type_ in NAMED_ENTITIES)
        for c in subject.children)


def _conditions_hold(trig: Trigger, head: Token, pairs: frozenset[str] = frozenset()) -> bool:
    preps = _preps(head)
    if trig.requires_prep:
        wanted = [c for c in head.children if c.dep_ in ("prep", "dative") and c.lower_ in trig.requires_prep]
        if not wanted or (trig.prep_object_named and not any(_names_someone(c, pairs) for c in wanted)):
            return False
    if trig.excludes_prep and preps & set(trig.excludes_prep):
        return False
    objects = _object_lemmas(head)
    if trig.requires_object is not None and not objects & set(trig.requires_object):
        return False
    if trig.object_named and not any(_names_someone(c, pairs) for c in head.children if c.dep_ == "dobj"):
        return False
    direct = [c for c in head.children if c.dep_ == "dobj"]
    if trig.object_kinds and not any(t.ent_type_ in trig.object_kinds for c in direct for t in c.subtree) and not (
            "PERSON" in trig.object_kinds and any(c.pos_ == "PROPN" and not c.ent_type_ for c in direct)):
        return False                                # "received Lula": a name the tagger left untyped
    if trig.subject_named and head.dep_ == "relcl" and not _a_party(head.head):
        return False
    if trig.excludes_particle and not any(c.dep_ == "dobj" for c in head.children) and any(
            c.dep_ in ("prt", "advmod") and c.lower_ in trig.excludes_particle for c in head.children):
        return False
    return not (trig.excludes_object and objects & set(trig.excludes_object))


def find_candidates(sent: Span, knowledge: Knowledge) -> list[Candidate]:
    """Every trigger in the sentence whose conditions hold (longest match per word)."""
    index = knowledge.triggers_by_first_lemma
    pairs = knowledge.pair_phrases
    informed = knowledge.extra.informed_words
    found: dict[int, Candidate] = {}
    tokens = list(sent)
    for pos, token in enumerate(tokens):
        for trig in index.get(token.lemma_.lower(), ()):
            span = tokens[pos:pos + len(trig.lemma)]
            if len(span) < len(trig.lemma) or tuple(t.lemma_.lower() for t in span) != trig.lemma:
                continue
            head = span[-1] if trig.pos == "NOUN" else span[0]
            if head.i in found or not _pos_ok(head, trig.pos) or not _conditions_hold(trig, head, pairs):
                continue
            if describes_only(head, trig.pos) or (trig.pos == "NOUN" and _of_a_source(head, informed)):
                continue
            found[head.i] = Candidate(trig, head, (span[0].i, span[-1].i + 1), trig.event_class)
    consequences, measures = knowledge.extra.consequence_classes, knowledge.extra.forceless_doers
    kept = []
    for i in sorted(found):
        doer = _outcome_of_its_subject(found[i], found, consequences)
        if doer is not None:
            doer.told_by = doer.told_by or found[i].head     # "a strike killed 35": told like a verb
        elif not _said_of_no_force(found[i], consequences, measures):
            kept.append(found[i])
    return kept


def _of_a_source(noun: Token, informed: frozenset[str]) -> bool:
    """"two sources familiar with the talks said", "a person briefed on the call": an event noun
    describing who a source is (``informed``) tells no event of its own."""
    prep = noun.head
    word = prep.head                     # describing a noun: "Chile was involved in the talks" took part
    return (noun.dep_ == "pobj" and prep.dep_ == "prep" and (word.lower_ in informed or word.lemma_.lower() in informed)
            and word.dep_ in ("amod", "acl") and word.head.pos_ in ("NOUN", "PROPN"))


def _doer(head: Token) -> Token | None:
    """What a verb is said of: its subject, the noun a participle or relative clause describes
    ("sanctions targeting ships"), or, for a subjectless participle clause after a main clause,
    that clause's object ("approved sanctions on Tuesday, targeting 300 ships")."""
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        return subject
    if head.dep_ in ("acl", "relcl"):
        return head.head
    if head.dep_ == "advcl" and head.tag_ == "VBG":
        return next((c for c in head.head.children if c.dep_ == "dobj"), None)
    return None


def _said_of_no_force(cand: Candidate, classes: frozenset[str], measures: frozenset[str]) -> bool:
    """"The sanctions target the shadow fleet", "new tariffs hit steel", "when the storm hit": a verb
    of force (``classes``) said of a measure of trade or law or a force of nature (``measures``, or
    a noun of one: "a package of sanctions") strikes no one."""
    if cand.trigger.pos != "VERB" or cand.event_class not in classes:
        return False
    doer = _doer(cand.head)
    if doer is None:
        return False
    nouns = {doer.lemma_.lower()} | {g.lemma_.lower() for c in doer.children if c.dep_ == "prep" and c.lower_ == "of"
                                     for g in c.children if g.dep_ == "pobj"}
    return bool(nouns & measures)


def _outcome_of_its_subject(cand: Candidate, found: dict[int, Candidate], classes: frozenset[str]
                            ) -> Candidate | None:
    """"A Russian strike killed 12 people", "five were killed in a Russian strike": an attack verb
    (``classes``) whose subject, or the noun it happened "in", is an attack tells what that attack
    did; the two are one event, the noun's (not so "the truce ended": its end is news). Gives the
    candidate the verb tells, if any."""
    if cand.trigger.pos != "VERB" or cand.event_class not in classes:
        return None
    head = cand.head                     # "the strike killed 12", "a strike that killed 12"
    subjects = [c for c in head.children if c.dep_ == "nsubj"] + ([head.head] if head.dep_ == "relcl" else [])
    told = next((found[s.i] for s in subjects if s.i in found and found[s.i].event_class == cand.event_class), None)
    if told is not None:
        return told
    within = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ == "pobj"]
    told = next((found[w.i] for w in within if w.i in found and found[w.i].event_class == cand.event_class
                 and found[w.i].trigger.pos == "NOUN"), None)
    if told is not None:                 # "five were killed in a Russian strike", "killed X in a strike"
        return told
    thing = head.head                    # "missiles fired by Chile hit Lima": the hit tells the firing
    if (head.dep_ == "acl" and head.tag_ == "VBN" and thing.dep_ == "nsubj"
            and thing.head.i in found and found[thing.head.i].event_class == cand.event_class):
        return found[thing.head.i]
    return None
