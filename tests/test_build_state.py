"""Build state kept between builds (:mod:`graph.builder.stored`): the furniture check of unchanged texts."""

from __future__ import annotations

import pytest

import graph.extract.furniture
from graph.builder.pipeline import SHARES_STATE, build
from graph.builder.stored import read_state, state_path, write_state
from tests.test_cache import ARTICLES, corpus, exports  # noqa: F401  (corpus: a fixture used here)


@pytest.fixture
def checked(monkeypatch):
    """The texts whose furniture was checked, in order."""
    texts: list[str] = []
    original = graph.extract.furniture.story_share

    def spy(text, rules=None):
        texts.append(text)
        return original(text, rules)

    monkeypatch.setattr(graph.extract.furniture, "story_share", spy)
    return texts


def test_a_rebuild_checks_the_furniture_of_new_and_changed_texts_only(corpus, tmp_path, checked):
    out = tmp_path / "out"
    build(corpus, out, validate=False, jobs=1)
    assert len(checked) == 3
    checked.clear()
    build(corpus, out, validate=False, jobs=1)
    assert checked == []
    (corpus / "b.txt").write_text(ARTICLES["b.txt"].replace("Paris", "Berlin"))
    (corpus / "d.txt").write_text("+++\npublished = 2025-03-20\n+++\nXi Jinping visited Moscow on Wednesday.\n")
    build(corpus, out, validate=False, jobs=1)
    assert sorted(checked) == ["Emmanuel Macron met Olaf Scholz in Berlin on Friday.\n",
                               "Xi Jinping visited Moscow on Wednesday.\n"]


def test_a_damaged_or_foreign_state_is_no_state(corpus, tmp_path, checked):
    out = tmp_path / "out"
    build(corpus, out, validate=False, jobs=1)
    before = exports(out)
    path = state_path(out, SHARES_STATE)
    path.write_bytes(path.read_bytes()[:-3])
    checked.clear()
    build(corpus, out, validate=False, jobs=1)
    assert len(checked) == 3 and exports(out) == before
    write_state(out, "other", "v1", {"x": 1})
    assert read_state(out, "other", "v1") == {"x": 1}
    assert read_state(out, "other", "v2") is None and read_state(out, "missing", "v1") is None
