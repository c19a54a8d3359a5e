"""RDF: the contract's namespaces, IRIs, and the per-article graphs."""

from graph.rdf.article import article_graph
from graph.rdf.namespaces import OA, PREFIXES, SCHEMA, SEM, TL, TLID, new_graph

__all__ = ["article_graph", "new_graph", "OA", "PREFIXES", "SCHEMA", "SEM", "TL", "TLID"]
