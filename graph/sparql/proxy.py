"""The guard in front of the Oxigraph server: read-only, no network, bounded time and size.

``timeline-kg serve`` runs ``oxigraph serve-read-only`` on a private
loopback port and this small HTTP proxy on the public one. Oxigraph already
refuses writes on a read-only store and answers a malformed query with 400
and its parser's message; what it cannot do, the proxy does:

- only the query service is forwarded (``/query``, ``/sparql``, and the
  query UI at ``/``); ``/update``, the Graph Store (``/store``) and any
  ``update=`` are refused with 403;
- SERVICE is refused with 403 (Oxigraph would call the remote endpoint) and
  updates sent as queries too (:mod:`graph.sparql.query_guard`); ``FROM``/``FROM
  NAMED`` only ever name graphs inside the store, nothing is fetched;
- the contract's prefixes (``tl:``, ``sem:``, …) are declared for a query
  that uses them without declaring them, as ``timeline-kg query`` does;
- a query that runs longer than the time limit gets 503, an answer larger
  than the size limit gets 413 (the answer is buffered up to the limit, so
  a client never gets half an answer); a query text over 1 MB gets 413.

Oxigraph's own ``--timeout-s`` is set a little above the proxy's limit so
the server also stops working on a query the proxy gave up on.
"""

from __future__ import annotations

import http.client
import socket
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from graph.errors import QueryError
from graph.sparql.query import contract_prefixes, declare_prefixes
from graph.sparql.query_guard import check_query

QUERY_PATHS = ("/query", "/sparql")
UI_PATHS = ("/", "/yasgui.min.css", "/yasgui.min.js", "/logo.svg")
FORWARDED_PARAMS = ("default-graph-uri", "named-graph-uri", "union-default-graph")


@dataclass(frozen=True)
class Limits:
    """What one query may cost."""

    timeout_s: float = 30.0
    max_result_bytes: int = 10_000_000
    max_query_bytes: int = 1_000_000


