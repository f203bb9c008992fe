"""Determinism: two runs of every stage on the same input give byte-identical outputs
(tables, Parquet and CSV, figures, report, caches), whatever stages `pipeline all` has."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import config

pytestmark = pytest.mark.slow

OUTPUT_DIRS = ("interim", "processed", "figures", "report")


def copy_default_corpus(raw: Path) -> None:
    raw.mkdir(parents=True)
    for path in sorted(config.RAW_DIR.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            shutil.copy2(path, raw / path.name)


def run_all(root: Path) -> None:
    """`python -m pipeline all` on root/raw, every output under root, paths relative to root."""
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "all", "--raw", "raw", "--interim", "interim",
         "--processed", "processed", "--figures", "figures", "--report", "report/report.html"],
        cwd=root, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]


def outputs(root: Path) -> dict[str, bytes]:
    """Every file (hidden ones included) under the output folders of a run, by relative path."""
    return {str(p.relative_to(root)): p.read_bytes()
            for d in OUTPUT_DIRS for p in sorted((root / d).rglob("*")) if p.is_file()}


def differing(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def test_two_runs_give_byte_identical_outputs(tmp_path: Path) -> None:
    runs = []
    for name in ("first", "second"):
        copy_default_corpus(tmp_path / name / "raw")
        run_all(tmp_path / name)
        runs.append(outputs(tmp_path / name))
    first, second = runs
    assert any(name.endswith(".parquet") for name in first) and any(name.endswith(".csv") for name in first)
    assert any(name.endswith((".png", ".svg")) for name in first), "no figures: did the charts stage run?"
    assert differing(first, second) == []
