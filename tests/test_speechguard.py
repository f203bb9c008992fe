"""Per-speech guards: a speech that makes the entities or features stage raise is reported
(stage_errors and stderr) and left out; the other speeches are processed."""

from __future__ import annotations

import errno
from pathlib import Path

import pandas as pd
import pytest

from pipeline import entities, features, ingest, speechguard
from pipeline.errors import OutputError

IDS = ["a", "b", "c", "d", "e"]


def stream_breaking_at(bad: set[int], *, batch: int = 2):
    """A stream like `nlp.pipe`: it works in batches, and a bad item breaks the stream at the
    first item of its batch. Returns the stream and the list of calls made to it."""
    calls: list[list[int]] = []

    def stream(positions: list[int]):
        calls.append(list(positions))
        for start in range(0, len(positions), batch):
            chunk = positions[start:start + batch]
            if bad & set(chunk):
                raise ValueError(f"cannot parse {sorted(bad & set(chunk))}")
            yield from (f"doc {p}" for p in chunk)

    return stream, calls


def test_a_speech_that_breaks_the_stream_is_the_only_one_left_out() -> None:
    stream, calls = stream_breaking_at({3})
    out = dict(speechguard.guarded("features", IDS, [0, 1, 2, 3, 4], stream, lambda p, doc: doc.upper()))
    assert out == {0: "DOC 0", 1: "DOC 1", 2: "DOC 2", 4: "DOC 4",
                   3: speechguard.failure("features", "d", ValueError("cannot parse [3]"))}
    assert calls[0] == [0, 1, 2, 3, 4] and [3] in calls  # the suspect was tried alone


def test_a_speech_whose_analysis_raises_is_left_out() -> None:
    stream, calls = stream_breaking_at(set())

    def analyse(pos: int, doc: str) -> str:
        if pos == 1:
            raise IndexError("list index out of range")
        return doc

    out = dict(speechguard.guarded("entities", IDS, [1, 2], stream, analyse))
    assert out[2] == "doc 2" and calls == [[1, 2]]
    assert out[1].problem == "IndexError" and out[1].stage == "entities" and out[1].speech_id == "b"
    assert out[1].message.startswith("list index out of range; the speech is left out of the entities tables")


def test_a_text_over_the_limit_is_not_streamed() -> None:
    stream, calls = stream_breaking_at(set())
    texts = ["short", "x" * (speechguard.MAX_CHARS + 1), "short"]
    out = dict(speechguard.guarded("entities", IDS, [0, 1, 2], stream, lambda p, d: d, texts=texts))
    assert out[1].problem == "too_long" and "1,000,001 characters" in out[1].message
    assert calls == [[0, 2]] and out[0] == "doc 0"


def test_a_write_error_is_not_the_speech_fault() -> None:
    def stream(positions):
        raise OutputError("/out/x.spacy", OSError(errno.ENOSPC, "No space left on device"))
        yield

    with pytest.raises(OutputError, match="no space left"):
        list(speechguard.guarded("entities", IDS, [0], stream, lambda p, d: d))


@pytest.fixture
def ingested(tmp_path: Path, raw_dir: Path) -> Path:
    """PROCESSED of the default corpus, ingested."""
    assert ingest.main(raw_dir, tmp_path) == 0
    return tmp_path


def _raise_for_first(original, speech_text: str):
    def analyse(*args, **kwargs):
        docs = args[0] if isinstance(args[0], dict) else {"text": args[1]}
        if docs["text"].text.startswith(speech_text[:40]):
            raise ValueError("a pathological text")
        return original(*args, **kwargs)
    return analyse


@pytest.mark.model
@pytest.mark.parametrize("strict", [False, True])
def test_entities_and_features_leave_out_a_failing_speech(ingested: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture, strict: bool) -> None:
    speeches = pd.read_parquet(ingested / "speeches.parquet").sort_values("speech_id")
    bad, good = speeches.iloc[0], speeches.iloc[1]
    monkeypatch.setattr(entities, "analyse_speech", _raise_for_first(entities.analyse_speech, bad.text))
    monkeypatch.setattr(features, "analyse_speech", _raise_for_first(features.analyse_speech, bad.text))
    interim = ingested / "interim"
    assert entities.main(ingested, ingested, interim_dir=interim, strict=strict) == int(strict)
    assert features.main(ingested, ingested, interim_dir=interim, strict=strict, n_process=1) == int(strict)
    err = capsys.readouterr().err.splitlines()
    for stage in ("entities", "features"):
        line = f"{bad.speech_id}: {stage}: ValueError: a pathological text; the speech is left out"
        assert any(e.startswith(line) for e in err), err
    assert ("entities: --strict: 1 speech(es) could not be analysed (see the lines above)" in err) == strict
    stage_errors = pd.read_csv(ingested / "stage_errors.csv")
    assert stage_errors[["stage", "speech_id", "problem"]].values.tolist() == \
        [["entities", bad.speech_id, "ValueError"], ["features", bad.speech_id, "ValueError"]]
    for table in ("entities", "entity_counts", "themes", "style", "actors"):
        assert set(pd.read_parquet(ingested / f"{table}.parquet")["speech_id"]) == {good.speech_id}, table
