"""The entity-page site: one static page per entity and per paper, and an index.

``site_pages(G)`` yields ``(path, text)`` for every file of the site (pure: no I/O);
``write_site(G, site_dir)`` writes them::

    site/index.html           a sortable table per entity type and of the papers; search
    site/<type>/<slug>.html   a method, dataset, modality, task or metric: its aliases, the
                              papers that use / propose / compare with it (each with the
                              evidence sentence), the entities used with it, its results
    site/paper/<slug>.html    a paper: abstract with its links marked, every link with its
                              evidence, its results
    site/site.css, site.js    shared by every page (sorting, search)

A rebuild writes only the pages whose content may have changed: :func:`page_digests`
gives each page a digest of everything it shows (from the node digests of
:func:`kg.export.blocks.node_digests`), and ``write_site(..., pages=PageReuse(...))``
hard-links a page whose digest is the one the previous build recorded from that build
instead of making it again (the same bytes: a page depends on nothing else).

Paths come from :func:`kg.site.page_path`. Every input string is HTML-escaped; the
only script is ``site.js``, which sorts tables and searches ``../search-index.js``
(written with the views) and puts input strings into the DOM as text only. No page
refers to a remote resource: links to a paper's own URL spell the scheme's first
letter as a character reference, as the views do.
"""

from __future__ import annotations

import hashlib
import html
import marshal
import os
import re
import shutil
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import quote

import networkx as nx

import kg.site
from kg.dates import readable_date
from kg.errors import ExportError
from kg.schema import ENTITY_TYPES, PAPER, node_types, relations, relations_to
from kg.site import page_path, writes_paper_pages

__all__ = ["site_pages", "write_site", "SiteIndex", "PageReuse", "page_digests",
           "PAPERS_PER_SECTION", "INDEX_ROWS"]

PAPERS_PER_SECTION = 500  # papers listed per relation on an entity page (the rest counted)
INDEX_ROWS = 2000  # rows per table on the index (the entities in most papers; search has all)
CO_USED = 12  # entities of each type listed as "most used with"
EVIDENCE_PER_PAPER = 2  # evidence sentences per paper on an entity page (the paper's page has all)
ASSETS = ("site.css", "site.js")


# ------------------------------------------------------------------ the data, once


@dataclass
class SiteIndex:
    """Everything the pages need, gathered from the graph in one pass."""

    G: nx.MultiDiGraph
    # entity -> relation -> [(paper, edge data)]
    incoming: dict[str, dict[str, list[tuple[str, dict]]]] = field(default_factory=dict)
    co_used: dict[str, Counter] = field(default_factory=dict)  # entity -> other -> papers
    compared: dict[str, Counter] = field(default_factory=dict)  # proposed -> baseline -> papers
    compared_by: dict[str, Counter] = field(default_factory=dict)  # baseline -> proposed
    results: dict[str, list[tuple[str, dict]]] = field(default_factory=dict)  # node -> results
    paper_pages: bool = True  # False above PAPER_PAGES_MAX papers: papers are not linked
    overview: bool = True  # False when no graph views are written beside: none is linked

    @classmethod
    def of(cls, G: nx.MultiDiGraph, *, overview: bool = True,
           pages_of: set[str] | None = None) -> SiteIndex:
        """The index of ``G``; ``pages_of``: only the entities whose pages will be made
        need what is used and compared with them (None: every entity)."""
        index = cls(G, paper_pages=writes_paper_pages(G), overview=overview)
        incoming: dict = defaultdict(lambda: defaultdict(list))
        co_used: dict = defaultdict(Counter)
        compared: dict = defaultdict(Counter)
        compared_by: dict = defaultdict(Counter)
        results: dict = defaultdict(list)
        succ = G._succ  # G.out_edges in its order, without the views' cost
        for paper, data in G.nodes(data=True):
            if data.get("type") != PAPER.name:
                continue
            linked, proposed, baselines = set(), set(), set()
            for entity, key, edge in ((entity, key, edge)
                                      for entity, keyed in succ[paper].items()
                                      for key, edge in keyed.items()):
                relation = edge.get("relation", key)
                incoming[entity][relation].append((paper, edge))
                linked.add(entity)
                if relation == "proposes":
                    proposed.add(entity)
                elif relation == "comparesWith":
                    baselines.add(entity)
            for a in linked if pages_of is None else linked & pages_of:
                for b in linked:
                    if a != b:
                        co_used[a][b] += 1
            for a in proposed:
                for b in baselines - {a}:
                    if pages_of is None or a in pages_of:
                        compared[a][b] += 1
                    if pages_of is None or b in pages_of:
                        compared_by[b][a] += 1
            for result in data.get("results") or ():
                for role in ("method", "dataset", "metric"):
                    if result.get(role):
                        results[result[role]].append((paper, result))
        index.incoming, index.co_used = incoming, co_used
        index.compared, index.compared_by, index.results = compared, compared_by, results
        return index

    def label(self, node: str | None) -> str:
        if node is None:
            return ""
        return str(self.G._node[node].get("label") or node) if node in self.G._node else node

    def papers_of(self, entity: str) -> int:
        data = self.G._node[entity]
        return int(data.get("paper_count") or len({p for rel in self.incoming.get(entity, {})
                                                    .values() for p, _ in rel}))


