"""Options shared by several commands, and the one place errors become one-line messages."""

from __future__ import annotations

import functools
import sys

import click

from kg.errors import KgError


class CliError(click.ClickException):
    """A one-line error with the exit code of the library error behind it."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


def run_guarded(function):
    """Turn library errors and Ctrl-C into one line on stderr and a non-zero exit."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except KgError as err:
            raise CliError(str(err), err.exit_code) from None
        except KeyboardInterrupt:
            click.echo("kg: interrupted; no output was written", err=True)
            sys.exit(130)

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
            click.echo(f"  {error}", err=True)
        if len(report.skipped) > 20:
            click.echo(f"  ... and {len(report.skipped) - 20} more", err=True)
    if report.ignored_files and not quiet:
        click.echo(f"kg: ignored {len(report.ignored_files)} file(s) of unknown format in input "
                   f"directories (e.g. {report.ignored_files[0]})", err=True)
