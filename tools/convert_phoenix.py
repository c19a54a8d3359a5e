"""Convert the Phoenix actor dictionaries of PETRARCH2 into a gazetteer TOML file.

Usage (from the repository root)::

    .venv/bin/python tools/convert_phoenix.py ../shared/reference/petrarch2 ontology/phoenix_actors.toml

Reads ``Phoenix.Countries.actors.txt`` and ``Phoenix.International.actors.txt``
(the TABARI/PETRARCH actor format: a primary phrase, ``+`` synonym lines,
tab-indented ``[CODE dates]`` restrictions) and writes ``[[actor]]`` tables in
the format of ``ontology/actors.toml``:

* **countries**: every entry coded with a three-letter country code; the
  canonical name title-cased from the entry (a conventional short name where
  the entry is formal or misspelt, :data:`SHORT_NAMES`); aliases are the
  synonyms that are plainly the country's name (the name itself with formal
  words only, "Islamic Republic of Iran") and its capital; demonyms are the
  synonyms formed from the name by a demonym suffix ("Iranian"), confirmed by
  the word list of the spaCy model where it knows one of them. Misspellings,
  foreign-language forms, other cities and regions are left out. The
  dictionaries do not say which synonym is the capital, so the converter
  carries its own table (:data:`CAPITALS`) and keeps a synonym as the capital
  only when it is that table's city: nothing is inferred from the order of
  the synonyms, and a country without a table entry keeps no city at all.
* **organisations** (International file, intergovernmental and
  non-governmental): English names with the head word of an organisation
  ("Agency", "Organization", "Fund", ...); aliases are other spellings of the
  name under the same code ("Labor"/"Labour") and the one-word acronyms of the
  file, of the same code family, whose letters are the initials of the name
  ("IAEA" for International Atomic Energy Agency).
* **people** (both files): persons who held a role on 1 January 2010 or later
  (one that started then or later, or was still running then: open-ended or
  ending later; :data:`PEOPLE_SINCE`); the canonical name is the main entry
  without leading titles (never one word); aliases are the synonyms that are
  the person's name forms (surname alone, other spellings, a longer form) or
  a title and the name.

A written form claimed by two generated actors is dropped from both (a
country keeps its own names); a surname alone is dropped where it is a common
English word ("May", "Rice", "Brown": verbs, adjectives, adverbs of the
spaCy model's lemma tables, months, weekdays, stop words). The output is
sorted, so running the converter twice gives the same file.

The project's own ``actors.toml`` is not read here: ``graph/knowledge.py``
applies "own wins" when it loads the generated file.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import difflib
import json
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

COUNTRIES_FILE = "Phoenix.Countries.actors.txt"
INTERNATIONAL_FILE = "Phoenix.International.actors.txt"

#: A role held on or after this day (starting then or later, or still running then) makes
#: a person current enough to list. With 2005 the file has twice the people (13,500) and
#: building the extractor's phrase matcher took 0.8–1.8 s per process instead of 0.5 s.
PEOPLE_SINCE = dt.date(2010, 1, 1)

#: Three-letter codes that are no real country: KNT is the fictional Kinakuta
#: of the TABARI test records.
NOT_COUNTRIES = frozenset({"KNT"})

#: Conventional short names for entries whose name in the file is formal or misspelt.
SHORT_NAMES = {
    "BRN": "Brunei",
    "GNB": "Guinea-Bissau",
    "KNA": "Saint Kitts and Nevis",
    "TLS": "Timor-Leste",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "DDR": "East Germany",
    "FSM": "Micronesia",
    "MDG": "Madagascar",
    "RUS": "Russia",
    "SUN": "Soviet Union",
    "TZA": "Tanzania",
    "USA": "United States",
    "ZAF": "South Africa",
}

#: The capital (or capitals, where a country has more than one by law) of each
#: country, in English. Used only to tell which synonym of a country entry is its
#: capital; a city missing here, or named like a common word or many other places
#: (Male, Victoria, Kingston, Georgetown, San Jose, ...), is never kept.
CAPITALS = {
    "ABW": ("Oranjestad",), "AFG": ("Kabul",), "AGO": ("Luanda",), "ALB": ("Tirana",),
    "AND": ("Andorra la Vella",), "ARE": ("Abu Dhabi",), "ARG": ("Buenos Aires",), "ARM": ("Yerevan",),
    "AUS": ("Canberra",), "AUT": ("Vienna",), "AZE": ("Baku",), "BDI": ("Gitega", "Bujumbura"),
    "BEL": ("Brussels",), "BEN": ("Porto-Novo",), "BFA": ("Ouagadougou",), "BGD": ("Dhaka",),
    "BGR": ("Sofia",), "BHR": ("Manama",), "BHS": ("Nassau",), "BIH": ("Sarajevo",), "BLR": ("Minsk",),
    "BLZ": ("Belmopan",), "BOL": ("Sucre", "La Paz"), "BRA": ("Brasilia",), "BRB": ("Bridgetown",),
    "BRN": ("Bandar Seri Begawan",), "BTN": ("Thimphu",), "BWA": ("Gaborone",), "CAF": ("Bangui",),
    "CAN": ("Ottawa",), "CHE": ("Bern", "Berne"), "CHL": ("Santiago",), "CHN": ("Beijing",),
    "CIV": ("Yamoussoukro",), "CMR": ("Yaounde",), "COD": ("Kinshasa",), "COG": ("Brazzaville",),
    "COK": ("Avarua",), "COL": ("Bogota",), "COM": ("Moroni",), "CPV": ("Praia",), "CUB": ("Havana",),
    "CYP": ("Nicosia",), "CZE": ("Prague",), "DEU": ("Berlin",), "DMA": ("Roseau",),
    "DNK": ("Copenhagen",), "DOM": ("Santo Domingo",), "DZA": ("Algiers",), "ECU": ("Quito",),
    "EGY": ("Cairo",), "ERI": ("Asmara",), "ESP": ("Madrid",), "EST": ("Tallinn",),
    "ETH": ("Addis Ababa",), "FIN": ("Helsinki",), "FJI": ("Suva",), "FRA": ("Paris",),
    "FSM": ("Palikir",), "GAB": ("Libreville",), "GBR": ("London",), "GEO": ("Tbilisi",),
    "GHA": ("Accra",), "GIN": ("Conakry",), "GMB": ("Banjul",), "GNB": ("Bissau",),
    "GNQ": ("Malabo",), "GRC": ("Athens",), "GTM": ("Guatemala City",), "HND": ("Tegucigalpa",),
    "HRV": ("Zagreb",), "HTI": ("Port-au-Prince",), "HUN": ("Budapest",), "IDN": ("Jakarta",),
    "IND": ("New Delhi",), "IRL": ("Dublin",), "IRN": ("Tehran",), "IRQ": ("Baghdad",),
    "ISL": ("Reykjavik",), "ITA": ("Rome",), "JOR": ("Amman",), "JPN": ("Tokyo",),
    "KAZ": ("Astana",), "KEN": ("Nairobi",), "KGZ": ("Bishkek",), "KHM": ("Phnom Penh",),
    "KNA": ("Basseterre",), "KOR": ("Seoul",), "KSV": ("Pristina",), "KWT": ("Kuwait City",),
    "LAO": ("Vientiane",), "LBN": ("Beirut",), "LBR": ("Monrovia",), "LBY": ("Tripoli",),
    "LCA": ("Castries",), "LIE": ("Vaduz",), "LKA": ("Colombo", "Sri Jayawardenepura Kotte"),
    "LSO": ("Maseru",), "LTU": ("Vilnius",), "LVA": ("Riga",), "MAR": ("Rabat",),
    "MDA": ("Chisinau",), "MDG": ("Antananarivo",), "MEX": ("Mexico City",), "MHL": ("Majuro",),
    "MKD": ("Skopje",), "MLI": ("Bamako",), "MLT": ("Valletta",), "MMR": ("Naypyidaw", "Naypyitaw"),
    "MNE": ("Podgorica",), "MNG": ("Ulaanbaatar", "Ulan Bator"), "MOZ": ("Maputo",),
    "MRT": ("Nouakchott",), "MUS": ("Port Louis",), "MWI": ("Lilongwe",), "MYS": ("Kuala Lumpur",),
    "NAM": ("Windhoek",), "NER": ("Niamey",), "NGA": ("Abuja",), "NIC": ("Managua",),
    "NLD": ("Amsterdam",), "NOR": ("Oslo",), "NPL": ("Kathmandu",), "NRU": ("Yaren",),
    "NZL": ("Wellington",), "OMN": ("Muscat",), "PAK": ("Islamabad",), "PAN": ("Panama City",),
    "PER": ("Lima",), "PHL": ("Manila",), "PLW": ("Ngerulmud",), "PNG": ("Port Moresby",),
    "POL": ("Warsaw",), "PRK": ("Pyongyang",), "PRT": ("Lisbon",), "PRY": ("Asuncion",),
    "QAT": ("Doha",), "ROU": ("Bucharest",), "RUS": ("Moscow",), "RWA": ("Kigali",),
    "SAU": ("Riyadh",), "SDN": ("Khartoum",), "SEN": ("Dakar",), "SLB": ("Honiara",),
    "SLE": ("Freetown",), "SLV": ("San Salvador",), "SOM": ("Mogadishu",), "SRB": ("Belgrade",),
    "SSD": ("Juba",), "STP": ("Sao Tome",), "SUR": ("Paramaribo",), "SVK": ("Bratislava",),
    "SVN": ("Ljubljana",), "SWE": ("Stockholm",), "SWZ": ("Mbabane", "Lobamba"), "SYR": ("Damascus",),
    "TCD": ("N'Djamena",), "TGO": ("Lome",), "THA": ("Bangkok",), "TJK": ("Dushanbe",),
    "TKM": ("Ashgabat",), "TLS": ("Dili",), "TON": ("Nuku'alofa",), "TTO": ("Port of Spain",),
    "TUN": ("Tunis",), "TUR": ("Ankara",), "TUV": ("Funafuti",), "TWN": ("Taipei",),
    "TZA": ("Dodoma",), "UGA": ("Kampala",), "UKR": ("Kyiv", "Kiev"), "URY": ("Montevideo",),
    "USA": ("Washington",), "UZB": ("Tashkent",), "VCT": ("Kingstown",), "VEN": ("Caracas",),
    "VNM": ("Hanoi",), "VUT": ("Port Vila",), "WSM": ("Apia",), "YEM": ("Sanaa",),
    "ZMB": ("Lusaka",), "ZWE": ("Harare",),
}

#: Words a formal name of a country may add to its short name ("Islamic Republic of Iran").
FORMAL_WORDS = frozenset("""
    THE OF AND REPUBLIC ISLAMIC KINGDOM STATE STATES FEDERAL FEDERATION FEDERATIVE DEMOCRATIC
    PEOPLE'S PEOPLES POPULAR UNITED SOCIALIST ARAB HASHEMITE SULTANATE EMIRATE PRINCIPALITY GRAND
    DUCHY COMMONWEALTH PLURINATIONAL BOLIVARIAN ORIENTAL COOPERATIVE CONFEDERATION UNION
    INDEPENDENT DEMOCRATIC CO-OPERATIVE
