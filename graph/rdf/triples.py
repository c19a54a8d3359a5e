"""Triples as plain Python values, and an rdflib graph that is filled from them only when used.

Building rdflib terms and adding them to an rdflib store costs tens of
microseconds a triple; the build makes hundreds of thousands of triples and
mostly only writes and checks them. So the build describes things with
*plain terms*:

- an IRI is a ``str`` (the IRI itself),
- a literal is a :class:`Lit` (lexical form, datatype IRI or ``""``, language or ``""``),
- a blank node is a :class:`Blank` (its label).

:class:`TripleGraph` is an ``rdflib.Graph`` that keeps such triples in a dict
by subject and predicate and puts them into its rdflib store the first time anything reads or changes
the graph through rdflib. Code that knows about plain triples
(:func:`plain_index`: the Turtle writer, the SHACL checker, the timeline
reader) reads its index directly and never pays for the rdflib store; any
other code sees an ordinary rdflib graph with the same triples.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple, Union

from rdflib import BNode, Graph, Literal, URIRef

XSD_NS = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD_NS + "string"
XSD_INTEGER = XSD_NS + "integer"
XSD_DATE = XSD_NS + "date"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class Lit(NamedTuple):
    """A literal: lexical form, datatype IRI (``""`` for a plain string) and language tag (or ``""``)."""

    lexical: str
    datatype: str = ""
    language: str = ""


class Blank(NamedTuple):
    """A blank node, by its label."""

    label: str


Term = Union[str, Lit, Blank]
Triple = tuple[str | Blank, str, Term]


def integer(value: int) -> Lit:
    return Lit(str(value), XSD_INTEGER)


def to_rdflib(term: Term):
    """The rdflib term for a plain term."""
    if type(term) is str:
        return URIRef(term)
    if type(term) is Lit:
        if term.language:
            return Literal(term.lexical, lang=term.language)
        return Literal(term.lexical, datatype=URIRef(term.datatype) if term.datatype else None)
    if type(term) is Blank:
        return BNode(term.label)
    raise TypeError(f"not a plain RDF term: {term!r}")


def from_rdflib(term) -> Term:
    """The plain term for an rdflib term (IRI, literal or blank node)."""
    kind = type(term)
    if kind is URIRef:
        return str(term)
    if kind is Literal:
        datatype, language = term.datatype, term.language
        return Lit(str(term), str(datatype) if datatype is not None else "", language or "")
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, Literal):
        return Lit(str(term), str(term.datatype) if term.datatype is not None else "", term.language or "")
    if isinstance(term, BNode):
        return Blank(str(term))
    raise TypeError(f"cannot express {type(term).__name__} {term!r} as a plain RDF term")


PLAIN = frozenset((str, Lit, Blank))


def plain(term) -> Term:
    """``term`` as a plain term: itself when it is one, converted when it is an rdflib term."""
    return term if type(term) in PLAIN else from_rdflib(term)


class TripleGraph(Graph):
    """An rdflib graph whose triples are kept as plain terms until rdflib itself is used.

    :meth:`put` adds a plain triple to an index by subject and predicate
    (:func:`plain_index`). Until the first rdflib call that touches the store
    (``add``, ``len``, iteration, ``value``, ``serialize``, …) the triples
    only live there; that call moves them into the store (once), and from
    then on the graph is an ordinary rdflib graph.
    """

    def __init__(self, prefixes: dict[str, str] | None = None) -> None:
        self._plain: Index | None = None
        self._count = 0
        self._literals: dict[Lit, Lit] = {}     # each distinct literal once, however often it is an object
        self._blanks: set[str] = set()          # the labels of the blank nodes put
        super().__init__(bind_namespaces="none")
        for prefix, namespace in (prefixes or {}).items():
            self.bind(prefix, namespace)
        self._plain = {}

    # rdflib's Graph reaches its store through the private attribute ``__store``
    # (``_Graph__store``); as a property it fills the store before any use.
    @property
    def _Graph__store(self):
        store = self.__dict__["_rdflib_store"]
        pending = self.__dict__.get("_plain")
        if pending is not None:
            self.__dict__["_plain"] = None
            for s, p, o in _flat(pending):
                store.add((to_rdflib(s), URIRef(p), to_rdflib(o)), self, quoted=False)
        return store

    @_Graph__store.setter
    def _Graph__store(self, store) -> None:
        self.__dict__["_rdflib_store"] = store

    def put(self, s: str | Blank, p: str, o: Term) -> None:
        """Add one triple of plain terms (an rdflib term is taken too, and made plain)."""
        if type(s) not in PLAIN or type(p) is not str or type(o) not in PLAIN:
            s, p, o = plain(s), plain(p), plain(o)
        index = self.__dict__.get("_plain")
        if index is None:
            self.add((to_rdflib(s), URIRef(p), to_rdflib(o)))
            return
        kind = type(o)
        if kind is Lit:
            o = self._literals.setdefault(o, o)
        elif kind is Blank:
            self._blanks.add(o.label)
        if type(s) is Blank:
            self._blanks.add(s.label)
        predicates = index.get(s)
        if predicates is None:
            index[s] = {p: (o,)}
        else:
            objects = predicates.get(p)
            if objects is None:
                predicates[p] = (o,)
            elif o in objects:
                return
            elif type(objects) is tuple:
                predicates[p] = [*objects, o]
            else:
                objects.append(o)
        self._count += 1

    @property
    def is_plain(self) -> bool:
        """True while the triples have not been moved into the rdflib store."""
        return self.__dict__.get("_plain") is not None


#: Triples by subject, then predicate: ``{s: {p: [o, …]}}``, each object once (a sequence: a
#: :class:`TripleGraph` holds a lone object in a 1-tuple, which is smaller than a list).
Index = dict


def _flat(index: Index) -> Iterator[Triple]:
    for s, predicates in index.items():
        for p, objects in predicates.items():
            for o in objects:
                yield s, p, o


def plain_index(graph: Graph) -> Index:
    """The graph's triples as an :data:`Index` of plain terms. Read it, never change it: for a
    :class:`TripleGraph` not yet used through rdflib it is the graph's own index."""
    if isinstance(graph, TripleGraph) and graph.is_plain:
        return graph.__dict__["_plain"]
    index: Index = {}
    for s, p, o in _converted(graph):
        index.setdefault(s, {}).setdefault(p, []).append(o)
    return index


def plain_triples(graph: Graph) -> Iterable[Triple]:
    """Every triple of ``graph`` as plain terms."""
    if isinstance(graph, TripleGraph) and graph.is_plain:
        return _flat(graph.__dict__["_plain"])
    return _converted(graph)


def _converted(graph: Graph) -> Iterator[Triple]:
    for s, p, o in graph:
        yield from_rdflib(s), str(p), from_rdflib(o)


def blank_labels(graph: Graph) -> set[str] | None:
    """The labels of every blank node of a :class:`TripleGraph` not yet used through rdflib (read,
    never change), or None for any other graph."""
    if isinstance(graph, TripleGraph) and graph.is_plain:
        return graph.__dict__["_blanks"]
    return None


def triple_count(graph: Graph) -> int:
    if isinstance(graph, TripleGraph) and graph.is_plain:
        return graph._count
    return len(graph)
