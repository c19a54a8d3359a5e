"""history.toml: events a reader dates without being told (and the loader's check of actors.toml names)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from graph.errors import KnowledgeError
from graph.knowledge import HISTORY, load_knowledge

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"

OWN = """\
[[actor]]
name = "Freedonia"
kind = "Country"

[[actor]]
name = "Sylvania"
kind = "Country"
"""

HISTORY_TEXT = """\
[[event]]
class = "Invasion"
parties = ["Freedonia", "Sylvania"]
date = 1933-11-17
"""


def _folder(tmp_path: Path, history: str) -> Path:
    (tmp_path / "actors.toml").write_text(OWN, encoding="utf-8")
    shutil.copy(ONTOLOGY / "events.toml", tmp_path / "events.toml")
    (tmp_path / HISTORY).write_text(history, encoding="utf-8")
    return tmp_path


def test_a_known_event_is_read_with_its_class_parties_and_day(tmp_path):
    [known] = load_knowledge(_folder(tmp_path, HISTORY_TEXT)).history
    assert (known.event_class, known.parties, known.day) == (
        "Invasion", frozenset({"Freedonia", "Sylvania"}), dt.date(1933, 11, 17))


@pytest.mark.parametrize("change", [
    ('"Sylvania"]', '"Ruritania"]'),           # a party no gazetteer knows
    ('"Invasion"', '"Skirmish"'),               # a class the ontology lacks
    ('date = 1933-11-17\n', ''),                # no date
    ('parties = ["Freedonia", "Sylvania"]', 'parties = ["Freedonia"]'),        # one party and no place
    ('parties = ["Freedonia", "Sylvania"]', 'parties = ["Freedonia"]\nplaces = ["Atlantis"]'),  # unknown place
])
def test_a_known_event_that_cannot_be_matched_is_an_error_naming_the_file(tmp_path, change):
    with pytest.raises(KnowledgeError, match=r"history.toml: event #1: needs a known class"):
        load_knowledge(_folder(tmp_path, HISTORY_TEXT.replace(*change)))


def test_the_shipped_history_loads_and_is_in_the_fingerprint(tmp_path):
    assert load_knowledge(ONTOLOGY).history
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = load_knowledge(_folder(tmp_path / "a", HISTORY_TEXT))
    other = load_knowledge(_folder(tmp_path / "b", HISTORY_TEXT.replace("1933", "1932")))
    assert one.fingerprint != other.fingerprint


def test_an_actor_named_twice_in_the_gazetteer_is_an_error_naming_the_file(tmp_path):
    folder = _folder(tmp_path, HISTORY_TEXT)
    (folder / "actors.toml").write_text(OWN + OWN.split("\n\n")[0] + "\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"actors.toml: actor #3: 'Freedonia' is named twice"):
        load_knowledge(folder)


def test_a_known_event_done_to_a_place_is_read_with_it(tmp_path):
    own = OWN + '[[place]]\nname = "Marsovia"\naliases = []\n'
    (tmp_path / "actors.toml").write_text(own, encoding="utf-8")
    shutil.copy(ONTOLOGY / "events.toml", tmp_path / "events.toml")
    (tmp_path / HISTORY).write_text(HISTORY_TEXT.replace('parties = ["Freedonia", "Sylvania"]',
                                                         'parties = ["Freedonia"]\nplaces = ["Marsovia"]'),
                                    encoding="utf-8")
    [known] = load_knowledge(tmp_path).history
    assert (known.parties, known.places) == (frozenset({"Freedonia"}), frozenset({"Marsovia"}))
