"""Convert the CAMEO verb dictionary of PETRARCH2 into event triggers (``[[trigger]]`` TOML).

Usage (from the repository root)::

    .venv/bin/python tools/convert_cameo.py ../shared/reference/petrarch2/CAMEO.2.0.txt ontology/cameo_triggers.toml

The dictionary (format: ``dictionaries.rst`` beside it) holds noun synonym sets
(``&CEASEFIRE`` and ``+WORD`` lines) and verb synonym blocks: a header
``--- NAME [code] ---``, verb lines (``VERB {forms} [code]``; a verb without a
code of its own takes the block's), then patterns ``- * OBJECT [code]  # VERB``
that give the code of every verb of the block with that object (the comment
names the verb the pattern was found for). The converter

1. parses the blocks (:func:`parse`);
2. maps CAMEO codes to the project's event classes, conservatively
   (:func:`cameo_class`): statement-like, cooperative, material and coercive
   codes that the project has no class for are left out, and 0841 (release of
   persons) is a prisoner exchange only with an object naming captives;
3. emits, per verb (:func:`triggers`): one entry without conditions when the
   verb's bare code maps to a class and nothing the dictionary says about the
   verb maps elsewhere or nowhere; otherwise one entry per class with
   ``requires_object``, the lemmas of that class's single-word object patterns
   (``&SET`` references expanded), less objects another pattern of the verb
   codes differently.

Only patterns of the form ``- * WORD`` or ``- * &SET`` give objects, and only
to the verbs their comment names (to every verb of the block when it names
none): the block's other synonyms share them in PETRARCH, but as triggers they
gave "hurry weapons" an attack and "note a truce" a ceasefire. Every pattern
of the block, also those with prepositions, particles, several words or words
before the verb, counts when deciding whether a verb is ambiguous. Verbs are the base forms the
dictionary lists first; of multi-word verbs only verb + particle ("call off")
is kept. Object nouns are lemmatised by the project's spaCy model, as the
extractor lemmatises them. The output is sorted: running twice gives the same
file. The project's own ``events.toml`` is not read here: ``graph/knowledge.py``
drops every generated trigger whose lemma and part of speech it already has,
and every verb its ``[cues]`` lists give a role ("hold" is a light verb).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

SOURCE = "PETRARCH2, repository openeventdata/petrarch2, commit 676801cd9cb2"

#: Exact CAMEO codes and the class they give.
EXACT = {"041": "PhoneCall", "042": "Visit", "043": "Visit", "044": "Meeting", "046": "Talks",
         "057": "Agreement", "0871": "Ceasefire", "0841": "PrisonerExchange"}
#: Two-digit CAMEO roots whose every code gives the class.
ROOTS = {"03": "Proposal", "10": "Demand", "12": "Refusal", "18": "Attack", "19": "Attack", "20": "Attack"}
#: Codes under those roots that the project does not take for an attack: blockade (191) and
#: occupation of territory (192, the code of the project's own Annexation class).
NOT_ATTACKS = frozenset({"191", "192"})
#: Objects that make a release of persons (0841) a prisoner exchange.
CAPTIVES = frozenset({"prisoner", "captive", "hostage", "detainee", "pow"})
#: Second words of a multi-word verb that make it a phrasal verb kept as a lemma sequence.
PARTICLES = frozenset({"up", "down", "off", "out", "back", "over", "away", "forward", "forth", "together", "in"})

_HEADER = re.compile(r"^---\s+\S+\s+\[([^\]]*)\]")
_VERB = re.compile(r"^(?P<word>[^\s{\[#]+)\s*(?P<forms>\{[^}]*\})?\s*(?:\[(?P<code>[^\]]*)\])?")
_PATTERN = re.compile(r"^-\s*(?P<body>[^\[]*)\[(?P<code>[^\]]*)\]")
_WORD = re.compile(r"^&?[A-Z][A-Z_]*$")


@dataclass
class Block:
    code: str                                                  # the block's own code ("---": none)
    verbs: list[tuple[str, str]] = field(default_factory=list)  # (lemma, code)
    #: (WORD or &SET, None for other patterns; code; the verbs the comment names, lower-case)
    patterns: list[tuple[str | None, str, tuple[str, ...]]] = field(default_factory=list)


def parse(text: str) -> tuple[dict[str, list[str]], list[Block]]:
    """The synonym sets (name -> members as written) and the verb blocks of a dictionary."""
    synsets: dict[str, list[str]] = {}
    blocks: list[Block] = []
    current: list[str] | None = None
    for raw in text.splitlines():
        if raw.startswith("########") and "TRANSFORMATIONS" in raw:
            break
        if raw.lstrip().startswith("#"):
            continue
        line = raw.partition("#")[0].strip() if not raw.startswith("---") else raw.strip()
        if not line:
            current = None
            continue
        if header := _HEADER.match(line):
            blocks.append(Block(header.group(1).strip() or "---"))
            current = None
        elif line.startswith("&") and not blocks:
            current = synsets.setdefault(line.split()[0], [])
        elif line.startswith("+") and current is not None:
            current.append(line[1:].split()[0])
        elif line.startswith("-") and blocks:
            match = _PATTERN.match(line)
            if match:
                tokens = match.group("body").split()
                obj = tokens[1] if len(tokens) == 2 and tokens[0] == "*" and _WORD.match(tokens[1]) else None
                named = tuple(w.lower() for w in re.findall(r"[A-Z][A-Z_]+", raw.partition("#")[2]))
                blocks[-1].patterns.append((obj, match.group("code").strip(), named))
        elif blocks and (verb := _VERB.match(line)):
            lemma = _verb_lemma(verb.group("word"), verb.group("forms"))
            if lemma:
                blocks[-1].verbs.append((lemma, (verb.group("code") or "").strip() or blocks[-1].code))
    return synsets, blocks


def _verb_lemma(word: str, forms: str | None) -> str | None:
    """The base form of a verb line: "CALL" -> "call", "+CALL_OFF" -> "call off"; None for others
    (verb + noun or preposition, the verb not first, fixed forms "{}")."""
    if forms is not None and not forms.strip("{} "):
        return None
    parts = word.lower().split("_")
    if not all(p.isalpha() for p in parts[1:]) or not parts[0].lstrip("+").isalpha():
        return None
    if len(parts) == 1:
        return parts[0].lstrip("+")
    if len(parts) == 2 and parts[0].startswith("+") and parts[1] in PARTICLES:
        return f"{parts[0][1:]} {parts[1]}"
    return None


def cameo_class(code: str) -> str | None:
    """The project's event class of a CAMEO code ("042:043" counts as its first code), or None."""
    code = code.split(":")[0].strip()
    if not code.isdigit() or code[:3] in NOT_ATTACKS:
        return None
    return EXACT.get(code) or ROOTS.get(code[:2])


