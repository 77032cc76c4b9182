"""The views in a real browser: headless Chromium (Debian's /usr/bin/chromium) via Playwright.

One browser per session. Skipped with a reason when Chromium is missing, except under
CI=true, where that is a failure (.ci/run installs it).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_views import EVIL, EVIL_METHOD, EVIL_TITLE, star_graph, view_graph

from kg.build import write_outputs
from kg.views import write_views

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {CHROMIUM} is missing (.ci/run installs chromium)")
        pytest.skip(f"{CHROMIUM} not found (apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """What `kg build` writes for view_graph(), plus focus views made with `kg view`."""
    out = tmp_path_factory.mktemp("site") / "out"
    G = view_graph()
    write_outputs(G, out, formats=["html", "graph-json"])
    write_views(G, out, focus_on=["GPT-4", EVIL_METHOD], depth=1)
    return out


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("big")
    write_views(star_graph(600, 100), out, max_nodes=150)
    return out


class Page:
    """A page plus every console error, page error, failed or non-file request it caused."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1300, "height": 850})
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(m.text))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        self.page.on("request", lambda r: r.url.startswith(("file:", "data:", "blob:"))
                     or self.problems.append(f"request: {r.url}"))
        self.page.goto(path.as_uri())
        if path.name != "index.html":
            self.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=15_000)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def click_node(self, node_id: str) -> None:
        x, y = self.js("""id => {
            const p = kgView.network.canvasToDOM(kgView.network.getPosition(id));
            const box = document.getElementById('graph').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""", node_id)
        self.page.mouse.click(x, y)

    def details(self) -> str:
        self.page.wait_for_selector("#details:not([hidden])", timeout=5_000)
        return self.page.inner_text("#details-body")

    def marks(self, selector: str) -> list[str]:
        return self.js(f"Array.from(document.querySelectorAll('{selector} mark'), "
                       "m => m.textContent)")


@pytest.fixture
def open_page(browser):
    pages = []

    def opener(path: Path) -> Page:
        pages.append(Page(browser, path))
        return pages[-1]

    yield opener
    for page in pages:
        page.page.close()


def test_every_page_loads_offline_without_errors(open_page, site, big_site):
    pages = sorted(site.rglob("*.html")) + sorted(big_site.rglob("*.html"))
    assert len(pages) == 9
    for path in pages:
        page = open_page(path)
        assert page.problems == [], path
        assert page.js("window.__xss") is None


def test_overview_draws_every_node_and_edge(open_page, site):
    G = view_graph()
    page = open_page(site / "graph.html")
    assert page.js("kgView.nodes.length") == G.number_of_nodes()
    assert page.js("kgView.edges.length") == G.number_of_edges()
    assert page.page.inner_text("#counts") == (f"{G.number_of_nodes()} nodes · "
                                               f"{G.number_of_edges()} edges shown")
    assert page.page.is_hidden("#note")


def test_search_by_alias_focuses_the_node(open_page, site):
    page = open_page(site / "graph.html")
    page.page.fill("#search", "llama-2")
    first = page.page.inner_text("#search-results li:first-child")
    assert first.startswith("Llama 2") and "alias LLaMA-2" in first
    page.page.keyboard.press("Enter")
    assert page.details().startswith("Llama 2")
    assert page.js("kgView.network.getSelectedNodes()") == ["method/llama-2"]


def test_clicking_a_paper_shows_it_with_evidence_highlighted(open_page, site):
    page = open_page(site / "graph.html")
    page.click_node("paper/p1")
    text = page.details()
    assert text.startswith("Tuning GPT-4 for chart questions")
    assert "2024-03-18" in text and "day1.txt:3" in text
    assert sorted(page.marks("#details-body .abstract")) == ["ChartQA", "GPT-4", "Llama 2",
                                                             "accuracy"]
    assert page.marks("#details-body h2") == ["GPT-4"]
    for heading in ("uses method (1)", "uses dataset (1)", "compares with (1)"):
        assert heading in text
    assert page.problems == []


def test_clicking_an_entity_shows_its_papers_and_evidence_sentences(open_page, site):
    page = open_page(site / "graph.html")
    page.click_node("dataset/chartqa")
    text = page.details()
    assert text.startswith("ChartQA") and "Papers (3)" in text
    assert "We prompt GPT-4 on ChartQA." in text
    assert page.marks("#details-body li .sentence") == ["ChartQA"] * 3
    # Links in the panel lead on to the paper.
    page.page.click("#details-body button.link >> text=Small models read charts too")
    text = page.details()
    assert text.startswith("Small models read charts too")
    assert "Date: Mar 19 (year not given)" in text  # "--03-19": a listing date, no year


