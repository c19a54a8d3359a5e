"""Actor and place mentions: gazetteer first, then roles, demonyms, NER, pronouns.

The small model often mislabels names (a president as a place, a person as
an organisation), so names the gazetteer knows are matched by their exact
written forms before the model's entities are consulted. Role descriptions
("the Russian leader") resolve to whoever held the role on the publication
date. References to actors named elsewhere in the article (pronouns, pairs,
titles, surnames) are resolved by :mod:`.references`, :mod:`.pairs` and :mod:`.names`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graph.extract.records import ActorMention
from graph.extract.attachment import speech_lemmas
from graph.extract.collectives import group_mentions
from graph.extract.names import acronyms, full_names, institution_mentions, surname_mentions, title_mentions
from graph.extract.pairs import pair_mentions
from graph.extract.references import plural_mentions, pronoun_mentions, reporter_mentions
from graph.extract.text import DATELINE_DASH, doc_text, in_spans
from graph.knowledge import Knowledge

NER_KINDS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}
#: Tags of a capitalised word opening a sentence that the tagger still reads as no name.
COMMON_OPENERS = {"NNS", "JJ", "JJR", "JJS", "RB"}


def _variants(phrase: str) -> set[str]:
    """A phrase and its sentence-initial form ("the Kremlin" / "The Kremlin")."""
    return {phrase, phrase[:1].upper() + phrase[1:]}


@dataclass(frozen=True)
class Gazetteer:
    """Every written form the gazetteer knows, as token sequences under their first token, and
    what each form means: (canonical name or role index, kind, rule)."""

    by_first: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    meaning: dict[str, tuple[str, str, str]]

    def spans(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start, end, form) of every occurrence of a known form in ``doc`` (overlaps included)."""
        texts = [t.text for t in doc]
        found = []
        for i, text in enumerate(texts):
            for words, form in self.by_first.get(text, ()):
                if tuple(texts[i:i + len(words)]) == words:
                    found.append((i, i + len(words), form))
        return found


_GAZETTEERS: dict[int, Gazetteer] = {}


def gazetteer(knowledge: Knowledge) -> Gazetteer:
    """The token index of the gazetteer's forms (built once per knowledge)."""
    key = id(knowledge)
    if key not in _GAZETTEERS:
        _GAZETTEERS[key] = _build_gazetteer(knowledge)
    return _GAZETTEERS[key]


def _build_gazetteer(knowledge: Knowledge) -> Gazetteer:
    meaning: dict[str, tuple[str, str, str]] = {}
    for actor in knowledge.actors:
        for form in (actor.name, *actor.aliases):
            for variant in _variants(form):
                meaning.setdefault(variant, (actor.name, actor.kind, "gazetteer"))
    for surface, place in knowledge.places.items():
        for variant in _variants(surface):
            meaning.setdefault(variant, (place, "Place", "gazetteer"))
    for i, role in enumerate(knowledge.roles):
        for phrase in role.phrases:
            for variant in _variants(phrase) | _variants(phrase.lower()):
                meaning.setdefault(variant, (str(i), "role", "role"))
    for actor in knowledge.actors:
        for demonym in actor.demonyms:
            meaning.setdefault(demonym, (actor.name, actor.kind, "demonym"))
    tokenize = _tokenizer()
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for form in sorted(meaning):
        words = tokenize(form)
        if words:
            by_first.setdefault(words[0], []).append((words, form))
    return Gazetteer({first: tuple(forms) for first, forms in by_first.items()}, meaning)


PLAIN_WORDS = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


