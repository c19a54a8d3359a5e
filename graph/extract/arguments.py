"""Who takes part in an event: arguments from the dependency parse.

A verb trigger takes its subject as agent (following the parse up through
subjectless clauses) and its objects and prepositional phrases as patients
and places; a noun trigger ("the call between A and B", "Russia's invasion
of Ukraine") takes its possessor, ``between``/``with``/``of``/``by``
phrases, and the subject of a light verb ("Russia launched an attack").
Some of the small model's misparses are read through: a subject hung on a
preposition before its clause, a possessive subject of a noun read as a verb.
"""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.candidates import CLAUSE_DEPS, CONTACT, FORCE, Candidate
from graph.extract.modality import clause_head
from graph.extract.records import ActorMention

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
PATIENT_PREPS = {"to", "with", "between", "against", "on", "of", "for", "from", "toward", "towards", "into"}
PLACE_PREPS = {"in", "at"}
#: Prepositions of what a telling is about ("briefed Trump on the talks", "asked about the call").
TOPIC_PREPS = {"on", "about", "over"}
PLACE_KINDS = {"Place", "Country"}
#: Classes whose place, when it is a country, is attacked ("strikes on air bases in India and Pakistan").
STRIKES = FORCE
#: Classes whose place named by an institution or capital ("at Kyiv", "in Moscow") is a party: the target
#: of a strike, the host of a visit. Elsewhere it only says where ("met in Beijing").
TARGETED = STRIKES | {"Visit"}
#: Classes whose reporter is their agent when the clause names none ("Putin said any deal would require …").
SPEECH_ACTS = {"Demand", "Proposal", "Refusal", "Statement"}
FIRST_PERSON = {"i", "we"}
RELATIVE_PRONOUNS = {"WDT", "WP"}
SUBORDINATE_TAGS = {"VBD", "VBN", "VBG"}
SUBORDINATE_DEPS = {"advcl", "acl", "pcomp"}
#: Prepositions that place a contact before the clause ("after a call"): its subject took part
#: only when the noun names the partner ("agreed after a call with Trump").
SEQUENCE_PREPS = {"after", "following"}
PARTNER_PREPS = {"with", "between"}


def carrier(noun: Token, containers: frozenset[str]) -> Token:
    """The word that stands in the clause for an event noun: the noun itself, or the
    container noun it is counted by ("held a third round of talks": "round")."""
    if (noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i != noun.head.i
            and noun.head.head.lemma_.lower() in containers):
        return noun.head.head
    return noun


def _skip_clauses(root: Token) -> list[Token]:
    """The tokens of a phrase, leaving out clauses nested in it."""
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(c for c in node.children if c.dep_ not in CLAUSE_DEPS)
    return out


def actors_in(tokens: list[Token], by_token: dict[int, ActorMention]) -> list[ActorMention]:
    seen, out = set(), []
    for token in sorted(tokens, key=lambda t: t.i):
        mention = by_token.get(token.i)
        if mention is not None and id(mention) not in seen:
            seen.add(id(mention))
            out.append(mention)
    return out


def _stranded_subject(head: Token, by_token: dict[int, ActorMention]) -> ActorMention | None:
    """The subject of a subordinate clause that the parse hung on a preposition before it.

    "the anniversary of Russia annexing Crimea", "after the Ukrainians last
    week signed off": the small model makes the name the object of the
    preposition and leaves the clause without a subject; the name right
    before the clause is its subject.
    """
    if head.tag_ not in SUBORDINATE_TAGS or head.dep_ not in SUBORDINATE_DEPS:
        return None
    if any(c.dep_ in SUBJECT_DEPS for c in head.children):
        return None
    before = head.left_edge.i - 1
    mention = by_token.get(before)
    if mention is None:
        return None
    token = head.doc[before]
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ != "pobj" or token.head.i == head.i:
        return None
    return mention


def _stranded_group(head: Token, by_token: dict[int, ActorMention]) -> list[ActorMention]:
    """The stranded subject with the names coordinated with it ("ended with Chile and Peru
    agreeing to joint patrols": both agree)."""
    mention = _stranded_subject(head, by_token)
    if mention is None:
        return []
    token = head.doc[mention.tokens[0]:mention.tokens[1]].root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    group = [m for m in actors_in([token, *(c for c in token.subtree if c.dep_ == "conj" or c.head.dep_ == "conj")],
                                  by_token)]
    return group or [mention]


