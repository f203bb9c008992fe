"""Score every extraction against annotated speeches: `make evaluate [SPLIT=dev]`.

The gold is the project's annotated corpus (`data/annotations/`, format in
pipeline/annotations.py) or a file in the shape of ../shared/eval/gold.json.
The pipeline runs through its normal stages (ingest, entities, features) on the
documents' raw files, as a user would run it, in a work folder under INTERIM,
and its tables are scored per document and in total:

- metadata, per field (speaker, role, date, place, event, delivered_by);
- entities, document level, by the rules of ../shared/eval/README.md: a gold
  entity is found when an extracted mention with the same label has its
  canonical name or a surface form as text or entity name (case-insensitive,
  leading "the" ignored; for PERSON leading titles ignored and a surname matches
  the full name); an extracted entity matching nothing is a false positive;
  optional entities count neither way, nor does an extracted numbered session of a body
  ("seventy-fourth session"), which the annotation guide makes optional as a class;
- entities, mention level: exact span and label, per label (places and
  nationalities included);
- lists: found when an extracted list has as many items and each item starts at
  the annotated item (between the start of its marker and the start of its text);
- themes, per theme, sentence level (a predicted sentence stands for the gold
  sentence it overlaps most); the migration flag; GCM objectives.

It prints one table and writes reports/evaluation.json. When the pipeline's
cleaning has changed since a document was annotated, its offsets are carried
over by a character diff and what no longer aligns is reported.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import pandas as pd

from pipeline import annotations as ann
from pipeline import config, linking

log = logging.getLogger(__name__)

LABELS = ann.SCORED_LABELS
MENTION_LABELS = ann.ENTITY_LABELS
METADATA_FIELDS = ann.METADATA_FIELDS
TABLES = ("speeches", "entities", "priorities", "sentence_themes", "sentences", "gcm_evidence")
EVENT_SIMILARITY = 0.85  # normalised events this similar are the same event
EVENT_MIN_WORDS = 3  # an event whose words all occur in the other names it, from this many words
TITLE_WORDS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "madam", "president",
    "vice-president", "prime", "minister", "deputy", "ambassador", "king", "queen", "prince",
    "princess", "sheikh", "his", "her", "your", "majesty", "highness", "excellency", "royal",
    "director", "director-general", "general", "secretary-general", "secretary", "dg", "sg",
    "high", "commissioner", "special", "representative", "h.e", "judge", "senator", "chancellor"})


# ------------------------------------------------------------------ counts

@dataclass
class Counts:
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class EntityCounts(Counts):
    """Document-level entity counts: recall over gold entities found (`tp`) or missed (`fn`);
    precision over extracted entities that match a gold one (`correct`) or nothing (`fp`)."""

    correct: int = 0

    def add(self, other: Counts) -> EntityCounts:
        super().add(other)
        self.correct += getattr(other, "correct", 0)
        return self

    @property
    def precision(self) -> float:
        return self.correct / (self.correct + self.fp) if self.correct + self.fp else 0.0

    def as_dict(self) -> dict:
        return {**super().as_dict(), "correct": self.correct}


def count_sets(gold: set, predicted: set) -> Counts:
    return Counts(len(gold & predicted), len(predicted - gold), len(gold - predicted))


# ------------------------------------------------------------------ entities, document level

# A numbered session of a body ("seventy-fourth session", "the fifth session of the Council"):
# optional by the annotation guide's rule for the whole class, so neither rewarded nor punished
# even where an annotator left one unmarked. Conferences of the parties are not optional.
NUMBERED_SESSION = re.compile(r"(?:its\s+)?" + linking.ORDINAL_WORD.replace("-", r"-\s?")
                              + r"\s+(?:regular\s+|special\s+)?session(?:\s+of\s+the\s+(?!conference\s+of\s+(?:the\s+)?"
                              r"(?:states\s+)?parties).+)?", re.I)


def norm(text: str) -> str:
    """Lower case, single spaces, no leading "the" and no edge punctuation."""
    text = re.sub(r"\s+", " ", str(text)).strip().lower()
    return re.sub(r"^the\s+", "", text).strip(" .,;:")


def norm_person(text: str) -> str:
    """`norm` without leading titles ("President", "His Majesty", "Mr.")."""
    words = norm(text).split()
    while len(words) > 1 and words[0].rstrip(".") in TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


@dataclass
class Extracted:
    """One extracted entity of a speech: its label, name and every surface form."""

    label: str
    name: str
    forms: set[str] = field(default_factory=set)


def gold_forms(entity: dict) -> set[str]:
    forms = {entity["canonical"], *entity.get("aliases", [])}
    f = norm_person if entity["label"] == "PERSON" else norm
    return {f(x) for x in forms}


def matches(ext: Extracted, gold: dict) -> bool:
    """True when `ext` names the gold entity under the scoring rules."""
    if ext.label != gold["label"]:
        return False
    forms = gold_forms(gold)
    if ext.forms & forms:
        return True
    if ext.label == "PERSON":
        surnames = {f.split()[-1] for f in forms if f}
        return any(len(x.split()) == 1 and x in surnames for x in ext.forms)
    return False


def extracted_entities(rows: pd.DataFrame) -> list[Extracted]:
    """One Extracted per (label, entity name) among the scored labels."""
    out: dict[tuple[str, str], Extracted] = {}
    for r in rows.itertuples(index=False):
        if r.label not in LABELS:
            continue
        name = str(r.entity_name if isinstance(r.entity_name, str) else r.text)
        f = norm_person if r.label == "PERSON" else norm
        ext = out.setdefault((r.label, name), Extracted(r.label, name, {f(name)}))
        ext.forms.add(f(r.text))
    return list(out.values())


def score_speech(rows: pd.DataFrame, gold: dict) -> tuple[dict[str, EntityCounts], list[str], list[str]]:
    """Document-level counts per label for one speech, with the missed gold and the false positives.

    `gold` has `entities` (label, canonical, aliases, optional) and `ignore` strings.
    """
    scores = {label: EntityCounts() for label in LABELS}
    extracted = extracted_entities(rows)
    required = [g for g in gold["entities"] if not g.get("optional")]
    optional = [g for g in gold["entities"] if g.get("optional")]
    ignore = {norm(x) for x in gold.get("ignore", [])}
    misses, false = [], []
    for g in required:
        if any(matches(x, g) for x in extracted):
            scores[g["label"]].tp += 1
        else:
            scores[g["label"]].fn += 1
            misses.append(f"{g['label']}: {g['canonical']}")
    for x in extracted:
        if any(matches(x, g) for g in required):
            scores[x.label].correct += 1
            continue
        if any(matches(x, g) for g in optional) or x.forms & ignore or norm(x.name) in ignore \
                or (x.label == "EVENT" and all(NUMBERED_SESSION.fullmatch(f) for f in x.forms)):
            continue
        scores[x.label].fp += 1
        false.append(f"{x.label}: {x.name} ({', '.join(sorted(x.forms))})")
    return scores, misses, false


# ------------------------------------------------------------------ entities, mention level

def score_mentions(doc: dict, rows: pd.DataFrame) -> dict[str, Counts]:
    """Exact span and label agreement per label, on the body text (optional spans skipped)."""
    text_rows = rows[rows["section"] == "text"]
    optional = {(s["start"], s["end"]) for s in doc["spans"] if s.get("optional")}
    gold = {(s["start"], s["end"], s["label"]) for s in doc["spans"] if not s.get("optional")}
    pred = {(int(r.start_char), int(r.end_char), r.label) for r in text_rows.itertuples()
            if r.label in MENTION_LABELS and (int(r.start_char), int(r.end_char)) not in optional}
    return {label: count_sets({g for g in gold if g[2] == label}, {p for p in pred if p[2] == label})
            for label in MENTION_LABELS}


# ------------------------------------------------------------------ lists

def extracted_lists(priorities: pd.DataFrame) -> list[list[dict]]:
    """The lists of one speech's priorities rows: items with start, text and marker, in order."""
    out = []
    for _, g in priorities.sort_values(["list_id", "rank"]).groupby("list_id", sort=True):
        out.append([{"start": int(r.start_char) if pd.notna(r.start_char) else None, "text": str(r.text),
                     "marker": r.marker if isinstance(r.marker, str) else None} for r in g.itertuples()])
    return out


