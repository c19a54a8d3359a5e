"""A rebuild that reuses the previous build's state gives the bytes of a build from scratch.

The seeds are built, then changed three ways (an article added, one edited,
one removed); after each change the kept output folder is rebuilt (every
unchanged article, its furniture check and the Turtle of every unchanged
event taken from ``OUT/.cache/``) and compared, file by file, with a build
of the same input into a fresh folder: every export and every cache file.
"""

from __future__ import annotations

import shutil

import pytest

import graph.export.turtle
from graph.builder.pipeline import build
from tests.conftest import REPO
from tests.robustness.publish_helpers import manifest

ADDED = ("+++\npublished = 2025-03-20\n+++\n"
         "Vladimir Putin spoke with Donald Trump by phone on Monday, the Kremlin said. "
         "The two leaders talked for more than two hours.\n")


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(REPO / "seeds", folder)
    return folder


@pytest.fixture
def formatted(monkeypatch):
    """The subjects whose Turtle block was formatted (not reused), in order."""
    subjects: list[str] = []
    original = graph.export.turtle.subject_block

    def spy(subject, predicates, names):
        subjects.append(subject)
        return original(subject, predicates, names)

    monkeypatch.setattr(graph.export.turtle, "subject_block", spy)
    return subjects


def _same_as_fresh(corpus, out, fresh):
    again, new = build(corpus, out, jobs=1), build(corpus, fresh, jobs=1)
    assert manifest(out) == manifest(fresh)
    # the rebuild counted the triples of the blocks it kept without describing their events
    assert (again.triples, again.events, again.actors) == (new.triples, new.events, new.actors)


def test_adding_editing_and_removing_articles_rebuilds_the_same_bytes_as_a_fresh_build(seeds, tmp_path, formatted):
    out = tmp_path / "out"
    build(seeds, out, jobs=1)
    everything = len(formatted)
    formatted.clear()
    build(seeds, out, jobs=1)
    assert 0 < len(formatted) < everything / 2      # articles, actors, places: the events' blocks are reused
    assert not any(s.startswith(("https://w3id.org/timeline-kg/id/event/", "https://w3id.org/timeline-kg/id/mention/"))
                   for s in formatted)

    (seeds / "zz-added.txt").write_text(ADDED)
    formatted.clear()
    _same_as_fresh(seeds, out, tmp_path / "fresh-added")
    assert any(s.startswith("https://w3id.org/timeline-kg/id/event/") for s in formatted)

    first = min(seeds.glob("0*.txt"))
    first.write_text(first.read_text().replace("Putin", "Vladimir Putin", 1) + "\nXi Jinping visited Moscow on Wednesday.\n")
    _same_as_fresh(seeds, out, tmp_path / "fresh-edited")

    (seeds / "zz-added.txt").unlink()
    _same_as_fresh(seeds, out, tmp_path / "fresh-removed")

    formatted.clear()
    build(seeds, out, jobs=1)
    assert 0 < len(formatted) < everything / 2


@pytest.fixture
def skipped(monkeypatch):
    """Per validation: the focus nodes it was told to leave out, and the subjects of the graph it checked."""
    import graph.builder.validate
    from graph.rdf.triples import plain_index

    calls: list[tuple[frozenset, set]] = []
    original = graph.builder.validate.validate_beside

    def spy(merged, skip=frozenset()):
        subjects = set(plain_index(merged))
        assert skip <= subjects                 # only what the graph holds
        calls.append((skip, subjects - skip))
        return original(merged, skip)

    monkeypatch.setattr(graph.builder.validate, "validate_beside", spy)
    return calls


def test_a_rebuild_validates_only_what_a_validated_build_did_not(seeds, tmp_path, skipped):
    bundled = ("https://w3id.org/timeline-kg/id/event/", "https://w3id.org/timeline-kg/id/mention/")
    outside = ("https://w3id.org/timeline-kg/id/actor/", "https://w3id.org/timeline-kg/id/article/")
    out = tmp_path / "out"
    build(seeds, out, jobs=1, validate=False)
    build(seeds, out, jobs=1)
    skip, checked = skipped[-1]
    assert skip == frozenset() and any(s.startswith(bundled) for s in checked)  # the build before was not validated
    build(seeds, out, jobs=1)
    skip, checked = skipped[-1]
    assert not any(s.startswith(bundled) for s in checked)     # no event or mention is checked again
    assert any(s.startswith(outside) for s in checked) and not any(s.startswith(outside) for s in skip)
    (seeds / "zz-added.txt").write_text(ADDED)
    build(seeds, out, jobs=1)
    skip, checked = skipped[-1]
    assert any("/mention/zz-added" in s for s in checked) and not any("/mention/zz-added" in s for s in skip)
    assert any(s.startswith(outside) for s in checked)


