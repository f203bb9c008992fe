"""`make evaluate`: the scoring rules of ../shared/eval/README.md and the annotated-corpus scores."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from pipeline import evaluate

FIXTURES = Path(__file__).parent / "fixtures" / "annotations"
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
    assert sum(s.tp for s in scores.values()) == found
    assert sum(s.fp for s in scores.values()) == false
    assert len(misses) == 3 - found and len(fps) == false


def test_two_extracted_names_of_one_gold_entity_are_both_correct() -> None:
    scores, _, _ = evaluate.score_speech(_ents([("UN", "ORG", "UN"), ("United Nations", "ORG", "United Nations")]),
                                         GOLD["speeches"][0])
    assert scores["ORG"].tp == 1 and scores["ORG"].correct == 2 and scores["ORG"].precision == 1.0


@pytest.mark.parametrize(("items", "found"), [
    ([("First, we must act now", "First"), ("Second, we need data.", "Second")], True),
    ([("we must act now", "First"), ("we need data", "Second")], True),
    ([("we must act now", "First")], False),
    ([("we must act now", "First"), ("data is needed", "Second")], False),
])
def test_text_lists_found(items, found) -> None:
    extracted = [[{"start": None, "text": t, "marker": m} for t, m in items]]
    counts, _ = evaluate.score_lists(GOLD["speeches"][0]["lists"], extracted)
    assert (counts.tp == 1) is found


@pytest.mark.parametrize(("starts", "found"), [
    ([7, 24], True),     # at the item text
    ([0, 15], True),     # at the marker
    ([7, 30], False),    # inside the second item's text
    ([7], False),        # one item missing
])
def test_offset_lists_found_between_marker_and_text(starts, found) -> None:
    gold = [{"items": [{"marker_start": 0, "start": 7, "end": 14, "marker": "First,"},
                       {"marker_start": 15, "start": 24, "end": 31, "marker": "Second —"}]}]
    counts, _ = evaluate.score_lists(gold, [[{"start": s, "text": "", "marker": None} for s in starts]])
    assert (counts.tp == 1) is found and counts.fp == (0 if found else 1)


def test_sentence_themes_are_taken_from_the_most_overlapping_sentence() -> None:
    gold = [{"start": 0, "end": 10, "themes": ["development"]}, {"start": 11, "end": 30, "themes": []}]
    rows = pd.DataFrame({"start_char": [0, 12], "end_char": [11, 30], "theme": ["development", "human_rights"]})
    pred = evaluate.predicted_by_sentence(gold, rows, "theme")
    scores = evaluate.score_labels([g["themes"] for g in gold], pred, ["development", "human_rights"])
    assert scores["development"].tp == 1 and scores["human_rights"].fp == 1


@pytest.mark.parametrize(("key", "gold", "pred", "ok"), [
    ("speaker", "António Guterres", "H.E. Mr. Antonio Guterres", True),
    ("speaker", "António Guterres", "New York", False),
    ("speaker_role", "Secretary-General", "Secretary-General of the United Nations", True),
    ("speaker_role", "United Nations High Commissioner for Refugees", "UN High Commissioner for Refugees", True),
    ("speaker_role", "Secretary-General", "Deputy Secretary-General", False),
    ("place", "New York", "New York, NY", True),
    ("date", "2017-03-14", "2017", False),
    ("event", "Global Forum on Migration and Development", "the Global Forum on Migration and Development", True),
    ("event", "International Migrants Day", "event marking International Migrants Day", True),
    ("event", "Human Rights Council", "Security Council", False),
    ("delivered_by", None, None, True),
    ("delivered_by", None, "Wu Hongbo", False),
])
def test_metadata_fields_compare_by_meaning(key, gold, pred, ok) -> None:
    assert evaluate.same_field(key, gold, pred) is ok


def test_accuracy_section_is_rewritten_between_markers(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n{evaluate.README_START}\nold\n{evaluate.README_END}\nrest\n", encoding="utf-8")
    evaluate.update_readme(readme, "| new |")
    text = readme.read_text(encoding="utf-8")
    assert "| new |" in text and "old" not in text and text.endswith("rest\n")


def test_main_returns_nonzero_without_gold(tmp_path: Path) -> None:
    assert evaluate.main(tmp_path / "missing.jsonl", out=None) == 1


@pytest.mark.model
def test_evaluate_runs_the_pipeline_on_an_annotated_fixture(tmp_path: Path, capsys) -> None:
    out = tmp_path / "evaluation.json"
    assert evaluate.main(FIXTURES / "tiny.jsonl", split="dev", work_dir=tmp_path / "work", out=out) == 0
    printed = capsys.readouterr().out
    assert "entities, document level" in printed and "metadata: speaker" in printed
    s = json.loads(out.read_text(encoding="utf-8"))
    assert s["documents"] == 1 and s["unaligned"] == []
    assert s["lists"]["tp"] == 1                                   # "First, ... Second, ... Third, ..."
    assert s["entities"]["ORG"]["tp"] == 1                         # the International Organization for Migration
    assert s["metadata"]["speaker"]["correct"] == 1                # "Louise Arbour, Special Representative ..."
    assert s["metadata"]["date"]["correct"] == 1
    assert s["themes"]["smuggling_trafficking"]["tp"] == 1         # "fight the smugglers"
    doc = s["per_document"][0]
    assert doc["speech_id"] == "tiny_statement" and "entities" in doc and "mentions" in doc


@pytest.mark.parametrize(("rows", "false"), [
    ([("seventy-fourth session", "EVENT", "seventy-fourth session of the General Assembly")], 0),
    ([("fifth session", "EVENT", "fifth session")], 0),
    ([("twenty-first session of the Conference of the Parties", "EVENT", "COP21")], 1),  # not optional
    ([("seventy-fourth session", "ORG", "seventy-fourth session")], 1),
])
def test_numbered_session_is_optional_as_the_guide_says(rows, false) -> None:
    scores, _, _ = evaluate.score_speech(_ents(rows), GOLD["speeches"][0])
    assert sum(s.fp for s in scores.values()) == false
