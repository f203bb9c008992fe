"""Stage 4: comparison charts (PNG + SVG) and their index, FIGURES/charts.json.

Every chart is a pure function of DataFrames that returns a `Chart` (a figure
with a title and a one-line reading guide), or None when its table is empty.
Speeches are named by their `label` from the speeches table. Up to
`MAX_SPEECHES` speeches are drawn side by side; a larger corpus is grouped into
periods of years, and per-speech counts become rates per 1,000 words. From three
speeches on, corpus charts (similarity, themes over time, topic mix) are added.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib import pyplot as plt
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from pipeline import explore, plotstyle
from pipeline.storage import write_text

log = logging.getLogger(__name__)

INDEX_NAME = "charts.json"
MAX_SPEECHES = 6  # more than this and charts group speeches into periods
N_PERIODS = 6
MAX_MATRIX_SPEECHES = 25  # similarity heatmap per speech up to this many speeches
TOP_ENTITIES = 10
TOP_TERMS = 12
TOP_ACTORS = 15
MAX_LISTS = 8
MIN_SPEECHES_PER_YEAR = 3  # themes over time: years with fewer speeches are left out
FIG_WIDTH = 9.0
HEADER_IN = 0.75  # inches above the axes for title and legend
TITLE_IN = 0.45  # the same, for charts without a legend

ENTITY_LABELS = {"PERSON": "People", "ORG": "Organisations", "AGENDA": "Agendas & frameworks",
                 "EVENT": "Events", "ROLE": "Roles", "GPE": "Countries & places", "LOC": "Regions",
                 "NORP": "Nationalities & groups", "LAW": "Laws & treaties", "FAC": "Facilities",
                 "PRODUCT": "Products", "WORK_OF_ART": "Titled works", "LANGUAGE": "Languages",
                 "DISEASE": "Diseases"}
TOP_ENTITY_KINDS = ("PERSON", "ORG", "AGENDA")
# spaCy's numeric and temporal labels are not names: the entity charts leave them out.
NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})


@dataclass(frozen=True)
class Chart:
    """One chart: file stem, title, one-line reading guide and the figure."""

    name: str
    title: str
    guide: str
    fig: Figure


@dataclass(frozen=True)
class Layout:
    """How speeches are shown: one column per speech, or grouped into periods."""

    groups: pd.Series  # speech_id -> group name (a speech label or a period)
    order: tuple[str, ...]  # group names in display order
    per_speech: bool
    words: pd.Series  # group name -> total words
    colours: plotstyle.Palette
    themes: plotstyle.Palette

    @property
    def unit(self) -> str:
        return "speech" if self.per_speech else "period"


# ----------------------------------------------------------------- layout

def period_groups(speeches: pd.DataFrame, *, n: int = N_PERIODS) -> pd.Series:
    """speech_id -> "1990–2013 (n=120)": years cut into up to `n` periods of similar size."""
    years = pd.to_numeric(speeches["year"], errors="coerce")
    known = years.dropna()
    if known.empty:
        return pd.Series("all speeches", index=speeches["speech_id"].to_numpy())
    ranks = known.rank(method="first")
    bins = pd.qcut(ranks, q=min(n, len(known)), labels=False)
    bounds = known.groupby(bins).agg(["min", "max"])
    # a year never straddles two periods: each year goes to the period of its first speech
    year_bin = known.groupby(known).apply(lambda s: bins[s.index].min())
    names = {b: (f"{int(lo)}" if lo == hi else f"{int(lo)}–{int(hi)}")
             for b, (lo, hi) in bounds.iterrows()}
    period = years.map(lambda y: names[year_bin[y]] if y in year_bin.index else "year unknown")
    period = _merge_periods(period, years)
    counts = period.value_counts()
    return pd.Series([f"{p} (n={counts[p]})" for p in period], index=speeches["speech_id"].to_numpy())


def _merge_periods(period: pd.Series, years: pd.Series) -> pd.Series:
    """Rename periods after the years they really hold (after moving straddling years)."""
    span = years.groupby(period).agg(["min", "max"])
    names = {p: ("year unknown" if pd.isna(lo) else f"{int(lo)}" if lo == hi else f"{int(lo)}–{int(hi)}")
             for p, (lo, hi) in span.iterrows()}
    return period.map(names)


def build_layout(speeches: pd.DataFrame, theme_keys: list[str], *,
                 max_speeches: int = MAX_SPEECHES) -> Layout:
    """The `Layout` for this corpus: per speech up to `max_speeches`, else periods."""
    order_ids = explore.speech_order(speeches)
    frame = speeches.set_index("speech_id").loc[order_ids]
    if len(frame) <= max_speeches:
        groups = frame["label"].astype(str)
        order = tuple(groups)
        per_speech = True
    else:
        groups = period_groups(frame.reset_index())
        first_year = pd.to_numeric(frame["year"], errors="coerce").groupby(groups.to_numpy()).min()
        order = tuple(first_year.sort_values(na_position="last").index)
        per_speech = False
    groups.index = frame.index
    words = frame["n_words"].groupby(groups.to_numpy()).sum().astype(float)
    return Layout(groups, order, per_speech, words, plotstyle.ordered_palette(order),
                  plotstyle.palette(theme_keys, kind="theme"))


def by_group(df: pd.DataFrame, layout: Layout, value: str, *, key: str,
             rate: bool = False, how: str = "sum") -> pd.DataFrame:
    """Pivot `df` to key x group: `value` summed (or averaged) over the speeches in each group.

    With `rate`, sums become rates per 1,000 words of the group. Columns follow
    `layout.order`; missing cells are 0.
    """
    grouped = df.assign(_group=df["speech_id"].map(layout.groups))
    grouped = grouped.dropna(subset=["_group"])
    if how == "mean":  # speeches without a row count as 0
        totals = grouped.pivot_table(index=key, columns="_group", values=value, aggfunc="sum", fill_value=0)
        sizes = layout.groups.value_counts()
        table = totals / sizes.reindex(totals.columns).to_numpy()
    else:
        table = grouped.pivot_table(index=key, columns="_group", values=value, aggfunc="sum", fill_value=0)
        if rate:
            table = table / layout.words.reindex(table.columns).to_numpy() * 1000
    return table.reindex(columns=list(layout.order), fill_value=0).astype(float)


# ----------------------------------------------------------------- drawing helpers

def _fig(height: float, *, width: float = FIG_WIDTH, **kwargs) -> tuple[Figure, object]:
    fig, ax = plt.subplots(figsize=(width, max(2.2, height)), **kwargs)
    return fig, ax


def _title(fig: Figure, title: str, subtitle: str = "") -> None:
    """Title (and an optional grey subtitle) in the top-left corner, at fixed distances in inches."""
    height = fig.get_figheight()
    fig.text(0.01, 1 - 0.1 / height, title, ha="left", va="top", fontsize=12.5, fontweight="bold")
    if subtitle:
        fig.text(0.01, 1 - 0.38 / height, subtitle, ha="left", va="top", fontsize=9, color="#555555")


def _finish(fig: Figure, *, header: float = HEADER_IN) -> None:
    """Lay the axes out below a header of `header` inches (title + legend), without overlaps."""
    fig.tight_layout(rect=(0, 0, 1, 1 - header / fig.get_figheight()), h_pad=1.2, w_pad=1.5)


def grouped_barh(ax, table: pd.DataFrame, layout: Layout, *, fmt: str = "{:.0f}",
                 labels: dict[str, str] | None = None) -> None:
    """Horizontal grouped bars: one row per index entry (top to bottom), one bar per group."""
    rows = list(table.index)
    n = max(1, len(table.columns))
    height = 0.8 / n
    y = np.arange(len(rows))
    vmax = float(table.to_numpy().max()) if table.size else 0.0
    for i, group in enumerate(table.columns):
        values = table[group].to_numpy()
        pos = y - 0.4 + height * (i + 0.5)
        ax.barh(pos, values, height=height * 0.92, color=layout.colours(group), label=group)
        if n <= 4 and len(rows) <= 20:
            for yy, v in zip(pos, values, strict=True):
                if v > 0:
                    ax.text(v + vmax * 0.01, yy, fmt.format(v), va="center", fontsize=7.5, color="#333333")
    ax.set_yticks(y, [plotstyle.shorten((labels or {}).get(r, r), 48) for r in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, vmax * 1.12 if vmax > 0 else 1)
    if layout.per_speech:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.tick_params(axis="y", length=0)


def _legend(fig: Figure, layout: Layout, handles=None, labels=None, *, ncol: int | None = None) -> None:
    if handles is None:
        handles = [plt.Rectangle((0, 0), 1, 1, color=layout.colours(g)) for g in layout.order]
        labels = list(layout.order)
    ncol = ncol or min(len(labels), 3)
    fig.legend(handles, labels, loc="upper left", bbox_to_anchor=(0.005, 1 - 0.36 / fig.get_figheight()), ncol=ncol,
               fontsize=8.5, handlelength=1.2, columnspacing=1.2)


def finish_chart(fig: Figure, name: str, title: str, guide: str, *, legend: Layout | None = None,
                 header: float | None = TITLE_IN, subtitle: str = "") -> Chart:
    """What every chart ends with: `title` (and `subtitle`) in the top-left corner, the
    speeches' (or periods') colours as a legend below it when `legend` is given, the axes
    laid out below a header of `header` inches (HEADER_IN with a legend; None: the chart has
    placed them), and the `Chart`."""
    _title(fig, title, subtitle)
    if legend is not None:
        _legend(fig, legend)
        header = HEADER_IN
    if header is not None:
        _finish(fig, header=header)
    return Chart(name, title, guide, fig)


def _value_word(layout: Layout, what: str) -> str:
    return what if layout.per_speech else f"{what} per 1,000 words"


# ----------------------------------------------------------------- 1. entity labels

def entity_labels_chart(entity_counts: pd.DataFrame, layout: Layout) -> Chart | None:
    """Entity mentions by label (people, organisations ...) per speech or period."""
    named = entity_counts[~entity_counts["label"].isin(NUMERIC_LABELS)]
    if named.empty:
        return None
    table = by_group(named, layout, "mentions", key="label", rate=not layout.per_speech)
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    fig, ax = _fig(0.5 + 0.32 * len(table) * max(1, len(layout.order)) ** 0.5 + 1.0)
    grouped_barh(ax, table, layout, fmt="{:.0f}" if layout.per_speech else "{:.1f}", labels=ENTITY_LABELS)
    ax.set_xlabel(_value_word(layout, "mentions"))
    title = f"Who and what each {layout.unit} names: entity mentions by type"
    guide = ("Longer bars mean more mentions of that kind of entity; compare the colours "
             "to see which speech leans on people, organisations or agendas.")
    return finish_chart(fig, "entity_labels", title, guide, legend=layout)


# ----------------------------------------------------------------- 2. top entities

def top_entities_chart(entity_counts: pd.DataFrame, layout: Layout, *, top: int = TOP_ENTITIES) -> Chart | None:
    """Top canonical entities of each kind (people, organisations, agendas) on a shared axis."""
    kinds = [k for k in TOP_ENTITY_KINDS if k in set(entity_counts["label"])]
    if not kinds:
        return None
    tables = []
    for kind in kinds:
        rows = entity_counts[entity_counts["label"] == kind]
        table = by_group(rows, layout, "mentions", key="entity_name", rate=not layout.per_speech)
        table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]]
        tables.append((kind, table))
    heights = [max(1.5, 0.26 * len(t) * (1 + 0.25 * (len(layout.order) - 1))) for _, t in tables]
    fig, axes = plt.subplots(len(tables), 1, figsize=(FIG_WIDTH, sum(heights) + 1.4), sharex=True,
                             gridspec_kw={"height_ratios": heights}, squeeze=False)
    for ax, (kind, table) in zip(axes[:, 0], tables, strict=True):
        grouped_barh(ax, table, layout, fmt="{:.0f}" if layout.per_speech else "{:.2f}")
        ax.set_title(ENTITY_LABELS.get(kind, kind), fontsize=10.5)
    vmax = max(float(t.to_numpy().max()) for _, t in tables)
    for ax in axes[:, 0]:
        ax.set_xlim(0, vmax * 1.12 if vmax else 1)
        ax.tick_params(labelbottom=True)
    axes[-1, 0].set_xlabel(_value_word(layout, "mentions"))
    title = f"The most-named people, organisations and agendas, per {layout.unit}"
    guide = ("Each panel ranks one kind of entity by mentions (one shared scale); a bar missing "
             "for a speech means it never names that entity.")
    return finish_chart(fig, "top_entities", title, guide, legend=layout)


# ----------------------------------------------------------------- 3. themes

def theme_names(themes: pd.DataFrame) -> dict[str, str]:
    """theme key -> human label, from the themes table."""
    return dict(zip(themes["theme"], themes["theme_label"], strict=True))


def theme_profile_chart(themes: pd.DataFrame, layout: Layout, *,
                        migration: pd.DataFrame | None = None) -> Chart | None:
    """Dot plot: share of sentences per theme, one dot per speech or period: of the migration
    sentences (pooled over a period's speeches) when the `migration` table is given, else of all
    sentences (the general profile, mean over a period's speeches)."""
    if themes.empty:
        return None
    passages = migration is not None
    if passages:
        counts = by_group(themes, layout, "migration_sentences", key="theme")
        totals = by_group(migration.assign(_all="all"), layout, "migration_sentences", key="_all").iloc[0]
        table = (counts / totals.replace(0, np.nan)).fillna(0) * 100
    else:
        table = by_group(themes, layout, "share", key="theme", how="mean") * 100
    table = table[table.max(axis=1) > 0]
    if table.empty:
        return None
    table = table.loc[table.max(axis=1).sort_values(ascending=False, kind="stable").index]
    names = theme_names(themes)
    fig, ax = _fig(0.35 * len(table) + 1.4)
    y = np.arange(len(table))
    ax.hlines(y, table.min(axis=1), table.max(axis=1), color="#CCCCCC", lw=2, zorder=1)
    n = len(table.columns)
    dodge = np.linspace(-0.15, 0.15, n) if 1 < n <= MAX_SPEECHES else np.zeros(n)
    for offset, group in zip(dodge, table.columns, strict=True):
        ax.scatter(table[group], y + offset, s=42, color=layout.colours(group), label=group, zorder=2,
                   edgecolor="white", linewidth=0.6)
    ax.set_yticks(y, [plotstyle.wrap(names.get(t, t), 34) for t in table.index])
    ax.set_ylim(len(table) - 0.5, -0.5)
    top = float(table.to_numpy().max())
    ax.set_xlim(-top * 0.02, max(5.0, top * 1.06))
    what = "migration sentences" if passages else "sentences"
    ax.set_xlabel(f"share of the speech's {what} that touch the theme (%)" if layout.per_speech
                  else "share of the period's migration sentences (%)" if passages
                  else "mean share of sentences per speech (%)")
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", color="#F0F0F0")
    title = (f"What each {layout.unit} says about migration: share of migration sentences per theme"
             if passages else f"What each {layout.unit} talks about: share of all sentences per theme")
    guide = (f"Each dot is the share of a speech's {what} that address the theme"
             + (" (the passages the migration flag marks)" if passages else
                " (the general profile: every sentence, about migration or not)")
             + "; the grey line spans the gap between speeches, so long lines mark the themes where they "
               "differ most.")
    return finish_chart(fig, "theme_profile" if passages else "theme_profile_all", title, guide, legend=layout)


def gcm_heatmap_chart(gcm: pd.DataFrame, layout: Layout) -> Chart | None:
    """Heatmap of Global Compact for Migration objective coverage per speech or period."""
    if gcm.empty:
        return None
    table = by_group(gcm, layout, "score", key="objective", how="mean").sort_index()
    titles = gcm.drop_duplicates("objective").set_index("objective")["title"]
    n_rows, n_cols = table.shape
    fig, ax = _fig(0.3 * n_rows + 1.8, width=min(FIG_WIDTH + 1, 7.2 + 0.9 * n_cols))
    vmax = float(table.to_numpy().max()) or 1.0
    im = ax.imshow(table.to_numpy(), aspect="auto", cmap="Blues", vmin=0, vmax=vmax)
    ax.set_yticks(range(n_rows), [plotstyle.shorten(f"{o}. {titles[o]}", 72) for o in table.index])
    ax.set_xticks(range(n_cols), [plotstyle.wrap(c, 18, max_lines=3) for c in table.columns])
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if n_cols <= 8:
        for (r, c), v in np.ndenumerate(table.to_numpy()):
            if v > 0:
                ax.text(c, r, f"{v:.2f}", ha="center", va="center", fontsize=7.5,
                        color="white" if v > vmax * 0.6 else "#222222")
    cbar = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    cbar.set_label("coverage score")
    cbar.outline.set_visible(False)
    title = f"Which Global Compact for Migration objectives each {layout.unit} covers"
    guide = ("Rows are the 23 GCM objectives; darker cells mean more evidence in the speech that it "
             "addresses the objective, blank cells mean none.")
    return finish_chart(fig, "gcm_objectives", title, guide)


# ----------------------------------------------------------------- 4. keyness

def keyness_chart(keyness: pd.DataFrame, speeches: pd.DataFrame, layout: Layout,
                  *, top: int = TOP_TERMS) -> Chart | None:
    """Most distinctive terms, in the style of quanteda's textplot_keyness."""
    if keyness.empty:
        return None
    key = _keyness_rows(keyness)
    if layout.per_speech and len(layout.order) == 2:
        return _keyness_pair(key, speeches, layout, top=top)
    return _keyness_panels(key, layout, top=top)


def _keyness_rows(keyness: pd.DataFrame) -> pd.DataFrame:
    """The keyness rows of lemmas, with G2 signed: positive for `target`, negative for `reference`."""
    rows = keyness[keyness["kind"] == "lemma"]
    return rows.assign(signed=np.abs(rows["g2"]) * np.where(rows["direction"] == "target", 1, -1))


def _keyness_pair(key: pd.DataFrame, speeches: pd.DataFrame, layout: Layout, *, top: int) -> Chart | None:
    labels = explore.speech_labels(speeches)
    ids = [sid for g in layout.order for sid, grp in layout.groups.items() if grp == g]
    target, reference = ids[0], ids[1]
    rows = key[key["speech_id"] == target]
    if rows.empty:
        rows = key[key["speech_id"] == reference].assign(signed=lambda d: -d["signed"])
    pos = rows[rows["signed"] > 0].nlargest(top, "signed")
    neg = rows[rows["signed"] < 0].nsmallest(top, "signed")
    if pos.empty and neg.empty:
        return None
    shown = pd.concat([pos, neg.iloc[::-1]])
    fig, ax = _fig(0.27 * len(shown) + 1.6, width=7.5)
    y = np.arange(len(shown))
    colours = [layout.colours(labels[target]) if v > 0 else layout.colours(labels[reference])
               for v in shown["signed"]]
    ax.barh(y, shown["signed"], color=colours, height=0.75)
    span = float(np.abs(shown["signed"]).max()) or 1.0
    for yy, v, term in zip(y, shown["signed"], shown["term"], strict=True):
        ax.text(v + (span * 0.02 if v > 0 else -span * 0.02), yy, plotstyle.shorten(term, 28),
                va="center", ha="left" if v > 0 else "right", fontsize=8)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_ylim(len(shown) - 0.5, -0.5)
    ax.set_xlim(-span * 1.45, span * 1.45)
    ax.axvline(0, color="#555555", lw=0.8)
    ax.set_xlabel("keyness (log-likelihood G², signed: right = distinctive of the first speech)")
    handles = [plt.Rectangle((0, 0), 1, 1, color=layout.colours(labels[s])) for s in (target, reference)]
    title = f"Distinctive words: {labels[target]} vs {labels[reference]}"
    _legend(fig, layout, handles, [f"more in {labels[target]}", f"more in {labels[reference]}"], ncol=2)
    guide = ("Bars to the right are words used far more by the first speech than the second, bars to "
             "the left the reverse; longer bars are more distinctive (G², as in quanteda's textplot_keyness).")
    return finish_chart(fig, "keyness", title, guide, header=HEADER_IN)


def _keyness_panels(key: pd.DataFrame, layout: Layout, *, top: int) -> Chart | None:
    """One panel per speech (or period): terms most over-used against the rest of the corpus."""
    over = key[key["signed"] > 0]
    over = over[over["p_value"] < 0.05]
    over = over.assign(group=over["speech_id"].map(layout.groups)).dropna(subset=["group"])
    if over.empty:
        return None
    if layout.per_speech:
        score = over.groupby(["group", "term"])["signed"].sum()
        xlabel = "keyness (G²) against the other speeches"
    else:
        sizes = layout.groups.value_counts()
        score = over.groupby(["group", "term"]).size() / over.groupby(["group", "term"]).size().index.get_level_values(0).map(sizes).to_numpy() * 100
        xlabel = "% of the period's speeches where the word is distinctive"
    groups = [g for g in layout.order if g in score.index.get_level_values(0)]
    ncol = 2 if len(groups) > 1 else 1
    nrow = int(np.ceil(len(groups) / ncol))
    fig, axes = plt.subplots(nrow, ncol, figsize=(FIG_WIDTH, nrow * (0.22 * top + 0.8) + 0.9), squeeze=False)
    for ax, group in zip(axes.flat, groups, strict=False):
        s = score.loc[group].sort_values(ascending=False, kind="stable").head(top)
        s = s.sort_index(key=lambda idx: -s.loc[idx].to_numpy(), kind="stable")
        ax.barh(range(len(s)), s.to_numpy(), color=layout.colours(group), height=0.75)
        ax.set_yticks(range(len(s)), [plotstyle.shorten(t, 22) for t in s.index])
        ax.set_ylim(len(s) - 0.5, -0.5)
        ax.set_title(plotstyle.shorten(group, 45), fontsize=10)
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel(xlabel, fontsize=8)
    for ax in list(axes.flat)[len(groups):]:
        ax.set_visible(False)
    title = f"Distinctive words of each {layout.unit} against the rest"
    guide = ("Each panel lists the words a speech over-uses most compared with all the others "
             "(log-likelihood G²; only significant words, p < 0.05).")
    if not layout.per_speech:
        guide = ("Each panel lists the words that are most often statistically distinctive of a "
                 "period's speeches (share of its speeches where the word is key, p < 0.05).")
    return finish_chart(fig, "keyness", title, guide)


# ----------------------------------------------------------------- 5. priorities

def priorities_chart(priorities: pd.DataFrame, speeches: pd.DataFrame, layout: Layout,
                     theme_labels: dict[str, str], *, max_lists: int = MAX_LISTS) -> Chart | None:
    """Each priority list's items in order with their themes, and announced vs found counts."""
    if priorities.empty:
        return None
    labels = explore.speech_labels(speeches)
    order = {sid: i for i, sid in enumerate(explore.speech_order(speeches))}
    lists = (priorities.assign(_o=priorities["speech_id"].map(order))
             .sort_values(["_o", "list_id", "rank"], kind="stable"))
    keys = list(dict.fromkeys(zip(lists["speech_id"], lists["list_id"], strict=True)))
    shown = keys[:max_lists]
    n_rows = sum(len(lists[(lists["speech_id"] == s) & (lists["list_id"] == li)]) + 1.6 for s, li in shown)
    height = 0.3 * n_rows
    title = "Priority lists: the items each speech enumerates, in order"
    subtitle = "" if len(keys) <= max_lists else f"first {max_lists} of {len(keys)} lists shown"
    header = HEADER_IN if subtitle else TITLE_IN
    fig = plt.figure(figsize=(FIG_WIDTH, height + header))
    ax = fig.add_axes((0.01, 0.01, 0.98, 1 - (header + 0.05) / (height + header)))
    renderer = fig.canvas.get_renderer()
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(n_rows, 0)
    y = 0.0
    for sid, list_id in shown:
        items = lists[(lists["speech_id"] == sid) & (lists["list_id"] == list_id)]
        _priority_header(ax, items, labels.get(sid, sid), list_id, y)
        y += 1.3
        for _, item in items.iterrows():
            colour = layout.colours(labels.get(sid, sid)) if layout.per_speech else "#555555"
            marker = item["marker"].strip() or str(item["rank"])
            ax.text(0.005, y + 0.5, plotstyle.shorten(marker, 10), fontsize=9, va="center", ha="left",
                    color=colour, fontweight="bold")
            ax.text(0.1, y + 0.5, plotstyle.shorten(item["text"], 58), fontsize=9, va="center")
            _theme_chips(ax, renderer, explore.split_list(item["themes"]), layout, theme_labels, y + 0.5)
            y += 1
        y += 0.3
    guide = ("Each block is one enumerated list (\"first..., second...\") with its items in order and "
             "the themes each item touches; orange marks a list whose announced count differs from the items found.")
    return finish_chart(fig, "priorities", title, guide, subtitle=subtitle, header=None)


def _priority_header(ax, items: pd.DataFrame, label: str, list_id: object, y: float) -> None:
    """The list's heading line: speech, list number, announced vs found (orange when they differ)."""
    announced = items["announced"].iloc[0]
    found = len(items)
    ok = pd.isna(announced) or int(announced) == found
    count = (f"announced {int(announced)}, found {found}" if not pd.isna(announced)
             else f"no number announced, found {found}")
    kind = items["kind"].iloc[0]
    ax.text(0, y + 0.5, f"{label} · {kind} list {list_id}", fontsize=10, fontweight="bold", va="center")
    ax.text(1, y + 0.5, count + ("" if ok else "  (mismatch)"), fontsize=9, va="center", ha="right",
            color="#222222" if ok else "#D55E00", fontweight="normal" if ok else "bold")
    ax.plot([0, 1], [y + 0.95, y + 0.95], color="#BBBBBB", lw=0.6)


def _theme_chips(ax, renderer, themes: list[str], layout: Layout, theme_labels: dict[str, str],
                 y: float, *, x0: float = 0.63) -> None:
    """Coloured theme labels from `x0` rightwards; "+n" when they do not all fit."""
    x = x0
    for i, theme in enumerate(themes):
        t = ax.text(x, y, plotstyle.shorten(theme_labels.get(theme, theme), 24), fontsize=7.5, va="center",
                    ha="left", color="white",
                    bbox={"boxstyle": "round,pad=0.25", "fc": layout.themes(theme), "ec": "none"})
        box = t.get_window_extent(renderer).transformed(ax.transAxes.inverted())
        if box.x1 > 0.995 and i > 0:
            t.remove()
            ax.text(x, y, f"+{len(themes) - i}", fontsize=8, va="center", color="#555555")
            return
        x = box.x1 + 0.015


# ----------------------------------------------------------------- 6. dispersion

def theme_positions(sentence_themes: pd.DataFrame, speeches: pd.DataFrame) -> pd.DataFrame:
    """sentence_themes with `position`: start_char / len(text) of its speech, in [0, 1]."""
    lengths = speeches.set_index("speech_id")["text"].fillna("").str.len().clip(lower=1)
    pos = sentence_themes["start_char"] / sentence_themes["speech_id"].map(lengths)
    return sentence_themes.assign(position=pos.clip(0, 1))


def dispersion_chart(sentence_themes: pd.DataFrame, speeches: pd.DataFrame, layout: Layout,
                     theme_labels: dict[str, str]) -> Chart | None:
    """Where in each speech each theme occurs (lexical-dispersion, "x-ray", plot)."""
    if sentence_themes.empty:
        return None
    data = theme_positions(sentence_themes, speeches)
    themes = sorted(data["theme"].unique(), key=lambda t: theme_labels.get(t, t))
    if layout.per_speech:
        return _dispersion_speeches(data, layout, themes, theme_labels)
    return _dispersion_corpus(data, layout, themes, theme_labels)


def _dispersion_speeches(data: pd.DataFrame, layout: Layout, themes: list[str],
                         theme_labels: dict[str, str]) -> Chart:
    n = len(layout.order)
    panel_h = 0.28 * len(themes) + 0.7
    fig, axes = plt.subplots(n, 1, figsize=(FIG_WIDTH, panel_h * n + 0.8), sharex=True, squeeze=False)
    for ax, group in zip(axes[:, 0], layout.order, strict=True):
        rows = data[data["speech_id"].map(layout.groups) == group]
        for i, theme in enumerate(themes):
            x = rows.loc[rows["theme"] == theme, "position"].to_numpy()
            ax.vlines(x, i - 0.38, i + 0.38, color=layout.themes(theme), lw=2.2)
        ax.set_yticks(range(len(themes)), [plotstyle.shorten(theme_labels.get(t, t), 40) for t in themes])
        ax.set_ylim(len(themes) - 0.5, -0.5)
        ax.set_xlim(0, 1)
        ax.set_title(group, fontsize=10.5, color=layout.colours(group))
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="x", color="#EEEEEE")
    axes[-1, 0].xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    axes[-1, 0].set_xlabel("position in the speech (start → end)")
    title = "Where each theme comes up, from the start to the end of each speech"
    guide = ("Each tick is a sentence about the theme, placed by its position in the speech: clusters show "
             "where a theme is developed, spread ticks show a theme that recurs throughout.")
    return finish_chart(fig, "theme_dispersion", title, guide)


def _dispersion_corpus(data: pd.DataFrame, layout: Layout, themes: list[str],
                       theme_labels: dict[str, str], *, bins: int = 20) -> Chart:
    edges = np.linspace(0, 1, bins + 1)
    matrix = np.vstack([np.histogram(data.loc[data["theme"] == t, "position"], bins=edges)[0] for t in themes])
    share = matrix / np.clip(matrix.sum(axis=1, keepdims=True), 1, None) * 100
    fig, ax = _fig(0.32 * len(themes) + 1.6)
    im = ax.imshow(share, aspect="auto", cmap="Blues", extent=(0, 1, len(themes) - 0.5, -0.5), vmin=0)
    ax.set_yticks(range(len(themes)), [plotstyle.shorten(theme_labels.get(t, t), 32) for t in themes])
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_xlabel("position in the speech (start → end)")
    ax.grid(False)
    ax.tick_params(axis="y", length=0)
    cbar = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    cbar.set_label("% of the theme's sentences")
    cbar.outline.set_visible(False)
    title = "Where each theme comes up within speeches, across the corpus"
    guide = ("Each row spreads one theme's sentences over twenty slices of speech length: dark cells "
             "at the left or right mean the theme is usually raised at the opening or the close.")
    return finish_chart(fig, "theme_dispersion", title, guide)


# ----------------------------------------------------------------- 7. actors

def actors_chart(actors: pd.DataFrame, layout: Layout, *, top: int = TOP_ACTORS) -> Chart | None:
    """Actors (states, civil society, migrants ...) named per speech or period."""
    if actors.empty:
        return None
    table = by_group(actors, layout, "mentions", key="actor_label", rate=not layout.per_speech)
    table = table[table.sum(axis=1) > 0]
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]]
    fig, ax = _fig(0.28 * len(table) * (1 + 0.3 * (len(layout.order) - 1)) + 1.4)
    grouped_barh(ax, table, layout, fmt="{:.0f}" if layout.per_speech else "{:.1f}")
    ax.set_xlabel(_value_word(layout, "mentions"))
    title = f"Which actors each {layout.unit} names, and how often"
    guide = ("Bars count mentions of each kind of actor (governments, migrants, civil society...), "
             "showing whom each speech addresses or credits.")
    return finish_chart(fig, "actors", title, guide, legend=layout)


