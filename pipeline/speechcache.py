"""Per-speech result caches, so adding one speech to a corpus recomputes one speech.

A stage that analyses each speech on its own (rules over the cached Doc,
themes, lists ...) stores that speech's result under INTERIM/<namespace>/,
keyed by the speech's text and by a *version*: a hash of the stage's code and
resource files (`pipeline.stages.version`). Editing the gazetteer or a theme lexicon changes
the version, so every speech is recomputed; adding a speech computes only that
speech. Corpus-wide steps (linking across speeches, keyness, similarity,
topics) always run, on the cached per-speech results.

Results are pickled Python objects (the cache is the pipeline's own, never a
user-facing file) written atomically.
"""

from __future__ import annotations

import hashlib
import pickle
import shutil
from collections.abc import Iterable
from pathlib import Path

from pipeline.storage import write_bytes


def fingerprint(paths: Iterable[Path], *extra: str) -> str:
    """Hash of the contents of `paths` (missing ones count as absent) and `extra` strings."""
    h = hashlib.sha256()
    for path in sorted(Path(p) for p in paths):
        h.update(path.name.encode("utf-8") + b"\x00")
        h.update(path.read_bytes() if path.exists() else b"<missing>")
    for item in extra:
        h.update(b"\x00" + item.encode("utf-8"))
    return h.hexdigest()[:16]


class SpeechCache:
    """Pickled per-speech results under `interim_dir/namespace/version/`."""

    def __init__(self, interim_dir: Path, namespace: str, version: str) -> None:
        self.dir = Path(interim_dir) / namespace / version

    @staticmethod
    def key(*parts: str) -> str:
        """A cache key from the strings that decide one speech's result (e.g. its texts)."""
        h = hashlib.sha256()
        for part in parts:
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()[:40]

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.pkl"

    def get(self, key: str) -> object | None:
        """The stored result for `key`, or None."""
        path = self._path(key)
        if not path.exists():
            return None
        try:
            return pickle.loads(path.read_bytes())
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # written by an older version of a class: recompute

    def put(self, key: str, value: object) -> None:
        """Store `value` for `key` (atomically)."""
        write_bytes(self._path(key), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def prune(self) -> None:
        """Remove results stored under other versions (stale after a code or resource edit)."""
        if self.dir.parent.exists():
            for other in self.dir.parent.iterdir():
                if other.is_dir() and other != self.dir:
                    shutil.rmtree(other, ignore_errors=True)
