"""Where everything goes on the timeline canvas: lanes of events over the time axis, actors below.

Dated events sit left to right by begin date (see :mod:`timeline_dates`), one
horizontal lane per event class; within a lane they take the first free
row, and events finding no free row are gathered into one ``+k`` aggregate
per stretch of x. The anchors (the story's main events) are drawn large
with a label below them that nothing else may cover. Undated events have no
place on a time axis: they are listed beside the graph, not drawn. Actors
sit in staggered rows below the axis, each near the median x of its events.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from graph.export.timeline_dates import BREAK_GAP, CONTEXT_WIDTH, DENSE_WIDTH, Segment, TimeAxis
from graph.export.timeline_model import EVENT_CLASSES, Event, TimelineView

TARGET_ASPECT = 1.2      # widen the axis when the content is taller than this ratio allows
MAX_STRETCH = 4.0
EVENT_RADIUS = 8.0
ANCHOR_RADIUS = 18.0
ANCHOR_FONT = 14
ANCHOR_LINE = 32         # characters per line of an anchor's label
ANCHOR_LINES = 3         # lines of an anchor's label before the date line
ROW_HEIGHT = 20.0
MAX_ROWS = 6             # event rows per lane before events are aggregated
AGGREGATE_STEP = 36.0    # one aggregate node per lane and this many units of x
AGGREGATE_HALF = 14.0    # half the width of an aggregate's box
LANE_PAD = 4.0
LANE_GAP = 6.0
ACTOR_ROW = 46.0
ACTOR_FONT = 12
MAX_DRAWN_ACTORS = 60
MAX_ACTOR_ROWS = 4       # actors beyond what fits in this many staggered rows are not drawn

CLASS_COLOURS = {
    "PhoneCall": "#d62728", "Meeting": "#1f77b4", "Talks": "#17becf", "Visit": "#6baed6",
    "Agreement": "#2ca02c", "Ceasefire": "#74c476", "Refusal": "#8c564b", "Demand": "#ff7f0e",
    "Proposal": "#e6a532", "Statement": "#9467bd", "Order": "#b07aa1", "PrisonerExchange": "#e377c2",
    "Attack": "#7b4173", "Invasion": "#393b79", "Annexation": "#637939", "Other": "#7f7f7f",
}
SPARE_COLOURS = ("#bcbd22", "#843c39", "#3182bd", "#31a354", "#756bb1", "#636363")

Box = tuple[float, float, float, float]   # x0, x1, y0, y1


def text_width(text: str, size: float) -> float:
    """A rough width of ``text`` drawn at font ``size``."""
    return len(text) * size * 0.56


def wrap(text: str, width: int = ANCHOR_LINE, lines: int = ANCHOR_LINES) -> list[str]:
    """``text`` in at most ``lines`` lines of about ``width`` characters, broken at spaces."""
    found: list[str] = []
    for word in text.split():
        if found and len(found[-1]) + 1 + len(word) <= width:
            found[-1] += " " + word
        else:
            found.append(word)
    if len(found) > lines:
        found = found[:lines - 1] + [" ".join(found[lines - 1:])]
    if len(found[-1]) > width + 8:
        found[-1] = found[-1][:width + 7].rstrip() + "…"
    return found or [text]


def anchor_label(event: Event) -> str:
    """The event's label without its date (wrapped), then a line with date and source count."""
    count = len(event.sources)
    return "\n".join([*wrap(event.short_label), f"{event.date_text} · {count} source{'s' if count != 1 else ''}"])