def test_papers_methods_and_datasets_show_their_results(open_page, site):
    page = open_page(site / "graph.html")
    page.click_node("paper/p1")
    text = page.details()
    assert "Results (2)" in text
    rows = page.js("Array.from(document.querySelectorAll('#details-body table.results tbody "
                   "tr:not(.evidence)'), r => Array.from(r.cells, c => c.innerText.trim()))")
    assert rows == [["GPT-4 (ours)", "ChartQA", "Accuracy", "81.5%"],
                    ["Llama 2", "ChartQA", "Accuracy", "77.5%"]]
    # Each row's sentence follows it, the value highlighted.
    assert page.marks("#details-body table.results") == ["81.5%", "77.5%"]
    page.click_node("method/llama-2")
    text = page.details()
    assert "Results (1)" in text and "77.5%" in text
    page.click_node("dataset/chartqa")
    assert "Results (2)" in page.details()
    # Names in the table lead on to their nodes.
    page.page.click("#details-body table.results button.link >> text=GPT-4")
    assert page.details().startswith("GPT-4")
    assert page.problems == []


def test_focus_view_opens_on_its_node(open_page, site):
    page = open_page(site / "views" / "focus-gpt-4.html")
    assert page.details().startswith("GPT-4")
    assert page.js("kgView.network.getSelectedNodes()") == ["method/gpt-4"]
    assert page.js("kgView.nodes.getIds().sort()") == ["method/gpt-4", "paper/p1"]


def test_type_filter_hides_nodes(open_page, site):
    page = open_page(site / "graph.html")
    page.page.uncheck("input[data-kind='type'][value='paper']")
    hidden = page.js("kgView.nodes.get({filter: n => n.hidden}).map(n => n.id).sort()")
    assert hidden == ["paper/p1", "paper/p2", "paper/p3", "paper/p4"]
    assert page.page.inner_text("#counts").startswith("6 nodes")
    page.page.uncheck("input[data-kind='relation'][value='usesDataset']")
    hidden = page.js("kgView.edges.get({filter: e => e.hidden}).map(e => [e.from, e.to]).sort()")
    G = view_graph()
    assert hidden == sorted([u, v] for u, v, k in G.edges(keys=True) if k == "usesDataset")


def test_hostile_names_neither_run_nor_break_the_page(open_page, site):
    page = open_page(site / "graph.html")
    assert page.js("kgView.nodes.length") == 10
    page.click_node("paper/p3")
    assert page.details().startswith(EVIL_TITLE)
    # Only http(s) URLs become links; a javascript: URL is not shown as one.
    assert page.js("Array.from(document.querySelectorAll('#details-body a'), a => a.href)") == [
        'https://example.org/p3?a=1&b=%222%22']
    assert page.marks("#details-body .abstract")[0] == EVIL_METHOD
    page.page.fill("#search", "<script>")
    page.page.keyboard.press("Enter")
    text = page.details()
    assert text.startswith(EVIL_METHOD) and EVIL in text
    page.page.mouse.move(5, 5)
    page.js("kgView.network.fit()")
    x, y = page.js("""() => {
        const p = kgView.network.canvasToDOM(kgView.network.getPosition('method/evil'));
        const box = document.getElementById('graph').getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }""")
    page.page.mouse.move(x, y)
    page.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    assert page.page.inner_text("div.vis-tooltip").startswith(EVIL_METHOD)
    assert page.js("window.__xss") is None and page.problems == []
    focus_page = open_page(site / "views" / "focus-b-onmouseover-window-xss-3-evil-b-net-v2.html")
    assert focus_page.js("document.title") == f"papers-kg: {EVIL_METHOD} (depth 1)"
    assert focus_page.details().startswith(EVIL_METHOD)  # opens on the focus node
    assert focus_page.js("window.__xss") is None and focus_page.problems == []


def test_big_overview_says_what_it_left_out(open_page, big_site):
    page = open_page(big_site / "graph.html")
    assert page.js("kgView.nodes.length") == 150
    note = page.page.inner_text("#note")
    assert page.page.is_visible("#note") and "Left out" in note and "600 papers" in note
    full = open_page(big_site / "views" / "full.html")
    assert full.js("kgView.nodes.length") == 700
