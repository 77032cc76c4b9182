"""Views without a browser: what each view selects, and that the pages are self-contained and safe.

``view_graph()`` is shared with tests/test_browser.py: a small graph built from
kg.model records, whose names include HTML/JS metacharacters on purpose.
"""

from __future__ import annotations

import doctest
import json
import math
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import kg.analysis
import kg.schema
import kg.views.layout
import kg.views.page
import kg.views.select
from kg.build import write_outputs
from kg.cli import main
from kg.errors import KgError
from kg.export.graphjson import write_graph_json
from kg.graph import build_graph
from kg.model import Entity, Evidence, Link, Paper, Result
from kg.views import focus_filename, render_view, write_views
from kg.views.page import PHYSICS_MAX_NODES, view_data
from kg.views.select import (
    drawn_entity_types,
    find_node,
    focus,
    method_dataset,
    overview,
    whole_graph,
)

EVIL = '</script><script>window.__xss = 1</script>'
EVIL_TITLE = f'Quotes " and \' and back\\slash \\u003c {EVIL} <img src=x onerror="window.__xss=2">'
EVIL_METHOD = '<b onmouseover="window.__xss=3">Evil</b>Net "v2" \\'


def _evidence(field: str, text: str, needle: str, rule: str = "test") -> Evidence:
    start = text.index(needle)
    sentence = next(s for s in re.split(r"(?<=\.) ", text) if needle in s)
    return Evidence(field, start, start + len(needle), needle, sentence, rule, 0.9)


def view_graph() -> nx.MultiDiGraph:
    """Four papers, six entities; every link carries evidence found in the text; p1
    reports two results (GPT-4's and Llama 2's accuracy on ChartQA)."""
    papers = [
        Paper("p1", "Tuning GPT-4 for chart questions",
              "We prompt GPT-4 on ChartQA. It beats Llama 2 by four points, 81.5% accuracy "
              "against 77.5%.",
              date="2024-03-18", arxiv_id="2403.00001", urls=("https://arxiv.org/abs/2403.00001",),
              sources=("day1.txt:3",)),
        Paper("p2", "Small models read charts too",
              "We fine-tune Llama 2 on ChartQA images. Results match larger models.",
              date="--03-19", sources=("day2.txt:7",)),
        Paper("p3", EVIL_TITLE,
              f"We propose {EVIL_METHOD} for images. It is tested on ChartQA.",
              urls=("javascript:window.__xss=4", "https://example.org/p3?a=1&b=\"2\""),
              sources=("x.txt:1",)),
        Paper("p4", "A survey with no links", "Nothing named here.", sources=("day3.txt:9",)),
    ]
    entities = [
        Entity("method/gpt-4", "method", "GPT-4", ("GPT4", "gpt 4"), 1),
        Entity("method/llama-2", "method", "Llama 2", ("LLaMA-2",), 2),
        Entity("method/evil", "method", EVIL_METHOD, (EVIL,), 1),
        Entity("dataset/chartqa", "dataset", "ChartQA", (), 3),
        Entity("modality/image", "modality", "image", ("images",), 2),
        Entity("metric/accuracy", "metric", "Accuracy", ("accuracy",), 1, direction="higher",
               unit="%"),
    ]
    p = {paper.id: paper for paper in papers}
    table = [  # paper, relation, entity, [(field, text)] of the evidence
        ("p1", "usesMethod", "method/gpt-4", [("abstract", "GPT-4"), ("title", "GPT-4")]),
        ("p1", "usesDataset", "dataset/chartqa", [("abstract", "ChartQA")]),
        ("p1", "comparesWith", "method/llama-2", [("abstract", "Llama 2")]),
        ("p2", "usesMethod", "method/llama-2", [("abstract", "Llama 2")]),
        ("p2", "usesDataset", "dataset/chartqa", [("abstract", "ChartQA")]),
        ("p2", "hasModality", "modality/image", [("abstract", "images")]),
        ("p3", "proposes", "method/evil", [("abstract", EVIL_METHOD)]),
        ("p3", "usesDataset", "dataset/chartqa", [("abstract", "ChartQA")]),
        ("p3", "hasModality", "modality/image", [("abstract", "images")]),
        ("p1", "reportsMetric", "metric/accuracy", [("abstract", "accuracy")]),
    ]
    links = [Link(pid, rel, eid, tuple(_evidence(f, getattr(p[pid], f), t) for f, t in spans))
             for pid, rel, eid, spans in table]
    abstract = p["p1"].abstract
    results = [
        Result("p1", "metric/accuracy", "81.5", 81.5,
               _evidence("abstract", abstract, "81.5%", "result:value-metric"), "method/gpt-4",
               "dataset/chartqa", own=True, unit="%"),
        Result("p1", "metric/accuracy", "77.5", 77.5,
               _evidence("abstract", abstract, "77.5%", "result:metric-carried"),
               "method/llama-2", "dataset/chartqa", unit="%"),
    ]
    return build_graph(papers, entities, links, results)


