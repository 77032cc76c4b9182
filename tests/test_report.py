"""kg report: charts and summary of a built graph, from the library and the CLI."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.export.graphjson import write_graph_json
from kg.report import CHARTS, build_report, write_report

pytest.importorskip("pandas")
pytest.importorskip("matplotlib")

from test_analysis import make_graph, small_graph  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"
from conftest import EXAMPLES  # noqa: E402


def assert_report(out_dir):
    for name in CHARTS:
        assert (out_dir / name).read_bytes().startswith(PNG), name
    page = (out_dir / "report.html").read_text(encoding="utf-8")
    for name in CHARTS:
        assert f'src="{name}"' in page
    assert "http://" not in page and "https://" not in page  # nothing fetched from the web
    return (out_dir / "report.md").read_text(encoding="utf-8")


def test_build_report_tables():
    report = build_report(small_graph(), top=2)
    G = small_graph()
    no_modality = sum(1 for n, t in G.nodes(data="type") if t == "paper" and not any(
        G.nodes[e]["type"] == "modality" for e in G.successors(n)))
    assert report.summary == {"paper": 4, "method": 4, "dataset": 3, "modality": 2,
                              "task": 0, "metric": 0, "links": 19, "no modality": no_modality}
    assert "(none)" not in report.tables["modality-mix.png"].label.tolist()
    assert report.tables["top-methods.png"].label.tolist() == ["BERT", "GPT-4"]
    assert report.tables["co-usage.png"].shape == (2, 2)
    assert report.tables["baselines.png"].label.tolist() == ["BERT", "GPT-4"]


def test_write_report(tmp_path):
    written = write_report(small_graph(), tmp_path / "r", top=3, source="out")
    assert set(written) == {*CHARTS, "report.md", "report.html"}
    markdown = assert_report(tmp_path / "r")
    assert "4 papers, 4 methods, 3 datasets, 2 modalities, 0 tasks, 0 metrics, 19 links" in markdown
    assert "| BERT | 2 | Alpha, Delta |" in markdown  # most-compared-against table
    assert "| SQuAD | 2 |" in markdown
    assert "Delta" not in markdown.split("## Top datasets")[0].split("## Top methods")[1]


def test_write_report_on_a_graph_without_entities(tmp_path):
    G = make_graph({"p": {"date": "--01-02"}}, {})
    write_report(G, tmp_path)
    markdown = assert_report(tmp_path)
    assert "1 papers, 0 methods" in markdown


def test_write_report_cannot_create_directory(tmp_path):
    (tmp_path / "file").write_text("x")
    from kg.errors import ExportError

    with pytest.raises(ExportError, match="cannot create the report directory"):
        write_report(small_graph(), tmp_path / "file" / "r")


def test_cli_report_writes_into_dir_report(tmp_path):
    write_graph_json(small_graph(), tmp_path / "graph.json")
    result = CliRunner().invoke(main, ["report", str(tmp_path), "--top", "2"])
    assert result.exit_code == 0, result.output
    assert "report.html" in result.output and f"{len(CHARTS)} charts" in result.output
    assert_report(tmp_path / "report")


def test_cli_report_out_option(tmp_path):
    write_graph_json(small_graph(), tmp_path / "graph.json")
    result = CliRunner().invoke(main, ["report", str(tmp_path), "--out", str(tmp_path / "x")])
    assert result.exit_code == 0, result.output
    assert_report(tmp_path / "x")


def test_cli_report_without_a_graph_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["report", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {tmp_path / 'graph.json'}: not found; run `kg build INPUT... --out {tmp_path}` "
        "first"]


def test_cli_report_help_explains():
    result = CliRunner().invoke(main, ["report", "--help"])
    assert result.exit_code == 0
    assert "co-usage" in result.output and "DIR/report" in result.output


def _build_and_report(corpus, tmp_path, built=None):
    import shutil

    import kg
    from kg.build import build

    if built is None:
        build([corpus], tmp_path / "out", formats=["graph-json"])
    else:  # report on a copy of the shared build's graph: the shared build stays untouched
        (tmp_path / "out").mkdir()
        shutil.copy(built / "graph.json", tmp_path / "out" / "graph.json")
    result = CliRunner().invoke(main, ["report", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    markdown = assert_report(tmp_path / "out" / "report")
    G = kg.load(tmp_path / "out")
    papers = sum(1 for _, t in G.nodes(data="type") if t == "paper")
    assert f"{papers} papers" in markdown


def test_report_on_example_corpus(tmp_path):
    _build_and_report(EXAMPLES, tmp_path)


@pytest.mark.corpus
def test_report_on_shared_corpus(corpus_build, tmp_path):
    _build_and_report(None, tmp_path, built=corpus_build.out)


def test_labels_with_dollar_signs_are_drawn_as_text(tmp_path):
    G = make_graph({"p": {"uses": ["method/a", "dataset/d"], "compares": ["method/a"]}},
                   {"method/a": "$\\textit{latent}$ model", "dataset/d": "US$ prices"})
    write_report(G, tmp_path)
    assert "$\\textit{latent}$ model" in assert_report(tmp_path)


def test_year_less_dates_read_as_month_and_day_and_no_none_bar(tmp_path):
    from kg.report import _chart

    G = make_graph({"p": {"date": "--03-18", "uses": ["modality/text"]},
                    "q": {"date": "--03-19"}, "r": {"date": "2024-04-02",
                                                   "uses": ["modality/text"]}},
                   {"modality/text": "text"})
    report = build_report(G)
    figure = _chart("modality-dates.png", report.tables["modality-dates.png"])
    ticks = [t.get_text() for t in figure.axes[0].get_xticklabels()]
    assert ticks == ["Mar 18", "Mar 19", "2024-04-02"]
    bars = _chart("modality-mix.png", report.tables["modality-mix.png"])
    assert [t.get_text() for t in bars.axes[0].get_yticklabels()] == ["text"]
    write_report(G, tmp_path)
    assert "1 of 3 papers name no modality" in assert_report(tmp_path)