""".split())

#: What a demonym adds to (a stem of) the country's name: Iran-ian, Pakistan-i, Chin-ese.
DEMONYM_SUFFIXES = ("N", "AN", "IAN", "I", "ESE", "ISH", "ER", "EAN", "ITE", "IOT", "OT", "EGIAN", "VIAN", "IEN")
#: The regular suffixes: a demonym formed with one is kept even when no word list knows it.
REGULAR_SUFFIXES = ("N", "AN", "IAN", "ESE", "ER")
#: Endings a demonym may drop altogether: Afghan(istan), Thai(land), Croat(ia).
DROPPED_ENDINGS = ("ISTAN", "STAN", "LAND", "IA")

#: Titles that may stand before a person's name; they are not part of the canonical name.
TITLE_WORDS = frozenset("""
    PRESIDENT PRESIDENT-ELECT PRIME MINISTER MINISTERS FOREIGN DEFENSE DEFENCE INTERIOR FINANCE
    VICE VICE-PRESIDENT DEPUTY SECRETARY SECRETARY-GENERAL GENERAL GEN GEN. LT LT. LIEUTENANT COL
    COL. COLONEL MAJOR MAJ. CAPTAIN CAPT. ADMIRAL ADM. MARSHAL FIELD COMMANDER CHIEF HEAD
    AYATOLLAH HOJATOLISLAM HOJJATOLESLAM MULLAH IMAM MUFTI CLERIC CARDINAL ARCHBISHOP BISHOP
    REV. REV REVEREND FATHER DR DR. MR MR. MRS MRS. MS MS. SIR DAME LORD CHANCELLOR PREMIER
    SENATOR SEN. GOVERNOR GOV. AMBASSADOR ENVOY SPEAKER JUDGE JUSTICE MAYOR LEADER SUPREME
    OPPOSITION ACTING FORMER EX-PRESIDENT SPOKESMAN SPOKESWOMAN REPRESENTATIVE REP. SPECIAL
    HIGH COMMISSIONER DIRECTOR DIRECTOR-GENERAL CHAIRMAN CHAIRWOMAN CHAIR OF THE STATE ATTORNEY
    SECRETARY-GENERAL-DESIGNATE UNDERSECRETARY UNDER-SECRETARY ASSISTANT EXECUTIVE
