"""Event mentions: trigger words from the lexicon, arguments from the parse.

One mention per clause and class. A verb trigger takes its subject as
agent and its objects and prepositional phrases as patients and places; a
noun trigger ("the call between A and B", "Russia's invasion of Ukraine")
takes its possessor, ``between``/``with``/``of``/``by`` phrases. The object
of an agree-like verb decides between Agreement and Ceasefire; negation
turns an agreement into a Refusal; modal or wished-for clauses ("would
agree", "hopes to meet") state no event. Reported speech ("X said that Y
agreed …") yields the reported event with X as its speaker, and a Statement
only when the report holds no other event.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from graph.extract.actors import quoted_spans
from graph.extract.records import ActorMention, EventMention
from graph.knowledge import Knowledge, Trigger

OBJECT_DEPS = {"dobj", "xcomp", "ccomp", "attr", "acomp", "oprd", "dative", "pobj", "pcomp"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
CLAUSE_DEPS = {"relcl", "advcl", "ccomp", "acl", "csubj", "parataxis"}
PATIENT_PREPS = {"to", "with", "between", "against", "on", "of", "for", "from", "toward", "towards"}
PLACE_PREPS = {"in", "at"}
PLACE_KINDS = {"Place", "Country"}
CONTACT = {"PhoneCall", "Meeting", "Talks", "Visit"}
CONDITIONAL = {"Demand"}
#: Classes whose reporter is their agent when the clause names none ("Putin said any deal would require …").
SPEECH_ACTS = {"Demand", "Proposal", "Refusal", "Statement"}
RELATIVE_PRONOUNS = {"WDT", "WP"}


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
    agents: list[str] = field(default_factory=list)
    patients: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)


def _index(knowledge: Knowledge) -> dict[str, list[Trigger]]:
    by_first: dict[str, list[Trigger]] = {}
    for trig in knowledge.triggers:
        by_first.setdefault(trig.lemma[0], []).append(trig)
    for triggers in by_first.values():
        triggers.sort(key=lambda t: -len(t.lemma))
    return by_first


def _pos_ok(token: Token, pos: str) -> bool:
    if pos == "VERB":
        return token.pos_ in ("VERB", "AUX") or (token.tag_.startswith("VB"))
    if pos == "NOUN":
        return token.pos_ in ("NOUN", "PROPN")
    return token.pos_ == "ADJ"


def _object_lemmas(head: Token) -> set[str]:
    """Lemmas of the heads of what a word governs: objects, complements, prepositional objects."""
    lemmas = set()
    for child in head.children:
        if child.dep_ in OBJECT_DEPS or child.dep_ == "prep":
            lemmas.add(child.lemma_.lower())
            for grand in child.children:
                if grand.dep_ in OBJECT_DEPS or grand.dep_ in ("compound", "amod"):
                    lemmas.add(grand.lemma_.lower())
                    lemmas.update(g.lemma_.lower() for g in grand.children if g.dep_ in ("dobj", "pobj", "compound"))
    return lemmas


def _preps(head: Token) -> set[str]:
    return {c.lower_ for c in head.children if c.dep_ in ("prep", "dative", "agent")}


NAMED_ENTITIES = {"PERSON", "ORG", "GPE", "NORP"}


def _names_someone(token: Token) -> bool:
    """Whether a phrase names a person, organisation or state (not "reporters")."""
    return any(t.ent_type_ in NAMED_ENTITIES or t.pos_ == "PROPN" for t in token.subtree)


def _conditions_hold(trig: Trigger, head: Token) -> bool:
    preps = _preps(head)
    if trig.requires_prep:
        wanted = [c for c in head.children if c.dep_ in ("prep", "dative") and c.lower_ in trig.requires_prep]
        if not wanted or (trig.prep_object_named and not any(_names_someone(c) for c in wanted)):
            return False
    if trig.excludes_prep and preps & set(trig.excludes_prep):
        return False
    objects = _object_lemmas(head)
    if trig.requires_object is not None and not objects & set(trig.requires_object):
        return False
    return not (trig.excludes_object and objects & set(trig.excludes_object))


def find_candidates(sent: Span, knowledge: Knowledge) -> list[Candidate]:
    """Every trigger in the sentence whose conditions hold (longest match per word)."""
    index = _index(knowledge)
    found: dict[int, Candidate] = {}
    tokens = list(sent)
    for pos, token in enumerate(tokens):
        for trig in index.get(token.lemma_.lower(), ()):
            span = tokens[pos:pos + len(trig.lemma)]
            if len(span) < len(trig.lemma) or tuple(t.lemma_.lower() for t in span) != trig.lemma:
                continue
            head = span[-1] if trig.pos == "NOUN" else span[0]
            if head.i in found or not _pos_ok(head, trig.pos) or not _conditions_hold(trig, head):
                continue
            found[head.i] = Candidate(trig, head, (span[0].i, span[-1].i + 1), trig.event_class)
    return [found[i] for i in sorted(found)]


def clause_head(token: Token) -> Token:
    """The verb heading the clause a word belongs to (the word itself for a verb)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _is_negated(token: Token) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    return token.head.lower_ == "without" or (token.dep_ == "pobj" and token.head.lower_ == "without")


