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

# Commands after which the process may end without tearing the interpreter down: their
# outputs are closed files, and freeing a 100k-paper graph object by object takes ~14 s.
_FAST_EXIT = {"build", "update", "extract", "eval", "validate", "view", "report"}
# Builds and extraction pause the cycle collector (kg.collector); turned back on at their
# end, its first collection would walk the millions of objects they made, just before the
# fast exit (`kg extract` of 3,000 papers: 11-13 s of CPU with it, 10 s without).
_NO_CYCLE_COLLECTION = {"build", "update", "extract"}


def entry() -> None:
    """The ``kg`` console script: :data:`main`, then a fast exit after heavy commands."""
    import gc
    import os
    import sys

    command = next((a for a in sys.argv[1:] if not a.startswith("-")), None)
    if command in _NO_CYCLE_COLLECTION:
        gc.disable()
    if command in _FAST_EXIT:
        from kg.collector import exits_fast

        exits_fast()
    try:
        main.main(standalone_mode=True)
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    if command in _FAST_EXIT:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


__all__ = ["main", "entry", "run_guarded"]
