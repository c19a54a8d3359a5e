"""The competency questions (ontology/queries/*.rq), run on the seed build.

Every query must: start with a ``# Question:`` line; declare each parameter as
``# Param: name = "default"`` with a matching ``VALUES ?name { "default" }``;
run in rdflib on graph.ttl plus the ontology (as ``timeline-kg query`` does)
and give the same rows in pyoxigraph on graph.ttl alone; and give the answer
checked below, which is recomputed from the graph with the rdflib API where
possible, plus fixed facts of the seed articles (the two Trump-Putin calls).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

REPO = Path(__file__).resolve().parents[2]
QUERIES_DIR = REPO / "ontology" / "queries"
QUERY_FILES = sorted(QUERIES_DIR.glob("*.rq"))

TL = Namespace("https://w3id.org/timeline-kg/ontology#")
TLID = Namespace("https://w3id.org/timeline-kg/id/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")

TRUMP, PUTIN = TLID["actor/donald-trump"], TLID["actor/vladimir-putin"]
MARCH, MAY = "2025-03-18", "2025-05-19"
#: The articles reporting each call (first three characters of the stem).
CALL_SOURCES = {MARCH: {"000", "002", "003"}, MAY: {"001", "004"}}
#: Columns holding GROUP_CONCAT lists, whose order no engine promises, and their separators.
LISTS = {"articles": " ", "actors": ", "}

PARAM = re.compile(r'^# Param: (\w+) = "([^"]*)"\s*$', re.M)


# --- running queries -----------------------------------------------------------------------------


def read(name: str, **params: str) -> str:
    """The query file ``name`` (stem), with parameters substituted the way a CLI would."""
    text = (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")
    declared = dict(PARAM.findall(text))
    for param, value in params.items():
        assert param in declared, f"{name} has no parameter {param}"
        text, count = re.subn(r'VALUES \?%s \{ "[^"]*" \}' % param,
                              lambda m: 'VALUES ?%s { "%s" }' % (param, value.replace('"', '\\"')), text)
        assert count >= 1
    return text


def _value(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, (URIRef, Literal)):
        return str(term)
    return getattr(term, "value", str(term))


def run(graph: Graph, text: str) -> list[dict[str, str | None]]:
    result = graph.query(text)
    names = [str(v) for v in result.vars]
    return [{n: _value(row[i]) for i, n in enumerate(names)} for row in result]


def run_oxigraph(store, text: str) -> list[dict[str, str | None]]:
    solutions = store.query(text)
    names = [v.value for v in solutions.variables]
    return [{n: _value(solution[n]) for n in names} for solution in solutions]


def _normal(rows):
    def cell(name, value):
        if value is not None and name in LISTS:
            return LISTS[name].join(sorted(value.split(LISTS[name])))
        return value
    return sorted((tuple((k, cell(k, v)) for k, v in sorted(row.items())) for row in rows), key=repr)


def stem3(value: str) -> str:
    """The article number of an identifier or IRI ("000_7917..." -> "000")."""
    return value.rsplit("/", 1)[-1][:3]


def date(value) -> dt.date:
    return dt.date.fromisoformat(str(value))


# --- what the graph says, recomputed with the rdflib API -----------------------------------------


def events(g: Graph) -> set[URIRef]:
    return set(g.subjects(TL.mention, None))


def cls(g: Graph, event) -> str:
    return next(str(c) for c in g.objects(event, RDF.type) if str(c).startswith(str(TL)))


def span(g: Graph, event) -> tuple[dt.date, dt.date] | None:
    begin, end = g.value(event, SEM.hasBeginTimeStamp), g.value(event, SEM.hasEndTimeStamp)
    return (date(begin), date(end)) if begin is not None else None


def names(g: Graph, actor) -> set[str]:
    return {str(n).lower() for p in (RDFS.label, SKOS.altLabel) for n in g.objects(actor, p)}


def actors_named(g: Graph, name: str) -> set[URIRef]:
    return {a for a in g.subjects(RDF.type, SEM.Actor) if name.lower() in names(g, a)}


def sentences(g: Graph, event) -> set[str]:
    """The evidence sentence (widest selector) of each mention of the event."""
    found = set()
    for mention in g.objects(event, TL.mention):
        target = g.value(g.value(mention, TL.evidence), OA.hasTarget)
        selectors = list(g.objects(target, OA.hasSelector))
        widest = max(selectors, key=lambda s: int(g.value(s, OA.end)) - int(g.value(s, OA.start)))
        found.add(str(g.value(widest, OA.exact)))
    return found


def trump_putin_call_days(g: Graph) -> set[str]:
    return {str(g.value(c, SEM.hasTimeStamp)) for c in g.subjects(RDF.type, TL.PhoneCall)
            if {TRUMP, PUTIN} <= set(g.objects(c, SEM.hasActor))
            and getattr(g.value(c, SEM.hasTimeStamp), "datatype", None) == XSD.date}


# --- the checks, one per query -------------------------------------------------------------------


def check_01_phone_calls(g, rows):
    assert {r["begin"] for r in rows} == {MARCH, MAY}
    for row in rows:
        assert row["end"] == row["begin"]
        assert row["granularity"] == str(TIME.unitDay)
        articles = {stem3(a) for a in row["articles"].split()}
        assert articles == CALL_SOURCES[row["begin"]]
        assert int(row["sources"]) == len(articles)
    # any alias, any case, finds the same calls
    again = run(g, read("01-phone-calls", actorA="DONALD TRUMP", actorB="vladimir putin"))
    assert {r["call"] for r in again} == {r["call"] for r in rows}
    assert run(g, read("01-phone-calls", actorB="Nobody Of That Name")) == []


def check_02a_call_durations(g, rows):
    march = {(r["duration"], r["qualifier"], stem3(r["article"])) for r in rows if r["date"] == MARCH}
    assert {("PT1H30M", None, "000"), ("PT2H", "more than", "002")} <= march
    assert {m[2] for m in march} <= CALL_SOURCES[MARCH]
    may = [r for r in rows if r["date"] == MAY]
    assert may and {r["duration"] for r in may} == {"PT2H"}
    assert {stem3(r["article"]) for r in may} <= CALL_SOURCES[MAY]
    assert {r["call"] for r in rows} <= {str(c) for c in g.subjects(RDF.type, TL.PhoneCall)}
    # every duration claim about these calls is listed
    calls = {URIRef(r["call"]) for r in rows}
    claims = {c for c in g.subjects(TL.property, TL.duration) if g.value(c, TL.about) in calls}
    assert len(rows) == len(claims)


def check_02b_disagreements(g, rows):
    def state(claim):
        return (str(g.value(claim, TL.value)), str(g.value(claim, TL.qualifier) or ""),
                stem3(str(g.value(claim, PROV.wasDerivedFrom))))
    claims = list(g.subjects(RDF.type, TL.Claim))
    expected = {frozenset((state(a), state(b))) for a in claims for b in claims
                if str(a) < str(b) and g.value(a, TL.about) == g.value(b, TL.about)
                and g.value(a, TL.property) == g.value(b, TL.property) and state(a)[0] != state(b)[0]}
    got = {frozenset(((r["value1"], r["qualifier1"], stem3(r["article1"])),
                      (r["value2"], r["qualifier2"], stem3(r["article2"])))) for r in rows}
    assert got == expected
    # the March call: 90 minutes (000) against more than two hours (002)
    march = {(r["property"], frozenset(((r["value1"], r["qualifier1"], stem3(r["article1"])),
                                        (r["value2"], r["qualifier2"], stem3(r["article2"])))))
             for r in rows if MARCH in r["event"] and r["event"].rsplit("/", 1)[-1].startswith("phonecall")}
    assert (str(TL.duration), frozenset((("PT1H30M", "", "000"), ("PT2H", "more than", "002")))) in march
    assert not [r for r in rows if MAY in r["event"]]     # both sources say two hours


def check_03_putin_agreed_refused(g, rows):
    days = trump_putin_call_days(g)
    assert days == {MARCH, MAY}
    expected = {(str(e), str(g.value(e, SEM.hasBeginTimeStamp)))
                for e in events(g) if cls(g, e) in {str(TL.Agreement), str(TL.Ceasefire), str(TL.Refusal)}
                and PUTIN in set(g.objects(e, TL.hasAgent)) and span(g, e)
                and span(g, e)[0] == span(g, e)[1] and str(span(g, e)[0]) in days}
    assert {(r["event"], r["callDay"]) for r in rows} == expected
    by_day = {(r["callDay"], r["class"].rsplit("#")[-1]) for r in rows}
    assert (MARCH, "Ceasefire") in by_day        # agreed to halt strikes on energy infrastructure
    assert (MAY, "Refusal") in by_day            # declined the 30-day ceasefire
    for row in rows:
        assert row["evidence"] in sentences(g, URIRef(row["event"]))


def check_04_russian_demands(g, rows):
    russia = TLID["actor/russia"]

    def russian(actor):
        return actor == russia or g.value(actor, TL.speaksFor) == russia or any("russia" in n for n in names(g, actor))
    expected = {str(e) for e in g.subjects(RDF.type, TL.Demand)
                if any(russian(a) for a in g.objects(e, TL.hasAgent))}
    assert {r["demand"] for r in rows} == expected
    assert {r["agent"] for r in rows} >= {str(PUTIN), str(russia)}
    assert (MARCH, str(PUTIN)) in {(r["begin"], r["agent"]) for r in rows}
    # demands by others exist and are left out
    others = {str(e) for e in g.subjects(RDF.type, TL.Demand)} - expected
    assert others and not others & {r["demand"] for r in rows}
    for row in rows:
        assert row["evidence"] in sentences(g, URIRef(row["demand"]))
    dated = [r["begin"] is not None for r in rows]
    assert dated == sorted(dated, reverse=True)


def check_05_events_between(g, rows):
    def between(start, stop):
        return {str(e) for e in events(g) if span(g, e) and span(g, e)[0] >= date(start)
                and span(g, e)[1] <= date(stop)}
    assert {r["event"] for r in rows} == between("2025-03-17", "2025-03-19")
    assert [r["begin"] for r in rows] == sorted(r["begin"] for r in rows)
    call = [r for r in rows if r["class"] == str(TL.PhoneCall) and r["begin"] == MARCH
            and "Donald Trump" in (r["actors"] or "")]
    assert call and "Vladimir Putin" in call[0]["actors"]
    for row in rows:
        listed = set(row["actors"].split(", ")) if row["actors"] else set()
        assert listed == {str(g.value(a, RDFS.label)) for a in g.objects(URIRef(row["event"]), SEM.hasActor)}
    may = run(g, read("05-events-between", **{"from": MAY, "to": MAY}))
    assert {r["event"] for r in may} == between(MAY, MAY)
    assert str(TL.PhoneCall) in {r["class"] for r in may}


def check_06_events_of_actor(g, rows):
    expected = {str(e) for e in events(g) if PUTIN in set(g.objects(e, SEM.hasActor))}
    assert {r["event"] for r in rows} == expected
    assert {MARCH, MAY} <= {r["begin"] for r in rows if r["class"] == str(TL.PhoneCall)}
    for alias in ("vladimir putin", "The Russian leader"):
        assert {r["event"] for r in run(g, read("06-events-of-actor", actor=alias))} == expected, alias
    assert run(g, read("06-events-of-actor", actor="Nobody Of That Name")) == []
    dated = [r["begin"] for r in rows if r["begin"] is not None]
    assert [r["begin"] is not None for r in rows] == sorted((r["begin"] is not None for r in rows), reverse=True)
    assert dated == sorted(dated)
    for row in rows:
        event = URIRef(row["event"])
        want = "agent" if PUTIN in set(g.objects(event, TL.hasAgent)) else \
            "patient" if PUTIN in set(g.objects(event, TL.hasPatient)) else "actor"
        assert row["role"] == want


def check_07_actors_around_both_calls(g, rows):
    days = [date(d) for d in trump_putin_call_days(g)]
    assert len(days) == 2

    def near(actor, day):
        return any(span(g, e) and span(g, e)[0] >= day - dt.timedelta(1) and span(g, e)[1] <= day + dt.timedelta(1)
                   for e in g.subjects(SEM.hasActor, actor))
    actors = set(g.subjects(RDF.type, SEM.Actor))
    expected = {str(a) for a in actors if all(near(a, d) for d in days)}
    assert {r["actor"] for r in rows} == expected
    assert {str(TRUMP), str(PUTIN)} <= expected
    # someone active around only one of the calls is left out
    assert any(near(a, days[0]) != near(a, days[1]) for a in actors)
    assert {r["calls"] for r in rows} == {"2"}


def check_08_week_before_call(g, rows):
    assert {r["callDay"] for r in rows} == {MARCH}
    call = date(MARCH)
    expected = {str(e) for e in events(g) if span(g, e) and span(g, e)[0] < call
                and span(g, e)[1] >= call - dt.timedelta(7)}
    assert {r["event"] for r in rows} == expected and expected
    places = {(r["event"], r["place"]) for r in rows if r["place"]}
    assert places == {(str(e), str(g.value(p, RDFS.label))) for e in map(URIRef, expected)
                      for p in g.objects(e, SEM.hasPlace)}
    # the US-Ukraine talks in Saudi Arabia the week before
    assert (str(TL.Talks), "Saudi Arabia") in {(r["class"], r["place"]) for r in rows}
    assert all(date(r["begin"]) < call for r in rows)


def check_09_statements_after_calls(g, rows):
    days = trump_putin_call_days(g)
    expected = set()
    for event in g.subjects(RDF.type, TL.Statement):
        if span(g, event) and any(date(d) <= span(g, event)[0] and span(g, event)[1] <= date(d) + dt.timedelta(1)
                                  for d in days):
            for mention in g.objects(event, TL.mention):
                expected.add((str(event), stem3(str(g.value(mention, PROV.wasDerivedFrom)))))
    assert {(r["statement"], stem3(r["article"])) for r in rows} == expected
    speakers = {(r["callDay"], r["speaker"]) for r in rows}
    assert (MARCH, "Donald Trump") in speakers
    assert (MAY, "Vladimir Putin") in speakers
    for row in rows:
        assert row["quote"] in sentences(g, URIRef(row["statement"]))
        agents = {str(g.value(a, RDFS.label)) for a in g.objects(URIRef(row["statement"]), TL.hasAgent)}
        assert row["speaker"] in agents or not agents


def _check_resolutions(g, rows, day, seed_articles):
    expected = {str(m) for e in events(g) if span(g, e) and span(g, e)[0] <= date(day) <= span(g, e)[1]
                for m in g.objects(e, TL.mention) if g.value(m, TL.dateResolution) is not None}
    assert {r["mention"] for r in rows} == expected and expected
    by_stem = {stem[:3]: article for stem, article in seed_articles.items()}
    for row in rows:
        resolution = g.value(URIRef(row["mention"]), TL.dateResolution)
        assert row["rule"] == str(g.value(resolution, TL.rule))
        if row["expression"] is not None:
            # the offsets point at the expression in the article text
            text = by_stem[stem3(row["article"])].text
            assert text[int(row["start"]):int(row["end"])] == row["expression"]
        else:
            assert row["anchor"] is not None


def check_10_date_resolution(g, rows, seed_articles):
    _check_resolutions(g, rows, "2025-03-17", seed_articles)
    # "on Monday" in an article of Tuesday 18 March, resolved against the article itself
    monday = [r for r in rows if r["rule"] == "weekday-past"]
    assert monday and all(r["expression"].lower().endswith("monday") and r["anchorDate"] == MARCH
                          and r["anchor"] == str(TLID[f"article/{r['article']}"]) for r in monday)
    march = run(g, read("10-date-resolution", date=MARCH))
    _check_resolutions(g, march, MARCH, seed_articles)
    # the call itself: some mentions are dated through another mention
    assert any("/mention/" in (r["anchor"] or "") for r in march)


def check_11_single_source_events(g, rows):
    expected = {str(e) for e in events(g) if len(set(g.objects(e, PROV.wasDerivedFrom))) == 1}
    assert {r["event"] for r in rows} == expected
    for row in rows:
        assert TLID[f"article/{row['article']}"] in set(g.objects(URIRef(row["event"]), PROV.wasDerivedFrom))
    calls = {str(c) for c in g.subjects(RDF.type, TL.PhoneCall) if str(g.value(c, SEM.hasTimeStamp)) in (MARCH, MAY)
             and {TRUMP, PUTIN} <= set(g.objects(c, SEM.hasActor))}
    assert calls and not calls & {r["event"] for r in rows}


def check_12_wikidata_entities(g, rows):
    expected = {(str(a), str(e)) for a in g.subjects(RDF.type, SEM.Actor) for e in g.objects(a, OWL.sameAs)
                if str(e).startswith("http://www.wikidata.org/entity/")}
    assert {(r["actor"], r["entity"]) for r in rows} == expected
    assert {"Q22686", "Q7747"} <= {r["qid"] for r in rows}
    assert {r["name"]: r["qid"] for r in rows}["Vladimir Putin"] == "Q7747"
    assert all(re.fullmatch(r"Q\d+", r["qid"]) for r in rows)


def check_13_during_events(g, rows):
    expected = {(str(part), str(whole)) for part, whole in g.subject_objects(SEM.subEventOf)}
    assert {(r["part"], r["whole"]) for r in rows} == expected
    for row in rows:
        sources = {str(g.value(m, PROV.wasDerivedFrom)) for m in g.objects(URIRef(row["part"]), TL.mention)}
        assert int(row["sources"]) == len(sources)
    # the talks in Saudi Arabia the week before the March call, with the agreement reached there
    talks = [r for r in rows if r["wholeBegin"] == "2025-03-10" and r["partClass"] == str(TL.Agreement)]
    assert talks and all(r["wholeLabel"].startswith("Talks:") for r in talks)


CHECKS: dict[str, Callable] = {
    "01-phone-calls": check_01_phone_calls,
    "02a-call-durations": check_02a_call_durations,
    "02b-disagreements": check_02b_disagreements,
    "03-putin-agreed-refused": check_03_putin_agreed_refused,
    "04-russian-demands": check_04_russian_demands,
    "05-events-between": check_05_events_between,
    "06-events-of-actor": check_06_events_of_actor,
    "07-actors-around-both-calls": check_07_actors_around_both_calls,
    "08-week-before-call": check_08_week_before_call,
    "09-statements-after-calls": check_09_statements_after_calls,
    "10-date-resolution": check_10_date_resolution,
    "11-single-source-events": check_11_single_source_events,
    "12-wikidata-entities": check_12_wikidata_entities,
    "13-during-events": check_13_during_events,
}

NAMES = [p.stem for p in QUERY_FILES]


# --- tests ---------------------------------------------------------------------------------------


def test_there_are_at_least_twelve_questions_each_checked():
    assert len(QUERY_FILES) >= 12
    assert set(NAMES) == set(CHECKS)


@pytest.mark.parametrize("name", NAMES)
def test_query_header(name):
    text = (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert re.fullmatch(r"# Question: [A-Z].+\?", first), first
    params = dict(PARAM.findall(text))
    values = set(re.findall(r'VALUES \?(\w+) \{ "[^"]*" \}', text))
    assert set(params) == values
    for param, default in params.items():
        assert re.search(r'VALUES \?%s \{ "%s" \}' % (param, re.escape(default)), text), param
    # explicit prefixes: every prefix used is declared in the file
    declared = set(re.findall(r"^PREFIX (\w+):", text, re.M))
    body = "\n".join(line for line in text.splitlines() if not line.startswith(("#", "PREFIX")))
    used = set(re.findall(r"\b([a-z]+):[A-Za-z]", body)) - {"http", "https"}
    assert used <= declared, used - declared


@pytest.mark.parametrize("name", NAMES)
def test_query_answers(name, seed_with_ontology, seed_articles):
    rows = run(seed_with_ontology, read(name))
    assert rows, f"{name} has no answer on the seed build"
    check = CHECKS[name]
    if "seed_articles" in check.__code__.co_varnames[:check.__code__.co_argcount]:
        check(seed_with_ontology, rows, seed_articles)
    else:
        check(seed_with_ontology, rows)


@pytest.mark.parametrize("name", NAMES)
def test_query_gives_the_same_rows_in_pyoxigraph_without_the_ontology(name, seed_with_ontology, seed_store):
    text = read(name)
    assert _normal(run_oxigraph(seed_store, text)) == _normal(run(seed_with_ontology, text))
