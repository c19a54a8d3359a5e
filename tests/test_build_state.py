"""Build state kept between builds (:mod:`graph.builder.stored`): the furniture check of unchanged texts."""

from __future__ import annotations

import pytest

import graph.extract.furniture
from graph.builder.checksum import PIECE, SIZE, checksum, file_checksum, running
from graph.builder.pipeline import SHARES_STATE, build
from graph.builder.stored import KNOWLEDGE_STATE, read_knowledge, read_state, state_path, write_state
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


def test_a_state_with_one_byte_changed_in_place_is_no_state(tmp_path):
    write_state(tmp_path, "other", "v1", {"x": list(range(1000))})
    path = state_path(tmp_path, "other")
    data = bytearray(path.read_bytes())
    data[-100] ^= 1                                 # same size, one bit of the pickle changed
    path.write_bytes(bytes(data))
    assert read_state(tmp_path, "other", "v1") is None


def test_a_file_checksum_is_the_checksum_of_its_bytes_and_of_its_pieces(tmp_path):
    data = bytes(range(256)) * (PIECE // 256 + 7)   # more than one piece
    path = tmp_path / "file"
    path.write_bytes(data)
    total = running()
    for at in range(0, len(data), 1000):
        total.update(data[at:at + 1000])
    assert file_checksum(path) == (len(data), checksum(data)) and total.digest() == checksum(data)
    assert len(checksum(data)) == SIZE and checksum(data[:-1]) != checksum(data)


def test_the_knowledge_is_read_from_the_state_when_it_checks_out_and_from_the_files_otherwise(tmp_path):
    from dataclasses import fields

    from graph.builder.cache import knowledge_version
    from graph.knowledge import load_knowledge

    version = knowledge_version()
    knowledge, packed = read_knowledge(None, None, version)         # no folder: the files
    assert knowledge is load_knowledge(None)
    write_state(tmp_path, KNOWLEDGE_STATE, version, packed)
    kept, again = read_knowledge(tmp_path, None, version)
    assert kept is not knowledge and again == packed
    assert all(getattr(kept, f.name) == getattr(knowledge, f.name) for f in fields(knowledge))
    assert read_knowledge(tmp_path, None, "other")[0] is knowledge  # another version: the files
    write_state(tmp_path, KNOWLEDGE_STATE, version, b"not a pickle")
    assert read_knowledge(tmp_path, None, version)[0] is knowledge
    write_state(tmp_path, KNOWLEDGE_STATE, version, {"not": "bytes"})
    assert read_knowledge(tmp_path, None, version)[0] is knowledge


def test_a_rebuild_takes_the_knowledge_from_the_state(corpus, tmp_path, monkeypatch):
    import graph.builder.stored

    out = tmp_path / "out"
    build(corpus, out, validate=False, jobs=1)
    read: list = []
    monkeypatch.setattr(graph.builder.stored, "load_knowledge", read.append)
    before = exports(out)
    build(corpus, out, validate=False, jobs=1)
    assert read == [] and exports(out) == before
