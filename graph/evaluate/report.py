"""The evaluation report: its data, its JSON form and its plain-text form."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

#: The groups of an extra's cause, by the words its cause begins with (see ``_extra_cause`` in score.py).
EXTRA_GROUPS = (("not in gold", "not in gold"), ("near miss", "near miss"), ("duplicate", "duplicate"),
                ("other trigger", "other trigger in the sentence of a missed event"), ("furniture", "furniture"))


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def miss_categories(cause: str) -> list[str]:
    """The categories of a miss's cause: its '+'-separated parts, each once ("class wrong+undated" → both)."""
    return list(dict.fromkeys(part.strip() for part in cause.split("+") if part.strip()))


def extra_group(cause: str) -> str:
    """The group of an extra's cause ("near miss of k: …" → "near miss"); else its words before ':' or '('."""
    for prefix, group in EXTRA_GROUPS:
        if cause.startswith(prefix):
            return group
    return cause.split(":", 1)[0].split("(", 1)[0].strip() or "other"


def _by_count(counts: Counter) -> list[tuple[str, int]]:
    """(name, count) pairs, the largest count first, ties by name."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


@dataclass(frozen=True)
class Figures:
    """Counts of one article (or all, summed: micro averages) and the figures made from them.

    ``matched`` counts the one-to-one matching that accepts a type in the gold type's
    group (loose); ``strict`` counts a separate matching that needs the very type.
    """

    gold: int = 0
    core: int = 0
    system: int = 0          # system events of the article, dated or not
    dated: int = 0           # dated system events
    parts: int = 0           # dated, unmatched, part of a matched event (sem:subEventOf): not scored
    matched: int = 0         # loose matches
    strict: int = 0          # strict matches
    core_loose: int = 0      # core gold events matched loosely
    core_strict: int = 0     # core gold events matched strictly

    def __add__(self, other: Figures) -> Figures:
        return Figures(*(a + b for a, b in zip(asdict(self).values(), asdict(other).values())))

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.dated - self.parts)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def strict_recall(self) -> float:
        return _ratio(self.strict, self.gold)

    @property
    def core_recall_strict(self) -> float:
        return _ratio(self.core_strict, self.core)

    @property
    def core_recall_loose(self) -> float:
        return _ratio(self.core_loose, self.core)

    def to_dict(self) -> dict:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1,
                "strict_recall": self.strict_recall, "core_recall_strict": self.core_recall_strict,
                "core_recall_loose": self.core_recall_loose}


@dataclass(frozen=True)
class Pair:
    """A gold event and the system event matched to it (in the loose matching)."""

    key: str
    iri: str
    gold_type: str
    event_class: str
    strict: bool             # the types are equal (not only the same group)
    evidence_agrees: bool    # a system evidence sentence holds the gold evidence
    on_trigger: bool         # … and the mention's trigger lies inside the gold evidence


@dataclass(frozen=True)
class Near:
    """A system event near a missed gold event, and what kept them apart."""

    iri: str
    event_class: str
    dates: str
    participants: tuple[str, ...]
    failures: tuple[str, ...]        # "class wrong: …", "undated", "date wrong: …", "no participant", …
    evidence: str
    taken_by: str | None = None      # the gold key it is matched to instead, if any
    trigger: str = ""                # its trigger in the gold evidence's sentence
    on_trigger: bool = False         # the trigger lies inside the gold evidence


@dataclass(frozen=True)
class Miss:
    article: str
    key: str
    tier: str
    type: str
    date: str
    participants: tuple[str, ...]
    evidence: str
    cause: str                       # short: "not extracted", "date wrong", "class wrong+undated", "taken", …
    near: tuple[Near, ...] = ()


@dataclass(frozen=True)
class Extra:
    article: str
    iri: str
    event_class: str
    dates: str
    participants: tuple[str, ...]
    evidence: str                    # the first evidence sentence
    cause: str                       # "furniture", "not in gold", "duplicate of <key>", "near miss of <key>: …"
    trigger: str = ""                # the trigger of its first mention


@dataclass(frozen=True)
class NotEventHit:
    article: str
    text: str
    iri: str
    event_class: str
    dates: str
    evidence: str


@dataclass(frozen=True)
class Found:
    iri: str
    event_class: str
    dates: str
    articles: tuple[str, ...]
    participants: tuple[str, ...]


@dataclass(frozen=True)
class SameEventCheck:
    key: str
    articles: tuple[str, ...]
    expect: str
    passed: bool
    detail: str
    found: tuple[Found, ...] = ()


@dataclass(frozen=True)
class ClaimCheck:
    kind: str                        # "conflict" (conflicting_claims) or "event" (a gold event's claims)
    key: str
    prop: str
    value: str
    qualifier: str | None
    articles: tuple[str, ...]
    passed: bool
    detail: str
    claims: tuple[str, ...] = ()     # IRIs of the claims found


@dataclass(frozen=True)
class ArticleResult:
    id: str
    stem: str | None
    figures: Figures
    pairs: tuple[Pair, ...] = ()
    misses: tuple[Miss, ...] = ()
    extras: tuple[Extra, ...] = ()
    parts: tuple[Extra, ...] = ()    # dated sub-events or frames of matched events (not scored)


@dataclass(frozen=True)
class EvaluationReport:
    gold_path: str
    graph_path: str
    overall: Figures
    articles: tuple[ArticleResult, ...]
    not_event_hits: tuple[NotEventHit, ...] = ()
    same_event: tuple[SameEventCheck, ...] = ()
    claims: tuple[ClaimCheck, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def misses(self) -> list[Miss]:
        return [m for a in self.articles for m in a.misses]

    @property
    def extras(self) -> list[Extra]:
        return [x for a in self.articles for x in a.extras]

    @property
    def parts(self) -> list[Extra]:
        return [x for a in self.articles for x in a.parts]

    def misses_by_cause(self) -> list[tuple[str, int]]:
        """Misses counted by cause category, largest first: a miss counts once under each of its
        '+'-separated categories, so the counts may add up to more than the misses."""
        return _by_count(Counter(c for miss in self.misses for c in miss_categories(miss.cause)))

    def extras_by_cause(self) -> list[tuple[str, int]]:
        """Extras counted by the group of their cause (:func:`extra_group`), largest first."""
        return _by_count(Counter(extra_group(extra.cause) for extra in self.extras))

    def to_dict(self) -> dict:
        """Plain JSON-ready data (``json.dumps(report.to_dict())``)."""
        def article(result: ArticleResult) -> dict:
            return {"id": result.id, "stem": result.stem, "figures": result.figures.to_dict(),
                    "matches": [asdict(p) for p in result.pairs],
                    "misses": [asdict(m) for m in result.misses], "extras": [asdict(x) for x in result.extras],
                    "parts": [asdict(x) for x in result.parts]}
        return {
            "gold": self.gold_path, "graph": self.graph_path,
            "overall": self.overall.to_dict(),
            "articles": [article(a) for a in self.articles],
            "misses_by_cause": dict(self.misses_by_cause()),
            "extras_by_cause": dict(self.extras_by_cause()),
            "not_events": {"count": len(self.not_event_hits), "hits": [asdict(h) for h in self.not_event_hits]},
            "same_event": [asdict(c) for c in self.same_event],
            "claims": [asdict(c) for c in self.claims],
            "warnings": list(self.warnings),
        }


# -- plain text -------------------------------------------------------------------------------------------

def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _who(names) -> str:
    return ", ".join(names) if names else "(none)"


def _table(report: EvaluationReport) -> list[str]:
    head = ("article", "gold", "core", "sys", "dated", "parts", "match", "strict", "P", "R", "F1", "R-strict",
            "coreR-strict", "coreR-loose")
    rows = [(a.id, a.figures) for a in report.articles] + [("overall", report.overall)]
    body = [(name, str(f.gold), str(f.core), str(f.system), str(f.dated), str(f.parts), str(f.matched), str(f.strict),
             f"{f.precision:.3f}", f"{f.recall:.3f}", f"{f.f1:.3f}", f"{f.strict_recall:.3f}",
             f"{f.core_recall_strict:.3f}", f"{f.core_recall_loose:.3f}") for name, f in rows]
    widths = [max(len(r[i]) for r in (head, *body)) for i in range(len(head))]

    def line(row) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))

    out = [line(head), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in body[:-1]] + ["  ".join("-" * w for w in widths), line(body[-1])]
    return out


def _counts(title: str, counts: list[tuple[str, int]]) -> list[str]:
    """A titled list of (name, count) lines, the counts aligned."""
    width = max((len(name) for name, _ in counts), default=0)
    return [title] + [f"  {name.ljust(width)}  {count:>4}" for name, count in counts]


def format_report(report: EvaluationReport) -> str:
    """The report as readable plain text (deterministic)."""
    out = [f"Evaluation of {report.graph_path}", f"against {report.gold_path}", ""]
    out += [f"Warning: {w}" for w in report.warnings]
    if report.warnings:
        out.append("")
    out += _table(report)
    out += ["", "P = matched dated system events / dated system events less parts (loose types); R = matched "
                "gold events / gold events.", "Parts: unmatched dated events that are sub-events or frames "
                "(sem:subEventOf) of a matched event of the article, scored with it.",
            f"System events that are undated: {report.overall.system - report.overall.dated} (never matched, "
            "not counted in P).", ""]

    away = [(a.id, p) for a in report.articles for p in a.pairs if not p.on_trigger]
    out.append(f"Matches not on the gold evidence (type, date and participant agree by chance?) ({len(away)})")
    for article_id, pair in away:
        where = "same sentence, other trigger" if pair.evidence_agrees else "other sentence"
        out.append(f"  [{article_id}] {pair.key} ← {pair.event_class} ({where})  {pair.iri}")
    out.append("")
    out += _counts("Misses by cause (a miss counts once under each '+'-separated category)",
                   report.misses_by_cause())
    out.append("")
    out += _counts("Extras by cause", report.extras_by_cause())
    out.append("")
    misses = report.misses
    out.append(f"Misses: gold events not matched ({len(misses)})")
    for miss in misses:
        out.append(f"  [{miss.article}] {miss.key} ({miss.tier}) {miss.type} {miss.date} — "
                   f"{_who(miss.participants)} — cause: {miss.cause}")
        out.append(f"      gold evidence: \"{_short(miss.evidence)}\"")
        for near in miss.near:
            taken = f"; matched to {near.taken_by}" if near.taken_by else ""
            failures = "; ".join(near.failures) or "compatible"
            where = "on the evidence" if near.on_trigger else "same sentence"
            out.append(f"      system: {near.event_class} {near.dates} [{_who(near.participants)}] "
                       f"trigger \"{near.trigger}\" ({where}) — {failures}{taken}")
    out.append("")
    extras = report.extras
    out.append(f"Extras: dated system events not matched ({len(extras)})")
    for extra in extras:
        out.append(f"  [{extra.article}] {extra.event_class} {extra.dates} [{_who(extra.participants)}] "
                   f"trigger \"{extra.trigger}\" — {extra.cause}")
        out.append(f"      \"{_short(extra.evidence)}\"")
    out.append("")
    parts = report.parts
    out.append(f"Parts: dated sub-events or frames of matched events, scored with them ({len(parts)})")
    for part in parts:
        out.append(f"  [{part.article}] {part.event_class} {part.dates} [{_who(part.participants)}] "
                   f"trigger \"{part.trigger}\" — {part.cause}")
    out.append("")
    out.append(f"Not-events: system events on text that must yield none ({len(report.not_event_hits)})")
    for hit in report.not_event_hits:
        out.append(f"  [{hit.article}] {hit.event_class} {hit.dates} on \"{_short(hit.text, 80)}\"")
    out.append("")
    out.append("Same-event checks")
    for check in report.same_event:
        out.append(f"  {'PASS' if check.passed else 'FAIL'}  {check.key} ({', '.join(check.articles)}): "
                   f"{check.detail}")
        for found in check.found:
            out.append(f"        {found.event_class} {found.dates} [{_who(found.participants)}] "
                       f"from {', '.join(found.articles)}  {found.iri}")
    out.append("")
    out.append("Claim checks")
    for check in report.claims:
        value = f"{check.qualifier} {check.value}" if check.qualifier else check.value
        out.append(f"  {'PASS' if check.passed else 'FAIL'}  [{check.kind}] {check.key} {check.prop} = {value} "
                   f"({', '.join(check.articles)}): {check.detail}")
    return "\n".join(out) + "\n"
