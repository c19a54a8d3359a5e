"""Hypothesis strategies and properties for fuzzing, shared by tests/robustness/test_fuzz.py and bench/fuzz.py.

Each ``check_*`` function is one property: it runs the code under test on
one generated input and raises AssertionError (or lets an unexpected
exception escape) when the input breaks the property.
"""

from __future__ import annotations

import atexit
import calendar
import datetime as dt
import shutil
import tempfile
from pathlib import Path

from hypothesis import strategies as st

from graph.errors import InputError
from graph.extract.date_rules import TENSES, read
from graph.extract.dates import default_vocabulary, resolve

# ------------------------------------------------------------ date resolver

#: Publication dates the resolver is given: ingest drops any before 1900 or in the future.
_DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
ANCHORS = st.sampled_from(range(5)).flatmap(lambda i: st.none() if i == 4 else _DATES)  # a fifth without an anchor
#: The largest distance of a relative expression from its anchor: "999 years ago" (three digits at most).
AGO_LIMIT = dt.timedelta(days=1000 * 366)
#: Any other relative expression: "29 February" may be 8 years away, "next year" ends within 2.
NEAR_LIMIT = dt.timedelta(days=9 * 366)


def _words() -> list[str]:
    vocab = default_vocabulary()
    words = [*calendar.month_name[1:], *calendar.month_abbr[1:], "Sept", "Sept.", *calendar.day_name,
             *(p.phrase for p in vocab.relative), *(w for w, _ in vocab.modifiers), *vocab.absorbed_prepositions,
             *vocab.licensing_prepositions, *vocab.weekday_edges, *vocab.weekday_parts,
             *(w for w, _ in vocab.numbers), *(u for u, _ in vocab.ago_rules), *(w for w, _, _ in vocab.parts_of_month),
             *(w for w, _, _ in vocab.parts_of_year), "ago", "year", "years", "the", "of", "'s", ",", "-", "–",
             "last year", "this year", "next year", "weeks", "days", "months", "st", "nd", "th", "0", "00"]
    return sorted(set(words))


def _number() -> st.SearchStrategy[str]:
    return st.one_of(st.integers(0, 3100).map(str), st.integers(1, 31).map(lambda d: f"{d}th"),
                     st.sampled_from(["1800", "1899", "1900", "1999", "2000", "2024", "2025", "2099"]))


def _case(word: str, style: int) -> str:
    return (word, word.lower(), word.upper(), word.title())[style % 4]


