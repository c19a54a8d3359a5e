"""Headless Chromium driven over the Chrome DevTools Protocol, for the browser tests, bench and tools.

The protocol runs over ``--remote-debugging-pipe`` (file descriptors 3 and
4 of the browser, NUL-separated JSON messages): no port, no websocket, no
dependency beyond the standard library. Every event the browser sends is
kept, so a test can ask afterwards which requests a page made, what it
logged and whether a dialog opened. Dialogs are dismissed at once so a
stray ``alert`` can never hang a test.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
    "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
    "--remote-debugging-pipe",
)
MISSING = f"{CHROMIUM} is missing: run tools/ensure-chromium (as root) to install chromium and chromium-driver"


class BrowserError(RuntimeError):
    """The browser died, timed out or answered a command with an error."""


class Browser:
    """One headless Chromium with a fresh profile; use as a context manager."""

    def __init__(self, *, timeout: float = 30.0) -> None:
        if not CHROMIUM.exists():
            raise BrowserError(MISSING)
        self.timeout = timeout
        self.events: list[dict[str, Any]] = []
        self._profile = tempfile.TemporaryDirectory(prefix="timeline-chromium-")
        self._log = open(Path(self._profile.name) / "stderr.log", "wb")  # noqa: SIM115 - closed in close()
        self._next_id = 0
        self._buffer = b""
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire_pipes() -> None:
            cmd = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            out = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(cmd, 3)
            os.dup2(out, 4)

        self.process = subprocess.Popen(
            [str(CHROMIUM), *FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log,
            preexec_fn=wire_pipes, pass_fds=(3, 4), close_fds=True)
        os.close(to_browser_r)
        os.close(from_browser_w)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Ask the browser to quit, then make sure it has, and remove the profile."""
        if self.process.poll() is None:
            try:
                self._write({"id": self._take_id(), "method": "Browser.close"})
                self.process.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait(timeout=5)
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        self._log.close()
        self._profile.cleanup()

    def _take_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _write(self, message: dict[str, Any]) -> None:
        os.write(self._to_browser, json.dumps(message).encode("utf-8") + b"\0")

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("timed out waiting for the browser")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if ready:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    raise BrowserError(f"the browser closed the pipe (exit code {self.process.poll()})")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method: str, params: dict[str, Any] | None = None, *, session: str | None = None,
             timeout: float | None = None) -> dict[str, Any]:
        """Send one command and return its result, keeping the events that arrive meanwhile."""
        ident = self._take_id()
        message: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._write(message)
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            reply = self._read(deadline)
            if reply.get("id") == ident:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self._on_event(reply)

    def _on_event(self, event: dict[str, Any]) -> None:
        self.events.append(event)
        if event["method"] == "Page.javascriptDialogOpening":
            self._write({"id": self._take_id(), "method": "Page.handleJavaScriptDialog",
                         "params": {"accept": False}, "sessionId": event.get("sessionId")})

    def new_page(self, *, width: int = 1600, height: int = 1000) -> Page:
        """A fresh tab with the Page, Runtime, Network and Log domains enabled."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session)
        for domain in ("Page", "Runtime", "Network", "Log"):
            page.call(f"{domain}.enable")
        page.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        return page


class Page:
    """One tab: navigate, evaluate, click, screenshot, and read what happened."""

    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session

    def call(self, method: str, params: dict[str, Any] | None = None, *,
             timeout: float | None = None) -> dict[str, Any]:
        """Send a command to this tab."""
        return self.browser.send(method, params, session=self.session, timeout=timeout)

    def events(self, method: str) -> list[dict[str, Any]]:
        """The parameters of every event ``method`` this tab has sent so far."""
        return [e.get("params", {}) for e in self.browser.events
                if e["method"] == method and e.get("sessionId") == self.session]

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (JSON-serialisable results only)."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise BrowserError(f"{details.get('text')}: {details.get('exception', {}).get('description')}")
        return result["result"].get("value")

    def wait_for(self, expression: str, *, timeout: float = 30.0, interval: float = 0.02) -> None:
        """Poll until ``expression`` is truthy."""
        deadline = time.monotonic() + timeout
        while not self.evaluate(f"Boolean({expression})"):
            if time.monotonic() > deadline:
                raise BrowserError(f"timed out waiting for {expression}")
            time.sleep(interval)

    def open(self, url: str, *, ready: str = "window.timelineReady === true", timeout: float = 60.0) -> None:
        """Navigate to ``url`` and wait until ``ready`` holds."""
        self.call("Page.navigate", {"url": url})
        self.wait_for(ready, timeout=timeout)

    def click(self, x: float, y: float) -> None:
        """A real left click at viewport position (x, y)."""
        self.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def hover(self, x: float, y: float) -> None:
        """Move the mouse to viewport position (x, y)."""
        self.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})

    def screenshot(self, path: Path) -> Path:
        """Save a PNG of the viewport."""
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def request_urls(self) -> list[str]:
        """Every URL this tab requested."""
        return [e["request"]["url"] for e in self.events("Network.requestWillBeSent")]

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries (CSP violations included)."""
        found = [f"console.{e['type']}: {[a.get('value', a.get('description')) for a in e.get('args', [])]}"
                 for e in self.events("Runtime.consoleAPICalled") if e["type"] in ("error", "assert")]
        for event in self.events("Runtime.exceptionThrown"):
            details = event["exceptionDetails"]
            found.append(f"exception: {details.get('exception', {}).get('description') or details.get('text')}")
        found += [f"log: {e['entry']['text']} ({e['entry'].get('url', '')})"
                  for e in self.events("Log.entryAdded") if e["entry"]["level"] == "error"]
        return found

    def dialogs(self) -> list[str]:
        """The messages of every JavaScript dialog (alert, confirm, prompt) that opened."""
        return [e.get("message", "") for e in self.events("Page.javascriptDialogOpening")]