# ------------------------------------------------------------------ HTML pieces

_SCHEME = re.compile(r"([hH])(?=[tT][tT][pP][sS]?:)")


def esc(text) -> str:
    """HTML-escaped text, a URL scheme's first letter as a character reference.

    >>> esc('<a href="https://x">')
    '&lt;a href=&quot;&#104;ttps://x&quot;&gt;'
    """
    if type(text) is str and len(text) <= _ESCAPED_MAX:
        found = _ESCAPED.get(text)
        if found is None:
            found = _ESCAPED[text] = _escape(text)
        return found
    return _escape(str(text))


def _escape(text: str) -> str:
    text = html.escape(text)
    return _SCHEME.sub(lambda m: f"&#{ord(m.group(1))};", text) if ":" in text else text


# The site escapes the same labels, titles, dates and links over and over (2,000 papers:
# 690,000 calls, 53,000 distinct texts): each short text is escaped once while
# site_pages runs (cleared after it, as _page_of).
_ESCAPED: dict[str, str] = {}
_ESCAPED_MAX = 200


def _href(from_page: str, to_page: str) -> str:
    """``to_page`` relative to ``from_page`` (both relative to the site folder).

    >>> _href("method/a.html", "paper/b.html"), _href("index.html", "method/a.html")
    ('../paper/b.html', 'method/a.html')
    """
    return esc("../" * from_page.count("/") + to_page)


@cache
def _page_of(node: str) -> str:
    return page_path(node)  # memoised while site_pages runs (a node is linked many times)


def _link(page: str, node: str, text: str) -> str:
    key = (page.count("/"), node, text)  # a link depends on the page's depth, not its name
    found = _LINKS.get(key)
    if found is None:
        found = _LINKS[key] = f'<a href="{_href(page, _page_of(node))}">{esc(text)}</a>'
    return found


_LINKS: dict[tuple[int, str, str], str] = {}  # made once each while site_pages runs


def _paper_link(index: SiteIndex, page: str, paper: str, text: str) -> str:
    """A paper's title, linked to its page when the site has paper pages."""
    if index.paper_pages:
        return _link(page, paper, text)
    return f'<span class="paper">{esc(text)}</span>'



def _inverse(relation) -> str:
    return relation.inverse or f"{relation.title} (by papers)"


def _distinct_aliases(label: str, aliases: Iterable[str]) -> list[str]:
    """Aliases that differ from the label and from each other by more than case.

    >>> _distinct_aliases("BERT", ["bert", "Bert-base", "BERT-base", "BERTs"])
    ['Bert-base', 'BERTs']
    """
    seen = {label.casefold()}
    kept = []
    for alias in aliases:
        if alias.casefold() not in seen:
            seen.add(alias.casefold())
            kept.append(alias)
    return kept


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def marked_sentence(sentence: str, text: str) -> str:
    """The evidence sentence, escaped, with the matched text marked (first occurrence, any case).

    >>> marked_sentence("We use <GPT-4> here.", "<gpt-4>")
    'We use <mark>&lt;GPT-4&gt;</mark> here.'
    """
    folded = sentence.casefold()
    at = folded.find(text.casefold()) if text else -1
    if at < 0 or len(folded) != len(sentence):
        at = sentence.find(text) if text else -1
    if at < 0:
        return esc(sentence)
    end = at + len(text)
    return f"{esc(sentence[:at])}<mark>{esc(sentence[at:end])}</mark>{esc(sentence[end:])}"