def _item_start(text: str, marker: str | None) -> str:
    t = norm(text)
    if marker and t.startswith(norm(marker)):
        t = t[len(norm(marker)):]
    return t.strip(" ,.;:-–—")


def _same_items(gold_list: dict, items: list[dict]) -> bool:
    gold_items = gold_list["items"]
    if len(items) != len(gold_items):
        return False
    if gold_items and isinstance(gold_items[0], str):  # gold.json: item texts
        starts = [_item_start(i["text"], i["marker"]) for i in items]
        golds = [norm(g) for g in gold_items]
        return all(s.startswith(g) or (s and g.startswith(s)) for s, g in zip(starts, golds, strict=True))
    return all(i["start"] is not None and g["marker_start"] <= i["start"] <= g["start"]
               for i, g in zip(items, gold_items, strict=True))


def score_lists(gold_lists: Sequence[dict], extracted: Sequence[list[dict]]) -> tuple[Counts, list[str]]:
    """Lists found, missed and extracted in excess, with a line per miss and excess."""
    counts, lines, used = Counts(), [], set()
    for gl in gold_lists:
        hit = next((k for k, items in enumerate(extracted) if k not in used and _same_items(gl, items)), None)
        if hit is None:
            counts.fn += 1
            lines.append(f"missed list of {len(gl['items'])} items ({_list_markers(gl)})")
        else:
            counts.tp += 1
            used.add(hit)
    for k, items in enumerate(extracted):
        if k not in used:
            counts.fp += 1
            lines.append(f"extra list of {len(items)} items ({', '.join(str(i['marker']) for i in items)})")
    return counts, lines


