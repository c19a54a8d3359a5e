"""The knowledge the extractors read as data: actors, places, event words.

Everything here is loaded from TOML files under ``ontology/``; no name or
trigger word is written in code. :func:`load_knowledge` reads and checks the
files once and returns an immutable :class:`Knowledge`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from graph import settings
from graph.cues import Cues, ExtraCues
from graph.errors import KnowledgeError

EVENT_CLASSES = (
    "PhoneCall", "Meeting", "Talks", "Visit", "Agreement", "Ceasefire", "Refusal", "Demand",
    "Proposal", "Statement", "Order", "PrisonerExchange", "Attack", "Invasion", "Annexation", "Other",
)
ACTOR_KINDS = ("Person", "Country", "Organization")
#: The generated gazetteer (``tools/convert_phoenix.py``), read after ``actors.toml`` when present.
GENERATED_ACTORS = "phoenix_actors.toml"
#: The generated trigger lexicon (``tools/convert_cameo.py``), read after ``events.toml`` when present.
GENERATED_TRIGGERS = "cameo_triggers.toml"
#: Who held which office when (``[[role]]`` entries), read after both gazetteers, whose people it may name.
OFFICES = "offices.toml"
HISTORY = "history.toml"


def represented(names, speaks_for: dict[str, str]) -> frozenset[str]:
    """What ``names`` stand for: each institution or head of state as its state, others as themselves."""
    return frozenset(speaks_for.get(name, name) for name in names)


def slug(text: str) -> str:
    """A lower-case ASCII identifier for IRIs: ``"the Kremlin"`` → ``"the-kremlin"``."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    wikidata: str | None = None
    speaks_for: str | None = None
    media: bool = False

    @property
    def key(self) -> str:
        return slug(self.name)


@dataclass(frozen=True)
class RoleHolder:
    actor: str
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class Role:
    phrases: tuple[str, ...]
    holders: tuple[RoleHolder, ...]
    state: str | None = None
    head: bool = True          # the state's head of state or government: its holder stands for the state

    def holder_on(self, day: dt.date | None) -> str | None:
        """Who held the role on ``day`` (the latest holder when the day is unknown)."""
        if day is None:
            return self.holders[-1].actor if self.holders else None
        for holder in self.holders:
            if (holder.start is None or holder.start <= day) and (holder.end is None or day <= holder.end):
                return holder.actor
        return None


@dataclass(frozen=True)
class KnownEvent:
    """An event so often told without its date that a reader supplies it ("Iraq's invasion of Kuwait")."""

    event_class: str
    parties: frozenset[str]
    day: dt.date
    places: frozenset[str] = frozenset()     # "annexed Crimea": where it happened, when the parties are one


@dataclass(frozen=True)
class Trigger:
    lemma: tuple[str, ...]
    pos: str
    event_class: str
    requires_prep: tuple[str, ...] = ()
    requires_object: tuple[str, ...] | None = None
    excludes_prep: tuple[str, ...] = ()
    excludes_object: tuple[str, ...] = ()
    nominal: bool = False
    content: bool = False
    prep_object_named: bool = False
    object_named: bool = False
    excludes_particle: tuple[str, ...] = ()
    subject_named: bool = False
    object_kinds: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Knowledge:
    actors: tuple[Actor, ...]
    roles: tuple[Role, ...]
    places: dict[str, str]                 # surface form -> canonical place name
    triggers: tuple[Trigger, ...]
    classes: dict[str, dict]               # class -> {"cameo": ..., "label": ...}
    cues: Cues
    fingerprint: str = field(default="")   # hash of the files, for caches and provenance
    extra: ExtraCues = field(default_factory=ExtraCues)
    pairs: tuple[str, ...] = ()            # phrases naming the two people last named together ("the two leaders")
    not_actors: frozenset[str] = frozenset()    # rooms, platforms: never a party ("Oval Office", "Truth Social")
    office_words: frozenset[str] = frozenset()  # "Secretary of State": "State" is part of a title, no actor
    state_pairs: tuple[str, ...] = ()      # phrases naming the two states last named together ("the two countries")
    titles: frozenset[str] = frozenset()   # "Chancellor Olaf Scholz … the chancellor": the title stands for the person
    history: tuple[KnownEvent, ...] = ()   # events a reader dates without being told ("the invasion of Kuwait")
    entourage_words: frozenset[str] = frozenset()  # "Trump envoy", "Putin's aide": whose envoy, not a party
    group_phrases: tuple[str, ...] = ()    # phrases standing for the organisation last named ("the group")
    person_nouns: frozenset[str] = frozenset()  # "his counterpart Gustavo Petro": the name after is a person's
    voice_words: frozenset[str] = frozenset()   # "German government spokesman Jan Roe": Roe speaks for Germany
    state_nouns: frozenset[str] = frozenset()   # "the two countries" are states, never the envoys named last

    @functools.cached_property
    def by_name(self) -> dict[str, Actor]:
        return {actor.name: actor for actor in self.actors}

    @functools.cached_property
    def by_key(self) -> dict[str, Actor]:
        return {actor.key: actor for actor in self.actors}

    @functools.cached_property
    def speaks_for(self) -> dict[str, str]:
        """Who stands for which state: institutions, and the holders of a head-of-state role."""
        found = {actor.name: actor.speaks_for for actor in self.actors if actor.speaks_for}
        for role in self.roles:
            if role.state and role.head:
                for holder in role.holders:
                    found.setdefault(holder.actor, role.state)
        return found

    @functools.cached_property
    def pair_phrases(self) -> frozenset[str]:
        """The phrases naming two people or two states last named together, lower-cased."""
        return frozenset(p.lower() for p in self.pairs + self.state_pairs)

    @functools.cached_property
    def states(self) -> frozenset[str]:
        return frozenset(actor.name for actor in self.actors if actor.kind == "Country")

    @functools.cached_property
    def media(self) -> frozenset[str]:
        return frozenset(actor.name for actor in self.actors if actor.media)

    @functools.cached_property
    def triggers_by_first_lemma(self) -> dict[str, tuple[Trigger, ...]]:
        """The triggers under the first word of their lemma, longest first."""
        by_first: dict[str, list[Trigger]] = {}
        for trigger in self.triggers:
            by_first.setdefault(trigger.lemma[0], []).append(trigger)
        return {first: tuple(sorted(found, key=lambda t: -len(t.lemma))) for first, found in by_first.items()}