def _tokenizer():
    """How the parser's tokenizer splits a written form: plain words at spaces (what it would
    give them, without its cost), anything else through spaCy's English tokenizer."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer

    def tokenize(form: str) -> tuple[str, ...]:
        words = form.split()
        if PLAIN_WORDS.fullmatch(form) and not any(w in tokenizer.rules for w in words):
            return tuple(words)
        return tuple(t.text for t in tokenizer(form))

    return tokenize


#: Punctuation the tagger leaves at the edges of a name ("Truth Social: '", "“Hamas").
NAME_EDGES = " .,;:'\"‘’“”"
#: Tokens no name runs across: the tagger's "Truth Social: 'THE" is the name "Truth Social".
NAME_BREAKS = {":", "'", "‘", "“", '"'}
#: Lower-case words no person's name runs across: the tagger's "King Charles at Sandringham".
PERSON_BREAKS = {"at", "in", "on", "from", "to", "with", "near"}


def _normalise_name(text: str) -> str:
    text = re.sub(r"^(the|The)\s+", "", text.strip(NAME_EDGES))
    text = re.sub(r"[’']s$", "", text)
    return re.sub(r"\s+", " ", text).strip(NAME_EDGES)


def _plausible_entity(span: Span) -> bool:
    """Short, capitalised, no digits, not all stop words; not a plural common noun or an adjective
    that opens a sentence ("Photographs released by Kyiv showed …": the tagger's person; "Fierce
    clashes erupted": its organisation)."""
    text = span.text
    if len(span) == 1 and span[0].is_sent_start and span[0].tag_ in COMMON_OPENERS:
        return False
    return (
        len(span) <= 5
        and not any(ch.isdigit() for ch in text)
        and text[:1].isupper()
        and "\n" not in text
        and not all(t.is_stop or t.is_punct for t in span)
    )


def _office_holder(span: Span, name: str, knowledge: Knowledge, published: dt.date | None) -> str | None:
    """"the Russian and US presidents": a demonym modifying a role noun names the role's holder;
    so does a state's possessive ("Chile's leader") when one of the state's role phrases ends
    with that noun ("the Chilean leader")."""
    head = span.root
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    noun = head.head
    if noun.pos_ != "NOUN" or noun.i < span.end - 1:
        return None
    if head.dep_ == "poss":
        modifiers = {t.lower_ for t in noun.doc[span.end:noun.i] if t.dep_ in ("compound", "amod", "nmod")}
        for role in knowledge.roles:          # "Iran's oil minister" is not its foreign minister
            if role.state == name and any(phrase.lower().split()[-1] == noun.lower_
                                          and modifiers <= set(phrase.lower().split()) for phrase in role.phrases):
                return role.holder_on(published)
        return None
    if head.dep_ not in ("amod", "compound", "nmod"):
        return None
    if any(c.dep_ in ("amod", "compound", "nmod") and c.i > head.i for c in noun.children):
        return None                             # "Japanese business leaders": some of a kind, no office
    if noun.tag_ == "NNS" and not any(c.dep_ == "conj" for c in head.children) and head.dep_ != "conj":
        return None                             # "Japanese leaders" (not "the Russian and US presidents")
    wanted = f"the {span.text} {noun.lemma_}".lower()
    for role in knowledge.roles:
        if any(phrase.lower() == wanted for phrase in role.phrases):
            return role.holder_on(published)
    return None


def gazetteer_mentions(doc: Doc, knowledge: Knowledge, published: dt.date | None) -> list[ActorMention]:
    """Mentions of the names, roles and demonyms the gazetteer knows."""
    known = gazetteer(knowledge)
    form_of = {}
    for start, end, form in known.spans(doc):
        form_of.setdefault((start, end), form)
    spans = filter_spans([Span(doc, start, end) for start, end in form_of])
    mentions = []
    for span in spans:
        name, kind, rule = known.meaning[form_of[span.start, span.end]]
        group: tuple[str, ...] = ()
        if rule == "role":
            role = knowledge.roles[int(name)]
            holder = role.holder_on(published)
            if holder is None:
                continue
            name, kind = holder, knowledge.by_name[holder].kind
            if role.state and not role.head:
                group = (role.state,)       # "Chile's top diplomat": the minister, for Chile
        elif rule == "demonym" and span.root.pos_ not in ("ADJ", "PROPN", "NOUN"):
            continue
        if rule == "demonym" or kind == "Country":
            holder = _office_holder(span, name, knowledge, published)
            if holder is not None:
                name, kind, rule = holder, knowledge.by_name[holder].kind, "role"
        previous = mentions[-1] if mentions else None
        if previous and previous.name == name and previous.tokens[1] == span.start:
            mentions[-1] = ActorMention(previous.start, span.end_char, (previous.tokens[0], span.end),
                                        doc[previous.tokens[0]:span.end].text, name, kind, True, previous.rule)
            continue
        mentions.append(ActorMention(span.start_char, span.end_char, (span.start, span.end), span.text,
                                     name, kind, True, rule, group))
    return mentions


#: Quotations: in curly or straight double quotes, or in single quotes after a colon ("wrote on
#: X: 'THE TRUCE HOLDS'"), which run to a closing quote before a space or to the end of the line.
QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|(?<=:)[ \t]*['‘][^\n]*?(?:['’”](?=\s|$)|$)", re.MULTILINE)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the quotations of a text (see :data:`QUOTED`)."""
    return [m.span() for m in QUOTED.finditer(text)]


def _title_part(ent: Span, office_words: frozenset[str]) -> bool:
    """"Secretary of State", "Treasury Secretary", "Trade Representative": a one-word name
    that only completes an office title is no actor."""
    if len(ent) != 1:
        return False
    word = ent.root
    if word.dep_ == "compound" and word.head.lower_ in office_words:
        return True
    return word.dep_ == "pobj" and word.head.lower_ == "of" and word.head.head.lower_ in office_words