def _list_markers(gl: dict) -> str:
    if "markers" in gl:
        return ", ".join(gl["markers"])
    return ", ".join(i["marker"] for i in gl["items"])


# ------------------------------------------------------------------ sentences

def best_overlap(start: int, end: int, spans: Sequence[tuple[int, int]]) -> int | None:
    """Index of the span that overlaps [start, end) most (None when none does)."""
    best, best_len = None, 0
    for k, (s, e) in enumerate(spans):
        overlap = min(end, e) - max(start, s)
        if overlap > best_len:
            best, best_len = k, overlap
    return best


def predicted_by_sentence(gold_sentences: Sequence[dict], rows: pd.DataFrame, value: str) -> list[set]:
    """For each gold sentence, the set of `value`s of the predicted rows whose sentence overlaps it most."""
    bounds = sorted({(int(s), int(e)) for s, e in zip(rows["start_char"], rows["end_char"], strict=True)})
    by_bounds: dict[tuple[int, int], set] = {}
    for r in rows.itertuples():
        by_bounds.setdefault((int(r.start_char), int(r.end_char)), set()).add(getattr(r, value))
    out = []
    for g in gold_sentences:
        k = best_overlap(g["start"], g["end"], bounds)
        covered = k is not None and (min(g["end"], bounds[k][1]) - max(g["start"], bounds[k][0])) * 2 \
            > (g["end"] - g["start"])
        out.append(by_bounds[bounds[k]] if covered else set())
    return out