""".split())

#: Titles kept as part of a name: "King Abdullah II", "Pope Benedict XVI", "Sheikh Hasina".
NAME_TITLES = frozenset("KING QUEEN PRINCE PRINCESS EMIR AMIR SULTAN POPE SHEIKH SHEIK SHAIKH CROWN".split())

#: Words that make an entry an institution, group or place rather than a person.
NOT_PERSON_WORDS = frozenset("""
    MINISTRY MINISTRIES PARTY ARMY FORCE FORCES GOVERNMENT COUNCIL COMMITTEE COMMISSION OFFICE
    DEPARTMENT AGENCY POLICE ASSEMBLY PARLIAMENT CONGRESS SENATE COURT BANK FUND UNION LEAGUE
    FRONT MOVEMENT ORGANIZATION ORGANISATION ASSOCIATION FEDERATION ALLIANCE COALITION GROUP
    INSTITUTE UNIVERSITY COMPANY CORPORATION CORP CORP. INC INC. LTD LTD. NEWS TIMES PRESS RADIO
    TELEVISION AGENCY BUREAU SERVICE SERVICES GUARD GUARDS BRIGADE BRIGADES BATTALION REGIMENT
    MILITIA REBELS REBEL TROOPS SOLDIERS NAVY AIR MARINES CABINET REGIME DYNASTY FAMILY TRIBE
    CLAN CITY PROVINCE REGION DISTRICT STATE ISLAND ISLANDS RIVER MOUNTAIN REPUBLIC KINGDOM
    EMBASSY CONSULATE MISSION DELEGATION SECRETARIAT BOARD AUTHORITY TRIBUNAL NATIONS NATIONAL
    INTERNATIONAL FOUNDATION CENTER CENTRE PROGRAM PROGRAMME PROJECT NETWORK WATCH CROSS
    CRESCENT SOCIETY CHURCH MOSQUE TEMPLE SCHOOL HOSPITAL AIRPORT PORT BASE CAMP PRISON
    REPUBLICA REPUBLIKA MINISTER PRESIDENT OFFICIALS OFFICIAL SPOKESMAN LEADERSHIP JUNTA OPPOSITION UNITED
    DEMOCRATIC PEOPLE'S PEOPLES REVOLUTIONARY LIBERATION ISLAMIC CONSTITUTIONAL ELECTORAL
    SUPREME GENERAL STAFF COMMAND HEADQUARTERS INTELLIGENCE SECURITY DEFENSE DEFENCE
""".split())

#: Codes of the organisations taken from the International file: intergovernmental and
#: non-governmental (not the companies, MNC, nor the media).
ORG_CODES = ("IGO", "NGO")

#: Function words of French, Spanish, German and Portuguese names, left out (the file has
#: the English name of most of these organisations too).
FOREIGN_WORDS = frozenset("""
    DES DU LA LE LES POUR ET EL LOS LAS DEL DELLA FUR UND DER DIE DAS DEN PARA CONTRA SUR AUX
    INTERNATIONALE INTERNATIONAL MONDIALE MUNDIAL NACIONAL NATIONALE EUROPEENNE
""".split()) - {"INTERNATIONAL"}

#: Words that with head words alone make no organisation's name ("Aid Group").
GENERIC_WORDS = frozenset("""
    NON GOVERNMENT GOVERNMENTAL NON-GOVERNMENTAL INTERGOVERNMENTAL INTER-GOVERNMENTAL NATIONAL REGIONAL
    LOCAL GLOBAL AID RELIEF HUMANITARIAN DEVELOPMENT
