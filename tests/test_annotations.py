"""The annotated corpus: markup round trip, checks, realignment, and the committed corpus itself."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline import annotate, config
from pipeline import annotations as ann

TEXT = "Mr. President, the United Nations met in Chad.\n\nFirst, we act. Secondly, we talk.\n\nThe end."
FIXTURES = Path(__file__).parent / "fixtures" / "annotations"


@pytest.fixture
def doc() -> dict:
    return {
        "text": TEXT,
        "meta": {"speech_id": "x", "source": "x.txt", "split": "dev"},
        "spans": [{"start": 19, "end": 33, "label": "ORG", "entity_id": "un"},
                  {"start": 41, "end": 45, "label": "GPE"}],
        "lists": [{"list_id": 1, "announced": 2, "kind": "ordinal", "items": [
            {"marker_start": 48, "start": 55, "end": 62, "marker": "First,"},
            {"marker_start": 63, "start": 73, "end": 81, "marker": "Secondly,"}]}],
        "sentences": [{"start": 0, "end": 46, "migration": False, "themes": []},
                      {"start": 48, "end": 62, "migration": True, "themes": ["development"], "gcm": [19]}],
        "metadata": {"speaker": "Louise Arbour", "place": None},
    }


def test_markup_round_trip_gives_back_the_document(doc: dict) -> None:
    markup = ann.render(doc)
    assert "[[United Nations|ORG|un]]" in markup and "{{1.2|Secondly,}}" in markup
    assert ann.parse(markup) == doc


def test_parse_reads_an_item_that_ends_before_its_paragraph(doc: dict) -> None:
    doc["lists"][0]["items"][1]["end"] = 80
    assert "{{/1.2}}" in ann.render(doc)
    assert ann.parse(ann.render(doc))["lists"][0]["items"][1]["end"] == 80


def test_item_text_starts_after_marker_punctuation() -> None:
    markup = "# speech_id: x\n# source: x.txt\n# split: train\n# annotates: lists\n\n=== text\n" \
             "{{1.1|First}}, we act. {{1.2|Second}} — we talk.\n\n=== lists\n1 announced=- kind=ordinal\n"
    items = ann.parse(markup)["lists"][0]["items"]
    assert [i["start"] for i in items] == [7, 24]


@pytest.mark.parametrize(("change", "problem"), [
    (lambda d: d["spans"].append({"start": 18, "end": 33, "label": "ORG", "entity_id": "un"}), "white space"),
    (lambda d: d["spans"].append({"start": 4, "end": 13, "label": "ROLE", "entity_id": "r"}), "unknown label"),
    (lambda d: d["spans"].append({"start": 4, "end": 13, "label": "PERSON"}), "no entity_id"),
    (lambda d: d["spans"].append({"start": 25, "end": 33, "label": "ORG", "entity_id": "n"}), "overlaps"),
    (lambda d: d["spans"].append({"start": 90, "end": 99, "label": "GPE"}), "outside"),
    (lambda d: d["sentences"][0]["themes"].append("weather"), "unknown themes"),
    (lambda d: d["sentences"][1].update(gcm=[24]), "GCM objectives"),
    (lambda d: d["lists"][0]["items"].pop(), "fewer than two"),
    (lambda d: d["meta"].update(split="reserved"), "split"),
])
def test_validate_names_each_problem(doc: dict, change, problem: str) -> None:
    change(doc)
    problems = ann.validate(doc)
    assert any(problem in p for p in problems), problems


def test_parse_refuses_broken_markup() -> None:
    markup = "# speech_id: x\n# source: x.txt\n# split: dev\n# annotates: spans\n\n=== text\nthe [[UN|ORG|un] met\n"
    with pytest.raises(ann.AnnotationError, match="broken markup"):
        ann.parse(markup)


def test_realign_moves_offsets_and_reports_what_is_lost(doc: dict) -> None:
    new_text = "Mr President, the United Nations met in Tchad.\n\nFirst, we act. Secondly, we talk.\n\nThe end."
    moved, lost = ann.realign(doc, new_text)
    un = moved["spans"][0]
    assert new_text[un["start"]:un["end"]] == "United Nations"
    assert len(moved["spans"]) == 1 and len(lost) == 1 and "Chad" in lost[0]
    assert [new_text[i["marker_start"]:i["end"]] for i in moved["lists"][0]["items"]] == \
        ["First, we act.", "Secondly, we talk."]


def test_realign_trims_page_furniture_that_the_cleaning_removed_from_a_sentence() -> None:
    old = "Aid must reach the valleys.\n\n14-51234 5/40 We will help the farmers. They need seed."
    new = "Aid must reach the valleys.\n\nWe will help the farmers. They need seed."
    start = old.index("14-51234")
    doc = {"text": old, "meta": {"speech_id": "x", "source": "x.txt", "split": "train"},
           "spans": [{"start": start, "end": start + 8, "label": "ORG", "entity_id": "x"}],
           "sentences": [{"start": start, "end": old.index(" They"), "migration": False, "themes": []}]}
    moved, lost = ann.realign(doc, new)
    sentence = moved["sentences"][0]
    assert new[sentence["start"]:sentence["end"]] == "We will help the farmers."
    assert moved["spans"] == [] and len(lost) == 1  # an entity span is never trimmed


def test_doc_entities_groups_mentions_by_id(doc: dict) -> None:
    doc["spans"].append({"start": 85, "end": 88, "label": "ORG", "entity_id": "un"})  # "The" as a stand-in
    entities = ann.doc_entities(doc)
    assert len(entities) == 1 and entities[0]["mentions"] == 2
    assert entities[0]["canonical"] == "United Nations"


def test_agreement_and_diff_between_two_passes(doc: dict) -> None:
    other = {**doc, "spans": doc["spans"][:1], "sentences": [dict(s) for s in doc["sentences"]]}
    other["sentences"][0] = {**other["sentences"][0], "migration": True}
    figures = annotate.agreement([doc], [other])
    assert figures["span_f1"] == pytest.approx(2 / 3, abs=1e-3)
    assert figures["list_f1"] == 1.0 and figures["sentences_compared"] == 2
    lines = annotate.diff(doc, other)
    assert any("span only in A: 'Chad'" in x for x in lines)
    assert any("sentence [0:46]" in x for x in lines)


# ------------------------------------------------------------------ the committed corpus

def _corpus() -> list[dict]:
    return ann.load_corpus(config.ANNOTATIONS_DIR) + ann.load_corpus(FIXTURES)


def test_every_annotated_document_is_well_formed_and_its_spans_slice_the_text() -> None:
    for d in _corpus():
        assert ann.validate(d) == [], d["meta"]["speech_id"]
        for s in d.get("spans", []):
            surface = d["text"][s["start"]:s["end"]]
            assert surface and surface == surface.strip() and "\n" not in surface


@pytest.mark.skipif(not config.UNGD_SPLITS_PATH.exists(), reason="../shared/corpus not available")
def test_no_reserved_speech_is_annotated() -> None:
    reserved = set(pd.read_csv(config.UNGD_SPLITS_PATH).query("split == 'reserved'")["file"])
    sources = {Path(d["meta"]["source"]).name for d in _corpus()}
    assert not sources & reserved


def test_annotated_texts_are_the_pipelines_cleaned_texts() -> None:
    from pipeline.ingest import ingest_file

    for d in _corpus():
        path = ann.source_path(d)
        if not path.exists():
            pytest.skip(f"{d['meta']['source']} not available")
        assert ingest_file(path)["text"] == d["text"], \
            f"{d['meta']['speech_id']}: cleaning changed; run `python -m pipeline.annotate realign`"


def test_draft_drops_a_mention_on_a_list_marker() -> None:
    # a slide's "1. Unavoidable" where the model also read the "1" as a name: the marker wins,
    # so that the draft's markup does not overlap (it raised before)
    spans = [{"start": 0, "end": 1, "label": "ORG", "entity_id": "x"},
             {"start": 20, "end": 26, "label": "GPE", "entity_id": "y"}]
    lists = [{"list_id": 1, "items": [{"marker_start": 0, "start": 3, "end": 15, "marker": "1."}]}]
    assert annotate.spans_outside_markers(spans, lists) == spans[1:]


def test_draft_finds_a_marker_that_opens_its_item() -> None:
    # "First is ..." (a pronoun marker: the item starts at the marker) after an earlier "First, ..."
    text = "First, we grew. Secondly, we built.\n\nFirst is the agenda. Secondly, the session."
    rows = pd.DataFrame({"list_id": [1, 1, 2, 2], "rank": [1, 2, 1, 2], "kind": "ordinal", "announced": None,
                         "marker": ["First", "Secondly", "First", "Secondly"],
                         "start_char": [7, 26, 37, 68], "end_char": [15, 35, 57, 80]})
    lists = annotate.draft_lists(text, rows)
    assert [it["marker_start"] for lst in lists for it in lst["items"]] == [0, 16, 37, 58]