def marked_text(text: str, spans: Iterable[tuple[int, int, str, str]], page: str) -> str:
    """``text`` escaped, each (start, end, node, relation) span a marked link to the node's page.

    Overlapping spans keep the first (longest at a start).

    >>> marked_text("Use BERT now", [(4, 8, "method/bert", "usesMethod")], "paper/p.html")
    'Use <mark class="rel-usesMethod"><a href="../method/bert.html">BERT</a></mark> now'
    """
    out, at = [], 0
    for start, end, node, relation in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < at or not (0 <= start < end <= len(text)):
            continue
        out.append(esc(text[at:start]))
        out.append(f'<mark class="rel-{esc(relation)}">'
                   f'<a href="{_href(page, _page_of(node))}">{esc(text[start:end])}</a></mark>')
        at = end
    out.append(esc(text[at:]))
    return "".join(out)


def _evidence_items(evidence: list[dict], limit: int | None = None) -> str:
    seen, items = set(), []
    for ev in evidence:
        if limit is not None and len(items) == limit:
            break
        sentence = ev.get("sentence") or ""
        if not sentence or sentence in seen:
            continue
        seen.add(sentence)
        made = _QUOTES.get(id(ev))
        if made is None or made[0] is not ev:
            rule = ev.get("rule") or ""
            made = _QUOTES[id(ev)] = (ev, (
                f'<blockquote>{marked_sentence(sentence, ev.get("text") or "")}'
                f'<small class="rule">{esc(ev.get("field") or "")} · {esc(rule)}</small>'
                "</blockquote>"))
        items.append(made[1])
    return "".join(items)


# A piece of evidence is quoted on its paper's page and on its entity's: made once each
# while site_pages runs, keyed by the evidence dict itself (kept, so its id stays its own).
_QUOTES: dict[int, tuple[dict, str]] = {}


def _date(value) -> str:
    return f'<span class="date">{esc(readable_date(value))}</span>' if value else ""


def _safe_url(url: str) -> str | None:
    return url if re.match(r"(?i)^https?://", url or "") else None


@cache
def _asset(name: str) -> str:
    return resources.files("kg.site").joinpath("templates", name).read_text(encoding="utf-8")


def _page(page: str, title: str, body: str, *, kind: str, overview: bool) -> str:
    root = _href(page, "index.html").removesuffix("index.html")
    views = (f'<a href="{root}../graph.html">Graph overview</a>'
             f'<a href="{root}../index.html">All views</a>' if overview else "")
    return _asset("page.html").replace("{{ROOT}}", root).replace("{{KIND}}", esc(kind)).replace(
        "{{OVERVIEW}}", "1" if overview else "").replace("{{VIEWS_NAV}}", views).replace(
        "{{TITLE}}", esc(title)).replace("{{BODY}}", body)


def _overview_link(page: str, node: str) -> str:
    # The overview opens on the node named after '#' (drawing a paper when it is not drawn).
    href = _href(page, "../graph.html") + "#" + esc(quote(node, safe=""))
    return f'<a class="view-link" href="{href}">Show in the graph overview</a>'


# ------------------------------------------------------------------ results tables


def _number(result: dict) -> str:
    value = str(result.get("value", ""))
    unit = result.get("unit") or ""
    return esc(value + ("" if unit in ("", None) else unit if unit == "%" else f" {unit}"))


def _results_table(index: SiteIndex, page: str, rows: list[tuple[str, dict]],
                   *, with_paper: bool) -> str:
    """A sortable table of results: (paper, result dict) rows."""
    if not rows:
        return ""
    head = (["Paper"] if with_paper else []) + ["Method", "Dataset", "Metric", "Value",
                                                "Evidence"]
    body = []
    for paper, r in rows:
        method = r.get("method")
        system = (_link(page, method, index.label(method)) if method in index.G
                  else '<span class="own">the paper\'s own system</span>')
        if method in index.G and r.get("own"):
            system += ' <small class="own">(its own)</small>'
        dataset = r.get("dataset")
        metric = r.get("metric")
        cells = ([f"<td>{_paper_link(index, page, paper, index.label(paper))}</td>"]
                 if with_paper else [])
        number = r.get("number")
        cells += [
            f"<td>{system}</td>",
            f"<td>{_link(page, dataset, index.label(dataset)) if dataset in index.G else ''}</td>",
            f"<td>{_link(page, metric, index.label(metric)) if metric in index.G else ''}</td>",
            f'<td data-v="{esc(number if isinstance(number, int | float) else "")}">'
            f"{_number(r)}</td>",
            f"<td>{_evidence_items([r.get('evidence') or {}])}</td>",
        ]
        body.append("<tr>" + "".join(cells) + "</tr>")
    header = "".join(f'<th data-sort="{"number" if h == "Value" else "text"}">{h}</th>'
                     for h in head)
    return (f'<section id="results"><h2>Results ({len(rows):,})</h2>'
            f'<table class="sortable"><thead><tr>{header}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></section>')