def _lemma_in(token: Token, lemmas: frozenset[str]) -> bool:
    """The lemma is one of ``lemmas``, allowing for the small model's odd lemmas ("hopes" → "hop")."""
    word = token.lower_
    forms = {token.lemma_.lower(), word, word[:-1], word[:-2], word[:-2] + "e", word[:-3] + "e", word[:-3] + "y"}
    return bool(forms & lemmas)


def _is_irrealis(token: Token, event_class: str, knowledge: Knowledge) -> bool:
    """A clause that states no real event: modal ("would agree"), wished for ("hopes to meet").

    Demands are exempt from the modal test: a condition is stated with one
    ("any deal would require …").
    """
    cues = knowledge.cues
    verb = clause_head(token)
    if event_class not in CONDITIONAL and any(
            c.dep_ == "aux" and c.lower_ in cues.irrealis_modals for c in (*token.children, *verb.children)):
        return True
    if any(c.dep_ == "det" and c.lower_ in cues.generic_determiners for c in token.children):
        return True
    node = token
    for _ in range(4):
        if node.dep_ in ("advcl", "acl") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in node.children):
            return True
        if node.dep_ not in ("xcomp", "conj", "ccomp", "advcl", "pcomp", "pobj", "prep", "dobj", "compound") \
                or node.head.i == node.i:
            return False
        node = node.head
        if _lemma_in(node, cues.irrealis_governors) and node.pos_ in ("VERB", "NOUN"):
            return True
    return False


def _skip_clauses(root: Token) -> list[Token]:
    """The tokens of a phrase, leaving out clauses nested in it."""
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(c for c in node.children if c.dep_ not in CLAUSE_DEPS)
    return out


def _actors_in(tokens: list[Token], by_token: dict[int, ActorMention]) -> list[ActorMention]:
    seen, out = set(), []
    for token in sorted(tokens, key=lambda t: t.i):
        mention = by_token.get(token.i)
        if mention is not None and id(mention) not in seen:
            seen.add(id(mention))
            out.append(mention)
    return out


def _subject_of(head: Token, by_token: dict[int, ActorMention]) -> list[ActorMention]:
    """The actors acting in a clause, following the parse up when the clause has no subject."""
    node = head
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            found = _actors_in([t for s in subjects for t in _skip_clauses(s)], by_token)
            if found or subjects[0].tag_ not in RELATIVE_PRONOUNS:
                return found
        if node.dep_ in ("acl", "relcl") and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return _actors_in(_skip_clauses(node.head), by_token)
        if node.dep_ not in ("xcomp", "conj", "pcomp", "advcl", "ccomp", "acomp") or node.head.i == node.i:
            return []
        node = node.head
    return []


def _through_place_prep(token: Token, head: Token) -> bool:
    """Whether the path from a word up to the trigger passes "in"/"at" ("in Helsinki, Finland")."""
    node = token
    for _ in range(8):
        if node.i == head.i or node.head.i == node.i:
            return False
        if node.dep_ == "prep" and node.lower_ in PLACE_PREPS:
            return True
        node = node.head
    return False