def _templates() -> st.SearchStrategy[str]:
    """One expression per rule of the resolver, with values at and past the edges (day 0..39, year 1700..2200)."""
    vocab = default_vocabulary()
    month = st.sampled_from([*calendar.month_name[1:], *calendar.month_abbr[1:], "Sept", "Sept.", "Jan."])
    full_month = st.sampled_from(calendar.month_name[1:])
    weekday = st.sampled_from(list(calendar.day_name))
    day = st.one_of(st.integers(0, 39).map(str), st.integers(1, 31).map(lambda d: f"{d}{['st', 'nd', 'rd', 'th'][d % 4]}"))
    year = st.one_of(st.integers(1700, 2200).map(str), st.sampled_from(["1800", "1900", "2024", "2025", "2099"]))
    prep = st.sampled_from(["", *(p + " " for p in vocab.absorbed_prepositions)])
    mod = st.sampled_from([w for w, _ in vocab.modifiers])
    count = st.one_of(st.integers(0, 999).map(str), st.sampled_from([w for w, _ in vocab.numbers]))
    unit = st.sampled_from([u for u, _ in vocab.ago_rules])
    part_month = st.sampled_from([w for w, _, _ in vocab.parts_of_month])
    part_year = st.sampled_from([w for w, _, _ in vocab.parts_of_year])
    phrase = st.sampled_from([r.phrase for r in vocab.relative])
    edge = st.sampled_from(["", *(e + " " for e in vocab.weekday_edges)])
    part = st.sampled_from(["", *(" " + p for p in vocab.weekday_parts)])
    t = st.tuples
    return st.one_of(
        t(edge, prep, weekday, part).map(lambda x: f"{x[0]}{x[1]}{x[2]}{x[3]}"),
        t(prep, mod, weekday).map(lambda x: f"{x[0]}{x[1]} {x[2]}"),
        t(prep, month, day).map(lambda x: f"{x[0]}{x[1]} {x[2]}"),
        t(prep, day, month).map(lambda x: f"{x[0]}{x[1]} {x[2]}"),
        t(prep, month, day, year).map(lambda x: f"{x[0]}{x[1]} {x[2]}, {x[3]}"),
        t(prep, weekday, day, month, year).map(lambda x: f"{x[0]}{x[1]}, the {x[2]} of {x[3]} {x[4]}"),
        t(prep, month, year).map(lambda x: f"{x[0]}{x[1]} {x[2]}"),
        t(prep, part_month, full_month, st.one_of(st.just(""), year.map(lambda y: ", " + y)))
        .map(lambda x: f"{x[0]}{x[1]}-{x[2]}{x[3]}"),
        t(prep, part_year, year).map(lambda x: f"{x[0]}{x[1]} {x[2]}"),
        t(prep, full_month, mod).map(lambda x: f"{x[0]}{x[1]} {x[2]} year"),
        t(prep, mod, full_month).map(lambda x: f"{x[0]}{x[1]} {x[2]}"),
        t(prep, full_month).map(lambda x: f"{x[0]}{x[1]}"),
        t(prep, phrase).map(lambda x: f"{x[0]}{x[1]}"),
        t(count, unit, st.sampled_from(["", "s"])).map(lambda x: f"{x[0]} {x[1]}{x[2]} ago"),
        t(prep, st.integers(170, 220)).map(lambda x: f"{x[0]}the {x[1]}0s"),
        t(prep, year, year).map(lambda x: f"{x[0]}{x[1]}-{x[2]}"),
        t(prep, year).map(lambda x: f"{x[0]}{x[1]}"),
        t(st.integers(1700, 2200), st.integers(0, 19), st.integers(0, 39)).map(lambda x: f"{x[0]:04d}-{x[1]:02d}-{x[2]:02d}"),
    )


def time_expressions() -> st.SearchStrategy[str]:
    """Expressions shaped like the resolver's rules (so that they fire), word salad from its vocabulary,
    and arbitrary text; in any letter case and spacing."""
    token = st.one_of(st.sampled_from(_words()), _number(), st.text(max_size=4))
    words = st.lists(st.tuples(token, st.integers(0, 3)), min_size=1, max_size=6)
    separator = st.sampled_from([" ", " ", " ", "  ", "\n", "\t", "-", ", "])
    salad = st.tuples(words, separator).map(lambda pair: pair[1].join(_case(w, s) for w, s in pair[0]))
    shaped = st.tuples(_templates(), st.integers(0, 7), st.sampled_from(["", "", "'s", " ", "."])).map(
        lambda x: (_case(x[0], x[1]) if x[1] < 4 else x[0].replace(" ", "  " if x[1] == 4 else "\n")) + x[2])
    return st.sampled_from(range(5)).flatmap(lambda i: shaped if i < 3 else salad if i == 3 else st.text(max_size=40))


TENSE_VALUES = st.sampled_from(range(10)).flatmap(lambda i: st.text(max_size=8) if i == 9 else st.sampled_from(TENSES))