""".split())

#: Acronyms that may stand before a title and a name ("UN ENVOY ...", "US SECRETARY ...").
TITLE_PREFIXES = frozenset({"US", "U.S.", "UN", "U.N.", "EU", "E.U."})

#: Head words of an organisation's name.
ORG_HEADS = frozenset("""
    ORGANIZATION ORGANISATION AGENCY UNION FUND BANK COURT COUNCIL COMMISSION ASSOCIATION LEAGUE
    TREATY PROGRAMME PROGRAM COMMITTEE FEDERATION FORUM COMMUNITY ALLIANCE PARLIAMENT INSTITUTE
    TRIBUNAL CONFERENCE NATIONS COOPERATION CO-OPERATION CROSS CRESCENT WATCH INTERNATIONAL
    SECRETARIAT PANEL PARTNERSHIP FOUNDATION SOCIETY MOVEMENT OFFICE COMMISSIONER BOARD GROUP
    AUTHORITY SYSTEM CENTRE CENTER BUREAU NETWORK PACT CORPS ASSEMBLY SUMMIT DIRECTORATE
""".split())

#: Small words left out of an acronym and written in lower case inside a name.
SMALL_WORDS = frozenset("OF THE FOR AND ON IN AT TO BY A AN DE DES DU LA LE ET".split())

#: Name particles written in lower case after the first word ("bin Salman", "al-Assad", "von der").
PARTICLES = frozenset("BIN BINT IBN AL EL DE DEL DELLA DA DI DOS DAS DO DU VON VAN DER DEN TER LA LE Y".split())

ROMAN = re.compile(r"^(?=[XVI])X{0,3}(IX|IV|V?I{0,3})$")
WORD = re.compile(r"^[A-Z][A-Z'.\-]*$")


# ------------------------------------------------------------------ parsing

@dataclass(frozen=True)
class Restriction:
    """One ``[CODE dates]`` of an entry: the code and when it applied (None: open)."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None
    inline: bool = False         # written on the primary phrase's line


@dataclass
class Record:
    """A primary phrase with its ``+`` synonyms, as written (underscores kept)."""

    primary: str
    synonyms: list[str] = field(default_factory=list)
    line: int = 0

    @property
    def forms(self) -> list[str]:
        return [self.primary, *self.synonyms]


@dataclass
class Group:
    """Records sharing one code list: as in PETRARCH, a primary phrase without codes
    takes the codes of the records that follow it, up to the first restriction."""

    records: list[Record] = field(default_factory=list)
    restrictions: list[Restriction] = field(default_factory=list)

    @property
    def forms(self) -> list[str]:
        return [form for record in self.records for form in record.forms]


def _date(text: str) -> dt.date | None:
    """``YYMMDD`` (00–30 → 20YY, as PETRARCH reads it) or ``YYYYMMDD``; None if neither."""
    digits = text.strip()
    try:
        if re.fullmatch(r"\d{8}", digits):
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        if re.fullmatch(r"\d{6}", digits):
            year = int(digits[:2])
            return dt.date(year + (2000 if year <= 30 else 1900), int(digits[2:4]), int(digits[4:]))
    except ValueError:
        return None
    return None


def _restrictions(text: str) -> list[Restriction]:
    found = []
    for body in re.findall(r"\[([^\]]*)\]", text):
        code, _, rest = body.strip().partition(" ")
        rest = rest.strip()
        if not code:
            continue
        if not rest:
            found.append(Restriction(code))
        elif rest[0] == "<":
            found.append(Restriction(code, None, _date(rest[1:])))
        elif rest[0] == ">":
            found.append(Restriction(code, _date(rest[1:]), None))
        elif "-" in rest:
            first, _, last = rest.partition("-")
            found.append(Restriction(code, _date(first), _date(last)))
        else:
            found.append(Restriction(code))
    return found


def parse(text: str) -> list[Group]:
    """The groups of an actor dictionary in file order."""
    groups: list[Group] = []
    current: Group | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith(("#", "<!")):
            continue
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if "---STOP---" in line:
            break
        body = line.strip()
        if line[0] in " \t" and body.startswith("["):
            if current is not None:
                current.restrictions.extend(_restrictions(body))
            continue
        if body.startswith("+"):
            if current is not None and current.records:
                current.records[-1].synonyms.append(body[1:].split("[", 1)[0].split(";", 1)[0].strip())
            continue
        phrase = body.split("[", 1)[0].split(";", 1)[0].strip()
        if current is None or current.restrictions:
            current = Group()
            groups.append(current)
        current.records.append(Record(phrase, [], number))
        if "[" in body:
            current.restrictions.extend(replace(r, inline=True) for r in _restrictions(body[body.index("["):]))
    return [g for g in groups if g.records]


# ------------------------------------------------------------------ words and names

def tokens(phrase: str) -> list[str] | None:
    """The words of a phrase (``_`` and blanks separate them), or None when the phrase is
    not plain upper-case ASCII words (lower case, digits, non-ASCII, ``/``, ``(``, ...)."""
    words = [w for w in re.split(r"[_\s]+", phrase.strip()) if w]
    if not words or not all(WORD.match(w) for w in words):
        return None
    if any(w.strip(".'-") == "" for w in words):
        return None
    return words


def _cap(part: str) -> str:
    return part[:1].upper() + part[1:].lower()


