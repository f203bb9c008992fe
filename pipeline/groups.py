"""Groups stage: compare groups of speeches (region, country, period, speaker role ...).

A *grouping* names how speeches are grouped (`make all GROUP_BY=region`):

- any column of `speeches` (`country`, `year`, `session`, `speaker_role` ...), its value as
  the group (a missing value: "unknown");
- `speech`: each speech its own group (its label);
- `region` and `subregion`: the UN M49 region (Africa, Americas, Asia, Europe, Oceania) and
  sub-region (Western Africa, South America ...) of the speech's `iso3`, from
  country_converter's data (`country_table`);
- `un_group`: the UN regional group of the member state (African, Asia-Pacific, Eastern
  European, Latin American and Caribbean, Western European and other States), from
  countrygroups' lists;
- `role`: the kind of office the speaker holds (`speaker_role`): head of state, head of
  government, deputy head of state or government, foreign minister, other minister, diplomat,
  other (`role_kind`);
- `period`: years cut into up to six periods of similar size (no year split), or
  `period:2015,2020`: new periods start in those years ("1946–2014", "2015–2019", "2020–2024");
- `auto` (the default): `speech` up to six speeches, `period` beyond.

Several groupings, separated by spaces (`GROUP_BY="region period:2015"`), each get their rows
(the `grouping` column) and their report section; the first one also groups every other chart.

Tables (pipeline/tables.py): `speech_groups` (each speech's group), `group_themes` (share of
sentences per theme), `group_migration` (mean migration share, per group and per year),
`group_keyness` (each group against the rest: G2 and the log-odds ratio with an informative
Dirichlet prior, pipeline/keyness.py) and `group_entities` (most-named entities per 1,000
words). Shares carry a bootstrap 95% interval over the group's speeches (`bootstrap_interval`);
a group of one speech has none, and groups of fewer than MIN_SPEECHES speeches are `small`.
Speeches that duplicate another are left out, as in every cross-speech statistic.
`explore.compare(tables, by=...)` computes the same tables for another grouping in a notebook.
"""

from __future__ import annotations

import functools
import logging
import re
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from pipeline import explore
from pipeline.keyness import keyness_table
from pipeline.storage import read_table, write_tables
from pipeline.tables import frame, written_by

log = logging.getLogger(__name__)

AUTO = "auto"
SPEECH = "speech"
PERIOD = "period"
MAX_SPEECHES = 6  # `auto`: one group per speech up to this many speeches, periods beyond
N_PERIODS = 6
MIN_SPEECHES = 3  # smaller groups are shown but marked `small`
UNKNOWN = "unknown"
N_BOOT = 1000
LEVEL = 0.95
SEED = 16
TOP_TERMS = 50  # group_keyness: terms per group and direction, as keyness
TOP_ENTITIES = 10  # group_entities: entities per group and label
DECIMALS = 6
# spaCy's numeric and temporal labels are not names (as the entity charts and keyness).
NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
# The tables this stage reads.
READS = ("speeches", "migration", "themes", "entity_counts", "lemma_counts")

# Derived groupings, from the speech's iso3 (country_table's columns).
COUNTRY_GROUPINGS = ("region", "subregion", "un_group")
# `role`: the speaker's office (`speaker_role`) as one of a few kinds, by the first office it
# names ("Prime Minister and Minister for Foreign Affairs" is a head of government): the first
# pattern that matches at the start of the title wins; none: "other".
ROLE = "role"
ROLE_PATTERNS = (
    ("deputy head of state or government", r"((first|second) )?(vice|deputy|acting)\b.*\b(president|prime minister|"
                                           r"premier|head of (state|government)|chancellor)|crown prince"),
    ("head of government", r"prime minister|premier|chancellor|head of government|chief advis[eo]r|"
                           r"president of the (council of ministers|government)"),
    ("head of state", r"(constitutional )?president|king|queen|emir|amir|sultan|(sovereign |crown )?prince|grand duke|pope|"
                      r"head of state|captain regent|co-prince|governor-general|member of the presidency|"
                      r"chair(man)? of the (presidency|presidential council|transitional military council)"),
    ("foreign minister", r"(?!(deputy|vice)\b).*\b(minister|secretary)\b.*\b(foreign|external)\b"),
    ("other minister", r".*\b(minister|secretary of state)\b"),
    ("diplomat", r".*\b(representative|ambassador|delegation)\b"),
)
DERIVED = (SPEECH, PERIOD, *COUNTRY_GROUPINGS, ROLE)  # groupings that are no column of speeches
# countrygroups' names of the UN regional groups, and the names shown.
UN_GROUPS = {"AFRICAN_GROUP": "African Group", "ASIA_PACIFIC_GROUP": "Asia-Pacific Group",
             "EASTERN_EUROPEAN_GROUP": "Eastern European Group",
             "GRULAC": "Latin American and Caribbean Group",
             "WEOG": "Western European and other States Group"}
