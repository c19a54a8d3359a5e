"""The gold file (see tests/gold/README.md): its events, dates and actor names.

:func:`load_gold` reads and checks a gold JSON file. :class:`ActorResolver`
maps any surface form of an actor (a gold alias, a gazetteer alias, an
institution that speaks for a state) to one canonical name, so gold
participants and the graph's actors can be compared.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import InputError
from graph.knowledge import EVENT_CLASSES, Knowledge

TIERS = ("core", "context")

_QUOTES = str.maketrans({c: "'" for c in
                         "\u2018\u2019\u201a\u201b\u2032\u00b4`\u201c\u201d\u201e\u201f\u2033\"\u00ab\u00bb"})
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})


def normalise_text(text: str) -> str:
    """Case-folded text with one kind of quote, one kind of dash and single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).translate(_DASHES)
    return re.sub(r"\s+", " ", text).strip().casefold()


# -- dates ------------------------------------------------------------------------------------------------

def part_span(part: str) -> tuple[dt.date, dt.date]:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", part):
        day = dt.date.fromisoformat(part)
        return day, day
    if re.fullmatch(r"\d{4}-\d{2}", part):
        year, month = int(part[:4]), int(part[5:])
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    if re.fullmatch(r"\d{4}", part):
        return dt.date(int(part), 1, 1), dt.date(int(part), 12, 31)
    raise ValueError(part)


def parse_span(text: str) -> tuple[dt.date, dt.date]:
    """The inclusive span of a gold date: ``YYYY-MM-DD``, ``START/END``, ``YYYY-MM`` or ``YYYY``."""
    try:
        if "/" in text:
            start, end = text.split("/")
            span = part_span(start.strip())[0], part_span(end.strip())[1]
        else:
            span = part_span(text.strip())
    except ValueError:
        raise ValueError(f"not a gold date (YYYY-MM-DD, START/END, YYYY-MM or YYYY): {text!r}") from None
    if span[1] < span[0]:
        raise ValueError(f"date interval ends before it starts: {text!r}")
    return span


def parse_claim_value(text: str) -> tuple[str, str | None]:
    """``"more than PT2H"`` or ``">PT2H"`` → ``("PT2H", "more than")``; ``"PT1H30M"`` → ``("PT1H30M", None)``."""
    text = text.strip()
    for prefix, qualifier in ((">=", "at least"), (">", "more than"), ("<=", "at most"), ("<", "less than")):
        if text.startswith(prefix):
            return text[len(prefix):].strip(), qualifier
    match = re.fullmatch(r"(.*?)\s*(P\S+)", text)
    if match and match.group(1):
        return match.group(2), match.group(1).strip()
    return text, None


# -- actors -----------------------------------------------------------------------------------------------

def _key(name: str) -> str:
    return normalise_text(name)


@dataclass
class ActorResolver:
    """Surface form → canonical name, through the gold actors, then the gazetteer and its ``speaks_for``."""

    gold: dict[str, str] = field(default_factory=dict)        # normalised surface -> gold canonical name
    known: dict[str, str] = field(default_factory=dict)       # normalised surface -> gazetteer name
    speaks_for: dict[str, str] = field(default_factory=dict)  # gazetteer name -> state it speaks for

    @classmethod
    def build(cls, gold_actors: list[dict], knowledge: Knowledge | None) -> ActorResolver:
        resolver = cls()
        for actor in gold_actors:
            for form in (actor["name"], *actor.get("aliases", ())):
                resolver.gold.setdefault(_key(form), actor["name"])
        if knowledge is not None:
            for actor in knowledge.actors:
                for form in (actor.name, *actor.aliases):
                    resolver.known.setdefault(_key(form), actor.name)
                if actor.speaks_for:
                    resolver.speaks_for[actor.name] = actor.speaks_for
        return resolver

    def _lookup(self, key: str) -> str | None:
        for candidate in (key, key[4:] if key.startswith("the ") else None):
            if not candidate:
                continue
            if candidate in self.gold:
                return self.gold[candidate]
            if candidate in self.known:
                name = self.known[candidate]
                state = self.speaks_for.get(name)
                return self.resolve(state) if state else self.gold.get(_key(name), name)
        return None

    def resolve(self, surface: str) -> str:
        """The canonical name of ``surface`` (itself when nobody knows it)."""
        found = self._lookup(_key(surface))
        return found if found is not None else surface.strip()

    def is_known(self, surface: str) -> bool:
        return _key(surface) in self.gold