def _title_word(word: str, first: bool, acronyms: frozenset[str]) -> str:
    if word in acronyms or word.replace(".", "") in acronyms or (word.count(".") >= 2 and len(word) <= 8):
        return word
    if not first and word in SMALL_WORDS | PARTICLES:
        return word.lower()
    if not first and ROMAN.match(word):
        return word
    parts = word.split("-")
    out = []
    for i, part in enumerate(parts):
        if "'" in part:
            head, _, tail = part.partition("'")
            if len(head) == 1 and head in "DL" and not (first and i == 0):
                out.append(head.lower() + "'" + _cap(tail))           # d'Ivoire
            elif len(head) == 1:
                out.append(head + "'" + _cap(tail))                   # O'Brien
            else:
                out.append(_cap(head) + "'" + tail.lower())           # Children's, Raja'i
        elif i < len(parts) - 1 and part in ("AL", "EL") and not (first and i == 0):
            out.append(part.lower())                                   # al-Assad
        elif part.startswith("MC") and len(part) > 3:
            out.append("Mc" + _cap(part[2:]))
        else:
            out.append(_cap(part))
    return "-".join(out)


def title(words: list[str], acronyms: frozenset[str] = frozenset()) -> str:
    """Normal English case for upper-case words: ``["BASHAR", "AL-ASSAD"]`` → ``"Bashar al-Assad"``."""
    return " ".join(_title_word(w, i == 0, acronyms) for i, w in enumerate(words))


def _plain(text: str) -> str:
    """A comparison key: upper case, letters and blanks only."""
    return re.sub(r"[^A-Z ]+", "", re.sub(r"[-_\s]+", " ", text.upper())).strip()


def _similar(a: str, b: str) -> bool:
    """Two spellings of one word (Yushchenko / Yuschenko), not two words."""
    if a == b:
        return True
    return a[:1] == b[:1] and min(len(a), len(b)) >= 4 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


@dataclass(frozen=True)
class Lexicon:
    """English words the converter checks forms against (lower case)."""

    common: frozenset[str] = frozenset()   # a surname alone that is one of these is dropped ("May")
    known: frozenset[str] = frozenset()    # English words and names: a demonym should be one

    @classmethod
    def from_model(cls) -> Lexicon:
        """Common words: verbs, adjectives and adverbs of the spaCy model's lemma index (WordNet),
        stop words, months and weekdays. Known words: all of the lemma index."""
        from spacy.lang.en.stop_words import STOP_WORDS

        common = set(STOP_WORDS)
        common |= {m.lower() for m in calendar.month_name if m} | {d.lower() for d in calendar.day_name}
        known: set[str] = set()
        try:
            from graph.nlp import load_model

            table = load_model().get_pipe("lemmatizer").lookups.get_table("lemma_index")
            for pos in ("verb", "adj", "adv"):
                common |= set(table.get(pos, ()))
            for pos in ("noun", "verb", "adj", "adv"):
                known |= set(table.get(pos, ()))
        except Exception as exc:  # noqa: BLE001 - the model is optional here
            print(f"warning: no lemma index from the spaCy model ({exc}): common words are stop words, "
                  "months and weekdays only, and demonyms are not checked against a word list", file=sys.stderr)
        return cls(frozenset(common), frozenset(known))


# ------------------------------------------------------------------ actors

@dataclass
class Out:
    """One generated actor."""

    name: str
    kind: str
    aliases: set[str] = field(default_factory=set)
    demonyms: set[str] = field(default_factory=set)
    source: str = ""                                   # a comment: where it came from

    def forms(self) -> set[str]:
        return {self.name, *self.aliases, *self.demonyms}


def _is_code(code: str) -> bool:
    return re.fullmatch(r"[A-Z]{3}", code) is not None and code not in NOT_COUNTRIES


def _country_code(group: Group) -> str | None:
    """The country code of a country entry: a three-letter code written on the entry's
    line, or one that is still in force (no end date); None for anything else."""
    current = [r.code for r in group.restrictions if _is_code(r.code) and (r.inline or r.end is None)]
    return current[-1] if current else None


def _contains(words: list[str], part: list[str]) -> int:
    """Where ``part`` occurs in ``words`` as consecutive words, or -1."""
    for i in range(len(words) - len(part) + 1):
        if words[i:i + len(part)] == part:
            return i
    return -1


def _name_form(words: list[str], bases: list[list[str]]) -> bool:
    """The country's name itself, with formal words only: "ISLAMIC REPUBLIC OF IRAN"."""
    for base in bases:
        at = _contains(words, base)
        if at >= 0 and all(w in FORMAL_WORDS for w in words[:at] + words[at + len(base):]):
            return True
    return False


def _demonym(words: list[str], bases: list[list[str]]) -> str | None:
    """How ``words`` is a demonym of the country, or None: the suffix it adds to a stem of
    the name ("IAN": Iran-ian; "ESE": Chin-ese), or "" where it drops a country ending
    (Afghan from Afghanistan, Croat from Croatia). Multi-word names keep their first
    words (South Korea-n). The name cut short (Leon for Leone) is no demonym, except
    with -i (Somali from Somalia)."""
    for base in bases:
        if len(words) != len(base) or words[:-1] != base[:-1]:
            continue
        name, word = base[-1], words[-1]
        if word == name:
            continue
        for k in range(0, 4):
            stem = name[:len(name) - k]
            suffix = word[len(stem):]
            if len(stem) >= 3 and word.startswith(stem) and suffix in DEMONYM_SUFFIXES \
                    and (not name.startswith(word) or suffix == "I"):
                return suffix
        for ending in DROPPED_ENDINGS:
            if name.endswith(ending) and len(name) - len(ending) >= 3 and word == name[:-len(ending)]:
                return ""
    return None