# ----------------------------------------------------------------- 8. corpus charts

def similarity_chart(similarity: pd.DataFrame, speeches: pd.DataFrame, layout: Layout) -> Chart | None:
    """TF-IDF cosine similarity between speeches (or mean similarity between periods)."""
    if similarity.empty:
        return None
    both = pd.concat([similarity, similarity.rename(columns={"speech_a": "speech_b", "speech_b": "speech_a"})])
    both = both[both["speech_a"] != both["speech_b"]]
    if len(speeches) <= MAX_MATRIX_SPEECHES:
        labels = explore.speech_labels(speeches)
        order = [labels[s] for s in explore.speech_order(speeches)]
        both = both.assign(a=both["speech_a"].map(labels), b=both["speech_b"].map(labels))
        unit = "speech"
    else:
        both = both.assign(a=both["speech_a"].map(layout.groups), b=both["speech_b"].map(layout.groups))
        order = list(layout.order)
        unit = "period"
    matrix = both.pivot_table(index="a", columns="b", values="cosine", aggfunc="mean")
    matrix = matrix.reindex(index=order, columns=order)
    if unit == "speech":
        values = matrix.to_numpy(dtype=float, copy=True)  # pandas may hand out a read-only view
        np.fill_diagonal(values, np.nan)
        matrix = pd.DataFrame(values, index=matrix.index, columns=matrix.columns)
    n = len(order)
    size = min(FIG_WIDTH, 3.2 + 0.42 * n)
    fig, ax = _fig(size, width=size + 1.2)
    values = matrix.to_numpy(dtype=float)
    vmax = float(np.nanmax(values)) if matrix.notna().any().any() else 1.0
    # periods average many pairs, so their means sit close together: stretch the scale over them
    vmin = float(np.nanmin(values)) if unit == "period" and vmax > 0 else 0.0
    im = ax.imshow(values, cmap="cividis", vmin=vmin, vmax=vmax)
    ticks = [plotstyle.shorten(o, 28) for o in order]
    ax.set_xticks(range(n), ticks, rotation=90 if n > 4 else 30, ha="center" if n > 4 else "right")
    ax.set_yticks(range(n), ticks)
    ax.grid(False)
    ax.tick_params(length=0)
    if n <= 10:
        for (r, c), v in np.ndenumerate(matrix.to_numpy(dtype=float)):
            if not np.isnan(v):
                ax.text(c, r, f"{v:.2f}", ha="center", va="center", fontsize=7.5,
                        color="black" if v > vmin + (vmax - vmin) * 0.6 else "white")
    cbar = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    cbar.set_label("TF-IDF cosine similarity")
    cbar.outline.set_visible(False)
    title = f"How similar the {unit}s' vocabularies are"
    guide = ("Brighter cells join speeches with more shared distinctive vocabulary (TF-IDF cosine, 0 = "
             "nothing in common)." if unit == "speech" else
             "Each cell is the mean similarity between speeches of two periods; the diagonal is the "
             "similarity within a period.")
    return finish_chart(fig, "similarity", title, guide)


