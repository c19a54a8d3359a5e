"""Parsing and extraction in worker processes and on a Dask cluster: the same output as in one process."""

from __future__ import annotations

import shutil
import sys

import pytest

from graph.errors import TimelineError
from graph.ingest import Article, read_corpus
from graph.nlp import available_model
from graph.builder.pipeline import build
from graph.builder.workers import CHUNKS_PER_WORKER, MAX_CHUNK, chunk_size, extract_stream, in_pool, workers_for
from tests.conftest import SEEDS
from tests.robustness.publish_helpers import manifest


def test_a_pool_only_when_there_are_enough_articles():
    assert workers_for(1, 8) == 1 and workers_for(3, 8) == 1  # one or a few articles: this process
    assert workers_for(4, 2) == 2 and workers_for(10_000, 2) == 2
    assert workers_for(10_000, 1) == 1
    assert chunk_size(5, 2) == 1 and chunk_size(10_000, 2) == 16


def test_the_pool_gives_results_in_input_order(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    names = ["Joe Biden", "Xi Jinping", "Emmanuel Macron", "Olaf Scholz", "Vladimir Putin", "Donald Trump"]
    for i, name in enumerate(names):  # the longest article first, so that the first chunk finishes last
        filler = "He spoke at length. " * (40 - 6 * i)
        (folder / f"{i:02d}.txt").write_text(f"{name} spoke with the press on Monday. {filler}\n")
    articles, _ = read_corpus(folder)
    seconds: dict[str, float] = {}
    results = list(in_pool(iter(articles), len(articles), 2, available_model(), None, seconds))
    assert [r.extraction.stem for r in results] == [a.stem for a in articles]
    assert all(r.turtle.startswith(b"@prefix") for r in results)
    assert set(seconds) == {"parse", "extract", "rdf"}


@pytest.mark.parametrize("workers", [1, 2])
def test_articles_stream_through_the_parse_a_bounded_number_ahead(workers):
    """Memory grows with the results, not with the texts: the stage pulls only a few batches ahead."""
    count = 200
    articles = [Article(stem=f"{i:03d}", text=f"Joe Biden spoke with Xi Jinping on Monday {i}.\n") for i in range(count)]
    pulled: list[str] = []

    def source():
        for article in articles:
            pulled.append(article.stem)
            yield article

    seconds: dict[str, float] = {}
    if workers == 1:
        results = extract_stream(source(), available_model(), None, seconds)
        bound = MAX_CHUNK + 1
    else:
        results = in_pool(source(), count, workers, available_model(), None, seconds)
        bound = (workers * CHUNKS_PER_WORKER + 1) * chunk_size(count, workers)
    first = next(results)
    ahead = len(pulled)
    rest = list(results)
    assert first.extraction.stem == "000" and [r.extraction.stem for r in rest] == [a.stem for a in articles[1:]]
    assert ahead <= bound < count


@pytest.mark.slow
def test_jobs_2_writes_the_same_files_as_jobs_1(tmp_path):
    one = build(SEEDS, tmp_path / "one", validate=False, jobs=1, cache=False)
    two = build(SEEDS, tmp_path / "two", validate=False, jobs=2, cache=False)
    assert (one.jobs, two.jobs) == (1, 2)
    assert manifest(tmp_path / "one") == manifest(tmp_path / "two")


def test_two_articles_stay_in_this_process(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Joe Biden spoke with Xi Jinping on Monday.\n")
    (folder / "b.txt").write_text("Emmanuel Macron met Olaf Scholz on Friday.\n")
    assert build(folder, tmp_path / "out", validate=False, jobs=8).jobs == 1


def test_a_scheduler_without_dask_installed_is_one_error_with_a_hint(tmp_path, monkeypatch):
    from graph.errors import SchedulerError

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Joe Biden spoke with Xi Jinping on Monday.\n")
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(SchedulerError, match="needs Dask") as caught:
        build(folder, tmp_path / "out", scheduler="tcp://127.0.0.1:1")
    assert "timeline-kg[dask]" in caught.value.hint
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_an_unreachable_scheduler_is_one_error(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    from graph.errors import SchedulerError

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Joe Biden spoke with Xi Jinping on Monday.\n")
    monkeypatch.setattr("graph.builder.distributed.CONNECT_TIMEOUT_S", 2)
    with pytest.raises(SchedulerError, match="cannot reach the Dask scheduler"):
        build(folder, tmp_path / "out", scheduler="tcp://127.0.0.1:9")
    assert isinstance(SchedulerError("x"), TimelineError)


@pytest.mark.slow
def test_a_dask_cluster_of_two_workers_writes_the_same_files_as_a_local_build(tmp_path):
    distributed = pytest.importorskip("distributed")

    local = build(SEEDS, tmp_path / "local", validate=False, jobs=1, cache=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster:
        remote = build(SEEDS, tmp_path / "dask", validate=False, cache=False, scheduler=cluster.scheduler_address)
    assert remote.jobs == 0 and remote.articles == local.articles
    assert set(remote.article_stages) == {"parse", "extract", "rdf"}
    assert manifest(tmp_path / "dask") == manifest(tmp_path / "local")


@pytest.fixture
def aside(monkeypatch, extracted):
    """Every build with a cached article extracts its few new ones beside; the stems extracted in
    this process."""
    import graph.builder.pipeline

    monkeypatch.setattr(graph.builder.pipeline, "BESIDE_HITS", 1)
    return extracted


NEW = "+++\npublished = 2025-03-20\n+++\nVladimir Putin spoke with Donald Trump by phone on Monday.\n"


def test_a_few_new_articles_beside_cached_ones_are_extracted_in_a_forked_process(tmp_path, aside, monkeypatch):
    import graph.builder.pipeline

    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    out = tmp_path / "out"
    build(folder, out, validate=False, jobs=2)
    aside.clear()
    (folder / "zz-new.txt").write_text(NEW)
    loaded: list[str] = []
    monkeypatch.setattr(graph.builder.pipeline, "load_model", loaded.append)
    report = build(folder, out, validate=False, jobs=2)
    assert report.articles - report.cached == 1 and aside == [] and loaded == []   # extracted, not here
    fresh = build(folder, tmp_path / "fresh", validate=False, jobs=1)
    assert manifest(out) == manifest(tmp_path / "fresh") and fresh.cached == 0


def test_an_error_extracting_beside_stops_the_build_and_leaves_the_exports(tmp_path, aside, monkeypatch):
    import graph.builder.workers

    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    out = tmp_path / "out"
    build(folder, out, validate=False, jobs=2)
    before = manifest(out)
    (folder / "zz-new.txt").write_text(NEW)

    def broken(articles, model, ontology, knowledge=None):
        raise TimelineError("no model here")

    monkeypatch.setattr(graph.builder.workers, "process_chunk", broken)
    with pytest.raises(TimelineError, match="no model here"):
        build(folder, out, validate=False, jobs=2)
    assert manifest(out) == before


@pytest.fixture
def early(monkeypatch):
    """The processes started early for the articles of a rebuild (graph/builder/early.py)."""
    import graph.builder.early

    started = []
    original = graph.builder.early.EarlyExtractor.__init__

    def spy(self, *args, **kwargs):
        original(self, *args, **kwargs)
        started.append(self)

    monkeypatch.setattr(graph.builder.early.EarlyExtractor, "__init__", spy)
    return started


def test_a_rebuild_starts_its_extracting_process_before_reading_and_stops_it_when_nothing_is_new(
        tmp_path, aside, early):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    out = tmp_path / "out"
    build(folder, out, validate=False, jobs=2)
    assert early == []                                  # no cache yet: nothing started
    build(folder, out, validate=False, jobs=1)
    assert early == []                                  # one job: nothing beside
    build(folder, out, validate=False, jobs=2)
    assert len(early) == 1 and early[0].running.pid is None and early[0].results is None    # stopped
    (folder / "zz-new.txt").write_text(NEW)
    report = build(folder, out, validate=False, jobs=2)
    assert len(early) == 2 and report.articles - report.cached == 1 and aside == []         # extracted there
    assert early[1].running.pid is None
    build(folder, tmp_path / "fresh", validate=False, jobs=1)
    assert manifest(out) == manifest(tmp_path / "fresh")


def test_without_a_process_beside_the_early_articles_are_extracted_here(tmp_path, aside, early, monkeypatch):
    import graph.builder.early
    from graph.builder.beside import Beside

    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    out = tmp_path / "out"
    build(folder, out, validate=False, jobs=2)
    (folder / "zz-new.txt").write_text(NEW)
    monkeypatch.setattr(graph.builder.early, "beside", Beside)     # as where the system cannot fork
    aside.clear()
    report = build(folder, out, validate=False, jobs=2)
    assert len(early) == 1 and report.articles - report.cached == 1 and aside == ["zz-new"]
    build(folder, tmp_path / "fresh", validate=False, jobs=1)
    assert manifest(out) == manifest(tmp_path / "fresh")


def test_an_input_error_stops_the_early_process(tmp_path, aside, early):
    from graph.errors import InputError

    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    out = tmp_path / "out"
    build(folder, out, validate=False, jobs=2)
    (folder / "zz-bad.txt").write_bytes(b"\xff\xfe\x00binary\x00")
    with pytest.raises(InputError):
        build(folder, out, validate=False, jobs=2, strict=True)
    assert len(early) == 1 and early[0].running.pid is None
