from __future__ import annotations

import json

import pytest

from kg.errors import InputError
from kg.ingest import detect_format, merge_papers, read_file, read_papers
from kg.ingest.listing import is_abstract_line, parse_listing
from kg.ingest.records import normalise_date, paper_id, title_key


def papers_of(path, fmt=None):
    return [r for r in read_file(path, fmt) if not isinstance(r, InputError)]


def test_listing_drops_chrome_and_keeps_date_urls_and_arxiv_id(fixtures):
    papers = papers_of(fixtures / "listing.txt")
    assert [p.title for p in papers] == [
        "GlimmerNet: Sparse Attention for Tiny Image Classifiers",
        "Counting Sheep with Large Language Models",
    ]
    first = papers[0]
    assert first.abstract.startswith("We present GlimmerNet")
    assert first.date == "--05-04"
    assert first.arxiv_id == "2405.01234"
    assert first.id == "arxiv-2405.01234"
    assert first.urls == ("https://example.org/glimmernet",)
    # the title sits on line 13 of the fixture (after 12 lines of chrome and blanks)
    assert str(first.sources[0]).endswith("listing.txt:13")


def test_listing_without_blank_lines_and_title_glued_to_chrome(fixtures):
    papers = papers_of(fixtures / "glued.txt")
    assert [p.title for p in papers] == [
        "HarborLM: Shipping Logs as Text for Anomaly Detection",
        "Counting Sheep with Large Language Models",
    ]
    assert papers[0].sources[0].line == 3


def test_title_without_abstract_is_an_error_naming_its_line():
    lines = ["Subscribe", "A Title", "Another Title Right After", "An abstract. It has sentences."]
    records = list(parse_listing(lines, "x.txt"))
    errors = [r for r in records if isinstance(r, InputError)]
    assert len(errors) == 1 and errors[0].line == 2
    assert str(errors[0]).startswith("x.txt:2: title without an abstract")
    assert records[-1].title == "Another Title Right After"


def test_listing_title_at_end_of_file_is_an_error():
    lines = ["A Title", "Its abstract. Two sentences.", "Dangling Title"]
    records = list(parse_listing(lines, "y.txt"))
    assert isinstance(records[-1], InputError) and records[-1].line == 3


@pytest.mark.parametrize("text, expected", [
    ("Scaling Laws for Neural Machine Translation", False),
    ("Transformers vs. RNNs for Tiny Devices", False),
    ("We study X. It works well.", True),
    ("x" * 300, True),
])
def test_abstract_line_shape(text, expected):
    assert is_abstract_line(text) is expected


def test_jsonl_reader(fixtures):
    papers = papers_of(fixtures / "papers.jsonl")
    assert [p.arxiv_id for p in papers] == ["2311.00042", "2312.04567"]
    assert papers[0].authors == ("A. Gale", "B. Breeze")
    assert papers[0].date == "2023-11-01"
    assert papers[1].sources[0].line == 2


def test_json_array_reader_numbers_records_by_line(fixtures):
    papers = papers_of(fixtures / "papers.json")
    assert [p.title for p in papers] == ["Whisperwind: Robust Speech Recognition in Storms",
                                         "Folded Proteins, Folded Prompts"]
    assert [p.sources[0].line for p in papers] == [2, 5]


def test_csv_reader(fixtures):
    papers = papers_of(fixtures / "papers.csv")
    assert len(papers) == 2 and papers[1].title == "Graphs All the Way Down"
    assert papers[0].date == "2024-02-10"


def test_atom_reader(fixtures):
    papers = papers_of(fixtures / "arxiv.atom")
    assert [p.arxiv_id for p in papers] == ["2401.09999", "2401.08888"]
    assert papers[0].title == "Velvet: Soft Prompts for Video Diffusion"
    assert papers[0].authors == ("C. Silk",)
    assert papers[0].date == "2024-01-18"
    assert papers[0].sources[0].line == 4


def test_bibtex_reader_reads_abstracts_and_rejects_entries_without(fixtures):
    records = list(read_file(fixtures / "papers.bib"))
    paper, error = records
    assert paper.title == "Ember: Warm-Starting RL Agents from Language Models"
    assert paper.arxiv_id == "2402.11111"
    assert paper.authors == ("Flint, E.", "Tinder, F.")
    assert isinstance(error, InputError) and error.line == 15
    assert "no abstract" in str(error)


