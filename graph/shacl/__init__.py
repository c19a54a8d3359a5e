"""A fast SHACL checker for the SHACL Core subset that ``ontology/shapes.ttl`` uses.

pySHACL validates the merged graph correctly but slowly: it asks rdflib for
every value of every path of every focus node. This checker reads the
shapes graph once into Python objects (:func:`compile_shapes`), indexes the
data (plain triples, :mod:`graph.rdf.triples`) by subject once, and checks
every shape from those tables. It reports what pySHACL reports for the same
graph — the same focus nodes, paths, values, source shapes and messages,
nested ``sh:node`` results included — and ``tests/ontology/test_shapes.py``
holds the two to that on every broken graph.

Supported: targets (``sh:targetClass`` with ``rdfs:subClassOf`` from the data
and the ontology graph, ``sh:targetNode``, ``sh:targetObjectsOf``,
``sh:targetSubjectsOf``, implicit class targets); paths (a predicate,
``sh:inversePath``, sequences of those); the value type, cardinality, value
range, string, property pair, logical, shape-based and ``sh:in`` /
``sh:hasValue`` components; SPARQL-based constraints (``sh:sparql`` with a
``SELECT`` query). Anything else in a shape raises :class:`Unsupported`, and
the caller falls back to pySHACL.

A SPARQL constraint runs on pyoxigraph over the data, unless its query is
one this package implements natively (:data:`graph.shacl.native.NATIVE_QUERIES`, matched on
the query text), which is the case for the selector-length check of
``shapes.ttl``: loading the data into a SPARQL store costs more than the
whole rest of the check.
"""

from __future__ import annotations

from rdflib import Graph

from graph.shacl.data import Data
from graph.shacl.oxigraph_io import read_turtle
from graph.shacl.report import Result, Unsupported
from graph.shacl.model import Shape
from graph.shacl.shapes import Compiler

__all__ = ["Data", "Result", "Shape", "Unsupported", "check", "compile_shapes", "read_turtle"]


def compile_shapes(shapes) -> list[Shape]:
    """The shapes validation starts from (those with targets); raises :class:`Unsupported`.

    ``shapes`` is an rdflib graph, or the path of a Turtle file (read with pyoxigraph).
    """
    if isinstance(shapes, Graph):
        from graph.rdf.triples import plain_triples

        return Compiler(plain_triples(shapes), {p: str(n) for p, n in shapes.namespaces()}).shapes()
    return Compiler(*read_turtle(shapes)).shapes()


def check(shapes: list[Shape], data: Data) -> list[Result]:
    """Every result of every shape on ``data``, but for the focus nodes in ``data.skip`` (known to conform)."""
    results: list[Result] = []
    skip = data.skip
    for shape in shapes:
        if shape.deactivated:
            continue
        for focus in shape.focus_nodes(data):
            if focus not in skip:
                shape.validate(data, focus, results)
    return results
