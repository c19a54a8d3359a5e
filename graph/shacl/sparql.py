"""SPARQL-based constraints (``sh:sparql``): run natively when :mod:`native` knows the query, else on pyoxigraph."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.rdf.triples import Blank, Lit, Term
from graph.shacl.data import Data
from graph.shacl.literals import text_of
from graph.shacl.native import NATIVE_QUERIES, normalised
from graph.shacl.oxigraph_io import oxigraph_solutions
from graph.shacl.report import Result, Unsupported
from graph.shacl.vocabulary import SH

if TYPE_CHECKING:
    from graph.shacl.model import Shape, ShapeCompiler


class SparqlConstraint:
    """An ``sh:sparql`` constraint: each solution of its SELECT query is a result."""

    def __init__(self, compiler: ShapeCompiler, node: Term) -> None:
        query = compiler.one(node, "select")
        if type(query) is not Lit:
            raise Unsupported("a SPARQL constraint without sh:select")
        for p in compiler.spo.get(node, {}):
            if p.startswith(SH) and p[len(SH):] not in ("select", "message", "prefixes", "deactivated",
                                                        "severity"):
                raise Unsupported(f"{p} on a SPARQL constraint is not supported")
        self.query = query.lexical
        self.messages = tuple(sorted(m.lexical for m in compiler.all(node, "message") if type(m) is Lit))
        self.prefixes = compiler.prefixes
        self.native = NATIVE_QUERIES.get(normalised(self.query))
        self.use_native = True

    def solutions(self, data: Data, focus: Term) -> list[dict[str, Term]]:
        if self.native is not None and self.use_native:
            return self.native(data, focus)
        return oxigraph_solutions(data, self.query, self.prefixes, focus)

    def validate(self, data: Data, shape: Shape, focus: Term, out: list[Result]) -> None:
        for row in self.solutions(data, focus):
            messages = self.messages or shape.messages
            message = messages[0] if messages else "SPARQL constraint violated"
            message = re.sub(r"\{[?$](\w+)\}", lambda m: _text(row.get(m.group(1))), message)
            path = row.get("path")
            out.append(Result(focus, path if path is not None else shape.path_text,
                              row.get("value", focus), shape.node, "SPARQLConstraintComponent", message,
                              shape.severity))


def _text(term: Term | None) -> str:
    if term is None:
        return ""
    return text_of(term) if type(term) is not Blank else term.label
