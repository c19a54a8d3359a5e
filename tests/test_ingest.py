"""Reading articles: decoding, metadata, and clear diagnostics for bad input."""

from __future__ import annotations

import datetime as dt
import textwrap

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


def test_a_manifest_listing_many_articles_is_not_held_to_the_article_limit(tmp_path, monkeypatch):
    """A manifest grows with the corpus (10,000 articles: 3.5 MB): it has its own, larger limit."""
    from graph import settings

    entries = "".join(f'[[article]]\nfile = "a{i}.txt"\npublished = 2025-03-18\n\n' for i in range(20))
    write(tmp_path, "manifest.toml", entries)
    write(tmp_path, "a0.txt", BODY)
    monkeypatch.setattr(settings, "MAX_ARTICLE_BYTES", len(entries) // 2)
    articles, _ = read_corpus(tmp_path)
    assert [a.published for a in articles] == [dt.date(2025, 3, 18)]
    monkeypatch.setattr(settings, "MAX_MANIFEST_BYTES", len(entries) // 2)
    with pytest.raises(ManifestError, match="larger than"):
        read_corpus(tmp_path)


def test_missing_or_empty_folder(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        read_corpus(tmp_path / "nope")
    with pytest.raises(InputError, match="no \\*.txt articles"):
        read_corpus(tmp_path)


# --- untrusted input: every file gets one clear diagnostic, nothing else escapes ---------------------


def test_future_publication_date_is_a_warning(tmp_path):
    write(tmp_path, "a.txt", '+++\npublished = 2999-01-01\n+++\n' + BODY)
    [article], notes = read_corpus(tmp_path)
    assert article.published is None
    assert [n.message for n in notes] == ["publication date 2999-01-01 is implausible (in the future); ignored"]


def test_empty_front_matter_block(tmp_path):
    article, _ = read_article(write(tmp_path, "a.txt", "+++\n+++\n" + BODY))
    assert article.text == BODY


def test_front_matter_that_does_not_parse_names_the_file_and_the_error(tmp_path):
    write(tmp_path, "bad.txt", '+++\npublished = "2025-03-18\n+++\n' + BODY)
    write(tmp_path, "good.txt", BODY)
    articles, notes = read_corpus(tmp_path)
    assert [a.stem for a in articles] == ["good"]
    [error] = [n for n in notes if n.level == "error"]
    assert error.path.name == "bad.txt" and error.message.startswith("front matter is not valid TOML: ")


def test_a_50_mb_article_is_refused_without_being_read(tmp_path):
    import tracemalloc

    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50_000_000)
    write(tmp_path, "good.txt", BODY)
    tracemalloc.start()
    try:
        articles, notes = read_corpus(tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [a.stem for a in articles] == ["good"]
    [error] = [n for n in notes if n.level == "error"]
    assert error.path == huge and error.message == "50,000,000 bytes is larger than the 2,000,000-byte limit"
    assert peak < 1_000_000  # the file was never loaded


def test_a_file_that_is_larger_than_it_says_is_read_only_up_to_the_limit(tmp_path, monkeypatch):
    from pathlib import Path

    from graph import settings

    status = Path("/proc/self/status")  # a regular file whose size says 0
    if not status.is_file():
        pytest.skip("needs Linux /proc")
    monkeypatch.setattr(settings, "MAX_ARTICLE_BYTES", 64)
    (tmp_path / "a.txt").symlink_to(status)
    with pytest.raises(ArticleError, match="grew while being read"):
        read_article(tmp_path / "a.txt")


def _make_special(kind, path):
    import os

    if kind == "directory":
        path.mkdir()
        (path / "inside.txt").write_text(BODY)
    elif kind == "symlink loop":
        path.symlink_to(path.name)
    elif kind == "dangling symlink":
        path.symlink_to("gone.txt")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")


@pytest.mark.parametrize("kind, message", [
    ("directory", "is a directory, not a file"),
    ("symlink loop", "cannot read: symbolic link loop"),
    ("dangling symlink", "cannot read: dangling symbolic link"),
    ("fifo", "is not a regular file (a FIFO, socket or device)"),
    ("device", "is not a regular file (a FIFO, socket or device)"),
])
def test_things_named_txt_that_are_not_articles(tmp_path, kind, message):
    import threading

    _make_special(kind, tmp_path / "x.txt")
    write(tmp_path, "y.txt", BODY)
    result = {}
    reader = threading.Thread(target=lambda: result.update(zip(("articles", "notes"), read_corpus(tmp_path))),
                              daemon=True)
    reader.start()
    reader.join(timeout=30)  # a FIFO must not wait for a writer, /dev/zero must not be read forever
    assert not reader.is_alive(), "reading the folder hangs"
    assert [a.stem for a in result["articles"]] == ["y"]
    assert [(n.level, n.path.name, n.message) for n in result["notes"] if n.path.name == "x.txt"] == [
        ("error", "x.txt", message)]


@pytest.mark.skipif(__import__("os").geteuid() == 0,
                    reason="runs as root here: root reads a chmod 000 file, so the error cannot happen "
                           "(test_permission_denied_is_an_error covers the same path by simulating EACCES)")
def test_unreadable_file_is_an_error(tmp_path):
    path = write(tmp_path, "x.txt", BODY)
    write(tmp_path, "y.txt", BODY)
    path.chmod(0)
    articles, notes = read_corpus(tmp_path)
    assert [a.stem for a in articles] == ["y"]
    assert [(n.level, n.message) for n in notes if n.path == path] == [("error", "cannot read: Permission denied")]


def test_permission_denied_is_an_error(tmp_path, monkeypatch):
    import errno
    import os

    path = write(tmp_path, "x.txt", BODY)
    write(tmp_path, "y.txt", BODY)
    real_open = os.open

    def refusing_open(name, flags, *args, **kwargs):
        if str(name) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(name))
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    articles, notes = read_corpus(tmp_path)
    assert [a.stem for a in articles] == ["y"]
    assert [(n.level, n.message) for n in notes if n.path == path] == [("error", "cannot read: Permission denied")]


def test_a_file_name_that_cannot_be_in_an_iri_is_refused(tmp_path):
    write(tmp_path, "a b.txt", BODY)
    write(tmp_path, "c.txt", BODY)
    articles, notes = read_corpus(tmp_path)
    assert [a.stem for a in articles] == ["c"]
    [error] = [n for n in notes if n.level == "error"]
    assert error.path.name == "a b.txt" and "cannot be in an IRI" in error.message


@pytest.mark.parametrize("url", ["https://example.com/a b", "https://example.com/>x", 'http://e.com/"', "javascript:alert(1)",
                                 "ftp://example.com/a", "http://"])
def test_a_url_that_cannot_be_an_iri_is_a_warning_and_dropped(tmp_path, url):
    from graph.ingest import web_url

    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "manifest.toml", f"[[article]]\nfile = 'a.txt'\npublished = 2025-03-18\nurl = '{url}'\n")
    [article], notes = read_corpus(tmp_path)
    assert article.url is None and not web_url(url)
    [note] = notes
    assert note.level == "warning" and note.path.name == "a.txt" and note.message.startswith(f"url {url!r} is not")


def test_metadata_of_the_wrong_type_is_a_warning(tmp_path):
    write(tmp_path, "a.txt", '+++\npublished = 2025-03-18\noutlet = 5\ntitle = ["x"]\nurl = 1\n+++\n' + BODY)
    [article], notes = read_corpus(tmp_path)
    assert (article.outlet, article.title, article.url) == (None, None, None)
    assert sorted(n.message for n in notes) == ["outlet must be a string, not int; ignored",
                                                "title must be a string, not list; ignored",
                                                "url must be a string, not int; ignored"]


@pytest.mark.parametrize("manifest, message", [
    ('article = "a.txt"\n', "'article' must be an array of tables ([[article]])"),
    (None, "is a directory, not a file"),
])
def test_manifest_that_cannot_be_used_is_an_error(tmp_path, manifest, message):
    write(tmp_path, "a.txt", BODY)
    if manifest is None:
        (tmp_path / "manifest.toml").mkdir()
    else:
        write(tmp_path, "manifest.toml", manifest)
    with pytest.raises(ManifestError) as caught:
        read_corpus(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'manifest.toml'}: {message}"


def test_manifest_entries_that_name_no_file_are_skipped(tmp_path):
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "manifest.toml", '[[article]]\nfile = 3\n[[article]]\nfile = "a.txt"\npublished = 2025-03-18\n')
    [article], notes = read_corpus(tmp_path)
    assert article.published == dt.date(2025, 3, 18)
    assert [n.message for n in notes] == ["entry #1 has no 'file' name; skipped"]


