"""A regular (non-editable) install must carry the data files the package reads at run time."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_wheel_ships_schemas_and_lexicons(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(REPO)],
        check=True, capture_output=True, text=True, cwd=tmp_path,
    )
    # Every data folder is declared: setuptools has nothing to warn about.
    assert "absent from the `packages` configuration" not in built.stderr + built.stdout
    (wheel,) = tmp_path.glob("papers_kg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"kg/schemas/lexicons/{p.name}" for p in (REPO / "schemas" / "lexicons").iterdir()
                if p.is_file()}
    expected |= {f"kg/schemas/{p.name}" for p in (REPO / "schemas").iterdir() if p.is_file()}
    expected |= {f"kg/schemas/queries/{p.name}" for p in (REPO / "schemas" / "queries").iterdir()}
    for templates in ("kg/views/templates", "kg/site/templates"):
        expected |= {f"{templates}/{p.name}" for p in (REPO / templates).iterdir()}
    assert expected and expected <= names, sorted(expected - names)

    # The installed copy finds its data without the source tree.
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    probe = ("import kg.resources as r, sys; d = r.schemas_dir(); "
             "assert str(d).startswith(sys.argv[1]), d; print(d)")
    result = subprocess.run([sys.executable, "-c", probe, str(target)], capture_output=True,
                            text=True, cwd=tmp_path, env={"PYTHONPATH": str(target)})
    assert result.returncode == 0, result.stderr