def _date(value, where: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise KnowledgeError(f"{where}: not an ISO date: {value!r}") from exc


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise KnowledgeError("knowledge file is missing", path=path,
                             hint="set TIMELINE_KG_ONTOLOGY to the ontology folder") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"not valid TOML: {exc}", path=path) from exc


def _actors(data: dict, path: Path) -> tuple[tuple[Actor, ...], tuple[Role, ...], dict[str, str]]:
    actors = []
    for i, entry in enumerate(data.get("actor", [])):
        where = f"{path.name}: actor #{i + 1}"
        if entry.get("kind") not in ACTOR_KINDS or not entry.get("name"):
            raise KnowledgeError(f"{where}: needs a name and a kind in {ACTOR_KINDS}", path=path)
        if any(actor.name == entry["name"] for actor in actors):
            raise KnowledgeError(f"{where}: {entry['name']!r} is named twice", path=path)
        actors.append(Actor(
            name=entry["name"], kind=entry["kind"], aliases=tuple(entry.get("aliases", ())),
            demonyms=tuple(entry.get("demonyms", ())), wikidata=entry.get("wikidata"),
            speaks_for=entry.get("speaks_for"), media=bool(entry.get("media", False)),
        ))
    names = {actor.name for actor in actors}
    for actor in actors:
        if actor.speaks_for and actor.speaks_for not in names:
            raise KnowledgeError(f"{actor.name} speaks for unknown actor {actor.speaks_for!r}", path=path)
    roles = _roles(data, path, names)
    places = {}
    for entry in data.get("place", []):
        for surface in (entry["name"], *entry.get("aliases", ())):
            places[surface] = entry["name"]
    return tuple(actors), tuple(roles), places


def _roles(data: dict, path: Path, names: set[str]) -> tuple[Role, ...]:
    """The ``[[role]]`` entries of a knowledge file; their holders and states are among ``names``."""
    roles = []
    for i, entry in enumerate(data.get("role", [])):
        where = f"{path.name}: role #{i + 1}"
        holders = tuple(
            RoleHolder(h["actor"], _date(h.get("from"), where), _date(h.get("to"), where))
            for h in entry.get("holders", ())
        )
        for holder in holders:
            if holder.actor not in names:
                raise KnowledgeError(f"{where}: unknown actor {holder.actor!r}", path=path)
        state = entry.get("state")
        if state is not None and state not in names:
            raise KnowledgeError(f"{where}: unknown state {state!r}", path=path)
        roles.append(Role(tuple(entry.get("phrases", ())), holders, state, bool(entry.get("head", True))))
    return tuple(roles)


