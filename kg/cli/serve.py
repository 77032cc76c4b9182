"""``kg serve``: a build's pages and a read-only SPARQL endpoint on this machine."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import run_guarded


@click.command("serve")
@click.argument("build_dir", metavar="DIR", type=click.Path(exists=True, file_okay=False,
                                                            path_type=Path))
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on at 127.0.0.1 (0: any free port).")
@click.option("--timeout", default=60.0, show_default=True, type=click.FloatRange(min=1),
              help="Stop a SPARQL query that runs longer than this many seconds.")
@click.option("-q", "--quiet", is_flag=True, help="Do not log each request.")
@run_guarded
def serve_command(build_dir, port, timeout, quiet):
    """Serve a build's pages and a read-only SPARQL 1.1 endpoint on 127.0.0.1.

    DIR is a `kg build` output directory. Its views, entity pages and report are
    served at http://127.0.0.1:PORT/ and SPARQL at http://127.0.0.1:PORT/sparql
    (SPARQL 1.1 Protocol: GET ?query=... or POST; results as JSON, XML, CSV or TSV
    by the Accept header). The engine is Oxigraph's server on the build's store,
    read-only; updates and SERVICE are refused. Stop with Ctrl-C.

    \b
    Examples:
      kg serve out
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s a kg:Dataset } LIMIT 5' \\
        http://127.0.0.1:7878/sparql
    """
    from kg.serve import SparqlServer

    server = SparqlServer(build_dir, port=port, timeout=timeout, quiet=quiet)
    click.echo(f"loading the store of {build_dir} ...", err=True)
    try:
        server.start()
        click.echo(f"pages:  {server.url}\nSPARQL: {server.endpoint}  (read-only)\n"
                   "Ctrl-C stops the server.", err=True)
        server.wait()
    except KeyboardInterrupt:
        click.echo("stopping ...", err=True)
    finally:
        server.stop()
    click.echo("stopped.", err=True)


COMMANDS = [serve_command]
