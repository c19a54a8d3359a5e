"""Fuzzing with hypothesis: the date resolver, the ingest layer, the trigger matcher, the Turtle writer.

Derandomized so the suite is reproducible; ``bench/fuzz.py`` runs the cheap
targets with ten thousand and more random inputs. The properties live in
``tests/robustness/strategies.py``.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.robustness import strategies as fz

FAST = settings(max_examples=200, deadline=None, derandomize=True, database=None)
SLOW = settings(max_examples=20, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(fz.time_expressions(), fz.ANCHORS, fz.TENSE_VALUES)
def test_resolve_raises_only_for_a_bad_tense_and_stays_near_the_anchor(text, anchor, tense):
    fz.check_resolve(text, anchor, tense)


def test_resolve_examples_the_fuzzer_relies_on():
    """The strategy reaches the rules: spot checks of properties on known expressions."""
    import datetime as dt

    anchor = dt.date(2025, 3, 18)
    for text in ("999 years ago", "29 February", "next year", "last Monday", "early March", "in 2014"):
        fz.check_resolve(text, anchor, "past")
        fz.check_resolve(text, anchor, "future")
        fz.check_resolve(text, None, "present")


@FAST
@given(fz.article_bytes())
def test_decode_gives_text_or_an_input_error(data):
    fz.check_decode(data)


@FAST
@given(fz.front_matter())
def test_front_matter_gives_metadata_or_an_input_error(text):
    fz.check_front_matter(text)


@FAST
@given(fz.article_bytes())
def test_read_article_gives_an_article_or_an_input_error(data):
    fz.check_read_article(data)


@FAST
@given(fz.tricky_text())
def test_any_text_as_a_literal_round_trips_through_turtle(text):
    fz.check_turtle_literal(text)


@FAST
@given(fz.tricky_text(), fz.tricky_text(), fz.tricky_text(), fz.urls(), fz.stems())
def test_any_article_text_and_metadata_round_trip_through_turtle(text, title, outlet, url, stem):
    fz.check_turtle_article(text, title, outlet, url, stem)


_IRIS = st.sampled_from([f"https://w3id.org/timeline-kg/id/{path}" for path in
                         ("article/a", "event/x-1", "mention/a/0", "actor/b", "x")]
                        + ["https://w3id.org/timeline-kg/ontology#PhoneCall", "https://schema.org/name",
                           "http://example.org/o?q=1&r=%20", "urn:x:y"])
_PREDICATES = st.sampled_from(["http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                               "http://www.w3.org/2000/01/rdf-schema#label", "https://schema.org/text",
                               "http://www.w3.org/ns/oa#start", "https://w3id.org/timeline-kg/ontology#x-y"])


def _literals():
    from graph.rdf.triples import XSD_DATE, XSD_INTEGER, XSD_STRING, Lit

    return st.one_of(
        fz.tricky_text().map(Lit),
        st.tuples(fz.tricky_text(), st.sampled_from(["en", "de-CH", "x-a1"])).map(lambda t: Lit(t[0], "", t[1])),
        st.integers(-10**30, 10**30).map(lambda n: Lit(str(n), XSD_INTEGER)),
        st.sampled_from(["+7", "007", "1.5", "abc"]).map(lambda t: Lit(t, XSD_INTEGER)),
        st.dates().map(lambda d: Lit(d.isoformat(), XSD_DATE)),
        fz.tricky_text().map(lambda t: Lit(t, XSD_STRING)))


@FAST
@given(st.lists(st.tuples(_IRIS, _PREDICATES, st.one_of(_IRIS, _literals())), max_size=25), st.randoms())
def test_turtle_of_any_plain_triples_round_trips_and_ignores_their_order(triples, random):
    """The writer's bytes depend only on the set of triples, and parse back to the same graph."""
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from graph.export.turtle import to_turtle
    from graph.rdf.namespaces import new_graph

    first, second = new_graph(), new_graph()
    shuffled = list(triples)
    random.shuffle(shuffled)
    for graph, order in ((first, triples), (second, shuffled)):
        for s, p, o in order:
            graph.put(s, p, o)
    data = to_turtle(first)
    assert data == to_turtle(second)
    assert isomorphic(Graph().parse(data=data, format="turtle"), first)


def _sentences(knowledge):
    words = sorted({" ".join(t.lemma) for t in knowledge.triggers})
    names = ["Putin", "Trump", "Zelenskyy", "the Kremlin", "Russia", "Ukraine", "he", "they", "Biden and Xi"]
    glue = ["said", "will", "would", "not", "did", "to", "the", "a", "with", "on Monday", "after", "that",
            "and", "of", "between", "in Kyiv", "prisoners", "ceasefire", ",", ".", "\"", "'s", "\n"]
    token = st.one_of(st.sampled_from(words), st.sampled_from(names), st.sampled_from(glue), st.text(max_size=6))
    return st.lists(token, min_size=1, max_size=14).map(" ".join)


def test_trigger_matcher_on_arbitrary_short_texts(nlp, knowledge):
    """find_candidates on parsed texts: no crash; candidates in order, one per head, inside the sentence."""
    from graph.extract.triggers import find_candidates

    classes = {t.event_class for t in knowledge.triggers}

    @SLOW
    @given(_sentences(knowledge))
    def check(text):
        for sent in nlp(text).sents:
            found = find_candidates(sent, knowledge)
            heads = [c.head.i for c in found]
            assert heads == sorted(set(heads))
            for candidate in found:
                assert sent.start <= candidate.tokens[0] < candidate.tokens[1] <= sent.end
                assert candidate.tokens[0] <= candidate.head.i < candidate.tokens[1]
                assert candidate.event_class in classes

    check()
