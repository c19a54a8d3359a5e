"""The graph-wide checks: same-event merges and claims (see tests/gold/README.md)."""

from __future__ import annotations

import re

from graph.evaluate.gold import Gold, GoldEvent, normalise_text, parse_claim_value
from graph.evaluate.report import ArticleResult, ClaimCheck, Found, SameEventCheck
from graph.evaluate.system import Claim, SystemEvent


def _named_in(text: str, gold: Gold, participants: set[str]) -> set[str]:
    """The gold participants that ``text`` names by a gold name or alias (word-bounded, case-insensitive)."""
    text = normalise_text(text)
    found = set()
    for surface, name in gold.resolver.gold.items():
        if name in participants and re.search(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            found.add(name)
    return found


def required_participants(gold: Gold, events: list[GoldEvent], expect: str = "") -> set[str]:
    """Who a merged event must include: the participants every gold mention names, and those the check names."""
    if not events:
        return set()
    shared = set.intersection(*(set(e.participants) for e in events))
    return shared | _named_in(expect, gold, {p for e in events for p in e.participants})


def _candidates(gold: Gold, events: list[GoldEvent], canonical: list[SystemEvent],
                required: set[str] | None = None) -> list[SystemEvent]:
    """Canonical events of a gold type of ``events``, dated inside their span, with the required participants.

    Without ``required`` (or when it is empty) sharing any gold participant is enough.
    """
    types = {e.type for e in events}
    begin, end = min(e.begin for e in events), max(e.end for e in events)
    people = {p for e in events for p in e.participants}
    return [s for s in canonical if s.event_class in types and s.dated and begin <= s.begin and s.end <= end
            and (required <= s.actors if required else s.actors & people)]


def _wholes(candidates: list[SystemEvent]) -> list[SystemEvent]:
    """The candidates that are not a sub-event (``sem:subEventOf``) of another candidate: an
    agreement reached during talks counts with the talks, as one event."""
    iris = {c.iri for c in candidates}
    return [c for c in candidates if not set(c.part_of) & (iris - {c.iri})]


def _found(system: SystemEvent, ids: dict[str, str]) -> Found:
    return Found(system.iri, system.event_class, system.dates, tuple(ids.get(a, a) for a in system.articles),
                 system.participants)


def check_same_event(gold: Gold, check: dict, canonical: list[SystemEvent], stem_of: dict[str, str | None],
                     ids: dict[str, str]) -> SameEventCheck:
    key, articles = check.get("key"), tuple(check.get("articles") or ())
    events = [e for a in articles if (e := gold.event(a, key))]
    required = required_participants(gold, events, str(check.get("expect") or ""))
    candidates = _wholes(_candidates(gold, events, canonical, required)) if events else []
    expected = {stem_of.get(a) for a in articles}
    exact = [c for c in candidates if set(c.articles) == expected]
    passed = len(candidates) == 1 and len(exact) == 1
    types = "/".join(sorted({e.type for e in events}))
    who = " and ".join(sorted(required)) if required else "a gold participant"
    if passed:
        detail = f"one {types} event with mentions from exactly these articles"
    elif not candidates:
        detail = f"no {types} event in the date span with {who}"
    else:
        detail = (f"{len(candidates)} {types} events in the date span with {who}, "
                  f"{len(exact)} of them from exactly these articles")
    return SameEventCheck(key, articles, str(check.get("expect") or ""), passed, detail,
                          tuple(_found(c, ids) for c in candidates))


def _duration(text: str):
    match_ = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?",
                          text.strip())
    if not match_:
        return text.strip()
    y, mo, w, d, h, mi, s = (float(g) if g else 0.0 for g in match_.groups())
    return y, mo, ((w * 7 + d) * 24 + h) * 3600 + mi * 60 + s


#: Qualifiers that only hedge a value: a gold value without qualifier accepts them.
APPROXIMATE = frozenset({"around", "about", "roughly", "approximately", "some", "circa", "an estimated"})


def _qualifier_ok(found: str | None, wanted: str | None) -> bool:
    if wanted:
        return (found or "").casefold() == wanted.casefold()
    return not found or found.casefold() in APPROXIMATE


def _claims_for(claims: list[Claim], events: set[str], prop: str, value: str, qualifier: str | None,
                stem: str | None) -> list[Claim]:
    return [c for c in claims if c.about in events and c.prop == prop and _duration(c.value) == _duration(value)
            and _qualifier_ok(c.qualifier, qualifier) and stem in c.articles]


def check_claims(gold: Gold, report_articles: list[ArticleResult], canonical: list[SystemEvent],
                 claims: list[Claim], stem_of: dict[str, str | None]) -> list[ClaimCheck]:
    matched = {(a.id, p.key): p.iri for a in report_articles for p in a.pairs}
    checks = []
    for conflict in gold.conflicting_claims:
        key, prop = conflict.get("event"), str(conflict.get("property"))
        events = [e for a in gold.articles if (e := gold.event(a.id, key))]
        targets = {iri for (_, k), iri in matched.items() if k == key}
        targets |= {c.iri for c in _candidates(gold, events, canonical)}
        results = []
        for entry in conflict.get("values") or ():
            value, qualifier = parse_claim_value(str(entry.get("value")))
            articles = tuple(entry.get("articles") or ())
            found = {a: _claims_for(claims, targets, prop, value, qualifier, stem_of.get(a)) for a in articles}
            results.append((value, qualifier, articles, found))
        about = {c.about for *_, found in results for cs in found.values() for c in cs}
        for value, qualifier, articles, found in results:
            missing = [a for a, cs in found.items() if not cs]
            passed = not missing and len(about) == 1
            detail = ("found, all values about one event" if passed else
                      f"no claim from {', '.join(missing)}" if missing else
                      f"values are about {len(about)} different events")
            checks.append(ClaimCheck("conflict", key, prop, value, qualifier, articles, passed, detail,
                                     tuple(sorted({c.iri for cs in found.values() for c in cs}))))
    for article in gold.articles:
        for event in article.events:
            for prop, raw in event.claims:
                value, qualifier = parse_claim_value(raw)
                iri = matched.get((article.id, event.key))
                found = _claims_for(claims, {iri}, prop, value, qualifier, stem_of.get(article.id)) if iri else []
                detail = ("found" if found else "gold event not matched" if not iri else
                          "no such claim about the matched event from this article")
                checks.append(ClaimCheck("event", event.key, prop, value, qualifier, (article.id,), bool(found),
                                         detail, tuple(c.iri for c in found)))
    return checks
