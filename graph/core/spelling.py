"""Names spelt alike: one measure (rapidfuzz's ratio, in C++) for concepts, columns and other names."""

from __future__ import annotations

from rapidfuzz import fuzz, process

__all__ = ["close_matches", "spelt_alike"]


def close_matches(word: str, options: list[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    """The ``options`` spelt most like ``word`` (ignoring case), best first, at least ``cutoff`` alike.

    Alike by the ratio :func:`graph.core.query.similarity` uses, with punctuation kept (column names such as ``source_type``);
    a drop-in for ``difflib.get_close_matches`` on names.

    Example
    -------
    >>> close_matches("sorce", ["source", "target"])
    ['source']
    """
    folded = [option.casefold() for option in options]
    return [options[i] for i in spelt_alike(word.casefold(), folded, limit=n, cutoff=cutoff)]


def spelt_alike(query: str, keys: list[str], limit: int, cutoff: float) -> list[int]:
    """Positions in ``keys`` of the ``limit`` keys most like ``query``, best first (rapidfuzz, in C++)."""
    found = process.extract(query, keys, scorer=fuzz.ratio, score_cutoff=cutoff * 100, limit=limit)
    return [position for _, _, position in found]
