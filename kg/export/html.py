"""The ``html`` writer: graph.html (the overview) plus index.html and views/ beside it.

The pages themselves are made by :mod:`kg.views`; see there for what each view shows.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

__all__ = ["write_html"]


def write_html(G: nx.MultiDiGraph, path: str | Path, *, full_view: bool | None = None,
               site: bool | None = None, fragments=None, part: str | None = None,
               **_options) -> None:
    """Write the overview to ``path``; the other views go into its directory.

    ``site``: whether the entity pages are (being) written beside it (None: look);
    ``fragments``: a :class:`kg.views.page.LinkFragments` of the previous build;
    ``part``: one half of the views only (:data:`kg.views.VIEW_PARTS`).
    """
    from kg.views import OVERVIEW, write_views

    path = Path(path)
    written = write_views(G, path.parent, full_view=full_view, site=site, fragments=fragments,
                          part=part)
    if path.name != OVERVIEW and "overview" in written:
        written["overview"].replace(path)
