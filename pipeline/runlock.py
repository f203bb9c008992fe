"""One run at a time per output folder.

Every stage command (`python -m pipeline STAGE`, and `python -m pipeline.batch` for the
whole of `make all`) holds a lock on each folder it reads tables from or writes to while it
runs: `<folder>/.pipeline.lock`, locked with `flock`, which the system releases when the
process ends, however it ends (a killed run leaves no lock behind). A second run on the
same folders waits, saying which run it waits for, or with `wait=False` (`--no-wait`,
`make all NO_WAIT=1`) stops at once: `Busy`, exit status 75 (EX_TEMPFAIL).

The lock is re-entrant within a process: the batch holds it, and the stages it runs in the
same process take it again without waiting for themselves. The lock file names its holder
(process id, host, start time, command line) and is removed when the run ends.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from pipeline.errors import OutputError

LOCK_NAME = ".pipeline.lock"
EXIT_BUSY = 75  # EX_TEMPFAIL (sysexits.h): try again later


class Busy(Exception):
    """Another live run holds the lock of `folder`; `holder` describes it."""

    def __init__(self, folder: Path, holder: str) -> None:
        super().__init__(f"{folder} is in use by another run ({holder}); try again when it has finished")
        self.folder = folder
        self.holder = holder


# Locks this process holds: folder -> (open lock file, how many times taken).
_HELD: dict[Path, list] = {}


def _command_line() -> str:
    """This process's command line, on one line."""
    try:
        words = [w.decode("utf-8", "replace")
                 for w in Path("/proc/self/cmdline").read_bytes().rstrip(b"\0").split(b"\0")]
    except OSError:
        words = [sys.executable, *sys.argv]
    return " ".join(" ".join(words).split())


def _describe_self() -> str:
    started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime())
    return f"pid {os.getpid()} on {socket.gethostname()}, started {started}: {_command_line()}"


def holder(folder: Path) -> str:
    """Who holds the lock of `folder`, as its lock file says ("" when it says nothing)."""
    try:
        return (Path(folder) / LOCK_NAME).read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def _open_locked(folder: Path, *, wait: bool, stream: TextIO) -> int:
    """The locked lock file of `folder` (created if needed): waits, or raises Busy."""
    path = folder / LOCK_NAME
    told = False
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                os.close(fd)
                raise Busy(folder, holder(folder) or "its holder did not say who it is") from None
            if not told:
                print(f"pipeline: waiting for the run that is using {folder} to finish "
                      f"({holder(folder) or 'unknown run'}); Ctrl-C stops waiting, NO_WAIT=1 "
                      "(--no-wait) exits at once instead", file=stream, flush=True)
                told = True
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except BaseException:
                os.close(fd)
                raise
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:  # not a file the last holder removed while we waited for it
            if told:
                print(f"pipeline: {folder} is free; going on", file=stream, flush=True)
            return fd
        os.close(fd)


def _acquire(folder: Path, *, wait: bool, stream: TextIO) -> None:
    if folder in _HELD:
        _HELD[folder][1] += 1
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = _open_locked(folder, wait=wait, stream=stream)
    except OSError as err:
        raise OutputError(folder, err) from err
    with contextlib.suppress(OSError):  # who holds it is said for others, when the disk lets us
        os.ftruncate(fd, 0)
        os.write(fd, (_describe_self() + "\n").encode("utf-8"))
    _HELD[folder] = [fd, 1]


def _release(folder: Path) -> None:
    entry = _HELD[folder]
    entry[1] -= 1
    if entry[1] == 0:
        del _HELD[folder]
        with contextlib.suppress(OSError):
            (folder / LOCK_NAME).unlink()  # still ours: we hold the lock
        os.close(entry[0])


@contextlib.contextmanager
def hold(folders: Iterable[Path], *, wait: bool = True, stream: TextIO | None = None) -> Iterator[None]:
    """Hold the lock of each of `folders` (created if missing) while the block runs.

    Locks are taken in one order (sorted paths), so two runs never wait for each other.
    With `wait=False`, raises `Busy` when another run holds one. Raises OutputError when a
    folder or its lock file cannot be created.
    """
    wanted = sorted({Path(f).resolve() for f in folders})
    taken: list[Path] = []
    try:
        for folder in wanted:
            _acquire(folder, wait=wait, stream=stream or sys.stderr)
            taken.append(folder)
        yield
    finally:
        for folder in reversed(taken):
            _release(folder)