# ------------------------------------------------------------------ pages


def entity_page(index: SiteIndex, node: str) -> str:
    """The page of one entity."""
    G = index.G
    data = G._node[node]
    kind = node_types()[data["type"]]
    page = _page_of(node)
    label = index.label(node)
    count = index.papers_of(node)
    parts = [f"<h1>{esc(label)}</h1>",
             f'<p class="meta">{esc(kind.title)} · {_plural(count, "paper")}'
             f'{" · technique family" if data.get("family") else ""}</p>']
    aliases = _distinct_aliases(label, data.get("aliases") or ())
    if aliases:
        parts.append('<p class="aliases"><strong>Also called:</strong> '
                     + "".join(f'<span class="tag">{esc(a)}</span>' for a in aliases) + "</p>")
    if data.get("direction") or data.get("unit"):  # metrics
        better = {"higher": "higher is better", "lower": "lower is better"}.get(
            data.get("direction"), "")
        unit = f"unit {data['unit']}" if data.get("unit") else ""
        parts.append(f'<p class="meta">{esc(" · ".join(x for x in (better, unit) if x))}</p>')
    if kind.scheme is None and index.overview:
        parts.append(f"<p>{_overview_link(page, node)}</p>")
    # Summaries first (results, neighbours, comparisons), then the papers with evidence.
    toc, sections, paper_toc, paper_sections = [], [], [], []
    by_relation = index.incoming.get(node, {})
    for relation in relations():
        if relation.name not in relations_to(kind.name):
            continue
        rows = by_relation.get(relation.name, [])
        if not rows:
            continue
        rows = sorted(rows, key=lambda pe: (str(G._node[pe[0]].get("date") or ""), pe[0]),
                      reverse=True)
        items = []
        for paper, edge in rows[:PAPERS_PER_SECTION]:
            pdata = G._node[paper]
            title = pdata.get("title") or index.label(paper)
            items.append(f"<li>{_paper_link(index, page, paper, title)} "
                         f"{_date(pdata.get('date'))}"
                         f"{_evidence_items(edge.get('evidence') or [], EVIDENCE_PER_PAPER)}</li>")
        more = ""
        if len(rows) > PAPERS_PER_SECTION:
            more = (f'<p class="more">… and {len(rows) - PAPERS_PER_SECTION:,} more papers '
                    f"(the newest {PAPERS_PER_SECTION:,} are listed; <code>kg query</code> "
                    "lists them all).</p>")
        anchor = f"rel-{relation.name}"
        heading = f"{_inverse(relation).capitalize()} {_plural(len(rows), 'paper')}"
        paper_toc.append(f'<a href="#{anchor}">{esc(heading)}</a>')
        paper_sections.append(f'<section id="{anchor}"><h2>{esc(heading)}</h2>'
                              f'<ul class="papers">{"".join(items)}</ul>{more}</section>')
    co = index.co_used.get(node, Counter())
    if co:
        groups = []
        for other_kind in ENTITY_TYPES.values():
            top = sorted(((n, c) for n, c in co.items()
                          if G._node[n].get("type") == other_kind.name),
                         key=lambda nc: (-nc[1], index.label(nc[0]).casefold(), nc[0]))[:CO_USED]
            if top:
                items = "".join(f"<li>{_link(page, n, index.label(n))} "
                                f"<small>{_plural(c, 'paper')}</small></li>" for n, c in top)
                groups.append(f'<div class="group"><h3>{esc(other_kind.plural.capitalize())}'
                              f"</h3><ol>{items}</ol></div>")
        toc.append('<a href="#used-with">Most used with</a>')
        sections.append('<section id="used-with"><h2>Most used with</h2>'
                        f'<p class="hint">Entities in the same papers, by papers shared.</p>'
                        f'<div class="groups">{"".join(groups)}</div></section>')
    for title, counter, anchor in (
            ("Compared with (as baselines, in papers proposing it)",
             index.compared.get(node), "baselines"),
            ("Compared against it (methods proposed in papers using it as a baseline)",
             index.compared_by.get(node), "compared-by")):
        if counter:
            top = sorted(counter.items(), key=lambda nc: (-nc[1], index.label(nc[0]).casefold()))
            items = "".join(f"<li>{_link(page, n, index.label(n))} "
                            f"<small>{_plural(c, 'paper')}</small></li>" for n, c in top[:50])
            toc.append(f'<a href="#{anchor}">{esc(title.split(" (")[0])}</a>')
            sections.append(f'<section id="{anchor}"><h2>{esc(title)}</h2>'
                            f'<ol class="columns">{items}</ol></section>')
    results = _results_table(index, page, index.results.get(node, []), with_paper=True)
    if results:
        toc.insert(0, '<a href="#results">Results</a>')
        sections.insert(0, results)
    toc += paper_toc
    sections += paper_sections
    if toc:
        parts.append(f'<nav class="toc">{" · ".join(toc)}</nav>')
    return _page(page, f"{label} ({kind.title.lower()})", "".join(parts + sections),
                 kind=kind.name, overview=index.overview)


