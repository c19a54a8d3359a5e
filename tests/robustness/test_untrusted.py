"""Article text and manifest metadata are data, never code: escaped in Turtle and in the page.

A build of articles whose text and metadata hold Turtle's and HTML's
special characters (quotes, three quotes, backslashes, written-out escapes,
line breaks, ``<`` ``>``, markup) and a manifest whose ``url`` has a space
and ``>``: every Turtle file parses, every literal says exactly what the
input said, the broken URL is left out with a warning instead of breaking
the Turtle, and no markup from the text reaches the page unescaped.
(The page's escaping of evidence, actor names and URLs is tested on its
own in tests/export/test_html.py.)
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from graph.builder.pipeline import build
from graph.rdf.namespaces import OA, PREFIXES, RDFS, SCHEMA

TEXT = ('Joe Biden spoke with Xi Jinping on Monday about """trade""" and \'\'\'tariffs\'\'\', '
        'C:\\temp\\new \\u0022 \\" <script>alert(1)</script> > < & "quoted".\n'
        'Emmanuel Macron met Olaf Scholz in Paris on Friday; he wrote "\\n" @prefix x: <http://evil/> .\n')
TITLE = 'He said """no""" \\ <b>bold</b> \'\'\n"x"'
OUTLET = 'The "Daily" <Planet> \\ Co'
GOOD_URL = "https://example.com/news?id=1&q=%22y%22#top"
BAD_URL = "https://example.com/a b>"
MANIFEST = f"""
[[article]]
file = "a.txt"
published = 2025-03-18
title = '''{TITLE}'''
outlet = '''{OUTLET}'''
url = '{GOOD_URL}'

[[article]]
file = "b.txt"
published = 2025-03-18
url = '{BAD_URL}'
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("untrusted")
    (folder / "in").mkdir()
    (folder / "in" / "a.txt").write_text(TEXT)
    (folder / "in" / "b.txt").write_text(TEXT)
    (folder / "in" / "manifest.toml").write_text(MANIFEST)
    report = build(folder / "in", folder / "out")
    return folder / "out", report


def test_every_turtle_file_parses(built):
    out, report = built
    for path in [out / "graph.ttl", *(out / "articles").glob("*.ttl")]:
        assert len(Graph().parse(path)) > 0, path
    assert report.events > 0


def test_title_and_outlet_come_back_exactly(built):
    out, _ = built
    graph = Graph().parse(out / "graph.ttl")
    article = URIRef(PREFIXES["tlid"] + "article/a")
    assert graph.value(article, SCHEMA.headline) == Literal(TITLE)
    assert graph.value(graph.value(article, SCHEMA.publisher), RDFS.label) == Literal(OUTLET)


def test_a_url_that_would_break_the_turtle_is_left_out_with_a_warning(built):
    out, report = built
    graph = Graph().parse(out / "graph.ttl")
    assert graph.value(URIRef(PREFIXES["tlid"] + "article/a"), SCHEMA.url) == URIRef(GOOD_URL)
    assert graph.value(URIRef(PREFIXES["tlid"] + "article/b"), SCHEMA.url) is None
    assert [(n.level, n.path.name) for n in report.diagnostics if "url" in n.message] == [("warning", "b.txt")]


def test_evidence_literals_are_the_text_exactly(built):
    out, _ = built
    graph = Graph().parse(out / "graph.ttl")
    rows = list(graph.query("SELECT ?start ?end ?exact WHERE { ?s oa:start ?start ; oa:end ?end ; oa:exact ?exact }",
                            initNs={"oa": OA}))
    assert any('"""trade"""' in str(r.exact) and "\\temp\\new" in str(r.exact) for r in rows)
    for row in rows:
        assert TEXT[int(row.start):int(row.end)] == str(row.exact)


def test_markup_in_the_text_never_reaches_the_page_unescaped(built):
    out, _ = built
    page = (out / "timeline.html").read_text()
    assert "<script>alert(1)" not in page and "<b>bold</b>" not in page and "<http://evil/>" not in page
