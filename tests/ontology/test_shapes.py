"""The SHACL shapes (ontology/shapes.ttl) and graph.builder.validate: the seed build conforms, and for every
shape a small graph that breaks it is reported naming that shape and path."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SH, SKOS, TIME, XSD

from graph.errors import ValidationError
from graph.builder.validate import check, validate, validate_beside

REPO = Path(__file__).resolve().parents[2]
SHAPES_FILE = REPO / "ontology" / "shapes.ttl"
ONTOLOGY_FILE = REPO / "ontology" / "timeline.ttl"

TL = Namespace("https://w3id.org/timeline-kg/ontology#")
TLID = Namespace("https://w3id.org/timeline-kg/id/")
TLSH = Namespace("https://w3id.org/timeline-kg/shapes#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")

ARTICLE, OTHER_ARTICLE = TLID["article/a"], TLID["article/b"]
TRUMP, PUTIN, KREMLIN, RUSSIA = (TLID[f"actor/{n}"] for n in ("donald-trump", "vladimir-putin", "the-kremlin",
                                                               "russia"))
PLACE = TLID["place/saudi-arabia"]
CALL, STATEMENT = TLID["event/phonecall-2025-03-18-x"], TLID["event/statement-undated-y"]
M1, M2 = TLID["mention/a/1"], TLID["mention/a/2"]
DATE = TLID["mention/a/1/date"]
CLAIM = TLID["claim/c"]

#: Helper shapes only used inside sh:xone of tlsh:EventDatingShape; their failures are reported there.
NESTED_ONLY = {TLSH.DatedEvent, TLSH.UndatedEvent}

VALID = """
@prefix tl: <https://w3id.org/timeline-kg/ontology#> .
@prefix tlid: <https://w3id.org/timeline-kg/id/> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

tlid:article/a a schema:NewsArticle ;
    schema:identifier "a" ;
    schema:datePublished "2025-03-18"^^xsd:date ;
    schema:publisher tlid:outlet/o ;
    schema:headline "Trump and Putin speak" ;
    schema:url <https://example.org/a> .
tlid:article/b a schema:NewsArticle ; schema:identifier "b" .
tlid:outlet/o a schema:Organization ; rdfs:label "Outlet" .

tlid:actor/donald-trump a sem:Actor , schema:Person ;
    rdfs:label "Donald Trump" ; skos:altLabel "Trump" , "the US president" ; owl:sameAs wd:Q22686 .
tlid:actor/vladimir-putin a sem:Actor , schema:Person ;
    rdfs:label "Vladimir Putin" ; skos:altLabel "Putin" ; owl:sameAs wd:Q7747 .
tlid:actor/the-kremlin a sem:Actor , schema:Organization ;
    rdfs:label "the Kremlin" ; tl:speaksFor tlid:actor/russia .
tlid:actor/russia a sem:Actor , schema:Country ; rdfs:label "Russia" .
tlid:place/saudi-arabia a sem:Place ; rdfs:label "Saudi Arabia" .

tlid:event/phonecall-2025-03-18-x a tl:PhoneCall ;
    rdfs:label "PhoneCall: Donald Trump, Vladimir Putin (2025-03-18)" ;
    sem:hasBeginTimeStamp "2025-03-18"^^xsd:date ;
    sem:hasEndTimeStamp "2025-03-18"^^xsd:date ;
    sem:hasTimeStamp "2025-03-18"^^xsd:date ;
    tl:granularity time:unitDay ;
    sem:hasActor tlid:actor/donald-trump , tlid:actor/vladimir-putin ;
    tl:hasAgent tlid:actor/donald-trump ;
    tl:hasPatient tlid:actor/vladimir-putin ;
    sem:hasPlace tlid:place/saudi-arabia ;
    prov:wasDerivedFrom tlid:article/a ;
    tl:mergeNote "one mention" ;
    tl:mention tlid:mention/a/1 .

tlid:event/statement-undated-y a tl:Statement ;
    rdfs:label "Statement: Donald Trump" ;
    sem:hasActor tlid:actor/donald-trump ;
    tl:hasAgent tlid:actor/donald-trump ;
    prov:wasDerivedFrom tlid:article/a ;
    tl:mention tlid:mention/a/2 .