def test_focus_nodes_left_out_are_not_checked():
    from rdflib import RDFS

    from graph.builder.validate import check
    from tests.ontology.test_shapes import CALL, PUTIN, _valid

    graph = _valid()
    graph.remove((CALL, RDFS.label, None))
    graph.remove((PUTIN, RDFS.label, None))
    conforms, found, _ = check(graph)
    assert not conforms and {v.focus for v in found} == {"tlid:event/phonecall-2025-03-18-x", "tlid:actor/vladimir-putin"}
    conforms, found, _ = check(graph, skip=frozenset({str(CALL)}))
    assert not conforms and [v.focus for v in found] == ["tlid:actor/vladimir-putin"]
    assert check(graph, skip=frozenset({str(CALL), str(PUTIN)}))[0]


def test_a_kept_graph_that_was_edited_or_removed_is_not_read(seeds, tmp_path, formatted):
    out = tmp_path / "out"
    build(seeds, out, jobs=1)
    before = manifest(out)
    formatted.clear()
    build(seeds, out, jobs=1)
    reused = len(formatted)
    kept = out / ".cache" / "turtle-blocks.ttl"
    data = bytearray(kept.read_bytes())
    at = data.index(b"tl:EventMention")
    data[at:at + 3] = b"XX:"                        # same size, other bytes: edited in place (a hard link)
    kept.write_bytes(bytes(data))
    formatted.clear()
    build(seeds, out, jobs=1)
    edited = len(formatted)
    assert edited > reused and any("/id/mention/" in s for s in formatted) and manifest(out) == before
    (out / ".cache" / "turtle-blocks.ttl").unlink()
    formatted.clear()
    build(seeds, out, jobs=1)
    assert len(formatted) == edited and manifest(out) == before


def test_an_article_that_renames_the_actors_of_unchanged_articles_rebuilds_the_same_bytes(tmp_path):
    """Actor resolution is global: "Ms Kovalenko" of an unchanged article becomes "Marta Kovalenko" once
    another article names her in full, and is herself again when that article goes; the events and
    mentions of the unchanged article must not be taken from the kept Turtle then."""
    corpus, out = tmp_path / "in", tmp_path / "out"
    corpus.mkdir()
    (corpus / "a.txt").write_text("+++\npublished = 2025-03-20\n+++\n"
                                  "Ms Kovalenko said on Monday that she had spoken with Sergei Lavrov by phone.\n")
    build(corpus, out, jobs=1)
    assert "marta-kovalenko" not in (out / "graph.ttl").read_text()
    (corpus / "b.txt").write_text("+++\npublished = 2025-03-21\n+++\n"
                                  "Marta Kovalenko, Poland's foreign minister, met Sergei Lavrov in Warsaw on Thursday.\n")
    _same_as_fresh(corpus, out, tmp_path / "fresh-named")
    assert "prov:wasAttributedTo <https://w3id.org/timeline-kg/id/actor/marta-kovalenko>" in (out / "graph.ttl").read_text()
    (corpus / "b.txt").unlink()
    _same_as_fresh(corpus, out, tmp_path / "fresh-unnamed")


def test_one_pickler_hashes_equal_values_alike_whatever_came_before():
    from graph.export.turtle_blocks import _Digests

    shared = ("Vladimir Putin", "Donald Trump")
    value = (shared, shared, [1, "x" * 300])
    again = (("Vladimir Putin", "Donald Trump"), tuple(["Vladimir Putin", "Donald Trump"]), [1, "x" * 300])
    reused = _Digests()
    reused(("something", "else", list(range(1000))))
    assert reused(value) == _Digests()(again) == reused(again)
    assert reused(value) != reused((shared, shared, [2, "x" * 300]))


