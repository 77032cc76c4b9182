"""Node positions computed in Python, so the browser draws big graphs without a physics run.

networkx's ``spring_layout`` is quadratic in the number of nodes (and without
scipy it also needs n² memory), so large graphs get a *backbone* layout: the
best-connected nodes are laid out with ``spring_layout`` and every other node is
placed near the nodes it links to, outward from the backbone.
"""

from __future__ import annotations

import math
import random

import networkx as nx

__all__ = ["layout_positions", "separate"]

BACKBONE = 400  # spring_layout on up to this many nodes takes a fraction of a second
SPACING = 70.0  # pixels per sqrt(node) of the drawing's radius


def layout_positions(G: nx.Graph, *, seed: int = 0,
                     backbone: int = BACKBONE) -> dict[str, tuple[float, float]]:
    """Pixel positions ``{node: (x, y)}`` for every node of ``G``, deterministic for a seed.

    Examples
    --------
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> pos = layout_positions(G)
    >>> sorted(pos) == ["a", "b", "c"] and pos == layout_positions(G)
    True
    """
    U = nx.Graph(G.to_undirected(as_view=True)) if G.is_directed() or G.is_multigraph() else G
    if len(U) == 0:
        return {}
    rng = random.Random(seed)
    components = sorted(nx.connected_components(U), key=lambda c: (-len(c), min(map(str, c))))
    placed: list[tuple[dict, float]] = []  # (positions in unit scale, radius)
    singletons: list = []
    for nodes in components:
        if len(nodes) == 1:
            singletons.extend(nodes)
            continue
        pos = _component_layout(U.subgraph(nodes), rng, seed, backbone)
        placed.append((pos, math.sqrt(len(nodes))))
    if singletons:
        side = math.ceil(math.sqrt(len(singletons)))
        grid = {n: ((i % side) / max(side - 1, 1) * 2 - 1, (i // side) / max(side - 1, 1) * 2 - 1)
                for i, n in enumerate(sorted(singletons, key=str))}
        placed.append((grid, math.sqrt(len(singletons))))
    return _pack(placed)


def _component_layout(C: nx.Graph, rng: random.Random, seed: int, backbone: int) -> dict:
    if len(C) <= backbone:
        return nx.spring_layout(C, seed=seed)
    by_degree = sorted(C.nodes, key=lambda n: (-C.degree(n), str(n)))
    core = set(by_degree[:backbone])
    # Hubs rarely link to each other directly (papers sit between entities), so the
    # backbone is joined by shared neighbours: weight = how many nodes link to both.
    B = nx.Graph(C.subgraph(core))
    for node in C:
        hubs = sorted((m for m in C[node] if m in core), key=str)
        for i, a in enumerate(hubs):
            for b in hubs[i + 1:]:
                weight = B[a][b]["weight"] + 1 if B.has_edge(a, b) else 1
                B.add_edge(a, b, weight=weight)
    for _, _, data in B.edges(data=True):
        data.setdefault("weight", 1)
    pos = {n: tuple(p) for n, p in nx.spring_layout(B, seed=seed, weight="weight").items()}
    jitter = 1.0 / math.sqrt(len(core))
    # Breadth-first from the backbone: each node lands near the mean of its placed neighbours.
    frontier = sorted(core, key=str)
    while frontier:
        nxt = []
        for node in frontier:
            for other in sorted(C[node], key=str):
                if other in pos:
                    continue
                anchors = [pos[m] for m in C[other] if m in pos]
                x = sum(a[0] for a in anchors) / len(anchors)
                y = sum(a[1] for a in anchors) / len(anchors)
                angle = rng.uniform(0, 2 * math.pi)
                radius = jitter * (0.3 + rng.random())
                pos[other] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
                nxt.append(other)
        frontier = nxt
    return pos


def _pack(placed: list[tuple[dict, float]]) -> dict[str, tuple[float, float]]:
    """Lay components out in rows, biggest first, each scaled by the square root of its size."""
    result: dict = {}
    total = sum(r * r for _, r in placed)
    row_width = 2 * SPACING * math.sqrt(total) * 1.5
    x = y = 0.0
    row_height = 0.0
    for pos, r in placed:
        size = SPACING * r  # half-width of this component's drawing
        if x > 0 and x + 2 * size > row_width:
            x, y = 0.0, y + row_height
            row_height = 0.0
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / 2
        for node, (px, py) in pos.items():
            result[node] = (round(x + size + (px - cx) / span * size, 1),
                            round(y + size + (py - cy) / span * size, 1))
        x += 2 * size * 1.1
        row_height = max(row_height, 2 * size * 1.1)
    return result


def separate(pos: dict, radius: dict, *, limit: int = 500, iterations: int = 40,
             padding: float = 8.0) -> dict[str, tuple[float, float]]:
    """Push the ``limit`` biggest nodes apart until their circles (plus padding) stop overlapping.

    ``radius`` maps nodes to their drawn radius in pixels; the others keep their place.

    Examples
    --------
    >>> out = separate({"a": (0.0, 0.0), "b": (1.0, 0.0)}, {"a": 10, "b": 10})
    >>> round(out["b"][0] - out["a"][0]) >= 28
    True
    """
    import numpy as np

    movable = sorted((n for n in pos if n in radius), key=lambda n: (-radius[n], str(n)))[:limit]
    if len(movable) < 2:
        return dict(pos)
    xy = np.array([pos[n] for n in movable], dtype=float)
    r = np.array([radius[n] for n in movable], dtype=float)
    for _ in range(iterations):
        i, push = _pushes(xy, r, padding)
        if not len(i):
            break
        # bincount adds in pair order, as a sum over all pairs would: the same floats.
        xy += 0.25 * np.stack([np.bincount(i, weights=push[:, 0], minlength=len(xy)),
                               np.bincount(i, weights=push[:, 1], minlength=len(xy))], axis=1)
    result = dict(pos)
    result.update({n: (round(float(x), 1), round(float(y), 1))
                   for n, (x, y) in zip(movable, xy, strict=True)})
    return result


def _pushes(xy, r, padding: float):
    """``(i, push)`` for every ordered pair (i, j) of overlapping circles, in (i, j) order:
    ``push`` moves i away from j by the overlap (coincident points: along +x).

    Only pairs closer in x than the widest possible overlap are measured (found on the
    x-sorted points), not all n² of them.
    """
    import numpy as np

    n = len(xy)
    # The widest overlap, plus a pixel so that rounding at the window's edge loses no pair.
    reach = 2 * float(r.max()) + padding + 1.0
    order = np.argsort(xy[:, 0], kind="stable")
    xs = xy[order, 0]
    lo = np.searchsorted(xs, xs - reach, side="left")
    counts = np.searchsorted(xs, xs + reach, side="right") - lo
    first = np.repeat(np.arange(n), counts)
    second = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts) \
        + np.repeat(lo, counts)
    i, j = order[first], order[second]
    keep = i != j
    pairs = np.argsort(i[keep] * n + j[keep], kind="stable")
    i, j = i[keep][pairs], j[keep][pairs]
    delta = xy[i] - xy[j]
    dist = np.sqrt((delta ** 2).sum(-1))
    need = r[i] + r[j] + padding
    hit = dist < need
    i, delta, dist = i[hit], delta[hit], dist[hit]
    overlap = need[hit] - dist
    safe = np.where(dist > 1e-9, dist, 1.0)
    direction = np.where(dist[:, None] > 1e-9, delta / safe[:, None], [1.0, 0.0])
    return i, direction * overlap[:, None]
