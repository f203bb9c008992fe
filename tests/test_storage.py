"""Tables are checked against their declaration and written as Parquet and CSV that read back
to the same rows."""

from __future__ import annotations

import errno
import os
import shlex
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline import config, storage, tables
from pipeline.__main__ import main as pipeline_main
from pipeline.errors import OutputError
from pipeline.storage import read_table, write_table, write_tables, write_text


def awkward_priorities() -> pd.DataFrame:
    """A priorities table with quotes, line breaks, an empty item and a missing count."""
    return pd.DataFrame({
        "speech_id": ["a", "b", "c"], "list_id": [1, 1, 2], "kind": ["ordinal", "lettered", "numbered"],
        "announced": pd.array([5, None, 2], dtype="Int64"), "rank": [1, 2, 3],
        "marker": ["First", "(b)", "3."],
        "text": ['He said "First, we act",\nthen left.', "", "a; b"],
        "start_char": [0, 10, 20], "end_char": [9, 10, 25], "themes": ["", "rights; labour", ""],
        "n_items": [1, 2, 3], "count_mismatch": [True, False, True],
    })


def test_parquet_round_trip_is_exact(tmp_path):
    df = awkward_priorities()
    write_table(df, tmp_path, "priorities")
    pd.testing.assert_frame_equal(read_table(tmp_path, "priorities"), tables.frame("priorities", df))


def test_csv_reads_back_to_the_same_values(tmp_path):
    df = awkward_priorities()
    _, csv_path = write_table(df, tmp_path, "priorities")
    back = pd.read_csv(csv_path, keep_default_na=False, na_values=[""])
    assert list(back.columns) == list(df.columns)
    assert back["text"][0] == df["text"][0]
    assert pd.isna(back["text"][1])  # CSV does not tell an empty string from a missing one
    assert back["list_id"].tolist() == [1, 1, 2]
    assert back["announced"].tolist()[0] == 5 and pd.isna(back["announced"][1])
    assert back["count_mismatch"].tolist() == [True, False, True]


def test_written_types_are_the_declared_ones_even_for_empty_columns(tmp_path):
    write_table(tables.frame("topics"), tmp_path, "topics")
    speeches = tables.frame("speeches", {c: [] for c in tables.columns("speeches")})
    write_table(speeches, tmp_path, "speeches")
    for name in ("topics", "speeches"):
        schema = pd.read_parquet(tmp_path / f"{name}.parquet").dtypes
        assert [str(t) for t in schema] == [c.dtype for c in tables.table(name).columns]


def test_a_frame_that_does_not_fit_its_table_is_not_written(tmp_path):
    df = awkward_priorities()
    with pytest.raises(ValueError, match="missing column.*'themes'.*undeclared column.*'extra'"):
        write_table(df.drop(columns="themes").assign(extra=1), tmp_path, "priorities")
    with pytest.raises(ValueError, match=r"\['rank'\] have missing values"):
        write_table(df.assign(rank=[1, None, 3]), tmp_path, "priorities")
    with pytest.raises(KeyError, match="no table 'prioritis'"):
        write_table(df, tmp_path, "prioritis")
    assert not list(tmp_path.iterdir())


def test_reading_a_missing_table_names_its_stage(tmp_path):
    with pytest.raises(FileNotFoundError, match="run the features stage"):
        read_table(tmp_path, "keyness")


def test_outputs_get_the_mode_of_ordinary_new_files(tmp_path):
    (tmp_path / "plain.txt").write_text("x")
    expected = stat.S_IMODE(os.stat(tmp_path / "plain.txt").st_mode)
    for path in write_table(awkward_priorities(), tmp_path, "priorities"):
        assert stat.S_IMODE(os.stat(path).st_mode) == expected


# ------------------------------------------------------------------ write errors

