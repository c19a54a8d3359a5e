"""Reading articles and their metadata from an input folder.

An input folder holds ``*.txt`` articles and, optionally, ``manifest.toml``
with one ``[[article]]`` table per file (``file``, ``published``, ``outlet``,
``url``, ``title``). An article may instead start with a TOML front-matter
block between ``+++`` lines. Problems with one file become
:class:`Diagnostic` records naming the file; the other files still load.

Input is untrusted. Whatever bytes a file holds, reading it either gives an
:class:`Article` or raises an :class:`~graph.errors.InputError` subclass
naming the file; nothing else escapes (``tests/robustness/test_fuzz.py``).
A file is opened without blocking and checked to be a regular file before a
byte is read (a directory, FIFO or device named ``*.txt`` is refused, never
waited on or read forever), and at most ``MAX_ARTICLE_BYTES`` + 1 bytes are
ever read (``MAX_MANIFEST_BYTES`` for the manifest, which lists every
article), so a 50 MB article is refused at once without being loaded. A file
name that cannot be part of an IRI (space, ``<``, ``>``, …) and a ``url``
that is not an http(s) URL usable as an IRI are refused with a diagnostic
instead of producing Turtle that does not parse.

Hard-wrapped text (wire copy pasted from an e-mail or a terminal) is
unwrapped as it is read (:mod:`graph.unwrap`, same length, so offsets stay
valid), and an article left with (almost) no story once its page furniture
is set aside gets a warning (:func:`furniture_note`). That check reads the
whole text; a :class:`StoryShares` memo passed to :func:`read_corpus` keeps
its result by the text's hash, so a rebuild does not check unchanged
articles again (the build keeps the memo in its cache).
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import hashlib
import html
import os
import re
import stat
import tomllib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from graph import settings
from graph.errors import ArticleError, InputError, ManifestError
from graph.unwrap import unwrap_hard_wrapped

MANIFEST = "manifest.toml"
METADATA_KEYS = {"file", "published", "outlet", "url", "title", "topic"}
TEXT_KEYS = ("outlet", "url", "title")
EARLIEST = dt.date(1900, 1, 1)
#: Characters that cannot appear in a Turtle IRI (``IRIREF``): controls, space, ``<>"{}|^`\``.
IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def web_url(value: object) -> bool:
    """True for an ``http(s)://`` URL that can be written as an IRI in Turtle."""
    return (isinstance(value, str) and value.startswith(("http://", "https://"))
            and len(value.split("://", 1)[1]) > 0 and not IRI_UNSAFE.search(value))


@dataclass(frozen=True)
class Diagnostic:
    """A warning or error about one input file."""

    level: str      # "warning" or "error"
    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.level.capitalize()}: {self.path}: {self.message}"


@dataclass(frozen=True)
class Article:
    """One article: its text (normalised) and what is known about it."""

    stem: str
    text: str
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    path: Path | None = field(default=None, compare=False)


