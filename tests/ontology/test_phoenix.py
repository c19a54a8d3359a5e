"""The Phoenix gazetteer: tools/convert_phoenix.py on made-up dictionaries, the loader's
"own wins" merge, and the generated ontology/phoenix_actors.toml in extraction."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from graph.extract.actors import find_actor_mentions
from graph.knowledge import GENERATED_ACTORS, load_knowledge

REPO = Path(__file__).resolve().parents[2]
ONTOLOGY = REPO / "ontology"


@pytest.fixture(scope="module")
def phoenix(load_tool):
    """The converter module."""
    return load_tool("convert_phoenix")


# A made-up country, its people and an organisation, in the dictionaries' format.
COUNTRIES = """\
# A test dictionary: nothing here is real.
FREEDONIA_  [FRD]
+FREEDONIAN_
+FREEDONIEN_
+REPUBLIC_OF_FREEDONIA_
+THE_FREEDONIA_
+FRIDONIA_
+FREDONIAA_
+DAS_FREEDONIEN_
+LA_FREEDONIE
+FREEDONIA/FREDONIE
+MARXBURG_
+HARPOVILLE_
+ZEPPO_VALLEY

# Institutions
FREEDONIAN_ARMY
+FREEDONIAN_TROOPS
\t[FRDMIL]

RUFUS_T._FIREFLY_  # made up
+FIREFLY
+PRESIDENT_RUFUS_FIREFLY
+PRESIDENT_FIREFLY
+RUFUS_THADDEUS_FIREFLY
+CHICOLINI_PINKY
\t[FRDELI 950101-120301]
\t[FRDGOV >120301]
GLORIA_TEASDALE_
+TEASDALE
\t[FRDGOV 800101-901231]
TRENTINO_
\t[FRDGOV >140101]
ROSA_MAY_
+MAY
+MINISTER_ROSA_MAY
\t[FRDGOV 110101-150101]
"""

INTERNATIONAL = """\
INTERNATIONAL_WIDGET_AGENCY_\t[IGOWIDAGY]
IWA_\t[IGOWIDAGY]
INTERNATIONAL_WIDGET_AGENCEY_\t[IGOWIDAGY]
ASSOCIATION_DES_AMIS_DES_WIDGETS_\t[NGOWID]
WIDGET_TRADERS_INC_\t[MNC]
AID_GROUP_\t[NGO]
SECRETARY-GENERAL_OTIS_B._DRIFTWOOD
+OTIS_DRIFTWOOD
+DRIFTWOOD
\t[IGOWIDAGY >110101]
"""

LEXICON_COMMON = frozenset({"may", "the", "of"})
LEXICON_KNOWN = frozenset({"freedonian", "may"})


@pytest.fixture(scope="module")
def converted(phoenix):
    capitals = dict(phoenix.CAPITALS, FRD=("Marxburg",))
    original, phoenix.CAPITALS = phoenix.CAPITALS, capitals
    try:
        actors = phoenix.convert(COUNTRIES, INTERNATIONAL, phoenix.Lexicon(LEXICON_COMMON, LEXICON_KNOWN))
    finally:
        phoenix.CAPITALS = original
    return {actor.name: actor for actor in actors}


def test_country_name_aliases_capital_and_demonyms(converted):
    country = converted["Freedonia"]
    assert country.kind == "Country"
    # the formal name, "the ..." in running-text case, and the capital from the table
    assert country.aliases == {"Republic of Freedonia", "the Freedonia", "Marxburg"}
    # the demonym the word list knows, and its plural; not the foreign -ien form
    assert country.demonyms == {"Freedonian", "Freedonians"}


def test_country_skips_misspellings_foreign_forms_and_other_cities(converted):
    forms = {form.lower() for form in converted["Freedonia"].forms()}
    for skipped in ("fridonia", "fredoniaa", "das freedonien", "la freedonie", "freedonien",
                    "harpoville", "zeppo valley", "freedonia/fredonie"):
        assert skipped not in forms


def test_country_without_a_known_capital_keeps_no_city(phoenix):
    actors = phoenix.convert(COUNTRIES, "", phoenix.Lexicon(LEXICON_COMMON, LEXICON_KNOWN))
    country = next(a for a in actors if a.name == "Freedonia")
    assert "Marxburg" not in country.aliases and "Harpoville" not in country.aliases


def test_people_current_ones_with_name_forms_and_titles(converted):
    person = converted["Rufus T. Firefly"]
    assert person.kind == "Person"
    assert person.aliases == {"Firefly", "President Rufus Firefly", "President Firefly", "Rufus Thaddeus Firefly"}
    # another person's name listed in the entry is no alias
    assert not any("Chicolini" in alias for alias in person.aliases)


def test_people_skip_old_roles_one_word_names_institutions_and_common_surnames(converted):
    assert "Gloria Teasdale" not in converted            # roles ended before 2010
    assert "Trentino" not in converted                   # one word
    assert not any("Army" in name or "Troops" in name for name in converted)
    rosa = converted["Rosa May"]
    assert "May" not in rosa.aliases                     # a common word alone
    assert "Minister Rosa May" in rosa.aliases


def test_organisations_with_acronyms_and_spellings(converted):
    agency = converted["International Widget Agency"]
    assert agency.kind == "Organization"
    assert agency.aliases == {"IWA", "International Widget Agencey"}
    assert not any(name.startswith("Association") for name in converted)   # French
    assert not any("Inc" in name for name in converted)                # a company
    assert "Aid Group" not in converted                                # generic words only
    # a title before the name is not part of it
    assert converted["Otis B. Driftwood"].aliases >= {"Otis Driftwood", "Driftwood"}


def test_render_is_toml_with_source_and_licence(phoenix, converted):
    licence = "The MIT License (MIT)\n\nCopyright (c) 2014 Somebody\n\nPermission is hereby granted ..."
    text = phoenix.render(list(converted.values()), "676801cd9cb2", licence)
    assert text == phoenix.render(list(reversed(converted.values())), "676801cd9cb2", licence)  # sorted
    header = text.split("[[actor]]")[0]
    assert "openeventdata/petrarch2" in header and "676801cd9cb2" in header
    assert "tools/convert_phoenix.py" in header and "# Permission is hereby granted" in header
    data = tomllib.loads(text)
    names = [entry["name"] for entry in data["actor"]]
    assert names.index("Freedonia") < names.index("International Widget Agency") < names.index("Rufus T. Firefly")
    freedonia = next(entry for entry in data["actor"] if entry["name"] == "Freedonia")
    assert freedonia["demonyms"] == ["Freedonian", "Freedonians"]


def test_commit_is_read_from_the_reference_readme(phoenix):
    assert phoenix._commit("from ... (repository `openeventdata/petrarch2`, commit 676801cd9cb2, 2019)") \
        == "676801cd9cb2"


# ---------------------------------------------------------------- loading

OWN = """\
[[actor]]
name = "Freedonia"
kind = "Country"
aliases = []
demonyms = ["Freedonian"]

