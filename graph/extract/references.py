"""References to actors named elsewhere in the article: pronouns, pairs, titles, surnames.

A pronoun resolves to the latest person in subject position, a possessive
one ("his") to the nearest person that is an argument of a clause above it
in the same sentence ("spoke to Trump about his call with Putin"); "their"
and "they" to the actors named together above them; "the two leaders", "the
two countries" to the pair last named together; "it" in a report to the
state or body reporting ("the ministry said it had …"); "the chancellor" to
the person last named with that title; a surname to the one full name of the
article that ends with it. :func:`graph.extract.actors.find_actor_mentions`
runs them after the names themselves are found.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from spacy.tokens import Doc

from graph.extract.records import ActorMention
from graph.extract.text import doc_text

PRONOUNS = {"he", "she", "him", "her", "his"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
#: Where a clause holds its arguments: a possessive pronoun below it may refer to any of them.
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "prep", "agent"}
POSSESSIVE_DEPS = {"poss"}
PLURAL_POSSESSIVES = {"their"}
PLURAL_SUBJECTS = {"they"}
#: "The ministry said it had …": a subject standing for the state or body whose report it is in.
BODY_SUBJECTS = {"it"}
PRONOUN_LOOKBACK_SENTENCES = 3
#: Prepositions of place: what they name is where, never whom "they" stands for.
WHERE_PREPS = {"in", "at", "near"}
#: "The two countries" looks further back than a pronoun: a pair is the story's, kept for longer.
PAIR_LOOKBACK_SENTENCES = 6


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
                 if c.dep_ in ARGUMENT_DEPS and c.i != branch.i and c.i < token.i
                 and not (c.dep_ == "prep" and c.lower_ in WHERE_PREPS)]     # "in the town of Ohrid, they …"
        inside += [m for m in named if m.kind != "Place" and any(m.tokens[0] in r for r in spans)]
        if len({m.name for m in inside}) >= 2:
            return list({m.name: m for m in inside}.values())
    return []
def _subject_group_before(token, named: list[ActorMention]) -> list[ActorMention]:
    """"Vucic and Kurti agreed on a plan in February. A month later, they accepted an annex":
    "they" (or "their") opening a sentence's subject with no antecedent of its own is the group of two or more
    actors that was the subject of the sentence before."""
    sent = token.sent
    if sent.start == 0:
        return []
    before = token.doc[sent.start - 1].sent
    roots = {m.tokens: _root(token.doc, m) for m in named if before.start <= m.tokens[0] < before.end}
    group = [m for m in named if m.kind != "Place" and m.tokens in roots
             and (roots[m.tokens].dep_ in SUBJECT_DEPS
                  or (roots[m.tokens].dep_ == "conj" and roots[m.tokens].head.dep_ in SUBJECT_DEPS))]
    return list({m.name: m for m in group}.values()) if len({m.name for m in group}) >= 2 else []


def _collective_subject(token, named: list[ActorMention]) -> list[ActorMention]:
    """"The Houthis paused their attacks": "their" below a clause whose subject is one
    organisation (a group named in the plural) is that organisation's."""
    if token.lower_ not in PLURAL_POSSESSIVES:
        return []
    verb = token.head.head if token.head.dep_ in ("dobj", "pobj", "attr") else None
    if verb is not None and verb.dep_ == "prep":
        verb = verb.head
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return []
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    found = [m for m in named if subjects and m.kind == "Organization"
             and subjects[0].left_edge.i <= m.tokens[0] and m.tokens[1] <= subjects[0].right_edge.i + 1]
    return found[:1] if len({m.name for m in found}) == 1 else []