@dataclass(frozen=True)
class Sizes:
    """Sizes of the labelled nodes; ``zoom`` grows them with a widened axis so they stay readable at fit."""

    zoom: float = 1.0

    @property
    def anchor_radius(self) -> float:
        """Radius of an anchor event."""
        return round(ANCHOR_RADIUS * self.zoom, 1)

    @property
    def anchor_font(self) -> int:
        """Font size of an anchor's label."""
        return round(ANCHOR_FONT * self.zoom)

    @property
    def actor_font(self) -> int:
        """Font size of an actor's label."""
        return round(ACTOR_FONT * self.zoom)

    @property
    def actor_row(self) -> float:
        """Vertical distance between rows of actors."""
        return ACTOR_ROW * self.zoom

    def anchor_half_width(self, event: Event) -> float:
        """Half the width of an anchor with its label."""
        longest = max(text_width(line, self.anchor_font) for line in anchor_label(event).split("\n"))
        return max(self.anchor_radius, longest / 2 + 4)

    def anchor_height(self, event: Event) -> float:
        """Height of an anchor with its label below it."""
        lines = anchor_label(event).count("\n") + 1
        return 2 * self.anchor_radius + 8 + lines * (self.anchor_font + 5)

    def anchor_box(self, event: Event, x: float, y: float) -> Box:
        """The box an anchor centred at (x, y) takes with its label."""
        half = self.anchor_half_width(event)
        return (x - half, x + half, y - self.anchor_radius, y - self.anchor_radius + self.anchor_height(event))


@dataclass
class Layout:
    """Where everything goes on the canvas."""

    sizes: Sizes = field(default_factory=Sizes)
    positions: dict[int, tuple[float, float]] = field(default_factory=dict)
    overflow: dict[str, tuple[float, float, str, list[int]]] = field(default_factory=dict)
    event_node: dict[int, str] = field(default_factory=dict)
    lanes: list[dict] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)
    breaks: list[tuple[float, str]] = field(default_factory=list)
    axis_y: float = 0.0
    actor_band: float | None = None
    actor_positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    degree: dict[str, int] = field(default_factory=dict)
    bounds: Box = (0.0, 0.0, 0.0, 0.0)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


@dataclass
class LanePlan:
    """One lane's placement: event positions (lane-relative), aggregates by x bucket, their row, the height."""

    positions: dict[int, tuple[float, float]]
    overflow: dict[int, list[int]]
    overflow_y: float
    height: float


def place_lane(items: list[tuple[int, Event, float]], sizes: Sizes) -> LanePlan:
    """Place one lane's events in rows without overlap.

    Anchors go first with room for their label below them; other events take
    the first row free at their x, going round anchors and their labels.
    Events finding no free row among ``MAX_ROWS`` are gathered per bucket of
    x into one aggregate node, drawn in a row of their own below the others
    (a bucket of one is drawn as the event itself).
    """
    positions: dict[int, tuple[float, float]] = {}
    blocks: list[Box] = []
    for index, event, x in (item for item in items if item[1].anchor):
        box = sizes.anchor_box(event, x, LANE_PAD + sizes.anchor_radius)
        while any(_overlaps(box, other) for other in blocks):
            box = sizes.anchor_box(event, x, box[3] + LANE_PAD + sizes.anchor_radius)
        blocks.append(box)
        positions[index] = (x, box[2] + sizes.anchor_radius)
    rows = MAX_ROWS + math.ceil(max([b[3] for b in blocks], default=0.0) / ROW_HEIGHT)
    row_end = [-math.inf] * rows
    overflow: dict[int, list[int]] = {}
    gap = 2 * EVENT_RADIUS + 2
    for index, _event, x in (item for item in items if not item[1].anchor):
        free = 0
        for row in range(rows):
            y = LANE_PAD + EVENT_RADIUS + row * ROW_HEIGHT
            box = (x - EVENT_RADIUS, x + EVENT_RADIUS, y - EVENT_RADIUS, y + EVENT_RADIUS)
            if any(_overlaps(box, b) for b in blocks):
                continue
            if row_end[row] <= x - gap:
                row_end[row] = x
                positions[index] = (x, y)
                break
            free += 1
            if free == MAX_ROWS:
                overflow.setdefault(round(x / AGGREGATE_STEP), []).append(index)
                break
        else:
            overflow.setdefault(round(x / AGGREGATE_STEP), []).append(index)
    bottom = max([y + EVENT_RADIUS for _x, y in positions.values()] + [b[3] for b in blocks] + [2 * EVENT_RADIUS])
    overflow_y = bottom + EVENT_RADIUS + 4
    xs = {index: x for index, _event, x in items}
    right_edge = -math.inf
    for bucket, members in sorted(overflow.items()):
        x = xs[members[0]]
        next_edge = (bucket + 1) * AGGREGATE_STEP - AGGREGATE_HALF if bucket + 1 in overflow else math.inf
        if len(members) == 1 and right_edge + 2 <= x - EVENT_RADIUS and x + EVENT_RADIUS + 2 <= next_edge:
            positions[members[0]] = (x, overflow_y)
            del overflow[bucket]
            right_edge = x + EVENT_RADIUS
        else:
            right_edge = bucket * AGGREGATE_STEP + AGGREGATE_HALF
    if right_edge > -math.inf:
        bottom = overflow_y + EVENT_RADIUS + 2
    return LanePlan(positions, overflow, overflow_y, bottom + LANE_PAD)


