"""The build: the orchestration that runs the pipeline stages over a corpus and publishes the exports.

- :mod:`~graph.builder.pipeline` — :func:`~graph.builder.pipeline.build`, behind ``timeline-kg build``
  (also ``graph.build``): articles → extraction → RDF per article → merge → exports;
- :mod:`~graph.builder.workers` — the per-article stage, in this process or in a pool of worker processes;
- :mod:`~graph.builder.distributed` — the per-article stage on a Dask cluster (``--scheduler``);
- :mod:`~graph.builder.cache` — the per-article cache: a rebuild redoes only the articles that changed;
- :mod:`~graph.builder.validate` — SHACL validation of the merged graph against ``ontology/shapes.ttl``.

Nothing is imported here. (The package is not named ``build``: that is the public function
``graph.build``, which a subpackage of the same name would shadow once imported.)
"""
