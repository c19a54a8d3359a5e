"""What the extractors remember between calls answers as recomputing would."""

from __future__ import annotations

import shutil

from graph import settings
from graph.extract.text import doc_text


def test_doc_text_is_the_documents_text(nlp):
    doc = nlp("Putin spoke with Trump.\nThe call lasted two hours.")
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)
    other = nlp("Zelensky met Macron.")
    assert doc_text(other) == other.text


def test_every_cue_comes_from_the_folder_given_to_load_knowledge(tmp_path, nlp, knowledge):
    """A library call with another ontology folder extracts with that folder's grammar cues and pair
    phrases, not the default folder's (nothing is read behind ``load_knowledge``'s back)."""
    import datetime as dt

    from graph.extract import extract_article
    from graph.ingest import Article
    from graph.knowledge import load_knowledge

    default = settings.ontology_dir()
    events = (default / "events.toml").read_text(encoding="utf-8")
    events = events.replace('ellipsis_marks = ["as", "like"]', 'ellipsis_marks = ["like"]')
    (tmp_path / "events.toml").write_text(events, encoding="utf-8")
    shutil.copy(default / "actors.toml", tmp_path / "actors.toml")
    other = load_knowledge(tmp_path)
    assert other.extra.ellipsis_marks == frozenset({"like"}) and knowledge.extra.ellipsis_marks >= {"as", "like"}
    assert other.pairs == knowledge.pairs and other.pairs
    text = "Moldova refused to accept a truce on Monday, as Poland did last week."
    article = Article(stem="t", text=text, published=dt.date(2025, 3, 18))

    def agreements(found):
        return [e for e in extract_article(nlp(text), article, found).events if e.elliptic]

    assert agreements(knowledge) and not agreements(other)


def test_trigger_index_puts_longer_lemmas_first(knowledge):
    index = knowledge.triggers_by_first_lemma
    assert sorted(id(t) for found in index.values() for t in found) == sorted(map(id, knowledge.triggers))
    for first, found in index.items():
        assert all(t.lemma[0] == first for t in found)
        assert [len(t.lemma) for t in found] == sorted((len(t.lemma) for t in found), reverse=True)
