"""Time every kg.analysis function and `kg report` on a built graph.

    python bench/bench_analysis.py [INPUT...]   # default: ../shared/corpus, else examples/corpus

Builds the graph in memory (not timed), then reports the best of three runs of each call.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def best_of(function, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: list[str]) -> None:
    import kg.analysis as A
    from kg.build import build_graph_from_inputs
    from kg.report import write_report

    shared = REPO.parent / "shared" / "corpus"
    inputs = argv or [str(shared if shared.is_dir() else REPO / "examples" / "corpus")]
    G, _ = build_graph_from_inputs(inputs, skip_bad=True)
    types = [t for _, t in G.nodes(data="type")]
    print(f"graph of {', '.join(inputs)}: {types.count('paper')} papers, "
          f"{len(types) - types.count('paper')} entities, {G.number_of_edges()} links")
    paper = max((n for n, t in G.nodes(data="type") if t == "paper"), key=G.out_degree)
    top = A.top_entities(G, "method", n=1)
    calls = {
        "top_entities(by=papers)": lambda: A.top_entities(G, "method"),
        "top_entities(by=degree)": lambda: A.top_entities(G, "method", by="degree"),
        "top_entities(by=betweenness)": lambda: A.top_entities(G, "method", by="betweenness"),
        "co_usage_matrix": lambda: A.co_usage_matrix(G),
        "baseline_graph": lambda: A.baseline_graph(G),
        "most_compared": lambda: A.most_compared(G),
        "entity_communities": lambda: A.entity_communities(G),
        "modality_mix": lambda: A.modality_mix(G),
        "modality_mix_by_date": lambda: A.modality_mix_by_date(G),
        "similar_papers": lambda: A.similar_papers(G, paper),
    }
    if len(top):
        calls["neighbourhood"] = lambda: A.neighbourhood(G, top.node[0])
    with tempfile.TemporaryDirectory() as out:
        calls["kg report (write_report)"] = lambda: write_report(G, out)
        print(f"{'call':32} {'best of 3 (ms)':>15}")
        for name, call in calls.items():
            print(f"{name:32} {best_of(call) * 1000:15.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
