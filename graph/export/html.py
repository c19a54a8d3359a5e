"""Write the interactive event timeline as one self-contained HTML page.

The page is a vis-network network drawn with fixed positions (physics off):
the view model comes from :mod:`timeline_view`, the positions from
:mod:`timeline_layout` (events left to right by date on the axis of
:mod:`timeline_dates`, one lane per class, actors below). vis-network's
script and style sheet are inlined from the copies the pyvis package ships
(read as files: pyvis itself is never imported, which saves its import
time on every build), the data
travels as escaped JSON in a ``<script type="application/json">`` block,
and the page's own script builds every element with ``textContent``: the
page loads nothing from the network and no article text is ever parsed as
HTML. A Content-Security-Policy allowing only the page's two scripts (by
hash) backs this up.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib.util
import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from rdflib import Graph

from graph.errors import ExportError
from graph.export.atomic import atomic_writer
from graph.gc_pause import paused_gc
from graph.export.timeline_layout import EVENT_RADIUS, Layout, anchor_label, build_layout, class_colours
from graph.export.timeline_model import EVENT_CLASSES_ORDER, Event, TimelineView
from graph.export.timeline_view import read_timeline

FONT = "Helvetica Neue, Arial, DejaVu Sans, sans-serif"
VIS_DIR = "vis-9.1.2"
TEMPLATE = "timeline.html.j2"
CSP_MARK = "timeline-csp-pending"
#: Where the page's data goes, while the page around it is made.
DATA_MARK = "timeline-data-pending"
#: Characters of the data written at once.
WRITE_CHARS = 1 << 20
MAX_EDGES = 3000
EDGES_SHOWN = 60         # with more actor links than this, a node's links show only while it is selected
BIG_NETWORK = 1500       # above this many nodes, hover effects are off
ACTOR_SHAPES = {"Person": "dot", "Country": "square", "Organization": "diamond"}


def _tooltip(event: Event, view: TimelineView) -> str:
    lines = [event.date_text, event.cls]
    if event.actors:
        lines.append("Actors: " + ", ".join(view.actors[a].label for a in event.actors))
    if event.place:
        lines.append(f"Place: {event.place}")
    count = len(event.sources)
    lines.append(f"{count} source{'s' if count != 1 else ''}")
    return "\n".join(lines)


@dataclass
class Network:
    """The vis-network data of the page: nodes, edges and options."""

    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    options: dict = field(default_factory=dict)

    def data(self) -> dict:
        return {"nodes": self.nodes, "edges": self.edges, "options": json.loads(json.dumps(self.options))}


def build_network(view: TimelineView, layout: Layout) -> tuple[Network, dict]:
    """The network (nodes and edges filled in bulk) and its statistics."""
    net = Network()
    sizes = layout.sizes
    colours = class_colours(view)
    nodes: list[dict] = []
    for index, (x, y) in sorted(layout.positions.items()):
        event = view.events[index]
        colour = colours[event.cls]
        node = {"id": f"e{index}", "kind": "event", "x": x, "y": y, "shape": "dot",
                "size": sizes.anchor_radius if event.anchor else EVENT_RADIUS - 2 + min(2.0, len(event.sources) - 1.0),
                "color": {"background": colour, "border": "#ffffff" if not event.anchor else "#1f2933",
                          "highlight": {"background": colour, "border": "#111111"},
                          "hover": {"background": colour, "border": "#111111"}},
                "borderWidth": 3 if event.anchor else 1, "title": _tooltip(event, view)}
        if event.anchor:
            node["label"] = anchor_label(event)
            node["font"] = {"size": sizes.anchor_font, "face": FONT, "color": "#111111", "strokeWidth": 0,
                            "background": "#ffffff"}
        nodes.append(node)
    for node_id, (x, y, lane, members) in layout.overflow.items():
        nodes.append({"id": node_id, "kind": "aggregate", "x": x, "y": y, "shape": "box", "label": f"+{len(members)}",
                      "font": {"size": 10, "face": FONT, "color": "#111111"},
                      "color": {"background": "#f1f3f5", "border": colours[lane],
                                "highlight": {"background": "#ffffff", "border": "#111111"}},
                      "title": f"{len(members)} more {lane} events here: click to list them"})
    actor_ids = {iri: f"a{i}" for i, iri in enumerate(sorted(view.actors, key=lambda a: (view.actors[a].label, a)))}
    for iri, (x, y) in sorted(layout.actor_positions.items(), key=lambda kv: actor_ids[kv[0]]):
        actor = view.actors[iri]
        degree = layout.degree.get(iri, 0)
        nodes.append({"id": actor_ids[iri], "kind": "actor", "x": x, "y": y,
                      "shape": ACTOR_SHAPES.get(actor.kind, "dot"),
                      "size": round(min(16.0, 4 + 2.2 * math.sqrt(degree)) * sizes.zoom, 1),
                      "label": actor.label, "font": {"size": sizes.actor_font, "face": FONT, "color": "#243b53"},
                      "color": {"background": "#829ab1", "border": "#486581",
                                "highlight": {"background": "#486581", "border": "#102a43"}},
                      "title": f"{actor.label}\n{actor.kind}\n{degree} event{'s' if degree != 1 else ''}"})
    wanted: dict[tuple[str, str], tuple] = {}
    for index, event in enumerate(view.events):
        for iri in event.actors:
            if iri in layout.actor_positions and index in layout.event_node:
                pair = (actor_ids[iri], layout.event_node[index])
                rank = (-len(event.sources), index)
                wanted[pair] = min(wanted.get(pair, rank), rank)
    kept = sorted(wanted, key=lambda pair: wanted[pair])[:MAX_EDGES]
    net.nodes = nodes
    big = len(nodes) > BIG_NETWORK
    on_selection = len(kept) > EDGES_SHOWN
    net.edges = [{"from": a, "to": b, "hidden": on_selection} for a, b in sorted(kept)]
    net.options = network_options(big=big)
    stats = {"events": len(view.events), "eventNodes": len(layout.positions), "aggregates": len(layout.overflow),
             "undated": sum(1 for e in view.events if e.begin is None), "edgesOnSelection": on_selection,
             "edges": len(kept), "edgesDropped": len(wanted) - len(kept),
             "actorsHidden": sum(1 for a in layout.degree if a not in layout.actor_positions)}
    return net, {"actorIds": actor_ids, "stats": stats}


def network_options(*, big: bool) -> dict:
    """vis-network options: fixed layout, no physics, hover tooltips."""
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "interaction": {"hover": not big, "dragNodes": False, "tooltipDelay": 120, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "keyboard": {"enabled": False}, "multiselect": False},
        "nodes": {"shape": "dot", "font": {"face": FONT, "size": 12}, "labelHighlightBold": False},
        "edges": {"smooth": False, "width": 0.8, "selectionWidth": 1.6, "hoverWidth": 0.4,
                  "color": {"color": "rgba(72,101,129,0.22)", "highlight": "#243b53", "hover": "#486581",
                            "inherit": False}},
    }


def page_data(view: TimelineView, layout: Layout, net: Network, extra: dict, title: str) -> dict:
    """Everything the page's script needs, as plain JSON-ready values."""
    actor_ids: dict[str, str] = extra["actorIds"]
    actor_order = sorted(view.actors, key=lambda a: (view.actors[a].label, a))
    actor_index = {iri: i for i, iri in enumerate(actor_order)}
    article_order = sorted(view.articles, key=lambda a: (view.articles[a].identifier, a))
    article_index = {iri: i for i, iri in enumerate(article_order)}
    colours = class_colours(view)
    counts = Counter(e.cls for e in view.events)
    lanes = {lane["name"] for lane in layout.lanes}
    events = []
    for index, event in enumerate(view.events):
        events.append({
            "iri": event.iri, "node": layout.event_node.get(index), "label": event.label,
            "title": event.short_label, "cls": event.cls,
            "date": event.date_text, "begin": event.begin.isoformat() if event.begin else None,
            "anchor": event.anchor, "place": event.place,
            "actors": [actor_index[a] for a in event.actors],
            "sources": [article_index[a] for a in event.sources if a in article_index],
            "evidence": [{"article": ev.article, "offset": ev.offset, "trigger": ev.trigger, "before": ev.before,
                          "hit": ev.hit, "after": ev.after, "expression": ev.expression, "rule": ev.rule}
                         for ev in event.evidence],
            "claims": [{"property": group.property, "differ": group.differ,
                        "values": [{"value": v.value, "qualifier": v.qualifier, "text": v.text,
                                    "sources": list(v.sources), "attributedTo": list(v.attributed_to)}
                                   for v in group.values]} for group in event.claims],
            "mergeNotes": list(event.merge_notes), "mentions": len(event.mentions),
        })
    return {
        "title": title,
        "classes": [{"name": name, "colour": colours[name], "count": count,
                     "drawn": name in lanes} for name, count in sorted(counts.items(), key=class_order)],
        "events": events,
        "actors": [{"label": view.actors[a].label, "kind": view.actors[a].kind, "degree": layout.degree.get(a, 0),
                    "node": actor_ids[a] if a in layout.actor_positions else None} for a in actor_order],
        "articles": [{"id": view.articles[a].identifier, "outlet": view.articles[a].outlet,
                      "published": view.articles[a].published, "headline": view.articles[a].headline,
                      "url": view.articles[a].url} for a in article_order],
        "aggregates": {node: members for node, (_x, _y, _lane, members) in layout.overflow.items()},
        "axis": {"ticks": [{"x": round(x, 1), "label": label} for x, label in layout.ticks],
                 "breaks": [{"x": round(x, 1), "label": label} for x, label in layout.breaks],
                 "lanes": layout.lanes, "y": layout.axis_y,
                 "actorsY": layout.actor_band, "zoom": layout.sizes.zoom,
                 "bounds": dict(zip(("x0", "x1", "y0", "y1"), layout.bounds))},
        "network": net.data(),
        "stats": extra["stats"],
    }


