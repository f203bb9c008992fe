"""Reading and writing the pipeline's tables and files, atomically.

Every output is written to a temporary file in the destination folder and then
renamed into place, so an interrupted run never leaves a half-written file that
a later run (or Make) would mistake for a finished one.
"""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from pipeline import tables


def remove_stale_temporaries(path: Path) -> None:
    """Delete temporary files left beside `path` by a writer that was killed mid-write.

    A stage is the only writer of its outputs (Make runs it once per target
    group), so a temporary file of the same name can only be a leftover.
    """
    for stale in Path(path).parent.glob(f".{glob.escape(Path(path).name)}.*.tmp"):
        stale.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# The mode an ordinary `open(path, "w")` would give a new file (the temporary file
# mkstemp creates is private to its owner, and renaming keeps that mode).
FILE_MODE = 0o666 & ~_umask()


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; rename it onto `path` on success.

    The temporary file is removed when the block raises, so nothing partial is
    left behind. The finished file gets the mode the user's umask gives new files.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, FILE_MODE)
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_text(path: Path, text: str) -> None:
    """Write `text` as UTF-8 to `path` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def write_table(df: pd.DataFrame, out_dir: Path, name: str) -> tuple[Path, Path]:
    """Write `df` as table `name` (declared in pipeline/tables.py): `<name>.parquet` and
    `<name>.csv` in `out_dir`, atomically.

    The frame is checked against the declaration and cast to its types (`tables.to_arrow`
    raises ValueError when it does not fit), converted to Arrow once, and both files are
    written from it (Arrow's CSV writer is about ten times faster than pandas'). The index
    is dropped; both files hold the same rows in the same order. Returns the two paths.
    """
    out_dir = Path(out_dir)
    parquet_path = out_dir / f"{name}.parquet"
    csv_path = out_dir / f"{name}.csv"
    table = tables.to_arrow(name, df)
    with atomic_path(parquet_path) as tmp:
        pq.write_table(table, tmp)
    with atomic_path(csv_path) as tmp:
        write_csv(table, tmp)
    return parquet_path, csv_path


def write_tables(frames: dict[str, pd.DataFrame], out_dir: Path) -> None:
    """`write_table` each of `frames` (table name -> frame) in `out_dir`."""
    for name, df in frames.items():
        write_table(df, out_dir, name)


def write_csv(table: pa.Table, path: Path) -> None:
    """`table` as CSV: a header row, strings quoted where needed, missing values empty."""
    pa_csv.write_csv(table, str(path), pa_csv.WriteOptions(quoting_style="needed"))


def read_table(in_dir: Path, name: str) -> pd.DataFrame:
    """Read table `name` (declared in pipeline/tables.py) from `<in_dir>/<name>.parquet`.

    Raises KeyError for an undeclared table, and FileNotFoundError naming the stage that
    writes a missing one.
    """
    stage = tables.table(name).stage
    path = Path(in_dir) / f"{name}.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run the {stage} stage first (`make {stage}`)")
    return pd.read_parquet(path)
