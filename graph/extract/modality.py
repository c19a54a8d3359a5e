"""What a clause asserts: negation, unreal clauses, and the class its wording gives.

A trigger inside a modal ("would agree"), wished-for ("hopes to meet"),
conditional ("if Moscow refuses") or generic clause ("those who refused")
states no event. Negation turns an agreement into a Refusal; the object of
an agree-like verb decides between Agreement and Ceasefire; a hedge ("agreed
in principle") makes it a stated position, a Statement; a meeting of
delegations is Talks; calling someone is a PhoneCall.
"""

from __future__ import annotations

import functools

from spacy.tokens import Token

from graph.extract.candidates import CONTACT, FORCE
from graph.knowledge import ExtraCues, Knowledge

RELATIVE_TAGS = {"WDT", "WP", "IN"}
#: Classes stated with a modal without being unreal ("any deal would require …").
CONDITIONAL = {"Demand"}


def clause_head(token: Token) -> Token:
    """The verb heading the clause a word belongs to (the word itself for a verb)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def is_negated(token: Token) -> bool:
    """"did not agree", "without talks"; a noun is negated with the verb it is the object of
    ("did not issue orders", "never held talks"), a verb by "no" before its object or passive
    subject ("gave no details", "no talks were held"). A negated event is a refusal
    (``negation_to_refusal``: "did not agree") or none at all (:mod:`.events`)."""
    if any(c.dep_ == "neg" for c in token.children):
        return True
    if token.pos_ == "NOUN" and token.dep_ == "dobj" and any(c.dep_ == "neg" for c in token.head.children):
        return True
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):      # "no talks were held"
        return True
    if token.pos_ in ("VERB", "AUX") and any(                                     # "offered no details"
            c.dep_ in ("dobj", "nsubjpass") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
            for c in token.children):
        return True
    return token.head.lower_ == "without" or (token.dep_ == "pobj" and token.head.lower_ == "without")


def _lacking(token: Token) -> bool:
    """"The talks ended without agreement": an event noun that did not come about, which no one
    refused (a negated event that is no refusal is none)."""
    return token.pos_ in ("NOUN", "PROPN") and token.dep_ == "pobj" and token.head.lower_ == "without"


def _lemma_in(token: Token, lemmas: frozenset[str]) -> bool:
    """The lemma is one of ``lemmas``, allowing for the small model's odd lemmas ("hopes" → "hop")."""
    word = token.lower_
    forms = {token.lemma_.lower(), word, word[:-1], word[:-2], word[:-2] + "e", word[:-3] + "e", word[:-3] + "y"}
    return bool(forms & lemmas)


#: Conjunctions of a past clause told as a fact, whatever the clause it hangs on wishes.
TOLD_AS_FACT = {"when", "after", "as", "since", "because", "while", "once"}