@pytest.mark.parametrize("name, text, expected", [
    ("a.txt", "Title\nAbstract.", "listing"),
    ("a.jsonl", "{}", "jsonl"),
    ("a.json", "[{}]", "json"),
    ("a.json", '{"title": 1}\n{"title": 2}', "jsonl"),
    ("a.csv", "title,abstract", "csv"),
    ("a.xml", "<feed/>", "atom"),
    ("a.bib", "@article{x,}", "bibtex"),
    ("noext", "  [ {} ]", "json"),
    ("noext", "<?xml version='1.0'?><feed/>", "atom"),
    ("noext", "@misc{k, title={T}}", "bibtex"),
    ("noext", "Some Title\nSome abstract.", "listing"),
])
def test_detect_format(name, text, expected):
    assert detect_format(name, text) == expected


def test_same_paper_in_several_files_becomes_one_with_all_sources(fixtures):
    report = read_papers([fixtures / "listing.txt", fixtures / "glued.txt"])
    titles = [p.title for p in report.papers]
    assert titles.count("Counting Sheep with Large Language Models") == 1
    sheep = next(p for p in report.papers if p.title.startswith("Counting Sheep"))
    assert {s.file.rsplit("/", 1)[-1] for s in sheep.sources} == {"listing.txt", "glued.txt"}
    assert report.records == 4 and len(report.papers) == 3 and report.duplicates == 1


def test_merge_by_arxiv_id_or_title(fixtures):
    jsonl = papers_of(fixtures / "papers.jsonl")
    array = papers_of(fixtures / "papers.json")
    merged = merge_papers([*jsonl, *array])
    assert len(merged) == 3
    whisper = merged[0]
    assert whisper.id == "arxiv-2311.00042" and len(whisper.sources) == 2


def test_paper_ids_are_stable_and_title_based_without_arxiv_id():
    assert paper_id("A Title", None) == paper_id("A Title", None)
    assert paper_id("A Title", None) != paper_id("Another Title", None)
    assert paper_id("A Title", None).startswith("a-title-")
    assert title_key("BERT: Pre-training!") == title_key("bert pre training")


def test_dates():
    assert normalise_date("Mar 18") == "--03-18"
    assert normalise_date("2024-01-18T18:00:00Z") == "2024-01-18"


# ---- bad input: one-line errors naming file and line ----

def test_binary_file(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"Title\n\x00\x01\x02binary")
    with pytest.raises(InputError, match=r"blob\.txt:2: binary file"):
        list(read_file(path))


def test_undecodable_file(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Title\nAbstract with caf\xe9.\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin\.txt:2: not UTF-8"):
        list(read_file(path))


def test_malformed_json_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    good = json.dumps({"title": "T", "abstract": "A."})
    path.write_text(f"{good}\n{{not json\n{good}\n")
    records = list(read_file(path))
    assert isinstance(records[1], InputError) and records[1].line == 2
    assert str(records[1]).startswith(f"{path}:2: malformed JSON")


def test_malformed_json_array(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('[\n {"title": "T", "abstract": "A."},\n {"title": oops}\n]')
    with pytest.raises(InputError, match=r"bad\.json:3: malformed JSON"):
        list(read_file(path))


def test_json_record_without_abstract(tmp_path):
    path = tmp_path / "half.jsonl"
    path.write_text('{"title": "Only a title"}\n')
    (error,) = list(read_file(path))
    assert str(error) == f"{path}:1: record has no 'abstract'"


def test_csv_without_title_column(tmp_path):
    path = tmp_path / "notitle.csv"
    path.write_text("name_of_thing,abstract\nx,y\n")
    with pytest.raises(InputError, match=r"notitle\.csv:1: CSV header has no title column"):
        list(read_file(path))


def test_malformed_atom(tmp_path):
    path = tmp_path / "broken.atom"
    path.write_text("<feed xmlns='http://www.w3.org/2005/Atom'>\n<entry>\n</feed>")
    with pytest.raises(InputError, match=r"broken\.atom:3: malformed XML"):
        list(read_file(path))


def test_missing_input():
    with pytest.raises(InputError, match="no such file"):
        read_papers(["/nonexistent/papers.txt"])


def test_skip_bad_counts_and_keeps_going(tmp_path, fixtures):
    (tmp_path / "bad.jsonl").write_text('{"title": "T"}\n{oops\n')
    (tmp_path / "blob.txt").write_bytes(b"\x00\x00")
    (tmp_path / "good.txt").write_text((fixtures / "listing.txt").read_text())
    report = read_papers([tmp_path], skip_bad=True)
    assert len(report.papers) == 2
    assert len(report.skipped) == 3
    assert sorted(e.line for e in report.skipped) == [1, 1, 2]


def test_directories_are_read_recursively_and_unknown_files_reported(tmp_path, fixtures):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text((fixtures / "listing.txt").read_text())
    (tmp_path / "notes.md").write_text("# not papers")
    report = read_papers([tmp_path])
    assert len(report.papers) == 2 and report.files == 1
    assert report.ignored_files == [str(tmp_path / "notes.md")]
