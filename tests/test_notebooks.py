"""The notebooks in notebooks/ run top to bottom (nbclient) on the example and shared corpora."""

from __future__ import annotations

import json
import sys

import pytest
from conftest import EXAMPLES, REPO

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("pandas")
pytest.importorskip("matplotlib")

NOTEBOOKS = REPO / "notebooks"
NAMES = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
# What each notebook prints last when its own consistency checks pass.
LAST_WORDS = {"explore-graph.ipynb": "consistent", "sparql.ipynb": "SPARQL and networkx agree"}
# Charts each notebook draws at least (top methods/datasets, heatmap, modality mix).
FIGURES = {"explore-graph.ipynb": 3, "sparql.ipynb": 0}


@pytest.fixture
def kernel(tmp_path, monkeypatch):
    """A "python3" kernel spec that runs this interpreter, found before any other on the machine."""
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (papers-kg tests)", "language": "python",
    }))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    # Headless, Agg-rendered, and figures really drawn (a plain "Agg" would skip drawing on show).
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    monkeypatch.delenv("KG_CORPUS", raising=False)
    monkeypatch.setenv("KG_OUT", str(tmp_path / "out"))
    return tmp_path / "out"


def run(name: str) -> tuple[list[str], int]:
    """Execute the notebook in notebooks/ (its working directory).

    Returns what it printed and how many PNG figures it drew.
    """
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbclient.NotebookClient(nb, kernel_name="python3", timeout=180,
                            resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    outputs = [output for cell in nb.cells if cell.cell_type == "code" for output in cell.outputs]
    # A print can reach the client as several stream messages (text and newline apart on a
    # loaded machine), so what was printed is read as lines of the joined text.
    text = "".join(o.text for o in outputs if o.output_type == "stream" and o.name == "stdout")
    printed = [line for line in text.splitlines() if line.strip()]
    figures = sum("image/png" in o.get("data", {}) for o in outputs)
    return printed, figures


def test_there_are_two_notebooks_with_their_checks():
    assert set(NAMES) == set(LAST_WORDS)


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_are_committed_without_outputs(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)
    assert nb.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_on_the_example_corpus(name, kernel, monkeypatch):
    monkeypatch.setenv("KG_CORPUS", str(EXAMPLES))
    printed, figures = run(name)
    assert figures >= FIGURES[name]
    assert (kernel / "graph.json").is_file()  # built with the project's API when missing
    assert printed[0].startswith(f"built {kernel} from {EXAMPLES}")
    assert printed[-1].strip() == LAST_WORDS[name]


@pytest.mark.corpus
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_on_the_shared_corpus(name, corpus_dir, kernel):
    # No KG_CORPUS: the notebook must pick ../shared/corpus by itself when it is there.
    printed, figures = run(name)
    assert figures >= FIGURES[name]
    assert "from ../../shared/corpus" in printed[0]
    assert printed[-1].strip() == LAST_WORDS[name]
