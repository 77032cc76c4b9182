"""The output directory: staging, lock, manifest, recovery after kills, signals, OS errors."""

from __future__ import annotations

import errno
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.errors import ExportError
from kg.outdir import MANIFEST, read_manifest, staged_output

KG = [sys.executable, "-c", "from kg.cli import main; main()"]


def write(staging: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (staging / name).parent.mkdir(parents=True, exist_ok=True)
        (staging / name).write_text(text, encoding="utf-8")


def siblings(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if p.name != "out")


def test_a_build_replaces_only_what_it_wrote_and_lists_it(tmp_path):
    out = tmp_path / "out"
    with staged_output(out) as staging:
        write(staging, {"graph.ttl": "a", "views/x.html": "b"})
    manifest = read_manifest(out)
    assert sorted(manifest) == ["graph.ttl", "views/x.html"]
    with staged_output(out) as staging:
        write(staging, {"graph.ttl": "c"})
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        MANIFEST, "graph.ttl"]
    assert siblings(tmp_path) == []  # no staging, lock or old directory left beside it


@pytest.mark.parametrize("foreign", [
    {"index.html": "<p>mine</p>", "report/notes.txt": "my notes"},  # the data-loss case
    {"notes.txt": "mine"},
    {"graph.json": "{}", "views/my.txt": "x"},  # an older build plus a file of the user's
])
def test_a_directory_with_files_kg_did_not_write_is_never_replaced(tmp_path, foreign):
    out = tmp_path / "out"
    write(out, foreign)
    with pytest.raises(ExportError, match="refusing to replace"), staged_output(out) as staging:
        write(staging, {"graph.ttl": "new"})
    for name, text in foreign.items():
        assert (out / name).read_text(encoding="utf-8") == text
    assert siblings(tmp_path) == []


def test_a_file_changed_since_the_build_is_kept(tmp_path):
    out = tmp_path / "out"
    with staged_output(out) as staging:
        write(staging, {"index.html": "kg's"})
    (out / "index.html").write_text("edited by hand", encoding="utf-8")
    with pytest.raises(ExportError, match="index.html"), staged_output(out) as staging:
        write(staging, {"index.html": "new"})
    assert (out / "index.html").read_text(encoding="utf-8") == "edited by hand"


def test_an_older_builds_directory_is_replaced(tmp_path):
    out = tmp_path / "out"
    write(out, {"graph.json": "{}", "graph.ttl": "", "views/full.html": "", "report/a.png": ""})
    with staged_output(out) as staging:
        write(staging, {"graph.json": "new"})
    assert (out / "graph.json").read_text(encoding="utf-8") == "new"
    assert not (out / "views").exists()


def test_kg_view_and_report_outputs_are_added_to_the_manifest(tmp_path):
    from kg.outdir import record_outputs

    out = tmp_path / "out"
    with staged_output(out) as staging:
        write(staging, {"graph.json": "{}"})
    write(out, {"views/focus-x.html": "focus"})
    record_outputs(out, [out / "views/focus-x.html", tmp_path / "elsewhere.txt"])
    assert "views/focus-x.html" in read_manifest(out)
    with staged_output(out) as staging:
        write(staging, {"graph.json": "{}"})
    assert not (out / "views").exists()


def test_an_error_inside_leaves_the_previous_output(tmp_path):
    out = tmp_path / "out"
    with staged_output(out) as staging:
        write(staging, {"graph.ttl": "old"})
    with pytest.raises(RuntimeError), staged_output(out) as staging:
        write(staging, {"graph.ttl": "half"})
        raise RuntimeError("writer failed")
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "old"
    assert siblings(tmp_path) == []


def test_a_second_build_into_the_same_directory_is_refused(tmp_path):
    out = tmp_path / "out"
    with staged_output(out) as staging:
        write(staging, {"graph.ttl": "first"})
        with pytest.raises(ExportError, match="another kg build is writing it"):
            with staged_output(out):
                pass
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "first"


def test_leftovers_of_killed_builds_are_cleaned_up_and_reported(tmp_path):
    out = tmp_path / "out"
    with staged_output(out) as staging:
        write(staging, {"graph.ttl": "previous"})
    # killed while writing: a marked staging directory with partial files ...
    with staged_output(tmp_path / "other") as staging:
        pass
    stale = tmp_path / ".out.tmp-dead1234"
    write(stale, {".kg-staging": "", "graph.ttl": "partial"})
    # ... and killed between the two renames: out missing, the previous output set aside
    (out).rename(tmp_path / ".out.old-99999")
    notes: list[str] = []
    with staged_output(out, notify=notes.append) as staging:
        assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous"  # restored
        write(staging, {"graph.ttl": "new"})
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "new"
    assert any("removed" in n and ".out.tmp-dead1234" in n for n in notes)
    assert any("restored" in n for n in notes)
    assert sorted(siblings(tmp_path)) == ["other"]


