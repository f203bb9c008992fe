"""Interruption: killing `make all` part-way and running it again gives exactly the outputs of
an uninterrupted run; a writer killed mid-write leaves nothing a later run would keep."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import config, storage
from pipeline.storage import write_table
from pipeline.tables import frame

OUTPUT_DIRS = ("interim", "processed", "figures", "report")
KILL_TIMEOUT_S = 120


def make_command(root: Path) -> list[str]:
    """`make all` on root/raw with every output under root, in this test's Python environment."""
    stamp = root / "venv-stamp"
    stamp.touch()
    return ["make", "--no-print-directory", "all", f"RAW={root / 'raw'}", f"INTERIM={root / 'interim'}",
            f"PROCESSED={root / 'processed'}", f"FIGURES={root / 'figures'}",
            f"REPORT={root / 'report' / 'report.html'}", f"PY={sys.executable}", f"VENV_STAMP={stamp}"]


def prepare(root: Path) -> None:
    (root / "raw").mkdir(parents=True)
    for path in sorted(config.RAW_DIR.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            shutil.copy2(path, root / "raw" / path.name)


def run_make(root: Path) -> None:
    result = subprocess.run(make_command(root), cwd=config.PROJ_ROOT, capture_output=True, text=True,
                            check=False, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]


def run_make_and_kill(root: Path, ready) -> None:
    """Start `make all`, SIGKILL its whole process group as soon as `ready(root)` is true."""
    proc = subprocess.Popen(make_command(root), cwd=config.PROJ_ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + KILL_TIMEOUT_S
    try:
        while not ready(root):
            assert proc.poll() is None, "the run finished before the kill point was reached"
            assert time.monotonic() < deadline, "kill point not reached in time"
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def outputs(root: Path) -> dict[str, bytes]:
    """Every file (hidden temporary files included) under the output folders, by relative path."""
    return {str(p.relative_to(root)): p.read_bytes()
            for d in OUTPUT_DIRS for p in sorted((root / d).rglob("*")) if p.is_file()}


def parsing_started(root: Path) -> bool:
    """The entities stage has cached its first parsed document: ingest is done, the rest is not."""
    return any((root / "interim").rglob("*.spacy"))


@pytest.mark.slow
def test_killed_make_all_then_rerun_equals_uninterrupted_run(tmp_path: Path) -> None:
    clean, killed = tmp_path / "clean", tmp_path / "killed"
    prepare(clean)
    run_make(clean)
    prepare(killed)
    run_make_and_kill(killed, parsing_started)
    assert not (killed / "report" / "report.html").exists(), "killed too late to test anything"
    run_make(killed)
    expected, got = outputs(clean), outputs(killed)
    assert sorted(got) == sorted(expected)
    assert [name for name in expected if got[name] != expected[name]] == []


def test_write_table_replaces_leftovers_of_a_killed_writer(tmp_path: Path) -> None:
    (tmp_path / ".topics.parquet.abc123.tmp").write_bytes(b"half a parquet file")
    (tmp_path / ".topics.csv.def456.tmp").write_bytes(b"speech_id,to")
    (tmp_path / ".other.csv.x.tmp").write_bytes(b"another table's writer")
    write_table(frame("topics"), tmp_path, "topics")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.csv.x.tmp", "topics.csv", "topics.parquet"]


def test_failed_write_leaves_the_previous_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_table(frame("topics", {"speech_id": ["a"], "topic": [1], "weight": [1.0]}), tmp_path, "topics")
    before = (tmp_path / "topics.parquet").read_bytes()

    def disk_full(table, path, *args, **kwargs):
        Path(path).write_bytes(b"half a parquet file")
        raise OSError("No space left on device")

    monkeypatch.setattr(storage.pq, "write_table", disk_full)
    with pytest.raises(OSError):
        write_table(frame("topics"), tmp_path, "topics")
    assert (tmp_path / "topics.parquet").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["topics.csv", "topics.parquet"]
