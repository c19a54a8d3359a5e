"""What the extractors remember between calls answers as recomputing would."""

from __future__ import annotations

import shutil

from graph import settings
from graph.extract.cues import extra_cues, pair_phrases
from graph.extract.text import doc_text


def test_doc_text_is_the_documents_text(nlp):
    doc = nlp("Putin spoke with Trump.\nThe call lasted two hours.")
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)
    other = nlp("Zelensky met Macron.")
    assert doc_text(other) == other.text


def test_cues_follow_the_ontology_variable(tmp_path, monkeypatch):
    default_cues, default_pairs = extra_cues(), pair_phrases()
    shutil.copy(settings.ontology_dir() / "actors.toml", tmp_path / "actors.toml")
    (tmp_path / "events.toml").write_text('[cues]\npro_verbs = ["manage"]\n', encoding="utf-8")
    monkeypatch.setenv(settings.ONTOLOGY_ENV, str(tmp_path))
    assert extra_cues().pro_verbs == frozenset({"manage"})
    assert pair_phrases() == default_pairs
    monkeypatch.delenv(settings.ONTOLOGY_ENV)
    assert extra_cues() == default_cues


def test_trigger_index_puts_longer_lemmas_first(knowledge):
    index = knowledge.triggers_by_first_lemma
    assert sorted(id(t) for found in index.values() for t in found) == sorted(map(id, knowledge.triggers))
    for first, found in index.items():
        assert all(t.lemma[0] == first for t in found)
        assert [len(t.lemma) for t in found] == sorted((len(t.lemma) for t in found), reverse=True)
