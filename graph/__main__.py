"""``python -m graph`` runs the ``timeline-kg`` command."""

from graph.cli import main

main()