def to_infinitive(verb: Token) -> bool:
    """Whether the verb is a to-infinitive ("to host talks")."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def is_irrealis(token: Token, event_class: str, knowledge: Knowledge) -> bool:
    """A clause that states no real event: modal ("would agree", "should express gratitude and
    agree": a conjoined verb shares the modal, unless it has a subject of its own: "we can say so, Kim
    said"), obliged ("will have to make compromises"),
    wished for ("hopes to meet"), conditional ("if Moscow refuses"), about no one in particular
    ("those who refused").

    Demands are exempt from the modal test: a condition is stated with one
    ("any deal would require …"); so is readiness ("would be ready to talk"): an offer.
    """
    cues = knowledge.cues
    verb = clause_head(token)
    shared = verb.head.children if verb.dep_ == "conj" and not any(
        c.dep_ in ("aux", "nsubj", "nsubjpass") for c in verb.children) else ()
    offer = event_class == "Proposal" and token.pos_ == "ADJ"      # "would be ready to talk" still offers
    if event_class not in CONDITIONAL and not offer and any(
            c.dep_ == "aux" and c.lower_ in cues.irrealis_modals for c in (*token.children, *verb.children, *shared)):
        return True
    if any(c.dep_ == "det" and c.lower_ in cues.generic_determiners for c in token.children):
        return True
    if _conditional_or_generic(verb, knowledge.extra):
        return True
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_ == "be" and any(
            c.dep_ == "acomp" and _lemma_in(c, knowledge.extra.irrealis_adjectives) for c in token.head.children):
        return True                             # "a deal was close": a prospect
    node, means = token, False
    for _ in range(4):
        if node.dep_ in ("advcl", "acl") and to_infinitive(node):
            return True
        if node.dep_ == "relcl" and to_infinitive(node) and not _ranked(node.head):
            return True                         # "the quickest route to reach a truce" (not "the first to sign it")
        if node.dep_ not in ("xcomp", "conj", "ccomp", "advcl", "acl", "pcomp", "pobj", "prep", "dobj", "compound",
                             "acomp") \
                and not _mandative(node) \
                or node.head.i == node.i:
            return False
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in knowledge.extra.obligation_verbs:
            return True
        if node.dep_ == "advcl" and node.tag_ == "VBD" and any(c.dep_ in ("mark", "advmod") and c.lower_ in TOLD_AS_FACT
                                                              for c in node.children):
            return False                        # "When X sat down with Y last month, diplomats hoped …": a fact
        means = means or (node.dep_ == "prep" and node.lower_ == "by")
        if node.dep_ == "xcomp" and _lemma_in(node.head, knowledge.extra.infinitive_governors):
            return True                         # "offered to host talks" (not "offered nothing during the call")
        node = node.head
        if (means and event_class not in CONDITIONAL and node.pos_ in ("VERB", "AUX")
                and any(c.dep_ == "aux" and c.lower_ in cues.irrealis_modals for c in node.children)):
            return True                         # "could show it was serious by freeing prisoners": a means too
        if node.dep_ in ("advcl", "relcl") and _conditional_or_generic(node, knowledge.extra):   # "… unless they
            return True             # show they are serious about talks", "those who declined to admit it"
        if _lemma_in(node, cues.irrealis_governors) and node.pos_ in ("VERB", "NOUN", "ADJ") \
                and not (event_class in CONTACT and _scheduled(node, knowledge.extra.schedule_passives)):
            return True
        if node.pos_ == "ADJ" and _lemma_in(node, knowledge.extra.irrealis_adjectives):
            return True                         # "open to talks" (not "opened talks")
    return False


#: Words that make a noun's to-infinitive a fact: "the first leader to sign the pact".
RANKS = {"first", "second", "third", "last", "only", "latest", "next"}


def _ranked(noun: Token) -> bool:
    return any(c.dep_ == "amod" and c.lower_ in RANKS for c in noun.children)


def _scheduled(governor: Token, passives: frozenset[str]) -> bool:
    """"Lee is expected to travel to Tokyo": a passive governor (``schedule_passives``) announces a
    schedule of contact, as "is due to", not a hope (the active "Lee expects to travel" is one)."""
    return _lemma_in(governor, passives) and any(c.dep_ == "auxpass" for c in governor.children)


#: A clause saying how long something lasts or is held back; under a future or negated clause
#: what it names has not happened.
UNTIL = {"until", "till"}


def _conditional_or_generic(verb: Token, extra: ExtraCues) -> bool:
    """The clause of ``verb`` is a condition ("if X refuses"), a question ("whether X agreed")
    or a relative clause on a generic pronoun ("those who refused")."""
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in extra.conditional_marks for c in verb.children):
        return True
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in UNTIL for c in verb.children) and any(
            c.dep_ in ("aux", "neg") and c.lower_ in ("will", "would", "not", "n't", "never")
            for above in [verb.head, *verb.head.ancestors][:3] for c in above.children):
        return True             # "would not allow them back until a hostage was freed": not yet, and maybe never
    if any(c.dep_ == "mark" and c.lower_ in extra.question_marks for c in verb.children):
        return True
    return verb.dep_ == "relcl" and verb.head.lower_ in extra.generic_heads


def reclassify(cand, knowledge: Knowledge) -> None:
    """Settle a candidate's class from its object, negation and hedges (``cand.event_class``)."""
    cues = knowledge.cues
    head = cand.head
    if cand.event_class in cues.ceasefire_from:
        nouns = [c for c in head.children if c.dep_ in ("dobj", "xcomp", "nsubjpass")]
        for prep in (c for c in head.children if c.dep_ == "prep"):
            nouns += [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]
        if head.pos_ in ("NOUN", "PROPN"):
            nouns.append(head)                                                      # "the ceasefire deal"
        nouns = [n for n in nouns if not _pauses_no_fighting(n, cues.ceasefire_objects, knowledge)]
        objects = {n.lemma_.lower() for n in nouns if n is not head} | {      # "a ceasefire deal", not "proposal"
            c.lemma_.lower() for n in nouns if n.lemma_.lower() in knowledge.extra.accord_nouns
            for c in n.children if c.dep_ == "compound"}
        if objects & cues.ceasefire_objects:
            cand.event_class = "Ceasefire"
    if cand.event_class == "Meeting" and _between_delegations(head, knowledge.extra.talks_markers):
        cand.event_class = "Talks"
    if cand.event_class == "Statement" and _phoned(head, knowledge.extra.phone_verbs):
        cand.event_class = "PhoneCall"
    if cand.event_class in ("Meeting", "Talks") and by_phone(head, knowledge.extra):
        cand.event_class = "PhoneCall"
    if cand.event_class == "PhoneCall" and _in_person(head, knowledge.extra):
        cand.event_class = "Meeting"
    if cand.event_class == "Statement" and ((cand.trigger.content and _obliges(head, knowledge.extra))
                                            or _bids(head, knowledge.extra.bidding_words)):
        cand.event_class = "Demand"
    if cand.event_class == "Demand" and _courtesy_call(head):
        cand.event_class = "Meeting"
    if cand.event_class == "Refusal" and any(c.dep_ == "xcomp" and c.lemma_.lower() in knowledge.extra.comment_words
                                             for c in head.children):
        cand.event_class = "Statement"          # "declined to comment": CAMEO's 011, a statement
    if cand.negated and cand.event_class in cues.negation_to_refusal and not _lacking(head):
        cand.event_class = "Refusal"
    elif cand.event_class in cues.negation_to_refusal and _hedged(head, knowledge.extra.position_hedges):
        cand.event_class = "Statement"


QUOTE_MARKS = {'"', "“", "”", "'", "‘", "’"}
#: Subjects of an obligation that name no one else ("we must stay united", "there must be …").
NOT_SOMEONE_ELSE = {"i", "we", "it", "there"}


def _pauses_no_fighting(word: Token, pauses: frozenset[str], knowledge: Knowledge) -> bool:
    """"agreed to pause its export controls", "to stop imports": a verb of pausing whose object is
    no fighting (not "to halt fighting", "to pause strikes") makes no ceasefire."""
    if word.pos_ != "VERB" or word.lemma_.lower() not in pauses:
        return False
    objects = [c for c in word.children if c.dep_ == "dobj"]
    return bool(objects) and not any(o.lemma_.lower() in _fighting_nouns(knowledge) for o in objects)


@functools.lru_cache(maxsize=4)
def _fighting_nouns(knowledge: Knowledge) -> frozenset[str]:
    """Words that name fighting: the lexicon's words of force ("strikes", "attacks", "fight") and
    ``fighting_words`` ("fire", "military operations")."""
    return frozenset(t.lemma[-1] for t in knowledge.triggers if t.event_class in FORCE) | knowledge.extra.fighting_words


def _courtesy_call(verb: Token) -> bool:
    """"Jaishankar called on Vice President Han Zheng in Beijing": calling on a person with nothing
    bid of them (no to-infinitive, no "for") is paying them a visit, not a demand."""
    if verb.lemma_.lower() != "call" or any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children):
        return False
    people = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
              for g in c.children if g.dep_ == "pobj" and g.ent_type_ == "PERSON"]
    return bool(people) and not any(t.dep_ in ("xcomp", "advcl", "acl") and to_infinitive(t) for t in verb.subtree)