def score_labels(gold: Sequence[Iterable], predicted: Sequence[set], labels: Iterable) -> dict:
    """Per label counts of multi-label sentence assignments."""
    out = {label: Counts() for label in labels}
    for g, p in zip(gold, predicted, strict=True):
        g = set(g)
        for label in g | p:
            if label in out:
                out[label].add(Counts(int(label in g and label in p), int(label in p and label not in g),
                                      int(label in g and label not in p)))
    return out


def score_migration(gold_sentences: Sequence[dict], sentences: pd.DataFrame) -> Counts:
    """The migration flag: a sentence counts as predicted migration when the pipeline's
    sentence that overlaps it most is flagged."""
    flagged = sentences[sentences["migration"].astype(bool)].assign(flag=True)
    pred = predicted_by_sentence(gold_sentences, flagged if len(flagged) else sentences.iloc[0:0].assign(flag=True),
                                 "flag")
    counts = Counts()
    for g, p in zip(gold_sentences, pred, strict=True):
        counts.add(Counts(int(g["migration"] and bool(p)), int(bool(p) and not g["migration"]),
                          int(g["migration"] and not p)))
    return counts


# ------------------------------------------------------------------ metadata

def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^\w\s]", " ", text.replace("-", " "))
    return re.sub(r"\s+", " ", text).strip()


def norm_name(value: str) -> str:
    words = _fold(value).split()
    while len(words) > 1 and words[0] in TITLE_WORDS | {"h", "e", "he", "excellency", "mrs", "ms", "mr"}:
        words = words[1:]
    return " ".join(words)


def norm_role(value: str) -> str:
    text = " " + _fold(value) + " "
    for phrase in (" of the united nations ", " united nations ", " un ", " the "):
        text = text.replace(phrase, " ")
    return re.sub(r"\s+", " ", text).strip()


def norm_place(value: str) -> str:
    return _fold(str(value).split(",")[0])


def norm_event(value: str) -> str:
    text = " " + _fold(value) + " "
    for phrase in (" the ", " of the united nations ", " united nations "):
        text = text.replace(phrase, " ")
    return re.sub(r"\s+", " ", text).strip()


def same_field(key: str, gold: object, pred: object) -> bool:
    """True when the predicted metadata value says what the annotated one says."""
    empty_pred = pred is None or (isinstance(pred, float) and pd.isna(pred)) or str(pred).strip() == ""
    if gold is None:
        return empty_pred
    if empty_pred:
        return False
    if key == "date":
        return str(gold) == str(pred)
    if key in ("speaker", "delivered_by"):
        return norm_name(gold) == norm_name(pred)
    if key == "speaker_role":
        return norm_role(gold) == norm_role(pred)
    if key == "place":
        return norm_place(gold) == norm_place(pred)
    a, b = norm_event(gold), norm_event(pred)
    small, large = sorted((set(a.split()), set(b.split())), key=len)
    contained = len(small) >= EVENT_MIN_WORDS and small <= large  # "event marking X" / "X"
    return a == b or contained or SequenceMatcher(None, a, b).ratio() >= EVENT_SIMILARITY


def score_metadata(gold: dict, row: dict) -> dict[str, tuple[object, object, bool]]:
    """Per annotated field: (gold, predicted, correct)."""
    return {k: (v, _clean(row.get(k)), same_field(k, v, row.get(k))) for k, v in gold.items()}


def _clean(value: object) -> object:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


# ------------------------------------------------------------------ gold input

def gold_documents(gold: Path, *, split: str | None = None) -> list[dict]:
    """Annotated documents from the corpus folder, a JSONL file, or a gold.json-shaped file."""
    gold = Path(gold)
    if gold.suffix == ".json":
        return _from_gold_json(gold)
    return ann.load_corpus(gold, split=split)


