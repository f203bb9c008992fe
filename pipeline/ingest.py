"""Ingest stage: raw speech files -> PROCESSED/speeches.{parquet,csv}.

One row per speech: identity (speech_id, source_file, sha256), metadata from the
header block and from an optional metadata.csv beside the speeches, and the
cleaned body `text` that every later stage's character offsets refer to.
Files that cannot be read are reported on stderr and in
PROCESSED/ingest_errors.{parquet,csv}; the rest of the corpus goes on.
Nothing in RAW is ever written.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from pipeline import config, language, places, stages
from pipeline.errors import ERROR, WARNING, InputError
from pipeline.header import normalise_date, split_header
from pipeline.headerparse import FROM_METADATA, FROM_ROLE, name_metadata, parse_header
from pipeline.officeholders import find_roles, load_roles, match_role, resolve_role
from pipeline.readers import read_bytes, read_file, supported_suffixes
from pipeline.speechcache import SpeechCache
from pipeline.storage import write_tables
from pipeline.tables import columns, frame
from pipeline.textclean import clean_paragraphs, count_words, normalise, strip_markdown

log = logging.getLogger(__name__)

# Metadata columns a metadata.csv may set; `post` is the UNGD corpus's name for the role.
METADATA_FIELDS = ("title", "speaker", "speaker_role", "delivered_by", "event", "date", "year", "place",
                   "venue", "country", "iso3", "session")
METADATA_ALIASES = {"post": "speaker_role", "role": "speaker_role", "filename": "file"}

# Larger files are refused rather than parsed (a speech is rarely over 200 kB).
MAX_FILE_BYTES = 20 * 1024 * 1024
_SENTENCE_END = re.compile(r"[.!?…]")
ROW_CACHE_NAMESPACE = "ingest"
# Corpora of at least this many files per worker are ingested in parallel.
PARALLEL_MIN_FILES = 64


@dataclass(frozen=True)
class Problem:
    """A row of ingest_errors: which file, how bad, what is wrong."""

    file: str
    severity: str
    problem: str
    message: str


# ------------------------------------------------------------- one file

def _speech_row(path: Path, data: bytes) -> dict:
    decoded = read_file(path, data)
    text = strip_markdown(normalise(decoded.text))
    blocks, body = split_header(text)
    header = parse_header(blocks, context=body)
    paras = clean_paragraphs(body)
    body_text = "\n\n".join(paras)
    if not body_text.strip():
        raise InputError("no_text", "no speech text (only a header, or nothing readable)")
    named = name_metadata(path.stem)
    parsed = {k: v for k, v in vars(header).items() if v is not None and k != "lines"}
    if named.get("date") and parsed.get("date") and parsed["date"][:4] != named["date"][:4]:
        del parsed["date"]  # a date the opening mentions ("on 28 May 1993"), not the one the file name gives
    return named | _delegation(header.speaker_role) | parsed | {
        "speech_id": path.stem,
        "source_file": path.name,
        "format": path.suffix.lower().lstrip("."),
        "encoding": decoded.encoding,
        "language": language.detect(body_text),
        "sha256": hashlib.sha256(data).hexdigest(),
        "header": "\n".join(header.lines),
        "text": body_text,
        "n_words": count_words(body_text),
        "n_paragraphs": len(paras),
        "n_chars": len(body_text),
    }


def _delegation(role: str | None) -> dict[str, str]:
    """The country of a State's office in a header ("President of the Republic of Ghana"):
    {"country", "iso3"}; nothing for an office of the United Nations system."""
    if not role or find_roles(role):
        return {}
    iso3 = places.country_named(role)
    return {"country": places.country_of(iso3), "iso3": iso3} if iso3 else {}


def ingest_file(path: Path) -> dict:
    """Read, decode, clean and parse one speech file into a speeches-table row.

    Raises InputError when the file is unreadable, empty, binary, too large or
    holds no speech text.
    """
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # a broken link or the like: read_bytes says what is wrong
    if size > MAX_FILE_BYTES:
        raise InputError("too_large", f"file is {size / 2**20:.0f} MB, over the "
                         f"{MAX_FILE_BYTES / 2**20:.0f} MB limit for one speech; split it")
    return _speech_row(path, read_bytes(path))


def _try_ingest(path: Path) -> dict | InputError:
    try:
        return ingest_file(path)
    except InputError as err:
        return err


def row_cache(interim_dir: Path | None) -> SpeechCache | None:
    """The cache of ingested rows under `interim_dir`, versioned by the stage's inputs
    (`stages.version`); None without an interim folder."""
    if interim_dir is None:
        return None
    return SpeechCache(Path(interim_dir), ROW_CACHE_NAMESPACE, stages.version("ingest"))


def _row_key(path: Path) -> str | None:
    """Cache key of a file: its name and the hash of its bytes (None when unreadable)."""
    try:
        data = path.read_bytes() if path.is_file() else None
    except OSError:
        return None
    return None if data is None else SpeechCache.key(path.name, hashlib.sha256(data).hexdigest())


def _ingest_all(files: list[Path], cache: SpeechCache | None) -> Iterator[tuple[Path, dict | InputError]]:
    """(path, row or error) for each file, in order; unchanged files from `cache`, the rest
    in several processes for big corpora."""
    keys = {p: _row_key(p) for p in files} if cache is not None else {}
    cached = {p: cache.get(keys[p]) if keys.get(p) else None for p in files} if cache is not None \
        else dict.fromkeys(files)
    todo = [p for p in files if cached[p] is None]
    workers = min(config.n_process_default(), max(1, len(todo) // PARALLEL_MIN_FILES))
    bar = functools.partial(tqdm, total=len(todo), desc="ingest", unit="file", disable=None, leave=False)
    if workers <= 1:
        fresh = dict(zip(todo, bar(map(_try_ingest, todo)), strict=True))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            fresh = dict(zip(todo, bar(pool.map(_try_ingest, todo, chunksize=16)), strict=True))
    for path in files:
        result = cached[path] or fresh[path]
        if cache is not None and path in fresh and isinstance(result, dict) and keys.get(path):
            cache.put(keys[path], result)
        yield path, result


def discover(raw_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Speech files in `raw_dir` (sorted by name) and warnings for files skipped."""
    files, skipped = [], []
    suffixes = supported_suffixes()
    for path in sorted(Path(raw_dir).iterdir(), key=lambda p: p.name):
        if path.name.startswith(".") or path.name == config.METADATA_FILENAME:
            continue
        if path.is_dir() and path.suffix.lower() not in suffixes:
            continue  # a sub-folder; a folder named like a speech is reported when read
        if path.suffix.lower() in suffixes:
            files.append(path)
        else:
            skipped.append(Problem(path.name, WARNING, "unsupported",
                                   f"skipped: format '{path.suffix or 'no suffix'}' is not read "
                                   f"(supported: {', '.join(suffixes)})"))
    return files, skipped