tlid:mention/a/1 a tl:EventMention ;
    tl:mentionOf tlid:event/phonecall-2025-03-18-x ;
    prov:wasDerivedFrom tlid:article/a ;
    prov:wasAttributedTo tlid:actor/the-kremlin ;
    tl:trigger "called" ;
    tl:evidence tlid:mention/a/1/evidence ;
    tl:dateResolution tlid:mention/a/1/date .
tlid:mention/a/1/evidence a oa:Annotation ; oa:hasTarget tlid:mention/a/1/target .
tlid:mention/a/1/target a oa:SpecificResource ;
    oa:hasSource tlid:article/a ;
    oa:hasSelector tlid:mention/a/1/sentence , tlid:mention/a/1/trigger-span .
tlid:mention/a/1/sentence a oa:TextPositionSelector , oa:TextQuoteSelector ;
    oa:start 0 ; oa:end 29 ; oa:exact "Trump called Putin on Tuesday" .
tlid:mention/a/1/trigger-span a oa:TextPositionSelector , oa:TextQuoteSelector ;
    oa:start 6 ; oa:end 12 ; oa:exact "called" .
tlid:mention/a/1/date a tl:DateResolution ;
    tl:rule "weekday-past" ;
    tl:granularity time:unitDay ;
    tl:timeExpression "on Tuesday" ;
    tl:expressionStart 19 ;
    tl:expressionEnd 29 ;
    tl:anchorDate "2025-03-18"^^xsd:date ;
    tl:anchor tlid:article/a .

tlid:mention/a/2 a tl:EventMention ;
    tl:mentionOf tlid:event/statement-undated-y ;
    prov:wasDerivedFrom tlid:article/a ;
    tl:trigger "said" ;
    tl:evidence tlid:mention/a/2/evidence .
tlid:mention/a/2/evidence a oa:Annotation ; oa:hasTarget tlid:mention/a/2/target .
tlid:mention/a/2/target a oa:SpecificResource ;
    oa:hasSource tlid:article/a ;
    oa:hasSelector tlid:mention/a/2/sentence .
tlid:mention/a/2/sentence a oa:TextPositionSelector , oa:TextQuoteSelector ;
    oa:start 30 ; oa:end 45 ; oa:exact "Trump said so.\\n" .

tlid:claim/c a tl:Claim ;
    tl:about tlid:event/phonecall-2025-03-18-x ;
    tl:property tl:duration ;
    tl:value "PT1H30M"^^xsd:duration ;
    tl:qualifier "about" ;
    tl:text "90-minute" ;
    prov:wasDerivedFrom tlid:article/a ;
    tl:statedIn tlid:mention/a/1 ;
    prov:wasAttributedTo tlid:actor/the-kremlin .
