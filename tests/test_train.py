"""`make train`: training data from the annotations, a tiny training run, the shipped model's card."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import annotations as ann
from pipeline import config, train

FIXTURES = Path(__file__).parent / "fixtures" / "annotations"
pytestmark = pytest.mark.model


def _doc(text: str, spans: list[tuple[str, str]]) -> dict:
    out = []
    for surface, label in spans:
        start = text.index(surface)
        span = {"start": start, "end": start + len(surface), "label": label}
        if label in ann.ID_LABELS:
            span["entity_id"] = surface.lower()
        out.append(span)
    return {"text": text, "meta": {"speech_id": "t", "source": "t.txt", "split": "train"}, "spans": out}


def test_training_docs_keep_gold_spans_and_rehearse_the_base_models_dates(nlp) -> None:
    doc = _doc("On 5 May 2018 Nepal joined the Global Compact.\n\nThe Sahel suffers.",
               [("Nepal", "GPE"), ("Global Compact", "AGENDA"), ("Sahel", "LOC")])
    docs = list(train.training_docs([doc], nlp))
    assert len(docs) == 2  # one per paragraph
    ents = [(e.text, e.label_) for e in docs[0].ents]
    assert ("Nepal", "GPE") in ents and ("Global Compact", "AGENDA") in ents
    assert ("5 May 2018", "DATE") in ents
    assert [(e.text, e.label_) for e in docs[1].ents] == [("Sahel", "LOC")]


def test_a_gold_span_overrides_the_base_models_entity_it_touches(nlp) -> None:
    doc = _doc("The Second World War ended in 1945.", [("Second World War", "EVENT")])
    ents = [(e.text, e.label_) for e in next(train.training_docs([doc], nlp)).ents]
    assert ("Second World War", "EVENT") in ents
    assert not any(label == "ORDINAL" for _, label in ents)


def test_documents_without_spans_give_no_training_docs(nlp) -> None:
    assert list(train.training_docs([{"text": "x", "meta": {"speech_id": "t"}, "sentences": []}], nlp)) == []


def test_tiny_training_run_produces_a_recogniser(tmp_path: Path) -> None:
    assert train.main(FIXTURES, tmp_path, tmp_path / "models", tiny=True) == 0
    assert (tmp_path / "output" / "model-last" / "ner" / "model").exists()
    assert not (tmp_path / "models").exists()  # a tiny run installs nothing
    # Swapped into the base model, the recogniser keeps the labels the base one lacks
    # (read into the base component, AGENDA would be masked as a label never seen).
    import spacy

    from pipeline.nlp import model_name, use_recogniser

    nlp = spacy.load(model_name(), exclude=["parser", "senter", "lemmatizer", "attribute_ruler", "tagger"])
    use_recogniser(nlp, tmp_path / "output" / "model-last" / "ner")
    assert "AGENDA" in nlp.get_pipe("ner").labels
    assert not nlp.get_pipe("ner").model.attrs["unseen_classes"]


def test_model_card_names_data_labels_and_scores() -> None:
    facts = {"base": "en_core_web_sm", "spacy": "3.8", "seed": 0, "seconds": 12.0, "cores": 2,
             "train_docs": 3, "dev_docs": 1, "train_paragraphs": 30, "dev_paragraphs": 9, "size_mb": 6.1,
             "dev": {"ents_p": 0.9, "ents_r": 0.8, "ents_f": 0.847,
                     "per_label": {"ORG": {"p": 0.9, "r": 0.8, "f": 0.847}}}}
    card = train.model_card(facts)
    assert "| ORG | 0.900 | 0.800 | 0.847 |" in card and "make train" in card and "6.1 MB" in card


@pytest.mark.skipif(not (config.TRAINED_NER_DIR / "model").exists(), reason="no trained recogniser in models/")
def test_shipped_recogniser_still_gives_the_dev_scores_its_card_records(tmp_path: Path) -> None:
    recorded = json.loads((config.TRAINED_NER_DIR / train.SCORES_NAME).read_text(encoding="utf-8"))
    paths = train.prepare(config.ANNOTATIONS_DIR, tmp_path, base=recorded["base"])
    assert train.dev_scores(recorded["base"], config.TRAINED_NER_DIR, paths["dev"]) == recorded["dev"]