class _Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class GuardServer(ThreadingHTTPServer):
    """The public side: forwards allowed queries to ``upstream`` (host, port)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], upstream: tuple[str, int] | None, limits: Limits, *, log=None):
        self.upstream = upstream
        self.limits = limits
        self.log = log
        self.prefixes = contract_prefixes()
        super().__init__(address, _Handler)

    def start(self, upstream: tuple[str, int]) -> None:
        """Forward to ``upstream`` (Oxigraph's host, port), serving on a background thread."""
        self.upstream = upstream
        threading.Thread(target=self.serve_forever, name="sparql-guard", daemon=True).start()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "timeline-kg"
    server: GuardServer
    _connection: http.client.HTTPConnection | None = None

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    # --- routing ---------------------------------------------------------------------------------

    def do_GET(self):
        self._guarded(self._get)

    def do_POST(self):
        self._guarded(self._post)

    def _refuse_write(self):
        self._read_body()
        raise _Refused(403, "this endpoint is read-only: updates and the Graph Store are refused")

    def do_PUT(self):
        self._guarded(self._refuse_write)

    def do_DELETE(self):
        self._guarded(self._refuse_write)

    def do_PATCH(self):
        self._guarded(self._refuse_write)

    def _guarded(self, handler):
        try:
            handler()
        except _Refused as refused:
            self._send(refused.status, (refused.message + "\n").encode("utf-8"), "text/plain; charset=utf-8")
            if self.server.log:
                self.server.log(f"{self.command} {self.path.split('?')[0]}: {refused.status} {refused.message}")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _get(self):
        path, _, query = self.path.partition("?")
        if path in QUERY_PATHS:
            params = urllib.parse.parse_qsl(query, keep_blank_values=True)
            self._query(params)
        elif path in UI_PATHS:
            self._forward_static(path)
        elif path in ("/update", "/store"):
            raise _Refused(403, "this endpoint is read-only: updates and the Graph Store are refused")
        else:
            raise _Refused(404, f"no such service: {path}; queries go to /query")

    def _post(self):
        path, _, query = self.path.partition("?")
        body = self._read_body()
        if path not in QUERY_PATHS:
            if path in ("/update", "/store"):
                raise _Refused(403, "this endpoint is read-only: updates and the Graph Store are refused")
            raise _Refused(404, f"no such service: {path}; queries go to /query")
        params = urllib.parse.parse_qsl(query, keep_blank_values=True)
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-query":
            params.append(("query", body.decode("utf-8", "replace")))
        elif kind == "application/x-www-form-urlencoded":
            params += urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
        elif kind == "application/sparql-update":
            raise _Refused(403, "updates are refused: this endpoint is read-only")
        else:
            raise _Refused(415, "send the query as application/sparql-query or an HTML form (query=…)")
        self._query(params)

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        if length > self.server.limits.max_query_bytes:
            self.close_connection = True
            raise _Refused(413, f"the request is larger than {self.server.limits.max_query_bytes} bytes")
        return self.rfile.read(length) if length else b""

    # --- the query service ----------------------------------------------------------------------

    def _query(self, params: list[tuple[str, str]]):
        if any(name == "update" for name, _ in params):
            raise _Refused(403, "updates are refused: this endpoint is read-only")
        queries = [value for name, value in params if name == "query"]
        if len(queries) != 1:
            raise _Refused(400, "pass exactly one query (query=…)")
        sparql = queries[0]
        if len(sparql.encode("utf-8")) > self.server.limits.max_query_bytes:
            raise _Refused(413, f"the query is larger than {self.server.limits.max_query_bytes} bytes")
        try:
            check_query(sparql)
        except QueryError as exc:
            raise _Refused(403, exc.message) from None
        form = [("query", declare_prefixes(sparql, self.server.prefixes))]
        form += [(n, v) for n, v in params if n in FORWARDED_PARAMS]
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if self.headers.get("Accept"):
            headers["Accept"] = self.headers["Accept"]
        status, kind, body = self._upstream("POST", "/query", urllib.parse.urlencode(form).encode("utf-8"), headers)
        self._send(status, body, kind)

    def _forward_static(self, path: str):
        status, kind, body = self._upstream("GET", path, None, {})
        self._send(status, body, kind)

    def _upstream(self, method: str, path: str, body: bytes | None, headers: dict[str, str]):
        """Ask Oxigraph; the answer buffered within the time and size limits.

        Each client connection keeps one connection to Oxigraph open for its
        next request; any failure drops it.
        """
        limits = self.server.limits
        deadline = time.monotonic() + limits.timeout_s
        fired = threading.Event()
        watchdog = None
        keep = False
        try:
            response = self._send_upstream(method, path, body, headers)
            # at the deadline the socket is shut down, which ends any read waiting on it
            watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), _shut,
                                       (self._connection.sock, fired))
            watchdog.daemon = True
            watchdog.start()
            chunks, size = [], 0
            while chunk := response.read1(65536):
                size += len(chunk)
                if size > limits.max_result_bytes:
                    raise _Refused(413, f"the answer is larger than the limit of {limits.max_result_bytes:,} bytes;"
                                        " add a LIMIT or narrow the query")
                chunks.append(chunk)
            response.close()  # read to the end: the connection is free for the next request
            if fired.is_set() or time.monotonic() >= deadline:
                raise TimeoutError
            keep = not response.will_close
            kind = response.getheader("Content-Type", "application/octet-stream")
            return response.status, kind, b"".join(chunks)
        except (ConnectionError, http.client.HTTPException, OSError) as exc:
            if fired.is_set() or time.monotonic() >= deadline - 0.05:
                raise _Refused(503, f"the query ran longer than the time limit of {limits.timeout_s:g} s;"
                                    " narrow it or add a LIMIT") from None
            raise _Refused(502, f"the store behind this endpoint failed: {exc}") from None
        finally:
            if watchdog is not None:
                watchdog.cancel()
            if not keep or fired.is_set():
                self._drop_upstream()

    def _send_upstream(self, method: str, path: str, body: bytes | None, headers: dict[str, str]):
        """Send the request on the kept connection (a fresh one if that was closed meanwhile)."""
        for attempt in (1, 2):
            if self._connection is None:
                host, port = self.server.upstream
                self._connection = http.client.HTTPConnection(host, port, timeout=self.server.limits.timeout_s)
                self._connection.connect()
                reused = False
            else:
                reused = True
            self._connection.sock.settimeout(self.server.limits.timeout_s)
            try:
                self._connection.request(method, path, body=body, headers=headers)
                return self._connection.getresponse()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self._drop_upstream()
                if not reused or attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _drop_upstream(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def finish(self):
        try:
            super().finish()
        finally:
            self._drop_upstream()

    def _send(self, status: int, body: bytes, kind: str):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _shut(sock, fired: threading.Event) -> None:
    fired.set()
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def bind_guard(address: tuple[str, int], limits: Limits) -> GuardServer:
    """Bind the proxy's address (port 0 picks a free one); :meth:`GuardServer.start` serves it."""
    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    return GuardServer(address, None, limits, log=log)