def paper_page(index: SiteIndex, node: str) -> str:
    """The page of one paper."""
    G = index.G
    data = G._node[node]
    page = _page_of(node)
    title = str(data.get("title") or index.label(node))
    meta = [readable_date(data.get("date")) if data.get("date") else "undated"]
    if data.get("arxiv_id"):
        meta.append(f"arXiv {data['arxiv_id']}")
    parts = [f"<h1>{esc(title)}</h1>", f'<p class="meta">{esc(" · ".join(meta))}</p>']
    if data.get("authors"):
        parts.append(f'<p class="authors">{esc(", ".join(map(str, data["authors"])))}</p>')
    urls = [u for u in map(str, data.get("urls") or ()) if _safe_url(u)]
    links = [f'<a href="{esc(u)}" rel="noreferrer">{esc(u)}</a>' for u in urls]
    if index.overview:
        links.append(_overview_link(page, node))
    if links:
        parts.append(f'<p class="links">{" · ".join(links)}</p>')
    out = sorted(G.out_edges(node, keys=True, data=True),
                 key=lambda e: (index.label(e[1]).casefold(), e[1]))
    spans = {"title": [], "abstract": []}
    for _, entity, key, edge in out:
        for ev in edge.get("evidence") or ():
            if ev.get("field") in spans and isinstance(ev.get("start"), int):
                spans[ev["field"]].append((ev["start"], ev["end"], entity,
                                           edge.get("relation", key)))
    if spans["title"]:
        parts.append(f'<p class="marked-title">{marked_text(title, spans["title"], page)}</p>')
    abstract = str(data.get("abstract") or "")
    if abstract:
        parts.append('<section id="abstract"><h2>Abstract</h2>'
                     f'<p class="abstract">{marked_text(abstract, spans["abstract"], page)}</p>'
                     "</section>")
    groups = []
    for relation in relations():
        items = [f"<li>{_link(page, entity, index.label(entity))} "
                 f"<small>{esc(node_types()[G._node[entity]['type']].title)}, confidence "
                 f"{float(edge.get('confidence') or 0):.2f}</small>"
                 f"{_evidence_items(edge.get('evidence') or [])}</li>"
                 for _, entity, key, edge in out if edge.get("relation", key) == relation.name]
        if items:
            heading = f"{relation.title.capitalize()} ({len(items)})"
            groups.append(f'<section id="rel-{relation.name}"><h2>{esc(heading)}</h2>'
                          f'<ul class="links">{"".join(items)}</ul></section>')
    if not groups:
        groups.append('<p class="hint">No method, dataset or other entity was found in this '
                      "paper.</p>")
    parts += groups
    parts.append(_results_table(index, page, [(node, r) for r in data.get("results") or ()],
                                with_paper=False))
    if data.get("sources"):
        parts.append(f'<p class="sources">Read from {esc(", ".join(map(str, data["sources"])))}'
                     "</p>")
    return _page(page, title, "".join(parts), kind=PAPER.name, overview=index.overview)


