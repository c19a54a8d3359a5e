"""The timeline page in headless Chromium: offline, no errors, anchors visible, panel, XSS-proof.

Runs on small graphs written here and on the real build of the seed
articles (the ``seed_build`` fixture). Needs /usr/bin/chromium (run
tools/ensure-chromium). Screenshots go to pytest's tmp folder;
docs/timeline.png is made with tools/screenshot_timeline.py.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from graph.export.html import write_timeline
from graph.rdf.namespaces import OA, PROV, SCHEMA, SEM, TIME, TL, TLID, XSD
from tests.export.test_html import MARCH_CALL, MAY_CALL, build_sample_graph

from .chromium import CHROMIUM, MISSING, Browser, Page

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold" / "seed_gold.json"
SEEDS = ROOT / "seeds"
OUTLETS = {"003": ("Sky News", None),
           "004": ("The Week", "https://theweek.com/world-news/trump-putin-russia-ukraine-war-ceasefire")}
TRIGGERS = ("call", "spoke", "talks", "meeting", "met", "summit", "visit", "agree", "ceasefire", "halt", "truce",
            "refus", "reject", "demand", "propos", "memorandum", "said", "says", "posted", "order", "exchange",
            "swap", "attack", "strike", "explosion", "invasion", "invaded", "annex", "incursion")

LABEL_CLEARANCE_JS = """(() => {
  const t = window.timeline, nodes = t.network.body.nodes, clashes = [];
  const anchors = t.data.events.filter(e => e.anchor && e.node).map(e => nodes[e.node]);
  const boxes = anchors.map(n => { const s = n.labelModule.size;
    return {id: n.id, x0: s.left, x1: s.left + s.width, y0: s.top, y1: s.top + s.height}; });
  const hit = (b, x0, x1, y0, y1) => b.x0 < x1 && x0 < b.x1 && b.y0 < y1 && y0 < b.y1;
  boxes.forEach((b, i) => {
    boxes.forEach((o, j) => { if (i < j && hit(b, o.x0, o.x1, o.y0, o.y1)) { clashes.push([b.id, o.id]); } });
    Object.values(nodes).forEach(n => {
      const r = n.options.size || 8;
      const drawn = n.id !== b.id && !n.options.hidden && n.options.kind !== undefined;
      if (drawn && hit(b, n.x - r, n.x + r, n.y - r, n.y + r)) {
        clashes.push([b.id, n.id]);
      }
    });
  });
  return clashes;
})()"""

ANCHORS_JS = """(() => {
  const t = window.timeline, box = document.getElementById('network').getBoundingClientRect();
  return t.data.events.filter(e => e.anchor).map(e => {
    const n = t.network.body.nodes[e.node];
    const dom = t.network.canvasToDOM({x: n.x, y: n.y});
    return {label: n.options.label || '', size: n.options.size, hidden: !!n.options.hidden,
            labelWidth: n.labelModule.size.width, x: box.left + dom.x, y: box.top + dom.y,
            inside: dom.x > 0 && dom.y > 0 && dom.x < box.width && dom.y < box.height, event: e.label,
            cls: e.cls, begin: e.begin, date: e.date, node: e.node};
  });
})()"""


@pytest.fixture(scope="module")
def browser() -> Browser:
    """One headless Chromium for the module."""
    if not CHROMIUM.exists():
        pytest.fail(MISSING)
    with Browser() as chromium:
        yield chromium


def open_page(browser: Browser, graph: Graph, path: Path) -> Page:
    """Write the timeline of ``graph`` to ``path`` and load it from file://."""
    write_timeline(graph, path, title="Trump–Putin calls: event timeline")
    page = browser.new_page()
    page.open(path.as_uri())
    return page


def sentence_around(text: str, at: int, end: int) -> tuple[int, int]:
    """The sentence of ``text`` holding ``text[at:end]``."""
    stop = text.rfind(". ", 0, at)
    start = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, at) + 1)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return start, (min(stops) + 1 if stops else len(text))