def _bids(verb: Token, bidding: frozenset[str]) -> bool:
    """"told Peru to stop supporting the rebels", "asked Kyiv to withdraw": a bidding verb with
    someone named as its object and a to-infinitive for what they are to do."""
    return (verb.lemma_.lower() in bidding
            and any(c.dep_ == "dobj" and (c.pos_ == "PROPN" or c.ent_type_) for c in verb.children)
            and any(c.dep_ == "xcomp" and to_infinitive(c) for c in verb.children))


def _obliges(speech: Token, extra: ExtraCues) -> bool:
    """"the minister said Tunisia will have to stop the boats", "insisted Paris should patrol":
    a report that someone else must do something is a demand. Words quoted verbatim stay a
    statement: the quote is the event."""
    for clause in (c for c in speech.children if c.dep_ == "ccomp"):
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.lower_ in NOT_SOMEONE_ELSE:
            continue
        opening = clause.doc[max(clause.left_edge.i - 1, 0):clause.left_edge.i + 1]
        if any(t.text in QUOTE_MARKS for t in opening):
            continue
        auxiliaries = {c.lower_ for c in clause.children if c.dep_ == "aux"}
        if auxiliaries & extra.obligation_modals:
            return True
        if clause.lemma_.lower() in extra.obligation_verbs and any(
                c.dep_ == "xcomp" and any(g.tag_ == "TO" for g in c.children) for c in clause.children):
            return True
    return False


