"""Streamlit's caches, for functions of a graph: a :class:`~graph.core.model.KnowledgeGraph` argument is
hashed by its own content key (:attr:`~graph.core.model.KnowledgeGraph.key`).

Left to itself, Streamlit would hash a graph as a dataclass, copying every table and the networkx graph
(``dataclasses.asdict``) on every call; hidden from it (an ``_kg`` argument), a second argument had to say
which graph it was, and a wrong one would have served another graph's result. With these, the graph is
an argument like any other.

Example
-------
>>> @cache_data(max_entries=8)
... def concept_count(kg: KnowledgeGraph) -> int:
...     return kg.graph.number_of_nodes()
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import streamlit as st
from streamlit.runtime.caching.cache_utils import CachedFunc

from graph.core.model import KnowledgeGraph

__all__ = ["HASH_FUNCS", "cache_data", "cache_resource"]

P = ParamSpec("P")
R = TypeVar("R")

HASH_FUNCS: dict[type | str, Callable[[Any], Any]] = {KnowledgeGraph: lambda kg: kg.key}
"""How Streamlit hashes what it cannot hash well itself."""


def cache_data(**options: Any) -> Callable[[Callable[P, R]], CachedFunc[P, R]]:
    """``st.cache_data(**options)`` that hashes a graph by its key (a copy of the result for each caller)."""
    return st.cache_data(hash_funcs=HASH_FUNCS, **options)


def cache_resource(**options: Any) -> Callable[[Callable[P, R]], CachedFunc[P, R]]:
    """``st.cache_resource(**options)`` that hashes a graph by its key (one result shared by every caller)."""
    return st.cache_resource(hash_funcs=HASH_FUNCS, **options)
