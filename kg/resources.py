"""Where the data files live: ``schemas/`` (ontology, shapes, queries, lexicons).

In a source checkout they sit at the top of the repository; an installed
package carries them as ``kg/schemas`` (see ``[tool.setuptools.package-dir]``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def schemas_dir() -> Path:
    for candidate in (_PACKAGE / "schemas", _PACKAGE.parent / "schemas"):
        if (candidate / "lexicons").is_dir():
            return candidate
    raise FileNotFoundError("papers-kg data files (schemas/) are missing from this installation")


def schema_path(*parts: str) -> Path:
    """``schema_path("lexicons", "methods.jsonl")`` -> the file's path."""
    return schemas_dir().joinpath(*parts)
