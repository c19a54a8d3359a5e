"""The CAMEO trigger lexicon: tools/convert_cameo.py on a made-up verb dictionary, the loader's
"own wins" merge, and the generated ontology/cameo_triggers.toml in extraction."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from graph.knowledge import GENERATED_TRIGGERS, load_knowledge

REPO = Path(__file__).resolve().parents[2]
ONTOLOGY = REPO / "ontology"


@pytest.fixture(scope="module")
def cameo(load_tool):
    """The converter module."""
    return load_tool("convert_cameo")


# A made-up verb dictionary in the PETRARCH2 format: no verb or noun here is English.
DICTIONARY = """\
# A test dictionary: nothing here is real.
#
# The MIT License (MIT)
#
# Copyright (c) 2099 Nobody in Particular
#
# Permission is hereby granted, free of charge, to test.
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND. IN NO EVENT SHALL THE
# AUTHORS BE LIABLE FOR ANY CLAIM ARISING FROM THE USE OR OTHER DEALINGS IN THE SOFTWARE.

####### SYNONYM SETS #######

&PARLEY
# a comment inside a set
+PARLEY
+CONFAB
+POW_WOW

####### VERB PATTERNS #######

---  ZORBLE   [190]  ---
ZORBLE {ZORBLES ZORBLING ZORBLED}
FRAZZLE  # a coder's note
+ANGERED_BY {}
+WAGE_BLORF {+WAGES_BLORF +WAGED_BLORF +WAGING_BLORF}
- * &PARLEY                                [046]         # ZORBLE
- * PACTS                                  [057]         # FRAZZLE
- * QUIBBLE                                [010]         # ZORBLE
- * (WITH &PARLEY)                         [044]         # ZORBLE
- * HOSTAGES                               [0841]        # ZORBLE
- * LETTERS                                [0841]        # ZORBLE
- * CONFAB                                 [111]         # ZORBLE

---  WHIFFLE   [---]  ---
+WHIFFLE_UP {+WHIFFLES_UP +WHIFFLING_UP +WHIFFLED_UP}
SNOOZLE [193]
- * TRUCES                                 [0871]
- * OFF                                    [0871]

---  GLOMP   [195]  ---
GLOMP
KERPLUNK [---]
GRUMMET [1241]

---  MUMBLE   [010]  ---
MUMBLE
- * QUIBBLE                                [111]         # MUMBLE

######## TRANSFORMATIONS ##########

