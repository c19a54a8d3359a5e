"""offices.toml: who held which office when, read after both gazetteers."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from graph.errors import KnowledgeError
from graph.knowledge import GENERATED_ACTORS, OFFICES, load_knowledge

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"

OWN = """\
[[actor]]
name = "Freedonia"
kind = "Country"
demonyms = ["Freedonian"]
"""

GENERATED = """\
[[actor]]
name = "Rufus Firefly"
kind = "Person"
"""

OFFICE = """\
[[role]]
state = "Freedonia"
phrases = ["the Freedonian president"]
holders = [{ actor = "Rufus Firefly", from = "2020-01-01" }]

[[role]]
state = "Freedonia"
head = false
phrases = ["the Freedonian foreign minister"]
holders = [{ actor = "Rufus Firefly", from = "2020-01-01", to = "2020-12-31" }]
"""


def _folder(tmp_path: Path, offices: str) -> Path:
    (tmp_path / "actors.toml").write_text(OWN, encoding="utf-8")
    shutil.copy(ONTOLOGY / "events.toml", tmp_path / "events.toml")
    (tmp_path / GENERATED_ACTORS).write_text(GENERATED, encoding="utf-8")
    (tmp_path / OFFICES).write_text(offices, encoding="utf-8")
    return tmp_path


def test_an_office_may_be_held_by_a_person_of_the_generated_gazetteer(tmp_path):
    knowledge = load_knowledge(_folder(tmp_path, OFFICE))
    president, minister = knowledge.roles
    assert president.holder_on(dt.date(2024, 1, 1)) == "Rufus Firefly"
    assert minister.holder_on(dt.date(2024, 1, 1)) is None
    assert knowledge.speaks_for == {"Rufus Firefly": "Freedonia"}     # the head only


def test_an_office_held_by_no_known_actor_is_an_error_naming_the_file(tmp_path):
    with pytest.raises(KnowledgeError, match="offices.toml: role #1: unknown actor 'Groucho'"):
        load_knowledge(_folder(tmp_path, OFFICE.replace('actor = "Rufus Firefly", from = "2020-01-01" }]',
                                                        'actor = "Groucho", from = "2020-01-01" }]', 1)))


def test_offices_are_in_the_fingerprint(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = load_knowledge(_folder(tmp_path / "a", OFFICE))
    other = load_knowledge(_folder(tmp_path / "b", OFFICE.replace("2020-01-01", "2021-01-01")))
    assert one.fingerprint != other.fingerprint