# A state that sits in two groups (Türkiye: Asia-Pacific and WEOG) counts in the one it belongs
# to for electoral purposes (the UN's own note on the groups): WEOG.
ELECTORAL_GROUP = "WEOG"
GROUP_WORDS = {"un_group": "UN regional group", "subregion": "sub-region", "role": "kind of office"}
# country_converter's `continent` is the M49 region for every member state, under another name.
M49_REGION_NAMES = {"America": "Americas"}


# ----------------------------------------------------------------- groupings

@dataclass(frozen=True)
class Grouping:
    """One grouping as written (`name`: "region", "period:2015,2020"): what it groups by
    (`by`) and, for periods, the years new periods start in (`breaks`)."""

    name: str
    by: str
    breaks: tuple[int, ...] = ()


def parse_groupings(spec: str, speeches: pd.DataFrame) -> list[Grouping]:
    """The groupings of `spec` (space-separated, `auto` resolved for `speeches`), in order,
    without repeats. Raises ValueError for a name that is neither a column of `speeches` nor
    a derived grouping."""
    found: dict[str, Grouping] = {}
    for word in (spec or AUTO).split():
        if word == AUTO:
            word = SPEECH if len(speeches) <= MAX_SPEECHES else PERIOD
        by, _, years = word.partition(":")
        if by not in DERIVED and by not in speeches.columns:
            raise ValueError(f"cannot group by {by!r}: not a column of speeches nor one of "
                             f"{', '.join((AUTO, *DERIVED))}")
        if years and by != PERIOD:
            raise ValueError(f"{word!r}: only `period` takes years (period:2015,2020)")
        breaks = tuple(sorted({int(y) for y in years.split(",") if y.strip()}))
        found.setdefault(word, Grouping(word, by, breaks))
    return list(found.values())


@functools.cache
def country_table() -> pd.DataFrame:
    """iso3 -> `region` and `subregion` (UN M49) and `un_group` (UN regional group, missing for
    states in none: observers, former states).

    M49 comes from country_converter's data file, read here with "NA" (Namibia's ISO2 code)
    kept as text: country_converter 1.3.2 reads it as a missing value under pandas 3 and fails.
    The regional groups come from countrygroups' UN_REGIONAL_GROUPS.
    """
    import country_converter
    import countrygroups
    from country_converter.country_converter import COUNTRY_DATA_FILE

    data = pd.read_csv(COUNTRY_DATA_FILE, sep="\t", encoding="utf-8", dtype=str, keep_default_na=False,
                       na_values=[""])
    converter = country_converter.CountryConverter(country_data=data)
    table = converter.data[["ISO3", "continent", "UNregion"]].dropna(subset=["ISO3"])
    table = table.rename(columns={"ISO3": "iso3", "continent": "region", "UNregion": "subregion"})
    table["region"] = table["region"].replace(M49_REGION_NAMES)
    member_of: dict[str, str] = {}
    for key in sorted(UN_GROUPS, key=lambda k: k == ELECTORAL_GROUP):  # WEOG last: it wins
        member_of.update(dict.fromkeys(getattr(countrygroups.UN_REGIONAL_GROUPS, key), UN_GROUPS[key]))
    table["un_group"] = table["iso3"].map(member_of)
    return table.set_index("iso3").sort_index()