def star_graph(n_papers: int, n_entities: int) -> nx.MultiDiGraph:
    """Paper i links to entities i % n and (i * 7) % n: a bigger graph with known degrees."""
    papers = [Paper(f"p{i}", f"Paper {i}", f"Abstract {i}.") for i in range(n_papers)]
    entities = [Entity(f"method/m{j}", "method", f"M{j}") for j in range(n_entities)]
    links = {(i, j % n_entities) for i in range(n_papers) for j in (i, i * 7)}
    return build_graph(papers, entities, [Link(f"p{i}", "usesMethod", f"method/m{j}")
                                          for i, j in sorted(links)])


def compared_graph(n_papers: int, n_methods: int) -> nx.MultiDiGraph:
    """Paper i uses methods i, 2i and 3i (mod n), proposes method i + 1 and compares it with
    methods 5i and 5i + 1: co-usage and comparison edges of varied weights."""
    papers = [Paper(f"p{i}", f"Paper {i}", f"Abstract {i}.") for i in range(n_papers)]
    entities = [Entity(f"method/m{j}", "method", f"M{j}") for j in range(n_methods)]
    links = set()
    for i in range(n_papers):
        links |= {(i, "usesMethod", (i * k) % n_methods) for k in (1, 2, 3)}
        links.add((i, "proposes", (i + 1) % n_methods))
        links |= {(i, "comparesWith", (5 * i + k) % n_methods) for k in (0, 1)}
    return build_graph(papers, entities, [Link(f"p{i}", rel, f"method/m{j}")
                                          for i, rel, j in sorted(links)])


def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert match, "no data block"
    return json.loads(match.group(1))


def test_the_page_carries_the_results_of_its_papers_and_entities():
    data = view_data(view_graph(), focus(view_graph(), "method/llama-2", depth=0), title="t")
    # Llama 2 is shown alone: its result comes along, with labels for what it names.
    [row] = data["results"]
    assert row[:7] == ["paper/p1", "method/llama-2", "dataset/chartqa", "metric/accuracy",
                       "77.5", "%", False]
    assert row[7][3] == "77.5%" and row[7][4].startswith("It beats Llama 2")
    assert data["labels"]["metric/accuracy"] == ["metric", "Accuracy"]
    everything = view_data(view_graph(), whole_graph(view_graph()), title="t")
    assert len(everything["results"]) == 2


def test_links_kept_from_a_previous_build_give_the_same_page(tmp_path):
    from kg.export.blocks import node_digests
    from kg.views.page import LinkFragments

    G = view_graph()
    plain = render_view(G, whole_graph(G), title=EVIL_TITLE)

    def render(previous: Path | None, number: int) -> LinkFragments:
        fragments = LinkFragments(node_digests(G), previous, tmp_path / f"{number}.marshal")
        assert render_view(G, whole_graph(G), title=EVIL_TITLE, fragments=fragments) == plain
        fragments.save()
        return fragments

    first = render(None, 0)
    links = G.number_of_edges()
    assert (first.reused, first.made) == (0, links)
    assert (render(tmp_path / "0.marshal", 1).reused, ) == (links, )
    # one paper's link changed: its links are made again, and the page is still the plain one
    G.edges["paper/p2", "dataset/chartqa", "usesDataset"]["confidence"] = 0.5
    plain = render_view(G, whole_graph(G), title=EVIL_TITLE)
    again = render(tmp_path / "1.marshal", 2)
    assert again.made == G.out_degree("paper/p2") and again.reused == links - again.made


