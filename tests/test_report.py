"""Report: HTML building blocks, and the self-contained page of a real run."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from pipeline import config, explore, report


@pytest.mark.parametrize(("sentence", "terms", "expected"), [
    ("Migrants have rights.", ["rights"], "Migrants have <mark>rights</mark>."),
    ("Human rights & dignity", ["human rights", "rights"], "<mark>Human rights</mark> &amp; dignity"),
    ("<b>no match</b>", [], "&lt;b&gt;no match&lt;/b&gt;"),
])
def test_highlight_marks_terms_and_escapes(sentence: str, terms: list[str], expected: str) -> None:
    assert report.highlight(sentence, terms) == expected


def test_kwic_finds_whole_words_with_context() -> None:
    hits = explore.kwic({"a": "The migrant and the migrants. Migrant workers."}, "migrant", width=10)
    assert list(hits["match"]) == ["migrant", "Migrant"]
    assert hits.iloc[0]["right"].startswith(" and the")


def test_priorities_section_flags_count_mismatch() -> None:
    speeches = pd.DataFrame({"speech_id": ["s1"], "label": ["Arbour, 2018"], "date": ["2018-01-01"]})
    priorities = pd.DataFrame({"speech_id": "s1", "list_id": 1, "kind": "ordinal", "announced": 3, "rank": [1, 2],
                               "marker": ["First", "Second"], "text": ["data", "rights"], "themes": ["data", ""]})
    html = report.priorities_section(priorities, speeches, {"data": "Data and evidence"})
    assert "Arbour, 2018" in html and "announced 3, found 2" in html and "mismatch" in html
    assert "ordinal list 1" in html
    assert "Data and evidence" in html


def test_real_report_is_self_contained(processed_dir: Path) -> None:
    if not config.REPORT_PATH.exists():
        pytest.skip("no report: run `make all` first")
    html = config.REPORT_PATH.read_text(encoding="utf-8")
    speeches = pd.read_parquet(processed_dir / "speeches.parquet")
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r"<img[^>]+src=['\"](?!data:)", html), "every image is embedded"
    assert not re.search(r"<(script|link)[^>]+(src|href)=['\"]https?:", html), "no external resources"
    for label in speeches["label"].head(20):
        assert report.esc(label) in html
    assert html.count("<figure") >= 8
    assert "How to read it" in html


def test_a_corpus_report_has_a_section_per_grouping(small_corpus: Path) -> None:
    html = (small_corpus / "report.html").read_text(encoding="utf-8")
    for grouping, anchor in (("region", "groups-region"), ("period:2015", "groups-period_2015")):
        assert f"<h2 id='{anchor}'>Groups by {grouping}</h2>" in html and f"href='#{anchor}'" in html
    section = html.split("<h2 id='groups-region'>", 1)[1].split("<h2", 1)[0]
    assert "Europe (n=4)" in section and "Americas (n=2)*" in section  # a small group, marked
    assert "group_migration_region" in section and "group_keyness_region" in section  # its charts
    charts = html.split("<h2 id='charts'>", 1)[1].split("<h2", 1)[0]
    assert "group_migration_region" not in charts