def _between_delegations(head: Token, markers: frozenset[str]) -> bool:
    """"a meeting between Russian and Ukrainian delegations": negotiators meeting hold talks."""
    words = [t for c in head.children if c.dep_ in ("prep", "nsubj", "compound", "amod") for t in c.subtree]
    if head.dep_ in ("dobj", "attr"):
        words += [t for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
    return any(t.lemma_.lower() in markers for t in words)


def _phoned(head: Token, phone_verbs: frozenset[str]) -> bool:
    """"Trump called Putin on Monday": a call verb whose only object names someone is a phone call
    (not "called the talks useful", "called Putin a liar", "called for a truce")."""
    if head.lemma_.lower() not in phone_verbs:
        return False
    objects = [c for c in head.children if c.dep_ in ("dobj", "oprd", "xcomp", "ccomp", "attr", "dative")]
    return (len(objects) == 1 and objects[0].pos_ == "PROPN"
            and not any(c.dep_ == "prep" and c.lower_ == "for" for c in head.children))


def by_phone(head: Token, extra: ExtraCues) -> bool:
    """"discussed Syria by telephone", "held talks over the phone": contact made by phone is a call."""
    words = [head, head.head] if head.pos_ in ("NOUN", "PROPN") and head.dep_ == "dobj" else [head]
    return any(c.dep_ == "prep" and c.lower_ in extra.phone_preps and any(g.lemma_.lower() in extra.phone_means
                                                                           for g in c.children if g.dep_ == "pobj")
               for word in words for c in word.children)


#: Entity types of a place a verb of speaking may be said to happen in ("spoke with Modi in Kazan").
PLACE_ENTITIES = {"GPE", "LOC", "FAC"}
#: Prepositions naming whom one spoke with: a place may hang on that name ("with Milei in Lima").
PARTNERS = {"with", "to"}


def _in_person(head: Token, extra: ExtraCues) -> bool:
    """"Araghchi and Witkoff spoke briefly in person", "spoke face to face": no call but a
    meeting; so is speaking with someone in a named place or at a venue ("spoke with Modi in
    Kazan", "talked with Meloni at the summit", "in the cathedral": ``venue_nouns``), the place
    hung on the verb or on whom it was with."""
    if by_phone(head, extra):
        return False
    if any(" ".join(t.lower_ for t in c.subtree) in extra.in_person_phrases
           for c in head.children if c.dep_ in ("prep", "advmod")):
        return True
    if head.pos_ != "VERB" or head.lemma_.lower() in extra.phone_verbs:     # "phoned Xi … in Geneva"
        return False
    holders = [head, *(g for c in head.children if c.dep_ == "prep" and c.lower_ in PARTNERS
                       for g in c.children if g.dep_ == "pobj")]
    return any(c.dep_ == "prep" and c.lower_ in extra.venue_preps and (g.ent_type_ in PLACE_ENTITIES
                                                                          or g.lemma_.lower() in extra.venue_nouns)
               for holder in holders for c in holder.children for g in c.children if g.dep_ == "pobj")


def _hedged(head: Token, hedges: frozenset[str]) -> bool:
    """"agreed in principle": a position stated, not an agreement made."""
    for prep in (c for c in head.children if c.dep_ == "prep"):
        phrase = " ".join(t.lower_ for t in prep.subtree)
        if phrase in hedges:
            return True
    return False


def _mandative(clause: Token) -> bool:
    """"a demand that Putin agree": a that-clause in the bare subjunctive, which the parser may
    read as a relative clause, states what is wanted, not what was done."""
    if clause.dep_ != "relcl" or not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return False
    singular = any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") for c in clause.children)
    return clause.tag_ == "VB" or (clause.tag_ == "VBP" and singular)


def gapless(clause: Token) -> bool:
    """A "relative clause" with its subject and object both filled by other words is a
    complement clause the parser misread ("said in its recap of the call that X supported Y")."""
    words = {c.dep_ for c in clause.children if c.tag_ not in RELATIVE_TAGS}
    return any(c.lower_ == "that" for c in clause.children) and {"nsubj", "dobj"} <= words