def lane_names(view: TimelineView) -> list[str]:
    """Classes of the dated events, in the contract's order, then any others by name."""
    present = {e.cls for e in view.events if e.begin is not None}
    return [c for c in EVENT_CLASSES if c in present] + sorted(present - set(EVENT_CLASSES))


def class_colours(view: TimelineView) -> dict[str, str]:
    """A colour for every class: the fixed ones for the contract's classes, spare ones for others."""
    others = sorted({e.cls for e in view.events} - set(CLASS_COLOURS))
    return {**CLASS_COLOURS, **{name: SPARE_COLOURS[i % len(SPARE_COLOURS)] for i, name in enumerate(others)}}


def label_room(view: TimelineView, axis: TimeAxis, sizes: Sizes) -> list[tuple[int, int]]:
    """Days to add before and after each dense stretch so no anchor's label runs into a break marker."""
    room = []
    for segment in axis.dense:
        before = after = 0.0
        for event in view.events:
            if event.anchor and event.begin is not None and segment.start <= event.begin.toordinal() <= segment.end:
                x = segment.x(event.begin.toordinal())
                half = sizes.anchor_half_width(event) + 12
                if segment is not axis.segments[0]:
                    before = max(before, half - (x - segment.x0))
                if segment is not axis.segments[-1]:
                    after = max(after, half - (segment.x1 - x))
        room.append((math.ceil(max(0.0, before) / segment.scale), math.ceil(max(0.0, after) / segment.scale)))
    return room


def build_layout(view: TimelineView) -> Layout:
    """Compute every position; widen the axis once when the lanes come out much taller than wide."""
    layout = layout_at(view, DENSE_WIDTH)
    x0, x1, y0, y1 = layout.bounds
    if (y1 - y0) * TARGET_ASPECT > 1.1 * (x1 - x0):
        stretch = min(MAX_STRETCH, (y1 - y0) * TARGET_ASPECT / (x1 - x0))
        layout = layout_at(view, DENSE_WIDTH * stretch, Sizes(zoom=round(stretch, 2)))
    return layout


def layout_at(view: TimelineView, width: float, sizes: Sizes | None = None) -> Layout:
    """Compute every position (axis, lanes, events, aggregates, actors) for a dense stretch ``width`` wide."""
    layout = Layout(sizes=sizes or Sizes())
    days = sorted(e.begin.toordinal() for e in view.events if e.begin is not None)
    stretch = width / DENSE_WIDTH
    widths = {"width": width, "context": CONTEXT_WIDTH * stretch, "gap": BREAK_GAP * stretch}
    axis = TimeAxis.fit(days, **widths) if days else TimeAxis([Segment(0, 1, 0.0, width, True)])
    if days:
        room = label_room(view, axis, layout.sizes)
        if any(before or after for before, after in room):
            axis = TimeAxis.fit(days, room, **widths)
    layout.ticks = axis.ticks(days) if days else []
    layout.breaks = list(axis.breaks)
    colours = class_colours(view)
    top = 0.0
    dated: dict[str, list] = {}                 # lane → its dated events, in order
    for i, e in enumerate(view.events):
        if e.begin is not None:
            dated.setdefault(e.cls, []).append((i, e))
    for name in lane_names(view):
        items = [(i, e, axis.x(e.begin)) for i, e in dated.get(name, ())]
        items.sort(key=lambda item: (item[2], item[1].sort_key))
        plan = place_lane(items, layout.sizes)
        for index, (x, y) in plan.positions.items():
            layout.positions[index] = (round(x, 1), round(top + y, 1))
            layout.event_node[index] = f"e{index}"
        for bucket, members in sorted(plan.overflow.items()):
            node = f"o{len(layout.overflow)}"
            layout.overflow[node] = (round(bucket * AGGREGATE_STEP, 1), round(top + plan.overflow_y, 1), name, members)
            for index in members:
                layout.event_node[index] = node
        layout.lanes.append({"name": name, "colour": colours[name], "y0": round(top, 1),
                             "y1": round(top + plan.height, 1)})
        top += plan.height + LANE_GAP
    layout.axis_y = round(top + 4, 1)
    _place_actors(view, layout, 0.0, axis.end_x)
    layout.bounds = content_bounds(view, layout, axis.end_x)
    return layout


