"""`make STAGE` runs the stale stages Make plans in one Python process (pipeline/batch.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline import batch, config


@pytest.mark.parametrize(("line", "expected"), [
    (".venv/bin/python -m pipeline entities --processed 'data/processed' --interim 'data/interim'",
     ("entities", "--processed", "data/processed", "--interim", "data/interim")),
    ("/usr/bin/python3.11 -m pipeline ingest --raw '/tmp/my speeches' --out o",
     ("ingest", "--raw", "/tmp/my speeches", "--out", "o")),
    (".venv/bin/python -m pipeline.bench --n 5", None),
    ("touch .venv/.installed", None),
    ("python -m pipeline", None),
    ("echo 'unbalanced", None),
])
def test_pipeline_commands_are_recognised(line: str, expected: tuple[str, ...] | None) -> None:
    assert batch.pipeline_argv(line) == expected


def test_plan_lines_are_steps_with_continuations_joined() -> None:
    steps = batch.parse_plan(["test -x .venv/bin/python || \\", "  python3 -m venv .venv", "",
                              "python -m pipeline charts --figures f"])
    assert [s.line for s in steps] == ["test -x .venv/bin/python ||    python3 -m venv .venv",
                                       "python -m pipeline charts --figures f"]
    assert steps[0].argv is None and steps[1].argv == ("charts", "--figures", "f")


@pytest.mark.parametrize(("makeflags", "flags"), [
    ("n", "n"), ("sn -- RAW=/tmp/x", "sn"), (" --jobserver-auth=3,4 -j2", ""), ("RAW=x", ""), ("", ""),
])
def test_make_flags_come_from_makeflags(makeflags: str, flags: str) -> None:
    assert batch.make_flags({"MAKEFLAGS": makeflags}) == flags


def test_run_stops_at_the_first_failing_command(tmp_path: Path, capsys) -> None:
    marker = tmp_path / "ran"
    steps = batch.parse_plan(["echo first", "exit 3", f"touch '{marker}'"])
    assert batch.run(steps) == 3
    assert not marker.exists()
    captured = capsys.readouterr()
    assert "first" in captured.out and "exit status 3" in captured.err


def test_a_failing_stage_runs_in_process_and_reports_its_error(tmp_path: Path, capsys) -> None:
    steps = batch.parse_plan([f"python -m pipeline entities --processed '{tmp_path}' --interim '{tmp_path}'",
                              f"touch '{tmp_path / 'after'}'"])
    assert batch.run(steps) == 1
    assert not (tmp_path / "after").exists()
    err = capsys.readouterr().err
    assert "speeches.parquet not found" in err


def make(*args: str, root: Path, raw: Path = config.RAW_DIR) -> subprocess.CompletedProcess:
    """`make ARGS` on `raw` with every output under root, in this test's Python environment."""
    stamp = root / "venv-stamp"
    stamp.touch()
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    return subprocess.run(["make", "--no-print-directory", *args, f"RAW={raw}",
                           f"INTERIM={root / 'interim'}", f"PROCESSED={root / 'processed'}",
                           f"FIGURES={root / 'figures'}", f"REPORT={root / 'report.html'}",
                           f"PY={sys.executable}", f"VENV_STAMP={stamp}"],
                          cwd=config.PROJ_ROOT, capture_output=True, text=True, check=False, env=env)


def test_dry_run_prints_the_stale_stages_in_order_and_runs_nothing(tmp_path: Path) -> None:
    result = make("-n", "all", root=tmp_path)
    assert result.returncode == 0, result.stderr
    stages = [line.split(" -m pipeline ")[1].split()[0] for line in result.stdout.splitlines()
              if " -m pipeline " in line]
    assert stages == ["ingest", "entities", "features", "groups", "charts", "report"]
    assert not (tmp_path / "processed").exists() and not (tmp_path / "interim").exists()


def test_question_mode_says_the_outputs_are_stale(tmp_path: Path) -> None:
    assert make("-q", "ingest", root=tmp_path).returncode == 1
    assert not (tmp_path / "processed").exists()