def _arguments(cand: Candidate, by_token: dict[int, ActorMention], contact_preps: frozenset[str]) -> None:
    head = cand.head
    agents: list[ActorMention] = []
    patients: list[ActorMention] = []
    places: list[ActorMention] = []
    if head.pos_ in ("NOUN", "PROPN"):
        for child in head.children:
            phrase = _skip_clauses(child)
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                agents += _actors_in(phrase, by_token)
            elif child.dep_ == "prep" and child.lower_ in ("between", "by"):
                agents += _actors_in(phrase, by_token)
            elif child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                places += _actors_in(phrase, by_token)
            elif child.dep_ == "prep" and child.lower_ in PATIENT_PREPS:
                patients += _actors_in(phrase, by_token)
        if cand.event_class in CONTACT and (head.dep_ == "dobj" or (
                head.dep_ == "pobj" and head.head.lower_ in contact_preps)):
            agents += _subject_of(clause_head(head.head), by_token)
    else:
        agents += _subject_of(head, by_token)
        for child in head.children:
            phrase = _skip_clauses(child)
            if child.dep_ == "agent":
                agents += _actors_in(phrase, by_token)
            elif child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                places += _actors_in(phrase, by_token)
            elif child.dep_ in ("dobj", "dative", "attr", "oprd") or (child.dep_ == "prep" and child.lower_ in PATIENT_PREPS):
                patients += _actors_in(phrase, by_token)
            elif child.dep_ == "xcomp":
                for grand in child.children:
                    if grand.dep_ in ("dobj", "dative") or (grand.dep_ == "prep" and grand.lower_ in PATIENT_PREPS):
                        patients += _actors_in(_skip_clauses(grand), by_token)
    for mention in places:
        if mention.kind in PLACE_KINDS:
            cand.places.append(mention.name)
        else:
            patients.append(mention)
    for mention in agents + patients:
        if mention.kind in PLACE_KINDS and _through_place_prep(head.doc[mention.tokens[0]], head):
            cand.places.append(mention.name)
    agents = [m for m in agents if m.name not in cand.places]
    patients = [m for m in patients if m.name not in cand.places]
    cand.agents = list(dict.fromkeys(m.name for m in agents if m.kind != "Place"))
    if not cand.agents and cand.speaker and cand.event_class in SPEECH_ACTS:
        cand.agents = [cand.speaker]
    cand.patients = [n for n in dict.fromkeys(m.name for m in patients if m.kind != "Place") if n not in cand.agents]
    cand.places = list(dict.fromkeys(cand.places))


def _reclassify(cand: Candidate, knowledge: Knowledge) -> None:
    cues = knowledge.cues
    head = cand.head
    if cand.event_class in cues.ceasefire_from:
        objects = {c.lemma_.lower() for c in head.children if c.dep_ in ("dobj", "xcomp")}
        for prep in (c for c in head.children if c.dep_ == "prep"):
            objects.update(g.lemma_.lower() for g in prep.children if g.dep_ in ("pobj", "pcomp"))
        if objects & cues.ceasefire_objects:
            cand.event_class = "Ceasefire"
    if cand.negated and cand.event_class in cues.negation_to_refusal:
        cand.event_class = "Refusal"


def _in_subtree(token: Token, root: Token) -> bool:
    return root.left_edge.i <= token.i <= root.right_edge.i and token.i != root.i


def _absorb(cands: list[Candidate]) -> None:
    """A trigger inside the object of another is that event's content, not an event of its own.

    So is a noun naming a non-contact event in a prepositional phrase of a
    verb trigger ("agreed with the US proposal"); a contact noun there stays
    an event ("agreed during talks").
    """
    verbs = [c for c in cands if c.trigger.pos != "NOUN"]
    for cand in cands:
        for verb in verbs:
            if verb is cand or not _in_subtree(cand.head, verb.head) or (
                    verb.trigger.content and cand.event_class != verb.event_class):
                continue
            path = cand.head
            while path.i != verb.head.i and path.head.i != path.i:
                if path.dep_ in CLAUSE_DEPS - {"acl"} and path.head.i != verb.head.i:
                    break
                if path.head.i == verb.head.i:
                    if path.dep_ in ("dobj", "xcomp", "attr", "oprd", "acomp") or (
                            path.dep_ == "prep" and cand.event_class == verb.event_class) or (
                            path.dep_ == "prep" and path.lower_ in ("to", "on")) or (
                            path.dep_ == "prep" and cand.trigger.pos == "NOUN" and cand.event_class not in CONTACT):
                        cand.absorbed = True
                    break
                path = path.head