def index_page(index: SiteIndex) -> str:
    """``site/index.html``: one sortable table per entity type, and the papers."""
    G = index.G
    page = "index.html"
    by_type: dict[str, list[str]] = defaultdict(list)
    for node, kind in G.nodes(data="type"):
        by_type[kind].append(node)
    papers = by_type.get(PAPER.name, [])
    counts = [_plural(len(papers), "paper")] + [
        f"{len(by_type[t.name]):,} {t.plural if len(by_type[t.name]) != 1 else t.name}"
        for t in ENTITY_TYPES.values() if by_type[t.name]]
    parts = ["<h1>Entities and papers</h1>", f'<p class="meta">{esc(", ".join(counts))}. '
             "Click a column heading to sort; the search box finds every entity and paper.</p>"]
    toc, sections = [], []
    for kind in ENTITY_TYPES.values():
        nodes = by_type.get(kind.name)
        if not nodes:
            continue
        nodes.sort(key=lambda n: (-index.papers_of(n), index.label(n).casefold(), n))
        rels = [r for r in relations() if r.name in relations_to(kind.name)]
        head = ['<th data-sort="text">Name</th>', '<th data-sort="number">Papers</th>']
        head += [f'<th data-sort="number">{esc(_inverse(r).capitalize())}</th>' for r in rels] \
            if len(rels) > 1 else []
        head.append('<th data-sort="text">Also called</th>')
        rows = []
        for n in nodes[:INDEX_ROWS]:
            incoming = index.incoming.get(n, {})
            cells = [f"<td>{_link(page, n, index.label(n))}</td>",
                     f'<td data-v="{index.papers_of(n)}">{index.papers_of(n):,}</td>']
            if len(rels) > 1:
                for r in rels:
                    k = len(incoming.get(r.name, ()))
                    cells.append(f'<td data-v="{k}">{k:,}</td>' if k else '<td data-v="0"></td>')
            aliases = _distinct_aliases(index.label(n), G._node[n].get("aliases") or ())
            cells.append(f'<td class="aliases">{esc(", ".join(aliases[:6]))}'
                         f'{"…" if len(aliases) > 6 else ""}</td>')
            rows.append("<tr>" + "".join(cells) + "</tr>")
        note = (f'<p class="more">The {INDEX_ROWS:,} in most papers of {len(nodes):,}; '
                "search finds them all.</p>" if len(nodes) > INDEX_ROWS else "")
        toc.append(f'<a href="#{esc(kind.name)}">{esc(kind.plural.capitalize())} '
                   f"({len(nodes):,})</a>")
        sections.append(f'<section id="{esc(kind.name)}"><h2>{esc(kind.plural.capitalize())} '
                        f'({len(nodes):,})</h2><table class="sortable"><thead><tr>'
                        f'{"".join(head)}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
                        f"{note}</section>")
    if papers:
        papers.sort(key=lambda p: (str(G._node[p].get("date") or ""), p), reverse=True)
        kinds = [t for t in ENTITY_TYPES.values() if by_type.get(t.name)]
        head = ['<th data-sort="text">Title</th>', '<th data-sort="text">Date</th>']
        head += [f'<th data-sort="number">{esc(t.plural.capitalize())}</th>' for t in kinds]
        rows = []
        for p in papers[:INDEX_ROWS]:
            per_type = Counter(G._node[e].get("type") for e in G.successors(p))
            date = G._node[p].get("date")
            title = G._node[p].get("title") or index.label(p)
            cells = [f"<td>{_paper_link(index, page, p, title)}</td>",
                     f'<td data-v="{esc(date or "")}">{esc(readable_date(date) if date else "")}'
                     "</td>"]
            cells += [f'<td data-v="{per_type[t.name]}">{per_type[t.name] or ""}</td>'
                      for t in kinds]
            rows.append("<tr>" + "".join(cells) + "</tr>")
        note = (f'<p class="more">The {INDEX_ROWS:,} newest of {len(papers):,}; search finds '
                "them all.</p>" if len(papers) > INDEX_ROWS else "")
        toc.append(f'<a href="#papers">Papers ({len(papers):,})</a>')
        sections.append(f'<section id="papers"><h2>Papers ({len(papers):,})</h2>'
                        f'<table class="sortable"><thead><tr>{"".join(head)}</tr></thead>'
                        f'<tbody>{"".join(rows)}</tbody></table>{note}</section>')
    parts.append(f'<nav class="toc">{" · ".join(toc)}</nav>')
    if not index.paper_pages:
        parts.append(f'<p class="more">No page per paper: {len(papers):,} papers are more than '
                     f"{kg.site.PAPER_PAGES_MAX:,}. The entity pages list each paper with its "
                     "evidence" + ("; search opens a paper in the graph overview"
                                   if index.overview else "") + ".</p>")
    return _page(page, "papers-kg: entities and papers", "".join(parts + sections), kind="index",
                 overview=index.overview)


