"""How much speeches talk about migration: per speech (or period), and by year for a corpus.

The share is the `migration` table's `migration_share`: the share of a speech's sentences
that the migration flag marks (pipeline/sentences.py). `make charts` draws both charts;

    python -m pipeline.migration_charts --processed DIR --out reports/migration_share_by_year \
        --min-speeches 50

writes the yearly chart (PNG and SVG) and its numbers (CSV) for a processed corpus, as the
README's chart of the 2,532 General Debate speeches was made.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline import explore, plotstyle
from pipeline.charts import MIN_SPEECHES_PER_YEAR, Chart, Layout, _fig, finish_chart
from pipeline.storage import write_text

log = logging.getLogger(__name__)
YEARLY_COLUMNS = ["year", "speeches", "mean_share", "median_share", "speeches_with_migration"]


def migration_share_chart(migration: pd.DataFrame, layout: Layout) -> Chart | None:
    """Bars: share of sentences about migration, per speech (or mean per period)."""
    if migration.empty:
        return None
    share = migration.assign(_group=migration["speech_id"].map(layout.groups)).dropna(subset=["_group"])
    table = (share.groupby("_group")["migration_share"].mean() * 100).reindex(list(layout.order)).fillna(0)
    fig, ax = _fig(0.38 * len(table) + 1.3)
    y = np.arange(len(table))
    ax.barh(y, table.to_numpy(), color=[layout.colours(g) for g in table.index], height=0.7)
    for yi, value in zip(y, table.to_numpy(), strict=True):
        ax.text(value, yi, f" {value:.1f}%", va="center", fontsize=8.5)
    ax.set_yticks(y, [plotstyle.wrap(g, 30) for g in table.index])
    ax.set_ylim(len(table) - 0.5, -0.5)
    ax.set_xlim(0, max(5.0, float(table.max()) * 1.15))
    ax.set_xlabel("sentences about migration, refugees or displacement (%)" if layout.per_speech
                  else "mean share of sentences about migration per speech (%)")
    ax.tick_params(axis="y", length=0)
    title = f"How much each {layout.unit} talks about migration"
    guide = ("The share of sentences the migration flag marks as about migration, refugees, displacement, "
             "trafficking or smuggling (judged with their paragraph); theme charts are drawn over these sentences.")
    return finish_chart(fig, "migration_share", title, guide)


def yearly_share(migration: pd.DataFrame, speeches: pd.DataFrame, *,
                 min_speeches: int = MIN_SPEECHES_PER_YEAR) -> pd.DataFrame:
    """Per year with at least `min_speeches` speeches: speeches, mean and median migration share,
    speeches with any migration sentence (columns YEARLY_COLUMNS)."""
    years = pd.to_numeric(speeches.set_index("speech_id")["year"], errors="coerce")
    data = migration.assign(year=migration["speech_id"].map(years)).dropna(subset=["year"])
    grouped = data.groupby(data["year"].astype(int))
    out = pd.DataFrame({"speeches": grouped.size(), "mean_share": grouped["migration_share"].mean(),
                        "median_share": grouped["migration_share"].median(),
                        "speeches_with_migration": grouped["migration_sentences"].apply(lambda s: int((s > 0).sum()))})
    out = out[out["speeches"] >= min_speeches].reset_index().rename(columns={"index": "year"})
    return out[YEARLY_COLUMNS]


def migration_over_time_chart(migration: pd.DataFrame, speeches: pd.DataFrame, *,
                              min_speeches: int = MIN_SPEECHES_PER_YEAR) -> Chart | None:
    """Line: mean share of sentences about migration per year (years with at least
    `min_speeches` speeches)."""
    yearly = yearly_share(migration, speeches, min_speeches=min_speeches)
    if len(yearly) < 2:
        return None
    fig, ax = _fig(3.6)
    colour = plotstyle.ordered_palette(("share",))("share")
    sizes = np.clip(8 + 40 * yearly["speeches"] / yearly["speeches"].max(), 8, 48)
    ax.plot(yearly["year"], yearly["mean_share"] * 100, color=colour, lw=1.6)
    ax.scatter(yearly["year"], yearly["mean_share"] * 100, s=sizes, color=colour, zorder=2)
    ax.set_ylim(0, max(1.0, float(yearly["mean_share"].max()) * 115))
    ax.set_ylabel("sentences about migration (%)")
    ax.grid(axis="y", color="#EEEEEE")
    title = "Migration in the speeches, year by year: mean share of sentences"
    guide = ("Each point is the mean, over a year's speeches, of the share of their sentences about "
             "migration, refugees or displacement (bigger points = more speeches; years with fewer than "
             f"{min_speeches} speeches left out).")
    return finish_chart(fig, "migration_over_time", title, guide)


def main(processed_dir: Path, out: Path, *, min_speeches: int = MIN_SPEECHES_PER_YEAR) -> int:
    """Write the yearly chart of the corpus in `processed_dir` as `out`.png/.svg and its numbers
    as `out`.csv (years with at least `min_speeches` speeches); return the exit status."""
    plotstyle.apply_style()
    tables = explore.load_tables(processed_dir, ("speeches", "migration"))
    speeches = tables["speeches"]
    speeches = speeches[speeches["duplicate_of"].isna()]
    migration = tables["migration"][tables["migration"]["speech_id"].isin(speeches["speech_id"])]
    chart = migration_over_time_chart(migration, speeches, min_speeches=min_speeches)
    if chart is None:
        log.error("migration_charts: fewer than two years with %d speeches in %s", min_speeches, processed_dir)
        return 1
    out = Path(out)
    plotstyle.save_figure(chart.fig, out.parent, out.name)
    yearly = yearly_share(migration, speeches, min_speeches=min_speeches)
    write_text(out.with_suffix(".csv"), yearly.to_csv(index=False, float_format="%.4f"))
    log.info("migration_charts: %d speeches, %d years -> %s.png", len(migration), len(yearly), out)
    return 0


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.migration_charts", description=__doc__.split("\n")[0])
    parser.add_argument("--processed", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True, help="path without suffix; .png, .svg, .csv written")
    parser.add_argument("--min-speeches", type=int, default=MIN_SPEECHES_PER_YEAR,
                        help="leave out years with fewer speeches (default %(default)s)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    return main(args.processed, args.out, min_speeches=args.min_speeches)


if __name__ == "__main__":
    sys.exit(cli())
