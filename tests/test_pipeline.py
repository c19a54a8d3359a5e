"""End to end on the seeds: the exports exist, hold the two calls, and are reproducible."""

from __future__ import annotations

import filecmp
import shutil

from rdflib import Graph
from rdflib.compare import isomorphic

from graph.builder.pipeline import build
from tests.conftest import SEEDS

CALLS = """
SELECT ?event ?begin ?end (GROUP_CONCAT(DISTINCT ?id; separator=" ") AS ?articles) WHERE {
  ?event a tl:PhoneCall ; sem:hasBeginTimeStamp ?begin ; sem:hasEndTimeStamp ?end ;
         sem:hasActor [ rdfs:label "Donald Trump" ] , [ rdfs:label "Vladimir Putin" ] ;
         prov:wasDerivedFrom/schema:identifier ?id .
} GROUP BY ?event ?begin ?end ORDER BY ?begin
"""


def merged(seed_build) -> Graph:
    out, _ = seed_build
    return Graph().parse(out / "graph.ttl")


def test_build_writes_every_export(seed_build):
    out, report = seed_build
    assert sorted(p.name for p in (out / "articles").iterdir()) == sorted(p.stem + ".ttl" for p in SEEDS.glob("*.txt"))
    for name in ("graph.ttl", "merge-log.json", "timeline.html"):
        assert (out / name).stat().st_size > 0
    assert report.articles == 5 and report.events > 0 and report.triples == len(merged(seed_build))


def test_the_two_calls_each_derived_from_the_articles_that_report_them(seed_build):
    from graph.rdf.namespaces import PREFIXES

    rows = [(str(r.begin), str(r.end), sorted(a[:3] for a in str(r.articles).split()))
            for r in merged(seed_build).query(CALLS, initNs=dict(PREFIXES))]
    assert ("2025-03-18", "2025-03-18", ["000", "002", "003"]) in rows
    assert ("2025-05-19", "2025-05-19", ["001", "004"]) in rows
    assert len([r for r in rows if r[0] in ("2025-03-18", "2025-05-19")]) == 2


def test_every_event_traces_to_an_article_and_sentence(seed_build):
    from graph.rdf.namespaces import PREFIXES

    missing = merged(seed_build).query("""
        SELECT ?event WHERE {
          ?event tl:mention ?m .
          FILTER NOT EXISTS { ?m prov:wasDerivedFrom ?a . ?a a schema:NewsArticle .
                              ?m tl:evidence/oa:hasTarget/oa:hasSelector ?s . ?s oa:exact ?text ; oa:start ?start }
        }""", initNs=dict(PREFIXES))
    assert list(missing) == []


def test_evidence_offsets_slice_the_article_text(seed_build):
    from graph.ingest import read_article
    from graph.rdf.namespaces import PREFIXES

    rows = merged(seed_build).query("""
        SELECT ?id ?start ?end ?exact WHERE {
          ?m tl:evidence/oa:hasTarget ?t . ?t oa:hasSource/schema:identifier ?id ; oa:hasSelector ?s .
          ?s oa:start ?start ; oa:end ?end ; oa:exact ?exact }""", initNs=dict(PREFIXES))
    texts = {p.stem: read_article(p)[0].text for p in SEEDS.glob("*.txt")}
    rows = list(rows)
    assert rows
    for row in rows:
        assert texts[str(row.id)][int(row.start):int(row.end)] == str(row.exact)


def test_turtle_parses_back_into_an_isomorphic_graph(seed_build):
    out, _ = seed_build
    first = Graph().parse(out / "graph.ttl")
    again = Graph().parse(data=first.serialize(format="turtle"), format="turtle")
    assert isomorphic(first, again)
    assert not any(isinstance(term, type(None)) for triple in first for term in triple)


def test_two_builds_are_byte_identical_whatever_the_file_order(seed_build, tmp_path):
    out, _ = seed_build
    shuffled = tmp_path / "in"
    shuffled.mkdir()
    for path in sorted(SEEDS.iterdir(), reverse=True):
        shutil.copy(path, shuffled / path.name)
    build(shuffled, tmp_path / "out")
    comparison = filecmp.dircmp(out, tmp_path / "out", ignore=[".store", ".build.lock"])
    assert comparison.diff_files == [] and comparison.left_only == [] and comparison.right_only == []
    assert filecmp.dircmp(out / "articles", tmp_path / "out" / "articles").diff_files == []


def test_rebuild_removes_graphs_of_articles_that_are_gone(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Joe Biden spoke with Xi Jinping on Monday.\n")
    (folder / "b.txt").write_text("Emmanuel Macron met Olaf Scholz on Friday.\n")
    build(folder, tmp_path / "out")
    (folder / "b.txt").unlink()
    build(folder, tmp_path / "out")
    assert [p.name for p in (tmp_path / "out" / "articles").iterdir()] == ["a.ttl"]


def test_a_second_build_into_the_same_folder_stops_with_a_clear_message(tmp_path):
    import fcntl
    import os

    import pytest

    from graph.errors import ExportError

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Joe Biden spoke with Xi Jinping on Monday.\n")
    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out / ".build.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(ExportError, match="another build is writing to this folder"):
            build(folder, out)
        assert not (out / "graph.ttl").exists()
    finally:
        os.close(fd)
    build(folder, out)
    assert (out / "graph.ttl").exists()


def test_unknown_names_institutions_and_claims_still_conform_to_the_shapes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        '+++\npublished = 2025-03-18\n+++\n'
        "Ivan Kamonenko spoke with Vladimir Putin for 90 minutes on Monday, officials in Kyiv said.\n"
        "Drones attacked Varovka on Monday.\n")
    (folder / "b.txt").write_text(
        '+++\npublished = 2025-03-18\n+++\n'
        "Kamonenko told reporters on Monday that he had spoken with Putin for two hours.\n"
        "The Kremlin said on Monday that the call between Kamonenko and Putin lasted two hours.\n")
    report = build(folder, tmp_path / "out")
    assert report.events > 0
