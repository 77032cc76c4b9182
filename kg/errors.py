"""Errors the library raises; the CLI turns each into one line and an exit code."""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error the user can cause (bad input, bad query, bad export)."""

    exit_code = 1


class InputError(KgError):
    """An input file cannot be read as its format. Carries the file and line."""

    exit_code = 2

    def __init__(self, path: str, line: int | None, message: str):
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


class ExportError(KgError):
    """An output cannot be written."""


class ValidationError(KgError):
    """An export does not conform to the shipped SHACL shapes."""


class QueryError(KgError):
    """A SPARQL query is malformed, not read-only, or timed out."""


class MalformedQueryError(QueryError):
    """A query the SPARQL 1.1 grammar cannot read (a client error, not a refusal)."""


class FetchError(KgError):
    """A source cannot be fetched: bad request (dates, ids), an HTTP error, an unusable answer."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


class TemporaryFetchError(FetchError):
    """Offline, rate-limited, or the server kept failing: trying again later may work.

    Exits with 75 (``EX_TEMPFAIL``), so a cron job can tell it from a bad command.
    """

    def __init__(self, message: str):
        super().__init__(message, exit_code=75)
