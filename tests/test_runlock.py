"""One run at a time per output folder: a second run waits (or with --no-wait exits 75), a
killed run's lock is free at once, and two runs started together end as one run would."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_interruption import make_command, outputs, prepare

from pipeline import config, runlock

HOLD = ("import sys, time; from pipeline import runlock\n"
        "with runlock.hold([sys.argv[1]]):\n"
        "    print('held', flush=True); time.sleep(60)\n")


def start_holder(folder: Path) -> subprocess.Popen:
    """Another process holding the lock of `folder` (until killed)."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(folder)], stdout=subprocess.PIPE, text=True,
                            cwd=config.PROJ_ROOT)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_the_lock_is_reentrant_and_leaves_no_file(tmp_path: Path) -> None:
    with runlock.hold([tmp_path / "a", tmp_path]), runlock.hold([tmp_path], wait=False):
        assert f"pid {os.getpid()}" in runlock.holder(tmp_path)
    assert not (tmp_path / runlock.LOCK_NAME).exists() and not (tmp_path / "a" / runlock.LOCK_NAME).exists()


def test_no_wait_names_the_run_that_holds_the_folder(tmp_path: Path) -> None:
    holder = start_holder(tmp_path)
    try:
        with pytest.raises(runlock.Busy, match=f"in use by another run \\(pid {holder.pid} on .*-c"), \
                runlock.hold([tmp_path], wait=False):
            pass
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_run_leaves_its_lock_free(tmp_path: Path) -> None:
    holder = start_holder(tmp_path)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert (tmp_path / runlock.LOCK_NAME).exists()  # the file stays; its lock went with the process
    with runlock.hold([tmp_path], wait=False):
        pass


def test_a_second_command_waits_then_runs(tmp_path: Path, raw_dir: Path) -> None:
    out = tmp_path / "processed"
    holder = start_holder(out)
    command = [sys.executable, "-m", "pipeline", "ingest", "--raw", str(raw_dir), "--out", str(out)]
    waiting = subprocess.Popen(command, cwd=config.PROJ_ROOT, stderr=subprocess.PIPE, text=True)
    busy = subprocess.run([sys.executable, "-m", "pipeline", "--no-wait", *command[3:]], cwd=config.PROJ_ROOT,
                          capture_output=True, text=True, check=False, timeout=60)
    assert busy.returncode == runlock.EXIT_BUSY
    assert busy.stderr.splitlines() == [f"pipeline: {out} is in use by another run ({runlock.holder(out)}); "
                                        "try again when it has finished"]
    time.sleep(1)
    assert waiting.poll() is None and not (out / "speeches.parquet").exists()
    holder.kill()
    holder.wait()
    _, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert f"waiting for the run that is using {out} to finish (pid {holder.pid}" in err
    assert (out / "speeches.parquet").exists()


@pytest.mark.slow
def test_two_runs_at_once_end_cleanly_with_the_outputs_of_one(tmp_path: Path) -> None:
    """`make all` and, at the same moment, `python -m pipeline all` (a notebook calling the
    pipeline) on the same folders: both succeed, and the outputs are those of a single run."""
    single, shared = tmp_path / "single", tmp_path / "shared"
    prepare(single)
    prepare(shared)
    assert subprocess.run(make_command(single), cwd=config.PROJ_ROOT, capture_output=True,
                          check=False, timeout=300).returncode == 0
    direct = [sys.executable, "-m", "pipeline", "all", "--raw", str(shared / "raw"),
              "--interim", str(shared / "interim"), "--processed", str(shared / "processed"),
              "--figures", str(shared / "figures"), "--report", str(shared / "report" / "report.html")]
    runs = [subprocess.Popen(command, cwd=config.PROJ_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for command in (make_command(shared), direct)]
    results = [(run.wait(timeout=300), *run.communicate()) for run in runs]
    for status, out, err in results:
        assert status == 0, out[-2000:] + err[-3000:]
        assert "Traceback" not in err
    assert sum("waiting for the run" in err for _, _, err in results) == 1
    expected, got = outputs(single), outputs(shared)
    assert sorted(got) == sorted(expected)
    assert [name for name in expected if got[name] != expected[name]] == []
