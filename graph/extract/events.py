"""Event mentions: trigger words from the lexicon (:mod:`.triggers`), arguments from the parse.

One mention per clause and class. Arguments come from
:mod:`.arguments`, what a clause asserts (negation, unreal clauses, the
class its object gives) from :mod:`.modality`. Reported speech ("X said
that Y agreed …") yields the reported event with X as its speaker, and a
Statement only when the report holds no other event; "…, according to X"
names the source of a whole sentence. A pro-verb clause ("as Ukraine did
last week", :mod:`.ellipsis`) states a second event of the verb it
repeats; a subject naming two parties makes "spoke" a contact between them
(:mod:`.reciprocal`).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from graph.extract.actors import quoted_spans
from graph.extract.arguments import STRIKES, answered_with, assign_arguments, carrier, has_partner, subject_of
from graph.extract.candidates import CLAUSE_DEPS, CONTACT, Candidate, refers_back
from graph.extract.contact_parties import contact_parties
from graph.extract.ellipsis import elliptic_clauses
from graph.extract.framing import framed_by
from graph.extract.modality import clause_head, gapless, is_irrealis, is_negated, reclassify
from graph.extract.quarrels import ARMED_TAGS, quarrel_parties
from graph.extract.reciprocal import reciprocal_contacts
from graph.extract.records import ActorMention, EventMention
from graph.extract.text import doc_text
from graph.extract.theme import theme_of
from graph.extract.triggers import find_candidates
from graph.knowledge import ExtraCues, Knowledge, Trigger

#: How many words after "according to" may hold the source's name ("according to a Kremlin readout").
ATTRIBUTION_REACH = 4


def _in_subtree(token: Token, root: Token) -> bool:
    return root.left_edge.i <= token.i <= root.right_edge.i and token.i != root.i


def _placed_by(token: Token, preps: frozenset[str], nouns: frozenset[str] = frozenset()) -> bool:
    """The word is the object of a preposition placing an event in time ("after the call", "after
    meeting Xi"), or
    of a noun doing so ("on the eve of the talks", "in the wake of the attack", "in retaliation
    for the strikes")."""
    if token.dep_ not in ("pobj", "pcomp"):       # "after the call", "after meeting Xi"
        return False
    return token.head.lower_ in preps or (token.head.lower_ in ("of", "for", "to")
                                          and token.head.head.lemma_.lower() in nouns)


def _told_by_its_own_clause(cand: Candidate) -> bool:
    """"accused Chile of breaking the truce signed in May", "agreed on the exchange, which ended on
    May 25": a noun whose participle or past relative clause tells its own history is an event of
    its own, not the content of the verb it is an object of."""
    return cand.trigger.pos == "NOUN" and any((c.dep_ == "acl" and c.tag_ == "VBN") or (c.dep_ == "relcl" and c.tag_ == "VBD")
                                              for c in cand.head.children)


def _absorb(cands: list[Candidate], placing: frozenset[str] = frozenset(),
            framing: frozenset[str] = frozenset(), placing_nouns: frozenset[str] = frozenset(),
            containers: frozenset[str] = frozenset()) -> None:
    """A trigger inside the object of another is that event's content, not an event of its own.

    So is a noun naming a non-contact event in a prepositional phrase of a
    verb trigger ("agreed with the US proposal"); a contact noun there stays
    an event ("agreed during talks"), wherever the parse hangs its framing
    preposition, and so does an event placing another in time ("agreed to
    stop attacks after a call with Trump"). A noun a relative clause of the
    same class tells is that clause's event ("the deal they struck on Monday"), and a verb whose
    subject is a definite noun of its own class tells that noun's event ("the deal was agreed in
    May"; "a truce was agreed" is the verb's own).
    """
    verbs = [c for c in cands if c.trigger.pos != "NOUN"]
    nouns = {(c.head.i, c.event_class) for c in cands if c.trigger.pos == "NOUN"}
    for verb in verbs:
        if any(c.dep_ in ("nsubj", "nsubjpass") and (c.i, verb.event_class) in nouns and refers_back(c)
               for c in verb.head.children):
            verb.absorbed = True      # "the deal was agreed in May": one event, told by its noun
            continue
        if verb.head.dep_ == "relcl":
            for cand in cands:
                if (cand.head.i == verb.head.head.i and cand.trigger.pos == "NOUN"
                        and cand.event_class == verb.event_class):
                    cand.absorbed = True
    for cand in cands:
        if (_placed_by(carrier(cand.head, containers), placing, placing_nouns)      # "after two days of talks"
                or _told_by_its_own_clause(cand) or cand.told_by is not None):
            continue
        if cand.event_class in CONTACT and framed_by(cand.head, framing):
            continue
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


def _hosted(cands: list[Candidate], third_parties: frozenset[str]) -> None:
    """"Turkey hosted the first talks between Russia and Ukraine", "mediated the exchange of 300
    prisoners between Russia and Ukraine": what a third party hosts, brokers or mediates
    (``third_parties``) is the event, between its own parties; the verb is how it came about,
    told like a verb by it (not so "Modi hosted Putin": a meeting of theirs)."""
    contacts = {c.head.i: c for c in cands if c.trigger.pos == "NOUN"}
    for verb in cands:
        if verb.trigger.pos != "VERB" or verb.head.lemma_.lower() not in third_parties:
            continue
        for child in verb.head.children:
            noun = contacts.get(child.i) if child.dep_ == "dobj" else None
            if noun is not None and has_partner(child):
                verb.absorbed = True
                noun.told_by = verb.head


def _quoted(token: Token, quotes: list[tuple[int, int]]) -> bool:
    return any(a <= token.idx < b for a, b in quotes)


def _bounded_clause(token: Token, top: Token, marks: frozenset[str]) -> bool:
    """The word is in a clause below ``top`` that only bounds or places what is said ("said that a
    month had passed since Russia rejected the plan"): background, not the report's news."""
    for node in [token, *token.ancestors]:
        if node.i == top.i:
            return False
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in node.children):
            return True
    return False


def _reported(cands: list[Candidate], by_token: dict[int, ActorMention], quotes: list[tuple[int, int]],
              extra: ExtraCues, marks: frozenset[str] = frozenset(), light: frozenset[str] = frozenset()) -> None:
    """Speech verbs whose complement reports an event give that event a speaker instead.

    The reported event must be an action (a verb, or a noun naming one that
    is not a contact event: "said Putin had given an order"); only a verb or
    the object of a light verb takes the statement's place ("said Kabul
    remained committed to the truce" is still a statement); words quoted
    verbatim keep the statement too, since quoting is itself the event, and
    so do events the report says had already happened (``prior_adverbs``),
    reports that state their own time ("told the press on Monday that …") and
    reports of what did not happen ("said it had not been told"). The
    nearest speech verb above an event is its speaker ("the Kremlin said
    Putin told Trump that Russia was ready": Putin). A verb that casts doubt
    on what it reports ("claimed") keeps the statement and reports no event.
    """
    doubting, prior = extra.doubt_verbs, extra.prior_adverbs
    speeches = sorted((c for c in cands if c.trigger.content), key=lambda c: -sum(1 for _ in c.head.ancestors))
    handled: set[int] = set()
    earlier = {c.head.i for c in cands if c.absorbed}
    for speech in speeches:
        reported = [c for c in cands if c is not speech and c.head.i not in earlier
                    and (c.trigger.pos != "NOUN" or c.event_class not in CONTACT)
                    and _in_subtree(c.head, speech.head) and not _bounded_clause(c.head, speech.head, marks)
                    and any(a.dep_ in ("ccomp", "xcomp", "parataxis") or (a.dep_ == "relcl" and gapless(a))
                            for a in [c.head, *c.head.ancestors]
                            if _in_subtree(a, speech.head) or a.i == c.head.i)]
        if not reported:
            continue
        fresh = [c for c in reported if c.head.i not in handled]
        handled.update(c.head.i for c in fresh)
        if speech.head.lemma_.lower() in doubting:
            for cand in fresh:                    # not "denies backing M23, who seized Goma": a fact told beside
                if not any(a.dep_ == "relcl" for a in [cand.head, *cand.head.ancestors] if _in_subtree(a, speech.head)
                           and a.i != speech.head.i):
                    cand.absorbed = True
            continue
        speaker = [m for m in subject_of(speech.head, by_token, extra.object_control_verbs) if m.kind != "Place"]
        for cand in fresh:
            cand.speaker = cand.speaker or (speaker[0].name if speaker else None)
        told = [c for c in reported if c.trigger.pos != "NOUN" or (c.head.dep_ == "dobj"
                                                                    and c.head.head.lemma_.lower() in light)]
        quoting_own = all(_quoted(c.head, quotes) for c in reported) and not _of_others(told, speaker, by_token, extra)
        if not (not told or quoting_own or speech.event_class != "Statement"
                or any(_already_done(c.head, prior) for c in reported)
                or all(c.negated and c.event_class != "Refusal" for c in told)
                or (_timed(speech.head, marks) and any(c.event_class != "Statement" for c in reported))):
            speech.absorbed = True


def _of_others(told: list[Candidate], speaker: list[ActorMention], by_token: dict[int, ActorMention],
               extra: ExtraCues) -> bool:
    """"Lula 'stressed Brazil's support' and 'called for talks', the presidency said": quoted words
    whose every verb has a subject other than the speaker quote what someone else did; the report
    only sources it (words the speaker quotes of their own stay a statement of their own)."""
    names = {m.name for m in speaker}
    if not told or not names:
        return False
    for cand in told:
        subjects = {m.name for m in subject_of(cand.head, by_token, extra.object_control_verbs)}
        if not subjects or subjects & names:
            return False
    return True


TIME_ENTITIES = {"DATE", "TIME"}


def _timed(speech: Token, placing: frozenset[str] = frozenset()) -> bool:
    """"told the press on Monday that …": a report that states its own time is news of its own
    (a time inside a clause below it, "in its summary of the talks held on Monday", is not its own,
    nor is the time of another event it is placed by, ``placing``: "following Tuesday's call")."""
    for child in speech.children:
        if child.dep_ == "prep" and child.lower_ in placing:
            continue
        if child.dep_ in ("prep", "npadvmod", "advmod") and any(
                t.ent_type_ in TIME_ENTITIES and not _verb_between(t, child) for t in child.subtree):
            return True
    return False


def _verb_between(token: Token, top: Token) -> bool:
    """A verb on the way from ``token`` up to ``top`` (a clause of its own in between)."""
    node = token
    while node.i != top.i:
        node = node.head
        if node.i != top.i and node.pos_ in ("VERB", "AUX"):
            return True
    return False


def _already_done(token: Token, prior: frozenset[str]) -> bool:
    """"said negotiators had already talked": what is reported came before the report, which is news of its own."""
    return any(c.lower_ in prior for c in clause_head(token).children)


def _evaluations(cands: list[Candidate], verbs: frozenset[str]) -> None:
    """"Putin described the call as very meaningful": judging a contact event the
    sentence names is no event of its own. Nor is "a call Putin described as
    frank": a judging verb with no object of its own ("as" and a gap) judges
    the contact event named before it."""
    contacts = {c.head.i for c in cands if c.event_class in CONTACT}
    for cand in cands:
        if cand.head.lemma_.lower() not in verbs:
            continue
        children = list(cand.head.children)
        if any(c.dep_ == "dobj" and c.i in contacts for c in children) or (
                not any(c.dep_ == "dobj" and c.tag_ not in ("WDT", "WP", "IN") for c in children)
                and any(c.lower_ == "as" for c in children)
                and any(i < cand.head.i for i in contacts)):
            cand.absorbed = True


def _attribution(sent: Span, by_token: dict[int, ActorMention], phrases: frozenset[str]) -> str | None:
    """Who a sentence is attributed to ("…, according to the Kremlin"): the actor named
    right after an attribution phrase."""
    words = [t.lower_ for t in sent]
    for phrase in phrases:
        size = len(phrase.split())
        for at in range(len(words) - size):
            if " ".join(words[at:at + size]) != phrase:
                continue
            after = sent[at + size:at + size + ATTRIBUTION_REACH]
            found = [by_token[t.i] for t in after if t.i in by_token and by_token[t.i].kind != "Place"]
            if found:
                return found[0].name
    return None


def _trimmed(sent: Span) -> tuple[int, int]:
    """The sentence's character span without surrounding white space."""
    words = [t for t in sent if not t.is_space]
    if not words:
        return sent.start_char, sent.start_char
    return words[0].idx, words[-1].idx + len(words[-1])


def extract_sentence_events(sent: Span, sentence_index: int, knowledge: Knowledge,
                            by_token: dict[int, ActorMention],
                            quotes: list[tuple[int, int]] = (), kinds: dict[str, str] | None = None) -> list[EventMention]:
    """The event mentions one sentence states, in order of their triggers (``kinds``: the kind of
    each actor named in the article)."""
    cands = []
    for cand in find_candidates(sent, knowledge):
        if is_irrealis(cand.head, cand.event_class, knowledge):
            continue
        cand.negated = is_negated(cand.head)
        reclassify(cand, knowledge)
        cands.append(cand)
    extra = knowledge.extra
    for verbs, cls in ((extra.reciprocal_verbs, "PhoneCall"), (extra.reciprocal_meetings, "Meeting")):
        for verb in reciprocal_contacts(sent, {c.head.i for c in cands}, by_token, verbs):
            trigger = Trigger((verb.lemma_.lower(),), "VERB", cls)
            if not is_irrealis(verb, cls, knowledge) and not is_negated(verb):
                cands.append(Candidate(trigger, verb, (verb.i, verb.i + 1), cls))
                reclassify(cands[-1], knowledge)          # "spoke in person": a meeting
    cands.sort(key=lambda c: c.head.i)
    verbs = [c for c in cands if c.trigger.pos == "VERB"]
    for pro_verb, repeated, subject in elliptic_clauses(sent, [c.head for c in verbs], by_token,
                                                        extra.ellipsis_marks, extra.pro_verbs):
        source = next(c for c in verbs if c.head.i == repeated.i)
        cand = Candidate(source.trigger, pro_verb, (pro_verb.i, pro_verb.i + 1), source.trigger.event_class,
                         negated=is_negated(pro_verb), elliptic=subject, repeats=source.head)
        if cand.negated and cand.event_class in knowledge.cues.negation_to_refusal:
            cand.event_class = "Refusal"
        cands.append(cand)
    elliptic = {i for c in cands if c.elliptic is not None for i in range(*c.elliptic.tokens)}
    own_args = {i: m for i, m in by_token.items() if i not in elliptic} if elliptic else by_token
    _hosted(cands, extra.third_party_verbs)
    _absorb(cands, knowledge.cues.blocking_preps, extra.framing_preps, extra.placing_nouns, extra.container_nouns)
    _reported(cands, own_args, quotes, extra, knowledge.cues.blocking_preps, knowledge.cues.light_verbs)
    _evaluations(cands, extra.evaluative_verbs)
    source = _attribution(sent, own_args, extra.source_phrases)
    for cand in cands:
        cand.speaker = cand.speaker or source
    out = []
    heads = {c.head.i for c in cands}
    contact_nouns = frozenset(c.head.i for c in cands if c.trigger.pos == "NOUN" and c.event_class in CONTACT)
    seen: set[tuple[str, int]] = set()
    for cand in cands:
        if cand.absorbed:
            continue
        placing = _placed_by(cand.head, knowledge.cues.blocking_preps, extra.placing_nouns)
        key = (cand.event_class, clause_head(cand.head).i)
        if key in seen and cand.trigger.pos == "NOUN" and not placing:
            continue
        if not placing:
            seen.add(key)
        if cand.elliptic is not None:
            cand.agents = [cand.elliptic.name]
        else:
            assign_arguments(cand, own_args, knowledge.cues.contact_preps, knowledge.cues.light_verbs,
                             extra.object_control_verbs, extra.container_nouns, contact_nouns, extra.third_party_verbs,
                             extra.evaluative_verbs | extra.onlooker_verbs, extra.briefing_words)
        if cand.head.lemma_.lower() in extra.quarrel_words:
            people = quarrel_parties(cand, kinds or {}, own_args)
            if people:
                cand.event_class, cand.agents, cand.patients = "Meeting", people, []
            elif cand.event_class == "Meeting" or not (cand.agents or cand.patients or cand.head.tag_ in ARMED_TAGS):
                continue                        # "the clash" of no one named may be words or arms ("clashes": arms)
        if cand.event_class in CONTACT and cand.trigger.pos == "NOUN" and not cand.agents:
            cand.agents = contact_parties(cand, cands, own_args, extra, knowledge.media, knowledge.speaks_for)
        if cand.event_class == "Statement" and (not cand.agents or set(cand.agents) <= knowledge.media):
            continue
        if cand.event_class == "Visit" and cand.trigger.pos == "VERB" and not cand.agents and not cand.patients:
            continue                            # "buses carrying the freed prisoners arrived": no visitor
        cand.agents = [a for a in cand.agents if a not in knowledge.media]
        cand.patients = [a for a in cand.patients if a not in knowledge.media]
        if cand.negated and (cand.event_class != "Refusal"
                             or (cand.trigger.pos == "NOUN" and not cand.agents and not cand.patients)):
            continue
        doc = sent.doc
        first, last = doc[cand.tokens[0]], doc[cand.tokens[1] - 1]
        stand = carrier(cand.head, extra.container_nouns)
        light = cand.trigger.pos == "NOUN" and (
            (stand.dep_ == "dobj" and stand.head.i not in heads and stand.head.lemma_.lower() in knowledge.cues.light_verbs)
            or (cand.event_class in STRIKES and answered_with(stand) and stand.head.head.i not in heads)
            or cand.told_by is not None)                             # "a strike on Sumy killed 35 on Sunday"
        out.append(EventMention(
            index=0, event_class=cand.event_class, head=cand.head.i, trigger=doc[cand.tokens[0]:cand.tokens[1]].text,
            trigger_span=(first.idx, last.idx + len(last)), sentence_span=_trimmed(sent),
            sentence_index=sentence_index, agents=tuple(cand.agents), patients=tuple(cand.patients),
            places=tuple(cand.places), speaker=cand.speaker, nominal=cand.trigger.pos == "NOUN" and not light,
            negated=cand.negated, elliptic=cand.elliptic is not None,
            theme=theme_of(cand.repeats or cand.head, extra.theme_preps, _class_nouns(knowledge, cand.event_class))
            if cand.event_class in extra.theme_classes and cand.trigger.pos != "NOUN" else None,
        ))
    return _campaign_agents(out, sent.doc, extra)


def _campaign_agents(events: list[EventMention], doc: Doc, extra) -> list[EventMention]:
    """"buildings damaged by air attacks … amid the Russian invasion": an attack with no actor of
    its own, set amid a campaign, is part of it and has the campaign's agents."""
    campaigns = [e for e in events if e.event_class in extra.campaign_classes and e.agents
                 and doc[e.head].dep_ == "pobj" and doc[e.head].head.lower_ in extra.background_preps]
    if len({e.agents for e in campaigns}) != 1:
        return events
    agents = campaigns[0].agents
    return [replace(e, agents=agents) if e.event_class in extra.campaign_parts and not e.actors else e
            for e in events]


@lru_cache(maxsize=64)
def _class_nouns(knowledge: Knowledge, event_class: str) -> frozenset[str]:
    """Nouns that name events of a class ("talks" for Talks; "ceasefire", "pause" for Ceasefire)."""
    nouns = {t.lemma[-1] for t in knowledge.triggers if t.event_class == event_class and t.pos == "NOUN"}
    if event_class == "Ceasefire":
        nouns |= knowledge.cues.ceasefire_objects
    return frozenset(nouns)


def find_event_mentions(doc: Doc, knowledge: Knowledge, actors: list[ActorMention],
                        skip: set[int] = frozenset()) -> list[EventMention]:
    """Event mentions of a parsed article (undated; see :mod:`graph.extract.anchoring`)."""
    by_token = {i: m for m in actors for i in range(*m.tokens)}
    kinds = {m.name: m.kind for m in actors}
    quotes = quoted_spans(doc_text(doc))
    events: list[EventMention] = []
    for n, sent in enumerate(doc.sents):
        if n in skip:
            continue
        events += extract_sentence_events(sent, n, knowledge, by_token, quotes, kinds)
    events.sort(key=lambda e: e.trigger_span)
    return [replace(e, index=i) for i, e in enumerate(events)]