def content_bounds(view: TimelineView, layout: Layout, right: float) -> Box:
    """The box (x0, x1, y0, y1) holding every node with its label, the axis and its tick labels."""
    sizes = layout.sizes
    boxes = [(0.0, right, 0.0, layout.axis_y + 26)]
    for index, (x, y) in layout.positions.items():
        event = view.events[index]
        if event.anchor:
            boxes.append(sizes.anchor_box(event, x, y))
        else:
            boxes.append((x - EVENT_RADIUS, x + EVENT_RADIUS, y - EVENT_RADIUS, y + EVENT_RADIUS))
    for x, y, *_ in layout.overflow.values():
        boxes.append((x - AGGREGATE_HALF, x + AGGREGATE_HALF, y - 10, y + 10))
    for iri, (x, y) in layout.actor_positions.items():
        half = text_width(view.actors[iri].label, sizes.actor_font) / 2
        boxes.append((x - half, x + half, y - 16 * sizes.zoom, y + 16 * sizes.zoom + sizes.actor_font + 6))
    return (round(min(b[0] for b in boxes) - 8, 1), round(max(b[1] for b in boxes) + 8, 1),
            round(min(b[2] for b in boxes) - 8, 1), round(max(b[3] for b in boxes) + 8, 1))


def _event_x(layout: Layout, index: int) -> float:
    """The x where event ``index`` is drawn, alone or in an aggregate."""
    if index in layout.positions:
        return layout.positions[index][0]
    return layout.overflow[layout.event_node[index]][0]


def actor_degrees(view: TimelineView) -> dict[str, int]:
    """How many events each actor takes part in: its degree in the event–actor graph (counted, not
    built: a networkx graph of 116k events took 0.6 s at 10,000 articles)."""
    return dict(Counter(actor for event in view.events for actor in dict.fromkeys(event.actors)))


def _place_actors(view: TimelineView, layout: Layout, left: float, right: float) -> None:
    """Size actors by degree and spread those of drawn events in staggered rows below the axis, by time."""
    layout.degree = actor_degrees(view)
    xs: dict[str, list[float]] = {}
    for index in layout.event_node:
        for actor in view.events[index].actors:
            xs.setdefault(actor, []).append(_event_x(layout, index))
    ranked = sorted(xs, key=lambda a: (-len(xs[a]), -layout.degree[a], view.actors[a].label, a))
    if not ranked:
        return
    widest = max(text_width(view.actors[a].label, layout.sizes.actor_font) for a in ranked[:MAX_DRAWN_ACTORS]) + 14
    room = int(MAX_ACTOR_ROWS * (right - left) // widest)
    drawn = ranked[: max(1, min(MAX_DRAWN_ACTORS, room))]
    centre = {actor: sorted(xs[actor])[len(xs[actor]) // 2] for actor in drawn}
    order = sorted(drawn, key=lambda a: (centre[a], view.actors[a].label, a))
    slot = (right - left) / len(order)
    rows = min(MAX_ACTOR_ROWS, max(1, math.ceil(widest / max(slot, 1.0))))
    band = layout.axis_y + 52 * layout.sizes.zoom
    layout.actor_band = band
    for i, actor in enumerate(order):
        y = band + (i % rows) * layout.sizes.actor_row
        layout.actor_positions[actor] = (round(left + (i + 0.5) * slot, 1), round(y, 1))
