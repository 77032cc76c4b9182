"""The static entity-page site ``kg build`` writes into ``DIR/site/`` (see :mod:`kg.site.pages`).

:func:`page_path` is the one mapping from a node key to its page, shared by the site
and by the views that link to it.
"""

from __future__ import annotations

import hashlib
import re

__all__ = ["SITE_DIR", "page_path"]

SITE_DIR = "site"


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
