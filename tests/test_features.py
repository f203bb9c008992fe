"""End to end: the features stage on the embedded speeches, in a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from pipeline import config, entities, features, ingest
from pipeline.tables import columns, written_by


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    out = tmp_path_factory.mktemp("features")
    assert ingest.main(config.RAW_DIR, out) == 0
    assert entities.main(out, out, interim_dir=out / "interim") == 0
    assert features.main(out, out, interim_dir=out / "interim") == 0
    return out


def _table(run: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(run / f"{name}.parquet")


def test_every_table_is_written_as_parquet_and_csv(run: Path) -> None:
    for name in written_by("features"):
        assert (run / f"{name}.parquet").exists() and (run / f"{name}.csv").exists()
        assert list(_table(run, name).columns) == columns(name)
    topics = _table(run, "topics")
    assert topics.empty and topics["topic"].dtype == "int64" and topics["weight"].dtype == "float64"


def test_gold_priority_list_is_found(run: Path) -> None:
    speeches = _table(run, "speeches").set_index("source_file")
    pri = _table(run, "priorities")
    text_of = speeches.set_index("speech_id")["text"] if "speech_id" in speeches else None
    gold = json.loads(config.GOLD_PATH.read_text()) if config.GOLD_PATH.exists() else None
    if gold is None:
        pytest.skip("no gold annotations beside the repository")
    for entry in gold["speeches"]:
        sid = speeches.loc[entry["file"], "speech_id"]
        found = pri[pri.speech_id == sid]
        assert found["list_id"].nunique() == len(entry["lists"])
        for lst in entry["lists"]:
            assert found["marker"].tolist() == lst["markers"]
            assert found["announced"].iloc[0] == lst["announced"]
            assert not found["count_mismatch"].any()
            for text, item in zip(found["text"], lst["items"], strict=True):
                assert text.startswith(item)
            text = text_of[sid] if text_of is not None else ""
            for row in found.itertuples():
                assert text[row.start_char:row.end_char] == row.text
                assert row.themes


def test_themes_cover_every_speech_and_theme(run: Path) -> None:
    themes = _table(run, "themes")
    speeches = _table(run, "speeches")
    assert len(themes) == len(speeches) * themes["theme"].nunique()
    assert themes["share"].between(0, 1).all()
    st = _table(run, "sentence_themes")
    text = speeches.set_index("speech_id")["text"]
    for row in st.head(30).itertuples():
        assert text[row.speech_id][row.start_char:row.end_char].strip() == row.sentence
    gcm = _table(run, "gcm_objectives")
    assert sorted(gcm["objective"].unique()) == list(range(1, 24))
    assert (gcm["score"] >= 0).all()


def test_keyness_style_and_similarity(run: Path) -> None:
    keyness = _table(run, "keyness")
    assert set(keyness["kind"]) <= {"lemma", "entity"} and len(keyness)
    assert keyness["p_value"].between(0, 1).all()
    style = _table(run, "style")
    assert (style["n_words"] > 0).all() and style["mattr"].between(0, 1).all()
    sim = _table(run, "similarity")
    assert len(sim) == len(style) ** 2
    diag = sim[sim.speech_a == sim.speech_b]
    assert diag["cosine"].round(6).eq(1.0).all()


TEXTS = [
    "Migrants send remittances home. First, we protect human rights. Second, we fight trafficking.",
    "Climate change drives displacement.\n\nRefugees need protection and decent work.",
    "Local authorities and civil society welcome migrant workers. Borders must be managed.",
    "The Security Council met. We call for safe, orderly and regular migration.",
]


def _cache(tmp_path: Path, nlp) -> features.SpeechCache:
    return features.SpeechCache(tmp_path, features.CACHE_NAMESPACE, features.features_version(nlp))


def test_second_run_analyses_only_the_new_speech(tmp_path: Path, nlp, record_texts) -> None:
    ids = [f"s{i}" for i in range(len(TEXTS))]
    first, n_cached = features.speech_features(ids[:-1], TEXTS[:-1], _cache(tmp_path, nlp),
                                               tmp_path, nlp=nlp, n_process=1)
    assert n_cached == 0
    parsed = record_texts(features, "parsed_docs")
    second, n_cached = features.speech_features(ids, TEXTS, _cache(tmp_path, nlp), tmp_path,
                                                nlp=nlp, n_process=1)
    assert n_cached == len(TEXTS) - 1 and parsed == [TEXTS[-1]]
    assert second[:-1] == first
    assert second[-1].style["speech_id"] == ids[-1]


def test_cached_result_equals_fresh_and_takes_the_speech_id(tmp_path: Path, nlp) -> None:
    fresh = list(features.analyse_texts(["a"], TEXTS[:1], tmp_path, nlp=nlp))
    features.speech_features(["a"], TEXTS[:1], _cache(tmp_path, nlp), tmp_path, nlp=nlp)
    cached, n_cached = features.speech_features(["b"], TEXTS[:1], _cache(tmp_path, nlp), tmp_path,
                                                nlp=nlp)
    assert n_cached == 1
    assert features.relabel(cached[0], "a") == fresh[0]
    assert {r["speech_id"] for r in cached[0].themes + cached[0].actors} == {"b"}


def test_parallel_analysis_equals_serial(tmp_path: Path, nlp, monkeypatch) -> None:
    ids = [f"s{i}" for i in range(len(TEXTS))]
    serial = list(features.analyse_texts(ids, TEXTS, tmp_path, nlp=nlp, n_process=1))
    monkeypatch.setattr(features, "MIN_PARALLEL", 2)
    parallel = list(features.analyse_texts(ids, TEXTS, tmp_path, nlp=nlp, n_process=2))
    assert parallel == serial
    assert [f.style["speech_id"] for f in parallel] == ids


def test_entity_documents_keep_named_things_per_speech_in_order() -> None:
    mentions = pd.DataFrame({
        "speech_id": ["b", "a", "b", "a", "x", "a"],
        "label": ["ORG", "GPE", "DATE", "ORG", "ORG", "PERSON"],
        "text": ["IOM", "Mexico", "2018", "UNHCR", "WHO", "Kofi"],
        "entity_name": ["International Organization for Migration", "Mexico", "2018", "UNHCR", "WHO",
                        "Kofi Annan"]})
    assert features.entity_documents(mentions, ["a", "b", "c"]) == [
        ["Mexico", "UNHCR", "Kofi Annan"], ["International Organization for Migration"], []]
