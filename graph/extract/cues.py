"""Grammar cues the extractors read from ``ontology/events.toml`` beyond those of
:class:`graph.knowledge.Cues` (the ``[cues]`` table, same file)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graph import settings


@dataclass(frozen=True)
class ExtraCues:
    ellipsis_marks: frozenset[str] = frozenset()    # "as Ukraine did": the clause repeats another's verb
    pro_verbs: frozenset[str] = frozenset()         # lemmas that stand for a verb phrase ("do")
    conditional_marks: frozenset[str] = frozenset()  # "if Moscow refuses": a condition, no event
    generic_heads: frozenset[str] = frozenset()     # "those who refused": no one in particular
    position_hedges: frozenset[str] = frozenset()   # "agreed in principle": a stated position
    doubt_verbs: frozenset[str] = frozenset()       # "claimed Russia supported": the claim is the event
    source_phrases: frozenset[str] = frozenset()    # "according to the Kremlin": who the sentence is from
    talks_markers: frozenset[str] = frozenset()     # "a meeting between delegations" is Talks
    bounding_preps: frozenset[str] = frozenset()    # "until Friday": a bound, not the event's time
    new_event_modifiers: frozenset[str] = frozenset()  # "their next meeting" is not the one before
    reciprocal_verbs: frozenset[str] = frozenset()  # "Trump and Putin spoke": a contact between them
    evaluative_verbs: frozenset[str] = frozenset()  # "described the call as excellent": no event
    phone_verbs: frozenset[str] = frozenset()       # "Trump called Putin": a phone call
    theme_preps: frozenset[str] = frozenset()       # "agreed to a swap": the swap is what was agreed
    theme_classes: frozenset[str] = frozenset()     # classes whose events are told apart by their theme
    object_control_verbs: frozenset[str] = frozenset()  # "persuaded Kyiv to accept": Kyiv accepts
    framing_preps: frozenset[str] = frozenset()     # "agreed during talks": the talks frame the agreement
    restated_classes: frozenset[str] = frozenset()  # classes an article may tell twice of one party
    prior_adverbs: frozenset[str] = frozenset()     # "said they had already talked": the saying is news too
    background_preps: frozenset[str] = frozenset()  # "on Monday, amid the invasion": not the invasion's day
    campaign_classes: frozenset[str] = frozenset()  # "amid the Russian invasion": a campaign with its agents
    campaign_parts: frozenset[str] = frozenset()    # "air attacks … amid the invasion": Russia's attacks


@lru_cache(maxsize=4)
def _read(path: Path) -> ExtraCues:
    with path.open("rb") as handle:
        cues = tomllib.load(handle).get("cues", {})
    return ExtraCues(**{name: frozenset(cues.get(name, ())) for name in ExtraCues.__dataclass_fields__})


def _ontology_variable() -> str | None:
    return os.environ.get(settings.ONTOLOGY_ENV)


def extra_cues() -> ExtraCues:
    """The cues of the ontology folder in use (see :func:`graph.settings.ontology_dir`)."""
    return _extra_cues(_ontology_variable())


@lru_cache(maxsize=4)
def _extra_cues(variable: str | None) -> ExtraCues:
    """The cues while the ontology variable is ``variable``, which alone decides the folder.

    The extractors ask for their cues many times per sentence, and finding
    the default folder resolves a path on disk each time.
    """
    return _read(settings.ontology_dir() / "events.toml")


@lru_cache(maxsize=4)
def _pairs(path: Path) -> tuple[str, ...]:
    with path.open("rb") as handle:
        return tuple(tomllib.load(handle).get("pairs", {}).get("phrases", ()))


def pair_phrases() -> tuple[str, ...]:
    """Phrases naming the two people last named together ("the two leaders"), from ``actors.toml``."""
    return _pair_phrases(_ontology_variable())


@lru_cache(maxsize=4)
def _pair_phrases(variable: str | None) -> tuple[str, ...]:
    """The phrases while the ontology variable is ``variable`` (see :func:`_extra_cues`)."""
    return _pairs(settings.ontology_dir() / "actors.toml")
