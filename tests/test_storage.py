"""Tables are checked against their declaration and written as Parquet and CSV that read back
to the same rows."""

from __future__ import annotations

import os
import stat

import pandas as pd
import pytest

from pipeline import tables
from pipeline.storage import read_table, write_table


def awkward_priorities() -> pd.DataFrame:
    """A priorities table with quotes, line breaks, an empty item and a missing count."""
    return pd.DataFrame({
        "speech_id": ["a", "b", "c"], "list_id": [1, 1, 2], "kind": ["ordinal", "lettered", "numbered"],
        "announced": pd.array([5, None, 2], dtype="Int64"), "rank": [1, 2, 3],
        "marker": ["First", "(b)", "3."],
        "text": ['He said "First, we act",\nthen left.', "", "a; b"],
        "start_char": [0, 10, 20], "end_char": [9, 10, 25], "themes": ["", "rights; labour", ""],
        "n_items": [1, 2, 3], "count_mismatch": [True, False, True],
    })


def test_parquet_round_trip_is_exact(tmp_path):
    df = awkward_priorities()
    write_table(df, tmp_path, "priorities")
    pd.testing.assert_frame_equal(read_table(tmp_path, "priorities"), tables.frame("priorities", df))


def test_csv_reads_back_to_the_same_values(tmp_path):
    df = awkward_priorities()
    _, csv_path = write_table(df, tmp_path, "priorities")
    back = pd.read_csv(csv_path, keep_default_na=False, na_values=[""])
    assert list(back.columns) == list(df.columns)
    assert back["text"][0] == df["text"][0]
    assert pd.isna(back["text"][1])  # CSV does not tell an empty string from a missing one
    assert back["list_id"].tolist() == [1, 1, 2]
    assert back["announced"].tolist()[0] == 5 and pd.isna(back["announced"][1])
    assert back["count_mismatch"].tolist() == [True, False, True]


def test_written_types_are_the_declared_ones_even_for_empty_columns(tmp_path):
    write_table(tables.frame("topics"), tmp_path, "topics")
    speeches = tables.frame("speeches", {c: [] for c in tables.columns("speeches")})
    write_table(speeches, tmp_path, "speeches")
    for name in ("topics", "speeches"):
        schema = pd.read_parquet(tmp_path / f"{name}.parquet").dtypes
        assert [str(t) for t in schema] == [c.dtype for c in tables.table(name).columns]


def test_a_frame_that_does_not_fit_its_table_is_not_written(tmp_path):
    df = awkward_priorities()
    with pytest.raises(ValueError, match="missing column.*'themes'.*undeclared column.*'extra'"):
        write_table(df.drop(columns="themes").assign(extra=1), tmp_path, "priorities")
    with pytest.raises(ValueError, match=r"\['rank'\] have missing values"):
        write_table(df.assign(rank=[1, None, 3]), tmp_path, "priorities")
    with pytest.raises(KeyError, match="no table 'prioritis'"):
        write_table(df, tmp_path, "prioritis")
    assert not list(tmp_path.iterdir())


def test_reading_a_missing_table_names_its_stage(tmp_path):
    with pytest.raises(FileNotFoundError, match="run the features stage"):
        read_table(tmp_path, "keyness")


def test_outputs_get_the_mode_of_ordinary_new_files(tmp_path):
    (tmp_path / "plain.txt").write_text("x")
    expected = stat.S_IMODE(os.stat(tmp_path / "plain.txt").st_mode)
    for path in write_table(awkward_priorities(), tmp_path, "priorities"):
        assert stat.S_IMODE(os.stat(path).st_mode) == expected