def periods(years: pd.Series, *, breaks: Sequence[int] = (), n: int = N_PERIODS) -> pd.Series:
    """Each speech's period, named by the years it holds ("1990–2013", "2015"): the years cut
    at `breaks` (a period starts in each), else into up to `n` periods of similar size in which
    no year is split. Unknown years: UNKNOWN."""
    years = pd.to_numeric(years, errors="coerce")
    known = years.dropna()
    if known.empty:
        return pd.Series(UNKNOWN, index=years.index, dtype=object)
    if breaks:
        bins = pd.Series(np.searchsorted(np.asarray(breaks), known.to_numpy(), side="right"), index=known.index)
    else:
        ranks = known.rank(method="first")
        bins = pd.Series(pd.qcut(ranks, q=min(n, len(known)), labels=False), index=known.index)
        # a year never straddles two periods: each year goes to the period of its first speech
        bins = known.map(bins.groupby(known).min())
    span = known.groupby(bins).agg(["min", "max"])
    names = {b: f"{int(lo)}" if lo == hi else f"{int(lo)}–{int(hi)}" for b, (lo, hi) in span.iterrows()}
    return bins.map(names).reindex(years.index).fillna(UNKNOWN).astype(object)


def assign(speeches: pd.DataFrame, grouping: Grouping) -> pd.Series:
    """speech_id -> the speech's group under `grouping` (a string; UNKNOWN where the metadata
    is missing)."""
    index = speeches["speech_id"].to_numpy()
    if grouping.by == SPEECH:
        values = speeches["label"]
    elif grouping.by == PERIOD:
        values = periods(speeches["year"], breaks=grouping.breaks)
    elif grouping.by in COUNTRY_GROUPINGS:
        values = speeches["iso3"].map(country_table()[grouping.by])
    elif grouping.by == ROLE:
        values = speeches["speaker_role"].map(role_kind, na_action="ignore")
    else:
        column = speeches[grouping.by]
        values = column.map(lambda v: v if isinstance(v, str) else f"{v:g}" if isinstance(v, float)
                            else str(v), na_action="ignore")
    values = values.astype(object).where(values.notna(), UNKNOWN)
    return pd.Series([str(v).strip() or UNKNOWN for v in values], index=index, dtype=object)


@functools.cache
def _role_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in ROLE_PATTERNS)


def role_kind(title: str) -> str:
    """The kind of office `title` names first (ROLE_PATTERNS): "head of state", "head of
    government", "foreign minister" ...; "other" when none matches."""
    title = " ".join(str(title).split())
    return next((kind for kind, rx in _role_patterns() if rx.match(title)), "other")


def group_order(groups: pd.Series, speeches: pd.DataFrame, grouping: Grouping) -> list[str]:
    """The groups in display order: speeches by date, periods by their first year, anything
    else alphabetically; UNKNOWN last."""
    present = set(groups)
    if grouping.by == SPEECH:
        order = [groups[s] for s in explore.speech_order(speeches) if s in groups.index]
    elif grouping.by == PERIOD:
        order = sorted(present - {UNKNOWN}, key=lambda g: (int(g[:4]), g))
    else:
        order = sorted(present - {UNKNOWN}, key=lambda g: (g.casefold(), g))
    return list(dict.fromkeys(order)) + ([UNKNOWN] if UNKNOWN in present and UNKNOWN not in order else [])


def is_speech_grouping(grouping: str) -> bool:
    """Whether `grouping` (a name in the `grouping` column) is one group per speech."""
    return grouping.split(":")[0] == SPEECH


def group_word(grouping: str) -> str:
    """What one group of `grouping` is, in a chart's title: "region", "UN regional group",
    "speaker role"."""
    by = grouping.split(":")[0]
    return GROUP_WORDS.get(by, by.replace("_", " "))


def display_names(speech_groups: pd.DataFrame) -> dict[str, str]:
    """group -> its name in charts and the report, in display order: "Africa (n=54)", and
    "Oceania (n=2)*" for a small group; a speech's own group is its label. `speech_groups`:
    the rows of one grouping."""
    sizes = speech_groups.drop_duplicates("group").set_index("group")
    if len(speech_groups) and is_speech_grouping(speech_groups["grouping"].iloc[0]):
        return {g: g for g in sizes.index}
    return {g: f"{g} (n={int(r['speeches'])}){'*' if r['small'] else ''}" for g, r in sizes.iterrows()}


# ----------------------------------------------------------------- intervals