def themes_over_time_chart(themes: pd.DataFrame, speeches: pd.DataFrame, layout: Layout,
                           theme_labels: dict[str, str]) -> Chart | None:
    """Small multiples: mean share of migration sentences per theme by year (each point a year;
    speeches with no migration sentence left out)."""
    themes = themes[themes["speech_id"].isin(themes.loc[themes["migration_sentences"] > 0, "speech_id"])]
    if themes.empty:
        return None
    years = pd.to_numeric(speeches.set_index("speech_id")["year"], errors="coerce")
    full = (themes.pivot_table(index="speech_id", columns="theme", values="migration_share", aggfunc="sum")
            .dropna(how="all").fillna(0) * 100)
    full = full.assign(_year=full.index.map(years)).dropna(subset=["_year"])
    if full["_year"].nunique() < 2:
        return None
    counts = full.groupby("_year").size()
    if (counts >= MIN_SPEECHES_PER_YEAR).sum() >= 2:  # a corpus: years with one or two speeches are noise
        full = full[full["_year"].map(counts) >= MIN_SPEECHES_PER_YEAR]
        counts = counts[counts >= MIN_SPEECHES_PER_YEAR]
    if len(counts) < 2:
        return None
    by_year = full.groupby("_year").mean()
    keys = sorted(by_year.columns, key=lambda t: -by_year[t].mean())
    ncol = 3
    nrow = int(np.ceil(len(keys) / ncol))
    fig, axes = plt.subplots(nrow, ncol, figsize=(FIG_WIDTH, 1.8 * nrow + 0.9), sharex=True, sharey=True,
                             squeeze=False)
    sizes = np.clip(8 + 40 * counts / counts.max(), 8, 48)
    for ax, theme in zip(axes.flat, keys, strict=False):
        ax.plot(by_year.index, by_year[theme], color=layout.themes(theme), lw=1.4)
        ax.scatter(by_year.index, by_year[theme], s=sizes, color=layout.themes(theme), zorder=2)
        ax.set_title(plotstyle.shorten(theme_labels.get(theme, theme), 34), fontsize=9.5)
        ax.grid(axis="y", color="#EEEEEE")
    for ax in list(axes.flat)[len(keys):]:
        ax.set_visible(False)
    for ax in axes[:, 0]:
        ax.set_ylabel("% of migration sentences")
    title = "Themes of migration passages over time: mean share per year"
    guide = ("One panel per theme on a shared scale; each point is the mean share of migration sentences "
             "about the theme in a year's speeches that talk about migration (bigger points = more speeches; years with fewer than "
             f"{MIN_SPEECHES_PER_YEAR} speeches are left out when the corpus has fuller years).")
    return finish_chart(fig, "themes_over_time", title, guide)