class _TextOfHTML(HTMLParser):
    """Collects the visible text of an HTML page, one block per line."""

    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"}
    SKIP = {"script", "style", "noscript", "template", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    parser = _TextOfHTML()
    parser.feed(markup)
    parser.close()
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or len(re.findall(r"</?(p|div|span|a|br|body)\b", head)) >= 3


#: Control characters other than tab and line feed (carriage returns are gone by then): binary data.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f]")


def decode(data: bytes, path: Path) -> tuple[str, list[Diagnostic]]:
    """Bytes of an article → text with ``\\n`` line ends; refuses binary data."""
    notes: list[Diagnostic] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    else:
        if b"\x00" in data[:8192]:
            raise ArticleError("binary file, not text", path=path)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            notes.append(Diagnostic("warning", path, "not UTF-8; read as Windows-1252/Latin-1"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(CONTROLS.findall(text, 0, 8192))
    if controls > 0.05 * max(1, min(len(text), 8192)):
        raise ArticleError("binary file, not text", path=path)
    return text, notes


def split_front_matter(text: str, path: Path) -> tuple[dict, str]:
    """``+++`` TOML front matter at the top of an article → (metadata, rest)."""
    if not text.startswith("+++\n"):
        return {}, text
    end = text.find("\n+++", 3)
    if end < 0:
        raise ManifestError("front matter opened with +++ is never closed", path=path)
    try:
        meta = tomllib.loads(text[4:end])
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"front matter is not valid TOML: {exc}", path=path) from exc
    rest = text[end + 4:]
    return meta, rest[1:] if rest.startswith("\n") else rest


def _published(value, path: Path, notes: list[Diagnostic]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value))
        except ValueError:
            notes.append(Diagnostic("warning", path, f"publication date {value!r} is not YYYY-MM-DD; ignored"))
            return None
    if value < EARLIEST or value > dt.date.today():
        why = "before 1900" if value < EARLIEST else "in the future"
        notes.append(Diagnostic("warning", path, f"publication date {value} is implausible ({why}); ignored"))
        return None
    return value


def _text_field(merged: dict, key: str, path: Path, notes: list[Diagnostic]) -> str | None:
    """A metadata string (``outlet``, ``title``, ``url``), or None with a warning when unusable."""
    value = merged.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        notes.append(Diagnostic("warning", path, f"{key} must be a string, not {type(value).__name__}; ignored"))
        return None
    if key == "url" and not web_url(value):
        notes.append(Diagnostic("warning", path, f"url {value!r} is not an http(s) URL usable as an IRI "
                                                 "(no spaces, <, >, \", {, }, |, \\, ^, `); ignored"))
        return None
    return value


def read_manifest(folder: Path) -> tuple[dict[str, dict], list[Diagnostic]]:
    """``manifest.toml`` → {file name: metadata}; missing manifest → empty."""
    path = folder / MANIFEST
    if not os.path.lexists(path):
        return {}, []
    hint = "fix the manifest or remove it and use front matter"
    try:
        raw = _read_bytes(path, settings.MAX_MANIFEST_BYTES)
    except ArticleError as exc:
        raise ManifestError(exc.message, path=path, hint=hint) from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ManifestError(f"not valid TOML: {exc}", path=path, hint=hint) from exc
    listed = data.get("article", [])
    if not isinstance(listed, list):
        raise ManifestError("'article' must be an array of tables ([[article]])", path=path, hint=hint)
    notes: list[Diagnostic] = []
    entries: dict[str, dict] = {}
    for i, entry in enumerate(listed):
        name = entry.get("file") if isinstance(entry, dict) else None
        if not name or not isinstance(name, str):
            notes.append(Diagnostic("warning", path, f"entry #{i + 1} has no 'file' name; skipped"))
            continue
        unknown = sorted(set(entry) - METADATA_KEYS)
        if unknown:
            notes.append(Diagnostic("warning", path, f"{name}: unknown keys {', '.join(unknown)}"))
        if name in entries:
            notes.append(Diagnostic("warning", path, f"{name} is listed twice; the first entry is used"))
            continue
        if not os.path.lexists(folder / name):
            notes.append(Diagnostic("warning", path, f"{name} is listed but does not exist"))
        entries[name] = entry
    return entries, notes


def _cannot_open(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ELOOP:
        return "cannot read: symbolic link loop"
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return "cannot read: dangling symbolic link"
    if exc.errno == errno.EISDIR:
        return "is a directory, not a file"
    return f"cannot read: {exc.strerror or exc}"


def _read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (default ``MAX_ARTICLE_BYTES``).

    The file is opened without blocking (a FIFO never waits for a writer)
    and checked before reading; at most the limit plus one byte is read, so
    a file that is too large, or grows while it is read, is refused without
    being loaded.
    """
    limit = settings.MAX_ARTICLE_BYTES if limit is None else limit
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise ArticleError(_cannot_open(exc, path), path=path) from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ArticleError("is a directory, not a file", path=path)
        if not stat.S_ISREG(info.st_mode):
            raise ArticleError("is not a regular file (a FIFO, socket or device)", path=path)
        if info.st_size > limit:
            raise ArticleError(f"{info.st_size:,} bytes is larger than the {limit:,}-byte limit", path=path)
        chunks, total = [], 0
        while chunk := os.read(fd, min(max(info.st_size + 1, 1 << 16), limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise ArticleError(f"larger than the {limit:,}-byte limit (it grew while being read)", path=path)
        return b"".join(chunks)
    except OSError as exc:
        raise ArticleError(_cannot_open(exc, path), path=path) from exc
    finally:
        os.close(fd)


class StoryShares:
    """Story shares (:func:`graph.extract.furniture.story_share`) by the SHA-256 of the text.

    ``known`` are the shares a previous build computed (with the same code
    and furniture rules: the caller's business); ``used`` collects the ones
    this reading looked up or computed, to be kept for the next build.
    """

    def __init__(self, known: dict[str, float] | None = None) -> None:
        self.known = known or {}
        self.used: dict[str, float] = {}

    def share(self, text: str, rules) -> float:
        from graph.extract.furniture import story_share

        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        share = self.known.get(key)
        if share is None:
            share = story_share(text, rules)
        self.used[key] = share
        return share


def furniture_note(text: str, path: Path, shares: StoryShares | None = None) -> Diagnostic | None:
    """A warning when (almost) all of an article's text is page furniture, else None.

    Imported here: :mod:`graph.extract` imports this module for :class:`Article`.
    """
    from graph.extract.furniture import load_furniture_rules, story_share

    rules = load_furniture_rules()
    share = shares.share(text, rules) if shares is not None else story_share(text, rules)
    if share >= rules.min_story_share:
        return None
    return Diagnostic("warning", path, f"only {share:.0%} of the text is story, the rest looks like page furniture "
                                       "(links, prompts, credits, short lines); few or no events will come from it")


def read_article(path: Path, meta: dict | None = None,
                 shares: StoryShares | None = None) -> tuple[Article, list[Diagnostic]]:
    """Read one article file, merging manifest metadata with its front matter (``shares``: see
    :class:`StoryShares`).

    Raises :class:`ArticleError` or :class:`ManifestError` (both
    :class:`InputError`) and nothing else, whatever the file holds.
    """
    path = Path(path)
    if IRI_UNSAFE.search(path.stem):
        raise ArticleError("the file name has characters that cannot be in an IRI "
                           "(space, control, <, >, \", {, }, |, \\, ^, `); rename the file", path=path)
    data = _read_bytes(path)
    text, notes = decode(data, path)
    front, text = split_front_matter(text, path)
    if looks_like_html(text):
        text = html_to_text(html.unescape(text) if "&lt;" in text[:200] else text)
        notes.append(Diagnostic("warning", path, "looks like HTML; markup stripped"))
    if not text.strip():
        raise ArticleError("empty article", path=path)
    text = unwrap_hard_wrapped(text)
    furniture = furniture_note(text, path, shares)
    if furniture:
        notes.append(furniture)
    merged = {**(meta or {}), **front}
    published = _published(merged.get("published"), path, notes)
    if published is None and not any("publication date" in n.message for n in notes):
        notes.append(Diagnostic("warning", path, "no publication date; relative dates stay unresolved"))
    fields = {key: _text_field(merged, key, path, notes) for key in TEXT_KEYS}
    article = Article(stem=path.stem, text=text, published=published, path=path, **fields)
    return article, notes


def read_corpus(folder: Path, shares: StoryShares | None = None) -> tuple[list[Article], list[Diagnostic]]:
    """Every ``*.txt`` article in ``folder`` (sorted by name) with its diagnostics; ``shares``
    remembers the furniture check of each text (:class:`StoryShares`)."""
    folder = Path(folder)
    if not folder.is_dir():
        what = "is not a folder" if os.path.lexists(folder) else "input folder does not exist"
        raise InputError(what, path=folder, hint="pass the folder holding the *.txt articles")
    manifest, notes = read_manifest(folder)
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        raise InputError("no *.txt articles found", path=folder)
    listed = set(manifest)
    articles = []
    for path in paths:
        if manifest and path.name not in listed:
            notes.append(Diagnostic("warning", path, f"not in {MANIFEST}; no metadata"))
        try:
            article, article_notes = read_article(path, manifest.get(path.name), shares)
        except (ArticleError, ManifestError) as exc:
            notes.append(Diagnostic("error", path, exc.message))
            continue
        notes.extend(article_notes)
        articles.append(article)
    if not articles:
        lines = "\n".join(str(n) for n in notes)
        raise InputError(f"none of the {len(paths)} *.txt files could be read; nothing was built\n{lines}",
                         path=folder)
    return articles, notes
