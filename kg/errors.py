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
