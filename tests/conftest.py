"""Shared fixtures: the spaCy pipeline, the knowledge files, one seed build."""

from __future__ import annotations

import datetime as dt
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from graph.ingest import Article
from graph.knowledge import load_knowledge
from graph.nlp import load_model

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def nlp():
    return load_model()


@pytest.fixture(scope="session")
def knowledge():
    return load_knowledge()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seeds built once for the whole session: (output folder, report)."""
    from graph.builder.pipeline import build

    out = tmp_path_factory.mktemp("seed-build")
    report = build(SEEDS, out)
    return out, report


@pytest.fixture(scope="session")
def seeds_merged(knowledge):
    """The seeds extracted and merged, undescribed: (articles, merge result, the whole merged graph)."""
    from graph.builder.workers import extract_stream
    from graph.ingest import read_corpus
    from graph.merge import merge_articles, merged_graph
    from graph.nlp import available_model

    articles, _ = read_corpus(SEEDS)
    extractions = [result.extraction for result in extract_stream(articles, available_model(), None, {})]
    merged = merge_articles(articles, extractions, knowledge, describe=False)
    return articles, merged, merged_graph(merged, articles, knowledge)


@pytest.fixture
def extract(nlp, knowledge):
    """Extract from a text written in the test, published on a given day (default Tue 18 March 2025)."""
    from graph.extract import extract_article

    def run(text: str, published: dt.date | None = dt.date(2025, 3, 18)):
        article = Article(stem="t", text=text, published=published)
        return extract_article(nlp(text), article, knowledge)

    return run


@pytest.fixture
def extracted(monkeypatch):
    """The stems of the articles parsed and extracted in this process (not taken from the cache,
    not extracted in another process), in order."""
    import graph.extract

    stems: list[str] = []
    original = graph.extract.extract_article

    def spy(doc, article, knowledge):
        stems.append(article.stem)
        return original(doc, article, knowledge)

    monkeypatch.setattr(graph.extract, "extract_article", spy)
    return stems


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):
        self.hits.append(self.path)
        self.send_response(500)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def listener():
    """A local HTTP server that records every request it gets (a SERVICE would call it)."""
    _Recorder.hits = []
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", _Recorder.hits
    server.shutdown()
    server.server_close()