def _generated_actors(data: dict, path: Path, own: tuple[Actor, ...], roles: tuple[Role, ...],
                      places: dict[str, str], reserved: tuple[str, ...] = ()) -> tuple[Actor, ...]:
    """The actors of a generated gazetteer, less what the project's own ``actors.toml`` says.

    Own wins: an entry whose name is a name, alias, demonym, place, role phrase or
    ``reserved`` name (``[not_actors]``) of the own file, compared ignoring case, is
    dropped whole, and so is one whose IRI key an own actor has; from the others every
    alias and demonym the own file uses is dropped. A later entry with the key of an
    earlier one is dropped too.
    """
    taken = {form.casefold() for actor in own for form in (actor.name, *actor.aliases, *actor.demonyms)}
    taken |= {surface.casefold() for surface in places}
    taken |= {phrase.casefold() for role in roles for phrase in role.phrases}
    taken |= {name.casefold() for name in reserved}
    keys = {actor.key for actor in own}
    found: list[Actor] = []
    for i, entry in enumerate(data.get("actor", [])):
        if entry.get("kind") not in ACTOR_KINDS or not entry.get("name"):
            raise KnowledgeError(f"{path.name}: actor #{i + 1}: needs a name and a kind in {ACTOR_KINDS}", path=path)
        actor = Actor(
            name=entry["name"], kind=entry["kind"],
            aliases=tuple(a for a in entry.get("aliases", ()) if a.casefold() not in taken),
            demonyms=tuple(d for d in entry.get("demonyms", ()) if d.casefold() not in taken),
            wikidata=entry.get("wikidata"), speaks_for=entry.get("speaks_for"), media=bool(entry.get("media", False)),
        )
        if actor.name.casefold() in taken or actor.key in keys:
            continue
        keys.add(actor.key)
        found.append(actor)
    names = {actor.name for actor in (*own, *found)}
    for actor in found:
        if actor.speaks_for and actor.speaks_for not in names:
            raise KnowledgeError(f"{actor.name} speaks for unknown actor {actor.speaks_for!r}", path=path)
    return tuple(found)


def _history(data: dict, path: Path, names: set[str], classes: dict[str, dict],
             place_names: frozenset[str] = frozenset()) -> tuple[KnownEvent, ...]:
    found = []
    for i, entry in enumerate(data.get("event", [])):
        where = f"event #{i + 1}"
        parties, places = frozenset(entry.get("parties", ())), frozenset(entry.get("places", ()))
        if (entry.get("class") not in classes or not parties or len(parties) + len(places) < 2
                or not parties <= names or not places <= place_names or "date" not in entry):
            raise KnowledgeError(f"{where}: needs a known class, two or more known parties and places, and a date",
                                 path=path)
        found.append(KnownEvent(entry["class"], parties, _date(entry.get("date"), where), places))
    return tuple(found)


def _events(data: dict, path: Path) -> tuple[tuple[Trigger, ...], dict[str, dict], Cues]:
    classes = data.get("class", {})
    unknown = set(classes) - set(EVENT_CLASSES)
    if unknown:
        raise KnowledgeError(f"unknown event classes: {sorted(unknown)}", path=path)
    triggers = []
    for i, entry in enumerate(data.get("trigger", [])):
        if entry.get("class") not in EVENT_CLASSES or entry.get("pos") not in ("VERB", "NOUN", "ADJ"):
            raise KnowledgeError(f"trigger #{i + 1} ({entry.get('lemma')!r}): bad class or pos", path=path)
        requires_object = entry.get("requires_object")
        triggers.append(Trigger(
            lemma=tuple(entry["lemma"].lower().split()), pos=entry["pos"], event_class=entry["class"],
            requires_prep=tuple(entry.get("requires_prep", ())),
            requires_object=tuple(requires_object) if requires_object else None,
            excludes_prep=tuple(entry.get("excludes_prep", ())),
            excludes_object=tuple(entry.get("excludes_object", ())),
            nominal=bool(entry.get("nominal", False)), content=bool(entry.get("content", False)),
            prep_object_named=bool(entry.get("prep_object_named", False)),
            object_named=bool(entry.get("object_named", False)),
            excludes_particle=tuple(entry.get("excludes_particle", ())),
            subject_named=bool(entry.get("subject_named", False)),
            object_kinds=tuple(entry.get("object_kinds", ())),
        ))
    cues = data.get("cues", {})
    return tuple(triggers), classes, Cues(
        ceasefire_objects=frozenset(cues.get("ceasefire_objects", ())),
        ceasefire_from=frozenset(cues.get("ceasefire_from", ())),
        negation_to_refusal=frozenset(cues.get("negation_to_refusal", ())),
        irrealis_modals=frozenset(cues.get("irrealis_modals", ())),
        irrealis_governors=frozenset(cues.get("irrealis_governors", ())),
        relative_preps=tuple(cues.get("relative_preps", ())),
        day_shifts=dict(cues.get("day_shifts", {})),
        sequel_shifts=dict(cues.get("sequel_shifts", {})),
        blocking_preps=frozenset(cues.get("blocking_preps", ())),
        generic_determiners=frozenset(cues.get("generic_determiners", ())),
        light_verbs=frozenset(cues.get("light_verbs", ())),
        simultaneous_marks=frozenset(cues.get("simultaneous_marks", ())),
        contact_preps=frozenset(cues.get("contact_preps", ())),
    )