def _appositive_subject(head: Token, by_token: dict[int, ActorMention]) -> ActorMention | None:
    """"On the eve of the talks with Macron, Starmer spoke": a finite verb with no subject right
    after a name the parser hung as an apposition on the name before it; that name is its subject."""
    if head.tag_ not in ("VBD", "VBZ", "VBP") or any(c.dep_ in SUBJECT_DEPS for c in head.children):
        return None
    before = head.i - 1
    mention = by_token.get(before)
    if mention is None or head.doc[before].dep_ != "appos" or mention.kind == "Place":
        return None
    return mention


def _possessor_as_subject(subject: Token) -> bool:
    """"Trump's calls for a ceasefire" misread as a clause: a subject marked possessive
    ("'s") belongs to a noun, so the conjunct below it shares no subject with it."""
    return any(c.dep_ == "case" and c.tag_ == "POS" for c in subject.children)


def _sender_of_subject(verb: Token, by_token: dict[int, ActorMention]) -> list[ActorMention]:
    """"Drones launched by the rebels struck the port", "missiles fired by Chile hit Lima": what a
    thing sent by someone does, its sender does."""
    return [m for s in verb.children if s.dep_ == "nsubj" for p in s.children if p.dep_ == "acl" and p.tag_ == "VBN"
            for a in p.children if a.dep_ == "agent" for m in actors_in(_skip_clauses(a), by_token)]


def answered_with(noun: Token) -> bool:
    """"Pakistan responded with air strikes", "Peru hit back with drone attacks": force a subject
    acts with is its own (an active verb; "the protest was met with strikes" is not)."""
    verb = noun.head.head
    return (noun.dep_ == "pobj" and noun.head.lower_ == "with" and noun.head.dep_ == "prep"
            and verb.pos_ == "VERB" and not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children))


def _addressees(verb: Token, by_token: dict[int, ActorMention]) -> list[ActorMention]:
    """"Xi told Macron in a phone call that …", "urged Modi during a meeting": whom the verb
    addresses took part in the contact it is said in (people and states, not "reporters")."""
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    found = [by_token.get(c.i) for c in verb.children if c.dep_ in ("dobj", "dative")]
    return [m for m in found if m is not None and m.kind != "Place"]     # not "condemned Russia's war"


def has_partner(noun: Token) -> bool:
    """"a call with Trump": the noun names whom the contact was with."""
    return any(c.dep_ == "prep" and c.lower_ in PARTNER_PREPS for c in noun.children)


def _without_owners(found: list[ActorMention], doc) -> list[ActorMention]:
    """"Trump's envoy Steve Witkoff met …": the owner of the subject's title is not the subject."""
    if len(found) < 2:
        return found
    inside = {i for m in found for i in range(*m.tokens)}

    def owner(mention: ActorMention) -> bool:         # "Sudan's army and the RSF": Sudan acts
        root = doc[mention.tokens[0]:mention.tokens[1]].root
        if root.dep_ != "poss":
            return False
        owned = root.head                             # "Biden's envoy Steve Witkoff": the envoy is Witkoff
        near = [owned, *(c for c in owned.children if c.dep_ in ("compound", "appos"))]
        if owned.dep_ in ("compound", "appos"):
            near.append(owned.head)
        return any(t.i in inside for t in near)
    kept = [m for m in found if not owner(m)]
    return kept or found


def _object_controller(node: Token, by_token: dict[int, ActorMention], control: frozenset[str]) -> list[ActorMention]:
    """"persuaded Ukrainian officials to accept": the object of an object-control verb does the infinitive."""
    if node.dep_ != "xcomp" or node.head.lemma_.lower() not in control:
        return []
    objects = [c for c in node.head.children if c.dep_ == "dobj" and c.i < node.i]
    return _without_owners(actors_in([t for o in objects for t in _skip_clauses(o)], by_token), node.doc)


def subject_of(head: Token, by_token: dict[int, ActorMention],
               control: frozenset[str] = frozenset()) -> list[ActorMention]:
    """The actors acting in a clause, following the parse up when the clause has no subject."""
    stranded = _stranded_group(head, by_token)
    if stranded:
        return stranded
    appositive = _appositive_subject(head, by_token)
    if appositive is not None:
        return [appositive]
    node = head
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
        if subjects and node.i != head.i and _possessor_as_subject(subjects[0]):
            subjects = []
        if subjects:
            found = _without_owners(actors_in([t for s in subjects for t in _skip_clauses(s)], by_token), head.doc)
            if found or subjects[0].tag_ not in RELATIVE_PRONOUNS:
                return found
        if node.dep_ in ("acl", "relcl") and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return actors_in(_skip_clauses(node.head), by_token)
        controller = _object_controller(node, by_token, control)
        if controller:
            return controller
        if node.dep_ not in ("xcomp", "conj", "pcomp", "advcl", "ccomp", "acomp") or node.head.i == node.i:
            return []
        described = _described_as(node, by_token)
        if described:
            return described
        node = node.head
        if node.dep_ == "prep" and node.head.pos_ in ("VERB", "AUX"):   # "spoke after meeting X": the speaker met
            node = node.head
    return []


