"""Bad inputs, generated here: each gets a clear message naming the file, a row in
ingest_errors, and the rest of the corpus is still ingested; --strict fails; RAW is never written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline import config, ingest

SPEECH = ("Mr. President,\n\nMigrants’ rights — “safe, orderly and regular” migration matters to the café "
          "owner and to the State. We must act together.\n\nThank you.")
BAD_METADATA = ("file,speaker,date,colour\n"
                "Déclaration à l’Assemblée.txt,Marie Exemple,13 Brumaire,blue\n"
                "cp1252.txt,Jan Example,2018-12-10,red\n"
                "missing speech.txt,Nobody,2000,\n")

# (file, severity, problem, words the message must contain): one row of ingest_errors each.
EXPECTED_PROBLEMS = [
    ("empty.txt", "error", "empty", "empty"),
    ("blank.txt", "error", "empty", "only whitespace"),
    ("garbage.txt", "error", "binary", "binary"),
    ("huge.txt", "error", "too_large", "file is 50 MB, over the 20 MB limit"),
    ("no punctuation.txt", "warning", "no_punctuation", "no sentence punctuation"),
    ("copy of speech.txt", "warning", "duplicate", "same text as"),
    ("corrupt.pdf", "error", "corrupt_pdf", "corrupt PDF"),
    ("scanned.pdf", "error", "no_text_layer", "OCR it first"),
    ("corrupt.docx", "error", "corrupt_docx", "Word"),
    ("pipe.txt", "error", "unreadable", "not a regular file"),
    ("broken link.txt", "error", "unreadable", "broken or looping link"),
    ("loop.txt", "error", "unreadable", "broken or looping link"),
    ("folder.txt", "error", "unreadable", "a folder"),
    ("notes.rtf", "warning", "unsupported", "not read"),
    ("metadata.csv", "warning", "unknown_columns", "colour"),
    ("metadata.csv", "warning", "missing_file", "missing speech.txt"),
    ("Déclaration à l’Assemblée.txt", "warning", "bad_date", "13 Brumaire"),
]
GOOD = ["Déclaration à l’Assemblée", "cp1252", "utf16", "no punctuation", "copy of speech"]


def make_scanned_pdf() -> bytes:
    """A PDF whose only page is an image, as a scanner makes it: no text layer."""
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("RGB", (200, 100), "white"), x=10, y=10, w=100)
    return bytes(pdf.output())


def build_bad_corpus(raw: Path, default_raw: Path) -> None:
    """Copy the default speeches into `raw` and add one file per kind of bad input."""
    raw.mkdir()
    for path in sorted(default_raw.glob("*.txt")):
        (raw / path.name).write_bytes(path.read_bytes())
    first = sorted(default_raw.glob("*.txt"))[0]
    (raw / "copy of speech.txt").write_bytes(first.read_bytes())
    (raw / "empty.txt").write_bytes(b"")
    (raw / "blank.txt").write_bytes(b" \n\t\r\n   \n")
    (raw / "garbage.txt").write_bytes(bytes(range(256)) * 64)
    (raw / "cp1252.txt").write_bytes(SPEECH.encode("cp1252"))
    (raw / "utf16.txt").write_bytes(b"\xff\xfe" + SPEECH.replace("State", "nation").encode("utf-16-le"))
    (raw / "Déclaration à l’Assemblée.txt").write_text(SPEECH.replace("café", "bakery"), encoding="utf-8")
    (raw / "no punctuation.txt").write_text("we welcome the compact\nand we thank the hosts\n", encoding="utf-8")
    with open(raw / "huge.txt", "wb") as huge:  # 50 MB, sparse: instant to make
        huge.truncate(50 * 1024 * 1024)
    (raw / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> and then nothing")
    (raw / "scanned.pdf").write_bytes(make_scanned_pdf())
    (raw / "corrupt.docx").write_bytes(b"PK\x03\x04 this zip archive stops here")
    os.mkfifo(raw / "pipe.txt")  # reading it would block forever
    (raw / "broken link.txt").symlink_to(raw / "does-not-exist.txt")
    (raw / "loop.txt").symlink_to(raw / "loop.txt")
    (raw / "folder.txt").mkdir()
    (raw / "notes.rtf").write_text("{\\rtf1 not read}", encoding="utf-8")
    (raw / config.METADATA_FILENAME).write_text(BAD_METADATA, encoding="utf-8")


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry of `folder`: kind, size, mtime and (for regular files) content."""
    out = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        data = path.read_bytes() if path.is_file() and not path.is_symlink() and st.st_size < 1e6 else None
        out[str(path.relative_to(folder))] = (st.st_mode, st.st_size, st.st_mtime_ns, data)
    return out


def run_ingest(raw: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "ingest", "--raw", str(raw), "--out", str(out),
                           *extra], capture_output=True, text=True, check=False, timeout=120)


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory: pytest.TempPathFactory, raw_dir: Path):
    """One ingest run over the bad corpus: (raw folder, result, speeches, errors, RAW before and after)."""
    root = tmp_path_factory.mktemp("bad")
    raw = root / "raw"
    build_bad_corpus(raw, raw_dir)
    before = snapshot(raw)
    result = run_ingest(raw, root / "processed")
    after = snapshot(raw)
    speeches = pd.read_parquet(root / "processed" / "speeches.parquet").set_index("speech_id", drop=False)
    errors = pd.read_csv(root / "processed" / "ingest_errors.csv", keep_default_na=False)
    return raw, result, speeches, errors, before, after


