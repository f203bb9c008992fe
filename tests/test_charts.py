"""Charts: layout and grouping, pure chart functions on small tables, and the files of a real run."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pandas as pd
import pytest

from pipeline import charts, plotstyle

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def make_speeches(n: int) -> pd.DataFrame:
    years = [1990 + (i % 30) for i in range(n)]
    return pd.DataFrame({"speech_id": [f"s{i:03d}" for i in range(n)],
                         "label": [f"Speaker {i}, {y}" for i, y in enumerate(years)],
                         "date": [f"{y}-09-0{1 + i % 9}" for i, y in enumerate(years)],
                         "year": years, "n_words": [1000] * n,
                         "text": ["Migrants and rights. " * 50] * n, "duplicate_of": [None] * n})


@pytest.fixture(autouse=True)
def _style() -> None:
    plotstyle.apply_style()


@pytest.mark.parametrize(("n", "per_speech", "max_groups"), [(2, True, 2), (6, True, 6), (7, False, 6),
                                                              (300, False, 6)])
def test_layout_groups_speeches_into_periods_beyond_max(n: int, per_speech: bool, max_groups: int) -> None:
    layout = charts.build_layout(make_speeches(n), ["rights"])
    assert layout.per_speech is per_speech
    assert 1 <= len(layout.order) <= max_groups
    assert set(layout.groups) == set(layout.order)
    assert layout.words.sum() == 1000 * n


def test_period_groups_never_split_a_year() -> None:
    speeches = make_speeches(300)
    groups = charts.period_groups(speeches)
    per_year = pd.Series(groups.to_numpy()).groupby(speeches["year"].to_numpy()).nunique()
    assert per_year.max() == 1
    assert all("(n=" in g for g in groups)


def test_palette_is_stable_whatever_the_order_of_keys() -> None:
    a = plotstyle.palette(["rights", "labour", "climate"], kind="theme")
    b = plotstyle.palette(["climate", "rights", "labour", "labour"], kind="theme")
    assert [a(k) for k in ("rights", "labour", "climate")] == [b(k) for k in ("rights", "labour", "climate")]
    assert len({a(k) for k in ("rights", "labour", "climate")}) == 3
    assert a("unknown") == plotstyle.NEUTRAL


def test_by_group_rates_per_thousand_words() -> None:
    speeches = make_speeches(8)
    layout = charts.build_layout(speeches, [])
    counts = pd.DataFrame({"speech_id": speeches["speech_id"], "label": "ORG", "mentions": 5})
    table = charts.by_group(counts, layout, "mentions", key="label", rate=True)
    assert table.loc["ORG"].round(6).eq(5.0).all()  # 5 mentions per 1,000-word speech


@pytest.mark.parametrize("n", [2, 40])
def test_entity_and_theme_charts_label_speeches_not_stems(n: int, tmp_path: Path) -> None:
    speeches = make_speeches(n)
    layout = charts.build_layout(speeches, ["rights", "labour"])
    counts = pd.DataFrame({"speech_id": list(speeches["speech_id"]) * 2, "entity_id": "Q1",
                           "entity_name": ["United Nations"] * n + ["IOM"] * n, "label": "ORG", "mentions": 3})
    themes = pd.DataFrame({"speech_id": list(speeches["speech_id"]) * 2, "theme": ["rights"] * n + ["labour"] * n,
                           "theme_label": ["Rights"] * n + ["Labour"] * n, "share": 0.25,
                           "migration_share": 0.5, "migration_sentences": 2})
    for chart in (charts.entity_labels_chart(counts, layout), charts.top_entities_chart(counts, layout),
                  charts.theme_profile_chart(themes, layout)):
        png, svg = plotstyle.save_figure(chart.fig, tmp_path, chart.name)
        text = svg.read_text()
        assert png.read_bytes().startswith(PNG_MAGIC) and "<svg" in text
        assert chart.title and chart.guide


def test_keyness_pair_diverges_between_the_two_speeches() -> None:
    speeches = make_speeches(2)
    layout = charts.build_layout(speeches, [])
    keyness = pd.DataFrame({"speech_id": "s000", "kind": "lemma", "term": ["compact", "labour", "border"],
                            "g2": [12.0, 8.0, 9.0], "p_value": 0.01, "log_ratio": [1.0, 1.0, -1.0],
                            "direction": ["target", "target", "reference"]})
    chart = charts.keyness_chart(keyness, speeches, layout)
    bars = [p.get_width() for p in chart.fig.axes[0].patches]
    assert sorted(bars) == [-9.0, 8.0, 12.0]
    assert "Speaker 0, 1990" in chart.title and "Speaker 1, 1991" in chart.title


def test_charts_are_byte_identical_across_runs(tmp_path: Path) -> None:
    speeches = make_speeches(3)
    layout = charts.build_layout(speeches, ["rights"])
    themes = pd.DataFrame({"speech_id": speeches["speech_id"], "theme": "rights", "theme_label": "Rights",
                           "share": [0.1, 0.2, 0.3], "migration_share": [0.2, 0.4, 0.6], "migration_sentences": 3})
    outputs = []
    for run in ("a", "b"):
        chart = charts.theme_profile_chart(themes, layout)
        png, svg = plotstyle.save_figure(chart.fig, tmp_path / run, chart.name)
        outputs.append((png.read_bytes(), svg.read_bytes()))
    assert outputs[0] == outputs[1]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data.startswith(PNG_MAGIC), f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


EXPECTED = ("entity_labels", "top_entities", "theme_profile", "gcm_objectives", "keyness", "priorities",
            "theme_dispersion", "actors")


def test_real_run_wrote_every_chart_as_valid_images(processed_dir: Path) -> None:
    from pipeline import config

    index_path = config.FIGURES_DIR / charts.INDEX_NAME
    if not index_path.exists():
        pytest.skip("no charts in reports/figures: run `make all` first")
    index = json.loads(index_path.read_text())
    names = {e["name"] for e in index}
    n_speeches = len(pd.read_parquet(processed_dir / "speeches.parquet"))
    expected = set(EXPECTED) | ({"similarity", "themes_over_time", "topic_mix"} if n_speeches >= 3 else set())
    assert expected - {"priorities"} <= names  # a corpus without enumerations has no priority chart
    for entry in index:
        assert entry["title"] and entry["guide"]
        width, height = png_size(config.FIGURES_DIR / entry["png"])
        assert 400 < width < 3000 and 200 < height < 6000, entry["name"]
        svg = (config.FIGURES_DIR / entry["svg"]).read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<?xml") and "</svg>" in svg
        assert "<dc:date>" not in svg  # no timestamp: re-runs are byte-identical


def test_corpus_charts_for_a_few_speeches_of_scattered_years(tmp_path: Path) -> None:
    """Three to nine speeches: the similarity heatmap and themes over time are drawn."""
    speeches = make_speeches(5).assign(year=[2016, 2019, 2020, 2020, 2020])
    layout = charts.build_layout(speeches, ["rights", "labour"])
    ids = list(speeches["speech_id"])
    similarity = pd.DataFrame([(a, b, 1.0 if a == b else 0.3) for a in ids for b in ids],
                              columns=["speech_a", "speech_b", "cosine"])
    themes = pd.DataFrame({"speech_id": ids * 2, "theme": ["rights"] * 5 + ["labour"] * 5,
                           "theme_label": ["Rights"] * 5 + ["Labour"] * 5, "share": 0.2,
                           "migration_share": 0.4, "migration_sentences": 1})
    drawn = [charts.similarity_chart(similarity, speeches, layout),
             charts.themes_over_time_chart(themes, speeches, layout, {"rights": "Rights", "labour": "Labour"})]
    for chart in drawn:
        assert chart is not None
        png, _svg = plotstyle.save_figure(chart.fig, tmp_path, chart.name)
        assert png.read_bytes().startswith(PNG_MAGIC)


def test_theme_profile_of_migration_passages_pools_the_migration_sentences() -> None:
    speeches = make_speeches(8)  # grouped into periods
    layout = charts.build_layout(speeches, ["rights"])
    ids = list(speeches["speech_id"])
    themes = pd.DataFrame({"speech_id": ids, "theme": "rights", "theme_label": "Rights", "share": 0.1,
                           "migration_sentences": [1] + [0] * 7, "migration_share": 0.0})
    migration = pd.DataFrame({"speech_id": ids, "sentences": 10, "migration_sentences": [4] + [0] * 7,
                              "migration_share": [0.4] + [0.0] * 7})
    chart = charts.theme_profile_chart(themes, layout, migration=migration)
    first = layout.groups[ids[0]]
    dots = {c.get_label(): c.get_offsets()[0][0] for c in chart.fig.axes[0].collections if c.get_label()}
    assert dots[first] == pytest.approx(25.0)  # 1 of the period's 4 migration sentences
    assert chart.name == "theme_profile" and charts.theme_profile_chart(themes, layout).name == "theme_profile_all"
