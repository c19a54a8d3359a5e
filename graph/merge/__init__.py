"""Merging what several articles say: actor resolution and event coreference with networkx."""

from graph.merge.graph import CanonicalEvent, MergeResult, merge_articles, merged_graph

__all__ = ["CanonicalEvent", "MergeResult", "merge_articles", "merged_graph"]