def _plural(demonym: str) -> str | None:
    """"Iranian" → "Iranians", "Pakistani" → "Pakistanis"; none for "Chinese", "Polish"."""
    if demonym.endswith(("an", "i", "er", "ot", "ite", "en")):
        return demonym + "s"
    return None


def _demonyms(candidates: dict[str, str], lexicon: Lexicon) -> set[str]:
    """The demonyms to keep of a country's candidates (title-cased form -> suffix): those
    that are English words; where none is, the one candidate formed by a regular suffix
    (-an, -ian, -n, -ese, -er: Kosovan, Sri Lankan, New Zealander). Several spellings
    and no word list to choose between them: none."""
    known = {c for c in candidates if c.split()[-1].lower() in lexicon.known}
    if not known:
        formed = [c for c, suffix in candidates.items() if suffix in REGULAR_SUFFIXES]
        known = set(formed) if len(formed) == 1 and len(candidates) == 1 else set()
    found = set(known)
    for demonym in known:
        plural = _plural(demonym)
        if plural:
            found.add(plural)
    return found


def countries(groups: list[Group], lexicon: Lexicon) -> list[Out]:
    """One actor per country code. Of the entries with a code, the country is the first
    one with the code on its own line, else the one with the most synonyms; other
    entries with the code (a region, a territory) join it only when named like it."""
    by_code: dict[str, list[Group]] = {}
    for group in groups:
        code = _country_code(group)
        if code is not None and tokens(group.records[0].primary) is not None:
            by_code.setdefault(code, []).append(group)
    found = []
    for code, entries in by_code.items():
        main = max(entries, key=lambda g: (any(r.inline and r.code == code for r in g.restrictions),
                                           len(g.forms), -entries.index(g)))
        words = tokens(main.records[0].primary)
        name = SHORT_NAMES.get(code) or title(words)
        bases = [words]
        short = [w for w in re.split(r"[\s-]+", name.upper()) if w]
        if short != words:
            bases.append(short)
        actor = Out(name, "Country", source=f"{COUNTRIES_FILE}: {code}")
        capitals = {_plain(c): c for c in CAPITALS.get(code, ())}
        demonyms: dict[str, str] = {}
        for group in entries:
            if group is not main and not _name_form(tokens(group.records[0].primary), bases):
                continue
            for form in group.forms:
                words = tokens(form)
                if words is None:
                    continue
                if _plain(" ".join(words)) in capitals:
                    actor.aliases.add(capitals[_plain(" ".join(words))])
                elif _name_form(words, bases):
                    actor.aliases.add(_alias(words))
                else:
                    suffix = _demonym(words, bases)
                    if suffix is not None:
                        demonyms.setdefault(title(words), suffix)
        actor.demonyms = _demonyms(demonyms, lexicon)
        actor.aliases.discard(actor.name)
        actor.demonyms -= actor.aliases | {actor.name}
        found.append(actor)
    return found


def _alias(words: list[str]) -> str:
    """A name form as written in running text: a leading "the" in lower case."""
    if words[0] == "THE" and len(words) > 1:
        return "the " + title(words[1:])
    return title(words)


def _initials(words: list[str], skip_small: bool) -> str:
    letters = []
    for word in words:
        if skip_small and word in SMALL_WORDS:
            continue
        letters.extend(part[:1] for part in word.split("-") if part)
    return "".join(letters)


def _org_name(words: list[str] | None) -> bool:
    """A well-formed English organisation name: two words or more, one of them a head word
    ("Agency", "Fund"), no title or person, no French or Spanish function words, not made
    of generic words alone ("Non Governmental Organization", "Aid Group")."""
    return (bool(words) and len(words) >= 2 and any(w in ORG_HEADS for w in words)
            and words[0] not in TITLE_WORDS and not any(w in NAME_TITLES for w in words)
            and not any(w in FOREIGN_WORDS or re.match(r"^[DL]'", w) or w.endswith("-BASED") for w in words)
            and not any(w.endswith(".") or w in ("INC", "LTD", "USA") for w in words)
            and not all(w in ORG_HEADS or w in SMALL_WORDS or w in GENERIC_WORDS for w in words))


def _related(codes: set[str], others: set[str]) -> bool:
    """Entries of one organisation: a code in common, or codes of one family (their first
    six letters: IGOWAFWAS and IGOWAFBUSWAS are both West African)."""
    return bool(codes & others) or any(a[:6] == b[:6] for a in codes for b in others if len(a) >= 6 and len(b) >= 6)


def _same_name(a: str, b: str) -> bool:
    """Two spellings of one name: the same letters ("Co-Operation"/"Cooperation", "World
    Wide"/"Worldwide"), or word by word the same or another spelling ("Labor"/"Labour")."""
    if a.replace(" ", "") == b.replace(" ", ""):
        return True
    words_a, words_b = a.split(), b.split()
    return len(words_a) == len(words_b) and all(_similar(x, y) for x, y in zip(words_a, words_b))


def _org_key(words: list[str]) -> str:
    return _plain(" ".join(words[1:] if words[0] == "THE" else words).replace(".", ""))