def _from_gold_json(path: Path) -> list[dict]:
    """../shared/eval/gold.json as documents: entities and lists without offsets, metadata."""
    data = json.loads(path.read_text(encoding="utf-8"))
    docs = []
    for g in data["speeches"]:
        source = next((d / g["file"] for d in (path.parent.parent / "speeches", config.RAW_DIR, path.parent)
                       if (d / g["file"]).exists()), path.parent / g["file"])
        docs.append({"text": None, "meta": {"speech_id": Path(g["file"]).stem, "source": str(source),
                                            "split": "dev"},
                     "entities": g.get("entities", []), "ignore": g.get("ignore", []),
                     "lists": g.get("lists", []), "metadata": g.get("metadata", {})})
    return docs


# ------------------------------------------------------------------ running the pipeline

def _metadata_rows(sources: Sequence[Path]) -> pd.DataFrame | None:
    """Rows for `sources` from the metadata.csv beside each of them (as a user's folder has it)."""
    frames = []
    for folder in sorted({s.parent for s in sources}):
        meta = folder / config.METADATA_FILENAME
        if meta.exists():
            df = pd.read_csv(meta, dtype=str, keep_default_na=False)
            names = {s.name for s in sources if s.parent == folder}
            frames.append(df[df["file"].isin(names)])
    return pd.concat(frames, ignore_index=True) if frames else None


def pipeline_tables(sources: Sequence[Path], work_dir: Path) -> dict[str, pd.DataFrame]:
    """Run ingest, entities and features on `sources` in `work_dir`; return their tables.

    The raw folder holds links to the sources (and their metadata.csv rows), so the
    stages read the files exactly as a user's run would; caches under work_dir/interim
    make a second evaluation fast.
    """
    from pipeline import entities, features, ingest
    from pipeline.storage import read_table
    from pipeline.tables import TABLES as DECLARED

    sources = [Path(s).resolve() for s in sources]
    names = [s.name for s in sources]
    if len(set(names)) != len(names):
        raise ValueError("two annotated documents come from files with the same name")
    raw, interim, processed = (Path(work_dir) / d for d in ("raw", "interim", "processed"))
    shutil.rmtree(raw, ignore_errors=True)
    raw.mkdir(parents=True)
    for s in sources:
        (raw / s.name).symlink_to(s)
    meta = _metadata_rows(sources)
    if meta is not None and len(meta):
        meta.to_csv(raw / config.METADATA_FILENAME, index=False)
    for status in (ingest.main(raw, processed, interim_dir=interim),
                   entities.main(processed, processed, interim_dir=interim),
                   features.main(processed, processed, interim_dir=interim)):
        if status:
            raise RuntimeError(f"a pipeline stage failed (exit {status}) on the annotated documents")
    # None: a table this version of the pipeline does not write (declare)
    return {name: read_table(processed, name) if name in DECLARED else None for name in TABLES}


# ------------------------------------------------------------------ scoring

@dataclass
class Result:
    """Totals and per-document figures of one evaluation."""

    entities: dict[str, EntityCounts] = field(default_factory=lambda: {lab: EntityCounts() for lab in LABELS})
    mentions: dict[str, Counts] = field(default_factory=lambda: {lab: Counts() for lab in MENTION_LABELS})
    lists: Counts = field(default_factory=Counts)
    themes: dict[str, Counts] = field(default_factory=dict)
    migration: Counts | None = None
    gcm: dict[int, Counts] = field(default_factory=dict)
    metadata: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0] for k in METADATA_FIELDS})
    documents: list[dict] = field(default_factory=list)
    unaligned: list[str] = field(default_factory=list)
    missing_tables: list[str] = field(default_factory=list)


def _rows(table: pd.DataFrame | None, speech_id: str) -> pd.DataFrame | None:
    return None if table is None else table[table["speech_id"] == speech_id]


