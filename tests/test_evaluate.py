"""Scoring rules of ../shared/eval/README.md on small hand-made tables."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from pipeline import evaluate

GOLD = {"speeches": [{
    "file": "a.txt",
    "entities": [
        {"label": "PERSON", "canonical": "William Lacy Swing", "aliases": ["Swing", "Bill"]},
        {"label": "ORG", "canonical": "United Nations", "aliases": ["UN"]},
        {"label": "AGENDA", "canonical": "Global Compact for Migration", "aliases": ["global\ncompact"]},
        {"label": "ORG", "canonical": "United Nations Headquarters", "aliases": ["UNHQ"], "optional": True},
    ],
    "ignore": ["Member States"],
    "lists": [{"announced": 2, "markers": ["First", "Second"], "items": ["we must act", "we need data"]}],
}]}
SPEECHES = pd.DataFrame({"speech_id": ["s1"], "source_file": ["/x/a.txt"]})


def _ents(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame([{"speech_id": "s1", "text": t, "label": lab, "entity_name": n} for t, lab, n in rows])


@pytest.mark.parametrize(("rows", "found", "false"), [
    ([("UN", "ORG", "United Nations")], 1, 0),
    ([("President Swing", "PERSON", "President Swing")], 1, 0),          # title ignored
    ([("Lacy Swing", "PERSON", "person:lacy_swing")], 0, 1),
    ([("Swing", "PERSON", "Swing")], 1, 0),                                # surname matches
    ([("The Global Compact", "AGENDA", "the global  compact")], 1, 0),    # "the", whitespace
    ([("UN", "AGENDA", "United Nations")], 0, 1),                          # label must agree
    ([("Member States", "ORG", "Member States")], 0, 0),                   # ignored
    ([("UNHQ", "ORG", "United Nations Headquarters")], 0, 0),              # optional
    ([("New York", "GPE", "New York")], 0, 0),                             # label not scored
])
def test_score_speech(rows, found, false) -> None:
    scores, misses, fps = evaluate.score_speech(_ents(rows), GOLD["speeches"][0])
    assert sum(s.found for s in scores.values()) == found
    assert sum(s.false for s in scores.values()) == false
    assert len(misses) == 3 - found and len(fps) == false


def test_perfect_extraction_scores_one() -> None:
    rows = [("Bill", "PERSON", "William Lacy Swing"), ("UN", "ORG", "United Nations"),
            ("Global Compact for Migration", "AGENDA", "Global Compact for Migration")]
    totals, _ = evaluate.evaluate(_ents(rows), SPEECHES, GOLD)
    overall = evaluate.Score()
    for s in totals.values():
        overall.add(s)
    assert overall.precision == overall.recall == overall.f1 == 1.0


@pytest.mark.parametrize(("items", "found"), [
    ([("First, we must act now", "First"), ("Second, we need data.", "Second")], True),
    ([("we must act now", "First"), ("we need data", "Second")], True),
    ([("we must act now", "First")], False),
    ([("we must act now", "First"), ("data is needed", "Second")], False),
])
def test_list_found(items, found) -> None:
    assert evaluate.list_found(GOLD["speeches"][0]["lists"][0], [items]) is found


def test_main_prints_scores_and_returns_zero(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    _ents([("UN", "ORG", "United Nations"), ("Member", "PERSON", "Member")]).to_parquet(
        tmp_path / "entities.parquet")
    SPEECHES.to_parquet(tmp_path / "speeches.parquet")
    pd.DataFrame({"speech_id": ["s1", "s1"], "list_id": [0, 0], "announced": [2, 2], "rank": [1, 2],
                  "marker": ["First", "Second"], "text": ["we must act", "we need data"]}).to_parquet(
        tmp_path / "priorities.parquet")
    assert evaluate.main(tmp_path, tmp_path / "gold.json") == 0
    out = capsys.readouterr().out
    assert "ALL" in out and "missed: PERSON: William Lacy Swing" in out
    assert "false positive: PERSON: Member" in out and "lists: 1 of 1" in out


def test_main_returns_nonzero_without_tables(tmp_path: Path) -> None:
    assert evaluate.main(tmp_path, tmp_path / "missing.json") == 1