def test_bad_inputs_do_not_stop_the_run(bad_run) -> None:
    _, result, speeches, _, _, _ = bad_run
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    expected = {p.stem for p in sorted(config.RAW_DIR.glob("*.txt"))} | set(GOOD)
    assert set(speeches.index) == expected


@pytest.mark.parametrize(("file", "severity", "problem", "words"), EXPECTED_PROBLEMS)
def test_each_bad_input_is_reported_by_name(bad_run, file: str, severity: str, problem: str, words: str) -> None:
    _, result, _, errors, _, _ = bad_run
    rows = errors[(errors.file == file) & (errors.problem == problem)]
    assert len(rows) == 1, f"no single '{problem}' row for {file}:\n{errors.to_string()}"
    row = rows.iloc[0]
    assert row.severity == severity
    assert words in row.message
    assert f"{file}: {severity}: {row.message}" in result.stderr.splitlines()


def test_no_other_problems_are_reported(bad_run) -> None:
    errors = bad_run[3]
    expected = {(f, p) for f, _, p, _ in EXPECTED_PROBLEMS}
    assert set(zip(errors.file, errors.problem, strict=True)) == expected


@pytest.mark.parametrize(
    ("speech_id", "encoding", "phrase"),
    [("cp1252", "cp1252", "Migrants’ rights — “safe, orderly and regular” migration matters to the café"),
     ("utf16", "utf-16-le (BOM)", "to the nation"),
     ("Déclaration à l’Assemblée", "utf-8", "to the bakery owner")],
)
def test_odd_encodings_and_names_are_read_exactly(bad_run, speech_id: str, encoding: str, phrase: str) -> None:
    row = bad_run[2].loc[speech_id]
    assert row.encoding == encoding
    assert phrase in row.text
    assert row.source_file == f"{speech_id}.txt"


def test_metadata_applies_good_values_and_keeps_parsed_ones_for_bad(bad_run) -> None:
    speeches = bad_run[2]
    assert speeches.loc["cp1252"].speaker == "Jan Example"
    assert speeches.loc["cp1252"].date == "2018-12-10"
    assert speeches.loc["Déclaration à l’Assemblée"].speaker == "Marie Exemple"
    assert pd.isna(speeches.loc["Déclaration à l’Assemblée"].date)


def test_duplicate_is_kept_once_and_points_to_the_first(bad_run) -> None:
    speeches = bad_run[2]
    first = sorted(config.RAW_DIR.glob("*.txt"))[0].stem
    copy = speeches.loc["copy of speech"]
    assert copy.duplicate_of == first
    assert pd.isna(speeches.loc[first].duplicate_of)
    assert speeches.duplicate_of.notna().sum() == 1


def test_raw_is_never_written(bad_run) -> None:
    _, _, _, _, before, after = bad_run
    assert after == before


def test_strict_turns_problems_into_a_failure(bad_run, tmp_path: Path) -> None:
    raw = bad_run[0]
    result = run_ingest(raw, tmp_path / "strict", "--strict")
    assert result.returncode != 0
    assert "--strict" in result.stderr and "ingest_errors.csv" in result.stderr
    assert "empty.txt: error: file is empty" in result.stderr


def test_strict_passes_on_a_clean_corpus(tmp_path: Path, raw_dir: Path) -> None:
    result = run_ingest(raw_dir, tmp_path, "--strict")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("strict", "flag_expected"), [("1", True), ("yes", True), ("0", False)])
def test_make_strict_passes_the_flag_to_ingest(tmp_path: Path, raw_dir: Path, strict: str,
                                               flag_expected: bool) -> None:
    result = subprocess.run(["make", "--dry-run", "--always-make", "ingest", f"STRICT={strict}",
                             f"RAW={raw_dir}", f"PROCESSED={tmp_path}", f"VENV_STAMP={tmp_path / 'stamp'}"],
                            cwd=config.PROJ_ROOT, capture_output=True, text=True, check=False)
    ingest_lines = [line for line in result.stdout.splitlines() if "-m pipeline ingest" in line]
    assert ingest_lines, result.stdout + result.stderr
    assert ("--strict" in ingest_lines[0]) == flag_expected


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_permission_denied_is_reported(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "locked.txt").write_text("A speech nobody may read.", encoding="utf-8")
    (raw / "locked.txt").chmod(0)
    tables = ingest.build_tables(raw)
    speeches, errors = tables["speeches"], tables["ingest_errors"]
    assert speeches.empty
    assert errors.iloc[0].problem == "unreadable" and "permission denied" in errors.iloc[0].message


def test_worker_processes_report_bad_files_too(bad_run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A big corpus is ingested by several processes: their errors must come back intact."""
    monkeypatch.setattr(ingest, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setenv("PIPELINE_N_PROCESS", "2")
    tables = ingest.build_tables(bad_run[0])
    speeches, errors = tables["speeches"], tables["ingest_errors"]
    assert sorted(speeches.speech_id) == sorted(bad_run[2].speech_id)
    assert errors.to_dict("records") == bad_run[3].to_dict("records")