~ a (a b GLOMP) MUMBLE = a b 015
"""


def fake_lemmas(words: set[str], frame: str) -> dict[str, str]:
    """Regular plurals for nouns; verbs are their own lemma (all are base forms here)."""
    return {w: w[:-1] if frame == "the {}" and w.endswith("s") else w for w in words}


@pytest.fixture(scope="module")
def entries(cameo):
    return {(e.lemma, e.event_class): e for e in cameo.triggers(*cameo.parse(DICTIONARY), lemmatise=fake_lemmas)}


@pytest.mark.parametrize("code, expected", [
    ("041", "PhoneCall"), ("042:043", "Visit"), ("043", "Visit"), ("044", "Meeting"), ("046:046", "Talks"),
    ("057", "Agreement"), ("0871", "Ceasefire"), ("0841", "PrisonerExchange"), ("12", "Refusal"),
    ("1241", "Refusal"), ("100", "Demand"), ("1043", "Demand"), ("036", "Proposal"), ("0311", "Proposal"),
    ("183", "Attack"), ("190", "Attack"), ("204", "Attack"),
    ("010", None), ("01", None), ("111", None), ("130", None), ("020", None), ("050", None), ("051", None),
    ("060", None), ("073", None), ("087", None), ("0874", None), ("084", None), ("045", None), ("040", None),
    ("141", None), ("173", None), ("191", None), ("192", None), ("---", None), (":173", None),
])
def test_code_mapping_is_conservative(cameo, code, expected):
    assert cameo.cameo_class(code) == expected


def test_parse_reads_sets_forms_codes_and_stops_at_transformations(cameo):
    synsets, blocks = cameo.parse(DICTIONARY)
    assert synsets == {"&PARLEY": ["PARLEY", "CONFAB", "POW_WOW"]}
    assert [b.code for b in blocks] == ["190", "---", "195", "010"]
    assert blocks[0].verbs == [("zorble", "190"), ("frazzle", "190")]     # fixed forms and verb + noun: skipped
    assert blocks[1].verbs == [("whiffle up", "---"), ("snoozle", "193")]
    assert blocks[2].verbs == [("glomp", "195"), ("kerplunk", "---"), ("grummet", "1241")]
    assert blocks[0].patterns[0] == ("&PARLEY", "046", ("zorble",))
    assert blocks[0].patterns[3][0] is None                                 # a preposition: no object


def test_object_patterns_give_requires_object_per_class(entries):
    # &PARLEY expands to its one-word members ("pow wow" is two words), less "confab", which
    # another pattern codes otherwise; the pattern with a preposition gives no Meeting
    assert entries["zorble", "Talks"].requires_object == ("parley",)
    assert entries["zorble", "Talks"].codes == ("046",)
    # 0841 is a prisoner exchange with captives only ("letters" are released too: no exchange)
    assert entries["zorble", "PrisonerExchange"].requires_object == ("hostage",)
    assert ("zorble", "Meeting") not in entries
    # an object pattern gives entries to the verb its comment names only
    assert entries["frazzle", "Agreement"].requires_object == ("pact",)
    assert ("zorble", "Agreement") not in entries and ("frazzle", "Talks") not in entries


def test_bare_code_only_for_unambiguous_verbs(entries):
    assert entries["glomp", "Attack"].requires_object is None               # block code 195, no patterns
    assert entries["grummet", "Refusal"].requires_object is None            # its own code 1241
    # zorble's bare code 190 is an attack, but its patterns code other classes: no bare entry
    assert all(e.requires_object for (lemma, _), e in entries.items() if lemma in ("zorble", "frazzle"))
    assert ("zorble", "Attack") not in entries
    # snoozle (193) has a ceasefire pattern: ambiguous, only the conditional entry
    assert entries["snoozle", "Ceasefire"].requires_object == ("truce",)
    assert ("snoozle", "Attack") not in entries


def test_phrasal_verbs_uncommented_patterns_and_skipped_codes(entries):
    # an uncommented pattern counts for every verb of its block; "- * OFF" is a particle, no object
    assert entries["whiffle up", "Ceasefire"].requires_object == ("truce",)
    lemmas = {lemma for lemma, _ in entries}
    assert "kerplunk" not in lemmas and "mumble" not in lemmas              # null code, statement code
    assert not any(" " in lemma and lemma != "whiffle up" for lemma in lemmas)  # "wage blorf", "angered by"
    assert all(cls != "Statement" for _, cls in entries)


def test_converter_output_is_sorted_deterministic_and_loadable(cameo, tmp_path):
    source = tmp_path / "CAMEO.test.txt"
    source.write_text(DICTIONARY, encoding="utf-8")
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    assert cameo.main([str(source), str(first)]) == 0
    assert cameo.main([str(source), str(second)]) == 0
    text = first.read_text(encoding="utf-8")
    assert text == second.read_text(encoding="utf-8")
    header = text.split("\n[[trigger]]\n")[0]
    assert "tools/convert_cameo.py" in header and "openeventdata/petrarch2" in header
    assert "676801cd9cb2" in header and "# Copyright (c) 2099 Nobody in Particular" in header
    assert "# The MIT License (MIT)" in header and "DEALINGS IN THE SOFTWARE." in header
    found = tomllib.loads(text)["trigger"]
    keys = [(t["lemma"], t["class"]) for t in found]
    assert keys == sorted(keys) and ("glomp", "Attack") in keys
    assert all(t["pos"] == "VERB" for t in found)


def test_generated_file_is_current_and_carries_its_licence():
    text = (ONTOLOGY / GENERATED_TRIGGERS).read_text(encoding="utf-8")
    assert "openeventdata/petrarch2, commit 676801cd9cb2" in text
    assert "# Permission is hereby granted, free of charge" in text
    found = tomllib.loads(text)["trigger"]
    assert {t["class"] for t in found} <= {"PhoneCall", "Visit", "Meeting", "Talks", "Agreement", "Ceasefire",
                                            "Refusal", "Demand", "Proposal", "Attack", "PrisonerExchange"}
    assert all(t["lemma"] == t["lemma"].lower() for t in found)


OWN_AND_GENERATED = """\
[[trigger]]
lemma = "strike"
pos = "VERB"
class = "Refusal"

[[trigger]]
lemma = "call off"
pos = "VERB"
class = "Ceasefire"
requires_object = ["truce"]

[[trigger]]
lemma = "deal"
pos = "VERB"
class = "Agreement"

[[trigger]]
lemma = "hold"
pos = "VERB"
class = "Talks"
requires_object = ["talk"]

[[trigger]]
lemma = "zorble"
pos = "VERB"
class = "Attack"
requires_object = ["village"]
"""


def test_own_triggers_win_over_generated_ones(tmp_path):
    plain, merged = tmp_path / "plain", tmp_path / "merged"
    for folder in (plain, merged):
        folder.mkdir()
        for name in ("actors.toml", "events.toml"):
            shutil.copy(ONTOLOGY / name, folder / name)
    (merged / GENERATED_TRIGGERS).write_text(OWN_AND_GENERATED, encoding="utf-8")
    own, both = load_knowledge(plain), load_knowledge(merged)
    added = both.triggers[len(own.triggers):]
    assert both.triggers[:len(own.triggers)] == own.triggers               # own first, unchanged
    # "strike" and "call off" are own verbs: dropped whole; "deal" is an own noun only: kept;
    # "hold" is an own light verb ([cues]): "held talks" stays the talks
    assert [(t.lemma, t.pos, t.event_class) for t in added] == [
        (("deal",), "VERB", "Agreement"), (("zorble",), "VERB", "Attack")]
    assert added[1].requires_object == ("village",)
    assert {t.event_class for t in both.triggers_by_first_lemma["strike"] if t.pos == "VERB"} == {"Agreement", "Attack"}
    assert own.fingerprint != both.fingerprint


def test_a_generated_trigger_finds_an_event_the_own_lexicon_lacks(extract):
    own = tomllib.loads((ONTOLOGY / "events.toml").read_text(encoding="utf-8"))["trigger"]
    assert not any(t["lemma"] == "ambush" and t["pos"] == "VERB" for t in own)     # the own lexicon has the noun
    found = extract("Russian troops ambushed a Ukrainian supply convoy on Monday.").events
    assert any(e.event_class == "Attack" and e.trigger == "ambushed" for e in found), found
