"""Collective nouns standing for a group named before them: "the group", "the rebels".

"The Houthis vowed to retaliate. On Sunday, the group said it had fired
missiles": "the group" is the latest organisation named in the article
within a few sentences before it, one that speaks for no state (not "the
Kremlin") and is no medium. The phrases are knowledge (``[pairs]
group_phrases`` in ``ontology/actors.toml``).
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc

from graph.extract.records import ActorMention

#: How many sentences back "the group" looks for the group it stands for.
GROUP_LOOKBACK_SENTENCES = 2


def group_mentions(doc: Doc, named: list[ActorMention], phrases: tuple[str, ...],
                   not_groups: frozenset[str] = frozenset()) -> list[ActorMention]:
    """Mentions of ``phrases`` ("the group", "the rebels") as the organisation they stand for."""
    wanted = sorted({tuple(p.lower().split()) for p in phrases}, key=len, reverse=True)
    if not wanted:
        return []
    firsts = {w[0] for w in wanted}
    groups = sorted((m for m in named if m.kind == "Organization" and m.name not in not_groups),
                    key=lambda m: m.tokens[0])
    starts = [m.tokens[0] for m in groups]
    taken = {i for m in named for i in range(*m.tokens)}
    sentence_of = {}
    for number, sentence in enumerate(doc.sents):
        for token in sentence:
            sentence_of[token.i] = number
    mentions = []
    for token in doc:
        if token.lower_ not in firsts or token.i in taken:
            continue
        words = next((w for w in wanted if tuple(t.lower_ for t in doc[token.i:token.i + len(w)]) == w
                      and not any(i in taken for i in range(token.i, token.i + len(w)))), None)
        if words is None:
            continue
        end = token.i + len(words)
        if end < len(doc) and doc[end].pos_ == "PROPN":       # "the group Amnesty International"
            continue
        before = bisect.bisect_left(starts, token.i)
        if not before:
            continue
        group = groups[before - 1]
        if sentence_of[token.i] - sentence_of[group.tokens[0]] > GROUP_LOOKBACK_SENTENCES:
            continue
        span = doc[token.i:end]
        mentions.append(ActorMention(span.start_char, span.end_char, (span.start, span.end), span.text,
                                     group.name, group.kind, group.known, "title"))
    return mentions
