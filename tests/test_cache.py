"""The per-article cache: a rebuild extracts only what changed, and its output is the same as a fresh build."""

from __future__ import annotations

import pickle
import shutil

import pytest

from graph.builder.cache import CACHE_DIR, ENTRIES, MAGIC, _code_files, canonical_dumps, model_identity, pipeline_version
from graph.builder.checksum import SIZE, checksum
from graph.nlp import available_model
from graph.builder.pipeline import build
from tests.conftest import REPO
from tests.robustness.publish_helpers import manifest

ARTICLES = {
    "a.txt": "+++\npublished = 2025-03-18\n+++\nJoe Biden spoke with Xi Jinping on Monday.\n",
    "b.txt": "+++\npublished = 2025-03-18\n+++\nEmmanuel Macron met Olaf Scholz in Paris on Friday.\n",
    "c.txt": "+++\npublished = 2025-03-19\n+++\nVladimir Putin refused a ceasefire on Tuesday.\n",
}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    return folder


def entries(out):
    return sorted(p.name for p in (out / CACHE_DIR / ENTRIES).iterdir())


def exports(out):
    return {k: v for k, v in manifest(out).items() if not k.startswith(CACHE_DIR + "/")}


def test_a_second_build_takes_every_article_from_the_cache_without_loading_the_model(corpus, tmp_path, monkeypatch,
                                                                                     extracted):
    out = tmp_path / "out"
    first = build(corpus, out, validate=False, jobs=1)
    assert first.cached == 0 and extracted == ["a", "b", "c"]
    assert len(entries(out)) == 2 * len(ARTICLES)
    before = manifest(out)

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded although every article is cached")

    monkeypatch.setattr("graph.builder.pipeline.load_model", no_model)
    monkeypatch.setattr("graph.nlp.load_model", no_model)
    second = build(corpus, out, validate=False, jobs=1)
    assert second.cached == 3 and extracted == ["a", "b", "c"]
    assert "3 articles (3 from cache)," in second.summary()
    assert manifest(out) == before


def test_editing_and_adding_articles_extracts_only_those(corpus, tmp_path, extracted):
    out = tmp_path / "out"
    build(corpus, out, validate=False, jobs=1)
    extracted.clear()
    (corpus / "b.txt").write_text(ARTICLES["b.txt"].replace("Paris", "Berlin"))
    (corpus / "d.txt").write_text("+++\npublished = 2025-03-20\n+++\nXi Jinping visited Moscow on Wednesday.\n")
    report = build(corpus, out, validate=False, jobs=1)
    assert extracted == ["b", "d"] and report.cached == 2
    fresh = build(corpus, tmp_path / "fresh", validate=False, jobs=1, cache=False)
    assert fresh.cached == 0
    assert exports(out) == exports(tmp_path / "fresh")
    assert len(entries(out)) == 2 * 4  # the entry of the old b is gone with the old set


def test_changing_metadata_in_the_manifest_extracts_the_article_again(corpus, tmp_path, extracted):
    out = tmp_path / "out"
    (corpus / "manifest.toml").write_text('[[article]]\nfile = "a.txt"\noutlet = "Wire"\n')
    build(corpus, out, validate=False, jobs=1)
    extracted.clear()
    (corpus / "manifest.toml").write_text('[[article]]\nfile = "a.txt"\noutlet = "Another wire"\n')
    report = build(corpus, out, validate=False, jobs=1)
    assert extracted == ["a"] and report.cached == 2


def test_changing_a_knowledge_file_invalidates_every_entry(corpus, tmp_path, extracted):
    ontology = tmp_path / "ontology"
    shutil.copytree(REPO / "ontology", ontology)
    out = tmp_path / "out"
    build(corpus, out, ontology=ontology, validate=False, jobs=1)
    assert build(corpus, out, ontology=ontology, validate=False, jobs=1).cached == 3
    with (ontology / "actors.toml").open("a") as handle:
        handle.write("\n# a new line\n")
    extracted.clear()
    report = build(corpus, out, ontology=ontology, validate=False, jobs=1)
    assert report.cached == 0 and extracted == ["a", "b", "c"]


