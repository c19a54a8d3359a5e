"""``timeline-kg evaluate``: score the exported graph against a gold file.

:func:`evaluate` reads the gold file (see ``tests/gold/README.md``) and the
merged ``graph.ttl``, matches each article's system events one-to-one to its
gold events (type, date containment, a shared participant) and runs the
graph-wide checks (not-events, same-event merges, conflicting claims). It
returns an :class:`EvaluationReport`; :func:`format_report` renders it as
plain text and :meth:`EvaluationReport.to_dict` as JSON-ready data.
"""

from graph.evaluate.gold import Gold, GoldEvent, load_gold, parse_span
from graph.evaluate.report import EvaluationReport, Figures, format_report
from graph.evaluate.score import evaluate
from graph.evaluate.system import SystemEvent, read_system_events

__all__ = ["evaluate", "format_report", "EvaluationReport", "Figures", "load_gold", "Gold", "GoldEvent",
           "parse_span", "SystemEvent", "read_system_events"]