def organisations(groups: list[Group], lexicon: Lexicon) -> tuple[list[Out], frozenset[str]]:
    """Intergovernmental and non-governmental organisations of the International file
    with their acronyms; and the acronyms (kept in upper case in names)."""
    singles: dict[str, set[str]] = {}                 # one-word form -> codes of its group
    for group in groups:
        codes = {r.code for r in group.restrictions}
        for form in group.forms:
            words = tokens(form)
            if words and len(words) == 1:
                letters = words[0].replace(".", "")
                if 2 <= len(letters) <= 8 and letters.isalpha() and letters.lower() not in lexicon.common:
                    singles.setdefault(words[0], set()).update(codes)
    full: dict[str, tuple[list[str], set[str]]] = {}  # key -> (words, codes)
    for group in groups:
        codes = {r.code for r in group.restrictions}
        if not any(c.startswith(ORG_CODES) for c in codes):
            continue
        for form in group.forms:
            words = tokens(form)
            if _org_name(words):
                words = words[1:] if words[0] == "THE" else words
                full.setdefault(_org_key(words), (words, set()))[1].update(codes)
    # an acronym belongs to the one name of its code whose initials it spells
    owners: dict[str, list[str]] = {}
    for acronym, acronym_codes in sorted(singles.items()):
        letters = acronym.replace(".", "")
        matching = [key for key, (words, codes) in full.items()
                    if letters in (_initials(words, True), _initials(words, False)) and _related(codes, acronym_codes)]
        if len(matching) > 1 and all(_same_name(matching[0], key) for key in matching[1:]):
            matching = matching[:1]                       # spellings of one name
        if len(matching) == 1:
            owners.setdefault(matching[0], []).append(acronym)
    acronyms = frozenset(a.replace(".", "") for found in owners.values() for a in found)
    # spellings of one name under one code are one organisation ("Labor"/"Labour"
    # Organization): the one with an acronym, else the shortest, names it
    keys = sorted(full, key=lambda k: (k not in owners, len(k), k))
    actors: dict[str, Out] = {}
    for key in keys:
        words, codes = full[key]
        name = title(words, acronyms)
        same = next((actors[k] for k in actors if full[k][1] & codes and _same_name(k, key)), None)
        if same is None:
            same = actors[key] = Out(name, "Organization",
                                     source=f"{INTERNATIONAL_FILE}: " + ", ".join(sorted(codes)))
        elif name != same.name:
            same.aliases.add(name)
        same.aliases.update(owners.get(key, ()))
    return list(actors.values()), acronyms


def _strip_titles(words: list[str], prefixes: frozenset[str]) -> tuple[list[str], list[str]]:
    """(leading titles, the rest): "PRIME MINISTER BENJAMIN NETANYAHU" → (["PRIME", "MINISTER"], [...])."""
    i = 0
    while i < len(words) - 1 and (words[i] in TITLE_WORDS or words[i] in prefixes
                                  or words[i].replace(".", "") in prefixes):
        i += 1
    return words[:i], words[i:]


def _person_core(words: list[str]) -> bool:
    """A person's name: two words or more that are no institution's, place's or title's."""
    names = [w for w in words if w not in PARTICLES and w not in NAME_TITLES and not ROMAN.match(w)]
    return (len(names) >= 2 and "FNU" not in words
            and not any(w in NOT_PERSON_WORDS or w in ORG_HEADS or w in TITLE_WORDS for w in words))


def _surname(core: list[str]) -> str:
    return [w for w in core if w not in NAME_TITLES and not ROMAN.match(w) and w not in PARTICLES][-1]


def _held_since(role: Restriction, day: dt.date) -> bool:
    """A dated role held on or after ``day``: starting then or later, or still running
    then (open-ended, or ending later)."""
    if not (role.start or role.end):
        return False                                   # undated, or dates that do not parse
    return (role.start is not None and role.start >= day) or role.end is None or role.end >= day


def people(groups: list[Group], source: str, prefixes: frozenset[str], acronyms: frozenset[str]) -> list[Out]:
    """Persons who held a role on or after :data:`PEOPLE_SINCE`."""
    found = []
    for group in groups:
        current = [r for r in group.restrictions if _held_since(r, PEOPLE_SINCE)]
        if not current:
            continue
        codes = sorted({r.code for r in current})
        taken: set[int] = set()
        for index, record in enumerate(group.records):
            words = tokens(record.primary)
            if index in taken or words is None:
                continue
            titles, core = _strip_titles(words, prefixes)
            while len(core) > 1 and core[-1] in PARTICLES:
                core = core[:-1]                  # a name cut short after "al"
            if not _person_core(core):
                continue                  # an office, a title and a surname, one word
            actor = Out(title(core, acronyms), "Person",
                        source=f"{source}: {', '.join(codes)}")
            if titles:
                actor.aliases.add(title(words, acronyms))
            for other, other_record in enumerate(group.records):
                forms = other_record.synonyms if other == index else other_record.forms
                for form in forms:
                    alias = _person_alias(form, core, prefixes, acronyms)
                    if alias:
                        actor.aliases.add(alias)
                        if other != index and form == other_record.primary:
                            taken.add(other)
            actor.aliases.discard(actor.name)
            found.append(actor)
    return found


def _person_alias(form: str, core: list[str], prefixes: frozenset[str], acronyms: frozenset[str]) -> str | None:
    """``form`` written as an alias if it names the person ``core``, else None: the
    surname alone or after a title, the name after a title, a longer or shorter form
    of the name, another spelling of it."""
    words = tokens(form)
    if words is None:
        return None
    titles, rest = _strip_titles(words, prefixes)
    if any(w in NOT_PERSON_WORDS or w in ORG_HEADS or w == "FNU" for w in rest):
        return None
    surname = _surname(core)
    if rest == core:
        return title(words, acronyms) if titles else None
    if len(rest) == 1:
        return title(words, acronyms) if _similar(rest[0], surname) else None
    if not _similar(rest[-1], surname) and not _similar(_surname(rest), surname):
        return None
    shorter, longer = sorted((rest, core), key=len)
    if all(w in longer for w in shorter) or _similar(rest[0], core[0]):
        return title(words, acronyms)
    return None


# ------------------------------------------------------------------ clean-up and output