def test_a_foreign_directory_named_like_staging_is_left_alone(tmp_path):
    lookalike = tmp_path / ".out.tmp-mine"
    write(lookalike, {"thesis.tex": "mine"})
    with staged_output(tmp_path / "out") as staging:
        write(staging, {"graph.ttl": ""})
    assert (lookalike / "thesis.tex").exists()


def test_a_symlinked_out_stays_a_symlink(tmp_path):
    target = tmp_path / "real"
    (tmp_path / "out").symlink_to(target, target_is_directory=True)
    with staged_output(tmp_path / "out") as staging:
        write(staging, {"graph.ttl": "x"})
    assert (tmp_path / "out").is_symlink()
    assert (target / "graph.ttl").read_text(encoding="utf-8") == "x"


def test_the_current_directory_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "graph.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ExportError, match="current directory or a mount point"):
        with staged_output("."):
            pass
    assert (tmp_path / "graph.json").exists()


@pytest.mark.parametrize("code, words", [(errno.EROFS, "read-only file system"),
                                         (errno.EBUSY, "busy"),
                                         (errno.ENOSPC, "no space left")])
def test_os_errors_are_one_line(tmp_path, monkeypatch, code, words):
    import tempfile

    def failing(*args, **kwargs):
        raise OSError(code, os.strerror(code), str(tmp_path / ".out.tmp-x"))

    monkeypatch.setattr(tempfile, "mkdtemp", failing)
    with pytest.raises(ExportError, match=f"(?i){words}"), staged_output(tmp_path / "out"):
        pass


