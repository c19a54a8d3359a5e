"""References to actors by name and title: surnames, full names, acronyms, institutions, titles.

A surname resolves to the one full name of the article that ends with it
("Orban" … "Viktor Orban"); an acronym in brackets to the name before it;
"the commission" to the one organisation named with that last word; "the
chancellor" to the person last named with that title.
:func:`graph.extract.actors.find_actor_mentions` runs them after the names
themselves are found.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from graph.extract.records import ActorMention


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
