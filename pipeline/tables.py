"""Every table the pipeline writes: its name, the stage that writes it, its columns, their
types, and one line on what each column means. This is the one declaration.

- Writers hand a frame to `pipeline.storage.write_table`, which checks it against its table
  here (the same columns, no missing value where a column is not `optional`) and casts it
  to these types before writing Parquet and CSV through Arrow. Readers rely on it: no
  reader checks whether a column exists.
- README.md's "Tables" section is generated from it (`python -m pipeline.tables --readme
  README.md`); tests/test_tables.py checks that the README, the Makefile's outputs and
  every stage agree with it.
- To add a table, add one `Table` entry to `TABLES` (name, writing stage, meaning,
  columns) and write it from its stage with `write_table`: readers (`explore.load_tables`),
  the README and the tests pick it up; the test names the Makefile line to extend.

Types: `STRING` is Arrow's large_string (pandas' `str`), `INTEGER` int64 (pandas `Int64`
when optional), `FLOAT` float64, `BOOLEAN` bool.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa

STRING = pa.large_string()
INTEGER = pa.int64()
FLOAT = pa.float64()
BOOLEAN = pa.bool_()

_TYPE_NAMES = {STRING: "string", INTEGER: "integer", FLOAT: "float", BOOLEAN: "boolean"}


@dataclass(frozen=True)
class Column:
    """One column: its name, Arrow type, meaning, and whether a row may leave it empty."""

    name: str
    type: pa.DataType
    meaning: str
    optional: bool = False

    @property
    def dtype(self) -> str:
        """The pandas dtype a frame holds it in (`Int64` for an optional integer)."""
        if self.type == INTEGER:
            return "Int64" if self.optional else "int64"
        return {STRING: "str", FLOAT: "float64", BOOLEAN: "bool"}[self.type]


@dataclass(frozen=True)
class Table:
    """One table: written by `stage` as PROCESSED/<name>.parquet and .csv."""

    name: str
    stage: str
    meaning: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        """The column names, in order."""
        return [c.name for c in self.columns]

    @property
    def schema(self) -> pa.Schema:
        """The Arrow schema the table is written with."""
        return pa.schema([pa.field(c.name, c.type) for c in self.columns])


def string(name: str, meaning: str, *, optional: bool = False) -> Column:
    return Column(name, STRING, meaning, optional)


def integer(name: str, meaning: str, *, optional: bool = False) -> Column:
    return Column(name, INTEGER, meaning, optional)


def number(name: str, meaning: str, *, optional: bool = False) -> Column:
    return Column(name, FLOAT, meaning, optional)


def boolean(name: str, meaning: str) -> Column:
    return Column(name, BOOLEAN, meaning)


# Columns several tables share.
SPEECH_ID = string("speech_id", "the speech (`speeches.speech_id`)")
SENTENCE_ID = integer("sentence_id", "the sentence's index in the speech's text, from 0")
START_CHAR = integer("start_char", "where it starts in the speech's `text` (character offset)")
END_CHAR = integer("end_char", "where it ends in the speech's `text` (exclusive)")
PER_1000_WORDS = number("per_1000_words", "`mentions` per 1,000 words of the speech")

# Columns the group tables (stage `groups`, pipeline/groups.py) share.
GROUPING = string("grouping", "how speeches are grouped, as `GROUP_BY` names it: `region`, `subregion`, "
                              "`un_group`, `period`, `period:2015`, `speech`, or a column of `speeches`")
GROUP = string("group", "the group: a region, a period (\"2015–2019\"), a country ...; `unknown` where the "
                        "speech's metadata is missing")
GROUP_SPEECHES = integer("speeches", "the group's speeches (speeches that duplicate another left out)")
SMALL = boolean("small", "fewer than 3 speeches: shown, but marked in charts")


def interval(name: str, meaning: str) -> tuple[Column, Column, Column]:
    """A statistic and the bounds of its bootstrap 95% interval over the group's speeches
    (`<name>_low`, `<name>_high`; empty for a group of one speech)."""
    return (number(name, meaning),
            number(f"{name}_low", f"lower bound of `{name}`'s bootstrap 95% interval over the group's "
                                  "speeches (empty for one speech)", optional=True),
            number(f"{name}_high", "upper bound of that interval", optional=True))


_FRAMEWORK_COLUMNS = (
    string("title", "its title"),
    integer("sentences", "the speech's sentences that address it (its rows in the evidence table)"),
    number("share", "`sentences` over the speech's migration sentences (0 to 1; 0 without any)"),
    number("per_1000_words", "`sentences` per 1,000 words of the speech"),
)


def _evidence_columns(key: Column) -> tuple[Column, ...]:
    return (SPEECH_ID, SENTENCE_ID, START_CHAR, END_CHAR, key,
            string("matched_terms", "the evidence: its terms found in the sentence (frameworks.yaml; lower "
                                    "case, joined by \"; \"), or the words that weigh most for a classifier"),
            string("source", "`lexicon` (its terms) or `classifier` (models/sentences/gcm.json)"),
            string("sentence", "the sentence's text"))


TABLES: dict[str, Table] = {t.name: t for t in (
    Table("speeches", "ingest", "One row per speech file read; its metadata and cleaned text.", (
        string("speech_id", "the file's stem (`<stem>_<format>` when two files share a stem); "
                            "the key the other tables use"),
        string("label", "a short, unique name for charts: the speaker or country and the year "
                        "(\"Arbour, 2018\"), else the title, else the file's stem; never a place, a "
                        "date or site text"),
        string("source_file", "the raw file's name"),
        string("format", "the file's format: txt, md, pdf, docx or html"),
        string("encoding", "the encoding its bytes were decoded with"),
        string("language", "the ISO 639-1 code of the language its text is written in (\"en\", \"fr\"), "
                           "detected by py3langid; empty when the text has too few letters or the "
                           "detector is unsure", optional=True),
        string("sha256", "SHA-256 of the raw bytes"),
        string("title", "the title in the header", optional=True),
        string("subtitle", "a second title line", optional=True),
        string("speaker", "who spoke", optional=True),
        string("speaker_role", "the speaker's office", optional=True),
        boolean("speaker_from_role", "the speaker was resolved from the role and the date "
                                     "(officeholders.yaml)"),
        string("speaker_source", "where the speaker came from: `header`, `role and date`, "
                                 "`press-release sentence`, `signature` (a message signed at its end) or `metadata.csv`", optional=True),
        string("delivered_by", "who read the statement when it is not the speaker (a message read "
                               "for the Secretary-General)", optional=True),
        string("event", "the meeting or occasion", optional=True),
        string("date", "ISO `YYYY-MM-DD`, or `YYYY` when only the year is known", optional=True),
        integer("year", "the year of `date`", optional=True),
        string("place", "the city or country where it was given", optional=True),
        string("venue", "the building or room", optional=True),
        string("country", "the country speaking (metadata.csv, the file name of a General Debate speech, or a "
                          "State's office in the header)", optional=True),
        string("iso3", "that country's ISO 3166 alpha-3 code", optional=True),
        string("session", "the General Assembly session (metadata.csv)", optional=True),
        string("header", "the header block, kept out of the body"),
        string("text", "the cleaned body, paragraphs separated by one blank line; every "
                       "offset in the other tables refers to it"),
        integer("n_words", "words in `text`"),
        integer("n_paragraphs", "paragraphs in `text`"),
        integer("n_chars", "characters in `text`"),
        string("duplicate_of", "the first speech with the same text; such a speech counts once "
                               "in cross-speech statistics", optional=True),
    )),
    Table("ingest_errors", "ingest", "One row per problem with an input file (refused or ingested "
                                     "with a warning).", (
        string("file", "the raw file (or metadata.csv)"),
        string("severity", "`error`: not ingested; `warning`: ingested, but look at it"),
        string("problem", "a short tag: empty, binary, undecodable, no_text_layer, duplicate, "
                          "not_english ..."),
        string("message", "what is wrong, in words a user can act on"),
    )),
    Table("entities", "entities", "One row per entity mention, linked to one canonical entity.", (
        SPEECH_ID,
        string("section", "`text` or `header`: the `speeches` column the offsets refer to"),
        integer("sentence_id", "the sentence holding its first token, from 0 within the section"),
        integer("start_char", "where it starts in the section (character offset)"),
        integer("end_char", "where it ends in the section: `speeches[section][start_char:end_char] "
                            "== text`"),
        string("text", "the mention as written"),
        string("label", "PERSON, ORG, GPE ... as spaCy, plus AGENDA (agendas, frameworks, "
                        "treaties) and ROLE (offices)"),
        string("entity_id", "the canonical entity: its gazetteer id, else an id made from its "
                            "longest form in the corpus"),
        string("entity_name", "the canonical entity's name"),
        string("source", "what found it: gazetteer, model, rule, backref ... (`+surname`, "
                         "`+abbreviation` when linked so)"),
        string("wikidata", "the entity's Wikidata id, from the gazetteer", optional=True),
        string("speaker", "the speech's speaker", optional=True),
        string("speaker_role", "the speech's speaker's office", optional=True),
        string("date", "the speech's date", optional=True),
    )),
    Table("entity_counts", "entities", "Mentions per speech and canonical entity.", (
        SPEECH_ID,
        string("entity_id", "the canonical entity (`entities.entity_id`)"),
        string("entity_name", "its name"),
        string("label", "its label"),
        integer("mentions", "its mentions in the speech (text and header)"),
        number("per_1000_words", "`mentions` per 1,000 words of the speech, rounded to 3 decimals"),
    )),
    Table("sentences", "features", "One row per sentence of every speech, with whether it is about "
                                   "migration (refugees, displacement, trafficking, smuggling ...).", (
        SPEECH_ID, SENTENCE_ID, START_CHAR, END_CHAR,
        string("sentence", "the sentence's text"),
        boolean("migration", "the sentence is about migration, judged with its passage as context "
                             "(models/sentences/migration.json)"),
        number("migration_score", "the probability behind `migration` (0 to 1)"),
    )),
    Table("migration", "features", "One row per speech: how much of it is about migration.", (
        SPEECH_ID,
        integer("sentences", "sentences in the speech"),
        integer("migration_sentences", "sentences about migration"),
        number("migration_share", "`migration_sentences` over `sentences` (0 to 1)"),
    )),
    Table("sentence_themes", "features", "One row per sentence and theme it touches "
                                         "(themes.yaml; multi-label).", (
        SPEECH_ID, SENTENCE_ID, START_CHAR, END_CHAR,
        string("theme", "the theme's id in themes.yaml"),
        string("matched_terms", "the evidence: the lexicon terms found in the sentence (lower case, "
                                "joined by \"; \"), or the words that weigh most for a classifier"),
        string("source", "`lexicon` (a term of the theme) or `classifier` (models/sentences/themes.json)"),
        string("sentence", "the sentence's text"),
        boolean("migration", "the sentence is about migration (as in `sentences`); themes of context "
                             "`migration` only occur where it is true"),
    )),
    Table("themes", "features", "One row per speech and theme of the lexicon, zeros included.", (
        SPEECH_ID,
        string("theme", "the theme's id in themes.yaml"),
        string("theme_label", "the theme's name"),
        integer("sentences", "sentences touching the theme"),
        number("share", "`sentences` over the speech's sentences (0 to 1)"),
        integer("mentions", "matches of the theme's terms"),
        PER_1000_WORDS,
        integer("migration_sentences", "migration sentences touching the theme"),
        number("migration_share", "`migration_sentences` over the speech's migration sentences (0 to 1)"),
    )),
    Table("gcm_evidence", "features", "One row per migration sentence and Global Compact for Migration "
                                      "objective it addresses, found by the objective's own evidence "
                                      "(frameworks.yaml).", _evidence_columns(
        integer("objective", "the objective's number (1-23)"))),
    Table("gcm_objectives", "features", "One row per speech and Global Compact for Migration objective "
                                        "(1-23), zeros included: its evidence sentences (`gcm_evidence`).", (
        SPEECH_ID,
        integer("objective", "the objective's number"),
        *_FRAMEWORK_COLUMNS,
    )),
    Table("sdg_evidence", "features", "One row per migration sentence and migration-related SDG target it "
                                      "addresses, found by the target's own evidence (frameworks.yaml).",
          _evidence_columns(string("target", "the target's number (\"10.7\")"))),
    Table("sdg_targets", "features", "One row per speech and migration-related SDG target, zeros included: "
                                     "its evidence sentences (`sdg_evidence`).", (
        SPEECH_ID,
        string("target", "the target's number (\"10.7\")"),
        *_FRAMEWORK_COLUMNS,
    )),
    Table("priorities", "features", "One row per item of a priority list the speech enumerates "
                                    "(\"First, ... Second, ...\", numbered, lettered or bulleted items).", (
        SPEECH_ID,
        integer("list_id", "the list's number in the speech, from 1 in text order"),
        string("kind", "how the items are marked: `ordinal` (First, The second point ...), `numbered` "
                       "(1., (2), number one, Roman numerals), `lettered` ((a), b)) or `bullet`"),
        integer("announced", "the count announced before the list (\"five areas of priority\")",
                optional=True),
        integer("rank", "the item's position in its list, from 1"),
        string("marker", "the marker as written: \"First\", \"Secondly\", \"The second point\", \"(a)\", \"2.\", \"•\" ..."),
        string("text", "the item's text, after its marker up to the next marker or the end of "
                       "its paragraph"),
        integer("start_char", "where the item's text starts in the speech's `text`"),
        integer("end_char", "where the item's text ends in the speech's `text` (exclusive)"),
        string("themes", "the themes the item touches, in lexicon order, joined by \"; \""),
        integer("n_items", "items in the list"),
        boolean("count_mismatch", "a count was announced and differs from `n_items`"),
    )),
    Table("actors", "features", "One row per speech and actor group of actors.yaml, zeros included.", (
        SPEECH_ID,
        string("actor", "the group's id in actors.yaml"),
        string("actor_label", "the group's name"),
        integer("mentions", "matches of the group's terms"),
        PER_1000_WORDS,
        integer("sentences", "sentences naming the group"),
        string("terms", "the first 10 distinct terms found, lower case, joined by \"; \""),
        string("evidence", "the first 2 sentences naming the group, joined by \" | \""),
    )),
    Table("keyness", "features", "Per speech, the terms it uses more (`target`) or less "
                                 "(`reference`) than the rest of the corpus: the 50 highest G2 "
                                 "each way.", (
        SPEECH_ID,
        string("kind", "`lemma` (content lemmas) or `entity` (canonical entity names)"),
        string("term", "the lemma or entity name"),
        integer("count_target", "its count in the speech"),
        integer("count_reference", "its count in the rest of the corpus (duplicates counted once)"),
        number("g2", "log-likelihood G2 (Dunning 1993)"),
        number("p_value", "G2's p-value (chi-squared, one degree of freedom)"),
        number("log_ratio", "log2 of the ratio of relative frequencies (Hardie 2014)"),
        number("log_odds_z", "z-score of the log-odds ratio with an informative Dirichlet prior "
                             "(Monroe et al. 2008)"),
        string("direction", "`target`: used more in the speech; `reference`: less"),
    )),
    Table("lemma_counts", "features", "Per speech, how often it uses each content lemma (the counts keyness "
                                      "and group keyness are computed from).", (
        SPEECH_ID,
        string("lemma", "the content lemma, lower case (no stop words, punctuation or bare numbers)"),
        integer("count", "its occurrences in the speech"),
    )),
    Table("style", "features", "One row per speech: length, lexical diversity, readability.", (
        SPEECH_ID,
        integer("n_words", "words (tokens with a letter or a number)"),
        integer("n_sentences", "sentences with at least one word"),
        number("mean_sentence_length", "words per sentence"),
        number("mattr", "moving-average type-token ratio over windows of 100 words"),
        integer("n_types", "distinct words, lower case"),
        number("syllables_per_word", "syllables per word, counted by vowel groups"),
        number("readability", "the readability score named in `readability_index`; NaN for an "
                              "empty text"),
        string("readability_index", "the score's name: Flesch reading ease"),
    )),
    Table("similarity", "features", "TF-IDF cosine similarity between pairs of distinct speeches "
                                    "(above 300 speeches, each speech's 25 nearest and itself).", (
        string("speech_a", "one speech (`speeches.speech_id`)"),
        string("speech_b", "the other speech"),
        number("cosine", "cosine of their TF-IDF vectors of content lemmas (0 to 1)"),
    )),
    Table("topics", "features", "For 10 or more distinct speeches, each speech's mix of NMF topics.", (
        SPEECH_ID,
        integer("topic", "the topic's number, from 1"),
        number("weight", "the topic's share of the speech's topic weights (a speech's rows sum to 1)"),
    )),
    Table("topic_terms", "features", "For 10 or more distinct speeches, the 15 top terms of each "
                                     "NMF topic.", (
        integer("topic", "the topic's number, from 1"),
        integer("rank", "the term's rank in the topic, from 1"),
        string("term", "the content lemma"),
        number("weight", "its weight in the topic's NMF component"),
    )),
    Table("stage_errors", "features", "One row per speech a stage could not analyse: it is left out of "
                                      "that stage's tables, the other speeches are not (the entities "
                                      "stage's rows included: the features stage writes the table).", (
        string("stage", "the stage that could not analyse it: `entities` or `features`"),
        SPEECH_ID,
        string("problem", "a short tag: `too_long` (over 1,000,000 characters: not parsed), else the "
                          "error's type (`ValueError` ...)"),
        string("message", "what went wrong, in words a user can act on"),
    )),
    Table("speech_groups", "groups", "One row per speech and grouping (`GROUP_BY`): the speech's group.", (
        SPEECH_ID, GROUPING, GROUP, GROUP_SPEECHES, SMALL,
    )),
    Table("group_themes", "groups", "Per grouping, group and theme: the share of the group's sentences, and "
                                    "of its migration sentences, that touch the theme.", (
        GROUPING, GROUP, GROUP_SPEECHES, SMALL,
        string("theme", "the theme's id in themes.yaml"),
        string("theme_label", "the theme's name"),
        integer("sentences", "the group's sentences touching the theme"),
        *interval("share", "`sentences` over the group's sentences (0 to 1)"),
        integer("migration_sentences", "the group's migration sentences touching the theme"),
        *interval("migration_share", "`migration_sentences` over the group's migration sentences (0 to 1)"),
    )),
    Table("group_migration", "groups", "Per grouping and group, over all its speeches and per year: how much "
                                       "its speeches talk about migration.", (
        GROUPING, GROUP,
        integer("year", "the year; empty: all the group's speeches", optional=True),
        GROUP_SPEECHES, SMALL,
        integer("sentences", "sentences in those speeches"),
        integer("migration_sentences", "sentences about migration in them"),
        *interval("migration_share", "the mean over those speeches of their share of sentences about "
                                     "migration (`migration.migration_share`, 0 to 1)"),
    )),
    Table("group_keyness", "groups", "Per grouping and group, the terms its speeches use more (`target`) or "
                                     "less (`reference`) than the other groups': the 50 highest G2 each way.", (
        GROUPING, GROUP,
        string("kind", "`lemma` (content lemmas) or `entity` (canonical entity names)"),
        string("term", "the lemma or entity name"),
        integer("count_target", "its count in the group's speeches"),
        integer("count_reference", "its count in the other groups' speeches"),
        number("g2", "log-likelihood G2 (Dunning 1993)"),
        number("p_value", "G2's p-value (chi-squared, one degree of freedom)"),
        number("log_ratio", "log2 of the ratio of relative frequencies (Hardie 2014)"),
        number("log_odds_z", "z-score of the log-odds ratio with an informative Dirichlet prior "
                             "(Monroe et al. 2008)"),
        string("direction", "`target`: used more in the group; `reference`: less"),
    )),
    Table("group_entities", "groups", "Per grouping, group and entity label, the 10 entities its speeches "
                                      "name most.", (
        GROUPING, GROUP,
        string("label", "the entities' label (PERSON, ORG, AGENDA ...; dates and numbers left out)"),
        string("entity_id", "the canonical entity (`entities.entity_id`)"),
        string("entity_name", "its name"),
        integer("mentions", "its mentions in the group's speeches"),
        integer("speeches", "the group's speeches that name it"),
        number("per_1000_words", "`mentions` per 1,000 words of the group's speeches, rounded to 3 decimals"),
        integer("rank", "its rank among the group's entities of that label, from 1 (most mentions)"),
    )),
)}


def table(name: str) -> Table:
    """The declared table `name`; raises KeyError naming the declared ones otherwise."""
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(f"no table '{name}' is declared in pipeline/tables.py "
                       f"(declared: {', '.join(TABLES)})") from None


def columns(name: str) -> list[str]:
    """The column names of table `name`, in order."""
    return table(name).names


def written_by(stage: str) -> list[str]:
    """The names of the tables `stage` writes, in declaration order."""
    return [t.name for t in TABLES.values() if t.stage == stage]


def frame(name: str, data: pd.DataFrame | Mapping | Iterable[dict] = ()) -> pd.DataFrame:
    """`data` (a frame, a dict of columns, or rows as dicts) as table `name`: its columns in
    order, cast to their types (see `conform`); no rows by default."""
    if not isinstance(data, pd.DataFrame):
        data = pd.DataFrame(data if isinstance(data, Mapping) else list(data), columns=columns(name))
    return conform(name, data)


def conform(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """`df` with the columns of table `name`, in order, cast to their types.

    Raises ValueError when a column is missing or extra, or when a column that is not
    optional has a missing value.
    """
    spec = table(name)
    missing = [c for c in spec.names if c not in df.columns]
    extra = [c for c in df.columns if c not in spec.names]
    if missing or extra:
        raise ValueError(f"table '{name}' (pipeline/tables.py): missing column(s) {missing}, "
                         f"undeclared column(s) {extra}")
    empty = [c.name for c in spec.columns if not c.optional and df[c.name].isna().any()]
    if empty:
        raise ValueError(f"table '{name}': column(s) {empty} have missing values but are not "
                         "optional in pipeline/tables.py")
    return df[spec.names].astype({c.name: c.dtype for c in spec.columns})


def to_arrow(name: str, df: pd.DataFrame) -> pa.Table:
    """`df` as an Arrow table with the declared schema of `name` (checked by `conform`)."""
    return pa.Table.from_pandas(conform(name, df).reset_index(drop=True), schema=table(name).schema,
                                preserve_index=False)


# ------------------------------------------------------------------ README

README_BEGIN = "<!-- tables: generated by `python -m pipeline.tables --readme README.md`; do not edit -->"
README_END = "<!-- /tables -->"


def markdown() -> str:
    """Every table as README text: a heading, its meaning, and its columns."""
    parts = []
    for spec in TABLES.values():
        rows = "\n".join(f"| `{c.name}` | {_TYPE_NAMES[c.type]}{', optional' if c.optional else ''} "
                         f"| {c.meaning} |" for c in spec.columns)
        parts.append(f"#### `{spec.name}` ({spec.stage})\n\n{spec.meaning}\n\n"
                     f"| column | type | meaning |\n|---|---|---|\n{rows}\n")
    return "\n".join(parts)


def readme_section(text: str) -> str | None:
    """The generated block of a README (between the markers), or None without one."""
    found = re.search(re.escape(README_BEGIN) + r"\n(.*?)" + re.escape(README_END), text, re.S)
    return found.group(1) if found else None


def with_readme_section(text: str) -> str:
    """`text` with its generated block replaced by `markdown()`."""
    if readme_section(text) is None:
        raise ValueError(f"no block between {README_BEGIN!r} and {README_END!r}")
    head, rest = text.split(README_BEGIN, 1)
    return f"{head}{README_BEGIN}\n\n{markdown()}\n{README_END}{rest.split(README_END, 1)[1]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.tables", description=__doc__.split("\n")[0])
    parser.add_argument("--readme", type=Path, help="rewrite this README's generated tables section")
    args = parser.parse_args(argv)
    if args.readme:
        args.readme.write_text(with_readme_section(args.readme.read_text(encoding="utf-8")),
                               encoding="utf-8")
    else:
        sys.stdout.write(markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