def site_pages(G: nx.MultiDiGraph, *, overview: bool = True,
               only: set[str] | None = None) -> Iterator[tuple[str, str]]:
    """Every file of the site as ``(path relative to the site folder, text)``; with
    ``overview`` False (no graph views beside the site) no page links a view; with
    ``only``, the pages of those nodes only (and the index and assets).

    Examples
    --------
    >>> from kg.analysis import tiny_graph
    >>> pages = dict(site_pages(tiny_graph()))
    >>> "index.html" in pages and "method/bert.html" in pages and "paper/p1.html" in pages
    True
    >>> "Compared against it" in pages["method/bert.html"]
    True
    """
    index = SiteIndex.of(G, overview=overview, pages_of=only)
    try:
        for name in ASSETS:
            yield name, _asset(name)
        yield "index.html", index_page(index)
        for node, kind in sorted(G.nodes(data="type")):
            if only is not None and node not in only:
                continue
            if kind == PAPER.name:
                if index.paper_pages:
                    yield _page_of(node), paper_page(index, node)
            elif kind in ENTITY_TYPES:
                yield _page_of(node), entity_page(index, node)
    finally:
        _page_of.cache_clear()
        _ESCAPED.clear()
        _LINKS.clear()
        _QUOTES.clear()


# ------------------------------------------------------------------ pages a rebuild keeps


