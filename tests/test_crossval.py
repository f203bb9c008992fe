"""`make crossval`: folds of the train split and the figures summed over them."""

from __future__ import annotations

from pipeline import crossval
from pipeline.evaluate import LABELS, MENTION_LABELS


def _doc(sid: str) -> dict:
    return {"text": "", "meta": {"speech_id": sid, "split": "train"}, "spans": []}


def test_folds_are_disjoint_cover_the_documents_and_do_not_depend_on_their_order() -> None:
    docs = [_doc(f"S{i:02d}") for i in range(10)]
    parts = crossval.folds(docs, 4)
    ids = [d["meta"]["speech_id"] for part in parts for d in part]
    assert sorted(ids) == sorted(d["meta"]["speech_id"] for d in docs) and len(set(ids)) == 10
    assert [len(p) for p in parts] == [3, 3, 2, 2]
    assert crossval.folds(list(reversed(docs)), 4) == parts


def _evaluation(tp: int, fp: int, fn: int) -> dict:
    counts = {"tp": tp, "fp": fp, "fn": fn, "correct": tp}
    return {"documents": 2, "entities": {label: counts for label in LABELS},
            "mentions": {label: counts for label in MENTION_LABELS}}


def test_combine_sums_counts_over_folds() -> None:
    s = crossval.combine([_evaluation(3, 1, 0), _evaluation(1, 1, 2)])
    assert s["documents"] == 4
    assert s["entities"]["ORG"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667,
                                    "tp": 4, "fp": 2, "fn": 2, "correct": 4}
    assert s["mentions"]["all"]["tp"] == 4 * len(MENTION_LABELS)
    assert "ORG" in crossval.format_figures(s)
