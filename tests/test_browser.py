"""The views in a real browser: headless Chromium (Debian's /usr/bin/chromium) via Playwright.

One browser per session. Skipped with a reason when Chromium is missing, except under
CI=true, where that is a failure (.ci/run installs it).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import CHROMIUM_MISSING, chromium_note
from test_views import EVIL, EVIL_METHOD, EVIL_TITLE, compared_graph, star_graph, view_graph

import kg.views.select
from kg.build import write_outputs
from kg.site import page_path
from kg.views import write_views
from kg.views.select import drawn_entity_types

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {CHROMIUM} is missing (.ci/run installs chromium)")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
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
    write_outputs(G, out, formats=["site", "html", "graph-json"])
    write_views(G, out, focus_on=["GPT-4", EVIL_METHOD], depth=1)
    return out


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("big")
    write_views(star_graph(600, 100), out, max_nodes=60)
    return out


@pytest.fixture(scope="module")
def backbone_site(tmp_path_factory) -> Path:
    """An overview of 200 entities drawn as a big view (a backbone of edges, lazy labels)."""
    out = tmp_path_factory.mktemp("backbone")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kg.views.select, "BIG_VIEW", 50)
        write_views(compared_graph(600, 200), out, max_nodes=200, full_view=False)
    return out


def test_a_missing_chromium_is_said_at_the_end_of_the_run():
    reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    assert CHROMIUM_MISSING in reason.lower()
    note = chromium_note([("test_browser.py", 1, f"Skipped: {reason}")] * 3 + ["other"])
    assert note.startswith("3 browser test(s) SKIPPED: Chromium is not installed")
    assert chromium_note(["Skipped: shared corpus not found"]) is None


class Tab:
    """The one browser tab the tests share (a new page costs ~0.5 s): `open` loads a page and
    starts a fresh record of every console error, page error, failed or non-file request."""

    def __init__(self, browser):
        self.page = browser.new_page(viewport={"width": 1300, "height": 850})
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(m.text))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        self.page.on("request", lambda r: r.url.startswith(("file:", "data:", "blob:"))
                     or self.problems.append(f"request: {r.url}"))

    def open(self, path: Path) -> Tab:
        self.page.goto("about:blank")  # a full load even when only the #fragment would change
        self.problems.clear()
        self.page.goto(path.as_uri())
        if path.name != "index.html":
            self.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=15_000)
        return self

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


@pytest.fixture(scope="session")
def tab(browser):
    tab = Tab(browser)
    yield tab
    tab.page.close()


@pytest.fixture
def open_page(tab):
    """Load a page into the shared tab; a test reads one page at a time."""
    return tab.open


def test_every_page_loads_offline_without_errors(open_page, site):
    pages = [p for p in sorted(site.rglob("*.html")) if "site" not in p.relative_to(site).parts]
    assert len(pages) == 6
    for path in pages:
        page = open_page(path)
        assert page.problems == [], path
        assert page.js("window.__xss") is None


def test_overview_draws_entities_joined_by_co_usage(open_page, site):
    G = view_graph()
    page = open_page(site / "graph.html")
    entities = sorted(n for n, t in G.nodes(data="type") if t in drawn_entity_types())
    assert sorted(page.js("kgView.nodes.getIds()")) == entities
    edges = page.js("kgView.edges.get().map(e => [e.from, e.to].sort().join(' '))")
    assert "dataset/chartqa method/gpt-4" in edges and "dataset/chartqa method/llama-2" in edges
    assert page.page.is_hidden("#note")
    # Modalities are a filter and badges, not nodes: image papers use all but GPT-4 and
    # the accuracy the text-only paper p1 reports.
    page.page.select_option("#facet", label="image")
    assert sorted(page.js("kgView.nodes.get({filter: n => n.hidden}).map(n => n.id)")) == [
        "method/gpt-4", "metric/accuracy"]
    assert page.page.inner_text("#counts").startswith("3 entities")
    page.page.fill("#search", "chartqa")
    page.page.keyboard.press("Enter")
    assert "Modalities: image 2" in page.details()


def test_full_view_draws_every_node_and_edge(open_page, site):
    G = view_graph()
    page = open_page(site / "views" / "full.html")
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


def test_search_reaches_a_paper_the_view_does_not_draw(open_page, site):
    page = open_page(site / "graph.html")
    assert "paper/p2" not in page.js("kgView.nodes.getIds()")
    page.page.fill("#search", "small models read")
    first = page.page.inner_text("#search-results li:first-child")
    assert first.startswith("Small models read charts too") and "not drawn yet" in first
    page.page.keyboard.press("Enter")
    text = page.details()
    assert text.startswith("Small models read charts too") and "Llama 2" in text
    assert page.js("kgView.network.getSelectedNodes()") == ["paper/p2"]
    # Drawn beside the entities it links to, joined to them.
    joined = page.js("kgView.edges.get().filter(e => e.from === 'paper/p2').map(e => e.to).sort()")
    assert joined == ["dataset/chartqa", "method/llama-2"]
    assert page.problems == []


def test_hover_fades_all_but_the_neighbourhood(open_page, site):
    page = open_page(site / "graph.html")
    drawn = """() => {  // what vis-network draws: node opacity and label colour, edge opacity
        const body = kgView.network.body;
        return [Object.keys(body.nodes).filter(id => body.nodes[id].options.opacity < 1).sort(),
                Object.keys(body.nodes).map(id => body.nodes[id].labelModule.lines[0].blocks[0]
                                                  .color).sort(),
                Object.keys(body.edges).map(id => body.edges[id].options.color.opacity).sort()];
    }"""
    before = page.js(drawn)
    page.js("kgView.fade('method/gpt-4')")
    faded, labels, edges = page.js(drawn)
    assert faded == ["method/evil"]  # shares no paper with GPT-4
    assert labels.count("rgba(0,0,0,0.2)") == 1 and len(set(labels)) == 2
    # GPT-4's 3 edges (ChartQA, Llama 2 and the accuracy of its results) stand out; the
    # other 4 fade.
    assert edges == [0.05, 0.05, 0.05, 0.05, 0.9, 0.9, 0.9]
    page.js("kgView.unfade()")
    assert page.js(drawn) == before and before[0] == []


def test_search_in_the_full_view_finds_aliases(open_page, site):
    page = open_page(site / "views" / "full.html")
    page.page.fill("#search", "llama-2")
    first = page.page.inner_text("#search-results li:first-child")
    assert first.startswith("Llama 2") and "alias LLaMA-2" in first
    page.page.keyboard.press("Enter")
    assert page.details().startswith("Llama 2")
    assert page.js("kgView.network.getSelectedNodes()") == ["method/llama-2"]


def test_clicking_a_paper_shows_it_with_evidence_highlighted(open_page, site):
    page = open_page(site / "views" / "full.html")
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
    page = open_page(site / "views" / "full.html")
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
    page = open_page(site / "views" / "full.html")
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
    # An entity's focus is its neighbourhood among entities, not a starburst of papers.
    assert page.js("kgView.nodes.getIds().sort()") == ["dataset/chartqa", "method/gpt-4",
                                                       "method/llama-2", "metric/accuracy"]


def test_type_filter_hides_nodes(open_page, site):
    page = open_page(site / "views" / "full.html")
    page.page.uncheck("input[data-kind='type'][value='paper']")
    hidden = page.js("kgView.nodes.get({filter: n => n.hidden}).map(n => n.id).sort()")
    assert hidden == ["paper/p1", "paper/p2", "paper/p3", "paper/p4"]
    assert page.page.inner_text("#counts").startswith("6 nodes")
    page.page.uncheck("input[data-kind='relation'][value='usesDataset']")
    hidden = page.js("kgView.edges.get({filter: e => e.hidden}).map(e => [e.from, e.to]).sort()")
    G = view_graph()
    assert hidden == sorted([u, v] for u, v, k in G.edges(keys=True) if k == "usesDataset")


def test_hostile_names_neither_run_nor_break_the_page(open_page, site):
    overview = open_page(site / "graph.html")
    overview.page.fill("#search", "<script>")
    overview.page.keyboard.press("Enter")
    assert overview.details().startswith(EVIL_METHOD)
    overview.page.fill("#search", "quotes")
    overview.page.keyboard.press("Enter")
    assert overview.details().startswith(EVIL_TITLE)
    assert overview.js("window.__xss") is None and overview.problems == []
    page = open_page(site / "views" / "full.html")
    assert page.js("kgView.nodes.length") == 10  # with the metric of the results
    page.click_node("paper/p3")
    assert page.details().startswith(EVIL_TITLE)
    # Only http(s) URLs become links; a javascript: URL is not shown as one.
    hrefs = page.js("Array.from(document.querySelectorAll('#details-body a'), a => a.href)")
    assert hrefs == [(site / "site" / "paper" / "p3.html").as_uri(),  # the paper's page
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


LABEL_BOXES = """() => {
  const net = kgView.network, scale = net.getScale();
  const box = document.getElementById('graph').getBoundingClientRect();
  const ids = kgView.nodes.get({fields: ['id', 'size']}).sort((a, b) => b.size - a.size)
      .slice(0, 30).map(n => n.id);
  return ids.map(id => {
    const lab = net.body.nodes[id].labelModule;
    const a = net.canvasToDOM({x: lab.size.left, y: lab.size.top});
    const b = net.canvasToDOM({x: lab.size.left + lab.size.width,
                               y: lab.size.top + lab.size.height});
    return {id, px: lab.fontOptions.size * scale, left: a.x, top: a.y, right: b.x, bottom: b.y,
            width: box.width, height: box.height, text: lab.lines.length};
  });
}"""


@pytest.mark.corpus
def test_corpus_overview_labels_its_30_largest_entities_legibly(open_page, corpus_build):
    corpus_views = corpus_build.out
    page = open_page(corpus_views / "graph.html")
    boxes = page.js(LABEL_BOXES)
    assert len(boxes) == 30
    for box in boxes:
        assert box["px"] >= 8, box  # drawn (vis hides labels under 7 px) and legible
        assert 0 <= box["left"] and box["right"] <= box["width"], box
        assert 0 <= box["top"] and box["bottom"] <= box["height"], box
    overlapping = [(a["id"], b["id"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a["left"] < b["right"] and b["left"] < a["right"]
                   and a["top"] < b["bottom"] and b["top"] < a["bottom"]]
    assert overlapping == []
    # The page carries what it draws, not every link of the build.
    assert (corpus_views / "graph.html").stat().st_size < 2_000_000


def test_big_overview_says_what_it_left_out(open_page, big_site):
    pages = sorted(big_site.rglob("*.html"))
    assert len(pages) == 4
    for path in pages:
        page = open_page(path)
        assert page.problems == [] and page.js("window.__xss") is None, path
        if path.name == "graph.html":
            assert page.js("kgView.nodes.length") == 60  # entities only, the 60 in most papers
            note = page.page.inner_text("#note")
            assert page.page.is_visible("#note") and "the 60 entities in most papers of 100" in note
        elif path.name == "full.html":
            assert page.js("kgView.nodes.length") == 700  # the full view has every paper


UNLABELLED = """() => {  // entities without a label: [id, on-screen font px, in the view]
  const net = kgView.network, scale = net.getScale();
  const box = net.body.container.getBoundingClientRect();
  return kgView.nodes.get().filter(n => n.label === undefined).map(n => {
    const p = net.canvasToDOM(net.getPosition(n.id));
    const shown = p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height;
    return [n.id, n.font.size * scale, shown];
  });
}"""


def test_a_big_view_draws_a_backbone_and_labels_entities_as_you_zoom(open_page, backbone_site):
    page = open_page(backbone_site / "graph.html")
    assert page.problems == []
    legend = page.page.inner_text("#backbone")
    assert legend.startswith("Big view: each entity keeps its 2 strongest co-usage edges")
    assert f"({page.js('kgView.edges.length'):,} of " in legend
    assert page.js("kgView.edges.get().filter(e => e.arrows).length") == 0  # no arrowheads
    # Labels too small to be drawn are not given yet (vis-network would lay them all out) ...
    unlabelled = page.js(UNLABELLED)
    assert unlabelled and all(px < 5 or not shown for _, px, shown in unlabelled)
    # ... and come when zoomed in on them.
    node = unlabelled[0][0]
    page.js("id => { kgView.network.moveTo({position: kgView.network.getPosition(id), scale: 2});"
            " kgView.labelInView(); }", node)
    assert node not in {n for n, *_ in page.js(UNLABELLED)}
    assert all(px < 5 or not shown for _, px, shown in page.js(UNLABELLED))
    page.click_node(node)
    assert page.details().startswith(page.js("id => kgView.nodes.get(id).label", node))
    assert "drawn; more on its page" in page.details() and page.problems == []


# ------------------------------------------------------------------ entity pages (site/)


def test_every_entity_page_loads_offline_and_its_links_resolve(open_page, site):
    pages = sorted((site / "site").rglob("*.html"))
    assert len(pages) == 1 + view_graph().number_of_nodes()
    for path in pages:
        page = open_page(path)
        assert page.problems == [] and page.js("window.__xss") is None, path
        hrefs = page.js("Array.from(document.querySelectorAll('a[href]'), a => a.href)")
        for href in hrefs:
            if href.startswith("file:"):
                target = Path(unquote(urlsplit(href).path))
                assert target.is_file(), (path, href)
            else:
                assert href.startswith(("http://", "https://")), (path, href)


def test_entity_page_search_goes_to_the_page(open_page, site):
    page = open_page(site / "site" / "index.html")
    page.page.fill("#search", "llama-2")
    first = page.page.inner_text("#search-results li:first-child")
    assert first.startswith("Llama 2") and "Method · 2 papers · alias LLaMA-2" in first
    page.page.keyboard.press("Enter")
    page.page.wait_for_url("**/site/method/llama-2.html")
    assert page.page.inner_text("h1") == "Llama 2"
    # From an entity page, search reaches a paper; hostile names stay text.
    page.page.fill("#search", "<script>")
    first = page.page.inner_text("#search-results li:first-child")
    assert first.startswith(EVIL_METHOD)
    page.page.keyboard.press("Enter")
    page.page.wait_for_url(f"**/site/{page_path('method/evil')}")
    assert page.page.inner_text("h1") == EVIL_METHOD
    page.page.fill("#search", "quotes")
    assert page.page.inner_text("#search-results li:first-child").startswith(EVIL_TITLE[:80])
    page.page.keyboard.press("Enter")
    page.page.wait_for_url(f"**/site/{page_path('paper/p3')}")
    assert page.page.inner_text("h1") == EVIL_TITLE
    assert page.js("window.__xss") is None and page.problems == []
    page.page.fill("#search", "nothing is called this")
    page.page.wait_for_selector("#search-results li.empty")  # once the index has loaded
    assert page.page.inner_text("#search-results") == (
        "No entity or paper of this build is called that.")


def test_index_tables_sort_by_a_clicked_column(open_page, site):
    page = open_page(site / "site" / "index.html")
    names = ("Array.from(document.querySelectorAll('#method tbody tr td:first-child'),"
             " td => td.textContent)")
    assert page.js(names)[0] == "Llama 2"  # most papers first
    page.page.click("#method th:has-text('Name')")
    assert page.js(names) == sorted(page.js(names), key=str.lower)
    page.page.click("#method th:has-text('Name')")
    assert page.js(names) == sorted(page.js(names), key=str.lower, reverse=True)
    page.page.click("#papers th:has-text('Date')")
    dates = page.js("Array.from(document.querySelectorAll('#papers tbody tr td:nth-child(2)'),"
                    " td => td.getAttribute('data-v'))")
    assert dates == sorted(dates)


def test_views_without_a_site_link_no_page(open_page, tmp_path):
    write_views(view_graph(), tmp_path, site=False)  # as `kg view DIR --out ELSEWHERE` without one
    page = open_page(tmp_path / "graph.html")
    for query in ("chartqa", "chart questions"):  # an entity drawn, a paper from search-index.js
        page.page.fill("#search", query)
        page.page.keyboard.press("Enter")
        assert page.details()
        assert page.js("document.querySelectorAll('#details-body a').length") == 0, query
    assert page.js("document.querySelectorAll('a[href*=\"site/\"]').length") == 0
    assert page.problems == []


def test_views_and_entity_pages_link_both_ways(open_page, site):
    page = open_page(site / "graph.html")
    page.page.fill("#search", "chartqa")
    page.page.keyboard.press("Enter")
    page.details()
    page.page.click("#details-body a.page-link")
    page.page.wait_for_url("**/site/dataset/chartqa.html")
    assert page.page.inner_text("h1") == "ChartQA"
    page.page.click("a.view-link")
    page.page.wait_for_url("**/graph.html#dataset%2Fchartqa")
    page.page.wait_for_selector("#details-body[data-node='dataset/chartqa']", state="attached")
    assert page.problems == []
    # The full view's details link to the pages too.
    full = open_page(site / "views" / "full.html")
    full.click_node("paper/p1")
    full.details()
    full.page.click("#details-body a.page-link")
    full.page.wait_for_url("**/site/paper/p1.html")
    assert full.page.inner_text("h1") == "Tuning GPT-4 for chart questions"
    assert full.problems == []