def score_document(doc: dict, tables: dict[str, pd.DataFrame | None], result: Result) -> dict:
    """Score one document into `result`; return its own figures."""
    sid = doc["meta"]["speech_id"]
    out: dict = {"speech_id": sid, "split": doc["meta"].get("split"), "source": doc["meta"]["source"]}
    ents = _rows(tables["entities"], sid)
    if "spans" in doc or "entities" in doc:
        gold = {"entities": doc.get("entities") or ann.doc_entities(doc), "ignore": doc.get("ignore", [])}
        # span annotations cover the body text only; gold.json-style entities the whole file
        scored = ents[ents["section"] == "text"] if "spans" in doc else ents
        scores, misses, false = score_speech(scored, gold)
        total = EntityCounts()
        for label, c in scores.items():
            result.entities[label].add(c)
            total.add(c)
        out["entities"] = {**total.as_dict(), "missed": misses, "false": false}
    if "spans" in doc:
        total = Counts()
        for label, c in score_mentions(doc, ents).items():
            result.mentions[label].add(c)
            total.add(c)
        out["mentions"] = total.as_dict()
    if "lists" in doc and tables["priorities"] is not None:
        counts, lines = score_lists(doc["lists"], extracted_lists(_rows(tables["priorities"], sid)))
        result.lists.add(counts)
        out["lists"] = {**counts.as_dict(), "errors": lines}
    if doc.get("sentences"):
        _score_sentences(doc, tables, result, out)
    if "metadata" in doc:
        row = tables["speeches"][tables["speeches"]["speech_id"] == sid]
        fields = score_metadata(doc["metadata"], row.iloc[0].to_dict() if len(row) else {})
        for k, (_, _, ok) in fields.items():
            result.metadata[k][0] += ok
            result.metadata[k][1] += 1
        out["metadata"] = {k: {"gold": g, "predicted": p, "correct": ok} for k, (g, p, ok) in fields.items()}
    return out


def _score_sentences(doc: dict, tables: dict, result: Result, out: dict) -> None:
    sid = doc["meta"]["speech_id"]
    gold = doc["sentences"]
    pred = predicted_by_sentence(gold, _rows(tables["sentence_themes"], sid), "theme")
    per_theme = score_labels([g["themes"] for g in gold], pred, sorted(ann.theme_ids()))
    total = Counts()
    for theme, c in per_theme.items():
        result.themes.setdefault(theme, Counts()).add(c)
        total.add(c)
    out["themes"] = total.as_dict()
    if tables.get("sentences") is not None:
        mig = score_migration(gold, _rows(tables["sentences"], sid))
        result.migration = (result.migration or Counts()).add(mig)
        out["migration"] = mig.as_dict()
    with_gcm = [g for g in gold if "gcm" in g]
    if with_gcm and tables.get("gcm_evidence") is not None:
        pred = predicted_by_sentence(with_gcm, _rows(tables["gcm_evidence"], sid), "objective")
        pred = [{int(x) for x in p} for p in pred]
        for obj, c in score_labels([g["gcm"] for g in with_gcm], pred, range(1, ann.N_GCM_OBJECTIVES + 1)).items():
            result.gcm.setdefault(obj, Counts()).add(c)


def evaluate_documents(docs: Sequence[dict], tables: dict[str, pd.DataFrame | None]) -> Result:
    """Score the documents against the pipeline's tables (texts re-aligned when cleaning changed)."""
    result = Result(missing_tables=[t for t in TABLES if tables.get(t) is None])
    speeches = tables["speeches"]
    by_source = {Path(str(f)).name: sid for f, sid in zip(speeches["source_file"], speeches["speech_id"],
                                                          strict=True)}
    texts = dict(zip(speeches["speech_id"], speeches["text"], strict=True))
    for doc in docs:
        sid = by_source.get(Path(doc["meta"]["source"]).name)
        if sid is None:
            result.unaligned.append(f"{doc['meta']['speech_id']}: the pipeline refused {doc['meta']['source']}")
            continue
        doc = {**doc, "meta": {**doc["meta"], "speech_id": sid}}
        if doc.get("text") is not None:
            doc, lost = ann.realign(doc, texts[sid])
            if lost:
                result.unaligned.append(f"{sid}: {len(lost)} annotation(s) no longer align: {lost[:3]}")
        result.documents.append(score_document(doc, tables, result))
    return result


