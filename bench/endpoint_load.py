"""Load on `timeline-kg serve`: concurrent clients on loopback, the competency questions in turn.

Starts the real command (``python -m graph serve --port 0``) on the exports,
runs CLIENTS threads that each send QUERIES requests (POST, form-encoded,
JSON results, one kept-alive connection per client) cycling through the
competency questions with their default parameters, then stops the server
with SIGINT. Prints errors (any status but 200, any exception), p50, p99
and the slowest latency, and the throughput. With ``--direct`` (the default)
the same load is then sent straight to an ``oxigraph serve-read-only`` on the
same store, to show what the guard in front costs. Bounded loops; stops by
itself. Timings vary by machine; nothing is asserted.

    PYTHONPATH=. python bench/endpoint_load.py [--graph exports/graph.ttl] [--clients 10] [--queries 200]
"""

from __future__ import annotations

import argparse
import http.client
import os
import select
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def start_serve(graph: Path) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-m", "graph", "serve", "--port", "0", "--graph", str(graph)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
                               env={**os.environ, "PYTHONPATH": str(REPO)})
    ready, _, _ = select.select([process.stdout], [], [], 120)
    line = process.stdout.readline() if ready else ""
    if not line.startswith("SPARQL endpoint"):
        process.kill()
        raise SystemExit(f"serve did not start: {line}{process.stderr.read()}")
    return process, line.split(": ", 1)[1].strip()


def start_direct(graph: Path) -> tuple[subprocess.Popen, str]:
    """``oxigraph serve-read-only`` alone on the same store, for comparison."""
    from graph.sparql.server import _answers, _free_port, oxigraph_binary
    from graph.sparql.store import open_store

    with open_store(graph) as local:
        location = local.path
    port = _free_port()
    process = subprocess.Popen([oxigraph_binary(), "serve-read-only", "--location", str(location),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while not _answers("127.0.0.1", port):
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("oxigraph serve-read-only did not start")
        time.sleep(0.05)
    return process, f"http://127.0.0.1:{port}/query"


def load(url: str, queries: list[str], clients: int, per_client: int) -> tuple[list[float], list[str], float]:
    """Latencies (s), errors, wall time of CLIENTS × PER_CLIENT requests."""
    parts = urllib.parse.urlsplit(url)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client(number: int) -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        mine, wrong = [], []
        for i in range(per_client):
            body = urllib.parse.urlencode({"query": queries[(number + i) % len(queries)]})
            began = time.perf_counter()
            try:
                connection.request("POST", parts.path, body=body, headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": "application/sparql-results+json"})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    wrong.append(f"HTTP {response.status}")
            except (OSError, http.client.HTTPException) as exc:
                wrong.append(f"{type(exc).__name__}: {exc}")
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
            mine.append(time.perf_counter() - began)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors.extend(wrong)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.perf_counter() - began


def report(name: str, latencies: list[float], errors: list[str], wall: float) -> None:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(round(0.99 * len(ordered))) - 1)]
    print(f"{name:<38} {len(latencies):>6} {len(errors):>6} {statistics.median(ordered) * 1000:>8.1f} "
          f"{p99 * 1000:>8.1f} {ordered[-1] * 1000:>8.1f} {len(latencies) / wall:>8.0f}")
    for error in sorted(set(errors))[:5]:
        print(f"    {errors.count(error)} × {error}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, default=REPO / "exports" / "graph.ttl")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--queries", type=int, default=200, help="requests per client")
    parser.add_argument("--no-direct", dest="direct", action="store_false",
                        help="skip the comparison with oxigraph alone")
    args = parser.parse_args(argv)

    from graph.sparql.named_queries import list_queries

    queries = [q.text() for q in list_queries()]
    print(f"{args.clients} clients × {args.queries} requests, {len(queries)} competency questions in turn, "
          f"graph {args.graph}")
    print(f"{'':<38} {'requests':>6} {'errors':>6} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'req/s':>8}")
    process, url = start_serve(args.graph)
    try:
        load(url, queries, 2, 10)  # warm-up, not counted
        report("timeline-kg serve (guard + oxigraph)", *load(url, queries, args.clients, args.queries))
    finally:
        process.send_signal(signal.SIGINT)
        try:
            out, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            out, _ = process.communicate()
    print(f"    serve stopped by SIGINT: exit {process.returncode}, said {out.strip().splitlines()[-1:]}")
    if args.direct:
        direct, url = start_direct(args.graph)
        try:
            load(url, queries, 2, 10)
            report("oxigraph serve-read-only alone", *load(url, queries, args.clients, args.queries))
        finally:
            direct.terminate()
            direct.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
