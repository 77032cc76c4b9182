"""Property tests (hypothesis): whatever the bytes, every reader and command answers cleanly.

- arbitrary bytes, and structured mutations of the valid fixtures, given to every
  reader: papers or a one-line ``InputError``, never another exception;
- small generated inputs built by ``kg build``: exit 0 or 2, never a traceback;
  every accepted build validates (``kg.validate``) and round-trips through ``kg.load``;
- arbitrary query text: ``check_read_only`` answers or raises ``QueryError``;
- arbitrary ``graph.json``: ``kg.load`` answers or raises ``KgError``.

Runs derandomised (the same examples every run) so CI never flakes; the whole
file takes well under a minute.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from kg.cli import main
from kg.errors import InputError, KgError, QueryError
from kg.ingest import FORMATS, read_papers, require_papers
from kg.query import check_read_only
from kg.validate import validate_export

FIXTURES = Path(__file__).parent / "fixtures"
FAST = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=6, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SUFFIX = {"listing": ".txt", "jsonl": ".jsonl", "json": ".json", "csv": ".csv", "tsv": ".tsv",
          "atom": ".atom", "bibtex": ".bib"}
# Characters that mean something to one reader or another.
SPECIAL = st.sampled_from(['"', "'", "{", "}", "[", "]", "<", ">", ",", "\t", "\n", "\r", "#",
                           "@", "\\", "&", "%", "$", "\x00", "\u2028", "\u0085", "\ufeff", "é"])


def read(data: bytes, name: str, fmt: str | None = None) -> None:
    """Read ``data`` as a file called ``name``: papers, or a one-line InputError, nothing else.

    A read that keeps no paper must be refused by ``require_papers`` (the build's check), so
    no input ends as a silently empty graph.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        for skip_bad in (False, True):
            try:
                report = require_papers(read_papers([path], skip_bad=skip_bad, fmt=fmt), [path])
            except InputError as err:
                assert str(err).startswith(str(path)) and "\n" not in str(err)
                continue
            assert report.papers and all(p.title and p.abstract for p in report.papers)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@FAST
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_never_break_a_reader(fmt, data):
    read(data, "input" + SUFFIX[fmt], fmt)


@st.composite
def mutated(draw):
    """A valid fixture file with a few bytes cut, inserted or repeated."""
    source = draw(st.sampled_from(sorted(p.name for p in FIXTURES.iterdir() if p.is_file())))
    data = bytearray((FIXTURES / source).read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["cut", "insert", "repeat", "truncate"]))
        if action == "cut":
            del data[at:at + draw(st.integers(1, 40))]
        elif action == "insert":
            data[at:at] = draw(st.one_of(SPECIAL.map(lambda c: c.encode("utf-8")),
                                         st.binary(min_size=1, max_size=5)))
        elif action == "repeat":
            data[at:at] = data[at:at + draw(st.integers(1, 200))]
        else:
            del data[at:]
    return source, bytes(data)


@FAST
@given(case=mutated())
def test_mutated_valid_files_never_break_a_reader(case):
    source, data = case
    read(data, source)


def paper_texts():
    words = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1,
                    max_size=12)
    sentence = st.lists(st.one_of(words, st.sampled_from(
        ["BERT", "ImageNet", "outperforms", "we propose", "[red]x[/red]", "\x1b[31m", "{\\o}",
         "😀", "???", "\u2028", "2024-02-30"])), min_size=1, max_size=10).map(" ".join)
    return st.tuples(sentence, sentence.map(lambda s: s + ". We test it. It beats GPT-4."))


@st.composite
def small_inputs(draw):
    """A JSON Lines file and a listing of a few generated papers (dates good and bad)."""
    rows = draw(st.lists(paper_texts(), min_size=1, max_size=4))
    dates = st.sampled_from([None, "2024-03-18", "2024", "2024-02-30", "Feb 31", "NaN", 2024])
    records = [{"title": t, "abstract": a, "date": draw(dates)} for t, a in rows]
    listing = "".join(f"{t.replace(chr(10), ' ')}\n{a.replace(chr(10), ' ')}\n" for t, a in rows)
    return records, listing


@SLOW
@given(case=small_inputs())
def test_every_accepted_build_validates_and_round_trips(case):
    records, listing = case
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records),
                                         encoding="utf-8")
        (folder / "in.txt").write_text(listing, encoding="utf-8")
        out = folder / "out"
        result = CliRunner().invoke(main, ["build", str(folder / "in.jsonl"),
                                           str(folder / "in.txt"), "--out", str(out), "-q",
                                           "--skip-bad"])
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            result.output
        assert result.exit_code in (0, 2), result.output
        if result.exit_code:
            assert not out.exists() and result.output.startswith("Error: ")
            return
        report = validate_export(out)
        assert report.conforms, [str(v) for v in report.violations[:3]]
        G = kg.load(out)
        data = nx.node_link_data(G, edges="edges")
        assert json.loads(json.dumps(data)) == json.loads((out / "graph.json").read_text(
            encoding="utf-8"))
        titles = {d["title"] for _, d in G.nodes(data=True) if d["type"] == "paper"}
        assert titles and all(t.strip() for t in titles)


@FAST
@given(query=st.one_of(st.text(max_size=200), st.lists(st.sampled_from(
    list("{}()<>?$#'\"\\ :.;,") + ["SELECT", "WHERE", "SERVICE", "INSERT", "\\u0053", "\n",
                                   "a", "kg:x", "*"]), max_size=40).map("".join)))
def test_any_query_text_is_answered_or_refused_in_one_line(query):
    try:
        check_read_only(query)
    except QueryError as err:
        assert "\n" not in str(err)


@FAST
@given(data=st.one_of(st.binary(max_size=200), st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["nodes", "edges", "graph", "id", "source", "target", "key",
                         "directed", "multigraph", "base_iri"]), inner, max_size=4),
    max_leaves=12).map(lambda v: json.dumps(v).encode())))
def test_any_graph_json_loads_or_is_one_line_error(data):
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "graph.json").write_bytes(data)
        try:
            kg.load(folder)
        except KgError as err:
            assert "\n" not in str(err)