def resolve(actors: list[Out], lexicon: Lexicon) -> list[Out]:
    """Merge people of one name; drop forms claimed by two actors (a country keeps its
    own), and surnames alone that are common words."""
    merged: dict[tuple[str, str], Out] = {}
    for actor in actors:
        key = (actor.kind, actor.name)
        if key in merged:
            merged[key].aliases |= actor.aliases
            merged[key].demonyms |= actor.demonyms
            merged[key].source = min(merged[key].source, actor.source)
        else:
            merged[key] = actor
    result = list(merged.values())
    by_name: dict[str, list[Out]] = {}
    for actor in result:
        by_name.setdefault(actor.name.casefold(), []).append(actor)
    # one name, two kinds: the country keeps it, the others go; without a country all go
    result = [a for a in result if len(by_name[a.name.casefold()]) == 1 or a.kind == "Country"]
    claims: dict[str, list[Out]] = {}
    for actor in result:
        for form in actor.forms():
            claims.setdefault(form.casefold(), []).append(actor)

    def keep(actor: Out, form: str) -> bool:
        owners = claims[form.casefold()]
        if len(owners) == 1:
            return True
        if any(o is not actor and o.name.casefold() == form.casefold() for o in owners):
            return False                                   # another actor's own name
        in_countries = [o for o in owners if o.kind == "Country"]
        return len(in_countries) == 1 and in_countries[0] is actor

    for actor in result:
        actor.aliases = {a for a in actor.aliases if keep(actor, a)}
        actor.demonyms = {d for d in actor.demonyms if keep(actor, d)}
        if actor.kind == "Person":
            actor.aliases = {a for a in actor.aliases if " " in a or a.lower() not in lexicon.common}
    return result


def _toml_list(values) -> str:
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "]"


def render(actors: list[Out], commit: str, licence: str) -> str:
    order = {"Country": 0, "Organization": 1, "Person": 2}
    lines = [
        "# GENERATED FILE: do not edit. Made by tools/convert_phoenix.py from the Phoenix actor",
        "# dictionaries (Phoenix.Countries.actors.txt, Phoenix.International.actors.txt) of",
        f"# PETRARCH2, repository openeventdata/petrarch2, commit {commit}.",
        "#",
        "# graph/knowledge.py loads it after ontology/actors.toml, which wins: a name or alias",
        "# that actors.toml uses is dropped from the entries below, and an entry whose name",
        "# is one of actors.toml's names or aliases is dropped whole.",
        "#",
        "# Which synonym of a country is its capital the dictionaries do not say: a city is kept",
        "# only where the converter's own table of capitals (CAPITALS) names it.",
        "#",
        f"# {sum(a.kind == 'Country' for a in actors)} countries, "
        f"{sum(a.kind == 'Organization' for a in actors)} organisations, "
        f"{sum(a.kind == 'Person' for a in actors)} people (a role held on {PEOPLE_SINCE.isoformat()} or later).",
        "#",
        "# The dictionaries are distributed under this licence:",
        "#",
        *[("# " + line).rstrip() for line in licence.strip().splitlines()],
        "",
    ]
    for actor in sorted(actors, key=lambda a: (order[a.kind], a.name.casefold(), a.name)):
        lines += ["[[actor]]", f"# {actor.source}", f"name = {json.dumps(actor.name, ensure_ascii=False)}",
                  f'kind = "{actor.kind}"',
                  f"aliases = {_toml_list(sorted(actor.aliases, key=lambda s: (s.casefold(), s)))}"]
        if actor.demonyms:
            lines.append(f"demonyms = {_toml_list(sorted(actor.demonyms, key=lambda s: (s.casefold(), s)))}")
        lines.append("")
    return "\n".join(lines)


def convert(countries_text: str, international_text: str, lexicon: Lexicon) -> list[Out]:
    """The generated actors of the two dictionaries (unsorted)."""
    country_groups, international_groups = parse(countries_text), parse(international_text)
    found_countries = countries(country_groups, lexicon)
    orgs, acronyms = organisations(international_groups, lexicon)
    # words that may stand before a name besides titles: "IRANIAN PRESIDENT ...", "UN ENVOY ..."
    demonym_words = {w.upper() for c in found_countries for d in c.demonyms for w in d.split()}
    prefixes = frozenset(acronyms | demonym_words | TITLE_PREFIXES)
    found = found_countries + orgs
    upper = frozenset(acronyms | {p.replace(".", "") for p in TITLE_PREFIXES})
    found += people(country_groups, COUNTRIES_FILE, prefixes, upper)
    found += people(international_groups, INTERNATIONAL_FILE, prefixes, upper)
    return resolve(found, lexicon)


def _commit(readme: str) -> str:
    match = re.search(r"commit\s+`?([0-9a-f]{7,40})", readme)
    return match.group(1) if match else "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="folder with the PETRARCH2 dictionaries, README.md and LICENSE")
    parser.add_argument("out", type=Path, help="the TOML file to write (ontology/phoenix_actors.toml)")
    args = parser.parse_args(argv)
    read = lambda name: (args.source / name).read_text(encoding="utf-8", errors="replace")  # noqa: E731
    actors = convert(read(COUNTRIES_FILE), read(INTERNATIONAL_FILE), Lexicon.from_model())
    readme = read("README.md") if (args.source / "README.md").exists() else ""
    args.out.write_text(render(actors, _commit(readme), read("LICENSE")), encoding="utf-8")
    counts = {kind: sum(a.kind == kind for a in actors) for kind in ("Country", "Organization", "Person")}
    print(f"{args.out}: {counts['Country']} countries, {counts['Organization']} organisations, "
          f"{counts['Person']} people")
    return 0


if __name__ == "__main__":
    sys.exit(main())
