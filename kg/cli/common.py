"""Options shared by several commands, and the one place errors become one-line messages."""

from __future__ import annotations

import functools
import re
import sys

import click

from kg.errors import KgError

# Characters that steer a terminal instead of showing: C0/C1 controls (ESC starts escape
# sequences, U+009B is a one-character CSI), line and paragraph separators, bidi overrides.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str, keep: str = "") -> str:
    r"""``text`` with every terminal-steering character shown as an escape (``\x1b``).

    Examples
    --------
    >>> printable("a\x1b[31mred\u202e")
    'a\\x1b[31mred\\u202e'
    """
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else ascii(m.group())[1:-1],
                        text)


def echo_data(text: str, *, nl: bool = True) -> None:
    """Print data (query results, records): exact into a pipe or file, escaped on a terminal."""
    if sys.stdout.isatty():
        text = printable(text.replace("\r\n", "\n"), keep="\n\t")
    click.echo(text, nl=nl)


class CliError(click.ClickException):
    """A one-line error with the exit code of the library error behind it."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(printable(message))
        self.exit_code = exit_code


def run_guarded(function):
    """Turn library errors, Ctrl-C and SIGTERM into one line on stderr and a non-zero exit."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        from kg.outdir import Terminated, terminate_as_interrupt

        try:
            with terminate_as_interrupt():
                return function(*args, **kwargs)
        except KgError as err:
            raise CliError(str(err), err.exit_code) from None
        except KeyboardInterrupt as err:
            click.echo("kg: interrupted; no output was written", err=True)
            sys.exit(143 if isinstance(err, Terminated) else 130)

    return wrapper


class _InputFormats(click.Choice):
    """The reader table's format names, looked up only when an option needs them (so
    `kg --help` does not import the readers)."""

    def __init__(self):
        super().__init__([])

    @property
    def choices(self):
        from kg.ingest import FORMATS

        return sorted(FORMATS)

    @choices.setter
    def choices(self, _value):
        pass


def input_options(function):
    """INPUT... arguments plus --skip-bad and --input-format."""
    function = click.option(
        "--input-format", type=_InputFormats(), default=None,
        help="Read every input as this format instead of detecting it from extension and content.",
    )(function)
    function = click.option(
        "--skip-bad", is_flag=True,
        help="Skip records or files that cannot be read (counted and reported) "
             "instead of stopping.",
    )(function)
    return click.argument(
        "inputs", nargs=-1, required=True, type=click.Path(path_type=str),
    )(function)


def report_skips(report, quiet: bool) -> None:
    """Say what was skipped, one line each (never silently)."""
    if report.skipped:
        click.echo(f"kg: skipped {len(report.skipped)} bad record(s):", err=True)
        for error in report.skipped[:20]:
            click.echo(f"  {printable(str(error))}", err=True)
        if len(report.skipped) > 20:
            click.echo(f"  ... and {len(report.skipped) - 20} more", err=True)
    if report.warnings:
        click.echo(f"kg: dropped {len(report.warnings)} invalid value(s) (the papers are kept):",
                   err=True)
        for warning in report.warnings[:20]:
            click.echo(f"  {printable(str(warning))}", err=True)
        if len(report.warnings) > 20:
            click.echo(f"  ... and {len(report.warnings) - 20} more", err=True)
    if report.ignored_files and not quiet:
        click.echo(f"kg: ignored {len(report.ignored_files)} file(s) of unknown format in input "
                   f"directories (e.g. {report.ignored_files[0]})", err=True)