def ner_mentions(doc: Doc, taken: set[int], not_actors: frozenset[str] = frozenset(),
                 office_words: frozenset[str] = frozenset(), titles: frozenset[str] = frozenset()) -> list[ActorMention]:
    """Mentions of people, organisations and places the gazetteer does not know.

    Capitalised words inside quotations ("an immediate Ceasefire on all
    Energy") are emphasis more often than names, so unknown names there are
    left out; so are rooms and platforms (``not_actors``) and words of office
    titles ("Secretary of State"). A name of two words or more written right after a title
    (``titles``, with the person nouns: "counterpart") is a person's, whatever the tagger says; a name the tagger
    calls a place anywhere in the article is a place everywhere in it.
    """
    text = doc_text(doc)
    quoted = quoted_spans(text)
    places = {_normalise_name(e.text) for e in doc.ents if NER_KINDS.get(e.label_) == "Place"}
    mentions = []
    for ent in (piece for whole in doc.ents for piece in _listed(whole)):
        cut = next((t.i for t in ent if t.text in NAME_BREAKS
                    or (ent.label_ == "PERSON" and t.text in PERSON_BREAKS)), None)
        if cut is not None and cut > ent.start:
            ent = Span(doc, ent.start, cut, label=ent.label_)
        if _dateline_place(text, ent):
            continue
        kind = NER_KINDS.get(ent.label_)
        if kind is None or any(i in taken for i in range(ent.start, ent.end)) or not _plausible_entity(ent):
            continue
        if any(a <= ent.start_char and ent.end_char <= b for a, b in quoted):
            continue
        name = _normalise_name(ent.text)
        if not name or name in not_actors or _title_part(ent, office_words):
            continue
        if kind != "Person" and _titled(ent, titles):
            kind = "Person"                     # "his Colombian counterpart Gustavo Petro": the tagger's ORG
        elif name in places:
            kind = "Place"                      # "the Busan summit" (a person) … "in Busan" (a place)
        mentions.append(ActorMention(ent.start_char, ent.end_char, (ent.start, ent.end), ent.text,
                                     name, kind, False, "ner"))
    return mentions


def _titled(ent: Span, titles: frozenset[str]) -> bool:
    """A name of two or more capitalised words right after a title word or a person noun
    (``titles``: "his Colombian counterpart Gustavo Petro")."""
    if len(ent) < 2 or ent.start == 0 or not all(t.is_title for t in ent):
        return False
    before = ent.doc[ent.start - 1].lower_
    return before in titles


def _listed(ent: Span) -> list[Span]:
    """"strikes on Fordow, Natanz and Isfahan": the tagger's one name across a comma is a list."""
    commas = [t.i for t in ent if t.text == ","]
    if not commas:
        return [ent]
    bounds = [ent.start, *(i + 1 for i in commas)]
    ends = [*commas, ent.end]
    return [Span(ent.doc, a, b, label=ent.label_) for a, b in zip(bounds, ends) if b > a]


#: What follows the place of a dateline: a comma, a slash and another place, or the agency in brackets.
DATELINE_AFTER = re.compile(r"\s*(?:,|/|\()")


def _dateline_place(text: str, ent: Span) -> bool:
    """"JERUSALEM, May 6 (AP) — …", "MOSCOW/KYIV (Reuters) - …": the place a story was filed from,
    in capitals at the start of a line, is no party to its events."""
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    return (ent.text.isupper() and not text[line_start:ent.start_char].strip(" /")
            and bool(DATELINE_AFTER.match(text, ent.end_char)))


def _titles_before_names(mentions: list[ActorMention]) -> list[ActorMention]:
    """"Vice President Jane Roe", "former President Joe Biden": a role written right before a
    person's name is that person's title, not a mention of the role's holder."""
    starts = {m.tokens[0]: m for m in mentions if m.kind == "Person"}
    return [m for m in mentions if not (m.rule == "role" and m.tokens[1] in starts
                                        and starts[m.tokens[1]].name != m.name)]


def _buildings(mentions: list[ActorMention], doc: Doc, nouns: frozenset[str]) -> list[ActorMention]:
    """"at the Miraflores presidential palace": a name the tagger found, written before a building's
    noun (``building_nouns``), names the building: a place, not a party."""
    out = []
    for m in mentions:
        root = doc[m.tokens[0]:m.tokens[1]].root
        if (m.rule == "ner" and root.dep_ in ("compound", "nmod") and root.head.i > root.i
                and root.head.lemma_.lower() in nouns):
            m = replace(m, kind="Place")
        out.append(m)
    return out