def test_evidence_highlights_are_styled_from_the_type_table():
    css = kg.views.page.mark_css()
    for relation in kg.schema.relations():
        assert f"mark.rel-{relation.name} {{" in css
    assert kg.views.page._tint("#1f77b4") == "#c7ddec"


@pytest.mark.parametrize("module", [kg.views.select, kg.views.layout, kg.views.page, kg.views])
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_page_has_no_remote_reference_and_keeps_every_string():
    G = view_graph()
    html = render_view(G, whole_graph(G), title=EVIL_TITLE)
    assert not re.search(r"https?:", html, re.IGNORECASE)
    assert "<link" not in html and not re.search(r"<script[^>]+src=", html)
    # The only closing script tags are the page's own three.
    assert len(re.findall(r"</script", html, re.IGNORECASE)) == 3
    assert "<script>window.__xss" not in html and 'onerror="window' not in html
    data = page_data(html)
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id["paper/p3"]["p"]["title"] == EVIL_TITLE
    assert by_id["method/evil"]["l"] == EVIL_METHOD and by_id["method/evil"]["a"] == [EVIL]
    assert by_id["paper/p1"]["p"]["urls"] == ["https://arxiv.org/abs/2403.00001"]
    assert data["meta"]["title"] == EVIL_TITLE


def test_page_data_explains_every_link():
    G = view_graph()
    data = view_data(G, whole_graph(G), title="t")
    assert {n["id"] for n in data["nodes"]} == set(G.nodes)
    links = {(u, v, rel): ev for u, v, rel, _conf, ev in data["links"]}
    assert set(links) == set(G.edges(keys=True))
    for u, v, key, attrs in G.edges(keys=True, data=True):
        got = links[u, v, key]
        assert [e[:5] for e in got] == [[e["field"], e["start"], e["end"], e["text"], e["sentence"]]
                                        for e in attrs["evidence"]]
        for field, start, end, text, *_ in got:  # spans point at the text in the paper
            assert G.nodes[u][field][start:end] == text
    assert len(data["edges"]) == G.number_of_edges()
    sizes = {n["id"]: n["s"] for n in data["nodes"]}
    assert sizes["dataset/chartqa"] > sizes["method/llama-2"] > sizes["method/gpt-4"]


def test_physics_only_for_small_views_and_positions_for_all():
    small = view_data(view_graph(), whole_graph(view_graph()), title="t")
    assert small["meta"]["physics"] is True
    G = star_graph(PHYSICS_MAX_NODES, 40)
    big = view_data(G, whole_graph(G), title="t")
    assert big["meta"]["physics"] is False
    assert all(math.isfinite(n["x"]) and math.isfinite(n["y"]) for n in big["nodes"])


def test_layout_is_deterministic_and_spreads_a_big_graph():
    G = star_graph(900, 120)
    pos = kg.views.layout.layout_positions(G, backbone=100)
    assert set(pos) == set(G) and pos == kg.views.layout.layout_positions(G, backbone=100)
    assert len(set(pos.values())) == len(pos)  # no two nodes on the same spot


def test_overview_keeps_small_graphs_whole_and_cuts_big_ones_with_a_note():
    G = view_graph()
    assert set(overview(G).nodes) == set(G) and overview(G).note is None
    G = star_graph(600, 100)
    sel = overview(G, max_nodes=200)
    assert len(sel.nodes) == 200 and set(sel.nodes) <= set(G)
    entities = [n for n in sel.nodes if n.startswith("method/")]
    degree = dict(G.in_degree())
    left_out = [n for n in G if n.startswith("method/") and n not in entities]
    assert min(degree[n] for n in entities) >= max(degree[n] for n in left_out)
    assert f"{len(left_out)} of 100 entities" in sel.note and "600 papers" in sel.note


def test_focus_is_the_neighbourhood_within_depth():
    G = view_graph()
    for depth in (0, 1, 2, 3):
        expected = nx.ego_graph(G.to_undirected(), "method/gpt-4", radius=depth)
        assert set(focus(G, "method/gpt-4", depth).nodes) == set(expected)
    sel = focus(G, "dataset/chartqa", 2, max_nodes=4)
    assert len(sel.nodes) == 4 and sel.nodes[0] == "dataset/chartqa" and "left out" in sel.note