def expand(obj: str, synsets: dict[str, list[str]]) -> list[str]:
    """The words of a pattern object: a word, or the one-word members of a synonym set."""
    members = synsets.get(obj, []) if obj.startswith("&") else [obj]
    words = [m.rstrip("_").lower() for m in members]
    return [w for w in words if w.isalpha()]


#: Frames in which the model lemmatises a word: as a noun, as a verb.
NOUN_FRAME, VERB_FRAME = "the {}", "they will {} it"


def model_lemmas(words: set[str], frame: str) -> dict[str, str]:
    """Each word's lemma as the project's spaCy model gives it in ``frame`` ("the attacks" -> "attack")."""
    from graph.nlp import load_model

    ordered = sorted(words)
    docs = load_model().pipe((frame.format(w) for w in ordered), disable=["parser", "ner"])
    at = frame.split().index("{}")
    return {w: doc[at].lemma_.lower() for w, doc in zip(ordered, docs)}


@dataclass(frozen=True)
class Entry:
    lemma: str
    event_class: str
    codes: tuple[str, ...]
    requires_object: tuple[str, ...] | None = None


def triggers(synsets: dict[str, list[str]], blocks: list[Block], lemmatise=model_lemmas) -> list[Entry]:
    """The trigger entries of the parsed dictionary, sorted by lemma and class.

    ``lemmatise(words, frame)`` gives each word's lemma (:func:`model_lemmas`): a verb the
    model does not take for a base form ("touring") is left out, and an object whose
    lemma is a function word ("- * OFF", "- * WITH") gives no object."""
    bare: dict[str, set[str]] = defaultdict(set)   # verb -> its bare codes
    said: dict[str, list[tuple[list[str] | None, str, bool]]] = defaultdict(list)  # verb -> (words, code, named)
    named = {w.split("_")[0] for block in blocks for *_, verbs in block.patterns for w in verbs}
    heads = lemmatise({verb.split()[0] for block in blocks for verb, _ in block.verbs} | named, VERB_FRAME)
    for block in blocks:
        for lemma, code in block.verbs:
            bare[lemma].add(code)
            for obj, pattern_code, verbs in block.patterns:
                attested = not verbs or lemma in {_named_lemma(w, heads) for w in verbs}
                said[lemma].append((expand(obj, synsets) if obj else None, pattern_code, attested))
    lemmas = lemmatise({w for found in said.values() for objs, *_ in found for w in objs or ()}, NOUN_FRAME)
    lemmas = {w: lemma for w, lemma in lemmas.items() if lemma not in STOP_WORDS and len(lemma) > 2}
    entries = []
    for verb in sorted(v for v in bare if heads[v.split()[0]] == v.split()[0]):
        outcomes: dict[str | None, set[str]] = defaultdict(set)   # class or None -> codes
        objects: dict[str | None, set[str]] = defaultdict(set)    # class or None -> object lemmas (attested)
        coded: dict[str | None, set[str]] = defaultdict(set)      # class or None -> object lemmas (all)
        for code in bare[verb]:
            outcomes[None if cameo_class(code) == "PrisonerExchange" else cameo_class(code)].add(code)
        for objs, code, attested in said[verb]:
            for word in objs if objs else [None]:
                lemma = lemmas.get(word) if word else None
                found = cameo_class(code)
                if found == "PrisonerExchange" and lemma not in CAPTIVES:
                    found = None
                outcomes[found].add(code)
                if lemma:
                    coded[found].add(lemma)
                    if attested:
                        objects[found].add(lemma)
        classes = [c for c in outcomes if c is not None]
        if len(outcomes) == 1 and classes:
            entries.append(Entry(verb, classes[0], tuple(sorted(outcomes[classes[0]]))))
            continue
        for found in sorted(classes):
            others = set().union(*(objs for c, objs in coded.items() if c != found))
            wanted = tuple(sorted(objects[found] - others))
            if wanted:
                entries.append(Entry(verb, found, tuple(sorted(outcomes[found])), wanted))
    return entries


