"""Node positions computed in Python, so the browser draws big graphs without a physics run.

The force layout is Fruchterman-Reingold, the algorithm of networkx's
``spring_layout`` (same forces, cooling and iterations), written here over plain
float32 numpy arrays: without scipy networkx runs it on n x n x 2 float64 arrays
and takes ~2 s for 400 nodes where this takes ~0.2 s (``bench/bench_views.py``).
It is quadratic in the number of nodes, so large graphs get a *backbone* layout:
the best-connected nodes are laid out by force and every other node is placed
near the nodes it links to, outward from the backbone.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from operator import itemgetter

import networkx as nx

__all__ = ["layout_positions", "separate", "force_layout"]

BACKBONE = 400  # spring_layout on up to this many nodes takes a fraction of a second
REFINE_MAX = 2500  # refine placed nodes by force up to this many (n x n float32 arrays)
REFINE_STEPS = 15
SPACING = 70.0  # pixels per sqrt(node) of the drawing's radius
_BLOCK_FLOATS = 1 << 16  # float32s per row block of the force arrays (4 of 256 KB: in cache)


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
    if G.is_directed() or G.is_multigraph():  # edges only: copying their data is slow
        U = nx.Graph()
        U.add_nodes_from(G)
        U.add_edges_from(G.edges())
    else:
        U = G
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
        pos = _component_layout(_in_key_order(U.subgraph(nodes)), rng, seed, backbone)
        placed.append((pos, math.sqrt(len(nodes))))
    if singletons:
        side = math.ceil(math.sqrt(len(singletons)))
        grid = {n: ((i % side) / max(side - 1, 1) * 2 - 1, (i // side) / max(side - 1, 1) * 2 - 1)
                for i, n in enumerate(sorted(singletons, key=str))}
        placed.append((grid, math.sqrt(len(singletons))))
    return _pack(placed)


def force_layout(G: nx.Graph, *, seed: int = 0, weight: str | None = None,
                 iterations: int = 50, start: dict | None = None,
                 temperature: float = 0.1) -> dict:
    """Fruchterman-Reingold positions ``{node: (x, y)}`` (unit scale) of a connected graph.

    The forces and the linear cooling of networkx's ``spring_layout``; float32 arrays
    per axis instead of one float64 n x n x 2 array, which makes it ~10 x faster.

    Examples
    --------
    >>> pos = force_layout(nx.path_graph(4))
    >>> d = lambda a, b: ((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5
    >>> d(0, 3) > d(0, 1)  # the ends of a path lie farther apart than neighbours
    True
    """
    import numpy as np

    nodes = list(G)
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    at = {node: i for i, node in enumerate(nodes)}
    pairs = [(at[u], at[v], w if weight else 1)
             for u, v, w in G.edges(data=weight, default=1) if u != v]
    if start is None:
        xy = np.random.default_rng(seed).random((2, n), dtype=np.float32)
    else:  # refine given positions, scaled into the unit square
        xy = np.array([start[node] for node in nodes], dtype=np.float32).T
        xy -= xy.min(axis=1, keepdims=True)
        xy /= max(float(xy.max()), 1e-9)
    x, y = xy[0], xy[1]
    k = np.float32(np.sqrt(1.0 / n))  # the ideal edge length in the unit square
    kk, floor = k * k, np.float32(1e-4)
    # The largest step, cooled linearly.
    t = np.float32(temperature * max(np.ptp(x), np.ptp(y)))
    dt = t / (iterations + 1)
    # The n x n arrays of the forces are made a block of rows at a time, in buffers that
    # stay in the processor's cache, and the attraction is subtracted only where there is
    # an edge: the same arithmetic, element by element and row by row, as over the whole
    # adjacency matrix (x - 0 * q is x), at a fraction of the memory traffic.
    rows = max(1, min(n, _BLOCK_FLOATS // n))
    blocks = []
    if 2 * len(pairs) > n * n // 8:  # dense (a backbone): the adjacency matrix itself
        matrix = np.zeros((n, n), dtype=np.float32)
        for i, j, w in pairs:
            matrix[i, j] = matrix[j, i] = w
        blocks = [(first, min(n, first + rows), None, None, matrix[first:first + rows])
                  for first in range(0, n, rows)]
    else:  # sparse: the edges of each block of rows
        weights = {}
        for i, j, w in pairs:
            weights[i, j] = weights[j, i] = w
        edge_at = np.array(list(weights), dtype=np.intp).reshape(-1, 2)
        edge_w = np.array(list(weights.values()), dtype=np.float32)
        order = np.argsort(edge_at[:, 0], kind="stable")
        edge_at, edge_w = edge_at[order], edge_w[order]
        for first in range(0, n, rows):
            last = min(n, first + rows)
            lo, hi = np.searchsorted(edge_at[:, 0], (first, last))
            blocks.append((first, last, edge_at[lo:hi, 0] - first, edge_at[lo:hi, 1],
                           edge_w[lo:hi]))
    dx, dy, d2, force, pull = (np.empty((rows, n), dtype=np.float32) for _ in range(5))
    mx, my = np.empty(n, dtype=np.float32), np.empty(n, dtype=np.float32)
    for _ in range(iterations):
        for first, last, at_row, at_col, A in blocks:
            size = last - first
            bx, by, b2, bf = dx[:size], dy[:size], d2[:size], force[:size]
            np.subtract(x[first:last, None], x[None, :], out=bx)
            np.subtract(y[first:last, None], y[None, :], out=by)
            np.multiply(bx, bx, out=b2)
            np.multiply(by, by, out=bf)
            b2 += bf
            np.maximum(b2, floor, out=b2)
            np.divide(kk, b2, out=bf)  # repulsion ...
            if at_row is None:  # ... minus attraction along edges
                bp = pull[:size]
                np.sqrt(b2, out=bp)
                bp /= k
                bp *= A
                bf -= bp
            elif len(A):
                bf[at_row, at_col] -= A * (np.sqrt(b2[at_row, at_col]) / k)
            np.multiply(bx, bf, out=bx)
            np.multiply(by, bf, out=by)
            bx.sum(axis=1, out=mx[first:last])
            by.sum(axis=1, out=my[first:last])
        step = t / np.maximum(np.sqrt(mx * mx + my * my), np.float32(0.01))
        x += mx * step
        y += my * step
        t -= dt
    return {node: (float(x[i]), float(y[i])) for i, node in enumerate(nodes)}


def _in_key_order(C: nx.Graph) -> nx.Graph:
    """A copy of ``C`` with nodes and edges in sorted order.

    The layout's starting positions follow node order, and a small subgraph
    view iterates its node *set*, whose order changes with the hash seed.
    """
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(C.nodes, key=str))
    edges = []
    for a, b, d in C.edges(data=True):
        if str(b) < str(a):  # the ends in str order (kept as they are when equal)
            a, b = b, a
        edges.append((f"({a!r}, {b!r})", a, b, d))  # == str((a, b)), made without the tuple
    edges.sort(key=itemgetter(0))
    ordered.add_edges_from((a, b, d) for _, a, b, d in edges)
    return ordered


def _component_layout(C: nx.Graph, rng: random.Random, seed: int, backbone: int) -> dict:
    if len(C) <= backbone:
        return force_layout(C, seed=seed)
    by_degree = sorted(C.nodes, key=lambda n: (-C.degree(n), str(n)))
    core = set(by_degree[:backbone])
    # Hubs rarely link to each other directly (papers sit between entities), so the
    # backbone is joined by shared neighbours: weight = how many nodes link to both.
    shared: Counter = Counter()
    for node in C:
        hubs = sorted((m for m in C[node] if m in core), key=str)
        shared.update((a, b) for i, a in enumerate(hubs) for b in hubs[i + 1:])
    shared.update(tuple(sorted((a, b), key=str)) for a, b in C.subgraph(core).edges())
    B = nx.Graph()
    B.add_nodes_from(sorted(core, key=str))
    B.add_weighted_edges_from((a, b, w) for (a, b), w in shared.items())
    pos = force_layout(B, seed=seed, weight="weight")
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
    if len(C) <= REFINE_MAX:  # a few cool steps on everything smooth the placed rings out
        pos = force_layout(C, start=pos, iterations=REFINE_STEPS, temperature=0.02)
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
    x = np.array([pos[n][0] for n in movable], dtype=np.float32)
    y = np.array([pos[n][1] for n in movable], dtype=np.float32)
    r = np.array([radius[n] for n in movable], dtype=np.float32)
    need = r[:, None] + r[None, :] + np.float32(padding)
    np.fill_diagonal(need, 0)
    # Coincident points get a fixed direction (along x, by index) so they can separate.
    order = np.sign(np.arange(len(x))[:, None] - np.arange(len(x))[None, :]).astype(np.float32)
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        dist = np.sqrt(dx * dx + dy * dy)
        overlap = np.maximum(need - dist, 0)
        if not overlap.any():
            break
        apart = dist > 1e-6
        push = np.where(apart, overlap / np.where(apart, dist, 1), 0)
        x += 0.25 * ((dx * push).sum(axis=1) + np.where(apart, 0, overlap * order).sum(axis=1))
        y += 0.25 * (dy * push).sum(axis=1)
    result = dict(pos)
    result.update({n: (round(float(a), 1), round(float(b), 1))
                   for n, a, b in zip(movable, x, y, strict=True)})
    return result