def test_method_dataset_pairs_are_the_papers_using_both():
    G = view_graph()
    sel = method_dataset(G)
    got = {(m, d): papers for m, d, _, papers in sel.edges}
    expected = {}
    for paper in (n for n, t in G.nodes(data="type") if t == "paper"):
        out = G.out_edges(paper, keys=True)
        for _, m, rel in out:
            if rel in ("usesMethod", "proposes", "comparesWith"):
                for _, d, rel2 in out:
                    if rel2 == "usesDataset":
                        expected.setdefault((m, d), []).append(paper)
    assert got == {k: sorted(v) for k, v in expected.items()}
    assert set(sel.nodes) == {n for pair in got for n in pair}


def test_find_node_by_key_label_alias_and_suggests():
    G = view_graph()
    assert find_node(G, "method/llama-2") == "method/llama-2"
    assert find_node(G, "chartqa") == "dataset/chartqa"
    assert find_node(G, "llama-2") == "method/llama-2"
    with pytest.raises(KgError, match="did you mean 'GPT-4'"):
        find_node(G, "GPT-5")


def test_write_views_links_every_page(tmp_path):
    G = star_graph(600, 100)
    written = write_views(G, tmp_path, max_nodes=150)
    written.update(write_views(G, tmp_path, focus_on=["M3"], depth=1, max_nodes=150,
                               only_focus=True))
    assert {p.relative_to(tmp_path).as_posix() for p in written.values()} == {
        "index.html", "graph.html", "views/full.html", "views/methods-datasets.html",
        "views/focus-m3.html", "search-index.js"}
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    for page in ("graph.html", "views/full.html", "views/methods-datasets.html",
                 "views/focus-m3.html"):
        assert f'href="{page}"' in index
    full = page_data((tmp_path / "views" / "full.html").read_text(encoding="utf-8"))
    assert len(full["nodes"]) == G.number_of_nodes() and full["meta"]["note"] is None
    overview_page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert 'href="views/full.html"' in overview_page
    focused = page_data((tmp_path / "views" / "focus-m3.html").read_text(encoding="utf-8"))
    C = kg.analysis.cooccurrence_graph(G, types=drawn_entity_types())
    assert {n["id"] for n in focused["nodes"]} == set(nx.ego_graph(C, "method/m3", radius=1))
    # A focus run writes only its page and the index: the overview is untouched.
    before = (tmp_path / "graph.html").stat().st_mtime_ns
    only = write_views(G, tmp_path, focus_on=["M4"], depth=1, max_nodes=150, only_focus=True)
    assert sorted(only) == ["focus:M4", "index"]
    assert (tmp_path / "graph.html").stat().st_mtime_ns == before
    # A later run without --focus keeps the earlier focus view linked.
    write_views(G, tmp_path, max_nodes=150)
    assert 'href="views/focus-m3.html"' in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_the_two_halves_of_the_views_write_what_one_call_writes(tmp_path):
    """A build writes the views in two processes (part=...): the same files, byte for byte,
    whichever half runs first, and each half only its own files."""
    from kg.views import VIEW_PARTS

    G = star_graph(300, 60)
    write_views(G, tmp_path / "whole", max_nodes=80, site=False)
    files = {p.relative_to(tmp_path / "whole").as_posix()
             for p in (tmp_path / "whole").rglob("*") if p.is_file()}
    halves: dict[str, set[str]] = {}
    for order in (VIEW_PARTS, VIEW_PARTS[::-1]):
        out = tmp_path / "-".join(order)
        for part in order:
            before = {p for p in out.rglob("*") if p.is_file()} if out.exists() else set()
            written = write_views(G, out, max_nodes=80, site=False, part=part)
            made = {p for p in out.rglob("*") if p.is_file()} - before
            assert {p.relative_to(out).as_posix() for p in made} == {
                p.relative_to(out).as_posix() for p in written.values()}
            halves.setdefault(part, set()).update(p.relative_to(out).as_posix() for p in made)
        assert {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} == files
        for name in files:
            assert (out / name).read_bytes() == (tmp_path / "whole" / name).read_bytes(), name
    assert halves["overview"] == {"graph.html", "search-index.js"}
    assert halves["overview"].isdisjoint(halves["views"])
    with pytest.raises(ValueError, match="unknown part"):
        write_views(G, tmp_path / "bad", part="all")


