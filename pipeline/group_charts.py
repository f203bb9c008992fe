"""Charts of groups of speeches (pipeline/groups.py's tables): the theme profile of each group
with its intervals, the migration share of each group and its course over the years (one line
per group), and each group's distinctive words against the rest.

Groups are named "Africa (n=54)"; a group of fewer than `groups.MIN_SPEECHES` speeches is
shown, marked with an asterisk and drawn hollow (its interval, if any, is not to be trusted).
Every chart of a grouping carries the grouping's name, so the report gives it its section.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from matplotlib import pyplot as plt
from matplotlib.ticker import MaxNLocator

from pipeline import groups, plotstyle
from pipeline.charts import FIG_WIDTH, Chart, _fig, finish_chart

MAX_DODGED = 8  # more groups than this: small multiples instead of one line per group
MAX_THEME_PANELS = 9  # themes drawn when groups are many
TOP_GROUP_TERMS = 10
YEAR_SHARE = 0.05  # migration by year: a group's year is drawn when it holds this share of its speeches
SMALL_NOTE = (f"Hollow dots and names marked * are groups of fewer than {groups.MIN_SPEECHES} speeches: "
              "shown, but read little into them.")
INTERVAL_NOTE = "whiskers and bands: bootstrap 95% intervals over the group's speeches"


def slug(grouping: str) -> str:
    """A grouping's name as part of a file name: "period:2015,2020" -> "period_2015_2020"."""
    return re.sub(r"[^A-Za-z0-9]+", "_", grouping).strip("_")


def short_name(name: str, width: int) -> str:
    """A group's name cut to `width` characters, its size ("(n=54)*") kept whole."""
    head, sep, size = name.partition(" (n=")
    return plotstyle.shorten(head, max(8, width - len(sep + size))) + sep + size


def _word(grouping: str) -> str:
    """The grouping in a title: "region", "period (2015)" for chosen bins."""
    word = groups.group_word(grouping)
    return f"{word} ({grouping.partition(':')[2]})" if ":" in grouping else word


def _palette(names: dict[str, str]) -> plotstyle.Palette:
    return plotstyle.ordered_palette(names.values())


def _marker(ax, x, y, *, colour: str, small: bool, xerr=None, size: float = 5.5) -> None:
    """A dot (hollow for a small group) with an optional horizontal interval."""
    ax.errorbar(x, y, xerr=xerr, fmt="o", ms=size, color=colour, mfc="white" if small else colour,
                mew=1.2, elinewidth=1.3, capsize=0, zorder=3)


def _errors(est: pd.Series, low: pd.Series, high: pd.Series) -> np.ndarray | None:
    """Asymmetric error lengths for errorbar (zero where there is no interval)."""
    lo = (est - low).clip(lower=0).fillna(0).to_numpy()
    hi = (high - est).clip(lower=0).fillna(0).to_numpy()
    return np.vstack([lo, hi])


# ----------------------------------------------------------------- themes

def group_themes_chart(group_themes: pd.DataFrame, speech_groups: pd.DataFrame, *,
                       grouping: str) -> Chart | None:
    """One panel per theme, one row per group: the share of the group's migration sentences
    that touch the theme, with its interval."""
    data = group_themes[group_themes["grouping"] == grouping]
    if not data["migration_sentences"].any():
        return None
    names = groups.display_names(speech_groups[speech_groups["grouping"] == grouping])
    colours = _palette(names)
    peak = data.groupby("theme")["migration_share"].max().sort_values(ascending=False, kind="stable")
    peak = peak[peak > 0]
    keys = list(peak.index[:MAX_THEME_PANELS] if len(names) > MAX_DODGED else peak.index)
    labels = dict(zip(data["theme"], data["theme_label"], strict=False))
    order = list(names)
    ncol = 3
    nrow = int(np.ceil(len(keys) / ncol))
    panel_h = 0.2 * len(order) + 0.75
    fig, axes = plt.subplots(nrow, ncol, figsize=(FIG_WIDTH, panel_h * nrow + 1.2), sharex=True, sharey=True,
                             squeeze=False)
    for ax, theme in zip(axes.flat, keys, strict=False):
        rows = data[data["theme"] == theme].set_index("group").reindex(order)
        y = np.arange(len(order))
        for yi, (group, row) in zip(y, rows.iterrows(), strict=True):
            if pd.isna(row["migration_share"]):
                continue
            err = _errors(pd.Series([row["migration_share"]]), pd.Series([row["migration_share_low"]]),
                          pd.Series([row["migration_share_high"]])) * 100
            _marker(ax, [row["migration_share"] * 100], [yi], colour=colours(names[group]),
                    small=bool(row["small"]), xerr=err)
        ax.set_yticks(y, [short_name(names[g], 30) for g in order])
        ax.set_ylim(len(order) - 0.5, -0.5)
        ax.set_title(plotstyle.wrap(labels.get(theme, theme), 30), fontsize=9.5)
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="x", color="#EEEEEE")
    for ax in list(axes.flat)[len(keys):]:
        ax.set_visible(False)
    for ax in axes[-1, :]:
        ax.set_xlabel("% of migration sentences")
    ax0 = axes[0, 0]
    ax0.set_xlim(left=0)
    shown = (" (themes no group's migration passages touch are left out)" if len(keys) == len(peak)
             else f" (the {len(keys)} themes with the highest shares)")
    title = f"What each {_word(grouping)} says about migration: themes of its migration passages"
    guide = ("Each dot is the share of a group's migration sentences (all its speeches pooled) that touch the "
             f"theme{shown}; {INTERVAL_NOTE}. {SMALL_NOTE}")
    return finish_chart(fig, f"group_themes_{slug(grouping)}", title, guide, grouping=grouping)


