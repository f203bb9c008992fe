"""Per-speech result cache: round trip, versioning, pruning."""

from __future__ import annotations

from pathlib import Path

from pipeline import speechcache
from pipeline.speechcache import SpeechCache, fingerprint


def test_cache_round_trip_and_miss(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path, "stage", "v1")
    key = cache.key("text of a speech", "its header")
    assert cache.get(key) is None
    cache.put(key, {"rows": [1, 2, 3]})
    assert cache.get(key) == {"rows": [1, 2, 3]}
    assert SpeechCache(tmp_path, "stage", "v2").get(key) is None


def test_fingerprint_changes_with_file_content(tmp_path: Path) -> None:
    res = tmp_path / "lexicon.yaml"
    res.write_text("a: 1\n")
    before = fingerprint([res, Path(speechcache.__file__)])
    res.write_text("a: 2\n")
    assert fingerprint([res, Path(speechcache.__file__)]) != before
    assert fingerprint([res], "x") != fingerprint([res], "y")


def test_prune_removes_other_versions(tmp_path: Path) -> None:
    old, new = SpeechCache(tmp_path, "stage", "old"), SpeechCache(tmp_path, "stage", "new")
    old.put(old.key("a"), 1)
    new.put(new.key("a"), 2)
    new.prune()
    assert not old.dir.exists() and new.get(new.key("a")) == 2