def seed_like_graph() -> Graph:
    """A merged graph per docs/contract.md made from the gold annotation of the seed articles."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    graph = Graph()
    actors = {}
    for entry in gold["actors"]:
        iri = TLID[f"actor/{re.sub(r'[^a-z0-9]+', '-', entry['name'].lower()).strip('-')}"]
        actors[entry["name"]] = iri
        graph.add((iri, RDF.type, SEM.Actor))
        graph.add((iri, RDF.type, SCHEMA[entry["kind"]]))
        graph.add((iri, RDFS.label, Literal(entry["name"])))
    stems = {}
    canonical: dict[str, dict] = {}
    for art in gold["articles"]:
        stem = art["file"].removesuffix(".txt")
        stems[art["id"]] = stem
        article = TLID[f"article/{stem}"]
        graph.add((article, RDF.type, SCHEMA.NewsArticle))
        graph.add((article, SCHEMA.identifier, Literal(stem)))
        graph.add((article, SCHEMA.datePublished, Literal(art["published"], datatype=XSD.date)))
        if art["id"] in OUTLETS:
            outlet, url = OUTLETS[art["id"]]
            graph.add((article, SCHEMA.publisher, TLID[f"outlet/{outlet.lower().replace(' ', '-')}"]))
            graph.add((TLID[f"outlet/{outlet.lower().replace(' ', '-')}"], RDFS.label, Literal(outlet)))
            if url:
                graph.add((article, SCHEMA.url, URIRef(url)))
        text = (SEEDS / art["file"]).read_text(encoding="utf-8").replace("\r\n", "\n")
        for number, ev in enumerate(art["events"]):
            entry = canonical.setdefault(ev["key"], {"types": [], "date": ev["date"], "actors": set(), "mentions": []})
            entry["types"].append(ev["type"])
            entry["actors"].update(ev["participants"])
            entry["mentions"].append((stem, number, text, ev["evidence"]))
    for key, entry in sorted(canonical.items()):
        add_canonical(graph, key, entry, actors)
    for conflict in gold["conflicting_claims"]:
        event = TLID[f"event/{conflict['event']}"]
        for value in conflict["values"]:
            qualifier, _, duration = value["value"].rpartition(" ")
            for art in value["articles"]:
                claim = TLID[f"claim/{conflict['event']}-{art}"]
                graph.add((claim, RDF.type, TL.Claim))
                graph.add((claim, TL.about, event))
                graph.add((claim, TL.property, TL[conflict["property"]]))
                graph.add((claim, TL.value, Literal(duration, datatype=XSD.duration)))
                graph.add((claim, PROV.wasDerivedFrom, TLID[f"article/{stems[art]}"]))
                if qualifier:
                    graph.add((claim, TL.qualifier, Literal(qualifier)))
    return graph


def add_canonical(graph: Graph, key: str, entry: dict, actors: dict[str, URIRef]) -> None:
    """One canonical event with its mentions, from the gold entries sharing ``key``."""
    event = TLID[f"event/{key}"]
    cls = max(sorted(set(entry["types"])), key=entry["types"].count)
    date = entry["date"]
    if "/" in date:
        begin, end = date.split("/")
        first, last = dt.date.fromisoformat(begin), dt.date.fromisoformat(end)
        granularity = TIME.unitWeek if first.weekday() == 0 and (last - first).days == 6 else TL.unitInterval
    else:
        begin = end = date
        granularity = {4: TIME.unitYear, 7: TIME.unitMonth, 10: TIME.unitDay}[len(date)]
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(begin)]
    graph.add((event, RDF.type, TL[cls]))
    names = sorted(entry["actors"])
    graph.add((event, RDFS.label, Literal(f"{cls}: {', '.join(names)} ({date.split('/')[0]})")))
    graph.add((event, SEM.hasBeginTimeStamp, Literal(begin, datatype=datatype)))
    graph.add((event, SEM.hasEndTimeStamp, Literal(end, datatype=datatype)))
    if "/" not in date:
        graph.add((event, SEM.hasTimeStamp, Literal(date, datatype=datatype)))
    graph.add((event, TL.granularity, granularity))
    for name in names:
        graph.add((event, SEM.hasActor, actors[name]))
    for stem, number, text, evidence in entry["mentions"]:
        article = TLID[f"article/{stem}"]
        graph.add((event, PROV.wasDerivedFrom, article))
        mention = TLID[f"mention/{stem}/{number}"]
        graph.add((event, TL.mention, mention))
        graph.add((mention, RDF.type, TL.EventMention))
        graph.add((mention, TL.mentionOf, event))
        graph.add((mention, PROV.wasDerivedFrom, article))
        at = text.find(evidence)
        if at < 0:
            continue
        start, stop = sentence_around(text, at, at + len(evidence))
        lowered = evidence.lower()
        hits = sorted((lowered.find(t), t) for t in TRIGGERS if lowered.find(t) >= 0)
        t_at = at + (hits[0][0] if hits else 0)
        t_end = t_at + len(re.match(r"\w+", text[t_at:]).group(0))
        graph.add((mention, TL.trigger, Literal(text[t_at:t_end])))
        target = URIRef(f"{mention}/target")
        graph.add((mention, TL.evidence, URIRef(f"{mention}/evidence")))
        graph.add((URIRef(f"{mention}/evidence"), OA.hasTarget, target))
        graph.add((target, OA.hasSource, article))
        for name, lo, hi in (("sentence", start, stop), ("trigger-span", t_at, t_end)):
            selector = URIRef(f"{mention}/{name}")
            graph.add((target, OA.hasSelector, selector))
            graph.add((selector, OA.start, Literal(lo)))
            graph.add((selector, OA.end, Literal(hi)))
            graph.add((selector, OA.exact, Literal(text[lo:hi])))


def test_page_makes_no_request_and_logs_no_error(browser: Browser, tmp_path: Path) -> None:
    page = open_page(browser, build_sample_graph(), tmp_path / "timeline.html")
    urls = page.request_urls()
    assert urls, "the browser reported no request at all: is the Network domain on?"
    assert all(url.startswith(("file:", "data:")) for url in urls), urls
    assert page.errors() == []
    assert page.evaluate("document.querySelectorAll('script[src], link[href], iframe, img').length") == 0


def test_both_anchors_are_drawn_labelled_and_in_view(browser: Browser, tmp_path: Path) -> None:
    page = open_page(browser, build_sample_graph(), tmp_path / "timeline.html")
    anchors = page.evaluate(ANCHORS_JS)
    assert sorted(a["event"] for a in anchors) == [MARCH_CALL, MAY_CALL]
    for anchor in anchors:
        assert "PhoneCall: Donald Trump, Vladimir Putin" in " ".join(anchor["label"].split())
        assert anchor["labelWidth"] > 0 and not anchor["hidden"] and anchor["inside"], anchor
    assert page.evaluate(LABEL_CLEARANCE_JS) == []


def test_clicking_an_event_fills_the_panel_and_the_list_follows(browser: Browser, tmp_path: Path) -> None:
    page = open_page(browser, build_sample_graph(), tmp_path / "timeline.html")
    march = next(a for a in page.evaluate(ANCHORS_JS) if a["event"] == MARCH_CALL)
    page.click(march["x"], march["y"])
    page.wait_for("document.querySelector('#panel h2').textContent.includes('2025-03-18')", timeout=5)
    panel = page.evaluate("document.getElementById('panel').innerText")
    for expected in ("Sources (3)", "003_775401348d42a178", "Sky News", "published 2025-03-18",
                     "The leaders held a 90-minute phone call.", "sources disagree", "more than 2 h (PT2H)"):
        assert expected in panel, expected
    assert page.evaluate("document.querySelector('#panel mark').textContent") in ("call", "spoke", "phone call")
    selected = page.evaluate("document.querySelector('#event-list li.selected .label').textContent")
    assert selected == "PhoneCall: Donald Trump, Vladimir Putin"

    index = page.evaluate(f"window.timeline.data.events.findIndex(e => e.label === {json.dumps(MAY_CALL)})")
    page.evaluate(f"document.querySelectorAll('#event-list li')[{index}].click()")
    node = page.evaluate(f"window.timeline.data.events[{index}].node")
    assert page.evaluate("window.timeline.network.getSelectedNodes()") == [node]
    panel = page.evaluate("document.getElementById('panel').innerText")
    assert "Sources (2)" in panel and "The Week" in panel and "same class, same day" in panel
    link = page.evaluate("(() => { const a = document.querySelector('#panel a'); return a && [a.href, a.rel]; })()")
    assert link == ["https://theweek.com/world-news/trump-putin-russia-ukraine-war-ceasefire", "noopener noreferrer"]


def test_filters_hide_events_in_graph_and_list(browser: Browser, tmp_path: Path) -> None:
    page = open_page(browser, build_sample_graph(), tmp_path / "timeline.html")
    page.evaluate("""(() => { const box = [...document.querySelectorAll('#legend label')]
        .find(l => l.textContent.startsWith('PhoneCall')).querySelector('input');
        box.click(); })()""")
    assert page.evaluate("[...document.querySelectorAll('#event-list li')].filter(li => !li.hidden).length") == 3
    shown = "[...document.querySelectorAll('#event-list li')].filter(li => li.getClientRects().length).length"
    assert page.evaluate(shown) == 3, "hidden list items take no room"
    hidden = page.evaluate("""window.timeline.data.events.filter(e => e.cls === 'PhoneCall')
        .map(e => Boolean(window.timeline.nodes.get(e.node).hidden))""")
    assert hidden == [True, True]
    page.evaluate("document.getElementById('show-all').click()")
    assert page.evaluate("[...document.querySelectorAll('#event-list li')].filter(li => !li.hidden).length") == 5


def test_injected_markup_stays_text(browser: Browser, tmp_path: Path) -> None:
    page = open_page(browser, build_sample_graph(xss=True), tmp_path / "xss.html")
    index = page.evaluate(f"window.timeline.data.events.findIndex(e => e.label === {json.dumps(MARCH_CALL)})")
    page.evaluate(f"window.timeline.selectEvent({index})")
    assert "<script>alert(1)</script>" in page.evaluate("document.getElementById('panel').textContent")
    rubio = page.evaluate("""(() => {
        const t = window.timeline, box = document.getElementById('network').getBoundingClientRect();
        const a = t.data.actors.find(a => a.label.startsWith('<img')); const n = t.network.body.nodes[a.node];
        const p = t.network.canvasToDOM({x: n.x, y: n.y}); return [box.left + p.x, box.top + p.y]; })()""")
    page.hover(*rubio)
    page.wait_for("document.querySelector('.vis-tooltip') && "
                  "document.querySelector('.vis-tooltip').textContent.includes('<img')", timeout=5)
    page.click(*rubio)
    time.sleep(0.3)
    assert page.dialogs() == []
    assert page.evaluate("document.querySelectorAll('img, iframe, [onerror], a[href^=\"javascript\"]').length") == 0
    assert page.evaluate("document.scripts.length") == 3
    assert page.evaluate("document.querySelector('#panel a')") is None
    assert page.errors() == []


def test_screenshots(browser: Browser, tmp_path: Path) -> None:
    for name, graph in (("sample", build_sample_graph()), ("seed-like", seed_like_graph())):
        page = open_page(browser, graph, tmp_path / f"{name}.html")
        assert page.errors() == []
        anchors = page.evaluate(ANCHORS_JS)
        assert len(anchors) == 2 and all(a["inside"] and a["labelWidth"] > 0 for a in anchors), anchors
        assert page.evaluate(LABEL_CLEARANCE_JS) == []
        if name == "seed-like":
            page.click(anchors[0]["x"], anchors[0]["y"])
            page.wait_for("document.querySelector('#panel .sources')", timeout=5)
        shot = page.screenshot(tmp_path / f"{name}.png")
        assert shot.read_bytes().startswith(b"\x89PNG")


@pytest.fixture(scope="module")
def real_page(browser: Browser, seed_build) -> Page:
    """The timeline the pipeline wrote for the seed articles, loaded from file://."""
    out_dir, _report = seed_build
    page = browser.new_page()
    page.open((out_dir / "timeline.html").as_uri())
    return page