def _named_lemma(word: str, heads: dict[str, str]) -> str:
    """The verb a pattern comment names, as a lemma: "called_off" -> "call off"."""
    first, *rest = word.split("_")
    return " ".join([heads.get(first, first), *rest])


def licence_notice(text: str) -> str:
    """The MIT notice in the dictionary's header comments ("" when it has none)."""
    lines = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
    start = next((i for i, line in enumerate(lines) if line.startswith("The MIT License")), None)
    if start is None:
        return ""
    end = next(i for i in range(start, len(lines)) if "DEALINGS IN THE SOFTWARE" in lines[i])
    return "\n".join(lines[start:end + 1])


def render(entries: list[Entry], source_name: str, licence: str) -> str:
    counts = defaultdict(int)
    for entry in entries:
        counts[entry.event_class] += 1
    lines = [
        "# GENERATED FILE: do not edit. Made by tools/convert_cameo.py from the CAMEO verb",
        f"# dictionary {source_name} of {SOURCE}.",
        "#",
        "# [[trigger]] entries in the format of ontology/events.toml. graph/knowledge.py loads them",
        "# after events.toml, which wins: an entry whose lemma and pos events.toml has is dropped,",
        "# and so is a verb its [cues] lists give a role (light verbs, irrealis governors, ...).",
        "# The comment above an entry names the CAMEO codes it comes from.",
        "#",
        "# " + ", ".join(f"{cls} {n}" for cls, n in sorted(counts.items())) + f" ({len(entries)} entries).",
        "#",
        "# The dictionary is distributed under this licence:",
        "#",
        *[("# " + line).rstrip() for line in licence.strip().splitlines()],
        "",
    ]
    for entry in entries:
        lines += ["[[trigger]]", f"# CAMEO {', '.join(entry.codes)}", f"lemma = {json.dumps(entry.lemma)}",
                  'pos = "VERB"', f'class = "{entry.event_class}"']
        if entry.requires_object:
            lines.append(f"requires_object = [{', '.join(json.dumps(o) for o in entry.requires_object)}]")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="the CAMEO verb dictionary (CAMEO.2.0.txt)")
    parser.add_argument("out", type=Path, help="the TOML file to write (ontology/cameo_triggers.toml)")
    args = parser.parse_args(argv)
    text = args.source.read_text(encoding="utf-8", errors="replace")
    licence = licence_notice(text)
    beside = args.source.parent / "LICENSE"
    if not licence and beside.is_file():
        licence = beside.read_text(encoding="utf-8")
    if not licence:
        parser.error(f"no licence notice in {args.source} nor a LICENSE beside it")
    entries = triggers(*parse(text))
    args.out.write_text(render(entries, args.source.name, licence), encoding="utf-8")
    print(f"{args.out}: {len(entries)} triggers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
