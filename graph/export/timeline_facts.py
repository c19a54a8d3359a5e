"""The triples of the merged graph the timeline page needs, read in bulk into :class:`Facts`.

Each predicate the page needs is collected in one pass over its triples, so
:mod:`timeline_view` assembles events from tables, and the time grows with the
number of triples and not with the number of lookups. The vocabulary is kept
as plain IRI strings.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from rdflib import Graph, URIRef

from graph.rdf.triples import Blank, Lit, Term, TripleGraph, from_rdflib, plain_index


class _Vocabulary:
    """A namespace whose terms are plain IRI strings (``TL.mention``, ``TL["PhoneCall"]``)."""

    def __init__(self, base: str) -> None:
        self.base = base

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        return self.base + name

    def __getitem__(self, name: str) -> str:
        return self.base + name


TL = _Vocabulary("https://w3id.org/timeline-kg/ontology#")
SEM = _Vocabulary("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = _Vocabulary("http://www.w3.org/ns/prov#")
SCHEMA = _Vocabulary("https://schema.org/")
TIME = _Vocabulary("http://www.w3.org/2006/time#")
OA = _Vocabulary("http://www.w3.org/ns/oa#")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
Node = Term
GRANULARITIES: dict[Node, str] = {
    TIME.unitDay: "day", TIME.unitWeek: "week", TIME.unitMonth: "month", TIME.unitYear: "year",
    TL.unitInterval: "interval",
}
LABEL, NAME = RDFS_LABEL, SCHEMA.name
BEGIN, END, STAMP, GRANULARITY, PLACE = (
    SEM.hasBeginTimeStamp, SEM.hasEndTimeStamp, SEM.hasTimeStamp, TL.granularity, SEM.hasPlace)
ACTOR_PREDICATES = (SEM.hasActor, TL.hasAgent, TL.hasPatient)
DERIVED_FROM, ATTRIBUTED_TO, MENTION, MERGE_NOTE = (
    PROV.wasDerivedFrom, PROV.wasAttributedTo, TL.mention, TL.mergeNote)
TRIGGER, EVIDENCE, RESOLUTION, EXPRESSION, RULE = (
    TL.trigger, TL.evidence, TL.dateResolution, TL.timeExpression, TL.rule)
TARGET, SOURCE, SELECTOR, START, STOP, EXACT = (
    OA.hasTarget, OA.hasSource, OA.hasSelector, OA.start, OA.end, OA.exact)
ABOUT, PROPERTY, VALUE, QUALIFIER, TEXT = TL.about, TL.property, TL.value, TL.qualifier, TL.text
IDENTIFIER, PUBLISHER, PUBLISHED, HEADLINE, URL = (
    SCHEMA.identifier, SCHEMA.publisher, SCHEMA.datePublished, SCHEMA.headline, SCHEMA.url)
PREDICATES = (
    LABEL, NAME, BEGIN, END, STAMP, GRANULARITY, PLACE, *ACTOR_PREDICATES, DERIVED_FROM, ATTRIBUTED_TO, MENTION,
    MERGE_NOTE, TRIGGER, EVIDENCE, RESOLUTION, EXPRESSION, RULE, TARGET, SOURCE, SELECTOR, START, STOP, EXACT,
    ABOUT, PROPERTY, VALUE, QUALIFIER, TEXT, IDENTIFIER, PUBLISHER, PUBLISHED, HEADLINE, URL,
)
ACTOR_KINDS = ("Person", "Country", "Organization")


def text_of(term: Node | None) -> str:
    """What the term says as text: an IRI, a literal's lexical form, a blank node's label."""
    if type(term) is str:
        return term
    if type(term) is Lit:
        return term.lexical
    if type(term) is Blank:
        return term.label
    return str(term)


def local_name(term: Node) -> str:
    """The last path or fragment segment of an IRI."""
    text = text_of(term)
    return re.split(r"[#/]", text.rstrip("/#"))[-1] or text


class Facts:
    """The objects of every predicate the page needs, by subject, each read in one pass (sequences to
    read, never change: those of a plain graph are its own)."""

    def __init__(self, graph: Graph) -> None:
        self.by: dict[str, dict[Node, Sequence[Node]]] = {predicate: defaultdict(list) for predicate in PREDICATES}
        self.types: dict[Node, set[Node]] = defaultdict(set)
        self.parents: dict[Node, list[Node]] = defaultdict(list)
        by = self.by
        if isinstance(graph, TripleGraph) and graph.is_plain:
            for subject, predicates in plain_index(graph).items():
                for predicate, objects in predicates.items():
                    table = by.get(predicate)
                    if table is not None:   # each subject once in the index: its objects, shared, not copied
                        table[subject] = objects
                    elif predicate == RDF_TYPE:
                        for obj in objects:
                            self.types[obj].add(subject)
                    elif predicate == SUBCLASS_OF:
                        for obj in objects:
                            self.parents[obj].append(subject)
            return
        # any other rdflib graph: read only the predicates the page needs
        for predicate, table in by.items():
            for subject, obj in graph.subject_objects(URIRef(predicate)):
                table[from_rdflib(subject)].append(from_rdflib(obj))
        for subject, obj in graph.subject_objects(URIRef(RDF_TYPE)):
            self.types[from_rdflib(obj)].add(from_rdflib(subject))
        for subject, obj in graph.subject_objects(URIRef(SUBCLASS_OF)):
            self.parents[from_rdflib(obj)].append(from_rdflib(subject))

    def typed(self, cls: Node) -> set[Node]:
        """The subjects with ``rdf:type cls``."""
        return set(self.types.get(cls, ()))

    def subclasses(self, cls: Node) -> list[Node]:
        """``cls`` and every class that is a (transitive) rdfs:subClassOf it."""
        found, todo = [cls], [cls]
        seen = {cls}
        while todo:
            for child in self.parents.get(todo.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    found.append(child)
                    todo.append(child)
        return found

    def all(self, subject: Node, predicate: Node) -> Sequence[Node]:
        """Every object of ``subject predicate``."""
        return self.by[predicate].get(subject, [])

    def one(self, subject: Node | None, predicate: Node) -> Node | None:
        """The first object by string order, or None."""
        values = self.by[predicate].get(subject) if subject is not None else None
        if not values:
            return None
        return values[0] if len(values) == 1 else min(values, key=text_of)

    def text(self, subject: Node | None, predicate: Node) -> str:
        """The first literal object by string order, or ``""``."""
        values = self.by[predicate].get(subject) if subject is not None else None
        if not values:
            return ""
        if len(values) == 1:
            return values[0].lexical if type(values[0]) is Lit else ""
        return min((v.lexical for v in values if type(v) is Lit), default="")

    def label(self, subject: Node) -> str:
        """``rdfs:label``, else ``schema:name``, else the IRI's last segment."""
        return self.text(subject, LABEL) or self.text(subject, NAME) or local_name(subject)