@pytest.mark.model
def test_make_stage_runs_the_stale_chain_then_nothing(tmp_path: Path) -> None:
    first = make("entities", root=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    assert [line.split()[3] for line in first.stdout.splitlines() if " -m pipeline " in line] == \
        ["ingest", "entities"]
    assert (tmp_path / "processed" / "entities.parquet").exists()
    assert not (tmp_path / "processed" / "themes.parquet").exists()
    assert make("-q", "entities", root=tmp_path).returncode == 0
    again = make("entities", root=tmp_path)
    assert again.returncode == 0 and " -m pipeline " not in again.stdout


def test_run_stale_asks_again_after_each_step(tmp_path: Path) -> None:
    """Each step changes what is stale (as a real stage does); the plan is asked again."""
    stages = ["one", "two", "three"]

    def next_steps() -> list[batch.Step]:
        left = [s for s in stages if not (tmp_path / s).exists()]
        return batch.parse_plan([f"touch '{tmp_path / s}'" for s in left[:1]])

    assert batch.run_stale(next_steps) == 0
    assert all((tmp_path / s).exists() for s in stages)


def test_run_stale_stops_when_a_step_leaves_its_outputs_stale(capsys) -> None:
    assert batch.run_stale(lambda: batch.parse_plan(["true"])) == 1
    assert "still plans" in capsys.readouterr().err


@pytest.mark.model
def test_adding_a_speech_reruns_every_stage_after_ingest(tmp_path: Path) -> None:
    """The grouped-target dry run sees only ingest as stale; the other stages must run too."""
    raw = tmp_path / "raw"
    raw.mkdir()
    speeches = sorted(p for p in config.RAW_DIR.iterdir() if p.is_file() and not p.name.startswith("."))
    shutil.copy2(speeches[0], raw / speeches[0].name)
    assert make("entities", root=tmp_path, raw=raw).returncode == 0
    shutil.copy2(speeches[1], raw / speeches[1].name)  # copy2 keeps the file's old mtime
    result = make("entities", root=tmp_path, raw=raw)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [line.split()[3] for line in result.stdout.splitlines() if " -m pipeline " in line] == \
        ["ingest", "entities"]
    entities = pd.read_parquet(tmp_path / "processed" / "entities.parquet")
    assert entities["speech_id"].nunique() == 2


def test_a_strict_failure_leaves_no_output_so_the_next_run_fails_too(tmp_path: Path) -> None:
    """Make deletes what a failed recipe wrote; the batch runs stages itself and must do the same,
    or a second `make all STRICT=1` would find ingest's tables up to date and go on."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.txt").write_text("")
    for _ in range(2):
        result = make("ingest", "STRICT=1", root=tmp_path, raw=raw)
        assert result.returncode != 0
        assert "--strict: 1 input problem(s)" in result.stderr and "deleted what the failed step wrote" in result.stderr
        assert sorted(p.name for p in (tmp_path / "processed").iterdir()) == []


def test_a_missing_raw_folder_is_named(tmp_path: Path) -> None:
    result = make("all", root=tmp_path, raw=tmp_path / "no such folder")
    assert result.returncode != 0
    assert f"RAW folder '{tmp_path / 'no such folder'}' does not exist" in result.stderr
    assert "No rule to make target" not in result.stderr
    direct = subprocess.run([sys.executable, "-m", "pipeline", "ingest", "--raw", str(tmp_path / "nope"),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True, check=False)
    assert direct.returncode == 2
    assert direct.stderr == f"pipeline: the RAW folder {tmp_path / 'nope'} does not exist: point RAW (--raw) at " \
                            "the folder of speech files\n"
def test_a_new_group_by_reruns_the_groups_stage_and_what_follows_only() -> None:
    def default(*args: str) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
        return subprocess.run(["make", "--no-print-directory", *args], cwd=config.PROJ_ROOT, capture_output=True,
                              text=True, check=False, env=env)

    if default("-q", "all").returncode != 0 or not (config.INTERIM_DIR / "group_by").exists():
        pytest.skip("the default run is not up to date: `make all` first")
    before = (config.INTERIM_DIR / "group_by").read_text()
    planned = default("-n", "all", "GROUP_BY=region period:2015").stdout
    stages = [line.split(" -m pipeline ")[1].split()[0] for line in planned.splitlines() if " -m pipeline " in line]
    assert stages[0] == "groups" and set(stages) <= {"groups", "charts", "report"}  # a dry run may stop there
    assert "--group-by 'region period:2015'" in planned
    assert default("-q", "all", "GROUP_BY=region").returncode == 1
    assert (config.INTERIM_DIR / "group_by").read_text() == before  # -n and -q change nothing