# ----------------------------------------------------------------- migration share

def group_migration_chart(group_migration: pd.DataFrame, speech_groups: pd.DataFrame, *,
                          grouping: str) -> Chart | None:
    """Dots with intervals: each group's mean share of sentences about migration (all years)."""
    data = group_migration[(group_migration["grouping"] == grouping) & group_migration["year"].isna()]
    if data.empty:
        return None
    names = groups.display_names(speech_groups[speech_groups["grouping"] == grouping])
    colours = _palette(names)
    rows = data.set_index("group").reindex(list(names)).dropna(subset=["migration_share"])
    fig, ax = _fig(0.3 * len(rows) + 1.3)
    y = np.arange(len(rows))
    err = _errors(rows["migration_share"], rows["migration_share_low"], rows["migration_share_high"]) * 100
    for yi, (group, row) in zip(y, rows.iterrows(), strict=True):
        _marker(ax, [row["migration_share"] * 100], [yi], colour=colours(names[group]), small=bool(row["small"]),
                xerr=err[:, [yi]], size=6.5)
        ax.text(row["migration_share_high"] * 100 if pd.notna(row["migration_share_high"])
                else row["migration_share"] * 100, yi, f"  {row['migration_share']:.1%}", va="center", fontsize=8)
    ax.set_yticks(y, [short_name(names[g], 40) for g in rows.index])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, max(1.0, float(np.nanmax(rows[["migration_share", "migration_share_high"]].to_numpy())) * 118))
    ax.set_xlabel("mean share of a speech's sentences about migration (%)")
    ax.tick_params(axis="y", length=0)
    title = f"How much each {_word(grouping)} talks about migration"
    guide = ("Each dot is the mean, over the group's speeches, of the share of their sentences about migration, "
             f"refugees or displacement; {INTERVAL_NOTE}. {SMALL_NOTE}")
    return finish_chart(fig, f"group_migration_{slug(grouping)}", title, guide, grouping=grouping)


def group_migration_over_time_chart(group_migration: pd.DataFrame, speech_groups: pd.DataFrame, *,
                                    grouping: str, min_speeches: int = groups.MIN_SPEECHES) -> Chart | None:
    """Lines: each group's mean migration share per year, with its interval as a band; small
    multiples beyond MAX_DODGED groups. A year is drawn for a group when it holds at least
    `min_speeches` of its speeches and at least YEAR_SHARE of them (a corpus that samples the
    early sessions thinly would otherwise draw lines through a few speeches a decade)."""
    rows = group_migration[group_migration["grouping"] == grouping]
    sizes = rows[rows["year"].isna()].set_index("group")["speeches"]
    data = rows[rows["year"].notna() & (rows["speeches"] >= min_speeches)
                & (rows["speeches"] >= rows["group"].map(sizes) * YEAR_SHARE)]
    counts = data.groupby("group").size()
    data = data[data["group"].isin(counts[counts >= 2].index)]
    if data.empty:
        return None
    names = groups.display_names(speech_groups[speech_groups["grouping"] == grouping])
    colours = _palette(names)
    shown = [g for g in names if g in set(data["group"])]
    many = len(shown) > MAX_DODGED
    ncol = 3 if many else 1
    nrow = int(np.ceil(len(shown) / ncol)) if many else 1
    fig, axes = plt.subplots(nrow, ncol, figsize=(FIG_WIDTH, (1.7 * nrow + 1.0) if many else 4.2),
                             sharex=True, sharey=True, squeeze=False)
    for i, group in enumerate(shown):
        ax = axes.flat[i] if many else axes[0, 0]
        rows = data[data["group"] == group].sort_values("year").set_index("year")
        rows = rows.reindex(range(int(rows.index.min()), int(rows.index.max()) + 1))  # gaps break the line
        colour = colours(names[group])
        ax.fill_between(rows.index, rows["migration_share_low"] * 100, rows["migration_share_high"] * 100,
                        color=colour, alpha=0.15, lw=0)
        ax.plot(rows.index, rows["migration_share"] * 100, color=colour, lw=1.6, marker="o", ms=3,
                label=short_name(names[group], 40))
        if many:
            ax.set_title(short_name(names[group], 34), fontsize=9.5)
    for ax in list(axes.flat)[len(shown) if many else 1:]:
        ax.set_visible(False)
    for ax in axes.flat:
        ax.grid(axis="y", color="#EEEEEE")
        ax.set_ylim(bottom=0)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for ax in axes[:, 0]:
        ax.set_ylabel("% of sentences")
    if not many:
        axes[0, 0].legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    title = f"Migration in the speeches, year by year, by {_word(grouping)}"
    guide = ("Each point is the mean, over a group's speeches of that year, of the share of their sentences about "
             f"migration (years with fewer than {min_speeches} of the group's speeches, or under "
             f"{YEAR_SHARE:.0%} of them, left out; a gap breaks "
             f"the line); bands: bootstrap 95% intervals over the speeches.")
    return finish_chart(fig, f"group_migration_years_{slug(grouping)}", title, guide, grouping=grouping)


