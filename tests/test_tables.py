"""The table declarations: every stage writes exactly its declared tables, readers rely on them,
and the README's column lists are the declarations'."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline import config, stages, tables


def test_every_table_has_a_stage_and_every_column_a_meaning() -> None:
    for spec in tables.TABLES.values():
        assert spec.stage in stages.STAGES, spec.name
        assert spec.meaning and len(set(spec.names)) == len(spec.names), spec.name
        for column in spec.columns:
            assert column.meaning and column.type in tables._TYPE_NAMES, (spec.name, column.name)


def test_readme_column_lists_are_generated_from_the_declarations() -> None:
    readme = (config.PROJ_ROOT / "README.md").read_text(encoding="utf-8")
    assert tables.with_readme_section(readme) == readme, \
        "README.md is out of date: run `.venv/bin/python -m pipeline.tables --readme README.md`"


def test_a_run_writes_every_declared_table_with_its_schema(processed_dir: Path) -> None:
    written = {p.name.removesuffix(".parquet") for p in processed_dir.glob("*.parquet")}
    assert written == set(tables.TABLES)
    for name, spec in tables.TABLES.items():
        assert pq.read_schema(processed_dir / f"{name}.parquet").remove_metadata() == spec.schema, name
        header = (processed_dir / f"{name}.csv").read_text(encoding="utf-8").split("\n", 1)[0]
        assert header == ",".join(f'"{c}"' for c in spec.names), name


def test_frame_builds_a_typed_table_from_rows() -> None:
    rows = [{"topic": 1, "rank": 1, "term": "migrant", "weight": 0.5}]
    frame = tables.frame("topic_terms", rows)
    assert list(frame.columns) == ["topic", "rank", "term", "weight"]
    assert [str(t) for t in frame.dtypes] == ["int64", "int64", "str", "float64"]
    assert tables.frame("topic_terms").empty


@pytest.mark.parametrize("name", sorted(tables.TABLES))
def test_an_empty_table_converts_to_its_schema(name: str) -> None:
    assert tables.to_arrow(name, tables.frame(name)).schema.remove_metadata() == tables.table(name).schema
