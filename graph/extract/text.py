"""The text of a parsed article, built once per document, and spans of it.

spaCy rebuilds ``Doc.text`` from its tokens on every access, which costs
about as much as a pass over the document; several extractors need it.
"""

from __future__ import annotations

import bisect
import weakref
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()

#: The dash or colon that ends a dateline ("MOSCOW (Reuters) -", "BEIJING, May 13 (Xinhua) --",
#: "Lima, March 14:"), as a regular expression: one pattern for every reader of datelines.
DATELINE_DASH = r"(?:--|[—–:-])"


def doc_text(doc: Doc) -> str:
    """``doc.text``, remembered while the document lives (extraction never edits a document)."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


def in_spans(position: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a character offset lies inside one of the sorted, disjoint ``spans``."""
    k = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return k >= 0 and position < spans[k][1]