# ------------------------------------------------------------------ report

def _micro(counts: Iterable[Counts]) -> Counts:
    counts = list(counts)
    total = EntityCounts() if counts and isinstance(counts[0], EntityCounts) else Counts()
    for c in counts:
        total.add(c)
    return total


def summary(result: Result) -> dict:
    """The figures of `result` as plain data (reports/evaluation.json)."""
    themes = {t: c.as_dict() for t, c in sorted(result.themes.items()) if c.tp + c.fp + c.fn}
    return {
        "documents": len(result.documents),
        "entities": {"all": _micro(result.entities.values()).as_dict(),
                     **{k: c.as_dict() for k, c in result.entities.items()}},
        "mentions": {"all": _micro(result.mentions.values()).as_dict(),
                     **{k: c.as_dict() for k, c in result.mentions.items() if c.tp + c.fp + c.fn}},
        "lists": result.lists.as_dict(),
        "themes": {"micro": _micro(result.themes.values()).as_dict(), **themes} if result.themes else None,
        "migration": result.migration.as_dict() if result.migration else None,
        "gcm": ({"micro": _micro(result.gcm.values()).as_dict(),
                 **{str(k): c.as_dict() for k, c in sorted(result.gcm.items()) if c.tp + c.fp + c.fn}}
                if result.gcm else None),
        "metadata": {k: {"correct": ok, "annotated": n, "accuracy": round(ok / n, 4)}
                     for k, (ok, n) in result.metadata.items() if n},
        "unaligned": result.unaligned,
        "not_produced": result.missing_tables,
        "per_document": result.documents,
    }


def format_table(s: dict) -> str:
    """One plain-text table of the totals."""
    lines = [f"{'extraction':<34} {'P':>6} {'R':>6} {'F1':>6} {'n gold':>7}"]

    def row(name: str, d: dict | None) -> None:
        if d and d["tp"] + d["fp"] + d["fn"]:
            lines.append(f"{name:<34} {d['precision']:6.3f} {d['recall']:6.3f} {d['f1']:6.3f} {d['tp'] + d['fn']:7d}")

    row("entities, document level", s["entities"]["all"])
    for label in LABELS:
        row(f"  {label}", s["entities"][label])
    row("entities, mention level", s["mentions"]["all"])
    for label in MENTION_LABELS:
        row(f"  {label}", s["mentions"].get(label))
    row("lists", s["lists"])
    if s["themes"]:
        row("themes (micro), sentence level", s["themes"]["micro"])
        for theme, d in s["themes"].items():
            if theme != "micro":
                row(f"  {theme}", d)
    row("migration flag, sentence level", s["migration"])
    if s["gcm"]:
        row("GCM objectives (micro)", s["gcm"]["micro"])
        for obj, d in s["gcm"].items():
            if obj != "micro":
                row(f"  objective {obj}", d)
    for k, d in s["metadata"].items():
        lines.append(f"{'metadata: ' + k:<34} {'accuracy':>13} {d['accuracy']:6.3f} {d['annotated']:7d}")
    lines.append(f"{s['documents']} documents")
    if s["not_produced"]:
        lines.append(f"not produced by this pipeline: {', '.join(s['not_produced'])}")
    lines += [f"not aligned: {u}" for u in s["unaligned"]]
    return "\n".join(lines)


def errors_text(s: dict) -> str:
    """The misses and false positives of every document, one per line."""
    out = []
    for d in s["per_document"]:
        sid = d["speech_id"]
        out += [f"{sid} missed {m}" for m in d.get("entities", {}).get("missed", [])]
        out += [f"{sid} false {m}" for m in d.get("entities", {}).get("false", [])]
        out += [f"{sid} {m}" for m in d.get("lists", {}).get("errors", [])]
        out += [f"{sid} metadata {k}: gold {v['gold']!r}, predicted {v['predicted']!r}"
                for k, v in d.get("metadata", {}).items() if not v["correct"]]
    return "\n".join(out)


