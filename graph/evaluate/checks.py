"""The graph-wide checks: same-event merges and claims (see tests/gold/README.md)."""

from __future__ import annotations

import re

from graph.evaluate.gold import Gold, GoldEvent, parse_claim_value
from graph.evaluate.report import ArticleResult, ClaimCheck, Found, SameEventCheck
from graph.evaluate.system import Claim, SystemEvent


def _candidates(gold: Gold, events: list[GoldEvent], canonical: list[SystemEvent]) -> list[SystemEvent]:
    """Canonical events of a gold type of ``events``, dated inside their span, sharing a participant."""
    types = {e.type for e in events}
    begin, end = min(e.begin for e in events), max(e.end for e in events)
    people = {p for e in events for p in e.participants}
    return [s for s in canonical if s.event_class in types and s.dated and begin <= s.begin and s.end <= end
            and s.actors & people]


def _found(system: SystemEvent, ids: dict[str, str]) -> Found:
    return Found(system.iri, system.event_class, system.dates, tuple(ids.get(a, a) for a in system.articles),
                 system.participants)


def check_same_event(gold: Gold, check: dict, canonical: list[SystemEvent], stem_of: dict[str, str | None],
                     ids: dict[str, str]) -> SameEventCheck:
    key, articles = check.get("key"), tuple(check.get("articles") or ())
    events = [e for a in articles if (e := gold.event(a, key))]
    candidates = _candidates(gold, events, canonical) if events else []
    expected = {stem_of.get(a) for a in articles}
    exact = [c for c in candidates if set(c.articles) == expected]
    passed = len(candidates) == 1 and len(exact) == 1
    types = "/".join(sorted({e.type for e in events}))
    if passed:
        detail = f"one {types} event with mentions from exactly these articles"
    elif not candidates:
        detail = f"no {types} event in the date span with a gold participant"
    else:
        detail = (f"{len(candidates)} {types} events in the date span with a gold participant, "
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
