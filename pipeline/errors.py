"""Errors and messages the pipeline reports about its inputs, in one place."""

from __future__ import annotations

import errno


class InputError(Exception):
    """A raw file (or metadata row) the pipeline cannot use as it is.

    `kind` is a short machine-readable tag (e.g. "empty", "binary",
    "undecodable", "no_text_layer"); the message says what is wrong in words a
    user can act on.
    """

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message

    def __reduce__(self):
        # Picklable with both arguments, so worker processes can return it.
        return type(self), (self.kind, self.message)


# Severity of a row in ingest_errors: "error" = the file was not ingested;
# "warning" = it was ingested, but something about it needs a look.
ERROR = "error"
WARNING = "warning"


class OutputError(OSError):
    """An output (table, chart, cache file) that cannot be written: no space left, permission
    denied, a read-only folder. `path` is the output, `cause` the operating system's error;
    the message says both, and what to do, in one line."""

    def __init__(self, path: object, cause: OSError) -> None:
        self.path = str(path)
        self.cause = cause
        reason = (cause.strerror or str(cause)).rstrip(".").lower() if isinstance(cause, OSError) else str(cause)
        hint = WRITE_HINTS.get(getattr(cause, "errno", None), "check the folder and run again")
        super().__init__(getattr(cause, "errno", None), f"cannot write {self.path}: {reason}; {hint}")

    def __str__(self) -> str:
        return self.strerror

    def __reduce__(self):
        # Picklable, so worker processes can return it.
        return type(self), (self.path, self.cause)


# What to do about the usual reasons an output cannot be written (by errno).
WRITE_HINTS = {
    errno.ENOSPC: "free some space on that disk (or point PROCESSED, INTERIM and FIGURES at another) "
                  "and run again",
    errno.EDQUOT: "your disk quota is used up: free some space and run again",
    errno.EACCES: "you may not write there: change the folder's permissions or choose another folder",
    errno.EPERM: "you may not write there: change the folder's permissions or choose another folder",
    errno.EROFS: "that folder is on a read-only file system: choose another folder",
    errno.EFBIG: "the file is larger than this system lets a process write (ulimit -f)",
}
