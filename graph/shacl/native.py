"""SPARQL constraints implemented in Python, matched on their query text: the selector-length check."""

from __future__ import annotations

from collections.abc import Callable

from graph.rdf.triples import RDF_LANG_STRING, XSD_NS, XSD_STRING, Lit, Term
from graph.shacl.data import Data
from graph.shacl.literals import well_formed
from graph.shacl.vocabulary import RDF_TYPE


def normalised(query: str) -> str:
    return " ".join(query.split())


def _selector_lengths(data: Data, focus: Term) -> list[dict[str, Term]]:
    """Native form of the selector-length query of shapes.ttl: selectors whose quote length differs from end - start."""
    oa = "http://www.w3.org/ns/oa#"
    rows = []
    for value in data.instances(oa + "TextPositionSelector"):
        types = data.objects(value, RDF_TYPE)
        if oa + "TextPositionSelector" not in types or oa + "TextQuoteSelector" not in types:
            continue
        for start in data.objects(value, oa + "start"):
            for end in data.objects(value, oa + "end"):
                span = _difference(end, start)
                if span is None:
                    continue
                for exact in data.objects(value, oa + "exact"):
                    if type(exact) is not Lit or exact.datatype not in ("", XSD_STRING, RDF_LANG_STRING):
                        continue
                    length = len(exact.lexical)
                    if length != span[0]:
                        rows.append({"this": focus, "value": value,
                                     "length": Lit(str(length), XSD_NS + "integer"),
                                     "span": Lit(str(span[0]), span[1])})
    return rows


def _difference(end: Term, start: Term) -> tuple[object, str] | None:
    """``end - start`` as SPARQL computes it for two integers (value, datatype), else None."""
    integer = XSD_NS + "integer"
    if (type(end) is Lit and type(start) is Lit and end.datatype == integer == start.datatype
            and well_formed(end) and well_formed(start)):
        return int(end.lexical) - int(start.lexical), integer
    return None


#: SPARQL queries implemented in Python, by their text (whitespace-normalised).
NATIVE_QUERIES: dict[str, Callable[[Data, Term], list[dict[str, Term]]]] = {
    normalised("""
        SELECT $this ?value ?length ?span
        WHERE {
            ?value a oa:TextPositionSelector , oa:TextQuoteSelector ;
                   oa:start ?start ; oa:end ?end ; oa:exact ?exact .
            BIND (STRLEN(?exact) AS ?length)
            BIND (?end - ?start AS ?span)
            FILTER (?length != ?span)
        }"""): _selector_lengths,
}
