"""The whole map packed in bands: rows of names taken from the top of the map's flow down, each row
left to right in the flow, short items stacked in one place of a row that a taller name makes high.

Why rows rather than columns: a name's box is several times wider than high, so a line between two
rows leaves a box through its top or bottom edge and runs through the thin gaps between rows and
between boxes; between columns a line that slants at all leaves through the top or bottom of its box
straight into the name stacked above or below it. On the article's map packed to a laptop's frame,
columns leave 75 of its 117 links through another name, bands 46; once the names in the lines' way
are moved (:func:`graph.picture.routes.unblock`), 63 and 28.
"""

from __future__ import annotations

import numpy as np

from graph.picture.layout import Box

__all__ = ["pack_bands"]

_GAP = (4.0, 2.0)  # canvas px between places side by side, and between rows (and two items stacked in a place)


def pack_bands(points: np.ndarray, boxes: list[Box], frame: tuple[float, float]) -> np.ndarray:
    """``points`` packed into rows of ``boxes`` that fill a ``frame`` (width, height) as fully as they
    can: the rows are bands of ``points`` from the top down, of about equal total width, each run
    left to right in the points' order; consecutive boxes low enough to stand one above another in
    their row's height share a place. Of the numbers of rows, the one a frame of that size draws
    largest. The room left in the frame is shared out between the places of a row and between rows:
    room for lines to pass.

    Example
    -------
    Three names in a line, the middle two short: packed for a wide frame, the two short ones share a place.

    >>> line = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 0.0]])
    >>> xy = pack_bands(line, [Box(100, 40), Box(80, 18), Box(80, 18)], (400, 50))
    >>> [[round(float(v)) for v in p] for p in xy]
    [[50, 20], [144, 10], [144, 30]]
    """
    seed = np.asarray(points, dtype=float)
    n = len(seed)
    if n == 0:
        return seed.copy()
    w = np.array([b.width for b in boxes])
    h = np.array([b.height for b in boxes])
    downwards = np.argsort(seed[:, 1], kind="stable")
    reach = np.cumsum(w[downwards] + _GAP[0])
    best: tuple[float, list, float] = (-1.0, [], 0.0)
    for count in range(1, n + 1):
        cuts = np.searchsorted(reach, reach[-1] * np.arange(1, count) / count, side="right")
        rows = [_places(row, seed, h) for row in np.split(downwards, cuts) if len(row)]
        width = max(sum(w[place].max() for place in places) + _GAP[0] * (len(places) - 1) for places, _ in rows)
        height = sum(tall for _, tall in rows) + _GAP[1] * (len(rows) - 1)
        scale = min(frame[0] / width, frame[1] / height)
        if scale > best[0]:
            best = (scale, rows, width)
        elif frame[1] / height < best[0]:
            break  # more rows are only taller
    scale, rows, width = best
    # The frame's room the packing leaves (across a short row, or below the rows where the widest row
    # sets the scale) is shared out between places and between rows.
    height = sum(tall for _, tall in rows)
    between_rows = max(_GAP[1], (frame[1] / scale - height) / (len(rows) - 1)) if len(rows) > 1 else 0.0
    xy = np.zeros((n, 2))
    top = 0.0
    for places, tall in rows:
        wide = [float(w[place].max()) for place in places]
        spare = width - sum(wide)
        apart = spare / (len(places) - 1) if len(places) > 1 else 0.0
        x = 0.0 if len(places) > 1 else spare / 2
        for place, across in zip(places, wide):
            y = top + (tall - h[place].sum() - _GAP[1] * (len(place) - 1)) / 2
            for k in place:
                xy[k] = (x + across / 2, y + h[k] / 2)
                y += h[k] + _GAP[1]
            x += across + apart
        top += tall + between_rows
    return xy


def _places(row: np.ndarray, seed: np.ndarray, h: np.ndarray) -> tuple[list[list[int]], float]:
    """A row's items left to right in places (one item, or several stacked where they fit its height), and its height."""
    row = row[np.argsort(seed[row, 0], kind="stable")]
    tall = float(h[row].max())
    places: list[list[int]] = []
    for k in row.tolist():
        if places and h[places[-1]].sum() + _GAP[1] * len(places[-1]) + h[k] <= tall:
            places[-1].append(k)
        else:
            places.append([k])
    return places, tall