def plural_mentions(doc: Doc, named: list[ActorMention]) -> list[ActorMention]:
    """"their" or "they" standing for the actors named above it, as one group mention (in a
    sentence's subject with none above it, the group that was the subject of the sentence before)."""
    mentions = []
    for token in doc:
        if not ((token.lower_ in PLURAL_POSSESSIVES and token.dep_ in POSSESSIVE_DEPS)
                or (token.lower_ in PLURAL_SUBJECTS and token.dep_ in SUBJECT_DEPS)):
            continue
        in_subject = token.lower_ in PLURAL_SUBJECTS or token.head.dep_ in SUBJECT_DEPS   # "Their spat ended …"
        owners = (_owners(token, named) or (_subject_group_before(token, named) if in_subject else [])
                  or _collective_subject(token, named))
        if owners:
            first = owners[0]
            mentions.append(ActorMention(token.idx, token.idx + len(token), (token.i, token.i + 1), token.text,
                                         first.name, first.kind, first.known, "pronoun",
                                         tuple(m.name for m in owners[1:])))
    return mentions
def reporter_mentions(doc: Doc, named: list[ActorMention]) -> list[ActorMention]:
    """"The Israeli military said it had targeted depots", "Chile announced it would leave":
    "it" as the subject of a reported clause, or "its" in that subject ("Chile said its navy had
    …"), is the state or body that reports it (the subject of the reporting verb: the first
    state or body its phrase names), when that is no person."""
    bodies = {m.tokens[0]: m for m in named if m.kind not in ("Person", "Place")}
    mentions = []
    for token in doc:
        subject = token.head if token.lower_ == "its" and token.dep_ == "poss" else token   # "its forces had …"
        if (token.lower_ not in BODY_SUBJECTS and subject is token) or subject.dep_ not in SUBJECT_DEPS \
                or subject.head.dep_ != "ccomp":
            continue
        report = subject.head.head
        subject = next((c for c in report.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None or subject.i > token.i:
            continue
        found = [bodies[i] for i in range(subject.left_edge.i, subject.right_edge.i + 1)
                 if i in bodies and bodies[i].tokens[1] <= subject.right_edge.i + 1]
        if found:
            body = found[0]
            mentions.append(ActorMention(token.idx, token.idx + len(token), (token.i, token.i + 1), token.text,
                                         body.name, body.kind, body.known, "pronoun"))
    return mentions


def _root(doc: Doc, mention: ActorMention):
    return doc[mention.tokens[0]:mention.tokens[1]].root
def _pair_in(doc: Doc, people: list[ActorMention], only_two: bool = True) -> tuple[str, str] | None:
    """The two people a sentence names together: conjoined ("Trump and Putin", "Foreign Minister
    Abbas Araghchi and Steve Witkoff": the parser may hang the second on any word of the first) or subject
    and object of one verb ("Trump told Putin", "Trump spoke with Putin"); or its only two
    (``only_two``)."""
    names = list(dict.fromkeys(m.name for m in people))
    for a in people:
        for b in people:
            if a.name == b.name or a.tokens[0] >= b.tokens[0]:
                continue
            ra, rb = _root(doc, a), _root(doc, b)
            verb_b = rb.head.head if rb.dep_ == "pobj" else rb.head
            if (rb.dep_ == "conj" and a.tokens[0] <= rb.head.i < a.tokens[1]) or (
                    ra.dep_ in SUBJECT_DEPS and rb.dep_ in ("dobj", "dative", "pobj") and verb_b.i == ra.head.i):
                return a.name, b.name
    return (names[0], names[1]) if only_two and len(names) == 2 else None


def pair_mentions(doc: Doc, named: list[ActorMention], phrases: tuple[str, ...] = (),
                  kind: str = "Person") -> list[ActorMention]:
    """"the two leaders": the two people named together before it in its own sentence ("Merz
    met Tusk in Warsaw, where the two leaders signed …"), else in the latest sentence before it
    (within a few sentences) that names a pair; "the two countries" (``kind`` Country): the two
    states so named in an earlier sentence ("Egypt and Qatar said both sides had agreed": the
    sides are others), unless its own sentence names no state but two people together before it
    ("Trump met Ishiba, but the two sides did not reach a deal": the sides are theirs), or a
    sentence before it names two people together after the last that named two states ("Modi
    told Putin … The two sides agreed": theirs too)."""
    sentences = list(doc.sents)
    starts = [s.start for s in sentences]
    by_sentence: list[list[ActorMention]] = [[] for _ in sentences]
    for mention in named:
        if mention.kind == kind:
            by_sentence[bisect.bisect(starts, mention.tokens[0]) - 1].append(mention)
    pairs = [_pair_in(doc, found) for found in by_sentence]
    people_pairs: list[tuple[str, str] | None] = []
    if kind != "Person" and phrases:
        by_person: list[list[ActorMention]] = [[] for _ in sentences]
        for mention in named:
            if mention.kind == "Person":
                by_person[bisect.bisect(starts, mention.tokens[0]) - 1].append(mention)
        people_pairs = [_pair_in(doc, found, only_two=False) for found in by_person]
    sentence_of = {s.start: n for n, s in enumerate(sentences)}
    text = doc_text(doc).lower()
    mentions = []
    for phrase in phrases:
        start = text.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            span = doc.char_span(start, end, alignment_mode="strict")
            start = text.find(phrase, end)
            if span is None or any(c.dep_ == "prep" and c.lower_ == "of" for c in span.root.children):
                continue
            here = sentence_of[span.sent.start]
            before = _pair_in(doc, [m for m in by_sentence[here] if m.tokens[1] <= span.start], only_two=False) \
                if kind == "Person" else None
            found = [before] if before else []
            if kind != "Person" and not by_sentence[here]:
                people = [m for m in named if m.kind == "Person" and span.sent.start <= m.tokens[0]
                          and m.tokens[1] <= span.start]
                met = _pair_in(doc, people, only_two=False)
                if met:
                    first, second = met
                    mentions.append(ActorMention(span.start_char, span.end_char, (span.start, span.end), span.text,
                                                 first, "Person", True, "pronoun", (second,)))
                    continue
            back = range(here - 1, max(-1, here - 1 - PAIR_LOOKBACK_SENTENCES), -1)
            found += [pairs[n] for n in back if pairs[n]]
            if kind != "Person" and not by_sentence[here]:
                people = next((n for n in back if people_pairs[n]), None)
                states = next((n for n in back if pairs[n]), None)
                if people is not None and (states is None or people > states):
                    first, second = people_pairs[people]
                    mentions.append(ActorMention(span.start_char, span.end_char, (span.start, span.end), span.text,
                                                 first, "Person", True, "pronoun", (second,)))
                    continue
            if found:
                first, second = found[0]
                mentions.append(ActorMention(span.start_char, span.end_char, (span.start, span.end), span.text,
                                             first, kind, True, "pronoun", (second,)))
    return mentions


def pronoun_mentions(doc: Doc, named: list[ActorMention], placing: frozenset[str] = frozenset(),
                     speech: frozenset[str] = frozenset()) -> list[ActorMention]:
    """Third-person pronouns resolved to the latest person named as a subject before them
    (possessives: see :func:`_possessor`, which also sees the pronouns resolved before); the
    subject of a speech verb ("…, he said") to the latest speaker before it, when one was the
    subject of a speech verb in its sentence or the one before ("Ushakov said Putin had warned
    Trump. The call was initiated by Moscow, he said": Ushakov)."""
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
        if antecedent is None and token.dep_ in SUBJECT_DEPS and token.head.lemma_.lower() in speech:
            antecedent = next((m for m in reversed(before) if sent_index[token.i] - sent_index[m.tokens[0]] <= 1
                               and _speaker_of(doc, m, speech)), None)
        antecedent = antecedent or _teller_of(doc, before, sent_index, token) or before[-1]
        mentions.append(ActorMention(token.idx, token.idx + len(token), (token.i, token.i + 1), token.text,
                                     antecedent.name, "Person", antecedent.known, "pronoun"))
    return mentions


def _teller_of(doc: Doc, before: list[ActorMention], sent_index: list[int], token) -> ActorMention | None:
    """"Peskov said Putin had no plans to travel. He declined to comment": a pronoun in a later
    sentence than the last subject, which is of a clause a person of that sentence reports,
    is that person (the teller is the centre of the sentence, not the one told of)."""
    last = before[-1]
    if sent_index[last.tokens[0]] == sent_index[token.i]:
        return None
    clause = doc[last.tokens[0]:last.tokens[1]].root.head
    if clause.dep_ != "ccomp":
        return None
    teller = next((m for m in before if doc[m.tokens[0]:m.tokens[1]].root.head.i == clause.head.i
                   and doc[m.tokens[0]:m.tokens[1]].root.dep_ in SUBJECT_DEPS), None)
    return teller
def _speaker_of(doc: Doc, mention: ActorMention, speech: frozenset[str]) -> bool:
    root = doc[mention.tokens[0]:mention.tokens[1]].root         # the teller, not one told of
    return root.dep_ in SUBJECT_DEPS and root.head.lemma_.lower() in speech and root.head.dep_ != "ccomp"


def full_names(mentions: list[ActorMention]) -> list[ActorMention]:
    """"Orban" after (or before) "Viktor Orban" in one article is the same person: a one-word
    name of a person the gazetteer does not know takes the one full name of the article that
    ends with it (left alone when two full names do); failing that, the one that begins with it
    ("Lee" for "Lee Jae-myung": family names come first in many languages)."""
    full: dict[str, set[str]] = {}
    first: dict[str, set[str]] = {}
    for mention in mentions:
        words = mention.name.split()
        if mention.kind == "Person" and len(words) > 1:
            full.setdefault(words[-1], set()).add(mention.name)
            first.setdefault(words[0], set()).add(mention.name)
    out = []
    for mention in mentions:
        names = full.get(mention.name) or first.get(mention.name, set())
        if not mention.known and mention.kind in ("Person", "Organization") and len(names) == 1:
            (name,) = names
            mention = replace(mention, name=name, kind="Person")
        out.append(mention)
    return out
def surname_mentions(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """"Nikol Pashinyan … Pashinyan flew to Baku": a capitalised word that is the family name of
    the one person of the article whose full name ends with it is a mention of that person,
    also where the tagger saw no name."""
    full: dict[str, set[tuple[str, bool]]] = {}
    for mention in mentions:
        words = mention.name.split()
        if mention.kind == "Person" and len(words) > 1 and mention.tokens[1] - mention.tokens[0] > 1:
            full.setdefault(words[-1], set()).add((mention.name, mention.known))
    if not full:
        return []
    taken = {i for m in mentions for i in range(*m.tokens)}
    found = []
    for token in doc:
        names = full.get(token.text)
        if names and len(names) == 1 and token.i not in taken and token.pos_ == "PROPN":
            ((name, known),) = names
            found.append(ActorMention(token.idx, token.idx + len(token), (token.i, token.i + 1), token.text,
                                      name, "Person", known, "surname"))
    return found


#: Small words an acronym leaves out ("Organization of the Petroleum Exporting Countries": OPEC).
ACRONYM_SKIPS = {"of", "the", "and", "for", "de", "la"}


def acronyms(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """"the Rapid Support Forces (RSF) … RSF drones": an acronym written in brackets after a
    name whose initials it spells is that name, wherever the article uses it."""
    long_name: dict[str, str] = {}
    for mention in mentions:
        end = mention.tokens[1]
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            short = doc[end + 1].text
            initials = "".join(w[0] for w in mention.name.replace("-", " ").split() if w.lower() not in ACRONYM_SKIPS)
            if short.isupper() and len(short) > 1 and short == initials.upper():
                long_name.setdefault(short, mention.name)
    if not long_name:
        return mentions
    return [replace(m, name=long_name[m.name], kind=next(n.kind for n in mentions if n.name == long_name[m.name]))
            if m.name in long_name and not m.known else m for m in mentions]


def institution_mentions(doc: Doc, named: list[ActorMention]) -> list[ActorMention]:
    """"The European Commission said … The commission said": "the" and the last word of the one
    organisation of two words or more named before it in the article is that organisation."""
    taken = {i for m in named for i in range(*m.tokens)}
    organisations = sorted((m for m in named if m.kind == "Organization" and len(m.name.split()) > 1),
                           key=lambda m: m.tokens[0])
    named_by_word: dict[str, set[str]] = {}
    first_of: dict[str, ActorMention] = {}
    seen = 0
    mentions = []
    for token in doc:
        while seen < len(organisations) and organisations[seen].tokens[0] < token.i:
            organisation = organisations[seen]
            named_by_word.setdefault(organisation.name.split()[-1].lower(), set()).add(organisation.name)
            first_of.setdefault(organisation.name, organisation)
            seen += 1
        noun = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if token.lower_ != "the" or noun is None or noun.i in taken or not noun.is_lower or noun.pos_ != "NOUN":
            continue
        names = named_by_word.get(noun.lower_, set())
        if len(names) == 1:
            (name,) = names
            span = doc[token.i:noun.i + 1]
            mentions.append(ActorMention(span.start_char, span.end_char, (span.start, span.end), span.text,
                                         name, "Organization", first_of[name].known, "title"))
    return mentions


def title_mentions(doc: Doc, named: list[ActorMention], titles: frozenset[str]) -> list[ActorMention]:
    """"Chancellor Olaf Scholz … The chancellor urged Russia …", "Indian Prime Minister X … the
    Indian prime minister": a title with "the" (and the adjective it was written with) and no
    name after it is the person last named with that title before it in the article. With "a"
    ("… a lawmaker said on Friday. … Lawmaker Jane Doe published the date"), it is the one
    person the article names with that title, before or after it."""
    if not titles:
        return []
    longest = max(len(t.split()) for t in titles)
    titled: list[tuple[int, str, str | None, ActorMention]] = []
    for mention in named:
        if mention.kind == "Person":
            found = _title_before(doc, mention.tokens[0], titles, longest) or _title_within(doc, mention, titles, longest)
            if found:
                titled.append((mention.tokens[0], *found, mention))
    if not titled:
        return []
    taken = {i for m in named for i in range(*m.tokens) if m.kind == "Person"}
    mentions = []
    for token in doc:
        if token.lower_ not in ("the", "a", "an") or token.i in taken:
            continue
        indefinite = token.lower_ != "the"
        modifier = doc[token.i + 1].lower_ if token.i + 1 < len(doc) and doc[token.i + 1].is_title else None
        for skip in ((1, None), (2, modifier)) if modifier else ((1, None),):
            found = _title_after(doc, token.i + skip[0], titles, longest)
            if found is None:
                continue
            title, end = found
            before = [m for i, t, mod, m in titled if t == title and (indefinite or i < token.i)
                      and (skip[1] is None or mod in (None, skip[1]))]
            if indefinite and len({m.name for m in before}) != 1:
                before = []
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


def _title_within(doc: Doc, mention: ActorMention, titles: frozenset[str], longest: int
                  ) -> tuple[str, str | None] | None:
    """The title a mention starts with ("German Chancellor Jane Roe" read as one name), after at
    most one capitalised modifier, with words of the name after it."""
    start, end = mention.tokens
    for skip in (0, 1):
        for size in range(longest, 0, -1):
            if start + skip + size < end and " ".join(t.lower_ for t in doc[start + skip:start + skip + size]) in titles:
                modifier = doc[start].lower_ if skip else None
                return " ".join(t.lower_ for t in doc[start + skip:start + skip + size]), modifier
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
