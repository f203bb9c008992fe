"""Style measures, similarity and topics."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.stylometry import (
    flesch_reading_ease,
    mattr,
    similarity_table,
    style_row,
    syllables,
    tfidf,
    topic_model,
)


@pytest.mark.parametrize("word, n", [("migration", 3), ("the", 1), ("rights", 1), ("people", 2),
                                     ("cooperation", 4), ("make", 1)])
def test_syllables(word: str, n: int) -> None:
    assert syllables(word) == n


def test_mattr_short_text_is_plain_ratio_and_window_averages() -> None:
    assert mattr(["a", "b", "a", "c"]) == pytest.approx(0.75)
    # windows of 2 over a a b b: {a}, {a,b}, {b} -> (1 + 2 + 1) / (3 * 2)
    assert mattr(["a", "a", "b", "b"], window=2) == pytest.approx(4 / 6)
    assert mattr([]) == 0.0


def test_flesch_reading_ease() -> None:
    assert flesch_reading_ease(10, 1, 10) == pytest.approx(206.835 - 10.15 - 84.6)


def test_style_row_counts_words_and_sentences() -> None:
    nlp = spacy.blank("en")
    words = ["We", "act", ".", "Now", ",", "we", "talk", "."]
    doc = Doc(nlp.vocab, words=words, sent_starts=[True, False, False, True, False, False, False, False])
    row = style_row("s", doc)
    assert (row["n_words"], row["n_sentences"], row["n_types"]) == (5, 2, 4)
    assert row["mean_sentence_length"] == 2.5


def test_similarity_all_pairs_and_nearest_neighbours() -> None:
    docs = [["a", "b"], ["a", "b"], ["c", "d"]]
    matrix, _ = tfidf(docs)
    full = similarity_table(matrix, ["x", "y", "z"])
    assert len(full) == 9
    assert full.set_index(["speech_a", "speech_b"]).loc[("x", "y"), "cosine"] == pytest.approx(1.0)
    assert full.set_index(["speech_a", "speech_b"]).loc[("x", "z"), "cosine"] == pytest.approx(0.0)
    near = similarity_table(matrix, ["x", "y", "z"], all_pairs_max=2, nearest=1)
    assert set(zip(near.speech_a, near.speech_b, strict=True)) >= {("x", "x"), ("y", "y"), ("z", "z")}
    assert len(near) <= 6


def test_topic_model_needs_ten_speeches_and_is_deterministic() -> None:
    topics, terms = topic_model([["a"]] * 3, ["s1", "s2", "s3"])
    assert topics.empty and terms.empty and list(topics.columns) == ["speech_id", "topic", "weight"]
    docs = [["war", "peace", "army"] * 3] * 6 + [["trade", "market", "growth"] * 3] * 6
    docs = [d + [f"w{i}", f"w{i % 3}"] for i, d in enumerate(docs)]
    ids = [f"s{i}" for i in range(12)]
    t1, w1 = topic_model(docs, ids, n_topics=2)
    t2, _ = topic_model(docs, ids, n_topics=2)
    assert t1.equals(t2)
    assert t1.groupby("speech_id")["weight"].sum().round(6).eq(1.0).all()
    tops = w1[w1["rank"] == 1]["term"].tolist()
    assert len(set(tops)) == 2


def test_topic_model_without_a_term_in_enough_speeches_is_empty() -> None:
    docs = [[f"w{i}"] for i in range(12)]  # no term in two speeches (min_df)
    topics, terms = topic_model(docs, [f"s{i}" for i in range(12)])
    assert topics.empty and terms.empty