# ------------------------------------------------------------- metadata.csv

def load_metadata(raw_dir: Path) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read RAW/metadata.csv (if present): one row per file, known columns only."""
    path = Path(raw_dir) / config.METADATA_FILENAME
    if not path.exists():
        return None, []
    name = config.METADATA_FILENAME
    try:
        meta = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, OSError) as err:
        return None, [Problem(name, ERROR, "bad_metadata", f"cannot be read as CSV: {err}")]
    meta = meta.rename(columns=lambda c: METADATA_ALIASES.get(c.strip().lower(), c.strip().lower()))
    if "file" not in meta.columns:
        return None, [Problem(name, ERROR, "bad_metadata", "has no 'file' column naming each speech file")]
    unknown = [c for c in meta.columns if c not in (*METADATA_FIELDS, "file")]
    problems = []
    if unknown:
        problems.append(Problem(name, WARNING, "unknown_columns",
                                f"unknown column(s) ignored: {', '.join(unknown)}"))
    meta = meta[[c for c in meta.columns if c not in unknown]].drop_duplicates("file", keep="first")
    return meta.set_index("file"), problems


def _metadata_for(meta: pd.DataFrame, source_file: str) -> dict[str, str] | None:
    if source_file in meta.index:
        row = meta.loc[source_file]
    else:
        stem = Path(source_file).stem
        matches = meta[meta.index.map(lambda f: Path(f).stem == stem)]
        if matches.empty:
            return None
        row = matches.iloc[0]
    return {k: v.strip() for k, v in row.items() if isinstance(v, str) and v.strip()}


# Forms of address before a name in a metadata.csv ("Mr. José Manuel García Margallo", "H.E. Ms."):
# the speaker column holds the name, as header speakers do. Titles that are part of how a person
# is named ("Sheikh Hasina", "King Mswati III", "Sir Anerood Jugnauth") stay.
COURTESY_TITLES = re.compile(
    r"^(?:(?:H\.\s?E\.?|(?:His|Her)\s+(?:Excellency|Majesty|(?:Royal\s+)?Highness|Holiness)|Mrs|Mr|Ms|Mme|Dr)"
    r"(?:\.\s*|\s+))+")


def apply_metadata(row: dict, values: dict[str, str]) -> list[Problem]:
    """Override `row`'s parsed metadata with metadata.csv values (a speaker's name without the forms
    of address before it); report bad dates."""
    problems = []
    # `year` first, so that a full `date` in the same row wins over it.
    for key in sorted(values, key=lambda k: (k != "year", k != "date")):
        value = values[key]
        if key in ("date", "year"):
            iso = normalise_date(value)
            if iso is None or (key == "year" and len(iso) != 4):
                problems.append(Problem(row["source_file"], WARNING, "bad_date",
                                        f"metadata.csv {key} '{value}' is not a date (YYYY-MM-DD or YYYY); "
                                        "kept what the header said"))
            elif key == "date" or not str(row.get("date") or "").startswith(iso):
                row["date"] = iso
            continue
        if key in ("speaker", "delivered_by"):
            value = COURTESY_TITLES.sub("", value) or value
        row[key] = value
        if key == "speaker":
            row["speaker_from_role"] = False
            row["speaker_source"] = FROM_METADATA
    return problems


# --------------------------------------------------------------- table

def _resolve_missing_speaker(row: dict) -> None:
    if row.get("speaker") or not row.get("speaker_role"):
        return
    role = match_role(row["speaker_role"], load_roles())
    if role is not None:
        row["speaker"] = resolve_role(role, row.get("date"))
        row["speaker_from_role"] = row["speaker"] is not None
        row["speaker_source"] = FROM_ROLE if row["speaker"] else None


def _surname(name: str) -> str:
    return name.split()[-1] if name else name


LABEL_TITLE_CHARS = 40


def speech_label(row: dict) -> str:
    """A short human label for charts: "Arbour, 2018", "Eliasson (Deputy Secretary-General), 2013",
    "Hungary, 2018" for country speeches; else the title ("Opening statement at the 67th...");
    else the speech_id. Never a place, a date alone or site text."""
    year = str(row.get("date") or "")[:4]
    if row.get("country"):
        who = row["country"]
    elif row.get("speaker"):
        who = _surname(row["speaker"])
        role = row.get("speaker_role") or ""
        if role and len(role.split()) <= 3:
            who = f"{who} ({role})"
    elif row.get("title"):
        title = str(row["title"])
        return title if len(title) <= LABEL_TITLE_CHARS else title[:LABEL_TITLE_CHARS - 1].rstrip() + "…"
    else:
        return row["speech_id"]
    return f"{who}, {year}" if year else who


def _unique(labels: Iterable[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def _finish(rows: list[dict]) -> tuple[pd.DataFrame, list[Problem]]:
    problems = []
    first_by_text: dict[str, str] = {}
    ids_seen: dict[str, int] = {}
    for row in rows:
        _resolve_missing_speaker(row)
        row["year"] = int(row["date"][:4]) if row.get("date") else None
        n = ids_seen[row["speech_id"]] = ids_seen.get(row["speech_id"], 0) + 1
        if n > 1:
            new_id = f"{row['speech_id']}_{row['format']}"
            problems.append(Problem(row["source_file"], WARNING, "duplicate_id",
                                    f"another file has the stem '{row['speech_id']}'; "
                                    f"this one is speech_id '{new_id}'"))
            row["speech_id"] = new_id
        digest = hashlib.sha256(row["text"].encode("utf-8")).hexdigest()
        row["duplicate_of"] = first_by_text.setdefault(digest, row["speech_id"])
        if row["duplicate_of"] == row["speech_id"]:
            row["duplicate_of"] = None
        else:
            problems.append(Problem(row["source_file"], WARNING, "duplicate",
                                    f"same text as '{row['duplicate_of']}': kept, but counted once "
                                    "in cross-speech statistics"))
        if row.get("language") not in (None, language.ENGLISH):
            problems.append(Problem(row["source_file"], WARNING, "not_english",
                                    f"the text reads as {language.name(row['language'])} "
                                    f"('{row['language']}'), not English: the English model's entities and "
                                    "themes of it are noise (it is processed all the same; STRICT=1 stops)"))
        if not _SENTENCE_END.search(row["text"]):
            problems.append(Problem(row["source_file"], WARNING, "no_punctuation",
                                    "no sentence punctuation: sentences are split by the model alone"))
    labels = _unique(speech_label(r) for r in rows)
    df = pd.DataFrame(rows).reindex(columns=columns("speeches"))
    df["label"] = labels
    return frame("speeches", df), problems


def build_tables(raw_dir: Path, *, interim_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """Ingest every speech in `raw_dir`: the speeches and ingest_errors tables.

    With `interim_dir`, rows of unchanged files are read from a cache.
    """
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"{raw_dir}: no such folder of speeches")
    files, problems = discover(raw_dir)
    meta, meta_problems = load_metadata(raw_dir)
    problems += meta_problems
    rows = []
    cache = row_cache(interim_dir)
    for path, result in _ingest_all(files, cache):
        if isinstance(result, InputError):
            problems.append(Problem(path.name, ERROR, result.kind, result.message))
            continue
        row = result
        if meta is not None:
            values = _metadata_for(meta, path.name)
            if values:
                problems += apply_metadata(row, values)
        rows.append(row)
    if meta is not None:
        present = {p.name for p in files} | {p.stem for p in files}
        for name in meta.index:
            if name not in present and Path(name).stem not in present:
                problems.append(Problem(config.METADATA_FILENAME, WARNING, "missing_file",
                                        f"lists '{name}', which is not in {raw_dir}"))
    speeches, more = _finish(rows) if rows else (frame("speeches"), [])
    problems += more
    errors = frame("ingest_errors", [p.__dict__ for p in problems])
    if cache is not None:
        cache.prune()
    return {"speeches": speeches, "ingest_errors": errors}


def report_problems(errors: pd.DataFrame, stream=sys.stderr) -> None:
    """One line per problem on stderr: `<file>: <severity>: <message>`."""
    for p in errors.itertuples():
        print(f"{p.file}: {p.severity}: {p.message}", file=stream)


def main(raw_dir: Path, out_dir: Path, *, interim_dir: Path | None = None, strict: bool = False) -> int:
    """Run the ingest stage; return the exit status (non-zero only under `strict`).

    `interim_dir` keeps ingested rows so unchanged files are not re-cleaned.
    """
    start = time.perf_counter()
    tables = build_tables(Path(raw_dir), interim_dir=interim_dir)
    speeches, errors = tables["speeches"], tables["ingest_errors"]
    report_problems(errors)
    write_tables(tables, Path(out_dir))
    n_err = int((errors["severity"] == ERROR).sum())
    seconds = time.perf_counter() - start
    words = int(speeches["n_words"].sum()) if len(speeches) else 0
    log.info("ingest: %d speeches, %d words, %d files refused, %d warnings, %.1f s, %.0f words/s -> %s",
             len(speeches), words, n_err, len(errors) - n_err, seconds, words / max(seconds, 1e-9), out_dir)
    if speeches.empty:
        why = "every file was refused" if n_err else "it holds no speech file"
        print(f"ingest: no speech to analyse in {raw_dir} ({why}): the tables are empty and the report "
              "says there is nothing to show", file=sys.stderr)
    if strict and len(errors):
        print(f"ingest: --strict: {len(errors)} input problem(s), see "
              f"{Path(out_dir) / 'ingest_errors.csv'}", file=sys.stderr)
        return 1
    if strict and speeches.empty:
        print("ingest: --strict: no speech to analyse", file=sys.stderr)
        return 1
    return 0
