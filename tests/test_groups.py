"""Groups of speeches: groupings from metadata, bootstrap intervals, the group tables, regrouping."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pipeline import explore, groups, tables

# Seven speeches: four African (two Namibian: ISO2 "NA"), three European; one observer (no group).
COUNTRIES = ["NAM", "NAM", "NGA", "KEN", "DEU", "FRA", "DEU"]
YEARS = [2013, 2014, 2015, 2016, 2015, 2016, 2016]


def make_tables() -> dict[str, pd.DataFrame]:
    """The tables the groups stage reads, for seven speeches and one duplicate."""
    ids = [f"s{i}" for i in range(len(COUNTRIES))] + ["dup"]
    speeches = pd.DataFrame({
        "speech_id": ids, "label": [f"{c}, {y}" for c, y in zip(COUNTRIES, YEARS, strict=True)] + ["copy"],
        "date": [f"{y}-09-20" for y in YEARS] + ["2016-09-21"], "year": [*YEARS, 2016],
        "iso3": [*COUNTRIES, "DEU"], "speaker_role": ["President"] * 4 + ["Minister for Foreign Affairs"] * 4,
        "n_words": 1000, "duplicate_of": [None] * 7 + ["s6"]})
    sentences = [100] * 8
    migration_sentences = [10, 10, 20, 0, 30, 40, 50, 50]
    migration = pd.DataFrame({"speech_id": ids, "sentences": sentences, "migration_sentences": migration_sentences,
                              "migration_share": np.array(migration_sentences) / 100})
    themes = pd.DataFrame({"speech_id": ids * 2, "theme": ["refugees"] * 8 + ["labour"] * 8,
                           "theme_label": ["Refugees"] * 8 + ["Labour"] * 8,
                           "sentences": [5, 5, 10, 0, 10, 20, 30, 30] + [1] * 8,
                           "migration_sentences": [5, 5, 10, 0, 10, 20, 30, 30] + [0] * 8})
    lemma_counts = pd.DataFrame({"speech_id": ids * 2,
                                 "lemma": ["drought"] * 4 + ["schengen"] * 4 + ["migration"] * 8,
                                 "count": [9, 8, 7, 9, 9, 8, 9, 9] + [10] * 8})
    entity_counts = pd.DataFrame({"speech_id": ids * 2, "entity_id": ["org:au"] * 8 + ["org:un"] * 8,
                                  "entity_name": ["African Union"] * 8 + ["United Nations"] * 8, "label": "ORG",
                                  "mentions": [3, 3, 2, 2, 0, 0, 1, 1] + [2] * 8})
    return {"speeches": speeches, "migration": migration, "themes": themes, "lemma_counts": lemma_counts,
            "entity_counts": entity_counts[entity_counts["mentions"] > 0]}


@pytest.fixture(scope="module")
def built() -> dict[str, pd.DataFrame]:
    return groups.build_tables(make_tables(), "region")


# ----------------------------------------------------------------- intervals

def test_identical_speeches_give_a_zero_width_interval() -> None:
    estimate, low, high = groups.bootstrap_interval(np.full(12, 0.25))
    assert estimate[0] == pytest.approx(0.25)
    assert high[0] - low[0] == pytest.approx(0.0, abs=1e-12)


def test_a_group_of_one_speech_has_no_interval() -> None:
    estimate, low, high = groups.bootstrap_interval([0.4])
    assert estimate[0] == pytest.approx(0.4) and np.isnan(low[0]) and np.isnan(high[0])


def test_the_interval_is_a_ratio_of_sums_resampled_over_speeches() -> None:
    counts = np.array([[1, 0], [3, 2], [0, 0], [6, 8]])
    totals = np.array([10, 10, 10, 20])
    estimate, low, high = groups.bootstrap_interval(counts, totals)
    assert estimate.tolist() == pytest.approx([10 / 50, 10 / 50])
    assert (low <= estimate).all() and (estimate <= high).all() and (high > low).all()
    again = groups.bootstrap_interval(counts, totals)
    assert all(np.array_equal(a, b) for a, b in zip((estimate, low, high), again, strict=True))  # fixed seed


def test_a_group_with_no_weight_has_a_share_of_zero() -> None:
    estimate, low, high = groups.bootstrap_interval([[0], [0]], [0, 0])
    assert (estimate[0], low[0], high[0]) == (0.0, 0.0, 0.0)


# ----------------------------------------------------------------- groupings

def test_regions_and_regional_groups_come_from_the_country_packages() -> None:
    table = groups.country_table()
    assert table.loc["NAM"].tolist() == ["Africa", "Southern Africa", "African Group"]  # ISO2 "NA" is read
    assert table.loc["BRA", "region"] == "Americas"
    assert table.loc["DEU", "subregion"] == "Western Europe"
    assert table.loc["TUR", "un_group"] == "Western European and other States Group"  # its electoral group
    assert pd.isna(table.loc["PSE", "un_group"])


def test_every_un_member_state_has_a_region_subregion_and_regional_group() -> None:
    table = groups.country_table()
    un = table[table["un_group"].notna()]
    assert len(un) == 193
    assert un[["region", "subregion"]].notna().all().all()
    assert set(un["region"]) == {"Africa", "Americas", "Asia", "Europe", "Oceania"}


@pytest.mark.parametrize(("spec", "names"), [
    ("auto", ["period"]), ("region subregion region", ["region", "subregion"]),
    ("period:2020,2015", ["period:2020,2015"]), ("speaker_role", ["speaker_role"])])
def test_groupings_are_parsed_and_auto_resolved(spec: str, names: list[str]) -> None:
    parsed = groups.parse_groupings(spec, make_tables()["speeches"])
    assert [g.name for g in parsed] == names
    if spec.startswith("period:"):
        assert parsed[0].breaks == (2015, 2020)


def test_auto_is_one_group_per_speech_for_a_few_speeches() -> None:
    speeches = make_tables()["speeches"].head(3)
    assert [g.by for g in groups.parse_groupings("auto", speeches)] == ["speech"]


@pytest.mark.parametrize("spec", ["continent", "region:2015"])
def test_an_unknown_grouping_is_refused(spec: str) -> None:
    with pytest.raises(ValueError):
        groups.parse_groupings(spec, make_tables()["speeches"])


def test_periods_start_at_the_given_years_and_are_named_by_the_years_they_hold() -> None:
    years = pd.Series([1998, 2013, 2014, 2015, 2019, 2020, None])
    assert groups.periods(years, breaks=(2015, 2020)).tolist() == [
        "1998–2014", "1998–2014", "1998–2014", "2015–2019", "2015–2019", "2020", "unknown"]


@pytest.mark.parametrize(("title", "kind"), [
    ("President", "head of state"), ("Amir", "head of state"), ("Constitutional President", "head of state"),
    ("Prime minister", "head of government"), ("President of the Council of Ministers", "head of government"),
    ("Prime Minister and Minister for Foreign Affairs and Trade", "head of government"),
    ("Vice-President", "deputy head of state or government"),
    ("Deputy Prime Minister and Minister for Foreign Affairs", "deputy head of state or government"),
    ("Minister for Foreign Affairs and International Cooperation", "foreign minister"),
    ("Federal Minister for Europe, Integration and Foreign Affairs", "foreign minister"),
    ("Deputy Minister for Foreign Affairs", "other minister"), ("Minister of Youth", "other minister"),
    ("Chair of the Delegation", "diplomat"), ("Permanent Representative", "diplomat"),
    ("Chief Executive Officer", "other")])
def test_a_speaker_role_is_read_as_the_kind_of_office_it_names_first(title: str, kind: str) -> None:
    assert groups.role_kind(title) == kind


def test_missing_metadata_is_the_unknown_group() -> None:
    speeches = pd.DataFrame({"speech_id": ["a", "b", "c"], "iso3": ["KEN", None, "XXX"], "year": [2015, None, 2016],
                             "label": ["a", "b", "c"]})
    assert groups.assign(speeches, groups.Grouping("region", "region")).tolist() == ["Africa", "unknown", "unknown"]
    assert groups.assign(speeches, groups.Grouping("year", "year")).tolist() == ["2015", "unknown", "2016"]


# ----------------------------------------------------------------- tables

def test_every_group_table_fits_its_declaration(built: dict[str, pd.DataFrame]) -> None:
    assert set(built) == set(tables.written_by("groups"))
    for name, table in built.items():
        tables.to_arrow(name, table)  # raises when it does not fit
        assert len(table), name


def test_duplicates_are_left_out_and_small_groups_marked(built: dict[str, pd.DataFrame]) -> None:
    members = built["speech_groups"]
    assert "dup" not in set(members["speech_id"])
    sizes = members.drop_duplicates("group").set_index("group")
    assert sizes.loc["Africa", "speeches"] == 4 and sizes.loc["Europe", "speeches"] == 3
    assert not sizes["small"].any()
    assert groups.display_names(members) == {"Africa": "Africa (n=4)", "Europe": "Europe (n=3)"}


def test_group_theme_shares_pool_the_group_sentences(built: dict[str, pd.DataFrame]) -> None:
    rows = built["group_themes"].set_index(["group", "theme"])
    africa = rows.loc[("Africa", "refugees")]
    assert africa["sentences"] == 20 and africa["share"] == pytest.approx(20 / 400)
    assert africa["migration_share"] == pytest.approx(20 / 40)  # of its 40 migration sentences
    assert africa["migration_share_low"] <= africa["migration_share"] <= africa["migration_share_high"]
    assert rows.loc[("Europe", "labour"), "share"] == pytest.approx(3 / 300)


def test_group_migration_has_a_row_for_all_years_and_one_per_year(built: dict[str, pd.DataFrame]) -> None:
    rows = built["group_migration"]
    europe = rows[rows["group"] == "Europe"].set_index("year", drop=False)
    overall = europe[europe["year"].isna()].iloc[0]
    assert overall["migration_share"] == pytest.approx((0.3 + 0.4 + 0.5) / 3)
    per_year = europe[europe["year"].notna()]
    assert per_year["year"].tolist() == [2015, 2016]
    assert per_year.set_index("year").loc[2016, "speeches"] == 2 and per_year["small"].all()
    assert pd.isna(per_year.set_index("year").loc[2015, "migration_share_low"])  # one speech: no interval


def test_group_keyness_finds_each_group_words_against_the_rest(built: dict[str, pd.DataFrame]) -> None:
    key = built["group_keyness"]
    target = key[(key["direction"] == "target") & (key["kind"] == "lemma") & (key["p_value"] < 0.05)]
    assert target.set_index("group")["term"].to_dict() == {"Africa": "drought", "Europe": "schengen"}
    africa = target.set_index("group").loc["Africa"]
    assert africa["count_target"] == 33 and africa["count_reference"] == 0
    assert africa["g2"] > 10 and africa["log_odds_z"] > 0
    assert "migration" not in set(target["term"])  # used alike by both: not significant


def test_group_entities_are_counted_per_thousand_words(built: dict[str, pd.DataFrame]) -> None:
    rows = built["group_entities"]
    rows = rows[rows["entity_id"] == "org:au"].set_index("group")
    assert rows.loc["Africa", "mentions"] == 10 and rows.loc["Africa", "per_1000_words"] == pytest.approx(2.5)
    assert rows.loc["Europe", "speeches"] == 1 and rows.loc["Africa", "rank"] == 1
    assert rows.loc["Europe", "rank"] == 2  # after the United Nations


def test_compare_regroups_the_tables_without_the_pipeline() -> None:
    regrouped = explore.compare(make_tables(), by="un_group period:2015")
    members = regrouped["speech_groups"]
    assert list(dict.fromkeys(members["grouping"])) == ["un_group", "period:2015"]
    assert set(members.loc[members["grouping"] == "period:2015", "group"]) == {"2013–2014", "2015–2016"}
    assert set(regrouped["group_themes"]["grouping"]) == {"un_group", "period:2015"}


def test_an_empty_corpus_gives_empty_group_tables() -> None:
    empty = {name: tables.frame(name) for name in groups.READS}
    built = groups.build_tables(empty, "region")
    assert all(table.empty for table in built.values())
