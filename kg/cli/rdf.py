"""``kg query`` (SPARQL on an export) and ``kg validate`` (SHACL check of an export)."""

from __future__ import annotations

import sys

import click

from kg.cli.common import CliError, echo_data, printable, run_guarded


@click.command("query")
@click.argument("source", type=click.Path(exists=True, path_type=str))
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(dir_okay=False, path_type=str),
              help="Read the query from this file (e.g. schemas/queries/top-baselines.rq).")
@click.option("-n", "--named", metavar="NAME",
              help="Run one of the shipped competency queries (schemas/queries/NAME.rq), "
                   "e.g. top-baselines; `--named list` lists them with their questions.")
@click.option("--format", "output_format", default="table", show_default=True,
              type=click.Choice(["table", "csv", "tsv", "json"]),
              help="table: readable table; csv/tsv/json: SPARQL 1.1 results formats. "
                   "CONSTRUCT/DESCRIBE print Turtle (table) or N-Triples.")
@click.option("--bind", "bindings", multiple=True, metavar="NAME=VALUE",
              help="Give variable ?NAME a value before the query runs (repeatable). VALUE is a "
                   "string, <an IRI> or a prefixed name such as method:gpt-4.")
@click.option("--store", "store_path", type=click.Path(path_type=str), default=None,
              help="Keep a persistent store in this directory; it is reloaded only when the "
                   "export changed, so repeated queries start at once.")
@click.option("--timeout", type=click.FloatRange(min=0), default=60.0, show_default=True,
              help="Stop a query that runs longer than this many seconds (0: no limit).")
@click.option("--memory", "memory_limit", type=click.IntRange(min=0), default=2048,
              show_default=True, metavar="MB",
              help="Stop a query that needs more than this much memory, in MB (0: no limit).")
@run_guarded
def query_command(source, query, query_file, named, output_format, bindings, store_path,
                  timeout, memory_limit):
    """Run a read-only SPARQL 1.1 query over an export.

    SOURCE is a `kg build` output directory (graph.nt, graph.ttl or graph.jsonld
    is read) or an RDF file. Give the query as an argument or with --file.
    The prefixes kg:, res:, paper:, method:, dataset:, modality:, evidence:,
    rdf:, rdfs:, owl:, xsd:, skos:, dcterms:, prov: and schema: are predeclared.
    Updates (INSERT, DELETE, LOAD, ...) and SERVICE are refused; the query runs in
    a separate process without network access, within --timeout and --memory.

    Example: kg query out 'SELECT ?m (COUNT(?p) AS ?n) WHERE { ?p kg:comparesWith ?m }
    GROUP BY ?m ORDER BY DESC(?n)'
    """
    from kg.query import parse_binding, query_export, read_query_file, shipped_queries

    if named == "list":
        for name, (_, question) in shipped_queries().items():
            click.echo(f"{name}: {question}")
        return
    if sum(x is not None for x in (query, query_file, named)) != 1:
        raise CliError("give the query as an argument, with --file or with --named "
                       "(exactly one)", 2)
    if named is not None:
        queries = shipped_queries()
        if named not in queries:
            raise CliError(f"no shipped query named {named!r} (known: {', '.join(queries)})", 2)
        text = queries[named][0].read_text(encoding="utf-8")
    else:
        text = query if query is not None else read_query_file(query_file)
    values = dict(parse_binding(b) for b in bindings)
    result = query_export(source, text, store_path=store_path, bindings=values,
                          timeout=timeout or None, memory_limit=memory_limit or None)
    if output_format != "table":
        echo_data(result.serialize(output_format), nl=False)
        return
    _print_table(result)


def _print_table(result) -> None:
    if result.kind == "ask":
        click.echo("true" if result.boolean else "false")
        return
    from rich.console import Console

    from kg.query import query_prefixes

    console = Console()
    if result.kind == "graph":
        import pyoxigraph as ox

        turtle = ox.serialize(result.triples(), format=ox.RdfFormat.TURTLE,
                              prefixes=query_prefixes())
        echo_data(turtle.decode("utf-8"), nl=False)
        return
    prefixes = sorted(query_prefixes().items(), key=lambda p: -len(p[1]))
    # Cells are data: control characters escaped, and layout_table makes them rich Text.
    rows = [[printable(_cell(term, prefixes)) for term in row] for row in result.rows()]
    for line in layout_table(result.variables, rows, console.width):
        console.print(line) if not isinstance(line, str) else click.echo(line)
    click.echo(f"{len(rows)} row(s)", err=True)


SHORT = 28  # a column whose values all fit this many characters is kept on one line


def layout_table(names: list[str], rows: list[list[str]], width: int) -> list:
    """A rich Table that fits ``width`` columns, or plain ``name: value`` records.

    Short columns (identifiers, numbers) never wrap; long ones (sentences, titles) fold
    into the room left. When even that does not fit, every row becomes a block of
    ``name: value`` lines, so nothing is squeezed to one word per line.
    """
    from rich.table import Table
    from rich.text import Text

    natural = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    borders = 3 * len(names) + 1
    short = [w <= SHORT for w in natural]
    fixed = sum(w for w, s in zip(natural, short, strict=True) if s)
    long_columns = short.count(False)
    if sum(natural) + borders <= width or fixed + 24 * long_columns + borders <= width:
        table = Table(header_style="bold")
        for name, w, is_short in zip(names, natural, short, strict=True):
            if is_short or sum(natural) + borders <= width:
                table.add_column(name, no_wrap=True, min_width=w)
            else:
                table.add_column(name, overflow="fold", ratio=1)
        for row in rows:
            table.add_row(*map(Text, row))  # Text: brackets in titles are not rich markup
        return [table]
    label = max(map(len, names))
    lines: list = []
    for number, row in enumerate(rows, 1):
        lines.append(f"-- row {number}")
        lines.extend(f"{name.rjust(label)}: {value}" for name, value in zip(names, row,
                                                                              strict=True))
    return lines


def _cell(term, prefixes) -> str:
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, iri in prefixes:
            if term.value.startswith(iri) and len(term.value) > len(iri):
                return f"{prefix}:{term.value[len(iri):]}"
        return f"<{term.value}>"
    return term.value if isinstance(term, ox.Literal) else str(term)


@click.command("validate")
@click.argument("source", type=click.Path(exists=True, path_type=str))
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=0),
              help="Print at most this many violations (0: all).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Queries run at a time (default: all cores).")
@run_guarded
def validate_command(source, limit, jobs):
    """Check an export against the shipped SHACL shapes (schemas/kg-shapes.ttl).

    SOURCE is a `kg build` output directory or an RDF file (.ttl, .nt, .jsonld);
    a build directory is read from its query store when that holds exactly its
    graph.nt (nothing is loaded, the store is not written). Prints each
    violation as "focus node, property: message (value)" and exits with
    status 1 when there is any.
    """
    from kg.validate import validate_export

    report = validate_export(source, jobs=jobs)
    if report.conforms:
        read = f", read from {report.store}" if report.store else ""
        click.echo(f"{report.source}: conforms to the kg shapes ({report.triples} triples{read})")
        return
    shown = report.violations if not limit else report.violations[:limit]
    for violation in shown:
        click.echo(str(violation))
    if len(shown) < len(report.violations):
        click.echo(f"... and {len(report.violations) - len(shown)} more (see --limit)")
    click.echo(f"{report.source}: {len(report.violations)} violation(s) of the kg shapes",
               err=True)
    sys.exit(1)


COMMANDS = [query_command, validate_command]