def test_a_rebuild_describes_only_the_events_whose_blocks_it_does_not_keep(seeds, tmp_path, monkeypatch):
    """This process describes the events it formats (the page's process, forked, the whole graph)."""
    import graph.builder.pipeline

    described: list[int | None] = []
    original = graph.builder.pipeline.merged_graph

    def spy(merged, articles, knowledge, events=None):
        described.append(None if events is None else len(events))
        return original(merged, articles, knowledge, events)

    monkeypatch.setattr(graph.builder.pipeline, "merged_graph", spy)
    out = tmp_path / "out"
    report = build(seeds, out, jobs=1)
    assert described == [None]                  # nothing kept: the whole graph, here and for the page
    build(seeds, out, jobs=1)
    assert described[-1] is not None and described[-1] < report.events / 4
    (seeds / "zz-added.txt").write_text(ADDED)
    _same_as_fresh(seeds, out, tmp_path / "fresh")
    assert described[-2] is not None and 0 < described[-2] < report.events / 4 and described[-1] is None


def test_a_rebuild_whose_turtle_writer_takes_no_blocks_writes_the_whole_graph(seeds, tmp_path, monkeypatch):
    """The writer reuses no blocks of a graph with blank nodes (the merge makes none): the rebuild,
    having described only part of the graph, then describes and writes all of it."""
    import graph.builder.pipeline

    original = graph.builder.pipeline.write_turtle
    monkeypatch.setattr(graph.builder.pipeline, "write_turtle", lambda merged, path, reuse=None: original(merged, path))
    out = tmp_path / "out"
    build(seeds, out, jobs=1)
    (seeds / "zz-added.txt").write_text(ADDED)
    _same_as_fresh(seeds, out, tmp_path / "fresh")


def test_a_rebuild_that_keeps_most_blocks_lays_the_body_out_in_runs(seeds, tmp_path, monkeypatch):
    import graph.export.turtle_blocks

    calls = []
    original = graph.export.turtle_blocks.write_runs

    def spy(body, old, kept, subjects, fresh):
        calls.append((len(kept), len(fresh)))
        return original(body, old, kept, subjects, fresh)

    monkeypatch.setattr(graph.export.turtle_blocks, "write_runs", spy)
    out = tmp_path / "out"
    build(seeds, out, jobs=1)
    assert calls == []                          # nothing kept: every subject formatted in order
    (seeds / "zz-added.txt").write_text(ADDED)
    _same_as_fresh(seeds, out, tmp_path / "fresh")
    assert len(calls) == 1 and calls[0][0] > calls[0][1] > 0


@pytest.fixture
def clusterings(monkeypatch):
    """(components taken from the kept clustering, components resolved) of each build, in order."""
    from graph.merge.kept import KeptClusters

    counts: list[tuple[int, int]] = []
    original = KeptClusters.keep

    def spy(self, staging, version):
        counts.append((self.reused, self.resolved))
        return original(self, staging, version)

    monkeypatch.setattr(KeptClusters, "keep", spy)
    return counts


def test_a_rebuild_resolves_only_the_components_of_the_clustering_that_changed(seeds, tmp_path, clusterings):
    out = tmp_path / "out"
    build(seeds, out, jobs=1)
    build(seeds, out, jobs=1)
    (first, everything), (again, none) = clusterings
    assert first == 0 and everything > 2 and (again, none) == (everything, 0)
    (seeds / "zz-added.txt").write_text(ADDED)
    _same_as_fresh(seeds, out, tmp_path / "fresh")
    (reused, resolved), fresh = clusterings[-2:]
    assert 0 < resolved < reused and fresh[0] == 0


def test_a_clustering_state_that_is_damaged_missing_or_of_other_code_is_resolved_in_full(seeds, tmp_path,
                                                                                          clusterings, monkeypatch):
    import graph.builder.pipeline
    from graph.builder.stored import state_path
    from graph.merge.kept import STATE

    out = tmp_path / "out"
    build(seeds, out, jobs=1)
    before = manifest(out)
    path = state_path(out, STATE)
    path.write_bytes(path.read_bytes()[:-5])
    build(seeds, out, jobs=1)
    assert clusterings[-1][0] == 0 and manifest(out) == before
    path.unlink()
    build(seeds, out, jobs=1)
    assert clusterings[-1][0] == 0 and manifest(out) == before
    build(seeds, out, jobs=1)
    assert clusterings[-1][1] == 0
    monkeypatch.setattr(graph.builder.pipeline, "package_version", lambda: "other code")
    build(seeds, out, jobs=1)
    assert clusterings[-1][0] == 0