def real_calls(page: Page) -> dict[str, dict]:
    """The anchors of the real page by begin date."""
    return {a["begin"]: a for a in page.evaluate(ANCHORS_JS)}


def test_real_build_loads_offline_without_errors(real_page: Page) -> None:
    urls = real_page.request_urls()
    assert urls and all(url.startswith(("file:", "data:")) for url in urls), urls
    assert real_page.errors() == []
    assert real_page.evaluate("document.querySelectorAll('script[src], link[href], iframe, img').length") == 0


def test_real_build_draws_and_labels_both_calls(real_page: Page) -> None:
    calls = real_calls(real_page)
    assert sorted(calls) == ["2025-03-18", "2025-05-19"], "the two Trump–Putin calls are the anchors"
    for begin, call in calls.items():
        label = " ".join(call["label"].split())
        assert call["cls"] == "PhoneCall" and "Donald Trump" in label and "Vladimir Putin" in label, call
        assert call["date"] in label and call["labelWidth"] > 0 and not call["hidden"] and call["inside"], call
    sizes = real_page.evaluate("""window.timeline.data.network.nodes
        .filter(n => n.kind === 'event').map(n => [n.id, n.size])""")
    largest_other = max(size for node, size in sizes if node not in {c["node"] for c in calls.values()})
    assert all(call["size"] > 2 * largest_other for call in calls.values())
    assert real_page.evaluate(LABEL_CLEARANCE_JS) == []
    undated = real_page.evaluate("window.timeline.data.events.filter(e => !e.begin).map(e => e.node)")
    assert undated and set(undated) == {None}, "undated events are listed, not drawn on the axis"
    heading = real_page.evaluate("""(() => { const lis = [...document.querySelectorAll('#event-list li')];
        const at = lis.findIndex(li => li.classList.contains('group'));
        return [at, lis.length, lis[at].textContent]; })()""")
    total = real_page.evaluate("window.timeline.data.events.length")
    assert heading == [total - len(undated), total + 1, "Undated · not on the time axis"]


def test_real_build_click_on_the_march_call_fills_the_panel(real_page: Page, tmp_path: Path) -> None:
    march = real_calls(real_page)["2025-03-18"]
    real_page.click(march["x"], march["y"])
    real_page.wait_for(f"document.querySelector('#panel h2').textContent === {json.dumps(march['event'])}",
                       timeout=5)
    panel = real_page.evaluate("document.getElementById('panel').innerText")
    assert "Sources (3)" in panel and "published 2025-03-18" in panel and "Evidence (" in panel
    assert real_page.evaluate("document.querySelector('#panel blockquote.evidence mark').textContent").strip()
    selected = real_page.evaluate("document.querySelector('#event-list li.selected .date').textContent")
    assert selected == "18 March 2025"
    assert real_page.evaluate("window.timeline.network.getSelectedNodes()") == [march["node"]]
    assert real_page.errors() == []
    assert real_page.screenshot(tmp_path / "real.png").read_bytes().startswith(b"\x89PNG")