def _generated_triggers(path: Path, own: tuple[Trigger, ...], cues: dict) -> tuple[Trigger, ...]:
    """The triggers of a generated lexicon, less what the project's own ``events.toml`` says.

    Own wins: a generated trigger whose lemma (the word sequence) and pos an own trigger
    has is dropped, whatever its class and conditions, and so is a verb the own ``[cues]``
    give a role of their own (the lists named ``*_verbs``, ``irrealis_governors``): "held
    talks" is the talks, "wants a truce" an unreal truce.
    """
    taken = {(trigger.lemma, trigger.pos) for trigger in own}
    roles = {verb for name, verbs in cues.items() if name.endswith("_verbs") or name == "irrealis_governors"
             for verb in verbs}
    taken |= {(tuple(verb.split()), "VERB") for verb in roles}
    generated, _classes, _cues = _events(_read(path), path)
    return tuple(trigger for trigger in generated if (trigger.lemma, trigger.pos) not in taken)


@functools.lru_cache(maxsize=4)
def load_knowledge(folder: Path | None = None) -> Knowledge:
    """Read ``actors.toml`` and ``events.toml`` from ``folder`` (default: the ontology folder),
    and the generated ``phoenix_actors.toml`` and ``cameo_triggers.toml`` when the folder has
    them (their entries follow the own ones, which win: :func:`_generated_actors`,
    :func:`_generated_triggers`), then ``offices.toml``: who held which office when, for
    people and states of either gazetteer, and ``history.toml``: events a reader dates
    without being told."""
    folder = Path(folder) if folder else settings.ontology_dir()
    actor_path, event_path = folder / "actors.toml", folder / "events.toml"
    actor_data, event_data = _read(actor_path), _read(event_path)
    actors, roles, places = _actors(actor_data, actor_path)
    generated_path = folder / GENERATED_ACTORS
    generated = generated_path.is_file()
    if generated:
        reserved = tuple(actor_data.get("not_actors", {}).get("names", ()))
        actors += _generated_actors(_read(generated_path), generated_path, actors, roles, places, reserved)
    office_path = folder / OFFICES
    offices = office_path.is_file()
    if offices:
        roles += _roles(_read(office_path), office_path, {actor.name for actor in actors})
    triggers, classes, cues = _events(event_data, event_path)
    trigger_path = folder / GENERATED_TRIGGERS
    generated_triggers = trigger_path.is_file()
    if generated_triggers:
        triggers += _generated_triggers(trigger_path, triggers, event_data.get("cues", {}))
    history_path = folder / HISTORY
    history = _history(_read(history_path), history_path, {a.name for a in actors}, classes,
                       frozenset(places.values())) \
        if history_path.is_file() else ()
    table = event_data.get("cues", {})
    extra = ExtraCues(**{name: frozenset(table.get(name, ())) for name in ExtraCues.__dataclass_fields__})
    pairs = tuple(actor_data.get("pairs", {}).get("phrases", ()))
    not_actors = actor_data.get("not_actors", {})
    digest = hashlib.sha256()
    for path in (actor_path, event_path, *([office_path] if offices else []), *([generated_path] if generated else []),
                 *([trigger_path] if generated_triggers else []), *([history_path] if history else [])):
        digest.update(path.read_bytes())
    return Knowledge(actors, roles, places, triggers, classes, cues, digest.hexdigest()[:16], extra, pairs,
                     frozenset(not_actors.get("names", ())), frozenset(w.lower() for w in not_actors.get("office_words", ())),
                     tuple(actor_data.get("pairs", {}).get("state_phrases", ())),
                     frozenset(t.lower() for t in actor_data.get("titles", {}).get("words", ())), history,
                     frozenset(w.lower() for w in not_actors.get("entourage_words", ())),
                     tuple(actor_data.get("pairs", {}).get("group_phrases", ())),
                     frozenset(w.lower() for w in actor_data.get("titles", {}).get("person_nouns", ())),
                     frozenset(w.lower() for w in actor_data.get("titles", {}).get("voice_words", ())),
                     frozenset(w.lower() for w in actor_data.get("pairs", {}).get("state_nouns", ())))
