"""The ontology (ontology/timeline.ttl): parses, documents every term, covers what the build emits,
and is consistent with the seed graph under OWL RL."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

REPO = Path(__file__).resolve().parents[2]
ONTOLOGY_DIR = REPO / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "timeline.ttl"
TL = Namespace("https://w3id.org/timeline-kg/ontology#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
ONTOLOGY_IRI = URIRef("https://w3id.org/timeline-kg/ontology")
ERRNS = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")

#: Vocabularies whose terms need no declaration here (the RDF/OWL built-ins).
STANDARD = (str(RDF), str(RDFS), str(OWL), str(XSD))

DECLARATION_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                     OWL.NamedIndividual, RDF.Property, RDFS.Class, TIME.TemporalUnit)

EVENT_CLASSES = ("PhoneCall Meeting Talks Visit Agreement Ceasefire Refusal Demand Proposal Statement Order "
                 "PrisonerExchange Attack Invasion Annexation Other").split()


def _declared(ontology: Graph) -> set[URIRef]:
    return {s for t in DECLARATION_TYPES for s in ontology.subjects(RDF.type, t) if isinstance(s, URIRef)}


def _standard(term: URIRef) -> bool:
    return str(term).startswith(STANDARD)


def _owlrl_closure(*graphs: Graph) -> Graph:
    owlrl = pytest.importorskip("owlrl")
    closure = Graph()
    for graph in graphs:
        for triple in graph:
            closure.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    return closure


def _inconsistencies(closure: Graph) -> list[str]:
    errors = sorted(str(m) for m in closure.objects(None, ERRNS.error))
    errors += [f"{s} is an owl:Nothing" for s in closure.subjects(RDF.type, OWL.Nothing)]
    return errors


# --- parsing -------------------------------------------------------------------------------------


def test_parses_in_rdflib_with_ontology_header(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    version_iri = ontology.value(ONTOLOGY_IRI, OWL.versionIRI)
    assert isinstance(version_iri, URIRef) and str(version_iri).startswith(str(ONTOLOGY_IRI) + "/")
    info = ontology.value(ONTOLOGY_IRI, OWL.versionInfo)
    assert isinstance(info, Literal) and re.fullmatch(r"\d+\.\d+\.\d+", str(info))
    assert str(info) in str(version_iri)
    assert ontology.value(ONTOLOGY_IRI, RDFS.label) and ontology.value(ONTOLOGY_IRI, RDFS.comment)


def test_parses_in_pyoxigraph_to_the_same_triples(ontology):
    pyoxigraph = pytest.importorskip("pyoxigraph")
    store = pyoxigraph.Store()
    store.load(path=str(ONTOLOGY_FILE), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(ontology)
    labels = {q.object.value for q in store.quads_for_pattern(
        pyoxigraph.NamedNode(str(TL.PhoneCall)), pyoxigraph.NamedNode(str(RDFS.label)), None)}
    assert labels == {"phone call"}


def test_no_blank_nodes(ontology):
    assert not [t for t in ontology if any(isinstance(x, BNode) for x in t)]


# --- documentation -------------------------------------------------------------------------------


def test_every_term_has_label_comment_and_source(ontology):
    terms = _declared(ontology)
    assert len(terms) > 60
    missing = sorted(f"{t}: {what}" for t in terms
                     for what, prop in (("label", RDFS.label), ("comment", RDFS.comment),
                                        ("isDefinedBy", RDFS.isDefinedBy))
                     if not any(isinstance(v, Literal) and str(v).strip() if prop != RDFS.isDefinedBy
                                else isinstance(v, URIRef) for v in ontology.objects(t, prop)))
    assert not missing


def test_every_project_term_mentioned_is_declared(ontology):
    """Every tl: IRI the ontology mentions anywhere is declared in it (no typos, no dangling terms)."""
    mentioned = {x for t in ontology for x in t if isinstance(x, URIRef) and str(x).startswith(str(TL))}
    assert not sorted(mentioned - _declared(ontology))


def test_every_project_term_is_defined_by_the_ontology(ontology):
    for term in _declared(ontology):
        if str(term).startswith(str(TL)):
            assert ontology.value(term, RDFS.isDefinedBy) == ONTOLOGY_IRI, term


# --- structure the contract relies on ------------------------------------------------------------


def test_event_classes_subclass_sem_event_with_cameo_codes_of_events_toml(ontology):
    codes = {name: str(entry["cameo"]) for name, entry in
             tomllib.loads((ONTOLOGY_DIR / "events.toml").read_text(encoding="utf-8"))["class"].items()}
    assert set(codes) == set(EVENT_CLASSES)
    subclasses = {s for s in ontology.subjects(RDFS.subClassOf, SEM.Event)}
    assert subclasses == {TL[name] for name in EVENT_CLASSES}
    for name in EVENT_CLASSES:
        notations = [str(n) for n in ontology.objects(TL[name], SKOS.notation)]
        assert notations == ([codes[name]] if codes[name] else []), name


def test_mentions_and_roles(ontology):
    assert (TL.EventMention, RDFS.subClassOf, PROV.Entity) in ontology
    assert (TL.EventMention, OWL.disjointWith, SEM.Event) in ontology
    assert (TL.mentionOf, OWL.inverseOf, TL.mention) in ontology
    assert (TL.hasAgent, RDFS.subPropertyOf, SEM.hasActor) in ontology
    assert (TL.hasPatient, RDFS.subPropertyOf, SEM.hasActor) in ontology
    assert (TL.evidence, RDFS.range, OA.Annotation) in ontology
    assert (TL.granularity, RDFS.range, TIME.TemporalUnit) in ontology
    assert (TL.unitInterval, RDF.type, TIME.TemporalUnit) in ontology
    assert (TL.duration, RDFS.range, XSD.duration) in ontology
    for prop in ("about", "property", "value", "qualifier", "text", "statedIn"):
        assert ontology.value(TL[prop], RDFS.domain) == TL.Claim, prop
    for prop in ("rule", "timeExpression", "anchorDate", "anchor", "expressionStart", "expressionEnd"):
        assert ontology.value(TL[prop], RDFS.domain) == TL.DateResolution, prop


def test_granularity_units_of_the_build_are_declared(ontology):
    from graph.rdf.namespaces import GRANULARITY_UNITS

    for unit in GRANULARITY_UNITS.values():
        assert (unit, RDF.type, TIME.TemporalUnit) in ontology, unit


def test_every_tl_term_of_the_contract_is_declared(ontology):
    text = (REPO / "docs" / "contract.md").read_text(encoding="utf-8")
    named = {TL[name] for name in re.findall(r"\btl:([A-Za-z][A-Za-z0-9]*)", text)}
    # the contract's event class list is written without prefix
    named |= {TL[name] for name in EVENT_CLASSES}
    assert len(named) > 30
    assert not sorted(named - _declared(ontology))


# --- what the build emits ------------------------------------------------------------------------


def _undeclared_terms(graph: Graph, ontology: Graph) -> list[str]:
    declared = _declared(ontology)
    used = {p for p in graph.predicates()} | set(graph.objects(None, RDF.type))
    # IRIs used as values that name vocabulary terms (granularity units, claimed properties)
    used |= {o for o in graph.objects() if isinstance(o, URIRef)
             and str(o).startswith((str(TL), str(TIME), str(SEM), str(SCHEMA), str(OA), str(PROV)))}
    return sorted(str(t) for t in used if not _standard(t) and t not in declared)


def test_every_class_and_property_of_the_seed_graph_is_declared(seed_graph, ontology):
    assert len(seed_graph) > 1000
    assert not _undeclared_terms(seed_graph, ontology)


def test_every_class_and_property_of_the_article_graphs_is_declared(article_graphs, ontology):
    assert len(article_graphs) == 5
    for stem, graph in article_graphs.items():
        assert not _undeclared_terms(graph, ontology), stem


def test_undeclared_term_is_caught(seed_graph, ontology):
    """The check above can fail: a made-up property is reported."""
    graph = Graph()
    x, y = URIRef("https://w3id.org/timeline-kg/id/event/x"), URIRef("https://w3id.org/timeline-kg/id/actor/y")
    graph.add((x, TL.hasCoAgent, y))
    graph.add((x, RDF.type, TL.Event))
    graph.add((x, TL.granularity, TIME.unitFortnight))
    assert _undeclared_terms(graph, ontology) == sorted([str(TIME.unitFortnight), str(TL.Event), str(TL.hasCoAgent)])


# --- OWL RL consistency --------------------------------------------------------------------------


def test_owl_rl_closure_of_ontology_and_seed_graph_is_consistent(ontology, seed_graph):
    closure = _owlrl_closure(ontology, seed_graph)
    assert not _inconsistencies(closure)
    # and the reasoner did reason: roles entail sem:hasActor, mentions are PROV entities
    call = next(iter(seed_graph.subjects(RDF.type, TL.PhoneCall)))
    assert (call, RDF.type, SEM.Event) in closure
    mention = next(iter(seed_graph.objects(call, TL.mention)))
    assert (mention, RDF.type, PROV.Entity) in closure
    assert (mention, TL.mentionOf, call) in closure


def test_owl_rl_finds_a_mention_typed_as_an_event(ontology):
    """The consistency check can fail: a mention that is also an event contradicts the disjointness."""
    graph = Graph()
    mention = URIRef("https://w3id.org/timeline-kg/id/mention/x/1")
    graph.add((mention, RDF.type, TL.EventMention))
    graph.add((mention, RDF.type, TL.PhoneCall))
    errors = _inconsistencies(_owlrl_closure(ontology, graph))
    assert errors and "EventMention" in errors[0]


def test_owl_rl_closure_of_ontology_and_an_article_graph_is_consistent(ontology, article_graphs):
    smallest = min(article_graphs.values(), key=len)
    assert not _inconsistencies(_owlrl_closure(ontology, smallest))