README_START = "<!-- accuracy:start (written by `make accuracy`; do not edit by hand) -->"
README_END = "<!-- accuracy:end -->"


def accuracy_markdown(s: dict) -> str:
    """The README's "How accurate is it" figures: one Markdown table from a summary."""
    rows = [("Entities, document level (PERSON, ORG, AGENDA, EVENT)", s["entities"]["all"])]
    rows += [(f"&nbsp;&nbsp;{label}", s["entities"][label]) for label in LABELS]
    rows += [("Entities, mention level (exact span and label, all labels)", s["mentions"]["all"])]
    rows += [("Priority lists", s["lists"])]
    if s["themes"]:
        rows.append(("Themes, sentence level (micro)", s["themes"]["micro"]))
    if s["migration"]:
        rows.append(("Migration flag, sentence level", s["migration"]))
    if s["gcm"]:
        rows.append(("GCM objectives, sentence level (micro)", s["gcm"]["micro"]))
    lines = [f"Split `{s['split']}`: {s['documents']} annotated documents.", "",
             "| extraction | precision | recall | F1 | gold items |", "|---|---|---|---|---|"]
    lines += [f"| {name} | {d['precision']:.2f} | {d['recall']:.2f} | {d['f1']:.2f} | {d['tp'] + d['fn']} |"
              for name, d in rows if d["tp"] + d["fn"] + d["fp"]]
    if s["metadata"]:
        lines += ["", "| metadata field | accuracy | annotated |", "|---|---|---|"]
        lines += [f"| {k} | {d['accuracy']:.2f} | {d['annotated']} |" for k, d in s["metadata"].items()]
    if s["not_produced"]:
        lines += ["", f"Not yet produced by the pipeline: {', '.join(s['not_produced'])}."]
    return "\n".join(lines)


def update_readme(path: Path, block: str) -> None:
    """Replace the text between the accuracy markers of the README at `path` with `block`."""
    from pipeline.storage import write_text

    text = Path(path).read_text(encoding="utf-8")
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise ValueError(f"{path}: no '{README_START}' ... '{README_END}' block")
    write_text(Path(path), text[:start + len(README_START)] + "\n" + block + "\n" + text[end:])


def main(gold: Path = config.ANNOTATIONS_DIR, *, split: str | None = None, work_dir: Path | None = None,
         out: Path | None = config.EVALUATION_PATH, show_errors: bool = False,
         readme: Path | None = None) -> int:
    """Run the pipeline on the annotated documents and print and save the scores.

    Returns 1 when the gold cannot be read or holds no document of the split.
    """
    from pipeline.storage import write_text

    try:
        docs = gold_documents(Path(gold), split=split)
    except (OSError, ValueError) as err:
        log.error("evaluate: %s", err)
        return 1
    if not docs:
        log.error("evaluate: no annotated document%s in %s", f" of split '{split}'" if split else "", gold)
        return 1
    work_dir = Path(work_dir or config.INTERIM_DIR / "evaluate" / (split or "all"))
    tables = pipeline_tables([ann.source_path(d) if not Path(d["meta"]["source"]).is_absolute()
                              else Path(d["meta"]["source"]) for d in docs], work_dir)
    s = summary(evaluate_documents(docs, tables))
    s["gold"] = str(gold)
    s["split"] = split or "all"
    print(format_table(s))
    if show_errors:
        print(errors_text(s))
    if out is not None:
        write_text(Path(out), json.dumps(s, indent=1, ensure_ascii=False, default=str) + "\n")
    if readme is not None:
        update_readme(readme, accuracy_markdown(s))
    return 0
