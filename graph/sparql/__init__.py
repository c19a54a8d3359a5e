"""The query side: SPARQL over the exports, locally, as an endpoint, and towards other stores.

- :mod:`~graph.sparql.query` — ``timeline-kg query``: which query to run, running it, formatting the answer;
- :mod:`~graph.sparql.named_queries` — the competency questions (``ontology/queries/*.rq``) as named
  queries with parameters;
- :mod:`~graph.sparql.query_guard` — what a query may do: read, never write, never reach the network;
- :mod:`~graph.sparql.store` — the on-disk Oxigraph store beside the exports that ``query`` and
  ``serve`` run on;
- :mod:`~graph.sparql.server` — ``timeline-kg serve``: a read-only SPARQL 1.1 Protocol endpoint;
- :mod:`~graph.sparql.proxy` — the guard in front of that server: read-only, no network, bounded
  time and size;
- :mod:`~graph.sparql.push` — ``timeline-kg push``: load the exports into any SPARQL 1.1 store;
- :mod:`~graph.sparql.remote` — a small client for other stores (Protocol and Graph Store Protocol).

Nothing is imported here: each command imports the module it needs.
"""
