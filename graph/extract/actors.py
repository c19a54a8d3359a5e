"""Actor and place mentions: gazetteer first, then roles, demonyms, NER, pronouns.

The small model often mislabels names (a president as a place, a person as
an organisation), so names the gazetteer knows are matched by their exact
written forms before the model's entities are consulted. Role descriptions
("the Russian leader") resolve to whoever held the role on the publication
date; a pronoun resolves to the most recent person in subject position, a
possessive one ("his") to the nearest person that is an argument of a clause
above it in the same sentence ("spoke to Trump about his call with Putin").
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graph.extract.records import ActorMention
from graph.extract.text import doc_text
from graph.knowledge import Knowledge

NER_KINDS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}
PRONOUNS = {"he", "she", "him", "her", "his"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
#: Where a clause holds its arguments: a possessive pronoun below it may refer to any of them.
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "prep", "agent"}
POSSESSIVE_DEPS = {"poss"}
PLURAL_POSSESSIVES = {"their"}
PLURAL_SUBJECTS = {"they"}
PRONOUN_LOOKBACK_SENTENCES = 3


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


def _normalise_name(text: str) -> str:
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    text = re.sub(r"[’']s$", "", text)
    return re.sub(r"\s+", " ", text).strip(" .,;:")


def _plausible_entity(span: Span) -> bool:
    text = span.text
    return (
        len(span) <= 5
        and not any(ch.isdigit() for ch in text)
        and text[:1].isupper()
        and "\n" not in text
        and not all(t.is_stop or t.is_punct for t in span)
    )


def _office_holder(span: Span, knowledge: Knowledge, published: dt.date | None) -> str | None:
    """"the Russian and US presidents": a demonym modifying a role noun names the role's holder."""
    head = span.root
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    noun = head.head
    if head.dep_ not in ("amod", "compound", "nmod") or noun.pos_ != "NOUN":
        return None
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
        if rule == "role":
            holder = knowledge.roles[int(name)].holder_on(published)
            if holder is None:
                continue
            name, kind = holder, knowledge.by_name[holder].kind
        elif rule == "demonym" and span.root.pos_ not in ("ADJ", "PROPN", "NOUN"):
            continue
        if rule == "demonym" or kind == "Country":
            holder = _office_holder(span, knowledge, published)
            if holder is not None:
                name, kind, rule = holder, knowledge.by_name[holder].kind, "role"
        previous = mentions[-1] if mentions else None
        if previous and previous.name == name and previous.tokens[1] == span.start:
            mentions[-1] = ActorMention(previous.start, span.end_char, (previous.tokens[0], span.end),
                                        doc[previous.tokens[0]:span.end].text, name, kind, True, previous.rule)
            continue
        mentions.append(ActorMention(span.start_char, span.end_char, (span.start, span.end), span.text,
                                     name, kind, True, rule))
    return mentions


QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the quotations of a text (curly or straight double quotes)."""
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
                 office_words: frozenset[str] = frozenset()) -> list[ActorMention]:
    """Mentions of people, organisations and places the gazetteer does not know.

    Capitalised words inside quotations ("an immediate Ceasefire on all
    Energy") are emphasis more often than names, so unknown names there are
    left out; so are rooms and platforms (``not_actors``) and words of office
    titles ("Secretary of State").
    """
    quoted = quoted_spans(doc_text(doc))
    mentions = []
    for ent in doc.ents:
        kind = NER_KINDS.get(ent.label_)
        if kind is None or any(i in taken for i in range(ent.start, ent.end)) or not _plausible_entity(ent):
            continue
        if any(a <= ent.start_char and ent.end_char <= b for a, b in quoted):
            continue
        name = _normalise_name(ent.text)
        if not name or name in not_actors or _title_part(ent, office_words):
            continue
        mentions.append(ActorMention(ent.start_char, ent.end_char, (ent.start, ent.end), ent.text,
                                     name, kind, False, "ner"))
    return mentions


def _branch_tokens(child) -> range:
    return range(child.left_edge.i, child.right_edge.i + 1)


def _possessor(token, people: list[ActorMention], placing: frozenset[str] = frozenset()) -> ActorMention | None:
    """The antecedent of a possessive pronoun: the nearest person before it who is an
    argument of a clause above it (Hobbs-style: climb, look left, nearest first).

    Under a preposition that places the clause in time ("he spoke with Zelenskyy
    after his call with Putin") it is the clause's subject: the subject's own
    earlier or later doing.
    """
    node, placed = token, False
    before = [m for m in people if m.tokens[1] <= token.i]
    while node.head.i != node.i:
        branch, node = node, node.head
        placed = placed or (branch.dep_ == "prep" and branch.lower_ in placing)
        if node.pos_ not in ("VERB", "AUX"):
            continue
        if placed:
            subjects = [_branch_tokens(c) for c in node.children if c.dep_ in SUBJECT_DEPS]
            found = [m for m in before if any(m.tokens[0] in r for r in subjects)]
            if found:
                return max(found, key=lambda m: m.tokens[0])
        spans = [_branch_tokens(c) for c in node.children if c.dep_ in ARGUMENT_DEPS and c.i != branch.i]
        found = [m for m in before if any(m.tokens[0] in r for r in spans)]
        if found:
            return max(found, key=lambda m: m.tokens[0])
    return None


def _owners(token, named: list[ActorMention]) -> list[ActorMention]:
    """The antecedents of "their" or "they": the two or more actors named as arguments
    of the clauses above it, nearest first ("Trump and Putin shook hands after their
    summit", "Biden met Xi after their call", "Trump said he spoke to Putin and they agreed")."""
    node, inside = token, []
    while node.head.i != node.i:
        branch, node = node, node.head
        if node.pos_ not in ("VERB", "AUX"):
            continue
        spans = [_branch_tokens(c) for c in node.children
                 if c.dep_ in ARGUMENT_DEPS and c.i != branch.i and c.i < token.i]
        inside += [m for m in named if m.kind != "Place" and any(m.tokens[0] in r for r in spans)]
        if len({m.name for m in inside}) >= 2:
            return list({m.name: m for m in inside}.values())
    return []


def plural_mentions(doc: Doc, named: list[ActorMention]) -> list[ActorMention]:
    """"their" or "they" standing for the actors named above it, as one group mention."""
    mentions = []
    for token in doc:
        if not ((token.lower_ in PLURAL_POSSESSIVES and token.dep_ in POSSESSIVE_DEPS)
                or (token.lower_ in PLURAL_SUBJECTS and token.dep_ in SUBJECT_DEPS)):
            continue
        owners = _owners(token, named)
        if owners:
            first = owners[0]
            mentions.append(ActorMention(token.idx, token.idx + len(token), (token.i, token.i + 1), token.text,
                                         first.name, first.kind, first.known, "pronoun",
                                         tuple(m.name for m in owners[1:])))
    return mentions


def _root(doc: Doc, mention: ActorMention):
    return doc[mention.tokens[0]:mention.tokens[1]].root


def _pair_in(doc: Doc, people: list[ActorMention]) -> tuple[str, str] | None:
    """The two people a sentence names together: conjoined ("Trump and Putin") or subject
    and object of one verb ("Trump told Putin", "Trump spoke with Putin"); or its only two."""
    names = list(dict.fromkeys(m.name for m in people))
    for a in people:
        for b in people:
            if a.name == b.name or a.tokens[0] >= b.tokens[0]:
                continue
            ra, rb = _root(doc, a), _root(doc, b)
            verb_b = rb.head.head if rb.dep_ == "pobj" else rb.head
            if (rb.dep_ == "conj" and rb.head.i == ra.i) or (
                    ra.dep_ in SUBJECT_DEPS and rb.dep_ in ("dobj", "dative", "pobj") and verb_b.i == ra.head.i):
                return a.name, b.name
    return (names[0], names[1]) if len(names) == 2 else None


def pair_mentions(doc: Doc, named: list[ActorMention], phrases: tuple[str, ...] = (),
                  kind: str = "Person") -> list[ActorMention]:
    """"the two leaders": the two people named together in the latest sentence before it
    (within a few sentences) that names a pair; "the two countries" (``kind`` Country): the
    two states."""
    sentences = list(doc.sents)
    starts = [s.start for s in sentences]
    by_sentence: list[list[ActorMention]] = [[] for _ in sentences]
    for mention in named:
        if mention.kind == kind:
            by_sentence[bisect.bisect(starts, mention.tokens[0]) - 1].append(mention)
    pairs = [_pair_in(doc, found) for found in by_sentence]
    sentence_of = {s.start: n for n, s in enumerate(sentences)}
    text = doc_text(doc).lower()
    mentions = []
    for phrase in phrases:
        start = text.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            span = doc.char_span(start, end, alignment_mode="strict")
            start = text.find(phrase, end)
            if span is None or any(c.dep_ == "prep" for c in span.root.children):
                continue
            here = sentence_of[span.sent.start]
            found = [pairs[n] for n in range(here - 1, max(-1, here - 1 - PRONOUN_LOOKBACK_SENTENCES), -1) if pairs[n]]
            if found:
                first, second = found[0]
                mentions.append(ActorMention(span.start_char, span.end_char, (span.start, span.end), span.text,
                                             first, kind, True, "pronoun", (second,)))
    return mentions


def pronoun_mentions(doc: Doc, named: list[ActorMention], placing: frozenset[str] = frozenset()) -> list[ActorMention]:
    """Third-person pronouns resolved to the latest person named as a subject before them
    (possessives: see :func:`_possessor`, which also sees the pronouns resolved before)."""
    people = [m for m in named if m.kind == "Person"]
    subjects = [m for m in people if doc[m.tokens[1] - 1].dep_ in SUBJECT_DEPS or doc[m.tokens[0]].dep_ in SUBJECT_DEPS
                or any(doc[i].dep_ in SUBJECT_DEPS for i in range(*m.tokens))]
    sentence_of = {sent.start: n for n, sent in enumerate(doc.sents)}
    sent_index = [0] * len(doc)
    for sent in doc.sents:
        for i in range(sent.start, sent.end):
            sent_index[i] = sentence_of[sent.start]
    mentions = []
    for token in doc:
        if token.lower_ not in PRONOUNS or token.pos_ != "PRON":
            continue
        before = [m for m in subjects if m.tokens[1] <= token.i
                  and sent_index[token.i] - sent_index[m.tokens[0]] <= PRONOUN_LOOKBACK_SENTENCES]
        antecedent = _possessor(token, people + mentions, placing) if token.dep_ in POSSESSIVE_DEPS else None
        if antecedent is None and not before:
            continue
        antecedent = antecedent or before[-1]
        mentions.append(ActorMention(token.idx, token.idx + len(token), (token.i, token.i + 1), token.text,
                                     antecedent.name, "Person", antecedent.known, "pronoun"))
    return mentions


def full_names(mentions: list[ActorMention]) -> list[ActorMention]:
    """"Orban" after (or before) "Viktor Orban" in one article is the same person: a one-word
    name of a person the gazetteer does not know takes the one full name of the article that
    ends with it (left alone when two full names do)."""
    full: dict[str, set[str]] = {}
    for mention in mentions:
        words = mention.name.split()
        if mention.kind == "Person" and len(words) > 1:
            full.setdefault(words[-1], set()).add(mention.name)
    out = []
    for mention in mentions:
        names = full.get(mention.name, set())
        if not mention.known and mention.kind in ("Person", "Organization") and len(names) == 1:
            (name,) = names
            mention = replace(mention, name=name, kind="Person")
        out.append(mention)
    return out


def title_mentions(doc: Doc, named: list[ActorMention], titles: frozenset[str]) -> list[ActorMention]:
    """"Chancellor Olaf Scholz … The chancellor urged Russia …", "Indian Prime Minister X … the
    Indian prime minister": a title with "the" (and the adjective it was written with) and no
    name after it is the person last named with that title before it in the article."""
    if not titles:
        return []
    longest = max(len(t.split()) for t in titles)
    titled: list[tuple[int, str, str | None, ActorMention]] = []
    for mention in named:
        if mention.kind == "Person":
            found = _title_before(doc, mention.tokens[0], titles, longest)
            if found:
                titled.append((mention.tokens[0], *found, mention))
    if not titled:
        return []
    taken = {i for m in named for i in range(*m.tokens) if m.kind == "Person"}
    mentions = []
    for token in doc:
        if token.lower_ != "the" or token.i in taken:
            continue
        modifier = doc[token.i + 1].lower_ if token.i + 1 < len(doc) and doc[token.i + 1].is_title else None
        for skip in ((1, None), (2, modifier)) if modifier else ((1, None),):
            found = _title_after(doc, token.i + skip[0], titles, longest)
            if found is None:
                continue
            title, end = found
            before = [m for i, t, mod, m in titled if t == title and i < token.i
                      and (skip[1] is None or mod in (None, skip[1]))]
            if before:
                span = doc[token.i:end]
                mentions.append(ActorMention(span.start_char, span.end_char, (span.start, span.end), span.text,
                                             before[-1].name, "Person", before[-1].known, "title"))
            break
    return mentions


def _title_before(doc: Doc, start: int, titles: frozenset[str], longest: int) -> tuple[str, str | None] | None:
    """The title written right before a name, and the capitalised word before that title."""
    words = [t.lower_ for t in doc[max(0, start - longest):start]]
    for size in range(min(longest, len(words)), 0, -1):
        title = " ".join(words[-size:])
        if title in titles:
            at = start - size - 1
            modifier = doc[at].lower_ if at >= 0 and doc[at].is_title and doc[at].pos_ in ("ADJ", "PROPN") else None
            return title, modifier
    return None


def _title_after(doc: Doc, start: int, titles: frozenset[str], longest: int) -> tuple[str, int] | None:
    """The title starting at ``start`` with no name after it (not "the president of France")."""
    for size in range(longest, 0, -1):
        end = start + size
        if end > len(doc) or " ".join(t.lower_ for t in doc[start:end]) not in titles:
            continue
        if end < len(doc) and (doc[end].pos_ == "PROPN" or doc[end].lower_ == "of"):
            return None
        return " ".join(t.lower_ for t in doc[start:end]), end
    return None


def find_actor_mentions(doc: Doc, knowledge: Knowledge, published: dt.date | None) -> list[ActorMention]:
    """All actor and place mentions of ``doc``, sorted by position."""
    known = gazetteer_mentions(doc, knowledge, published)
    people = {i for m in known if m.kind == "Person" for i in range(*m.tokens)}
    known = [m for m in known if not (m.rule == "demonym" and doc[m.tokens[0]].head.i in people)]
    taken = {i for m in known for i in range(*m.tokens)}
    named = full_names(sorted(known + ner_mentions(doc, taken, knowledge.not_actors, knowledge.office_words),
                              key=lambda m: m.start))
    named = sorted(named + title_mentions(doc, named, knowledge.titles), key=lambda m: m.start)
    found = (named + pronoun_mentions(doc, named, knowledge.cues.blocking_preps) + plural_mentions(doc, named)
             + pair_mentions(doc, named, knowledge.pairs)
             + pair_mentions(doc, named, knowledge.state_pairs, "Country"))
    return sorted(found, key=lambda m: (m.start, m.end))
