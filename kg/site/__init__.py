"""The static entity-page site ``kg build`` writes into ``DIR/site/`` (see :mod:`kg.site.pages`).

:func:`page_path` is the one mapping from a node key to its page, shared by the site
and by the views that link to it.
"""

from __future__ import annotations

import hashlib
import re

__all__ = ["SITE_DIR", "PAPER_PAGES_MAX", "page_path", "writes_paper_pages"]

SITE_DIR = "site"
# Above this many papers the site has entity pages only (a page per paper would be ~3 ms
# and ~4 kB each: 100k papers, minutes and 400 MB); entity pages still list every paper's
# evidence, and search opens a paper in the graph overview instead.
PAPER_PAGES_MAX = 20_000


def writes_paper_pages(G) -> bool:
    """Whether the site of ``G`` has a page per paper (up to :data:`PAPER_PAGES_MAX` papers).

    The site and the views both ask, so a view never links a page that was not written.
    """
    return sum(1 for _, kind in G.nodes(data="type") if kind == "paper") <= PAPER_PAGES_MAX


def page_path(key: str) -> str:
    """The page of node ``key``, relative to the site folder: ``<type>/<slug>.html``.

    Keys may hold any character (IRIs percent-encode them); a slug that had to change
    gets a short hash of the key, so two keys never share a page.

    >>> page_path("method/gpt-4"), page_path("paper/arxiv-2403.01234")
    ('method/gpt-4.html', 'paper/arxiv-2403.01234.html')
    >>> page_path("method/<b>x</b>")
    'method/b-x-b-5fe096b6.html'
    """
    folder, _, name = key.partition("/")
    slug = re.sub(r"[^a-z0-9_.-]+", "-", name.casefold()).strip("-.")[:80] or "node"
    if slug != name:
        slug += "-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    return f"{re.sub(r'[^a-z0-9_-]+', '-', folder.casefold()) or 'node'}/{slug}.html"