def bootstrap_interval(values: np.ndarray, weights: np.ndarray | None = None, *, n_boot: int = N_BOOT,
                       level: float = LEVEL, seed: int = SEED) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ratio of sums Σ values / Σ weights over a group's speeches (the mean of `values`
    without `weights`) and its bootstrap percentile interval at `level`: speeches are drawn with
    replacement `n_boot` times.

    `values` holds one row per speech (one column per statistic, or a vector); `weights` one
    value per speech. A ratio with no weight is 0. Returns (estimate, low, high), arrays of one
    value per column; low and high are NaN for fewer than two speeches. The draws depend only
    on `seed` and the number of speeches, so a re-run gives the same interval; identical
    speeches give a zero-width interval.
    """
    values = np.asarray(values, dtype=float)
    vector = values.ndim == 1
    values = values.reshape(len(values), -1)
    n = len(values)
    weights = np.ones(n) if weights is None else np.asarray(weights, dtype=float).reshape(n)
    estimate = _ratio(values.sum(axis=0), weights.sum())
    low = high = np.full(values.shape[1], np.nan)
    if n >= 2:
        draws = np.random.default_rng(seed).multinomial(n, np.full(n, 1.0 / n), size=n_boot).astype(float)
        stats = _ratio(draws @ values, (draws @ weights)[:, None])
        tail = (1.0 - level) / 2
        low, high = np.quantile(stats, [tail, 1.0 - tail], axis=0)
    if vector:
        return estimate[:1], low[:1], high[:1]
    return estimate, low, high


def _ratio(num: np.ndarray, den: np.ndarray | float) -> np.ndarray:
    num, den = np.broadcast_arrays(np.asarray(num, dtype=float), np.asarray(den, dtype=float))
    return np.divide(num, den, out=np.zeros(num.shape), where=den > 0)


# ----------------------------------------------------------------- tables

def speech_groups_table(speeches: pd.DataFrame, groupings: Sequence[Grouping]) -> pd.DataFrame:
    """`speech_groups`: one row per speech and grouping, in grouping then display order."""
    parts = []
    for grouping in groupings:
        groups = assign(speeches, grouping)
        sizes = groups.value_counts()
        rank = {g: i for i, g in enumerate(group_order(groups, speeches, grouping))}
        part = pd.DataFrame({"speech_id": groups.index, "grouping": grouping.name, "group": groups.to_numpy(),
                             "speeches": groups.map(sizes).to_numpy()})
        part = part.assign(small=part["speeches"] < MIN_SPEECHES, _rank=part["group"].map(rank))
        parts.append(part.sort_values(["_rank", "speech_id"], kind="stable").drop(columns="_rank"))
    return frame("speech_groups", pd.concat(parts, ignore_index=True) if parts else ())


def _groups(speech_groups: pd.DataFrame, index: pd.Index,
            arrays: Mapping[str, np.ndarray]) -> Iterator[tuple[str, str, dict[str, np.ndarray]]]:
    """(grouping, group, `arrays` cut to the group's speeches) in table order. `arrays` hold one
    row per speech of `index`; speeches not in it are left out. Work by position: pandas'
    per-group look-ups of string ids are slow."""
    for grouping, members in speech_groups.groupby("grouping", sort=False):
        at = index.get_indexer(members["speech_id"])
        known = at >= 0
        codes, names = pd.factorize(members["group"].to_numpy()[known])
        for code, group in enumerate(names):
            rows = at[known][codes == code]
            yield grouping, group, {name: values[rows] for name, values in arrays.items()}


def group_themes_table(themes: pd.DataFrame, migration: pd.DataFrame, speech_groups: pd.DataFrame) -> pd.DataFrame:
    """`group_themes`: per group and theme, its share of the group's sentences and of its
    migration sentences (pooled over its speeches), each with a bootstrap interval."""
    if themes.empty or speech_groups.empty:
        return frame("group_themes")
    keys = list(dict.fromkeys(themes["theme"]))
    labels = dict(zip(themes["theme"], themes["theme_label"], strict=True))
    totals = migration.set_index("speech_id")
    arrays = {}
    for col in ("sentences", "migration_sentences"):  # per speech: its total, and its count per theme
        wide = themes.pivot_table(index="speech_id", columns="theme", values=col, aggfunc="sum", fill_value=0)
        arrays[col] = totals[col].to_numpy(dtype=float)
        arrays[f"{col}:themes"] = wide.reindex(index=totals.index, columns=keys, fill_value=0).to_numpy(dtype=float)
    rows = []
    for grouping, group, part in _groups(speech_groups, totals.index, arrays):
        n = len(part["sentences"])
        stats = {col: part[f"{col}:themes"].sum(axis=0) for col in ("sentences", "migration_sentences")}
        stats["share"] = bootstrap_interval(part["sentences:themes"], part["sentences"])
        stats["migration_share"] = bootstrap_interval(part["migration_sentences:themes"], part["migration_sentences"])
        for i, theme in enumerate(keys):
            rows.append({"grouping": grouping, "group": group, "speeches": n, "small": n < MIN_SPEECHES,
                         "theme": theme, "theme_label": labels[theme], "sentences": int(stats["sentences"][i]),
                         **_interval("share", stats["share"], i),
                         "migration_sentences": int(stats["migration_sentences"][i]),
                         **_interval("migration_share", stats["migration_share"], i)})
    return frame("group_themes", rows)


def _interval(name: str, result: tuple[np.ndarray, np.ndarray, np.ndarray], i: int = 0) -> dict[str, float]:
    estimate, low, high = (round(float(a[i]), DECIMALS) for a in result)
    return {name: estimate, f"{name}_low": low, f"{name}_high": high}


def group_migration_table(migration: pd.DataFrame, speeches: pd.DataFrame,
                          speech_groups: pd.DataFrame) -> pd.DataFrame:
    """`group_migration`: per group, the mean share of sentences about migration with its
    bootstrap interval, over all its speeches (no year) and per year."""
    if migration.empty or speech_groups.empty:
        return frame("group_migration")
    data = migration.set_index("speech_id")
    years = pd.to_numeric(speeches.set_index("speech_id")["year"], errors="coerce").reindex(data.index)
    arrays = {col: data[col].to_numpy(dtype=float) for col in ("sentences", "migration_sentences", "migration_share")}
    arrays["year"] = years.to_numpy(dtype=float, na_value=np.nan)
    rows = []
    for grouping, group, part in _groups(speech_groups, data.index, arrays):
        year = part["year"]
        scopes = [(None, np.ones(len(year), bool))] + [(int(y), year == y) for y in np.unique(year[~np.isnan(year)])]
        for value, mask in scopes:
            n = int(mask.sum())
            rows.append({"grouping": grouping, "group": group, "year": value, "speeches": n,
                         "small": n < MIN_SPEECHES, "sentences": int(part["sentences"][mask].sum()),
                         "migration_sentences": int(part["migration_sentences"][mask].sum()),
                         **_interval("migration_share", bootstrap_interval(part["migration_share"][mask]))})
    return frame("group_migration", rows)


def group_keyness_table(lemma_counts: pd.DataFrame, entity_counts: pd.DataFrame,
                        speech_groups: pd.DataFrame, *, top_n: int = TOP_TERMS) -> pd.DataFrame:
    """`group_keyness`: each group's lemmas and entities against the rest of the corpus (the
    other groups of its grouping), as `keyness_table` scores a speech against the others."""
    named = entity_counts[~entity_counts["label"].isin(NUMERIC_LABELS)]
    sources = (("lemma", lemma_counts, "lemma", "count"), ("entity", named, "entity_name", "mentions"))
    parts = []
    for grouping, members in speech_groups.groupby("grouping", sort=False):
        group_of = dict(zip(members["speech_id"], members["group"], strict=True))
        names = list(dict.fromkeys(members["group"]))
        for kind, counts, term, count in sources:
            rows = counts[counts["speech_id"].isin(group_of)]
            matrix, terms = _group_matrix(rows["speech_id"].map(group_of), rows[term], rows[count], names)
            if len(terms) < 2:  # one term is all of every group's text: nothing is distinctive
                continue
            table = keyness_table(matrix, terms, names, kind=kind, top_n=top_n)
            parts.append(table.rename(columns={"speech_id": "group"}).assign(grouping=grouping))
    parts = [p for p in parts if len(p)]
    return frame("group_keyness", pd.concat(parts, ignore_index=True) if parts else ())


def _group_matrix(groups: pd.Series, terms: pd.Series, counts: pd.Series,
                  names: list[str]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Sparse group x term counts (rows in `names` order) and the terms, sorted."""
    cols, vocabulary = pd.factorize(terms, sort=True)
    rows = pd.Index(names).get_indexer(groups.to_numpy())
    matrix = sparse.coo_matrix((counts.to_numpy(dtype=np.int64), (rows, cols)),
                               shape=(len(names), len(vocabulary))).tocsr()
    return matrix, np.asarray(vocabulary, dtype=object)


