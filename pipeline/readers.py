"""Readers: one function per input format, raw file -> (text, encoding).

`read_file` picks the reader by suffix. Plain-text formats go through
`textclean.decode_bytes`; every reader raises `InputError` with a message a
user can act on when a file cannot be read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.errors import InputError
from pipeline.textclean import Decoded, decode_bytes

Reader = Callable[[bytes], Decoded]


def read_text_bytes(data: bytes) -> Decoded:
    """.txt / .md: decode with BOM detection, UTF-8, UTF-16, Windows-1252 fallback."""
    return decode_bytes(data)


READERS: dict[str, Reader] = {
    ".txt": read_text_bytes,
    ".md": read_text_bytes,
}


def supported_suffixes() -> tuple[str, ...]:
    """File suffixes (lower case, with dot) that `read_file` can read."""
    return tuple(READERS)


def read_bytes(path: Path) -> bytes:
    """The raw bytes of `path`; InputError("unreadable") when the OS refuses."""
    try:
        return Path(path).read_bytes()
    except PermissionError as err:
        raise InputError("unreadable", f"cannot be read (permission denied): {err.strerror}") from err
    except OSError as err:
        raise InputError("unreadable", f"cannot be read: {err.strerror or err}") from err


def read_file(path: Path, data: bytes | None = None) -> Decoded:
    """Read a speech file of any supported format into text."""
    suffix = Path(path).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise InputError("unsupported", f"unsupported format '{suffix}'")
    return reader(read_bytes(path) if data is None else data)