def class_order(item: tuple[str, int]) -> tuple[int, str]:
    """Classes in the contract's order, then any others by name."""
    return EVENT_CLASSES_ORDER.get(item[0], len(EVENT_CLASSES_ORDER)), item[0]


def _script_safe(text: str) -> str:
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        if raw in text:
            text = text.replace(raw, f"\\u{ord(raw):04x}")
    return text


def _json_pieces(value, depth: int = 3) -> Iterator[str]:
    """The text of ``json.dumps(value)`` (no spaces, no NaN) in pieces: the outer ``depth`` levels of
    string-keyed dicts are taken apart, and the lists inside them item by item, each item (an event,
    a node) one ``json.dumps``."""
    kind = type(value)
    if depth and kind is dict and all(type(key) is str for key in value):
        yield "{"
        for n, (key, item) in enumerate(value.items()):
            yield ("," if n else "") + _dumps(key) + ":"
            yield from _json_pieces(item, depth - 1)
        yield "}"
    elif depth and kind in (list, tuple):
        yield "["
        for n, item in enumerate(value):
            yield ("," if n else "") + _dumps(item)
        yield "]"
    else:
        yield _dumps(value)


#: ``json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)``, one encoder for all.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _dumps(value) -> str:
    return _ENCODER.encode(value)