def group_entities_table(entity_counts: pd.DataFrame, speeches: pd.DataFrame, speech_groups: pd.DataFrame,
                         *, top: int = TOP_ENTITIES) -> pd.DataFrame:
    """`group_entities`: per group and entity label, the `top` most-mentioned entities, with
    their mentions per 1,000 words of the group's speeches and how many of them name it."""
    named = entity_counts[~entity_counts["label"].isin(NUMERIC_LABELS)]
    if named.empty or speech_groups.empty:
        return frame("group_entities")
    words = speeches.set_index("speech_id")["n_words"]
    data = named.merge(speech_groups[["speech_id", "grouping", "group"]], on="speech_id")
    totals = (data.groupby(["grouping", "group", "label", "entity_id"], sort=False)
              .agg(entity_name=("entity_name", "first"), mentions=("mentions", "sum"),
                   speeches=("speech_id", "nunique")).reset_index())
    group_words = speech_groups.assign(words=speech_groups["speech_id"].map(words)).groupby(
        ["grouping", "group"])["words"].sum()
    per_1000 = totals["mentions"] / group_words.reindex(pd.MultiIndex.from_frame(totals[["grouping", "group"]])
                                                        ).to_numpy() * 1000
    totals = totals.assign(per_1000_words=per_1000.round(3))
    order = speech_groups[["grouping", "group"]].drop_duplicates().reset_index(drop=True)
    totals = totals.merge(order.reset_index().rename(columns={"index": "_order"}), on=["grouping", "group"])
    totals = totals.sort_values(["_order", "label", "mentions", "entity_name", "entity_id"],
                                ascending=[True, True, False, True, True], kind="stable")
    totals["rank"] = totals.groupby(["_order", "label"]).cumcount() + 1
    return frame("group_entities", totals[totals["rank"] <= top].drop(columns="_order"))