"""


def _valid() -> Graph:
    # prefixed names cannot hold "/": write tlid:article/a as a full IRI
    text = re.sub(r"tlid:([\w/-]+)", lambda m: f"<{TLID}{m.group(1)}>", VALID)
    return Graph().parse(data=text, format="turtle")


# --- mutations -----------------------------------------------------------------------------------

def drop(s, p) -> Callable[[Graph], None]:
    return lambda g: g.remove((s, p, None))


def add(s, p, o) -> Callable[[Graph], None]:
    return lambda g: g.add((s, p, o))


def put(s, p, o) -> Callable[[Graph], None]:
    """Replace every value of s p by o."""
    def run(g: Graph) -> None:
        g.remove((s, p, None))
        g.add((s, p, o))
    return run


def both(*steps) -> Callable[[Graph], None]:
    def run(g: Graph) -> None:
        for step in steps:
            step(g)
    return run


def sel(mention, part):
    return TLID[f"mention/a/{mention}/{part}"]


# (case id, mutation, shape that must report it, result path or None for a node-level constraint)
CASES = [
    # events
    ("event-without-label", drop(CALL, RDFS.label), "EventLabel", RDFS.label),
    ("event-with-two-labels", add(CALL, RDFS.label, Literal("another")), "EventLabel", RDFS.label),
    ("event-label-with-language", put(CALL, RDFS.label, Literal("Anruf", lang="de")), "EventLabel", RDFS.label),
    ("event-without-article", drop(CALL, PROV.wasDerivedFrom), "EventSource", PROV.wasDerivedFrom),
    ("event-derived-from-actor", put(CALL, PROV.wasDerivedFrom, TRUMP), "EventSource", PROV.wasDerivedFrom),
    ("event-without-mention", both(drop(STATEMENT, TL.mention), drop(M2, TL.mentionOf)), "EventMentions",
     TL.mention),
    ("event-mention-not-a-mention", add(CALL, TL.mention, TRUMP), "EventMentions", TL.mention),
    ("mention-and-mentionOf-disagree", add(CALL, TL.mention, M2), "EventMentionsInverse", None),
    ("begin-not-a-date", put(CALL, SEM.hasBeginTimeStamp, Literal("2025-03-18")), "EventBegin",
     SEM.hasBeginTimeStamp),
    ("two-begins", add(CALL, SEM.hasBeginTimeStamp, Literal("2025-03-17", datatype=XSD.date)), "EventBegin",
     SEM.hasBeginTimeStamp),
    ("begin-after-end", put(CALL, SEM.hasBeginTimeStamp, Literal("2025-03-19", datatype=XSD.date)), "EventBegin",
     SEM.hasBeginTimeStamp),
    ("end-not-a-date", put(CALL, SEM.hasEndTimeStamp, Literal("2025", datatype=XSD.gYear)), "EventEnd",
     SEM.hasEndTimeStamp),
    ("two-ends", add(CALL, SEM.hasEndTimeStamp, Literal("2025-03-20", datatype=XSD.date)), "EventEnd",
     SEM.hasEndTimeStamp),
    ("time-stamp-a-string", put(CALL, SEM.hasTimeStamp, Literal("18 March")), "EventTimeStamp", SEM.hasTimeStamp),
    ("granularity-not-in-list", put(CALL, TL.granularity, TIME.unitHour), "EventGranularity", TL.granularity),
    ("begin-without-end", drop(CALL, SEM.hasEndTimeStamp), "EventDatingShape", None),
    ("dated-without-granularity", drop(CALL, TL.granularity), "EventDatingShape", None),
    ("undated-with-time-stamp", add(STATEMENT, SEM.hasTimeStamp, Literal("2025-03", datatype=XSD.gYearMonth)),
     "EventDatingShape", None),
    ("actor-not-an-actor", add(CALL, SEM.hasActor, PLACE), "EventActor", SEM.hasActor),
    ("agent-not-an-actor", add(CALL, TL.hasAgent, PLACE), "EventAgent", TL.hasAgent),
    ("patient-not-an-actor", add(CALL, TL.hasPatient, PLACE), "EventPatient", TL.hasPatient),
    ("place-not-a-place", add(CALL, SEM.hasPlace, TRUMP), "EventPlace", SEM.hasPlace),
    ("merge-note-not-a-string", add(CALL, TL.mergeNote, Literal(3)), "EventMergeNote", TL.mergeNote),
    ("sub-event-of-an-actor", add(CALL, SEM.subEventOf, TRUMP), "EventSubEventOf", SEM.subEventOf),
    # mentions and evidence
    ("mention-typed-as-event", add(M1, RDF.type, TL.PhoneCall), "MentionShape", None),
    ("mention-of-nothing", both(drop(M2, TL.mentionOf)), "MentionOf", TL.mentionOf),
    ("mention-of-two-events", add(M1, TL.mentionOf, STATEMENT), "MentionOf", TL.mentionOf),
    ("mention-without-article", drop(M2, PROV.wasDerivedFrom), "MentionSource", PROV.wasDerivedFrom),
    ("mention-in-two-articles", add(M2, PROV.wasDerivedFrom, OTHER_ARTICLE), "MentionSource",
     PROV.wasDerivedFrom),
    ("mention-without-trigger", drop(M1, TL.trigger), "MentionTrigger", TL.trigger),
    ("mention-empty-trigger", put(M1, TL.trigger, Literal("")), "MentionTrigger", TL.trigger),
    ("mention-without-evidence", drop(M2, TL.evidence), "MentionEvidence", TL.evidence),
    ("evidence-not-an-annotation", put(M2, TL.evidence, sel(2, "target")), "MentionEvidence", TL.evidence),
    ("evidence-in-another-article", put(sel(1, "target"), OA.hasSource, OTHER_ARTICLE), "MentionEvidenceSource",
     None),
    ("two-date-resolutions", add(M1, TL.dateResolution, TLID["mention/a/2/date"]), "MentionDateResolution",
     TL.dateResolution),
    ("speaker-not-an-actor", put(M1, PROV.wasAttributedTo, TLID["actor/downing-street"]), "MentionSpeaker",
     PROV.wasAttributedTo),
    ("annotation-without-target", drop(sel(1, "evidence"), OA.hasTarget), "EvidenceTarget", OA.hasTarget),
    ("target-not-specific-resource", lambda g: g.remove((sel(2, "target"), RDF.type, OA.SpecificResource)),
     "TargetShape", None),
    ("target-without-source", drop(sel(2, "target"), OA.hasSource), "TargetSource", OA.hasSource),
    ("target-source-not-article", put(sel(2, "target"), OA.hasSource, TRUMP), "TargetSource", OA.hasSource),
    ("target-without-position-selector", lambda g: g.remove((sel(2, "sentence"), RDF.type,
                                                            OA.TextPositionSelector)),
     "TargetSelector", OA.hasSelector),
    ("selector-start-a-string", put(sel(1, "trigger-span"), OA.start, Literal("6")), "SelectorStart", OA.start),
    ("selector-start-negative", put(sel(1, "trigger-span"), OA.start, Literal(-1)), "SelectorStart", OA.start),
    ("selector-start-after-end", put(sel(1, "trigger-span"), OA.start, Literal(13)), "SelectorStart", OA.start),
    ("selector-without-end", drop(sel(1, "trigger-span"), OA.end), "SelectorEnd", OA.end),
    ("selector-end-a-decimal", put(sel(1, "trigger-span"), OA.end, Literal("12.0", datatype=XSD.decimal)),
     "SelectorEnd", OA.end),
    ("selector-without-exact", drop(sel(1, "trigger-span"), OA.exact), "SelectorExact", OA.exact),
    ("selector-exact-with-language", put(sel(1, "trigger-span"), OA.exact, Literal("called", lang="en")),
     "SelectorExact", OA.exact),
    ("selector-exact-wrong-length", put(sel(1, "trigger-span"), OA.exact, Literal("calls")), "SelectorLengthShape",
     None),
    # date resolution
    ("resolution-neither-expression-nor-anchor", both(drop(DATE, TL.timeExpression), drop(DATE, TL.anchor)),
     "DateResolutionShape", None),
    ("resolution-without-rule", drop(DATE, TL.rule), "ResolutionRule", TL.rule),
    ("resolution-without-granularity", drop(DATE, TL.granularity), "ResolutionGranularity", TL.granularity),
    ("resolution-granularity-not-in-list", put(DATE, TL.granularity, TIME.unitSecond), "ResolutionGranularity",
     TL.granularity),
    ("resolution-two-expressions", add(DATE, TL.timeExpression, Literal("Tuesday")), "ResolutionExpression",
     TL.timeExpression),
    ("resolution-start-after-end", put(DATE, TL.expressionStart, Literal(30)), "ResolutionExpressionStart",
     TL.expressionStart),
    ("resolution-end-a-string", put(DATE, TL.expressionEnd, Literal("29")), "ResolutionExpressionEnd",
     TL.expressionEnd),
    ("resolution-anchor-date-a-datetime", put(DATE, TL.anchorDate, Literal("2025-03-18T00:00:00",
                                                                          datatype=XSD.dateTime)),
     "ResolutionAnchorDate", TL.anchorDate),
    ("resolution-anchor-an-actor", put(DATE, TL.anchor, TRUMP), "ResolutionAnchor", TL.anchor),
    # actors, places, articles
    ("actor-of-no-kind", lambda g: g.remove((TRUMP, RDF.type, SCHEMA.Person)), "ActorShape", None),
    ("actor-without-label", drop(PUTIN, RDFS.label), "ActorLabel", RDFS.label),
    ("actor-with-two-labels", add(PUTIN, RDFS.label, Literal("Putin")), "ActorLabel", RDFS.label),
    ("actor-alt-label-an-iri", add(PUTIN, SKOS.altLabel, WD.Q7747), "ActorAltLabel", SKOS.altLabel),
    ("actor-same-as-not-wikidata", put(PUTIN, OWL.sameAs, URIRef("http://dbpedia.org/resource/Vladimir_Putin")),
     "ActorSameAs", OWL.sameAs),
    ("actor-speaks-for-a-place", put(KREMLIN, TL.speaksFor, PLACE), "ActorSpeaksFor", TL.speaksFor),
    ("place-without-label", drop(PLACE, RDFS.label), "PlaceLabel", RDFS.label),
    ("article-without-identifier", drop(OTHER_ARTICLE, SCHEMA.identifier), "ArticleIdentifier",
     SCHEMA.identifier),
    ("article-date-a-string", put(ARTICLE, SCHEMA.datePublished, Literal("18 March 2025")), "ArticleDate",
     SCHEMA.datePublished),
    ("article-two-dates", add(ARTICLE, SCHEMA.datePublished, Literal("2025-03-19", datatype=XSD.date)),
     "ArticleDate", SCHEMA.datePublished),
    ("article-publisher-a-person", put(ARTICLE, SCHEMA.publisher, TRUMP), "ArticlePublisher", SCHEMA.publisher),
    ("article-two-headlines", add(ARTICLE, SCHEMA.headline, Literal("Another")), "ArticleHeadline",
     SCHEMA.headline),
    ("article-url-a-literal", put(ARTICLE, SCHEMA.url, Literal("https://example.org/a")), "ArticleUrl",
     SCHEMA.url),
    # claims
    ("duration-claim-not-a-duration", put(CLAIM, TL.value, Literal("90 minutes")), "ClaimShape", None),
    ("claim-about-nothing", drop(CLAIM, TL.about), "ClaimAbout", TL.about),
    ("claim-about-an-actor", put(CLAIM, TL.about, TRUMP), "ClaimAbout", TL.about),
    ("claim-without-property", drop(CLAIM, TL.property), "ClaimProperty", TL.property),
    ("claim-without-value", drop(CLAIM, TL.value), "ClaimValue", TL.value),
    ("claim-value-an-iri", put(CLAIM, TL.value, TLID["duration/x"]), "ClaimValue", TL.value),
    ("claim-without-article", drop(CLAIM, PROV.wasDerivedFrom), "ClaimSource", PROV.wasDerivedFrom),
    ("claim-stated-in-an-event", put(CLAIM, TL.statedIn, CALL), "ClaimStatedIn", TL.statedIn),
    ("claim-two-qualifiers", add(CLAIM, TL.qualifier, Literal("over")), "ClaimQualifier", TL.qualifier),
    ("claim-text-a-number", put(CLAIM, TL.text, Literal(90)), "ClaimText", TL.text),
    ("claim-attributed-to-a-place", put(CLAIM, PROV.wasAttributedTo, PLACE), "ClaimSpeaker",
     PROV.wasAttributedTo),
]


def _results(graph: Graph):
    conforms, found, _seconds = check(graph, SHAPES_FILE, ontology=ONTOLOGY_FILE)
    return conforms, found


def _short(iri: URIRef) -> str:
    from graph.builder.validate import _short as short
    return short(iri, Graph())


# --- the valid graphs ----------------------------------------------------------------------------


def test_hand_made_valid_graph_conforms():
    conforms, found = _results(_valid())
    assert conforms, "\n".join(map(str, found))


def test_seed_build_conforms(seed_graph):
    conforms, found = _results(seed_graph)
    assert conforms, "\n".join(map(str, found))


def test_validate_accepts_the_seed_build_quickly(seed_graph):
    started = time.perf_counter()
    validate(seed_graph)
    assert time.perf_counter() - started < 10


# --- each shape, broken --------------------------------------------------------------------------


@pytest.mark.parametrize("mutate,shape,path", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_broken_graph_is_reported(mutate, shape, path):
    graph = _valid()
    mutate(graph)
    conforms, found = _results(graph)
    assert not conforms
    wanted = _short(TLSH[shape])
    matching = [v for v in found if v.shape == wanted and (path is None or v.path == _short(path))]
    assert matching, f"no violation of {wanted} {path or ''}; got:\n" + "\n".join(map(str, found))


def test_every_shape_has_a_breaking_case(shapes):
    named = {s for t in (SH.NodeShape, SH.PropertyShape) for s in shapes.subjects(RDF.type, t)
             if isinstance(s, URIRef)}
    assert len(named) > 50
    covered = {TLSH[case[2]] for case in CASES}
    assert not sorted(covered - named)
    # a node shape that only gathers property shapes is covered when all of those are
    own = {SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.property, SH.node, RDF.type, RDFS.comment}
    for shape in named - covered:
        parts = set(shapes.objects(shape, SH.property)) | set(shapes.objects(shape, SH.node))
        if set(shapes.predicates(shape)) <= own and parts <= covered:
            covered.add(shape)
    assert not sorted(named - covered - NESTED_ONLY)


def test_every_named_shape_has_a_message_or_only_named_parts(shapes):
    """Reports stay readable: a property shape explains itself."""
    for shape in shapes.subjects(RDF.type, SH.PropertyShape):
        if isinstance(shape, URIRef):
            assert shapes.value(shape, SH.message), shape


# --- graph.builder.validate ----------------------------------------------------------------------


def test_validate_raises_a_readable_error():
    graph = _valid()
    graph.remove((CALL, RDFS.label, None))
    graph.remove((PUTIN, RDFS.label, None))
    with pytest.raises(ValidationError) as caught:
        validate(graph, SHAPES_FILE)
    error = caught.value
    text = str(error)
    assert "2 violations" in text
    assert "tlid:event/phonecall-2025-03-18-x rdfs:label" in text
    assert "tlid:actor/vladimir-putin rdfs:label" in text
    assert "[tlsh:EventLabel]" in text and "[tlsh:ActorLabel]" in text
    assert len(error.violations) == 2
    assert error.exit_code == 5


def test_validate_beside_answers_as_validate_does():
    graph = _valid()
    validate_beside(graph).wait()
    graph.remove((CALL, RDFS.label, None))
    with pytest.raises(ValidationError) as here:
        validate(graph)
    with pytest.raises(ValidationError) as beside:
        validate_beside(graph).wait()
    assert str(beside.value) == str(here.value) and beside.value.violations == here.value.violations
    validate_beside(graph).cancel()


def test_validate_report_is_short():
    graph = _valid()
    for actor in (TRUMP, PUTIN, KREMLIN, RUSSIA):
        graph.remove((actor, RDFS.label, None))
    graph.remove((CALL, RDFS.label, None))
    graph.remove((STATEMENT, RDFS.label, None))
    with pytest.raises(ValidationError) as caught:
        validate(graph)
    lines = str(caught.value).splitlines()
    assert len(lines) == 1 + 5 + 1
    assert lines[-1].strip() == "... and 1 more"


def test_validate_with_rdfs_inference_agrees(seed_graph):
    graph = _valid()
    graph.remove((CALL, RDFS.label, None))
    for inference in ("none", "rdfs"):
        conforms, found, _ = check(graph, inference=inference)
        assert not conforms and [v.shape for v in found] == ["tlsh:EventLabel"], inference


def test_missing_shapes_file_is_a_knowledge_error(tmp_path):
    from graph.errors import KnowledgeError

    with pytest.raises(KnowledgeError):
        validate(_valid(), tmp_path / "nope.ttl")


# --- the fast checker against pySHACL ------------------------------------------------------------


def test_the_build_uses_the_fast_checker_for_these_shapes():
    """Every feature shapes.ttl uses is implemented, and its SPARQL check runs natively."""
    from graph.shacl import compile_shapes

    for source in (SHAPES_FILE, Graph().parse(SHAPES_FILE, format="turtle")):
        shapes = compile_shapes(source)
        sparql = [c for s in shapes for c in s.sparql]
        assert len(shapes) > 10 and sparql and all(c.native is not None for c in sparql)


def test_fast_checker_and_pyshacl_agree_on_the_valid_graph():
    for engine in ("fast", "pyshacl"):
        conforms, found, _ = check(_valid(), SHAPES_FILE, ontology=ONTOLOGY_FILE, engine=engine)
        assert conforms and not found, engine


@pytest.mark.parametrize("mutate", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_fast_checker_and_pyshacl_report_the_same(mutate):
    graph = _valid()
    mutate(graph)
    fast = check(graph, SHAPES_FILE, ontology=ONTOLOGY_FILE, engine="fast")[:2]
    reference = check(graph, SHAPES_FILE, ontology=ONTOLOGY_FILE, engine="pyshacl")[:2]
    assert fast == reference


def test_fast_checker_and_pyshacl_agree_on_the_seed_build(seed_graph):
    fast = check(seed_graph, engine="fast")[:2]
    assert fast == check(seed_graph, engine="pyshacl")[:2] == (True, [])


@pytest.mark.parametrize("case", ["selector-exact-wrong-length", "selector-start-negative",
                                  "selector-start-after-end", "selector-start-a-string"])
def test_sparql_constraint_on_oxigraph_agrees_with_the_native_one(case, monkeypatch):
    """The SPARQL-based check gives the same answers run as SPARQL on pyoxigraph as natively."""
    import graph.shacl.sparql
    import graph.builder.validate

    broken = _valid()
    dict((c[0], c[1]) for c in CASES)[case](broken)
    native = check(broken, SHAPES_FILE, ontology=ONTOLOGY_FILE)[:2]
    monkeypatch.setattr(graph.shacl.sparql, "NATIVE_QUERIES", {})
    graph.builder.validate._compile.cache_clear()
    try:
        generic = check(broken, SHAPES_FILE, ontology=ONTOLOGY_FILE)[:2]
    finally:
        graph.builder.validate._compile.cache_clear()
    assert not native[0] and generic == native


def test_shapes_the_fast_checker_cannot_read_go_to_pyshacl(tmp_path):
    """sh:closed is not implemented: such shapes are checked by pySHACL, with the same report format."""
    shapes = tmp_path / "closed.ttl"
    shapes.write_text(f"""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix tlsh: <https://w3id.org/timeline-kg/shapes#> .
