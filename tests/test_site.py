"""The entity-page site (kg/site): what each page says, that every link resolves, that
hostile names stay text, and that `kg build` writes it and the index links it."""

from __future__ import annotations

import doctest
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from test_views import EVIL, EVIL_METHOD, EVIL_TITLE, view_graph

import kg.dates
import kg.site
import kg.site.pages
from kg.build import write_outputs
from kg.cli import main
from kg.schema import ENTITY_TYPES
from kg.site import page_path
from kg.site.pages import site_pages


@pytest.mark.parametrize("module", [kg.site, kg.site.pages, kg.dates])
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


class Links(HTMLParser):
    """Every href/src of a page, and its text without tags."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.links += [v for k, v in attrs if k in ("href", "src") and v]

    def handle_data(self, data):
        self.text.append(data)


def parse(text: str) -> Links:
    parser = Links()
    parser.feed(text)
    return parser


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", " ".join(parse(page).text))


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return dict(site_pages(view_graph()))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "out"
    write_outputs(view_graph(), out, formats=["site", "html", "graph-json"])
    return out


def test_one_page_per_entity_and_paper_plus_the_index(pages):
    G = view_graph()
    assert set(pages) == {page_path(n) for n in G} | {"index.html", "site.css", "site.js"}


def test_pages_refer_to_nothing_remote_and_keep_hostile_names_as_text(pages):
    for name, page in pages.items():
        if not name.endswith(".html"):
            continue
        assert not re.search(r"https?:", page, re.IGNORECASE), name
        assert "<script>window.__xss" not in page and 'onerror="window' not in page, name
        assert "<b onmouseover" not in page, name
        scripts = re.findall(r"<script[^>]*>", page)
        assert len(scripts) == 1 and re.fullmatch(r'<script src="(\.\./)?site\.js">',
                                                  scripts[0]), name
        assert re.findall(r"<link[^>]*>", page) == [
            f'<link rel="stylesheet" href="{"../" * name.count("/")}site.css">'], name
    evil = pages[page_path("method/evil")]
    assert EVIL_METHOD in text_of(evil) and EVIL in text_of(evil)  # shown, escaped
    assert EVIL_TITLE in text_of(pages[page_path("paper/p3")])


def test_every_link_of_the_built_site_resolves(built):
    assert _resolved_links(built) > 100


def test_a_site_written_without_views_links_no_view(tmp_path):
    out = tmp_path / "out"
    write_outputs(view_graph(), out, formats=["site", "graph-json"])
    assert not (out / "graph.html").exists()
    assert _resolved_links(out) > 100  # every link resolves: none points at a missing view
    for page in (out / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "graph.html" not in text and "All views" not in text, page
        assert 'data-overview=""' in text, page
    with_views = (tmp_path / "views")
    write_outputs(view_graph(), with_views, formats=["site", "html", "graph-json"])
    page = (with_views / "site" / page_path("dataset/chartqa")).read_text(encoding="utf-8")
    assert "../graph.html#" in page and 'data-overview="1"' in page


def _resolved_links(built: Path) -> int:
    site = built / "site"
    checked = 0
    for page in sorted(site.rglob("*.html")):
        for link in parse(page.read_text(encoding="utf-8")).links:
            parts = urlsplit(link)
            if parts.scheme:  # a paper's own URL (http/https only) is not ours to check
                assert parts.scheme in ("http", "https"), (page, link)
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), (page.relative_to(built), link)
            if parts.fragment and target.name == "graph.html":  # the overview opens on a key
                assert unquote(parts.fragment) in view_graph(), link
            checked += 1
    return checked


def test_entity_page_lists_papers_by_relation_with_evidence(pages):
    llama = pages[page_path("method/llama-2")]
    text = text_of(llama)
    assert "<h1>Llama 2</h1>" in llama and "Method · 2 papers" in text
    assert "Also called: LLaMA-2" in text
    used = llama[llama.index('id="rel-usesMethod"'):]
    used = used[:used.index("</section>")]
    assert "Small models read charts too" in used and "Tuning GPT-4" not in used
    assert "We fine-tune <mark>Llama 2</mark> on ChartQA images." in used
    compared = llama[llama.index('id="rel-comparesWith"'):]
    compared = compared[:compared.index("</section>")]
    assert "Compared with (as a baseline) in 1 paper" in text_of(compared)
    assert "Tuning GPT-4 for chart questions" in compared
    assert "It beats <mark>Llama 2</mark> by four points, 81.5% accuracy against 77.5%." in compared
    assert 'href="../paper/p1.html"' in compared
    # The entities used in the same papers, by papers shared.
    chartqa = text_of(pages[page_path("dataset/chartqa")])
    assert "Used in 3 papers" in chartqa
    assert (f"Most used with Entities in the same papers, by papers shared. Methods Llama 2 "
            f"2 papers {EVIL_METHOD} 1 paper GPT-4 1 paper Modalities image 2 papers") in chartqa
    evil = text_of(pages[page_path("method/evil")])
    assert "Proposed in 1 paper" in evil
    image = text_of(pages[page_path("modality/image")])
    assert "Found in 2 papers" in image and "Show in the graph overview" not in image


def test_paper_page_marks_its_links_in_the_abstract(pages):
    p1 = pages[page_path("paper/p1")]
    abstract = p1[p1.index('<p class="abstract">'):]
    abstract = abstract[:abstract.index("</p>")]
    assert ('<mark class="rel-usesMethod"><a href="../method/gpt-4.html">GPT-4</a></mark>'
            in abstract)
    assert '<a href="../dataset/chartqa.html">ChartQA</a>' in abstract
    text = text_of(p1)
    assert "2024-03-18 · arXiv 2403.00001" in text and "Read from day1.txt:3" in text
    for heading in ("Uses method (1)", "Uses dataset (1)", "Compares with (1)"):
        assert heading in text
    # Only http(s) URLs become links, their scheme spelt so nothing reads as remote.
    assert '<a href="&#104;ttps://arxiv.org/abs/2403.00001"' in p1
    p3 = pages[page_path("paper/p3")]
    assert "javascript:" not in p3 and "&#104;ttps://example.org/p3?a=1&amp;b=&quot;2&quot;" in p3
    assert "Mar 19 (year not given)" in text_of(pages[page_path("paper/p2")])


def test_index_has_a_sortable_table_per_type_and_the_papers(pages):
    index = pages["index.html"]
    text = text_of(index)
    assert "4 papers, 3 methods, 1 dataset, 1 modality, 1 metric." in text
    methods = index[index.index('<section id="method">'):]
    methods = methods[:methods.index("</section>")]
    rows = re.findall(r'<tr><td><a href="(method/[^"]+)">', methods)
    assert rows[0] == "method/llama-2.html" and len(rows) == 3  # most papers first
    assert 'data-sort="number">Papers</th>' in methods
    assert "Compared with (as a baseline) in" in methods
    papers = index[index.index('<section id="papers">'):]
    assert len(re.findall(r'<tr><td><a href="paper/', papers)) == 4


def test_results_are_tabled_on_the_paper_and_its_entities():
    G = view_graph()
    evidence = {"field": "abstract", "start": 0, "end": 3, "text": "61.2",
                "sentence": "GPT-4 reaches 61.2 accuracy on ChartQA.", "rule": "result"}
    G.add_node("metric/accuracy", type="metric", label="Accuracy", aliases=[], paper_count=1,
               direction="higher", unit="%")
    G.nodes["paper/p1"]["results"] = [
        {"method": "method/gpt-4", "own": False, "dataset": "dataset/chartqa",
         "metric": "metric/accuracy", "value": "61.2", "number": 61.2, "unit": "%",
         "evidence": evidence},
        {"method": None, "own": True, "dataset": None, "metric": "metric/accuracy",
         "value": "<b>9</b>", "number": 9.0, "unit": None, "evidence": evidence}]
    pages = dict(site_pages(G))
    paper = pages[page_path("paper/p1")]
    table = paper[paper.index('<section id="results">'):]
    assert "Results (2)" in text_of(table) and "61.2%" in table
    assert "&lt;b&gt;9&lt;/b&gt;" in table and "<b>9</b>" not in table
    assert "the paper's own system" in table.replace("&#x27;", "'")
    for entity in ("method/gpt-4", "dataset/chartqa", "metric/accuracy"):
        page = pages[page_path(entity)]
        assert 'id="results"' in page and "61.2%" in page, entity
    assert "higher is better · unit %" in text_of(pages[page_path("metric/accuracy")])
    assert 'id="results"' not in pages[page_path("method/llama-2")]


def test_every_entity_type_gets_pages():
    G = view_graph()
    for kind in ENTITY_TYPES:
        G.add_node(f"{kind}/extra", type=kind, label=f"Extra {kind}", aliases=[], paper_count=0)
    pages = dict(site_pages(G))
    for kind in ENTITY_TYPES.values():
        assert f"Extra {kind.name}" in pages[page_path(f"{kind.name}/extra")]
        assert f'<section id="{kind.name}">' in pages["index.html"]


def test_build_writes_the_site_and_the_index_links_it(built):
    assert (built / "site" / "index.html").is_file() and (built / "search-index.js").is_file()
    index = (built / "index.html").read_text(encoding="utf-8")
    assert 'href="site/index.html"' in index
    overview = (built / "graph.html").read_text(encoding="utf-8")
    assert 'href="site/index.html"' in overview  # in the views' navigation


def test_kg_report_links_the_report_from_the_index(built, tmp_path):
    import shutil

    out = tmp_path / "out"
    shutil.copytree(built, out)
    assert "report/report.html" not in (out / "index.html").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(out)])
    assert result.exit_code == 0, result.output
    assert f"updated {out / 'index.html'}" in result.output
    assert 'href="report/report.html"' in (out / "index.html").read_text(encoding="utf-8")


def test_above_the_bound_there_are_entity_pages_only(monkeypatch):
    from kg.views.page import search_index

    monkeypatch.setattr(kg.site, "PAPER_PAGES_MAX", 3)  # view_graph has 4 papers
    G = view_graph()
    pages = dict(site_pages(G))
    assert not [name for name in pages if name.startswith("paper/")]
    assert {page_path(n) for n, t in G.nodes(data="type") if t != "paper"} <= set(pages)
    for name, page in pages.items():
        assert "paper/" not in " ".join(parse(page).links), name
    chartqa = text_of(pages[page_path("dataset/chartqa")])
    assert "Small models read charts too" in chartqa and "We prompt GPT-4 on ChartQA" in chartqa
    assert "No page per paper: 4 papers are more than 3." in text_of(pages["index.html"])
    assert {p[4] for p in search_index(G)["p"]} == {None}
