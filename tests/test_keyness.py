"""Keyness: G2, log ratio and Monroe et al. z against hand-computed values."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from pipeline.keyness import count_matrix, keyness_table, log_likelihood, log_odds_z, log_ratio, top_rows


@pytest.mark.parametrize("a, b, c, d, expected", [
    # E1 = 100*15/300 = 5, E2 = 10: G2 = 2*(10 ln 2 + 5 ln 0.5) = 10 ln 2
    (10, 5, 100, 200, 10 * math.log(2)),
    # equal relative frequencies: no keyness
    (5, 10, 100, 200, 0.0),
    # a term absent from the reference: E1 = 4*50/100 = 2, G2 = 2 * 4 ln 2
    (4, 0, 50, 50, 8 * math.log(2)),
])
def test_log_likelihood_matches_hand_computation(a, b, c, d, expected) -> None:
    assert log_likelihood(np.array([a]), np.array([b]), np.array([c]), np.array([d]))[0] == \
        pytest.approx(expected)


def test_log_ratio_is_log2_of_relative_frequency_ratio() -> None:
    assert log_ratio(np.array([10]), np.array([5]), np.array([100]), np.array([200]))[0] == \
        pytest.approx(2.0)
    # zero reference count replaced by 0.5: (4/50) / (0.5/50) = 8
    assert log_ratio(np.array([4]), np.array([0]), np.array([50]), np.array([50]))[0] == pytest.approx(3.0)


def test_log_odds_z_matches_hand_computation() -> None:
    a, b, c, d, prior, total = 10.0, 5.0, 100.0, 200.0, 2.0, 20.0
    delta = math.log(12 / (100 + 20 - 12)) - math.log(7 / (200 + 20 - 7))
    expected = delta / math.sqrt(1 / 12 + 1 / 7)
    got = log_odds_z(np.array([a]), np.array([b]), np.array([c]), np.array([d]), np.array([prior]), total)
    assert got[0] == pytest.approx(expected)


def test_keyness_table_two_speeches_one_against_the_other() -> None:
    docs = [["migrant"] * 10 + ["peace"] * 90, ["migrant"] * 5 + ["peace"] * 195]
    counts, terms = count_matrix(docs)
    table = keyness_table(counts, terms, ["s1", "s2"], kind="lemma")
    row = table[(table.speech_id == "s1") & (table.term == "migrant")].iloc[0]
    assert (row.count_target, row.count_reference) == (10, 5)
    assert row.g2 == pytest.approx(10 * math.log(2))
    assert row.direction == "target"
    assert row.p_value == pytest.approx(0.0085, abs=1e-3)
    other = table[(table.speech_id == "s2") & (table.term == "migrant")].iloc[0]
    assert other.direction == "reference" and other.g2 == pytest.approx(row.g2)


def test_duplicates_do_not_count_twice_in_the_reference() -> None:
    docs = [["a", "b"], ["a", "b"], ["b", "b", "c"]]
    counts, terms = count_matrix(docs)
    table = keyness_table(counts, terms, ["s1", "s1dup", "s2"], kind="lemma",
                          in_reference=[True, False, True])
    a1 = table[(table.speech_id == "s1") & (table.term == "a")].iloc[0]
    a_dup = table[(table.speech_id == "s1dup") & (table.term == "a")].iloc[0]
    assert a1.count_reference == 0 and a_dup.count_reference == 0
    assert a_dup.g2 == pytest.approx(a1.g2)


def test_keyness_table_empty_for_one_speech() -> None:
    counts, terms = count_matrix([["a", "b"]])
    assert keyness_table(counts, terms, ["s"], kind="lemma").empty


def test_count_matrix_of_empty_documents_has_no_terms() -> None:
    counts, terms = count_matrix([[], []])
    assert counts.shape == (2, 0) and len(terms) == 0


def test_top_rows_keeps_the_highest_g2_per_speech_and_direction_in_output_order() -> None:
    speech = np.array([1, 0, 0, 0, 1, 0])
    is_target = np.array([True, True, False, True, True, True])
    g2 = np.array([5.0, 1.0, 9.0, 3.0, 5.0, 3.0])
    term = np.arange(6)
    # speech 0: targets 3 and 5 (G2 3, term order) before 1 (G2 1), then its reference row 2;
    # speech 1: two targets tied on G2, in term order.
    assert top_rows(speech, is_target, g2, term, 2).tolist() == [3, 5, 2, 0, 4]
    assert top_rows(speech, is_target, g2, term, 1).tolist() == [3, 2, 0]


def test_keyness_table_keeps_top_n_terms_per_direction() -> None:
    docs = [["migrant"] * 9 + ["border"] * 6 + ["peace"] * 2 + ["trade"],
            ["peace"] * 9 + ["trade"] * 6 + ["migrant"] * 2 + ["border"]]
    counts, terms = count_matrix(docs)
    full = keyness_table(counts, terms, ["s1", "s2"], kind="lemma")
    top = keyness_table(counts, terms, ["s1", "s2"], kind="lemma", top_n=1)
    expected = full.groupby(["speech_id", "direction"], sort=False).head(1).reset_index(drop=True)
    pd.testing.assert_frame_equal(top, expected)
    assert top[["speech_id", "direction", "term"]].values.tolist() == [
        ["s1", "target", "migrant"], ["s1", "reference", "peace"],
        ["s2", "target", "peace"], ["s2", "reference", "migrant"]]
