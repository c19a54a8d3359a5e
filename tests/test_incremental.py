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
    build(corpus, out, jobs=1)
    build(corpus, fresh, jobs=1)
    assert manifest(out) == manifest(fresh)


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
