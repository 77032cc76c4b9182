"""Hostile and malformed inputs: one-line errors naming file and line, nothing silently dropped."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import MAX_ABSTRACT_CHARS, read_papers
from kg.ingest.bibtex import latex_to_text, parse_bibtex

ABSTRACT = "We propose a small method. It beats the baseline on a toy benchmark."


def jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def error_of(*inputs) -> str:
    with pytest.raises(InputError) as caught:
        read_papers(inputs)
    return str(caught.value)


def test_an_abstract_over_the_bound_is_a_bad_record_not_a_spacy_crash(tmp_path):
    path = jsonl(tmp_path / "a.jsonl", {"title": "Huge", "abstract": "word " * 250_000},
                 {"title": "Fine", "abstract": ABSTRACT})
    assert error_of(path) == (f"{path}:1: abstract too long (1,249,999 characters; at most "
                              f"{MAX_ABSTRACT_CHARS:,})")
    report = read_papers([path], skip_bad=True)
    assert [p.title for p in report.papers] == ["Fine"] and len(report.skipped) == 1


@pytest.mark.parametrize("name, text", [
    ("deep.jsonl", "[" * 100_000 + "]" * 100_000 + "\n"),
    ("deep.json", "[" + "[" * 100_000 + "]" * 100_000 + "]"),
])
def test_json_nested_100000_deep_is_one_line(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert "nested too deeply" in error_of(tmp_path / name)


def test_a_lone_surrogate_is_a_bad_record(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"title": "Lone \\ud800 here", "abstract": "' + ABSTRACT + '"}\n',
                    encoding="utf-8")
    assert error_of(path) == f"{path}:1: text holds a lone surrogate (\\ud800), which is not " \
                             "valid Unicode"


@pytest.mark.parametrize("special", [os.devnull, "/dev/zero", "/dev/urandom"])
def test_devices_are_refused_at_once(special):
    assert "not a regular file (a device)" in error_of(special)


def test_a_fifo_inside_an_input_directory_is_refused_not_waited_on(tmp_path):
    jsonl(tmp_path / "ok.jsonl", {"title": "In a folder", "abstract": ABSTRACT})
    os.mkfifo(tmp_path / "pipe.txt")
    assert error_of(tmp_path) == f"{tmp_path / 'pipe.txt'}: not a regular file (a FIFO); " \
                                 "give files or directories"
    report = read_papers([tmp_path], skip_bad=True)
    assert len(report.papers) == 1 and len(report.skipped) == 1


@pytest.mark.parametrize("name, text", [
    ("empty.txt", ""), ("blank.txt", "  \n\n\t\n"), ("chrome.txt", "Subscribe\nDaily Papers\n"),
    ("header.csv", "title,abstract\n"), ("header.tsv", "title\tabstract\n"),
    ("empty.jsonl", "\n\n"), ("array.json", "[]"), ("empty.bib", "@comment{nothing}\n"),
    ("feed.atom", '<feed xmlns="http://www.w3.org/2005/Atom"></feed>'),
])
def test_an_input_without_papers_is_the_same_clear_error_in_every_format(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert error_of(tmp_path / name).startswith(f"{tmp_path / name}: holds no paper records")


def test_empty_json_and_xml_files_are_errors_too(tmp_path):
    for name in ("empty.json", "empty.xml"):
        (tmp_path / name).write_text("", encoding="utf-8")
        assert error_of(tmp_path / name).startswith(f"{tmp_path / name}")


def test_line_and_paragraph_separators_stay_inside_their_line(tmp_path):
    path = jsonl(tmp_path / "sep.jsonl",
                 {"title": "Sep\u2028title", "abstract": ABSTRACT + "\u0085 More."})
    listing = tmp_path / "sep.txt"
    listing.write_text(f"A title\u2028with a separator\n{ABSTRACT}\u0085 And more.\n"
                       f"Second title\n{ABSTRACT}\n", encoding="utf-8")
    papers = read_papers([path, listing]).papers
    assert [p.title for p in papers] == ["Sep title", "A title with a separator",
                                         "Second title"]


def test_an_unterminated_csv_quote_does_not_swallow_the_rest(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text(f'title,abstract\n"T1","{ABSTRACT}\n"T2","{ABSTRACT}"\n', encoding="utf-8")
    message = error_of(path)
    assert message.startswith(f"{path}:2: malformed CSV")
    (tmp_path / "end.csv").write_text(f'title,abstract\nT1,"{ABSTRACT}\n', encoding="utf-8")
    assert "never closed" in error_of(tmp_path / "end.csv")


def test_a_nul_byte_anywhere_is_binary(tmp_path):
    path = tmp_path / "late.txt"
    path.write_bytes(f"A title\n{ABSTRACT}\n".encode() * 500 + b"x\x00y\n")
    assert error_of(path) == f"{path}:1001: binary file, not a text format (NUL byte)"


@pytest.mark.parametrize("date", ["2024-02-30", "2024-13-45", "Feb 31", "NaN", "0000"])
def test_an_invalid_date_is_dropped_with_a_warning(tmp_path, date):
    path = jsonl(tmp_path / "d.jsonl", {"title": "Dated", "abstract": ABSTRACT, "date": date})
    report = read_papers([path])
    assert report.papers[0].date is None
    assert [str(w) for w in report.warnings] == [
        f"{path}:1: date {report.warnings[0].message.split(chr(39))[1]!r} is not a valid "
        "date; dropped"]


def test_a_year_alone_is_kept(tmp_path):
    path = jsonl(tmp_path / "y.jsonl", {"title": "Year", "abstract": ABSTRACT, "year": 2024})
    bib = tmp_path / "y.bib"
    bib.write_text("@article{k, title={Bib year}, abstract={" + ABSTRACT + "}, year = 2024}\n",
                   encoding="utf-8")
    report = read_papers([path, bib])
    assert [p.date for p in report.papers] == ["2024", "2024"] and not report.warnings


def test_the_same_title_with_different_arxiv_ids_stays_two_papers(tmp_path):
    path = jsonl(tmp_path / "t.jsonl",
                 {"title": "Same Title", "abstract": ABSTRACT, "id": "2401.00001"},
                 {"title": "Same title!", "abstract": ABSTRACT + " Other.", "id": "2401.00002"},
                 {"title": "Same Title", "abstract": ABSTRACT})  # no id: joins the first
    papers = read_papers([path]).papers
    assert [(p.arxiv_id, len(p.sources)) for p in papers] == [("2401.00001", 2),
                                                               ("2401.00002", 1)]


def test_titles_without_letters_or_digits_do_not_all_merge(tmp_path):
    path = jsonl(tmp_path / "s.jsonl", {"title": "🚀🚀", "abstract": ABSTRACT},
                 {"title": "???", "abstract": ABSTRACT}, {"title": "🚀 🚀", "abstract": ABSTRACT})
    papers = read_papers([path]).papers
    assert [p.title for p in papers] == ["🚀🚀", "???"]
    assert len({p.id for p in papers}) == 2


def test_an_atom_comment_does_not_shift_the_reported_line(tmp_path):
    path = tmp_path / "c.atom"
    path.write_text('<?xml version="1.0"?>\n<!-- an <entry> in a comment\n -->\n'
                    '<feed xmlns="http://www.w3.org/2005/Atom">\n<entry>\n<title>T</title>\n'
                    '</entry>\n</feed>\n', encoding="utf-8")
    assert error_of(path) == f"{path}:5: entry has no <summary> (abstract)"


def test_input_order_does_not_change_what_is_read(tmp_path):
    a = jsonl(tmp_path / "a.jsonl", {"title": "Shared", "abstract": ABSTRACT, "date": "2024-01-01"})
    b = jsonl(tmp_path / "b.jsonl", {"title": "shared", "abstract": ABSTRACT + " Longer.",
                                     "date": "2024-02-02"})
    assert read_papers([a, b]).papers == read_papers([b, a, a]).papers


# ------------------------------------------------------------------ BibTeX

BIB = r"""@string{conf = "Proc. of "}
@string{venue = conf # "a Workshop"}
@comment{not an entry}
@article{k1,
  title = {{$\beta$-VAE \cite{x}} for G{\"o}del's {\ss}, {\o} and {\"\i}},
  abstract = "Shown at " # venue # " with 50% more \emph{emphasis} --- really.",
  year = 2024,
  author = {M{\"u}ller, J. and Smith, A.},
  eprint = {2401.00001},
}
@article{,
  title = {No key},
}
@misc{k3, title = {Broken
"""


def test_bibtex_macros_concatenation_and_latex():
    first, no_key, broken = list(parse_bibtex(BIB, "x.bib"))
    assert first.title == "β-VAE for Gödel's ß, ø and ï"
    assert first.abstract == "Shown at Proc. of a Workshop with 50% more emphasis — really."
    assert first.authors == ("Müller, J.", "Smith, A.")
    assert (first.date, first.arxiv_id, str(first.sources[0])) == ("2024", "2401.00001",
                                                                   "x.bib:4")
    assert str(no_key) == "x.bib:11: entry (no citation key) has no abstract field"
    assert str(broken) == "x.bib:14: malformed BibTeX: Unexpectedly reached end of file."


def test_latex_to_text_keeps_every_word():
    assert latex_to_text(r"A & B at 50% on \LaTeX{} {\em data}") == "A & B at 50% on LaTeX data"