def check_resolve(text: str, anchor: dt.date | None, tense: str) -> None:
    """Only the documented ValueError (a bad tense); spans are ordered; relative ones stay near the anchor."""
    try:
        found = resolve(text, anchor, tense)
    except ValueError:
        assert tense not in TENSES, f"ValueError for a valid tense {tense!r}"
        return
    assert tense in TENSES, f"no ValueError for tense {tense!r}"
    if found is None:
        return
    span, rule = found
    assert isinstance(rule, str) and rule
    assert span.begin <= span.end, (text, span)
    _, reading = read(text, anchor, tense, default_vocabulary())
    if reading.anchored:
        assert anchor is not None, f"{text!r} resolved without an anchor"
        limit = AGO_LIMIT if rule.endswith("-ago") else NEAR_LIMIT
        assert abs(span.begin - anchor) <= limit and abs(span.end - anchor) <= limit, (text, anchor, span, rule)


# ------------------------------------------------------------------- ingest

_TOML_VALUES = ["1", "-3", "1.5", "true", '"x"', "''", '""', "[1, 2]", "{a = 1}", "2025-03-18", "1850-01-01",
                "2999-12-31", "1979-05-27T07:32:00Z", "1979-05-27T07:32:00", "07:32:00", '"2025-03-18"',
                '"yesterday"', '"https://example.com/a b"', '"https://example.com/x>"', '"javascript:alert(1)"',
                '"https://example.com/ok"', '"\\u0000"', '"\\ud800"', "[[1]]", "nan", "inf"]
_KEYS = ["published", "outlet", "url", "title", "topic", "file", "colour", "", "a.b", '"quoted"']


def front_matter() -> st.SearchStrategy[str]:
    """``+++`` blocks: TOML-like lines for the known keys and others, with arbitrary values and text."""
    line = st.one_of(
        st.tuples(st.sampled_from(_KEYS), st.one_of(st.sampled_from(_TOML_VALUES), st.text(max_size=12)))
        .map(lambda kv: f"{kv[0]} = {kv[1]}"),
        st.text(max_size=20))
    block = st.lists(line, max_size=5).map("\n".join)
    closing = st.sampled_from(["\n+++\n", "\n+++", "\n++++\n", "\n", "", "\n+++\r\n"])
    body = st.one_of(st.just("Joe Biden met Xi Jinping on Monday.\n"), st.text(max_size=60))
    return st.tuples(st.sampled_from(["+++\n", "+++\n", "+++\r\n", "+++"]), block, closing, body).map("".join)