def _entourage_owners_out(mentions: list[ActorMention], doc: Doc, words: frozenset[str],
                          speaks_for: dict[str, str]) -> list[ActorMention]:
    """"Zelenskiy meets Trump envoy", "Putin's aide said", "an envoy of Trump": a person named
    right before an envoy's or aide's noun, or after its "of", says whose it is: the envoy stands
    for that person's state, when the person stands for one, and for no one named otherwise."""
    out = []
    for m in mentions:
        root = doc[m.tokens[0]:m.tokens[1]].root
        owner = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root.head
        if (m.kind == "Person" and root.dep_ in ("compound", "poss", "pobj") and owner.pos_ == "NOUN"
                and owner.lemma_.lower() in words and (root.dep_ != "pobj" or owner.i < root.i)):
            if m.name in speaks_for:
                out.append(replace(m, name=speaks_for[m.name], kind="Country", group=(), rule="entourage"))
            continue
        out.append(m)
    return out


#: A dateline at a line's start: a place in capitals ("MOSCOW", "MOSCOW/KYIV"), up to two more
#: comma-led parts ("KANANASKIS, Canada", "SEOUL, Sept 9"), the agency in brackets, a dash or colon.
DATELINE = re.compile(r"[ \t]*[A-Z][A-Z'’.\-]+(?:[ /][A-Z][A-Z'’.\-]+)*"
                      r"(?:,[ \t]*[A-Z][\w'’.\-]*(?:[ \t]+[\w'’.\-]+){0,3}){0,2}"
                      r"[ \t]*(?:\([^)\n]{1,30}\))?[ \t]*" + DATELINE_DASH + r"[ \t]")


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """The datelines of a text ("KANANASKIS, Canada (Reuters) - "): where a story was filed from
    is no party to its events, whatever names it holds."""
    spans, start = [], 0
    while start < len(text):
        found = DATELINE.match(text, start)
        if found:
            spans.append((start, found.end()))
        end = text.find("\n", start)
        if end < 0:
            break
        start = end + 1
    return spans


def _backers_out(mentions: list[ActorMention], doc: Doc) -> list[ActorMention]:
    """"Iran-backed Hezbollah", "Yemen's Iran-aligned Houthis": a name hyphened to a participle
    that describes another named actor says who stands behind that actor; it takes no part in
    what the actor does ("the Saudi-led coalition struck": Saudi Arabia acts, as no name follows)."""
    inside = {i: m for m in mentions for i in range(*m.tokens)}

    def backer(m: ActorMention) -> bool:
        end = m.tokens[1]
        if end + 1 >= len(doc) or doc[end].text != "-" or doc[end - 1].whitespace_ or doc[end].whitespace_:
            return False
        described = doc[end + 1]
        return (described.tag_ in ("VBN", "VBD") and described.dep_ in ("amod", "compound")
                and inside.get(described.head.i) not in (None, m))
    return [m for m in mentions if not backer(m)]


def find_actor_mentions(doc: Doc, knowledge: Knowledge, published: dt.date | None) -> list[ActorMention]:
    """All actor and place mentions of ``doc``, sorted by position (none in a dateline)."""
    datelines = dateline_spans(doc_text(doc))
    known = [m for m in gazetteer_mentions(doc, knowledge, published) if not in_spans(m.start, datelines)]
    people = {i for m in known if m.kind == "Person" for i in range(*m.tokens)}
    known = [m for m in known if not (m.rule == "demonym" and doc[m.tokens[0]].head.i in people)]
    taken = {i for m in known for i in range(*m.tokens)}
    found_by_ner = [m for m in ner_mentions(doc, taken, knowledge.not_actors, knowledge.office_words,
                                            knowledge.titles | knowledge.person_nouns)
                    if not in_spans(m.start, datelines)]
    named = acronyms(doc, full_names(sorted(known + found_by_ner, key=lambda m: m.start)))
    named = sorted(named + surname_mentions(doc, named), key=lambda m: m.start)
    named = _entourage_owners_out(_titles_before_names(named), doc, knowledge.entourage_words, knowledge.speaks_for)
    named = sorted(named + title_mentions(doc, named, knowledge.titles) + institution_mentions(doc, named),
                   key=lambda m: m.start)
    named = _backers_out(_buildings(named, doc, knowledge.extra.building_nouns), doc)
    not_groups = knowledge.media | frozenset(knowledge.speaks_for)
    named = sorted(named + group_mentions(doc, named, knowledge.group_phrases, not_groups), key=lambda m: m.start)
    pairs = (pair_mentions(doc, named, knowledge.pairs)
             + pair_mentions(doc, named, knowledge.state_pairs, "Country", knowledge.state_nouns))
    found = (named + pronoun_mentions(doc, named, knowledge.cues.blocking_preps, speech_lemmas(knowledge))
             + plural_mentions(doc, sorted(named + pairs, key=lambda m: m.start))     # "the two leaders … they"
             + reporter_mentions(doc, named)
             + pairs)
    return sorted(found, key=lambda m: (m.start, m.end))
