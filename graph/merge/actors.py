"""Actor resolution across articles.

Names the gazetteer knows are already canonical. Other names are merged
within the same kind only (a person never merges with a country) when one
normalised name ends with the other ("Witkoff" → "Steve Witkoff"), and the
longer name is unambiguous. Candidates are blocked by their last word.
"""

from __future__ import annotations

import re

import networkx as nx

from graph.knowledge import Knowledge

TITLES = re.compile(r"^(mr|mrs|ms|dr|sir|president|prime minister|minister|general|gen|senator|sen)\.?\s+", re.I)


def normalise(name: str) -> tuple[str, ...]:
    return tuple(TITLES.sub("", name.strip()).lower().replace(".", "").split())


def resolve_actors(actors: dict[str, tuple[str, set[str]]], knowledge: Knowledge) -> dict[str, str]:
    """{name as extracted: canonical name} for every actor name of every article."""
    mapping = {name: name for name in actors}
    unknown = sorted(n for n in actors if n not in knowledge.by_name)
    blocks: dict[tuple[str, str], list[str]] = {}
    for name in unknown:
        words = normalise(name)
        if words:
            blocks.setdefault((actors[name][0], words[-1]), []).append(name)
    graph = nx.Graph()
    for names in blocks.values():
        for short in names:
            longer = [n for n in names if n != short and len(normalise(n)) > len(normalise(short))
                      and normalise(n)[-len(normalise(short)):] == normalise(short)]
            if len({normalise(n) for n in longer}) == 1:
                graph.add_edge(short, longer[0])
    for component in nx.connected_components(graph):
        canonical = max(sorted(component), key=lambda n: len(normalise(n)))
        for name in component:
            mapping[name] = canonical
    return mapping
