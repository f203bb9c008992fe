"""Migration share charts: per speech or period, and the yearly mean of a corpus."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline import charts, migration_charts, plotstyle
from tests.test_charts import PNG_MAGIC, make_speeches


def _migration(ids: list[str], shares: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"speech_id": ids, "sentences": 10, "migration_sentences": [round(s * 10) for s in shares],
                         "migration_share": shares})


def test_yearly_share_averages_speeches_and_drops_thin_years() -> None:
    speeches = make_speeches(7).assign(year=[2014, 2014, 2014, 2016, 2016, 2016, 2019])
    migration = _migration(list(speeches["speech_id"]), [0.0, 0.1, 0.2, 0.3, 0.3, 0.6, 0.9])
    yearly = migration_charts.yearly_share(migration, speeches)
    assert yearly["year"].tolist() == [2014, 2016]
    assert yearly["mean_share"].tolist() == pytest.approx([0.1, 0.4])
    assert yearly["speeches_with_migration"].tolist() == [2, 3]


@pytest.mark.parametrize("n", [2, 12])
def test_migration_charts_draw_per_speech_period_and_year(n: int, tmp_path: Path) -> None:
    speeches = make_speeches(n).assign(year=[2000 + 2 * i // n for i in range(n)])
    layout = charts.build_layout(speeches, [])
    migration = _migration(list(speeches["speech_id"]), [i / (2 * n) for i in range(n)])
    drawn = [migration_charts.migration_share_chart(migration, layout),
             migration_charts.migration_over_time_chart(migration, speeches)]
    if n < 2 * charts.MIN_SPEECHES_PER_YEAR:
        assert drawn[1] is None  # no two years with enough speeches
        drawn = drawn[:1]
    for chart in drawn:
        png, _svg = plotstyle.save_figure(chart.fig, tmp_path, chart.name)
        assert png.read_bytes().startswith(PNG_MAGIC) and chart.guide