def build_tables(tables: Mapping[str, pd.DataFrame], group_by: str = AUTO) -> dict[str, pd.DataFrame]:
    """Every group table for the groupings of `group_by`, from the tables READS names (the
    speeches that duplicate another left out)."""
    speeches = tables["speeches"][tables["speeches"]["duplicate_of"].isna()]
    ids = set(speeches["speech_id"])

    def distinct(name: str) -> pd.DataFrame:
        return tables[name][tables[name]["speech_id"].isin(ids)]

    speech_groups = speech_groups_table(speeches, parse_groupings(group_by, speeches))
    built = {"speech_groups": speech_groups,
             "group_themes": group_themes_table(distinct("themes"), distinct("migration"), speech_groups),
             "group_migration": group_migration_table(distinct("migration"), speeches, speech_groups),
             "group_keyness": group_keyness_table(distinct("lemma_counts"), distinct("entity_counts"),
                                                  speech_groups),
             "group_entities": group_entities_table(distinct("entity_counts"), speeches, speech_groups)}
    return {name: built[name] for name in written_by("groups")}


def main(processed_dir: Path, out_dir: Path, *, group_by: str = AUTO) -> int:
    """Read the tables READS names from `processed_dir`, write the group tables to `out_dir`;
    return the exit status."""
    start = time.perf_counter()
    tables = {name: read_table(Path(processed_dir), name) for name in READS}
    built = build_tables(tables, group_by)
    write_tables(built, Path(out_dir))
    groups = built["speech_groups"]
    summary = ", ".join(f"{g}: {n} groups" for g, n in groups.groupby("grouping", sort=False)["group"].nunique().items())
    log.info("groups: %d speeches, %s, %.1f s -> %s", groups["speech_id"].nunique(), summary or "no groups",
             time.perf_counter() - start, out_dir)
    return 0