[[actor]]
name = "Rufus T. Firefly"
kind = "Person"
aliases = ["Firefly", "President Firefly"]

[[place]]
name = "Marxburg"
aliases = []
"""

GENERATED = """\
# generated
[[actor]]
name = "Freedonia"
kind = "Country"
aliases = ["Republic of Freedonia"]
demonyms = ["Freedonian", "Freedonians"]

[[actor]]
name = "Rufus Firefly"
kind = "Person"
aliases = ["firefly", "President Rufus Firefly"]

[[actor]]
name = "President Firefly"
kind = "Person"
aliases = ["Mr President"]

[[actor]]
name = "Sylvania"
kind = "Country"
aliases = ["Marxburg", "Republic of Sylvania"]
demonyms = ["Sylvanian", "Freedonian"]
"""


def _folder(tmp_path: Path, generated: str | None) -> Path:
    (tmp_path / "actors.toml").write_text(OWN, encoding="utf-8")
    shutil.copy(ONTOLOGY / "events.toml", tmp_path / "events.toml")
    if generated is not None:
        (tmp_path / GENERATED_ACTORS).write_text(generated, encoding="utf-8")
    return tmp_path


def test_own_actors_win_over_generated_ones(tmp_path):
    knowledge = load_knowledge(_folder(tmp_path, GENERATED))
    names = [actor.name for actor in knowledge.actors]
    assert names == ["Freedonia", "Rufus T. Firefly", "Rufus Firefly", "Sylvania"]   # own first
    assert knowledge.by_name["Freedonia"].aliases == ()                   # the own entry, unchanged
    # an alias the own file uses is dropped (ignoring case); the rest stays
    assert knowledge.by_name["Rufus Firefly"].aliases == ("President Rufus Firefly",)
    # a place and a demonym of the own file are dropped from another actor
    sylvania = knowledge.by_name["Sylvania"]
    assert sylvania.aliases == ("Republic of Sylvania",) and sylvania.demonyms == ("Sylvanian",)


def test_generated_file_is_optional_and_in_the_fingerprint(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    without = load_knowledge(_folder(tmp_path / "a", None))
    with_it = load_knowledge(_folder(tmp_path / "b", GENERATED))
    assert [a.name for a in without.actors] == ["Freedonia", "Rufus T. Firefly"]
    assert without.fingerprint != with_it.fingerprint


def test_generated_file_is_checked(tmp_path):
    from graph.errors import KnowledgeError

    with pytest.raises(KnowledgeError):
        load_knowledge(_folder(tmp_path, '[[actor]]\nname = "Nobody"\nkind = "Ghost"\n'))


# ---------------------------------------------------------------- the real file

def test_generated_file_is_current_and_loaded(knowledge):
    assert (ONTOLOGY / GENERATED_ACTORS).is_file()
    data = tomllib.loads((ONTOLOGY / GENERATED_ACTORS).read_text(encoding="utf-8"))
    kinds = {entry["kind"] for entry in data["actor"]}
    assert kinds == {"Country", "Organization", "Person"}
    assert len(knowledge.actors) > 1000
    # own wins: the project's Russia is the only Russia, with its own aliases
    assert [a for a in knowledge.actors if a.name == "Russia"] == [knowledge.by_name["Russia"]]
    assert knowledge.by_name["Russia"].wikidata == "Q159"


def test_capital_and_demonym_resolve_to_the_country(nlp, knowledge):
    doc = nlp("Iranian officials met in Tehran on Monday.")
    found = {(m.text, m.name, m.kind) for m in find_actor_mentions(doc, knowledge, None)}
    assert ("Iranian", "Iran", "Country") in found
    assert ("Tehran", "Iran", "Country") in found


def test_capital_and_demonym_in_extraction(extract):
    actors = extract("The Iranian government rejected the proposal on Monday, and Tehran called it a "
                     "provocation.").actors
    assert actors["Iran"][0] == "Country"
    assert {"Iranian", "Tehran"} <= actors["Iran"][1]
    actors = extract("Tehran and Islamabad signed an agreement on Tuesday.").actors
    assert actors["Iran"] == ("Country", frozenset({"Tehran"}))
    assert actors["Pakistan"] == ("Country", frozenset({"Islamabad"}))
