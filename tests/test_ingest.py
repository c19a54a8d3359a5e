"""Reading articles: decoding, metadata, and clear diagnostics for bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.errors import ArticleError, InputError, ManifestError
from graph.ingest import read_article, read_corpus

BODY = "Joe Biden spoke with Xi Jinping on Monday.\n"


def write(folder, name, data):
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_manifest_gives_metadata(tmp_path):
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "manifest.toml", '[[article]]\nfile = "a.txt"\npublished = 2025-03-18\noutlet = "Daily"\n')
    [article], notes = read_corpus(tmp_path)
    assert (article.stem, article.published, article.outlet) == ("a", dt.date(2025, 3, 18), "Daily")
    assert notes == []


def test_front_matter_overrides_manifest(tmp_path):
    write(tmp_path, "a.txt", '+++\npublished = 2024-01-02\ntitle = "T"\n+++\n' + BODY)
    [article], _ = read_corpus(tmp_path)
    assert article.published == dt.date(2024, 1, 2) and article.title == "T" and article.text == BODY


def test_no_date_is_a_warning_naming_the_file(tmp_path):
    write(tmp_path, "a.txt", BODY)
    [article], notes = read_corpus(tmp_path)
    assert article.published is None
    assert [str(n) for n in notes] == [f"Warning: {tmp_path / 'a.txt'}: no publication date; relative dates stay unresolved"]


@pytest.mark.parametrize("data, message", [
    (b"", "empty article"),
    (b"   \n\n", "empty article"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
])
def test_unreadable_articles_are_errors_and_others_still_load(tmp_path, data, message):
    write(tmp_path, "bad.txt", data)
    write(tmp_path, "good.txt", BODY)
    articles, notes = read_corpus(tmp_path)
    assert [a.stem for a in articles] == ["good"]
    assert any(n.level == "error" and n.path.name == "bad.txt" and n.message == message for n in notes)


def test_latin1_is_read_with_a_warning(tmp_path):
    path = write(tmp_path, "a.txt", "Zelenskyy met Macron in Besançon on Monday.\n".encode("latin-1"))
    article, notes = read_article(path)
    assert "Besançon" in article.text
    assert [n.message for n in notes if n.level == "warning"][0] == "not UTF-8; read as Windows-1252/Latin-1"


def test_utf16_with_bom_and_crlf(tmp_path):
    path = write(tmp_path, "a.txt", "Line one.\r\nLine two.\r\n".encode("utf-16"))
    article, _ = read_article(path)
    assert article.text == "Line one.\nLine two.\n"


def test_html_is_stripped_to_text(tmp_path):
    page = "<html><head><script>alert(1)</script></head><body><p>Biden met Xi.</p><p>They talked.</p></body></html>"
    article, notes = read_article(write(tmp_path, "a.txt", page))
    assert article.text == "Biden met Xi.\nThey talked."
    assert any("HTML" in n.message for n in notes)


def test_malformed_manifest_is_an_error_naming_it(tmp_path):
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "manifest.toml", "[[article]\nfile = ")
    with pytest.raises(ManifestError) as caught:
        read_corpus(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'manifest.toml'}: not valid TOML")


def test_manifest_problems_are_warnings(tmp_path):
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "b.txt", BODY)
    write(tmp_path, "manifest.toml", '[[article]]\nfile = "a.txt"\npublished = "yesterday"\ncolour = "red"\n'
                                     '[[article]]\nfile = "a.txt"\n[[article]]\nfile = "gone.txt"\n')
    _, notes = read_corpus(tmp_path)
    messages = sorted(n.message for n in notes)
    assert messages == sorted([
        "a.txt: unknown keys colour",
        "a.txt is listed twice; the first entry is used",
        "gone.txt is listed but does not exist",
        "not in manifest.toml; no metadata",
        "no publication date; relative dates stay unresolved",
        "publication date 'yesterday' is not YYYY-MM-DD; ignored",
    ])


def test_implausible_dates_are_ignored(tmp_path):
    write(tmp_path, "a.txt", '+++\npublished = 1850-01-01\n+++\n' + BODY)
    [article], notes = read_corpus(tmp_path)
    assert article.published is None
    assert "implausible" in notes[0].message


def test_broken_front_matter(tmp_path):
    with pytest.raises(ManifestError):
        read_article(write(tmp_path, "a.txt", "+++\npublished = \n+++\n" + BODY))
    with pytest.raises(ManifestError):
        read_article(write(tmp_path, "b.txt", "+++\npublished = 2024-01-01\n" + BODY))


def test_huge_article_is_refused(tmp_path, monkeypatch):
    from graph import settings

    monkeypatch.setattr(settings, "MAX_ARTICLE_BYTES", 100)
    with pytest.raises(ArticleError, match="larger than"):
        read_article(write(tmp_path, "a.txt", BODY * 10))


def test_missing_or_empty_folder(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        read_corpus(tmp_path / "nope")
    with pytest.raises(InputError, match="no \\*.txt articles"):
        read_corpus(tmp_path)