def test_kg_build_html_writer_writes_index_and_views(tmp_path):
    G = view_graph()
    write_outputs(G, tmp_path / "out", formats=["html"])
    names = sorted(p.relative_to(tmp_path / "out").as_posix()
                   for p in (tmp_path / "out").rglob("*"))
    assert names == [".kg-manifest.json", "graph.html", "index.html", "search-index.js", "views",
                     "views/full.html",
                     "views/methods-datasets.html"]


def test_focus_filename_is_a_safe_name():
    assert focus_filename(EVIL_METHOD) == "focus-b-onmouseover-window-xss-3-evil-b-net-v2.html"
    assert focus_filename("<>") == "focus-node.html"


@pytest.fixture
def built(tmp_path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    write_graph_json(view_graph(), out / "graph.json")
    return out


def test_cli_view_writes_focus_page(built):
    result = CliRunner().invoke(main, ["view", str(built), "--focus", "gpt4", "--depth", "1"])
    assert result.exit_code == 0, result.output
    page = built / "views" / "focus-gpt-4.html"
    assert page.is_file() and f"open {page}" in result.output
    # An entity's focus: the entities sharing its papers (its papers come on demand).
    assert {n["id"] for n in page_data(page.read_text(encoding="utf-8"))["nodes"]} == {
        "method/gpt-4", "dataset/chartqa", "method/llama-2", "metric/accuracy"}
    assert not (built / "graph.html").exists()  # --focus writes only the new view


def test_cli_view_errors_are_one_line(built, tmp_path):
    result = CliRunner().invoke(main, ["view", str(built), "--focus", "GPT-5"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: no node named 'GPT-5' (key, label or alias); did you mean 'GPT-4'?"]
    result = CliRunner().invoke(main, ["view", str(tmp_path / "nowhere")])
    assert result.exit_code == 1 and "graph.json: not found; run `kg build" in result.output
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "graph.json").write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(main, ["view", str(tmp_path / "bad")])
    assert result.exit_code == 1 and "not a graph written by kg build" in result.output
    assert "Traceback" not in result.output


def test_templates_ship_with_the_package():
    import tomllib

    config = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    setuptools = config["tool"]["setuptools"]
    assert {"kg.views", "kg.views.templates"} <= set(setuptools["packages"])
    assert setuptools["package-data"]["kg.views.templates"] == ["*"]
    templates = Path(kg.views.page.__file__).parent / "templates"
    assert {"view.html", "view.css", "view.js", "index.html"} <= {p.name for p in
                                                                   templates.iterdir()}


def test_cli_view_asks_which_entity_a_shared_name_means(tmp_path):
    G = view_graph()
    G.add_node("dataset/gpt-4", type="dataset", label="GPT-4 outputs", aliases=["gpt4"],
               paper_count=1)
    G.add_edge("paper/p2", "dataset/gpt-4", key="usesDataset", relation="usesDataset")
    out = tmp_path / "out"
    out.mkdir()
    write_graph_json(G, out / "graph.json")
    result = CliRunner().invoke(main, ["view", str(out), "--focus", "GPT4"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: 'GPT4' names 2 entities of different types; choose one: "
        "--focus dataset/gpt-4 or --focus method/gpt-4"]
    with pytest.raises(KgError, match=r"dataset/gpt-4 \(1 paper\), method/gpt-4 \(1 paper\)"):
        find_node(G, "gpt4")
    assert find_node(G, "gpt4", type="dataset") == "dataset/gpt-4"
    result = CliRunner().invoke(main, ["view", str(out), "--focus", "dataset/gpt-4"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("huge", [False, True])
def test_big_views_draw_each_entitys_strongest_edges(monkeypatch, huge):
    from kg.views.page import entity_view_data
    from kg.views.select import (
        BIG_VIEW_EDGES_PER_NODE,
        HUGE_VIEW_EDGES_PER_NODE,
        entity_overview,
        strongest_edges,
    )

    G = compared_graph(300, 60)
    small = entity_overview(G, max_nodes=60)
    monkeypatch.setattr(kg.views.select, "BIG_VIEW", 50)
    if huge:  # above HUGE_VIEW each entity keeps its single strongest co-usage edge
        monkeypatch.setattr(kg.views.select, "HUGE_VIEW", 55)
    per_node = HUGE_VIEW_EDGES_PER_NODE if huge else BIG_VIEW_EDGES_PER_NODE
    big = entity_overview(G, max_nodes=60)
    assert small.nodes == big.nodes and "backbone" not in small.extra
    kinds = ("usedWith", "comparedWith")
    every = {kind: {(a, b): w for a, b, k, w in small.edges if k == kind} for kind in kinds}
    drawn = {kind: {(a, b): w for a, b, k, w in big.edges if k == kind} for kind in kinds}
    # The small view keeps every comparison; the big one each entity's strongest only.
    assert len(every["comparedWith"]) > len(drawn["comparedWith"]) > 0
    assert len(every["usedWith"]) > len(drawn["usedWith"]) > 0
    for kind in kinds:
        assert drawn[kind].items() <= every[kind].items()  # weights as in the small view
        for node in big.nodes:
            mine = {e: w for e, w in every[kind].items() if node in e}
            kept = {e for e in drawn[kind] if node in e}
            if mine:  # no entity loses all its edges, and its strongest stay
                strongest = sorted(mine.values(), reverse=True)[:per_node[kind]]
                assert sorted((mine[e] for e in kept), reverse=True)[:len(strongest)] == strongest
    assert strongest_edges({("a", "b"): 3, ("b", "c"): 1, ("c", "d"): 2}, 1) == {
        ("a", "b"), ("c", "d")}  # b keeps a-b, c keeps c-d: b-c is no one's strongest
    legend = big.extra["backbone"]
    total = len(kg.analysis.cooccurrence_graph(G, types=drawn_entity_types()).edges) + len(
        every["comparedWith"])
    assert f"({len(big.edges):,} of {total:,} edges drawn;" in legend
    assert big.note.endswith(legend) and small.note is None
    meta = entity_view_data(G, big, title="t", site_prefix=None)["meta"]
    assert meta["big"] and meta["backbone"] == legend
    assert not entity_view_data(G, small, title="t", site_prefix=None)["meta"]["big"]
    if huge:  # fewer edges than a big view's backbone, and the legend says which
        monkeypatch.setattr(kg.views.select, "HUGE_VIEW", 3000)
        backbone = entity_overview(G, max_nodes=60)
        assert len(big.edges) < len(backbone.edges)
        assert "its strongest co-usage edge and" in legend
        assert "its 2 strongest co-usage edges" in backbone.extra["backbone"]


def test_views_link_entity_pages_only_where_a_site_is(tmp_path):
    from kg.cli import main

    out = tmp_path / "out"
    write_outputs(view_graph(), out, formats=["html", "graph-json"])  # no site
    elsewhere = tmp_path / "elsewhere"
    for focus_on in ([], ["--focus", "GPT-4"]):
        result = CliRunner().invoke(main, ["view", str(out), "--out", str(elsewhere), *focus_on])
        assert result.exit_code == 0, result.output
    for page in ("graph.html", "views/full.html", "views/focus-gpt-4.html"):
        for where in (out, elsewhere) if "focus" not in page else (elsewhere,):
            html = (where / page).read_text(encoding="utf-8")
            data = page_data(html)
            assert data["meta"]["site"] is None, (where, page)
            assert not [n for n in data["nodes"] if n.get("h")], (where, page)
            assert "site/" not in html.split('id="kg-data"')[0], (where, page)  # navigation
    # With a site in the build, views written elsewhere link it, and every link resolves.
    write_outputs(view_graph(), out, formats=["site", "html", "graph-json"])
    result = CliRunner().invoke(main, ["view", str(out), "--out", str(elsewhere)])
    assert result.exit_code == 0, result.output
    for page in ("graph.html", "views/full.html", "index.html"):
        html = (elsewhere / page).read_text(encoding="utf-8")
        folder = (elsewhere / page).parent
        hrefs = re.findall(r'href="([^"#]+)"', html)
        assert any("out/site/" in h for h in hrefs), page
        for href in hrefs:
            assert (folder / href).is_file(), (page, href)
        if page != "index.html":
            data = page_data(html)
            assert data["meta"]["site"] == ("../" * page.count("/")) + "../out/site/"
            for node in data["nodes"]:
                assert (folder / data["meta"]["site"] / node["h"]).is_file(), node["id"]
