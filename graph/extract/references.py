"""Pronouns standing for actors named elsewhere in the article.

A pronoun resolves to the latest person in subject position, a possessive
one ("his") to the nearest person that is an argument of a clause above it
in the same sentence ("spoke to Trump about his call with Putin"); "their"
and "they" to the actors named together above them; "it" in a report to the
state or body reporting ("the ministry said it had …"). Pairs ("the two
leaders") are in :mod:`.pairs`, names and titles ("the chancellor", a
surname) in :mod:`.names`. :func:`graph.extract.actors.find_actor_mentions`
runs them after the names themselves are found.
"""

from __future__ import annotations


from spacy.tokens import Doc

from graph.extract.records import ActorMention

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


def mention_root(doc: Doc, mention: ActorMention):
    """The parse root of the words of a mention."""
    return doc[mention.tokens[0]:mention.tokens[1]].root


def _branch_tokens(child) -> range:
    return range(child.left_edge.i, child.right_edge.i + 1)
def _possessor(token, people: list[ActorMention], placing: frozenset[str] = frozenset()) -> ActorMention | None:
    """The antecedent of a possessive pronoun: the nearest person before it who is an
    argument of a clause above it (Hobbs-style: climb, look left, nearest first).

    Under a preposition that places the clause in time ("he spoke with Zelenskyy
    after his call with Putin") it is the clause's subject: the subject's own
    earlier or later doing; so too when that phrase opens the sentence, before the
    subject is named ("Before his call with Lula, Modi said …").
    """
    node, placed = token, None
    before = [m for m in people if m.tokens[1] <= token.i]
    while node.head.i != node.i:
        branch, node = node, node.head
        if placed is None and branch.dep_ == "prep" and branch.lower_ in placing:
            placed = branch
        if node.pos_ not in ("VERB", "AUX"):
            continue
        if placed is not None:
            subjects = [_branch_tokens(c) for c in node.children if c.dep_ in SUBJECT_DEPS]
            found = [m for m in before if any(m.tokens[0] in r for r in subjects)]
            if found:
                return max(found, key=lambda m: m.tokens[0])
            after = [m for m in people if m.tokens[0] > token.i and any(m.tokens[0] in r for r in subjects)]
            if after and placed.i < node.i and placed.right_edge.i < after[0].tokens[0]:
                return min(after, key=lambda m: m.tokens[0])
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
            people = [m for m in inside if m.kind == "Person"]
            if len({m.name for m in people}) >= 2:      # "Trump welcomed Netanyahu to the White House …
                inside = people                          # their second meeting": the two people
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
    roots = {m.tokens: mention_root(token.doc, m) for m in named if before.start <= m.tokens[0] < before.end}
    group = [m for m in named if m.kind != "Place" and m.tokens in roots
             and (roots[m.tokens].dep_ in SUBJECT_DEPS
                  or (roots[m.tokens].dep_ == "conj" and roots[m.tokens].head.dep_ in SUBJECT_DEPS))]
    return list({m.name: m for m in group}.values()) if len({n for m in group for n in m.names}) >= 2 else []


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
            names = list(dict.fromkeys(n for m in owners for n in m.names))     # "the two leaders … they"
            mentions.append(ActorMention(token.idx, token.idx + len(token), (token.i, token.i + 1), token.text,
                                         first.name, first.kind, first.known, "pronoun", tuple(names[1:])))
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
