"""pyoxigraph for the checker: reading Turtle, running a SELECT over the data, converting terms both ways."""

from __future__ import annotations

import re

from graph.rdf.triples import XSD_STRING, Blank, Lit, Term
from graph.shacl.data import Data


def read_turtle(path) -> tuple[list[tuple], dict[str, str]]:
    """The triples of a Turtle file as plain terms, and its prefixes (parsed by pyoxigraph)."""
    import pyoxigraph as ox

    parser = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
    triples = [(_from_oxigraph(q.subject), q.predicate.value, _from_oxigraph(q.object)) for q in parser]
    return triples, dict(parser.prefixes)


def oxigraph_solutions(data: Data, query: str, prefixes: dict[str, str], focus: Term) -> list[dict[str, Term]]:
    import pyoxigraph as ox

    store = data.__dict__.get("_oxigraph")
    if store is None:
        store = data.__dict__["_oxigraph"] = ox.Store()
        store.load(_ntriples(data).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    answers = store.query(query, prefixes=prefixes, substitutions={ox.Variable("this"): _to_oxigraph(focus)})
    rows = []
    for solution in answers:
        row = {}
        for variable in answers.variables:
            term = solution[variable]
            if term is not None:
                row[variable.value] = _from_oxigraph(term)
        rows.append(row)
    return rows


def _ntriples(data: Data) -> str:
    from graph.export.turtle import IRI_UNSAFE, STRING_ESCAPES, _uchar

    def term(t: Term) -> str:
        if type(t) is str:
            return "<" + IRI_UNSAFE.sub(_uchar, t) + ">"
        if type(t) is Blank:
            return "_:" + re.sub(r"[^A-Za-z0-9_]", "_", t.label)
        text = '"' + t.lexical.translate(STRING_ESCAPES) + '"'
        return text + (f"@{t.language}" if t.language else f"^^<{t.datatype}>" if t.datatype else "")

    return "".join(f"{term(s)} {term(p)} {term(o)} .\n"
                   for s, predicates in data.spo.items() for p, objects in predicates.items() for o in objects)


def _to_oxigraph(term: Term):
    import pyoxigraph as ox

    if type(term) is str:
        return ox.NamedNode(term)
    if type(term) is Blank:
        return ox.BlankNode(re.sub(r"[^A-Za-z0-9_]", "_", term.label))
    if term.language:
        return ox.Literal(term.lexical, language=term.language)
    return ox.Literal(term.lexical, datatype=ox.NamedNode(term.datatype) if term.datatype else None)


def _from_oxigraph(term) -> Term:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return Blank(term.value)
    if term.language:
        return Lit(term.value, "", term.language)
    datatype = term.datatype.value
    return Lit(term.value, "" if datatype == XSD_STRING else datatype)
