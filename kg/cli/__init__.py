"""The ``kg`` command: a click group whose commands only wire library stages together.

Heavy imports (spaCy, rdflib, pyvis) happen inside the commands, so ``kg --help``
is instant.
"""

from __future__ import annotations

import click

from kg import __version__
from kg.cli.common import run_guarded


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """papers-kg: turn research-paper listings into an explainable knowledge graph.

    Typical use: `kg build PAPERS... --out out` then open out/graph.html,
    query out/graph.ttl with SPARQL, or load out/graph.json in a notebook.
    """


def _register() -> None:
    from kg.cli import build, eval, extract, fetch, rdf, report, serve, view

    for module in (build, extract, eval, fetch, rdf, report, serve, view):
        for command in module.COMMANDS:
            main.add_command(command)


_register()

__all__ = ["main", "run_guarded"]
