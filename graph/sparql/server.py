"""``timeline-kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the exports.

The store is the one ``query`` uses (:mod:`graph.sparql.store`, rebuilt first when
the exports changed). It is served by the Oxigraph server (PyPI package
``oxigraph``: ``oxigraph serve-read-only``), run as a subprocess on a
private loopback port, behind the guard of :mod:`graph.sparql.proxy` on the public
address (loopback by default). SIGINT (Ctrl-C) or SIGTERM stops both: the
signal is forwarded to the server, which is waited for.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import QueryError
from graph.sparql.proxy import Limits, bind_guard

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
#: Oxigraph stops a query this long after the guard gave up on it.
UPSTREAM_GRACE_S = 2
STARTUP_S = 20.0


class ServerError(QueryError):
    """The endpoint cannot start (no server binary, address in use, …)."""


def oxigraph_binary() -> str:
    """The ``oxigraph`` server command: beside this Python (a venv's bin/), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise ServerError("the Oxigraph server is not installed",
                      hint="pip install 'oxigraph>=0.5,<0.6' (the server command of the timeline-kg package)")


def _free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


@dataclass
class Endpoint:
    """A running endpoint: the public URL, the Oxigraph process, the guard."""

    url: str
    host: str
    port: int
    limits: Limits
    triples: int
    process: subprocess.Popen
    guard: object
    _cleanup: list[Callable[[], None]] = field(default_factory=list)
    _stopped: bool = False

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 10.0) -> int:
        """Stop the guard, forward ``signum`` to the server and wait for it; its exit status."""
        if self._stopped:
            return self.process.returncode
        self._stopped = True
        self.guard.shutdown()
        self.guard.server_close()
        # the signal received first; SIGTERM if it was ignored (a shell's background job
        # inherits SIGINT ignored); SIGKILL as the last resort
        for step in (signum, signal.SIGTERM, signal.SIGKILL):
            if self.process.poll() is not None:
                break
            self.process.send_signal(step)
            try:
                self.process.wait(timeout / 2 if step != signal.SIGKILL else None)
            except subprocess.TimeoutExpired:
                continue
        for step in reversed(self._cleanup):
            step()
        self._cleanup.clear()
        return self.process.returncode

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start_endpoint(graph_file: Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                   limits: Limits | None = None, ontology: Path | None = None) -> Endpoint:
    """Open (or rebuild) the store, start Oxigraph on it and the guard in front; the endpoint."""
    from graph.sparql.store import open_store

    limits = limits or Limits()
    binary = oxigraph_binary()
    cleanup: list[Callable[[], None]] = []
    local = open_store(graph_file, ontology=ontology)
    if local.path is None:  # the exports folder is read-only: keep the store in a temporary folder
        local.close()
        folder = Path(tempfile.mkdtemp(prefix="timeline-kg-store-"))
        cleanup.append(lambda: shutil.rmtree(folder, ignore_errors=True))
        local = open_store(graph_file, ontology=ontology, location=folder)
    local.store = None  # the server reads it; this process only holds the reader's lock
    cleanup.append(local.close)
    try:
        guard = bind_guard((host, port), limits)
    except OSError as exc:
        for step in reversed(cleanup):
            step()
        raise ServerError(f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                          hint="pass another --port (0 picks a free one)") from exc
    log = tempfile.TemporaryFile()
    try:
        process, upstream = _start_oxigraph(binary, local.path, limits, log)
    except ServerError:
        guard.server_close()
        for step in reversed(cleanup):
            step()
        raise
    finally:
        log.close()
    guard.start(upstream)
    bound_host, bound_port = guard.server_address[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    return Endpoint(url=f"http://{shown}:{bound_port}/query", host=bound_host, port=bound_port, limits=limits,
                    triples=local.triples, process=process, guard=guard, _cleanup=cleanup)


def _start_oxigraph(binary: str, location: Path, limits: Limits, log) -> tuple[subprocess.Popen, tuple[str, int]]:
    """``oxigraph serve-read-only`` on a free loopback port, once it accepts connections."""
    for _attempt in range(3):
        port = _free_port()
        command = [binary, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                   "--timeout-s", str(int(limits.timeout_s + UPSTREAM_GRACE_S))]
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
                                   start_new_session=True)  # our signals reach it only through us
        deadline = time.monotonic() + STARTUP_S
        while time.monotonic() < deadline and process.poll() is None:
            if _answers("127.0.0.1", port):
                return process, ("127.0.0.1", port)
            time.sleep(0.05)
        if process.poll() is None:
            process.kill()
            process.wait()
            raise ServerError(f"the Oxigraph server did not start within {STARTUP_S:g} s", path=location)
        log.seek(0)
        message = log.read().decode("utf-8", "replace").strip()
        if "address" not in message.lower():  # not a port race: give up
            break
    lines = message.splitlines()
    raise ServerError(f"the Oxigraph server failed: {lines[-1] if lines else 'exit ' + str(process.returncode)}",
                      path=location)


def serve(graph_file: Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, limits: Limits | None = None,
          ontology: Path | None = None, on_ready: Callable[[Endpoint], None] | None = None) -> int:
    """Run the endpoint until SIGINT or SIGTERM; 0 after a clean stop.

    The signal is forwarded to the Oxigraph server, which is waited for. If
    the server dies on its own, the endpoint stops and this raises ServerError.
    """
    stop = threading.Event()
    received: list[int] = []

    def handler(signum, _frame):
        received.append(signum)
        stop.set()

    # installed before the server starts, so that it starts with the default dispositions
    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        endpoint = start_endpoint(graph_file, host=host, port=port, limits=limits, ontology=ontology)
    except BaseException:
        for signum, old in previous.items():
            signal.signal(signum, old)
        raise
    try:
        if on_ready:
            on_ready(endpoint)
        while not stop.wait(0.5):
            if endpoint.process.poll() is not None:
                code = endpoint.process.returncode
                endpoint.stop()
                raise ServerError(f"the Oxigraph server stopped unexpectedly (exit {code})")
        endpoint.stop(received[0] if received else signal.SIGTERM)
        return 0
    finally:
        if endpoint.process.poll() is None:
            endpoint.stop()
        for signum, old in previous.items():
            signal.signal(signum, old)