@prefix schema: <https://schema.org/> .
tlsh:Closed a sh:NodeShape ; sh:targetClass schema:Organization ; sh:closed true ;
    sh:ignoredProperties ( <{RDF.type}> ) ; sh:message "closed" .
""", encoding="utf-8")
    from graph.shacl import Unsupported, compile_shapes

    with pytest.raises(Unsupported):
        compile_shapes(Graph().parse(shapes, format="turtle"))
    conforms, found, _ = check(_valid(), shapes, ontology=ONTOLOGY_FILE)
    assert not conforms and {v.shape for v in found} == {"tlsh:Closed"}
    assert {v.focus for v in found} == {"tlid:outlet/o", "tlid:actor/the-kremlin"}


def test_fast_checker_refuses_a_graph_held_as_plain_triples():
    """The build's graphs (plain triples, never loaded into rdflib) are checked as they are."""
    from graph.rdf.namespaces import new_graph
    from graph.rdf.triples import from_rdflib

    graph = new_graph()
    for s, p, o in _valid():
        if (s, p) != (CALL, RDFS.label):
            graph.put(from_rdflib(s), str(p), from_rdflib(o))
    conforms, found, _ = check(graph, SHAPES_FILE, ontology=ONTOLOGY_FILE)
    assert graph.is_plain
    assert not conforms and [(v.shape, v.path) for v in found] == [("tlsh:EventLabel", "rdfs:label")]