def topic_names(topic_terms: pd.DataFrame, *, n_terms: int = 3) -> dict[object, str]:
    """topic -> "T1: migrants, rights, return" from its top terms."""
    names = {}
    for topic, rows in topic_terms.sort_values(["topic", "rank"]).groupby("topic", sort=True):
        terms = ", ".join(rows["term"].astype(str).head(n_terms))
        names[topic] = f"T{topic}: {terms}" if str(topic).isdigit() else f"{topic}: {terms}"
    return names


def topic_mix_chart(topics: pd.DataFrame, topic_terms: pd.DataFrame, speeches: pd.DataFrame,
                    layout: Layout) -> Chart | None:
    """Stacked bars: the topic mix of each speech (or the mean mix of each period)."""
    if topics.empty:
        return None
    if len(speeches) <= MAX_MATRIX_SPEECHES:
        labels = explore.speech_labels(speeches)
        rows = [labels[s] for s in explore.speech_order(speeches)]
        table = (topics.assign(g=topics["speech_id"].map(labels))
                 .pivot_table(index="g", columns="topic", values="weight", aggfunc="sum").reindex(rows))
        unit = "speech"
    else:
        table = by_group(topics, layout, "weight", key="topic", how="mean").T
        rows = list(table.index)
        unit = "period"
    table = table.fillna(0)
    table = table.div(table.sum(axis=1).replace(0, 1), axis=0) * 100
    names = topic_names(topic_terms) if not topic_terms.empty else {}
    pal = plotstyle.palette([str(t) for t in table.columns], kind="theme")
    fig, ax = _fig(0.34 * len(rows) + 1.9)
    left = np.zeros(len(rows))
    for topic in table.columns:
        ax.barh(range(len(rows)), table[topic], left=left, color=pal(str(topic)), height=0.72,
                label=plotstyle.shorten(names.get(topic, f"T{topic}"), 40))
        left += table[topic].to_numpy()
    ax.set_yticks(range(len(rows)), [plotstyle.shorten(r, 34) for r in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of the speech's topic weight (%)")
    ax.tick_params(axis="y", length=0)
    title = f"Topic mix of each {unit} (NMF topics on TF-IDF)"
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.12 - 0.5 / (0.34 * len(rows) + 1.9)), ncol=2,
              fontsize=8)
    guide = ("Each bar splits a speech into the corpus's topics (named by their top words); "
             "compare the colours to see which speeches share a topic.")
    return finish_chart(fig, "topic_mix", title, guide)