# ----------------------------------------------------------------- keyness

def group_keyness_chart(group_keyness: pd.DataFrame, speech_groups: pd.DataFrame, *, grouping: str,
                        top: int = TOP_GROUP_TERMS) -> Chart | None:
    """One panel per group: the lemmas its speeches use most over the other groups' (G2, p < 0.05),
    with the log-odds z-score at the end of each bar."""
    data = group_keyness[(group_keyness["grouping"] == grouping) & (group_keyness["kind"] == "lemma")
                         & (group_keyness["direction"] == "target") & (group_keyness["p_value"] < 0.05)]
    if data.empty:
        return None
    names = groups.display_names(speech_groups[speech_groups["grouping"] == grouping])
    colours = _palette(names)
    shown = [g for g in names if g in set(data["group"])]
    ncol = 2 if len(shown) <= MAX_DODGED else 3
    nrow = int(np.ceil(len(shown) / ncol))
    fig, axes = plt.subplots(nrow, ncol, figsize=(FIG_WIDTH, nrow * (0.2 * top + 0.8) + 0.9), squeeze=False)
    for ax, group in zip(axes.flat, shown, strict=False):
        rows = data[data["group"] == group].sort_values(["g2", "term"], ascending=[False, True]).head(top)
        y = np.arange(len(rows))
        ax.barh(y, rows["g2"], color=colours(names[group]), height=0.75)
        for yi, g2, z in zip(y, rows["g2"], rows["log_odds_z"], strict=True):
            ax.text(g2, yi, f" z={z:.1f}", va="center", fontsize=7, color="#555555")
        ax.set_yticks(y, [plotstyle.shorten(t, 20) for t in rows["term"]])
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlim(0, float(rows["g2"].max()) * 1.35)
        ax.set_title(short_name(names[group], 40), fontsize=10)
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel("G² against the other groups", fontsize=8)
    for ax in list(axes.flat)[len(shown):]:
        ax.set_visible(False)
    title = f"Distinctive words of each {_word(grouping)} against the rest"
    guide = ("Each panel lists the words a group's speeches use most over all the other groups' "
             "(log-likelihood G², p < 0.05); z is the log-odds ratio with an informative Dirichlet prior "
             "(Monroe et al. 2008), which discounts rare words.")
    return finish_chart(fig, f"group_keyness_{slug(grouping)}", title, guide, grouping=grouping)


def grouping_charts(tables: dict[str, pd.DataFrame], grouping: str) -> list[Chart]:
    """Every chart of one grouping (none for `speech`: the other charts show each speech)."""
    if groups.is_speech_grouping(grouping):
        return []
    members = tables["speech_groups"]
    over_time = grouping.split(":")[0] != groups.PERIOD  # a period's years are its own: nothing to compare
    made = [group_migration_chart(tables["group_migration"], members, grouping=grouping),
            group_migration_over_time_chart(tables["group_migration"], members, grouping=grouping)
            if over_time else None,
            group_themes_chart(tables["group_themes"], members, grouping=grouping),
            group_keyness_chart(tables["group_keyness"], members, grouping=grouping)]
    return [c for c in made if c is not None]