def test_damaged_entries_are_extracted_again_without_a_crash(corpus, tmp_path, extracted):
    out = tmp_path / "out"
    build(corpus, out, validate=False, jobs=1)
    before = manifest(out)
    folder = out / CACHE_DIR / ENTRIES
    bins, ttls = sorted(folder.glob("*.bin")), sorted(folder.glob("*.ttl"))
    bins[0].write_bytes(bins[0].read_bytes()[:40])          # truncated
    bins[1].write_bytes(b"garbage")                         # not an entry at all
    with ttls[2].open("ab") as handle:                      # the Turtle edited behind the cache's back
        handle.write(b"# edited\n")
    extracted.clear()
    report = build(corpus, out, validate=False, jobs=1)
    assert report.cached == 0 and len(extracted) == 3
    assert manifest(out) == before  # rewritten as they were
    assert build(corpus, out, validate=False, jobs=1).cached == 3


def test_an_entry_from_other_code_is_a_miss(corpus, tmp_path, extracted):
    out = tmp_path / "out"
    build(corpus, out, validate=False, jobs=1)
    body = pickle.dumps(("not an extraction", b"\0" * SIZE))
    for path in (out / CACHE_DIR / ENTRIES).glob("*.bin"):
        path.write_bytes(MAGIC + checksum(body) + body)
    extracted.clear()
    assert build(corpus, out, validate=False, jobs=1).cached == 0 and len(extracted) == 3


def test_no_cache_extracts_everything_and_leaves_the_cache_as_it_was(corpus, tmp_path, extracted):
    out = tmp_path / "out"
    build(corpus, out, validate=False, jobs=1)
    before = manifest(out)
    extracted.clear()
    report = build(corpus, out, validate=False, jobs=1, cache=False)
    assert report.cached == 0 and extracted == ["a", "b", "c"]
    assert manifest(out) == before


def test_a_failed_build_keeps_the_previous_cache(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(corpus, out, validate=False, jobs=1)
    before = manifest(out)
    (corpus / "b.txt").write_text(ARTICLES["b.txt"].replace("Paris", "Rome"))

    def broken(*args, **kwargs):
        raise RuntimeError("merge failed")

    monkeypatch.setattr("graph.builder.pipeline.merge_articles", broken)
    with pytest.raises(RuntimeError):
        build(corpus, out, validate=False, jobs=1)
    assert manifest(out) == before


def test_the_version_covers_the_code_the_knowledge_and_the_model():
    package = REPO / "graph"
    covered = {p.relative_to(package).as_posix() for p in _code_files()}
    assert {"ingest.py", "nlp.py", "knowledge.py", "extract/events.py", "extract/dates.py", "rdf/describe.py",
            "export/turtle.py", "builder/workers.py"} <= covered
    assert "merge/events.py" not in covered and "export/html.py" not in covered
    model = available_model()
    identity = model_identity(model)  # name and version from the model's meta.json, without loading it
    assert identity.startswith(f"{model}:en_") and identity.rsplit("-", 1)[1][:1].isdigit()
    assert pipeline_version(model) != pipeline_version("some_other_model")


def test_extractions_pickle_as_they_are(extract):
    """(That an entry's bytes do not depend on the hash seed: tests/robustness/test_reproducible.py.)"""
    extraction = extract("Vladimir Putin, the Russian president, spoke with Donald Trump on Tuesday. "
                         "Putin and Mr Trump talked for 90 minutes, the Kremlin said.")
    assert extraction.events and any(len(forms) > 1 for _, forms in extraction.actors.values())
    assert pickle.loads(pickle.dumps(extraction)) == extraction
    assert pickle.loads(canonical_dumps(extraction)) == extraction