def article_bytes() -> st.SearchStrategy[bytes]:
    """Arbitrary bytes, and text with front matter in the encodings and shapes ingest knows."""
    encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"])
    encoded = st.tuples(st.one_of(front_matter(), st.text(max_size=200)), encodings).map(
        lambda pair: pair[0].encode(pair[1], errors="replace"))
    html = st.text(max_size=80).map(lambda t: f"<html><body><p>{t}</p><script>x</script></body></html>".encode())
    boms = st.tuples(st.sampled_from([b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf"]), st.binary(max_size=200)).map(
        lambda pair: pair[0] + pair[1])
    return st.sampled_from(range(6)).flatmap(lambda i: (encoded, st.binary(max_size=300), encoded, html, boms, encoded)[i])


def check_decode(data: bytes) -> None:
    """decode: text with ``\\n`` line ends, or an InputError."""
    from graph.ingest import decode

    try:
        text, notes = decode(data, Path("fuzz.txt"))
    except InputError:
        return
    assert isinstance(text, str) and "\r" not in text
    assert all(n.path == Path("fuzz.txt") for n in notes)


def check_front_matter(text: str) -> None:
    """split_front_matter: (metadata, rest) or an InputError."""
    from graph.ingest import split_front_matter

    try:
        meta, rest = split_front_matter(text, Path("fuzz.txt"))
    except InputError:
        return
    assert isinstance(meta, dict) and isinstance(rest, str)
    assert meta == {} and rest == text or len(rest) < len(text)


_FOLDER = None


def check_read_article(data: bytes) -> None:
    """read_article on a file holding ``data``: an Article with usable metadata, or an InputError."""
    from graph.ingest import EARLIEST, read_article, web_url

    global _FOLDER
    if _FOLDER is None:
        _FOLDER = Path(tempfile.mkdtemp(prefix="fuzz-ingest-"))
        atexit.register(shutil.rmtree, _FOLDER, True)
    path = _FOLDER / "fuzz.txt"
    path.write_bytes(data)
    try:
        article, notes = read_article(path)
    except InputError:
        return
    assert article.text.strip() and "\r" not in article.text
    assert article.published is None or EARLIEST <= article.published <= dt.date.today()
    assert article.url is None or web_url(article.url)
    assert all(v is None or isinstance(v, str) for v in (article.outlet, article.title, article.url))
    assert all(n.path == path and n.level in ("warning", "error") for n in notes)


# ------------------------------------------------------------------- Turtle

#: Text that matters in Turtle: quotes (also three), backslashes, escapes written out, line breaks, <>.
_TRICKY = ['"', '"""', "'", "'''", "\\", "\\n", "\\u0022", "\\U0001F600", "\n", "\r", "\r\n", "\t", "<", ">",
           "<script>", "@prefix", "#", "^^", "@en", "\x00", "\x1f", "\x7f", "\u2028", "\ufeff", "😀", " ", ".", ";"]


def tricky_text() -> st.SearchStrategy[str]:
    """Any text (no lone surrogates: no reader can produce them), weighted towards Turtle's special characters."""
    return st.one_of(st.text(), st.lists(st.one_of(st.sampled_from(_TRICKY), st.text(max_size=3)), max_size=8).map("".join))


def urls() -> st.SearchStrategy[str]:
    return st.one_of(st.text(max_size=20).map(lambda t: "https://example.com/" + t),
                     st.tuples(st.sampled_from(["http://", "https://", "javascript:", "", "HTTP://"]), tricky_text())
                     .map("".join))


def check_turtle_literal(text: str) -> None:
    """A literal holding ``text`` comes back from Turtle unchanged."""
    from rdflib import Literal, URIRef

    from graph.export.turtle import to_turtle
    from graph.rdf.namespaces import new_graph

    graph = new_graph()
    graph.add((URIRef("https://w3id.org/timeline-kg/id/x"), URIRef("https://schema.org/text"), Literal(text)))
    back = _parse(to_turtle(graph))
    assert [str(o) for o in back.objects()] == [text]


def check_turtle_article(text: str, title: str, outlet: str, url: str, stem: str) -> None:
    """An article with this text, title, outlet and manifest url: its Turtle parses and says the same."""
    from rdflib import Literal, URIRef
    from rdflib.compare import isomorphic

    from graph.export.turtle import to_turtle
    from graph.ingest import Article, web_url
    from graph.rdf import ids
    from graph.rdf.describe import _selector, add_article
    from graph.rdf.namespaces import OA, SCHEMA, new_graph

    article = Article(stem=stem, text=text, published=dt.date(2025, 3, 18), title=title or None,
                      outlet=outlet or None, url=url or None)
    graph = new_graph()
    node = add_article(graph, article)
    selector = ids.part_iri(ids.mention_iri(stem, 0), "sentence")
    _selector(graph, selector, 0, len(text), text)
    back = _parse(to_turtle(graph))
    assert isomorphic(graph, back)
    assert back.value(selector, OA.exact) == Literal(text)
    assert back.value(node, SCHEMA.identifier) == Literal(stem)
    assert back.value(node, SCHEMA.headline) == (Literal(title) if title else None)
    expected = URIRef(url) if web_url(url) else None
    assert back.value(node, SCHEMA.url) == expected


def _parse(data: bytes):
    from rdflib import Graph

    return Graph().parse(data=data, format="turtle")


def stems() -> st.SearchStrategy[str]:
    """File stems that ingest accepts (no character that cannot be in an IRI)."""
    from graph.ingest import IRI_UNSAFE

    return st.text(min_size=1, max_size=12).filter(lambda s: not IRI_UNSAFE.search(s) and s not in (".", ".."))
