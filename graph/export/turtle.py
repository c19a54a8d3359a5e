"""Turtle files that are byte-identical for the same graph.

rdflib's Turtle serializer already sorts subjects and predicates; the graph
holds no blank nodes (every node has a content-derived IRI), so the text
depends only on the triples. The file is written atomically.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from graph.export.atomic import write_bytes_atomic


def to_turtle(graph: Graph) -> bytes:
    """The graph as Turtle (UTF-8)."""
    return graph.serialize(format="turtle", encoding="utf-8")


def write_turtle(graph: Graph, path: Path) -> int:
    """Write the graph to ``path`` atomically; returns the number of triples."""
    write_bytes_atomic(path, to_turtle(graph))
    return len(graph)