def test_utf16_with_an_odd_byte_is_read_not_a_crash(tmp_path):
    article, _ = read_article(write(tmp_path, "a.txt", "Biden met Xi.\n".encode("utf-16") + b"\x00"))
    assert article.text.startswith("Biden met Xi.\n")


def test_when_no_article_can_be_read_nothing_is_built_and_each_file_is_named(tmp_path):
    write(tmp_path, "a.txt", b"")
    write(tmp_path, "b.txt", b"\x00\x01\x02")
    with pytest.raises(InputError) as caught:
        read_corpus(tmp_path)
    lines = str(caught.value).splitlines()
    assert lines == [f"{tmp_path}: none of the 2 *.txt files could be read; nothing was built",
                     f"Error: {tmp_path / 'a.txt'}: empty article",
                     f"Error: {tmp_path / 'b.txt'}: binary file, not text"]


def test_input_folder_that_is_a_file(tmp_path):
    with pytest.raises(InputError, match="is not a folder"):
        read_corpus(write(tmp_path, "a.txt", BODY))


FURNITURE_ONLY = ("Leaders meet\nA standfirst\nA third line\n"
                  + "".join(f"Teaser number {n} about the talks\n" for n in range(12))
                  + "Subscribe to our newsletter\n")


@pytest.mark.parametrize("text, warned", [
    (FURNITURE_ONLY, True),
    ("Leaders meet\n" + "\n".join(f"Vote number {n} without a stop" for n in range(12)) + "\n", True),
    (BODY, False),
    (BODY + "Related stories\nLeaders agree to talks\nSubscribe to our newsletter\n", False),
])
def test_an_article_that_is_all_furniture_is_a_warning_naming_the_file(tmp_path, text, warned):
    write(tmp_path, "manifest.toml", '[[article]]\nfile = "a.txt"\npublished = 2025-03-18\n')
    path = write(tmp_path, "a.txt", text)
    [article], notes = read_corpus(tmp_path)
    furniture = [str(n) for n in notes if "furniture" in n.message]
    assert len(furniture) == warned
    if warned:
        assert furniture[0].startswith(f"Warning: {path}: only ") and "few or no events" in furniture[0]


def test_hard_wrapped_text_is_unwrapped_as_it_is_read(tmp_path):
    paragraph = ("Joe Biden spoke with Xi Jinping by phone on Monday for more than an hour, and the two "
                 "presidents agreed that their envoys would meet in Geneva next month to prepare a visit. "
                 "An aide said the call was held at the request of the other side and went on longer than planned.")
    text = "Leaders talk\n" + textwrap.fill(paragraph, 64) + "\n"
    article, notes = read_article(write(tmp_path, "a.txt", text))
    assert article.text == "Leaders talk\n" + paragraph + "\n"
    assert len(article.text) == len(text)
    assert not any("furniture" in n.message for n in notes)
