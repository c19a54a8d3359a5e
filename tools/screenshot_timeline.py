"""Screenshot a timeline page in headless Chromium.

    PYTHONPATH=. python tools/screenshot_timeline.py HTML PNG [--click-first-anchor] [--width W] [--height H]

Run from the repository root: the Chromium driver is tests/browser/chromium.py.
The page is loaded from file:// and captured once drawn. With
``--click-first-anchor`` the earliest anchor event is clicked with a real
mouse click first (so the side panel shows its sources, claims and evidence)
and the mouse is then moved to an empty corner of the graph so no tooltip
covers it. Prints
any request that left the file and any console error; exits 1 when there
was one.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tests.browser.chromium import Browser, Page

FIRST_ANCHOR_JS = """(() => {
  const t = window.timeline, box = document.getElementById('network').getBoundingClientRect();
  const i = t.data.events.findIndex(e => e.anchor);
  if (i < 0) { return null; }
  const e = t.data.events[i], n = t.network.body.nodes[e.node];
  const p = t.network.canvasToDOM({x: n.x, y: n.y});
  return {label: e.label, x: box.left + p.x, y: box.top + p.y};
})()"""


def click_first_anchor(page: Page) -> str:
    """Click the earliest anchor event, wait for the panel, move the mouse away; the event's label."""
    anchor = page.evaluate(FIRST_ANCHOR_JS)
    if anchor is None:
        raise SystemExit("the page has no anchor event to click")
    page.click(anchor["x"], anchor["y"])
    page.wait_for(f"document.querySelector('#panel h2').textContent === {json.dumps(anchor['label'])}", timeout=10)
    corner = page.evaluate("(() => { const b = document.getElementById('network').getBoundingClientRect();"
                           " return [b.left + 6, b.bottom - 6]; })()")
    page.hover(*corner)
    page.wait_for("!document.querySelector('.vis-tooltip') || "
                  "document.querySelector('.vis-tooltip').style.visibility !== 'visible'", timeout=10)
    return anchor["label"]


def main(argv: list[str] | None = None) -> int:
    """Take the screenshot; 1 when the page made a request or logged an error."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--click-first-anchor", action="store_true")
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=1000)
    args = parser.parse_args(argv)
    with Browser() as browser:
        page = browser.new_page(width=args.width, height=args.height)
        page.open(args.html.resolve().as_uri())
        if args.click_first_anchor:
            print(f"clicked {click_first_anchor(page)}")
        page.screenshot(args.png)
        leaks = [url for url in page.request_urls() if not url.startswith(("file:", "data:"))]
        errors = page.errors()
    for url in leaks:
        print(f"request left the file: {url}", file=sys.stderr)
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    print(f"wrote {args.png}")
    return 1 if leaks or errors else 0


if __name__ == "__main__":
    sys.exit(main())