def _tiny_input(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    rows = [{"title": f"Paper {i}", "abstract": f"We train a transformer on ImageNet {i}. "
             "It beats ResNet by far."} for i in range(30)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_full_disk_while_writing_is_one_line_and_keeps_the_old_output(tmp_path):
    source = _tiny_input(tmp_path)
    out = tmp_path / "out"
    subprocess.run([*KG, "build", str(source), "--out", str(out), "-q"], check=True)
    before = (out / "graph.ttl").read_bytes()

    def small_files():  # writes past 20 kB fail with EFBIG, as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    # --no-cache: the same inputs again would find the build up to date and write nothing
    result = subprocess.run([*KG, "build", str(source), "--out", str(out), "-q", "--no-cache"],
                            preexec_fn=small_files, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "cannot write" in result.stderr
    assert (out / "graph.ttl").read_bytes() == before
    assert siblings(tmp_path) == ["in.jsonl"]


@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_and_sigint_while_writing_leave_the_previous_output(tmp_path, sig, code):
    out = tmp_path / "out"
    with staged_output(out) as staging:
        write(staging, {"graph.ttl": "previous"})
    # A writer that waits inside the staging block until it is signalled.
    script = (
        "import signal, sys, time\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"  # even if started ignored
        "from kg.cli.common import run_guarded\n"
        "from kg.outdir import staged_output\n"
        "@run_guarded\n"
        "def build():\n"
        f"    with staged_output({str(out)!r}) as staging:\n"
        "        (staging / 'graph.ttl').write_text('half')\n"
        "        print('writing', flush=True)\n"
        "        time.sleep(30)\n"
        "build()\n")
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "writing"
    child.send_signal(sig)
    started = time.monotonic()
    _, stderr = child.communicate(timeout=20)
    assert time.monotonic() - started < 10
    assert child.returncode == code
    assert "interrupted; no output was written" in stderr and "Traceback" not in stderr
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous"
    assert siblings(tmp_path) == []


def _run_record(name: str) -> bool:
    # The resolution an update resumes lists the papers in the order they were read (it
    # resumes only after the same papers in the same order); the digests kept beside it
    # name it.
    return name.startswith("store/") or name in ("state/build.json", "state/resolve.marshal",
                                                 "state/digests.marshal")


def test_same_inputs_in_any_order_and_any_hash_seed_give_identical_files(tmp_path, fixtures):
    inputs = [str(fixtures / n) for n in ("papers.jsonl", "listing.txt", "papers.csv",
                                          "papers.bib", "arxiv.atom")]
    outs = []
    for seed, order in (("1", inputs), ("2", inputs[::-1])):
        out = tmp_path / f"out{seed}"
        subprocess.run([*KG, "build", *order, "--out", str(out), "-q", "--skip-bad"],
                       check=True, env={**os.environ, "PYTHONHASHSEED": seed},
                       capture_output=True)
        files = {p.relative_to(out).as_posix(): p.read_bytes()
                 for p in sorted(out.rglob("*")) if p.is_file()}
        # The store is a database whose files carry random ids, and state/build.json records
        # the inputs as given; the manifest lists both.
        manifest = json.loads(files.pop(MANIFEST))["files"]
        files[MANIFEST] = json.dumps({k: v for k, v in manifest.items()
                                      if not _run_record(k)}).encode()
        outs.append({k: v for k, v in files.items() if not _run_record(k)})
    assert outs[0].keys() == outs[1].keys() and "views/methods-datasets.html" in outs[0]
    assert "state/ids.json" in outs[0] and "state/rdf.json" in outs[0]
    assert [name for name in outs[0] if outs[0][name] != outs[1][name]] == []


def test_files_unchanged_or_kept_by_hard_link_are_not_read_again(tmp_path, monkeypatch):
    import kg.outdir

    out = tmp_path / "out"
    with staged_output(out) as staging:
        (staging / "big.bin").write_bytes(b"x" * 1000)
        (staging / "small.txt").write_text("a")
    later = time.time() + 10  # the files are older than the manifest (not "racily clean")
    os.utime(out / MANIFEST, (later, later))
    read, real = [], kg.outdir._hash
    monkeypatch.setattr(kg.outdir, "_hash", lambda path: read.append(Path(path).name)
                        or real(path))
    with staged_output(out) as staging:
        os.link(out / "big.bin", staging / "big.bin")  # kept, as an incremental build keeps
        (staging / "small.txt").write_text("b")
    assert read == ["small.txt"], "the check trusted both; the kept file kept its hash"
    assert read_manifest(out)["big.bin"] == real(out / "big.bin")
    read.clear()
    (out / "small.txt").write_text("c")  # an edit of the same size, maybe in the same tick
    with pytest.raises(ExportError, match="small.txt"), staged_output(out):
        pass
    assert "small.txt" in read


def test_files_hashed_ahead_take_that_hash_only_while_unchanged(tmp_path, monkeypatch):
    import kg.outdir
    from kg.outdir import hash_ahead

    out = tmp_path / "out"
    read, real = [], kg.outdir._hash
    monkeypatch.setattr(kg.outdir, "_hash", lambda path: read.append(Path(path).name)
                        or real(path))
    with staged_output(out) as staging:
        (staging / "kept.bin").write_bytes(b"x" * 5000)
        (staging / "edited.bin").write_bytes(b"y" * 5000)
        hash_ahead(staging, ["kept.bin", "edited.bin"])
        hash_ahead(staging, ["kept.bin"])  # a second batch waits for the first
        (staging / "edited.bin").write_bytes(b"z" * 6000)  # rewritten after it was hashed
        (staging / "later.txt").write_text("c")
    assert sorted(read) == ["edited.bin", "edited.bin", "kept.bin", "later.txt"]
    manifest = read_manifest(out)
    assert {name: manifest[name] for name in ("kept.bin", "edited.bin", "later.txt")} == {
        name: real(out / name) for name in ("kept.bin", "edited.bin", "later.txt")}


def test_a_failed_build_waits_for_its_hashing_and_leaves_no_staging(tmp_path):
    from kg.outdir import _AHEAD, hash_ahead

    out = tmp_path / "out"
    with pytest.raises(RuntimeError), staged_output(out) as staging:
        (staging / "a.bin").write_bytes(b"x" * 5000)
        hash_ahead(staging, ["a.bin"])
        raise RuntimeError("writer failed")
    assert not out.exists() and not _AHEAD
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.tmp")] == []


def test_a_file_joined_from_pieces_is_hashed_by_them_and_its_edits_are_still_seen(tmp_path):
    import hashlib

    from kg.outdir import file_digest, ranges_digest, read_ranges, record_outputs, spliced

    out = tmp_path / "out"
    parts = [b"a" * 3000, b"bc" * 700, b"d"]
    with staged_output(out) as staging:
        (staging / "joined.nt").write_bytes(b"".join(parts))
        spliced(staging, "joined.nt", [(len(p), hashlib.sha256(p).hexdigest()) for p in parts])
        (staging / "plain.txt").write_text("x")
    ranges = read_ranges(out)["joined.nt"]
    assert read_manifest(out)["joined.nt"] == ranges_digest(ranges) == file_digest(
        out / "joined.nt", ranges)
    (out / "extra.txt").write_text("y")
    record_outputs(out, [out / "extra.txt"])  # a later command keeps the pieces' hashes
    assert read_ranges(out)["joined.nt"] == ranges
    os.utime(out / "joined.nt", (time.time() + 20, time.time() + 20))  # touched, same bytes
    with staged_output(out):
        pass
    with staged_output(out) as staging:
        (staging / "joined.nt").write_bytes(b"".join(parts))
        spliced(staging, "joined.nt", [(len(p), hashlib.sha256(p).hexdigest()) for p in parts])
    (out / "joined.nt").write_bytes(b"".join(parts).replace(b"bc", b"cb", 1))  # an edit
    with pytest.raises(ExportError, match="joined.nt"), staged_output(out):
        pass


def test_a_file_changed_after_it_was_declared_spliced_is_hashed_whole(tmp_path):
    import hashlib

    from kg.outdir import read_ranges, spliced

    out = tmp_path / "out"
    with staged_output(out) as staging:
        (staging / "joined.nt").write_bytes(b"abc")
        spliced(staging, "joined.nt", [(3, hashlib.sha256(b"abc").hexdigest())])
        (staging / "joined.nt").write_bytes(b"abcd")  # rewritten since
    assert read_manifest(out)["joined.nt"] == hashlib.sha256(b"abcd").hexdigest()
    assert read_ranges(out) == {}