def script_json_pieces(data: dict) -> Iterator[str]:
    """:func:`script_json` in pieces, so that the page of a large graph is never one string."""
    return map(_script_safe, _json_pieces(data))


def script_json(data: dict) -> str:
    """JSON safe inside a ``<script>`` element: ``<``, ``>``, ``&`` and line separators escaped."""
    return _script_safe(_dumps(data))


@functools.lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """vis-network's script and style sheet as shipped inside the pyvis package (found, not imported)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ExportError("the pyvis package is not installed", hint="pip install pyvis (0.3.2 ships lib/vis-9.1.2)")
    folder = Path(list(spec.submodule_search_locations)[0]) / "lib" / VIS_DIR
    try:
        script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        style = (folder / "vis-network.css").read_text(encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"cannot read vis-network from the pyvis package: {exc}",
                          hint="reinstall pyvis (0.3.2 ships lib/vis-9.1.2)") from exc
    if "</script" in script.lower() or "</style" in style.lower():
        raise ExportError("the vis-network files shipped with pyvis cannot be inlined safely")
    return script, style


@functools.lru_cache(maxsize=1)
def template_environment() -> Environment:
    """The Jinja environment for the page template (HTML autoescaping on)."""
    folder = Path(__file__).parent / "templates"
    return Environment(loader=FileSystemLoader(folder), autoescape=True, undefined=StrictUndefined,
                       keep_trailing_newline=True)


def _page(graph: Graph, title: str, kept: Iterable[Event] = ()) -> tuple[str, Iterator[str], str, TimelineView]:
    """The page around its data, the data's JSON in pieces, the page after it, and its view model."""
    with paused_gc():
        view = read_timeline(graph, kept)
    layout = build_layout(view)
    net, extra = build_network(view, layout)
    data = page_data(view, layout, net, extra, title)
    script, style = vis_assets()
    template = template_environment().get_template(TEMPLATE)
    # the data is a script of type application/json, no script the policy hashes: the page is made
    # around a mark, and the data written in its place
    page = template.render(title=title, csp=CSP_MARK, font_css=FONT, font_json=Markup(json.dumps(FONT)),
                           vis_js=Markup(script), vis_css=Markup(style), data_json=Markup(DATA_MARK))
    page = page.replace(CSP_MARK, content_security_policy(page, script), 1)
    head, _, tail = page.partition(DATA_MARK)
    return head, script_json_pieces(data), tail, view


def render_timeline(graph: Graph, *, title: str = "Event timeline") -> str:
    """The timeline page for ``graph`` as a string; the same graph gives the same bytes."""
    head, data, tail, _ = _page(graph, title)
    return head + "".join(data) + tail


def content_security_policy(page: str, vis_script: str) -> str:
    """A policy allowing only the page's two inline scripts (by hash) and inline styles: no fetches at all."""
    app_start = page.rindex("<script>") + len("<script>")
    app_script = page[app_start:page.index("</script>", app_start)]
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"
        for text in (vis_script, app_script))
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
            "font-src data:; base-uri 'none'; form-action 'none'")


def write_timeline(graph: Graph, path: Path, *, title: str = "Event timeline",
                   kept: Iterable[Event] = ()) -> TimelineView:
    """Write the timeline page for ``graph`` to ``path`` atomically (the bytes of :func:`render_timeline`,
    its data streamed), with the events ``kept`` besides those of the graph (see
    :func:`~graph.export.timeline_view.read_timeline`); returns the page's view model."""
    head, data, tail, view = _page(graph, title, kept)
    with atomic_writer(Path(path)) as handle:
        handle.write(head.encode("utf-8"))
        chunk: list[str] = []
        size = 0
        for piece in data:
            chunk.append(piece)
            size += len(piece)
            if size >= WRITE_CHARS:
                handle.write("".join(chunk).encode("utf-8"))
                chunk.clear()
                size = 0
        handle.write(("".join(chunk) + tail).encode("utf-8"))
    return view