def _quoted(token: Token, quotes: list[tuple[int, int]]) -> bool:
    return any(a <= token.idx < b for a, b in quotes)


def _reported(cands: list[Candidate], by_token: dict[int, ActorMention], quotes: list[tuple[int, int]]) -> None:
    """Speech verbs whose complement reports an event give that event a speaker instead.

    The reported event must be an action (a verb, or a noun naming one that
    is not a contact event: "said Putin had given an order"); words quoted
    verbatim keep the statement too, since quoting is itself the event.
    """
    for speech in (c for c in cands if c.trigger.content):
        inner = [c for c in cands if c is not speech and not c.absorbed
                 and (c.trigger.pos != "NOUN" or c.event_class not in CONTACT)
                 and _in_subtree(c.head, speech.head)
                 and any(a.dep_ in ("ccomp", "xcomp", "parataxis") for a in [c.head, *c.head.ancestors]
                         if _in_subtree(a, speech.head) or a.i == c.head.i)]
        if not inner:
            continue
        speaker = [m for m in _subject_of(speech.head, by_token) if m.kind != "Place"]
        for cand in inner:
            cand.speaker = cand.speaker or (speaker[0].name if speaker else None)
        if not all(_quoted(c.head, quotes) for c in inner):
            speech.absorbed = True


def _trimmed(sent: Span) -> tuple[int, int]:
    """The sentence's character span without surrounding white space."""
    words = [t for t in sent if not t.is_space]
    if not words:
        return sent.start_char, sent.start_char
    return words[0].idx, words[-1].idx + len(words[-1])


def extract_sentence_events(sent: Span, sentence_index: int, knowledge: Knowledge,
                            by_token: dict[int, ActorMention],
                            quotes: list[tuple[int, int]] = ()) -> list[EventMention]:
    """The event mentions one sentence states, in order of their triggers."""
    cands = []
    for cand in find_candidates(sent, knowledge):
        if _is_irrealis(cand.head, cand.event_class, knowledge):
            continue
        cand.negated = _is_negated(cand.head)
        _reclassify(cand, knowledge)
        cands.append(cand)
    _absorb(cands)
    _reported(cands, by_token, quotes)
    out = []
    heads = {c.head.i for c in cands}
    seen: set[tuple[str, int]] = set()
    for cand in cands:
        if cand.absorbed:
            continue
        key = (cand.event_class, clause_head(cand.head).i)
        if key in seen and cand.trigger.pos == "NOUN":
            continue
        seen.add(key)
        _arguments(cand, by_token, knowledge.cues.contact_preps)
        if cand.event_class == "Statement" and cand.agents and set(cand.agents) <= knowledge.media:
            continue
        doc = sent.doc
        first, last = doc[cand.tokens[0]], doc[cand.tokens[1] - 1]
        light = (cand.trigger.pos == "NOUN" and cand.head.dep_ == "dobj" and cand.head.head.i not in heads
                 and cand.head.head.lemma_.lower() in knowledge.cues.light_verbs)
        out.append(EventMention(
            index=0, event_class=cand.event_class, head=cand.head.i, trigger=doc[cand.tokens[0]:cand.tokens[1]].text,
            trigger_span=(first.idx, last.idx + len(last)), sentence_span=_trimmed(sent),
            sentence_index=sentence_index, agents=tuple(cand.agents), patients=tuple(cand.patients),
            places=tuple(cand.places), speaker=cand.speaker, nominal=cand.trigger.pos == "NOUN" and not light,
            negated=cand.negated,
        ))
    return out


def find_event_mentions(doc: Doc, knowledge: Knowledge, actors: list[ActorMention],
                        skip: set[int] = frozenset()) -> list[EventMention]:
    """Event mentions of a parsed article (undated; see :mod:`graph.extract.anchoring`)."""
    by_token = {i: m for m in actors for i in range(*m.tokens)}
    quotes = quoted_spans(doc.text)
    events: list[EventMention] = []
    for n, sent in enumerate(doc.sents):
        if n in skip:
            continue
        events += extract_sentence_events(sent, n, knowledge, by_token, quotes)
    events.sort(key=lambda e: e.trigger_span)
    return [replace(e, index=i) for i, e in enumerate(events)]
