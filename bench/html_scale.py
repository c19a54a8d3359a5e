"""How the HTML timeline copes with a large graph: render time, page size, time to interactive.

Builds a synthetic merged graph per docs/contract.md with
bench/synthetic.py (most events in a six-month span, a few context events
over ten years, several sources and mentions each, actors, claims), times
reading it into the view model on its own, renders it with
graph.export.html, loads it from file:// in headless Chromium and prints the
figures. Deterministic input (seeded), timings vary by machine.

    PYTHONPATH=. python bench/html_scale.py [--events 5000] [--keep PATH]

Needs /usr/bin/chromium (tools/ensure-chromium).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench.synthetic import synthetic_graph
from graph.export.atomic import write_text_atomic
from graph.export.html import render_timeline
from graph.export.timeline_view import read_timeline


def measure_in_browser(path: Path) -> dict[str, float]:
    """Load the page in headless Chromium; time to interactive and to a filled panel."""
    from tests.browser.chromium import Browser

    with Browser(timeout=120) as browser:
        page = browser.new_page()
        began = time.perf_counter()
        page.open(path.as_uri(), timeout=120)
        wall = time.perf_counter() - began
        ready = page.evaluate("window.timelineReadyAt")
        began = time.perf_counter()
        page.evaluate("window.timeline.selectEvent(window.timeline.data.events.findIndex(e => e.anchor))")
        click = time.perf_counter() - began
        began = time.perf_counter()
        page.evaluate("(() => { const s = document.getElementById('actor-filter'); s.value = s.options[1].value;"
                      " s.dispatchEvent(new Event('change')); })()")
        filtered = time.perf_counter() - began
        errors = page.errors()
        requests = [u for u in page.request_urls() if not u.startswith(("file:", "data:"))]
    return {"tti_ms": ready, "load_wall_s": wall, "select_ms": click * 1000, "filter_ms": filtered * 1000,
            "errors": len(errors), "network_requests": len(requests)}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--keep", type=Path, help="also write the page here")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    graph = synthetic_graph(args.events)
    built = time.perf_counter() - began
    began = time.perf_counter()
    read_timeline(graph)
    read = time.perf_counter() - began
    began = time.perf_counter()
    page = render_timeline(graph, title=f"Synthetic timeline, {args.events} events")
    rendered = time.perf_counter() - began
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as folder:
        path = args.keep or Path(folder) / "timeline.html"
        write_text_atomic(path, page)
        figures = measure_in_browser(path)
    print(f"events                 {args.events}")
    print(f"triples                {len(graph)}")
    print(f"build graph            {built:.2f} s")
    print(f"read graph (view)      {read:.2f} s (part of the render below)")
    print(f"render page (python)   {rendered:.2f} s")
    print(f"page size              {len(page.encode('utf-8')) / 1e6:.2f} MB")
    print(f"time to interactive    {figures['tti_ms']:.0f} ms (navigation start to first drawn frame)")
    print(f"load, wall clock       {figures['load_wall_s']:.2f} s (incl. polling)")
    print(f"select event + panel   {figures['select_ms']:.0f} ms")
    print(f"actor filter           {figures['filter_ms']:.0f} ms")
    print(f"console errors         {figures['errors']}")
    print(f"network requests       {figures['network_requests']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