# -- the gold file ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class GoldEvent:
    article: str               # the gold article id ("000")
    key: str
    tier: str
    type: str
    date: str                  # as written in the gold file
    begin: dt.date
    end: dt.date
    participants: tuple[str, ...]
    evidence: str
    claims: tuple[tuple[str, str], ...] = ()
    note: str = ""

    @property
    def core(self) -> bool:
        return self.tier == "core"


@dataclass(frozen=True)
class GoldArticle:
    id: str
    file: str
    published: str
    events: tuple[GoldEvent, ...]
    not_events: tuple[str, ...]

    @property
    def stem(self) -> str | None:
        return Path(self.file).stem if self.file else None


@dataclass(frozen=True)
class Gold:
    path: Path
    types: tuple[str, ...]
    groups: dict[str, str]                 # type -> group name
    articles: tuple[GoldArticle, ...]
    same_event: tuple[dict, ...]
    conflicting_claims: tuple[dict, ...]
    resolver: ActorResolver

    def group_of(self, event_class: str) -> str:
        return self.groups.get(event_class, event_class)

    def event(self, article: str, key: str) -> GoldEvent | None:
        for gold_article in self.articles:
            if gold_article.id == article:
                for event in gold_article.events:
                    if event.key == key:
                        return event
        return None


def _fail(path: Path, message: str) -> InputError:
    return InputError(f"gold file: {message}", path=path, hint="see tests/gold/README.md for the format")


def load_gold(path: Path, knowledge: Knowledge | None = None) -> Gold:
    """Read and check a gold file; participants must be gold actor names or aliases."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _fail(path, "does not exist") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise _fail(path, f"not valid JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise _fail(path, "needs an 'articles' list")
    types = tuple(data.get("types") or EVENT_CLASSES)
    groups: dict[str, str] = {}
    for group, members in (data.get("type_groups") or {}).items():
        for member in members:
            if member in groups:
                raise _fail(path, f"type {member!r} is in two type groups")
            groups[member] = group
    for event_type in types:
        groups.setdefault(event_type, event_type)
    resolver = ActorResolver.build(list(data.get("actors") or ()), knowledge)
    articles = []
    seen_ids = set()
    for i, entry in enumerate(data["articles"]):
        article_id = str(entry.get("id") or "")
        if not article_id or article_id in seen_ids:
            raise _fail(path, f"article #{i + 1} needs a unique 'id'")
        seen_ids.add(article_id)
        events, keys = [], set()
        for j, raw in enumerate(entry.get("events") or ()):
            where = f"article {article_id}, event {raw.get('key') or f'#{j + 1}'}"
            key = raw.get("key")
            if not key or key in keys:
                raise _fail(path, f"{where}: needs a unique 'key'")
            keys.add(key)
            if raw.get("type") not in types:
                raise _fail(path, f"{where}: unknown type {raw.get('type')!r}")
            if raw.get("tier", "context") not in TIERS:
                raise _fail(path, f"{where}: tier must be one of {TIERS}")
            try:
                begin, end = parse_span(str(raw.get("date") or ""))
            except ValueError as exc:
                raise _fail(path, f"{where}: {exc}") from None
            participants = tuple(raw.get("participants") or ())
            unknown = [p for p in participants if not resolver.is_known(p)]
            if unknown:
                raise _fail(path, f"{where}: participants not in 'actors': {unknown}")
            events.append(GoldEvent(
                article=article_id, key=key, tier=raw.get("tier", "context"), type=raw["type"],
                date=str(raw["date"]), begin=begin, end=end,
                participants=tuple(resolver.resolve(p) for p in participants),
                evidence=str(raw.get("evidence") or ""),
                claims=tuple(sorted((str(k), str(v)) for k, v in (raw.get("claims") or {}).items())),
                note=str(raw.get("note") or ""),
            ))
        articles.append(GoldArticle(article_id, str(entry.get("file") or ""), str(entry.get("published") or ""),
                                    tuple(events), tuple(str(t) for t in entry.get("not_events") or ())))
    gold = Gold(path, types, groups, tuple(articles), tuple(data.get("same_event") or ()),
                tuple(data.get("conflicting_claims") or ()), resolver)
    for check in (*gold.same_event, *gold.conflicting_claims):
        key = check.get("key") or check.get("event")
        if not key or not any(gold.event(a, key) for a in seen_ids):
            raise _fail(path, f"check refers to unknown event key {key!r}")
    return gold