# ----------------------------------------------------------------- assembly

def build_charts(tables: dict[str, pd.DataFrame]) -> list[Chart]:
    """Every chart the tables (every declared table, `explore.load_tables`) allow, in reading
    order. Speeches that duplicate another are left out."""
    from pipeline.migration_charts import migration_over_time_chart, migration_share_chart

    speeches = tables["speeches"][tables["speeches"]["duplicate_of"].isna()]
    ids = set(speeches["speech_id"])

    def distinct(name: str) -> pd.DataFrame:
        return tables[name][tables[name]["speech_id"].isin(ids)]

    layout = build_layout(speeches, sorted(set(tables["themes"]["theme"]) | set(tables["sentence_themes"]["theme"])))
    labels = theme_names(tables["themes"])
    sentence_themes = distinct("sentence_themes")
    steps: list[Callable[[], Chart | None]] = [
        lambda: entity_labels_chart(distinct("entity_counts"), layout),
        lambda: top_entities_chart(distinct("entity_counts"), layout),
        lambda: migration_share_chart(distinct("migration"), layout),
        lambda: theme_profile_chart(distinct("themes"), layout, migration=distinct("migration")),
        lambda: theme_profile_chart(distinct("themes"), layout),
        lambda: gcm_heatmap_chart(distinct("gcm_objectives"), layout),
        lambda: keyness_chart(distinct("keyness"), speeches, layout),
        lambda: priorities_chart(distinct("priorities"), speeches, layout, labels),
        lambda: dispersion_chart(sentence_themes[sentence_themes["migration"]], speeches, layout, labels),
        lambda: actors_chart(distinct("actors"), layout),
    ]
    if len(speeches) >= 3:
        sims = tables["similarity"]
        steps += [
            lambda: similarity_chart(sims[sims["speech_a"].isin(ids) & sims["speech_b"].isin(ids)],
                                     speeches, layout),
            lambda: migration_over_time_chart(distinct("migration"), speeches),
            lambda: themes_over_time_chart(distinct("themes"), speeches, layout, labels),
            lambda: topic_mix_chart(distinct("topics"), tables["topic_terms"], speeches, layout),
        ]
    return [chart for make in steps if (chart := make()) is not None]


def main(processed_dir: Path, figures_dir: Path) -> int:
    """Draw every chart into `figures_dir` (PNG + SVG) and write `charts.json`, the index."""
    start = time.perf_counter()
    plotstyle.apply_style()
    tables = explore.load_tables(processed_dir)
    figures_dir = Path(figures_dir)
    index = []
    for chart in build_charts(tables):
        png, svg = plotstyle.save_figure(chart.fig, figures_dir, chart.name)
        index.append({"name": chart.name, "title": chart.title, "guide": chart.guide,
                      "png": png.name, "svg": svg.name})
    write_text(figures_dir / INDEX_NAME, json.dumps(index, indent=2, ensure_ascii=False) + "\n")
    speeches = tables["speeches"]
    words = int(speeches["n_words"].sum())
    seconds = time.perf_counter() - start
    log.info("charts: %d speeches, %d words, %d charts, %.1f s, %.0f words/s -> %s", len(speeches), words,
             len(index), seconds, words / max(seconds, 1e-9), figures_dir)
    return 0
