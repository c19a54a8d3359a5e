"""Fixtures for the ontology tests: one seed build, its graphs, the ontology and the shapes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from rdflib import Graph

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
ONTOLOGY_DIR = REPO / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "timeline.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
QUERIES_DIR = ONTOLOGY_DIR / "queries"


@pytest.fixture(scope="session")
def seed_out(seed_build) -> Path:
    """The folder of the session's seed build (tests/conftest.py)."""
    out, _ = seed_build
    assert (out / "graph.ttl").is_file()
    return out


@pytest.fixture(scope="session")
def seed_graph(seed_out) -> Graph:
    """The merged graph (graph.ttl) of the seed build. Do not modify: copy it first."""
    return Graph().parse(seed_out / "graph.ttl", format="turtle")


@pytest.fixture(scope="session")
def article_graphs(seed_out) -> dict[str, Graph]:
    """The per-article graphs of the seed build, by file stem."""
    return {path.stem: Graph().parse(path, format="turtle")
            for path in sorted((seed_out / "articles").glob("*.ttl"))}


@pytest.fixture(scope="session")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="session")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@pytest.fixture(scope="session")
def seed_with_ontology(seed_graph, ontology) -> Graph:
    """graph.ttl plus the ontology, as `timeline-kg query` loads them."""
    graph = Graph()
    for triple in seed_graph:
        graph.add(triple)
    for triple in ontology:
        graph.add(triple)
    return graph


@pytest.fixture(scope="session")
def seed_store(seed_out):
    """graph.ttl alone in pyoxigraph: a second SPARQL engine, without the ontology."""
    pyoxigraph = pytest.importorskip("pyoxigraph")
    store = pyoxigraph.Store()
    store.load(path=str(seed_out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    return store


@pytest.fixture(scope="session")
def seed_articles():
    """The seed articles as read by the build (text with front matter removed), by stem."""
    from graph.ingest import read_corpus

    articles, _diagnostics = read_corpus(SEEDS)
    return {article.stem: article for article in articles}


@pytest.fixture(scope="module")
def load_tool():
    """Load a converter script of tools/ (no package) as a module by name; unloaded after the module's tests."""
    loaded = []

    def load(name: str):
        path = REPO / "tools" / f"{name}.py"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        loaded.append(name)
        return module

    yield load
    for name in loaded:
        sys.modules.pop(name, None)
