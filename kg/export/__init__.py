"""Writers, one per output format, looked up by name.

Each writer takes the graph, a path and keyword options it may ignore (``jobs``,
``full_view``); ``WRITERS`` maps a format name to ``(writer, default file name)``;
``OUTPUTS`` lists what ``kg build`` writes. ``kg build`` writes the three RDF files
in one pass (:func:`kg.export.rdf.write_rdf`: N-Triples shards in parallel, converted
natively to Turtle and JSON-LD), so ``ttl``/``nt``/``jsonld`` there are one step.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

import networkx as nx

from kg.rdf_formats import RDF_FORMATS

Writer = Callable[[nx.MultiDiGraph, Path], None]

# name -> ("module:function", file name); modules load lazily so `kg --help` stays fast.
# The RDF writers' names and files are the rows of kg.rdf_formats.
WRITERS: dict[str, tuple[str, str]] = {
    "ttl": ("kg.export.rdf:write_turtle", RDF_FORMATS["ttl"].build_file),
    "nt": ("kg.export.rdf:write_ntriples", RDF_FORMATS["nt"].build_file),
    "jsonld": ("kg.export.jsonld:write_jsonld", RDF_FORMATS["jsonld"].build_file),
    "site": ("kg.site.pages:write_site", "site"),
    "html": ("kg.export.html:write_html", "graph.html"),
    "papers": ("kg.export.papers:write_papers_jsonl", "papers.jsonl"),
    "graph-json": ("kg.export.graphjson:write_graph_json", "graph.json"),
}
# The writers whose files are laid out as per-node blocks (kg.export.blocks), so a rebuild
# copies the blocks of unchanged nodes; name -> "module:layout function".
LAYOUTS: dict[str, str] = {
    "ttl": "kg.export.rdf:turtle_layout",
    "nt": "kg.export.rdf:ntriples_layout",
    "jsonld": "kg.export.jsonld:jsonld_layout",
    "papers": "kg.export.papers:papers_layout",
    "graph-json": "kg.export.graphjson:graph_json_layout",
}
ALIASES = {"turtle": "ttl", "ntriples": "nt", "json-ld": "jsonld", "json": "graph-json"}
OUTPUTS = ("ttl", "nt", "jsonld", "site", "html", "papers", "graph-json")
RDF_OUTPUTS = ("ttl", "nt", "jsonld")

# Above this many papers graph.jsonld is written only when asked for (--jsonld): it is
# the largest and slowest RDF file (99 s for 100k papers) and holds the same triples as
# graph.nt / graph.ttl, which every RDF tool reads.
JSONLD_MAX_PAPERS = 5000


def get_writer(name: str) -> tuple[Writer, str]:
    name = ALIASES.get(name, name)
    if name not in WRITERS:
        raise KeyError(f"unknown output format {name!r} (known: {', '.join(WRITERS)})")
    target, filename = WRITERS[name]
    module, _, function = target.partition(":")
    return getattr(import_module(module), function), filename


def get_layout(name: str):
    """The layout function of a block writer (``LAYOUTS``)."""
    module, _, function = LAYOUTS[ALIASES.get(name, name)].partition(":")
    return getattr(import_module(module), function)
