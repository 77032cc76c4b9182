"""How fast are big views in a real browser?

Two pages, opened in headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright), each measured as

- drawn: from navigation start until vis-network has drawn the graph;
- interactive: drawn + the time from clicking a node until its details panel is open
  (the round trips through Playwright are included);
- CPU: the CPU seconds Chromium's processes spent from navigation to the open panel (read
  from /proc; on a busy machine wall time grows with the load, CPU time much less);

1. the entity overview (graph.html) of a synthetic graph with 5,000 drawn entities
   (issue 14: "a 5,000-entity view is interactive in <= 3 s"), against an anchor
   measured in the same run: the overview of a 150-entity graph (ratio = big / anchor);
2. views/full.html of a synthetic graph of PAPERS papers and ENTITIES entities
   (5,000 nodes by default).

Also prints the seconds Python takes to lay out and write each graph's views.

Usage: python bench/bench_views.py [--papers 2000] [--entities 3000] [--runs 3] [--no-full]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kg.graph import build_graph
from kg.model import Entity, Evidence, Link, Paper
from kg.schema import relations_to
from kg.views import write_views
from kg.views.select import drawn_entity_types

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def synthetic_graph(n_papers: int, n_entities: int, seed: int = 0):
    """Papers linking to 3-8 entities each; entity popularity is skewed (a few hubs)."""
    rng = random.Random(seed)
    types = ["method"] * 6 + ["dataset"] * 3 + ["modality"]
    entities = [Entity(f"{t}/e{i}", t, f"{t.title()} {i}", (f"E{i}",)) for i, t in
                enumerate(rng.choice(types) for _ in range(n_entities))]
    weights = [1 / (rank + 1) ** 0.9 for rank in range(n_entities)]
    papers, links = [], {}
    for p in range(n_papers):
        title = f"Synthetic paper {p} on topic {p % 97}"
        abstract = f"We study topic {p % 97} with several methods. Results improve on baselines."
        papers.append(Paper(f"p{p}", title, abstract, date="2024-03-18", sources=(f"syn:{p}",)))
        for entity in rng.choices(entities, weights, k=rng.randint(3, 8)):
            _link(links, rng, p, entity, abstract)
    for i, entity in enumerate(entities):  # every entity is in at least one paper
        _link(links, rng, i % n_papers, entity, papers[i % n_papers].abstract)
    counts = {}
    for (_, _, eid) in links:
        counts[eid] = counts.get(eid, 0) + 1
    entities = [Entity(e.id, e.type, e.label, e.aliases, counts.get(e.id, 0)) for e in entities]
    return build_graph(papers, entities, links.values())


def _link(links, rng, p, entity, abstract):
    relation = rng.choice(relations_to(entity.type))
    evidence = Evidence("abstract", 3, 8, abstract[3:8], abstract.split(". ")[0] + ".",
                        "synthetic", 0.9)
    key = (f"p{p}", relation, entity.id)
    links.setdefault(key, Link(*key, (evidence,)))


def chromium_cpu() -> dict[int, float]:
    """CPU seconds (user + system) of each Chromium process started by this one."""
    tick = os.sysconf("SC_CLK_TCK")
    parent, cpu = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            exe = os.readlink(f"/proc/{entry}/exe")
        except OSError:  # gone, or not ours to read
            continue
        parent[int(entry)] = int(fields[1])
        if "chrom" in Path(exe).name:
            cpu[int(entry)] = (int(fields[11]) + int(fields[12])) / tick
    ours = {}
    for pid, seconds in cpu.items():
        up = pid
        while up > 1 and up != os.getpid():
            up = parent.get(up, 1)
        if up == os.getpid():
            ours[pid] = seconds
    return ours


def measure(page_path: Path, runs: int) -> list[tuple[float, float, float]]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            errors = []
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            cpu_before = chromium_cpu()
            page.goto(page_path.as_uri(), wait_until="commit")
            page.wait_for_function("window.kgReady !== undefined", timeout=60_000)
            drawn = page.evaluate("window.kgReady") / 1000
            # Click the node that stands most apart on screen, so the click cannot miss.
            node = page.evaluate("""() => {
                const net = kgView.network, pos = net.getPositions(), ids = Object.keys(pos);
                const step = Math.max(1, Math.floor(ids.length / 400));
                let best = ids[0], gap = -1;
                for (let i = 0; i < ids.length; i += step) {
                    let near = Infinity;
                    for (const other of ids) {
                        if (other === ids[i]) continue;
                        const dx = pos[other].x - pos[ids[i]].x, dy = pos[other].y - pos[ids[i]].y;
                        near = Math.min(near, dx * dx + dy * dy);
                    }
                    if (near > gap) { gap = near; best = ids[i]; }
                }
                const p = net.canvasToDOM(pos[best]);
                const box = document.getElementById('graph').getBoundingClientRect();
                return {id: best, x: box.left + p.x, y: box.top + p.y};
            }""")
            started = time.perf_counter()
            page.mouse.click(node["x"], node["y"])
            page.wait_for_selector(f"#details-body[data-node='{node['id']}']", state="attached",
                                   timeout=60_000)
            clicked = drawn + time.perf_counter() - started
            cpu = sum(s - cpu_before.get(pid, 0.0) for pid, s in chromium_cpu().items())
            if errors:
                sys.exit(f"page errors: {errors}")
            results.append((drawn, clicked, cpu))
            page.close()
        browser.close()
    return results


def drawn_entities(G) -> int:
    kinds = set(drawn_entity_types())
    return sum(1 for _, kind in G.nodes(data="type") if kind in kinds)


def write(G, folder: str, **options) -> tuple[dict, float]:
    started = time.perf_counter()
    written = write_views(G, folder, **options)
    return written, time.perf_counter() - started


def edges_drawn(page: Path) -> int:
    """How many edges the page's data holds (the JSON in its #kg-data element)."""
    import json
    import re

    text = page.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S)
    return len(json.loads(found.group(1))["edges"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=2000)
    parser.add_argument("--entities", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-full", action="store_true", help="measure the entity overview only")
    args = parser.parse_args()
    load_before = os.getloadavg()
    big = synthetic_graph(1500, 5600)  # a tenth are modalities (filters, not nodes)
    assert drawn_entities(big) >= 5000
    small = synthetic_graph(60, 170)
    with tempfile.TemporaryDirectory() as tmp:
        big_pages, big_write = write(big, f"{tmp}/big", max_nodes=5000)
        small_pages, _ = write(small, f"{tmp}/small")
        sizes = {name: pages["overview"].stat().st_size / 1e6
                 for name, pages in (("big", big_pages), ("small", small_pages))}
        edges = edges_drawn(big_pages["overview"])
        anchor, entity = [], []
        for _ in range(args.runs):  # alternated, so a change of load hits both alike
            anchor += measure(small_pages["overview"], 1)
            entity += measure(big_pages["overview"], 1)
        if not args.no_full:
            full = synthetic_graph(args.papers, args.entities)
            full_pages, full_write = write(full, f"{tmp}/full")
            page = full_pages.get("full", full_pages["overview"])
            full_size = page.stat().st_size / 1e6
            results = measure(page, args.runs)

    def medians(rows):
        return tuple(statistics.median(r[i] for r in rows) for i in range(3))

    (a_drawn, a_click, a_cpu), (e_drawn, e_click, e_cpu) = medians(anchor), medians(entity)
    load = "/".join(f"{x:.1f}" for x in load_before)
    print(f"headless Chromium, median of {args.runs} runs; load average before: {load}, "
          f"after: {'/'.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"entity overview, {min(5000, drawn_entities(big)):,} entities, {edges:,} edges "
          f"({sizes['big']:.1f} MB; views written in {big_write:.1f} s): drawn {e_drawn:.2f} s, "
          f"interactive {e_click:.2f} s, Chromium CPU {e_cpu:.2f} s")
    print(f"  anchor: overview of {drawn_entities(small):,} entities ({sizes['small']:.1f} MB): "
          f"drawn {a_drawn:.2f} s, interactive {a_click:.2f} s, Chromium CPU {a_cpu:.2f} s")
    print(f"  ratio to the anchor: drawn {e_drawn / a_drawn:.1f}, interactive "
          f"{e_click / a_click:.1f}, CPU {e_cpu / a_cpu:.1f}")
    if not args.no_full:
        drawn, clicked, cpu = medians(results)
        print(f"full view: {full.number_of_nodes():,} nodes, {full.number_of_edges():,} edges; "
              f"{page.name} {full_size:.1f} MB; views written in {full_write:.1f} s: "
              f"drawn {drawn:.2f} s, interactive {clicked:.2f} s after navigation start, "
              f"Chromium CPU {cpu:.2f} s")


if __name__ == "__main__":
    main()
