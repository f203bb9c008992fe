"""Errors and messages the pipeline reports about its inputs, in one place."""

from __future__ import annotations


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
