"""The namespaces of the output contract (see docs/contract.md)."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

from graph.rdf.triples import TripleGraph

TL = Namespace("https://w3id.org/timeline-kg/ontology#")
TLID = Namespace("https://w3id.org/timeline-kg/id/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES = {
    "tl": TL, "tlid": TLID, "sem": SEM, "schema": SCHEMA, "prov": PROV, "time": TIME, "oa": OA,
    "wd": WD, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "skos": SKOS, "xsd": XSD,
}

GRANULARITY_UNITS = {
    "day": TIME.unitDay, "week": TIME.unitWeek, "month": TIME.unitMonth, "year": TIME.unitYear,
    "interval": TL.unitInterval,
}
ACTOR_TYPES = {"Person": SCHEMA.Person, "Organization": SCHEMA.Organization, "Country": SCHEMA.Country}


def new_graph() -> TripleGraph:
    """An empty graph with the contract's prefixes bound (and no others).

    It is a :class:`~graph.rdf.triples.TripleGraph`: the describers add plain
    triples to it with ``put``, and it is an ordinary rdflib graph to anyone else.
    """
    return TripleGraph({prefix: str(namespace) for prefix, namespace in PREFIXES.items()})