def _site_context(overview: bool, paper_pages: bool) -> bytes:
    """What every page shares: the code that makes it, and whether it links views and
    paper pages (a change there changes every page's digest)."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(f"{overview}|{paper_pages}".encode(), digest_size=16)
    for name in ("site/__init__.py", "site/pages.py", "schema.py", "dates.py",
                 "export/blocks.py"):
        digest.update((package / name).read_bytes())
    for name in sorted(resources.files("kg.site").joinpath("templates").iterdir(),
                       key=lambda t: t.name):
        digest.update(name.read_bytes())
    return digest.digest()


def page_digests(G: nx.MultiDiGraph, digests: Mapping[str, str], *,
                 overview: bool = True) -> dict[str, tuple[str, str]]:
    """``node -> (page path, digest of everything its page shows)`` for every page of the
    site but the index, from the node digests ``digests``
    (:func:`kg.export.blocks.node_digests`: a node's attributes, its out-edges and the
    labels they point at).

    A paper's page shows its node, its links' targets (labels, types) and the entities
    its results name; an entity's page shows its node and what the papers linking it
    (or naming it in a result) show of themselves, in graph order: so a page's digest
    is that of its own node and of those papers, each with the types of its targets
    and the labels of its results' entities.

    Examples
    --------
    >>> from kg.analysis import tiny_graph
    >>> from kg.export.blocks import node_digests
    >>> G = tiny_graph()
    >>> before = page_digests(G, node_digests(G))
    >>> G.nodes["method/bert"]["label"] = "BERT-base"  # shown on every page linking it
    >>> after = page_digests(G, node_digests(G))
    >>> sorted(n for n in before if before[n] != after[n]) == sorted(
    ...     {"method/bert", *G.predecessors("method/bert"),
    ...      *(e for p in G.predecessors("method/bert") for e in G.successors(p))})
    True
    """
    paper_pages = writes_paper_pages(G)
    context = _site_context(overview, paper_pages)
    nodes, succ = G._node, G._succ  # the graph's own dicts: their views cost more here
    shown_by: dict[str, list[bytes]] = defaultdict(list)  # entity -> its papers' digests
    pages = {}
    for paper, data in nodes.items():
        if data.get("type") != PAPER.name:
            continue
        linked = {target: nodes[target].get("type") for target in succ[paper]}
        named = []
        for result in data.get("results") or ():
            for role in ("method", "dataset", "metric"):
                entity = result.get(role)
                if entity:
                    known = entity in nodes
                    named.append((entity, known, nodes[entity].get("label") if known else None))
                    if known:
                        linked.setdefault(entity, nodes[entity].get("type"))
        raw = marshal.dumps((digests[paper], sorted(linked.items()), named), 2)
        shown = hashlib.blake2b(raw, digest_size=16, key=context).digest()
        for entity in linked:
            shown_by[entity].append(shown)
        if paper_pages:
            pages[paper] = (_page_of(paper), shown.hex())
    for node, kind in G.nodes(data="type"):
        if kind in ENTITY_TYPES:
            digest = hashlib.blake2b(digests[node].encode(), digest_size=16, key=context)
            digest.update(b"".join(shown_by.get(node, ())))
            pages[node] = (_page_of(node), digest.hexdigest())
    _page_of.cache_clear()
    return pages


@dataclass
class PageReuse:
    """What the site writer may keep from the previous build: this build's node digests,
    the page digests the previous build saved (``previous_index``) and its site folder,
    and where to save the page digests of this build."""

    digests: Mapping[str, str]
    previous_index: Path | None
    previous_dir: Path | None
    index_file: Path
    kept: int = 0  # pages hard-linked from the previous build (set by write_site)
    made: int = 0


def _load_page_index(path: Path | None) -> dict[str, str]:
    try:
        data = marshal.loads(path.read_bytes()) if path is not None else {}
        return data if isinstance(data, dict) else {}
    except (OSError, EOFError, ValueError, TypeError):
        return {}  # no index (or a broken one): every page is made


def _keep_page(old: str, new: str) -> bool:
    """``new`` as the same file as ``old`` (a hard link; a copy across file systems);
    False when ``old`` is gone."""
    try:
        os.link(old, new)
    except FileNotFoundError:
        return False
    except OSError:
        try:
            shutil.copyfile(old, new)
        except FileNotFoundError:
            return False
    return True


def write_site(G: nx.MultiDiGraph, site_dir: str | Path, *, search_index: bool | None = None,
               overview: bool | None = None, pages: PageReuse | None = None,
               **_options) -> list[Path]:
    """Write the site into ``site_dir`` (created); returns the files written.

    The search boxes read ``search-index.js`` beside ``site_dir``, which the views write;
    it is written here too when it is not there yet (``search_index`` None), always (True)
    or never (False: the views, written beside, write it). The pages link the graph
    views beside ``site_dir`` when ``overview`` is True, or None and ``graph.html`` is there.
    With ``pages``, a page whose digest (:func:`page_digests`) is the one the previous
    build saved is hard-linked from the previous site instead of being made again.
    """
    from kg.views import SEARCH_INDEX, write_search_index

    site_dir = Path(site_dir)
    if overview is None:
        overview = (site_dir.parent / "graph.html").exists()
    written = []
    # Paths as strings: a rebuild keeps some 11,000 pages, and pathlib cost more than the links.
    root = os.fspath(site_dir)
    made: set[str] = set()

    def place(rel: str) -> str:
        """The path of the page ``rel``, its folder made."""
        folder = rel.rpartition("/")[0]
        if folder not in made:
            os.makedirs(os.path.join(root, folder), exist_ok=True)
            made.add(folder)
        return os.path.join(root, rel)

    try:
        only = None
        if pages is not None:
            digests = page_digests(G, pages.digests, overview=overview)
            before = _load_page_index(pages.previous_index) if pages.previous_dir else {}
            previous = os.fspath(pages.previous_dir) if pages.previous_dir else ""
            only = set()
            for node, (rel, digest) in digests.items():
                if before.get(rel) == digest and _keep_page(os.path.join(previous, rel),
                                                            place(rel)):
                    written.append(site_dir / rel)
                    continue
                only.add(node)
            pages.kept, pages.made = len(digests) - len(only), len(only)
        for rel, text in site_pages(G, overview=overview, only=only):
            with open(place(rel), "w", encoding="utf-8") as handle:
                handle.write(text)
            written.append(site_dir / rel)
        if pages is not None:
            pages.index_file.parent.mkdir(parents=True, exist_ok=True)
            pages.index_file.write_bytes(marshal.dumps(  # version 2: no references
                {rel: digest for rel, digest in sorted(digests.values())}, 2))
        if search_index or (search_index is None
                            and not (site_dir.parent / SEARCH_INDEX).exists()):
            write_search_index(G, site_dir.parent)
    except OSError as err:
        raise ExportError(f"{err.filename or site_dir}: cannot write the entity pages "
                          f"({err.strerror})") from None
    return written
