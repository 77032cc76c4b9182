"""The RDF file formats papers-kg writes and reads: one table for export, query and validate.

Each row names the format, the file suffixes it is recognised by, the file a build
writes in it and pyoxigraph's format; :func:`find_export` picks the RDF file of a
build directory (or checks a file given directly).

>>> RDF_FORMATS["nt"].build_file, format_for_path("x.jsonld").name
('graph.nt', 'jsonld')
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError

__all__ = ["RdfFileFormat", "RDF_FORMATS", "BUILD_FORMATS", "format_for_path", "find_export"]


@dataclass(frozen=True)
class RdfFileFormat:
    name: str  # also the writer's name in kg.export.WRITERS ("ttl")
    title: str  # for messages ("Turtle")
    suffixes: tuple[str, ...]
    oxigraph: str  # the member of pyoxigraph.RdfFormat
    build_file: str | None = None  # the file kg build writes in this format

    def pyoxigraph_format(self):
        import pyoxigraph as ox

        return getattr(ox.RdfFormat, self.oxigraph)


RDF_FORMATS: dict[str, RdfFileFormat] = {f.name: f for f in (
    RdfFileFormat("ttl", "Turtle", (".ttl", ".turtle"), "TURTLE", "graph.ttl"),
    RdfFileFormat("nt", "N-Triples", (".nt",), "N_TRIPLES", "graph.nt"),
    RdfFileFormat("jsonld", "JSON-LD", (".jsonld", ".json"), "JSON_LD", "graph.jsonld"),
    RdfFileFormat("nq", "N-Quads", (".nq",), "N_QUADS"),
    RdfFileFormat("trig", "TriG", (".trig",), "TRIG"),
    RdfFileFormat("xml", "RDF/XML", (".rdf", ".owl", ".xml"), "RDF_XML"),
)}
# The formats of a build directory, fastest to parse first.
BUILD_FORMATS = ("nt", "ttl", "jsonld")


def format_for_path(path: str | Path) -> RdfFileFormat:
    """The format of an RDF file, by its suffix; ``KgError`` when it is none of the table's."""
    suffix = Path(path).suffix.lower()
    for fmt in RDF_FORMATS.values():
        if suffix in fmt.suffixes:
            return fmt
    known = ", ".join(s for f in RDF_FORMATS.values() for s in f.suffixes)
    raise KgError(f"{path}: unknown RDF format (known suffixes: {known})")


def find_export(path: str | Path, order: tuple[str, ...] = BUILD_FORMATS
                ) -> tuple[Path, RdfFileFormat]:
    """The RDF file to read and its format: ``path`` itself, or a build directory's export
    (the first of ``order`` that exists)."""
    path = Path(path)
    if path.is_dir():
        for name in order:
            fmt = RDF_FORMATS[name]
            if (path / fmt.build_file).is_file():
                return path / fmt.build_file, fmt
        looked = ", ".join(RDF_FORMATS[n].build_file for n in order)
        raise KgError(f"{path}: no RDF export in this directory (looked for {looked}); "
                      "run `kg build` first")
    if not path.is_file():
        raise KgError(f"{path}: no such file or directory")
    return path, format_for_path(path)
