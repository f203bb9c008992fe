"""Tables are written as Parquet and CSV that read back to the same rows."""

from __future__ import annotations

import os
import stat

import pandas as pd

from pipeline.storage import read_table, write_table


def awkward_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "speech_id": ["a", "b", "c"],
        "text": ['He said "First, we act",\nthen left.', "", None],
        "count": [1, 2, 3],
        "announced": pd.array([5, None, 2], dtype="Int64"),
        "share": [0.1, 1.0, 2.5e-12],
        "flag": [True, False, True],
    })


def test_parquet_round_trip_is_exact(tmp_path):
    df = awkward_frame()
    write_table(df, tmp_path, "t")
    pd.testing.assert_frame_equal(read_table(tmp_path, "t"), df)


def test_csv_reads_back_to_the_same_values(tmp_path):
    df = awkward_frame()
    _, csv_path = write_table(df, tmp_path, "t")
    back = pd.read_csv(csv_path, keep_default_na=False, na_values=[""])
    assert list(back.columns) == list(df.columns)
    assert back["text"][0] == df["text"][0]
    assert pd.isna(back["text"][2])
    assert back["count"].tolist() == [1, 2, 3]
    assert back["announced"].tolist()[0] == 5 and pd.isna(back["announced"][1])
    assert back["share"].tolist() == [0.1, 1.0, 2.5e-12]
    assert back["flag"].tolist() == [True, False, True]


def test_columns_the_arrow_csv_writer_lacks_fall_back_to_pandas(tmp_path):
    df = pd.DataFrame({"speech_id": ["a", "b"], "items": [[1, 2], []]})
    parquet_path, csv_path = write_table(df, tmp_path, "t")
    assert pd.read_csv(csv_path)["items"].tolist() == ["[1, 2]", "[]"]
    assert [list(v) for v in pd.read_parquet(parquet_path)["items"]] == [[1, 2], []]


def test_outputs_get_the_mode_of_ordinary_new_files(tmp_path):
    (tmp_path / "plain.txt").write_text("x")
    expected = stat.S_IMODE(os.stat(tmp_path / "plain.txt").st_mode)
    for path in write_table(awkward_frame(), tmp_path, "t"):
        assert stat.S_IMODE(os.stat(path).st_mode) == expected
