"""Reading and writing the pipeline's tables and files, atomically.

Every output is written to a temporary file in the destination folder and then
renamed into place, so an interrupted run never leaves a half-written file that
a later run (or Make) would mistake for a finished one. A stage's tables are
renamed together, after all of them were written (`write_tables`), so a write
that fails (a full disk, a read-only folder) leaves every table as it was and
raises `OutputError`, whose one-line message names the file and the cause.
"""

from __future__ import annotations

import contextlib
import fcntl
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
from pipeline.errors import OutputError


def remove_stale_temporaries(path: Path) -> None:
    """Delete temporary files left beside `path` by writers that died mid-write.

    A live writer holds a lock on its temporary file (`flock`, released when its process
    ends, however it ends), so only the files nobody holds are removed: another run writing
    the same output at the same moment keeps its file.
    """
    for stale in Path(path).parent.glob(f".{glob.escape(Path(path).name)}.*.tmp"):
        try:
            fd = os.open(stale, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            continue  # gone already, or not ours to read
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a live writer holds it
        else:
            stale.unlink(missing_ok=True)
        finally:
            os.close(fd)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# The mode an ordinary `open(path, "w")` would give a new file (the temporary file
# mkstemp creates is private to its owner, and renaming keeps that mode).
FILE_MODE = 0o666 & ~_umask()


def _same_file(fd: int, path: Path) -> bool:
    """True when `path` is still the file open as `fd`."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


class _Temporary:
    """A temporary file beside `path`, locked by this process until it is renamed or removed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(path)
        while True:
            self.fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            self.tmp = Path(tmp)
            fcntl.flock(self.fd, fcntl.LOCK_EX)
            if _same_file(self.fd, self.tmp):
                break
            os.close(self.fd)  # another run's clean-up took it in the instant before the lock


    def commit(self) -> None:
        os.chmod(self.tmp, FILE_MODE)
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        if self.fd is not None:
            self.tmp.unlink(missing_ok=True)  # already renamed when committed
            os.close(self.fd)
            self.fd = None


class AtomicGroup:
    """Files written to temporary files, all renamed into place when the group ends without an
    error and none when it raises (`atomic_group`)."""

    def __init__(self) -> None:
        self._files: list[_Temporary] = []

    @contextlib.contextmanager
    def writing(self, path: Path) -> Iterator[Path]:
        """Yield the temporary path to write `path`'s content to; an OSError while creating or
        writing it becomes an `OutputError` naming `path`."""
        path = Path(path)
        try:
            self._files.append(_Temporary(path))
            yield self._files[-1].tmp
        except OutputError:
            raise
        except OSError as err:
            raise OutputError(path, err) from err

    def commit(self) -> None:
        for file in self._files:
            try:
                file.commit()
            except OSError as err:
                raise OutputError(file.path, err) from err

    def discard(self) -> None:
        for file in self._files:
            file.discard()


@contextlib.contextmanager
def atomic_group() -> Iterator[AtomicGroup]:
    """Write several files all or nothing: `with atomic_group() as group:` then
    `with group.writing(path) as tmp: ...` for each. Raises OutputError (naming the file)
    when one cannot be written; the others are then left as they were."""
    group = AtomicGroup()
    try:
        yield group
        group.commit()
    finally:
        group.discard()


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; rename it onto `path` on success.

    The temporary file is removed when the block raises, so nothing partial is left
    behind; an OSError (no space, permission denied, read-only folder) becomes an
    `OutputError` naming `path`. The finished file gets the mode the user's umask gives
    new files.
    """
    with atomic_group() as group, group.writing(path) as tmp:
        yield tmp


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
    with atomic_group() as group:
        return _write_table(group, df, out_dir, name)


def _write_table(group: AtomicGroup, df: pd.DataFrame, out_dir: Path, name: str) -> tuple[Path, Path]:
    parquet_path = Path(out_dir) / f"{name}.parquet"
    csv_path = Path(out_dir) / f"{name}.csv"
    table = tables.to_arrow(name, df)
    with group.writing(parquet_path) as tmp:
        pq.write_table(table, tmp)
    with group.writing(csv_path) as tmp:
        write_csv(table, tmp)
    return parquet_path, csv_path


def write_tables(frames: dict[str, pd.DataFrame], out_dir: Path) -> None:
    """`write_table` each of `frames` (table name -> frame) in `out_dir`, all or nothing: when
    one cannot be written (OutputError), none of them is replaced."""
    with atomic_group() as group:
        for name, df in frames.items():
            _write_table(group, df, out_dir, name)


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
