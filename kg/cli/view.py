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
              help="Write the pages here instead of into DIR (they link DIR's entity "
                   "pages, if DIR has them).")
@click.option("--full-view/--no-full-view", default=None,
              help="Write views/full.html whatever the size / never  "
                   "[default: up to 5,000 nodes].")
@run_guarded
def view_command(build_dir, focus_on, depth, max_nodes, out_dir, full_view):
    """Write self-contained HTML views of the graph that `kg build` wrote into DIR.

    Without --focus, writes DIR/index.html (links every view), DIR/graph.html
    (overview: the entities in most papers, joined by co-usage and comparison,
    coloured by community; search reaches every entity and paper),
    DIR/search-index.js, DIR/views/full.html (papers and entities with evidence;
    above 5,000 nodes only with --full-view) and DIR/views/methods-datasets.html.
    With --focus, writes only DIR/views/focus-NAME.html per name (an entity's
    neighbourhood among entities, or a paper and its links) and updates the
    index. The pages work offline from file://.

    \b
    Examples:
      kg view out
      kg view out --focus "GPT-4" --depth 2
    """
    from kg.export.graphjson import read_graph
    from kg.lookup import NodeNotFound, find_node
    from kg.outdir import record_outputs
    from kg.views import site_folder, write_views

    G = read_graph(build_dir)
    for name in focus_on:  # a name several entity types share: say how to pick one
        try:
            find_node(G, name)
        except NodeNotFound as err:
            if not err.choices:
                raise
            options = " or ".join(f"--focus {c}" for c in err.choices)
            raise click.ClickException(f"{name!r} names {len(err.choices)} entities of "
                                       f"different types; choose one: {options}") from None
    # A focus view is one new page: the others stay as they are (rewrite them with no --focus).
    # The views link the build's entity pages wherever they are written, if it has them.
    written = write_views(G, out_dir or build_dir, focus_on=focus_on, depth=depth,
                          max_nodes=max_nodes, full_view=full_view,
                          only_focus=bool(focus_on) and full_view is None,
                          site=site_folder(build_dir, None) or False)
    record_outputs(out_dir or build_dir, written.values())
    for name, path in written.items():
        click.echo(f"wrote {path}  ({name})")
    focus_pages = [p for name, p in written.items() if name.startswith("focus:")]
    click.echo(f"open {(focus_pages or [written['index']])[-1]}")


COMMANDS = [view_command]