def _described_as(node: Token, by_token: dict[int, ActorMention]) -> list[ActorMention]:
    """"Interfax quoted the minister as telling parliament …": who acts in an "as" clause is
    the object of the verb it describes, not that verb's subject."""
    prep = node.head
    if node.dep_ != "pcomp" or prep.lower_ != "as" or prep.head.pos_ != "VERB":
        return []
    objects = [c for c in prep.head.children if c.dep_ == "dobj"]
    return actors_in(list(objects[0].subtree), by_token) if objects else []


def _through_place_prep(token: Token, head: Token) -> bool:
    """Whether the path from a word up to the trigger passes "in"/"at" ("in Helsinki, Finland");
    a word outside the trigger's phrase (a subject the parser stranded before it) never does."""
    node, through = token, False
    for _ in range(8):
        if node.i == head.i:
            return through
        if node.head.i == node.i:
            return False
        through = through or (node.dep_ == "prep" and node.lower_ in PLACE_PREPS)
        node = node.head
    return False


def _first_person(verb: Token) -> bool:
    """The clause's subject is "I" or "we": in a quotation, the speaker (or the speaker's side)."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in FIRST_PERSON for c in clause_head(verb).children)


def _of_another_event(mention: ActorMention, head: Token, events: frozenset[int]) -> bool:
    """"met on the margins of the G7 summit", "on the eve of the meeting with Macron,
    Starmer spoke with Meloni": a name inside another contact event's noun phrase names a
    party to that event, not to this one."""
    node = head.doc[mention.tokens[0]:mention.tokens[1]].root
    while node.head.i != node.i and node.head.i != head.i:
        node = node.head
        if node.i in events:
            return True
    return False


def assign_arguments(cand: Candidate, by_token: dict[int, ActorMention], contact_preps: frozenset[str],
                     light_verbs: frozenset[str] = frozenset(), control: frozenset[str] = frozenset(),
                     containers: frozenset[str] = frozenset(), events: frozenset[int] = frozenset(),
                     third_parties: frozenset[str] = frozenset(), onlookers: frozenset[str] = frozenset(),
                     briefing: frozenset[str] = frozenset()) -> None:
    """Agents, patients and places of a candidate event (``events``: the heads of the contact
    nouns of its sentence, whose modifiers are their own parties); a noun's participle
    phrase gives its agent and patients ("a deadline set by Biden for Kyiv"), unless the
    participle names a third party (``third_parties``: "talks mediated by Qatar"); the subject
    of a verb whose object is a contact takes part in it ("cut short the visit"), unless the
    verb only looks on (``onlookers``: "China is watching the visit closely"), nor of one a verb of
    telling is about (``briefing``: "briefed Trump on the talks")."""
    head = cand.head
    agents: list[ActorMention] = []
    patients: list[ActorMention] = []
    places: list[ActorMention] = []
    if head.pos_ in ("NOUN", "PROPN"):
        for child in head.children:
            phrase = _skip_clauses(child)
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                agents += actors_in(phrase, by_token)
            elif child.dep_ == "prep" and child.lower_ in ("between", "by"):
                agents += actors_in(phrase, by_token)
            elif child.dep_ == "acl" and child.tag_ == "VBN":
                for grand in child.children:
                    if grand.dep_ == "agent" and child.lemma_.lower() not in third_parties:
                        agents += actors_in(_skip_clauses(grand), by_token)
                    elif grand.dep_ == "prep" and grand.lower_ in PATIENT_PREPS:
                        patients += actors_in(_skip_clauses(grand), by_token)
            elif child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                places += actors_in(phrase, by_token)
            elif child.dep_ == "prep" and child.lower_ in PATIENT_PREPS:
                patients += [m for m in actors_in(phrase, by_token) if not _of_another_event(m, head, events)]
        stand = carrier(head, containers)
        if stand.dep_ == "dobj" and stand.head.lemma_.lower() in light_verbs:
            if not agents:
                agents += subject_of(stand.head, by_token, control)
            if cand.event_class in CONTACT:     # "held a meeting with Trump": the parse hangs the partner on the verb
                patients += [m for c in stand.head.children if c.dep_ == "prep" and c.lower_ in PARTNER_PREPS
                             for m in actors_in(_skip_clauses(c), by_token)]
        if not agents and cand.event_class in STRIKES and answered_with(stand):
            agents += subject_of(stand.head.head, by_token, control)
        told = cand.told_by           # "Israel killed a commander in a strike": the strike's doer and target
        if told is not None and stand.dep_ == "pobj" and stand.head.head.i == told.i \
                and not any(c.dep_ in ("nsubjpass", "auxpass") for c in told.children):
            agents = agents or subject_of(told, by_token, control)
            patients += [m for c in told.children if c.dep_ == "dobj" for m in actors_in(_skip_clauses(c), by_token)]
        if cand.event_class in CONTACT and not agents and (stand.dep_ == "dobj" or (
                stand.dep_ == "pobj" and stand.head.lower_ in contact_preps)):
            verb = clause_head(stand.head)
            found = subject_of(verb, by_token, control)
            topic = (stand.dep_ == "pobj" and stand.head.lower_ in TOPIC_PREPS
                     and stand.head.head.lemma_.lower() in briefing)       # "briefed Trump on the talks"
            if (stand.dep_ == "dobj" and stand.head.lemma_.lower() in onlookers) or topic:
                found = []
            if stand.dep_ == "dobj" or stand.head.lower_ not in SEQUENCE_PREPS or has_partner(stand) or (
                    len({n for m in found for n in m.names}) >= 2             # "Lee and Ishiba agreed after a summit"
                    and not any(c.dep_ == "ccomp" for c in verb.children)):   # not those who report it
                agents += found
            if stand.dep_ == "pobj" and stand.head.lower_ not in SEQUENCE_PREPS and not has_partner(stand) \
                    and not patients and not topic:
                patients += _addressees(stand.head.head, by_token)
    else:
        if any(c.dep_ == "nsubjpass" for c in head.children):
            patients += subject_of(head, by_token, control)      # "Chile was invaded by Peru": Chile suffered it
        else:
            agents += subject_of(head, by_token, control) or _sender_of_subject(head, by_token)
        for child in head.children:
            phrase = _skip_clauses(child)
            if child.dep_ == "agent":
                agents += actors_in(phrase, by_token)
            elif child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                places += actors_in(phrase, by_token)
            elif child.dep_ in ("dobj", "dative", "attr", "oprd") or (child.dep_ == "prep" and child.lower_ in PATIENT_PREPS):
                patients += [m for m in actors_in(phrase, by_token) if not _of_another_event(m, head, events)]
            elif child.dep_ == "xcomp":
                for grand in child.children:
                    if grand.dep_ in ("dobj", "dative") or (grand.dep_ == "prep" and grand.lower_ in PATIENT_PREPS):
                        patients += actors_in(_skip_clauses(grand), by_token)
    where: set[tuple[int, int]] = set()     # the mentions that say where, not who
    for mention in places:
        if mention.kind in PLACE_KINDS or (mention.kind != "Person" and cand.event_class not in TARGETED):
            cand.places.append(mention.name)        # "met in Beijing", "spoke to the press at the White House"
            where.add(mention.tokens)
        else:
            patients.append(mention)                # "fired at Kyiv", "due in Kyiv" (the host)
        if mention.kind == "Country" and cand.event_class in STRIKES:
            patients.append(mention)
    for mention in agents + patients:       # "met Kellogg in Kyiv": the parse hangs the place on the guest
        if ((mention.kind in PLACE_KINDS or (mention.kind != "Person" and cand.event_class not in TARGETED))
                and _through_place_prep(head.doc[mention.tokens[0]], head)):
            cand.places.append(mention.name)
            where.add(mention.tokens)
    agents = [m for m in agents if m.tokens not in where]
    patients = [m for m in patients if m.tokens not in where
                or (m.kind == "Country" and cand.event_class in STRIKES)]
    cand.agents = list(dict.fromkeys(n for m in agents if m.kind != "Place" for n in m.names))
    if not cand.agents and cand.speaker and (cand.event_class in SPEECH_ACTS or _first_person(head)):
        cand.agents = [cand.speaker]      # "“We have agreed on a swap,” the minister said": the speaker's side
    cand.patients = [n for n in dict.fromkeys(n for m in patients if m.kind != "Place" for n in m.names)
                     if n not in cand.agents]
    cand.places += [m.name for m in patients if m.kind == "Place"]     # "annexed Crimea": where, not whom
    cand.places = list(dict.fromkeys(cand.places))
