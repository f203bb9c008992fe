"""Whole runs (`make all`) on corpora that used to end badly: pathological speeches beside
good ones, and corpora with no usable speech."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pandas as pd
import pytest
from test_batch import make

from pipeline import config, speechguard

WORDS = ["migration", "migrants", "states", "rights", "people", "compact", "global", "safe", "orderly", "regular", "development"]


def pathological_texts() -> dict[str, str]:
    """The texts that can break a later stage: 2 MB with no sentence end, only numbers, only a
    table, and speeches in other scripts."""
    rng = random.Random(18)
    return {
        "no sentence end.txt": "Mr President\n\n" + " ".join(rng.choice(WORDS) for _ in range(220_000)),
        "numbers.txt": "\n".join(" ".join(str(rng.randint(0, 99_999)) for _ in range(12)) for _ in range(200)),
        "table.md": "\n".join(["| Country | 2015 | 2016 | 2017 |", "|---|---|---|---|",
                               *(f"| C{i} | {i * 3} | {i * 5} | {i * 7} |" for i in range(100))]),
        "arabic.txt": "السيد الرئيس،\n\n" + "إن الهجرة الدولية ظاهرة عالمية تتطلب تعاونا دوليا. " * 40,
        "chinese.txt": "主席先生：\n\n" + "国际移民是一个全球现象，需要国际合作。" * 60,
    }


def default_speeches(raw: Path) -> list[str]:
    raw.mkdir(parents=True, exist_ok=True)
    ids = []
    for path in sorted(config.RAW_DIR.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            shutil.copy2(path, raw / path.name)
            ids.append(path.stem)
    return ids


@pytest.fixture(scope="module")
def pathological_run(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("pathological")
    good = default_speeches(root / "raw")
    for name, text in pathological_texts().items():
        (root / "raw" / name).write_text(text, encoding="utf-8")
    return root, good, make("all", root=root, raw=root / "raw")


@pytest.mark.model
def test_pathological_speeches_do_not_stop_the_run(pathological_run) -> None:
    root, good, result = pathological_run
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    processed = root / "processed"
    for table in ("entity_counts", "themes", "style", "actors"):
        assert set(good) <= set(pd.read_parquet(processed / f"{table}.parquet")["speech_id"]), table
    style = pd.read_parquet(processed / "style.parquet").set_index("speech_id")
    assert {"numbers", "table", "arabic", "chinese"} <= set(style.index)
    assert json.loads((root / "figures" / "charts.json").read_text(encoding="utf-8"))
    assert (root / "report.html").exists()


@pytest.mark.model
def test_a_2mb_speech_without_sentence_end_is_reported_not_parsed(pathological_run) -> None:
    root, _, result = pathological_run
    errors = pd.read_csv(root / "processed" / "stage_errors.csv")
    assert errors[["stage", "speech_id", "problem"]].values.tolist() == [
        ["entities", "no sentence end", "too_long"], ["features", "no sentence end", "too_long"]]
    for stage in ("entities", "features"):
        assert f"no sentence end: {stage}: too_long: " in result.stderr
    report = (root / "report.html").read_text(encoding="utf-8")
    assert "Problems with the input" in report and "too_long" in report


@pytest.mark.model
def test_strict_turns_a_left_out_speech_into_a_failure(tmp_path: Path) -> None:
    """An English speech ingest accepts but too long to parse: `make entities STRICT=1` fails there."""
    default_speeches(tmp_path / "raw")
    sentence = "We call on all States to protect the rights of migrants. "
    long = sentence * (speechguard.MAX_CHARS // len(sentence) + 10)
    (tmp_path / "raw" / "long.txt").write_text(f"Mr. President,\n\n{long}", encoding="utf-8")
    result = make("entities", "STRICT=1", root=tmp_path, raw=tmp_path / "raw")
    assert result.returncode != 0
    assert "long: entities: too_long: " in result.stderr
    assert "entities: --strict: 1 speech(es) could not be analysed" in result.stderr
    assert not (tmp_path / "processed" / "entities.parquet").exists()  # deleted, as Make would


@pytest.mark.parametrize("corpus", ["empty folder", "every file refused"])
def test_a_corpus_without_a_speech_gives_empty_tables_and_says_so(tmp_path: Path, corpus: str) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    if corpus == "every file refused":
        (raw / "empty.txt").write_text("")
        (raw / "binary.txt").write_bytes(bytes(range(256)) * 8)
    result = make("all", root=tmp_path, raw=raw)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert f"ingest: no speech to analyse in {raw}" in result.stderr
    for spec in config_tables():
        table = pd.read_parquet(tmp_path / "processed" / f"{spec}.parquet")
        assert spec == "ingest_errors" or table.empty, spec
    index = json.loads((tmp_path / "figures" / "charts.json").read_text(encoding="utf-8"))
    assert [chart["name"] for chart in index] == ["nothing_to_show"]
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Nothing to show:" in report
    assert ("Problems with the input" in report) == (corpus == "every file refused")
    (tmp_path / "strict").mkdir()
    strict = make("all", "STRICT=1", root=tmp_path / "strict", raw=raw)
    assert strict.returncode != 0 and "ingest: --strict:" in strict.stderr


def config_tables() -> list[str]:
    from pipeline.tables import TABLES

    return list(TABLES)