def test_a_stage_writes_all_its_tables_or_none(tmp_path, monkeypatch):
    """A table that cannot be written leaves every table of the stage as it was."""
    write_tables({"topics": tables.frame("topics"), "priorities": awkward_priorities()}, tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real_write_csv = storage.write_csv

    def fail_on_priorities(table, path):
        if ".priorities.csv." in str(path):
            Path(path).write_bytes(b"speech_id,li")
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write_csv(table, path)

    monkeypatch.setattr(storage, "write_csv", fail_on_priorities)
    changed = {"topics": tables.frame("topics", {"speech_id": ["a"], "topic": [1], "weight": [1.0]}),
               "priorities": awkward_priorities().head(1)}
    with pytest.raises(OutputError, match=r"cannot write .*priorities\.csv: no space left on device; free some"):
        write_tables(changed, tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize(("code", "reason", "hint"), [
    (errno.ENOSPC, "no space left on device", "free some space"),
    (errno.EACCES, "permission denied", "change the folder's permissions"),
    (errno.EROFS, "read-only file system", "choose another folder"),
])
def test_a_write_error_ends_the_command_with_one_line(tmp_path, monkeypatch, capsys, code, reason, hint):
    def failing(table, path, *args, **kwargs):
        Path(path).write_bytes(b"PAR1 half a file")
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(storage.pq, "write_table", failing)
    out = tmp_path / "processed"
    status = pipeline_main(["ingest", "--raw", str(config.RAW_DIR), "--out", str(out)])
    err = capsys.readouterr().err.splitlines()
    assert status == 1
    problem = [line for line in err if line.startswith("pipeline: ")]
    assert problem == [f"pipeline: cannot write {out / 'speeches.parquet'}: {reason}; {problem[0].split('; ', 1)[1]}"]
    assert hint in problem[0]
    assert not any("Traceback" in line for line in err)
    assert sorted(p.name for p in out.iterdir()) == []  # no table, no temporary file, no lock


def test_temporaries_of_a_live_writer_are_kept(tmp_path):
    """Another run's writer holds its temporary file: cleaning leftovers must not take it."""
    with storage.atomic_path(tmp_path / "entity_labels.png") as live:
        live.write_bytes(b"half a chart")
        (tmp_path / ".entity_labels.png.dead1234.tmp").write_bytes(b"a killed writer's")
        storage.remove_stale_temporaries(tmp_path / "entity_labels.png")
        assert sorted(p.name for p in tmp_path.iterdir()) == [live.name]
        write_text(tmp_path / "entity_labels.png", "a second writer of the same file")
        assert live.exists()
    assert (tmp_path / "entity_labels.png").read_bytes() == b"half a chart"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entity_labels.png"]


NAMESPACE = ["unshare", "--map-root-user", "--mount"]


def _namespaces_work() -> bool:
    try:
        return subprocess.run([*NAMESPACE, "true"], capture_output=True, check=False).returncode == 0
    except OSError:
        return False


@pytest.mark.skipif(not _namespaces_work(), reason="needs unshare (user and mount namespaces) to mount a small disk")
@pytest.mark.parametrize("fault", ["full", "read-only"])
def test_a_full_or_read_only_disk_leaves_the_last_tables_and_one_line(tmp_path, fault):
    """On a real small file system (tmpfs in a private mount namespace): a first run fits, then
    the disk is filled (or made read-only) and a second run fails cleanly."""
    disk = tmp_path / "disk"
    disk.mkdir()
    ingest = f"{shlex.quote(sys.executable)} -m pipeline ingest --raw {shlex.quote(str(config.RAW_DIR))} " \
             f"--out {disk}/processed"
    spoil = (f"cat /dev/zero > {disk}/filler 2>/dev/null" if fault == "full"
             else f"mount -o remount,ro {disk}")
    script = (f"mount -t tmpfs -o size=512k tmpfs {disk} && {ingest} 2>/dev/null"
              f" && sha256sum {disk}/processed/* > {tmp_path}/before"
              f" && {spoil}; {ingest}; echo status=$?;"
              f" sha256sum {disk}/processed/* | diff - {tmp_path}/before && echo unchanged; ls -A {disk}/processed")
    result = subprocess.run([*NAMESPACE, "bash", "-c", script], capture_output=True, text=True, check=False,
                            timeout=120, cwd=config.PROJ_ROOT)
    reason = "no space left on device" if fault == "full" else "read-only file system"
    lines = [line for line in result.stderr.splitlines() if line.startswith("pipeline: ")]
    assert len(lines) == 1 and lines[0].startswith(f"pipeline: cannot write {disk}/processed"), result.stderr
    assert reason in lines[0] and "Traceback" not in result.stderr
    assert "status=1" in result.stdout and "unchanged" in result.stdout, result.stdout
    listed = result.stdout.split("unchanged", 1)[1].split()
    assert sorted(listed) == sorted(f"{t}.{ext}" for t in ("speeches", "ingest_errors") for ext in ("parquet", "csv"))
