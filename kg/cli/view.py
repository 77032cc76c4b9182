"""``kg view``: (re)write the interactive HTML views of a built graph."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import run_guarded


@click.command("view")
@click.argument("build_dir", metavar="DIR", type=click.Path(path_type=Path))
@click.option("--focus", "focus_on", multiple=True, metavar="NAME",
              help="Also write a view of this node and its neighbourhood. NAME is a label, "
                   "alias or node key (e.g. 'GPT-4', 'dataset/imagenet'); repeatable.")
@click.option("--depth", default=2, show_default=True, type=click.IntRange(0, 6),
              help="How many links away from the --focus node to include.")
@click.option("--max-nodes", default=400, show_default=True, type=click.IntRange(10),
              help="Most nodes the overview, focus and method×dataset views draw; bigger "
                   "graphs get the most-connected part and a note of what was left out.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Write the pages here instead of into DIR.")
@click.option("--full-view/--no-full-view", default=None,
              help="Write views/full.html whatever the size / never  "
                   "[default: up to 5,000 nodes].")
@run_guarded
def view_command(build_dir, focus_on, depth, max_nodes, out_dir, full_view):
    """Write self-contained HTML views of the graph that `kg build` wrote into DIR.

    Writes DIR/index.html (links every view), DIR/graph.html (overview: the whole
    graph when small, else the most-connected entities and their papers),
    DIR/views/full.html (the whole graph, when the overview leaves nodes out; above
    5,000 nodes only with --full-view),
    DIR/views/methods-datasets.html and, for each --focus, DIR/views/focus-NAME.html.
    The pages work offline from file://.

    \b
    Examples:
      kg view out
      kg view out --focus "GPT-4" --depth 2
    """
    from kg.export.graphjson import read_graph
    from kg.views import write_views

    G = read_graph(build_dir)
    written = write_views(G, out_dir or build_dir, focus_on=focus_on, depth=depth,
                          max_nodes=max_nodes, full_view=full_view)
    for name, path in written.items():
        click.echo(f"wrote {path}  ({name})")
    focus_pages = [p for name, p in written.items() if name.startswith("focus:")]
    click.echo(f"open {(focus_pages or [written['index']])[-1]}")


COMMANDS = [view_command]
