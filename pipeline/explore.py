"""Helpers the notebooks and the report share: load tables, keyword in context, filters.

Everything here reads the processed tables only (no spaCy), so a notebook can
explore another corpus run by pointing PIPELINE_PROCESSED at its PROCESSED folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline import config
from pipeline.storage import read_table
from pipeline.tables import TABLES

PROCESSED_ENV = "PIPELINE_PROCESSED"


def processed_dir() -> Path:
    """PROCESSED for exploration: $PIPELINE_PROCESSED when set, else config.PROCESSED_DIR."""
    env = os.environ.get(PROCESSED_ENV)
    return Path(env) if env else config.PROCESSED_DIR


def load_tables(in_dir: Path | None = None, names: Iterable[str] = TABLES) -> dict[str, pd.DataFrame]:
    """Read the named tables (default: every table pipeline/tables.py declares) from `in_dir`
    (default `processed_dir()`).

    Raises FileNotFoundError, naming the stage to run, when one is missing.
    """
    in_dir = Path(in_dir) if in_dir is not None else processed_dir()
    return {name: read_table(in_dir, name) for name in names}


def speech_labels(speeches: pd.DataFrame) -> dict[str, str]:
    """speech_id -> label (the human name every chart and table shows)."""
    return dict(zip(speeches["speech_id"], speeches["label"], strict=True))


def speech_order(speeches: pd.DataFrame) -> list[str]:
    """speech_ids in date order (then label), the order every chart lists speeches in."""
    frame = speeches.assign(_date=speeches["date"].fillna("").astype(str))
    return frame.sort_values(["_date", "label", "speech_id"])["speech_id"].tolist()


def with_labels(df: pd.DataFrame, speeches: pd.DataFrame, *, column: str = "speech_id") -> pd.DataFrame:
    """`df` with a `speech` column holding the speech label for `column`."""
    labels = speech_labels(speeches)
    return df.assign(speech=df[column].map(labels).fillna(df[column]))


@dataclass(frozen=True)
class Concordance:
    """One keyword-in-context line: `left` + `match` + `right`."""

    speech_id: str
    start: int
    end: int
    left: str
    match: str
    right: str

    def line(self) -> str:
        """The line as plain text, with the match between » and «."""
        return f"{self.left}»{self.match}«{self.right}"


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def context(text: str, start: int, end: int, *, width: int = 60, speech_id: str = "") -> Concordance:
    """The span text[start:end] with `width` characters of context each side, on one line."""
    left = _one_line(text[max(0, start - width):start])
    right = _one_line(text[end:end + width])
    if start - width > 0:
        left = "…" + left
    if end + width < len(text):
        right = right + "…"
    return Concordance(speech_id, start, end, left, _one_line(text[start:end]), right)


def kwic(texts: pd.DataFrame | dict[str, str], pattern: str, *, width: int = 60,
         regex: bool = False, ignore_case: bool = True) -> pd.DataFrame:
    """Keyword in context: every match of `pattern` in the texts, one row per match.

    `texts` is a speeches table (speech_id, text) or a dict speech_id -> text.
    A plain `pattern` matches whole words; `regex=True` takes it as a regular
    expression. Columns: speech_id, start, end, left, match, right.
    """
    items = texts.items() if isinstance(texts, dict) else zip(texts["speech_id"], texts["text"], strict=True)
    body = pattern if regex else r"\b" + re.escape(pattern) + r"\b"
    rx = re.compile(body, re.IGNORECASE if ignore_case else 0)
    rows = [context(text, m.start(), m.end(), width=width, speech_id=sid).__dict__
            for sid, text in items for m in rx.finditer(text or "")]
    return pd.DataFrame(rows, columns=["speech_id", "start", "end", "left", "match", "right"])


def span_contexts(spans: pd.DataFrame, speeches: pd.DataFrame, *, width: int = 60,
                  sections: Iterable[str] | None = None) -> pd.DataFrame:
    """Keyword in context for rows with speech_id, start_char, end_char (sentence_themes,
    priorities, entities ...).

    Offsets refer to the speech's `text`, or, with `sections`, to the speeches column each
    row names (entities: `sections=entities["section"]`, `text` or `header`). Returns
    `spans` with left, match and right columns added.
    """
    by_id = speeches.set_index("speech_id")
    sections = ["text"] * len(spans) if sections is None else sections
    lines = [context(by_id.at[sid, sec], int(s), int(e), width=width, speech_id=sid)
             for sid, sec, s, e in zip(spans["speech_id"], sections, spans["start_char"], spans["end_char"],
                                       strict=True)]
    return spans.assign(left=[c.left for c in lines], match=[c.match for c in lines],
                        right=[c.right for c in lines])


def filter_rows(df: pd.DataFrame, **criteria: object) -> pd.DataFrame:
    """Rows of `df` where each column equals the value (or is in it, for a list/set/tuple).

    `filter_rows(entities, label=["PERSON", "ORG"], speech_id="000_x")`. Unknown
    columns raise KeyError.
    """
    mask = pd.Series(True, index=df.index)
    for column, value in criteria.items():
        if column not in df.columns:
            raise KeyError(f"no column {column!r}; columns are {list(df.columns)}")
        if isinstance(value, list | set | tuple):
            mask &= df[column].isin(list(value))
        else:
            mask &= df[column] == value
    return df[mask]


def split_list(value: object) -> list[str]:
    """A list-valued cell as a list of strings (Parquet arrays, or "a;b" / "a, b" strings)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    if isinstance(value, str):
        return [p.strip() for p in re.split(r"[;|,]", value) if p.strip()]
    try:
        return [str(v) for v in value]
    except TypeError:
        return [str(value)]


def iter_theme_evidence(sentence_themes: pd.DataFrame, theme: str, *, limit: int = 3) -> Iterator[pd.Series]:
    """Up to `limit` sentences coded with `theme`, most matched terms first, in a stable order."""
    rows = sentence_themes[sentence_themes["theme"] == theme]
    if rows.empty:
        return iter(())
    n_terms = rows["matched_terms"].map(lambda v: len(split_list(v)))
    ranked = rows.assign(_n=n_terms).sort_values(["_n", "speech_id", "start_char"],
                                                 ascending=[False, True, True], kind="stable")
    return (row for _, row in ranked.head(limit).iterrows())
