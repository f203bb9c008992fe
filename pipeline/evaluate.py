"""Score the entity table (and priority lists) against hand-made gold annotations.

Implements the rules of ../shared/eval/README.md. Per speech, a gold entity is
found when an extracted mention with the same label has the gold canonical
name or an alias as its text or entity name (case-insensitive, whitespace
normalised, leading "the" ignored; for PERSON leading titles are ignored and a
surname-only mention matches the fuller name). An extracted entity (one entity
name with a scored label) matching no gold entity and no `ignore` string is a
false positive; optional gold entities are neither rewarded nor punished.
Counts are summed over speeches. A gold list is found when an extracted list has
as many items and its items start where the gold items start.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline import config

log = logging.getLogger(__name__)

LABELS = ("PERSON", "ORG", "AGENDA", "EVENT")
PRIORITIES_TABLE = "priorities"
TITLE_WORDS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "madam", "president",
    "vice-president", "prime", "minister", "deputy", "ambassador", "king", "queen", "prince",
    "princess", "sheikh", "his", "her", "your", "majesty", "highness", "excellency", "royal",
    "director", "director-general", "general", "secretary-general", "secretary", "dg", "sg",
    "high", "commissioner", "special", "representative", "h.e", "judge", "senator", "chancellor"})


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


@dataclass
class Score:
    """Counts for one label: found gold entities, missed ones, true and false extractions."""

    found: int = 0
    missed: int = 0
    correct: int = 0
    false: int = 0

    def add(self, other: Score) -> None:
        self.found += other.found
        self.missed += other.missed
        self.correct += other.correct
        self.false += other.false

    @property
    def precision(self) -> float:
        return self.correct / (self.correct + self.false) if self.correct + self.false else 0.0

    @property
    def recall(self) -> float:
        return self.found / (self.found + self.missed) if self.found + self.missed else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_speech(rows: pd.DataFrame, gold: dict) -> tuple[dict[str, Score], list[str], list[str]]:
    """Scores per label for one speech, with the missed gold and the false positives."""
    scores = {label: Score() for label in LABELS}
    extracted = extracted_entities(rows)
    required = [g for g in gold["entities"] if not g.get("optional")]
    optional = [g for g in gold["entities"] if g.get("optional")]
    ignore = {norm(x) for x in gold.get("ignore", [])}
    misses, false = [], []
    for g in required:
        if any(matches(x, g) for x in extracted):
            scores[g["label"]].found += 1
        else:
            scores[g["label"]].missed += 1
            misses.append(f"{g['label']}: {g['canonical']}")
    for x in extracted:
        if any(matches(x, g) for g in required):
            scores[x.label].correct += 1
        elif any(matches(x, g) for g in optional) or x.forms & ignore or norm(x.name) in ignore:
            continue
        else:
            scores[x.label].false += 1
            false.append(f"{x.label}: {x.name} ({', '.join(sorted(x.forms))})")
    return scores, misses, false


# ------------------------------------------------------------------ lists

def _item_start(text: str, marker: str | None) -> str:
    t = norm(text)
    if marker and t.startswith(norm(marker)):
        t = t[len(norm(marker)):]
    return t.strip(" ,.;:-–—")


def list_found(gold_list: dict, extracted: list[list[tuple[str, str | None]]]) -> bool:
    """True when some extracted list has the gold list's length and starts each item at the gold item."""
    gold_items = [norm(i) for i in gold_list["items"]]
    for items in extracted:
        if len(items) != len(gold_items):
            continue
        starts = [_item_start(t, m) for t, m in items]
        if all(s.startswith(g) or (s and g.startswith(s)) for s, g in zip(starts, gold_items, strict=True)):
            return True
    return False


def extracted_lists(priorities: pd.DataFrame, speech_id: str) -> list[list[tuple[str, str | None]]]:
    rows = priorities[priorities["speech_id"] == speech_id].sort_values(["list_id", "rank"])
    return [[(str(r.text), r.marker if isinstance(r.marker, str) else None) for r in g.itertuples()]
            for _, g in rows.groupby("list_id", sort=True)]


# ------------------------------------------------------------------ report

def format_scores(scores: dict[str, Score]) -> str:
    total = Score()
    lines = [f"{'label':<8} {'P':>6} {'R':>6} {'F1':>6} {'found':>6} {'missed':>6} {'correct':>7} {'false':>6}"]
    for label in LABELS:
        s = scores[label]
        total.add(s)
        lines.append(f"{label:<8} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.found:6d} {s.missed:6d} "
                     f"{s.correct:7d} {s.false:6d}")
    lines.append(f"{'ALL':<8} {total.precision:6.3f} {total.recall:6.3f} {total.f1:6.3f} {total.found:6d} "
                 f"{total.missed:6d} {total.correct:7d} {total.false:6d}")
    return "\n".join(lines)


def evaluate(entities: pd.DataFrame, speeches: pd.DataFrame, gold: dict,
             priorities: pd.DataFrame | None = None) -> tuple[dict[str, Score], list[str]]:
    """Summed scores per label and the report lines (misses, false positives, lists)."""
    totals = {label: Score() for label in LABELS}
    lines: list[str] = []
    by_file = dict(zip(speeches["source_file"].map(lambda p: Path(str(p)).name), speeches["speech_id"],
                       strict=True))
    lists_found = lists_gold = lists_extracted = 0
    for g in gold["speeches"]:
        speech_id = by_file.get(Path(g["file"]).name)
        if speech_id is None:
            lines.append(f"{g['file']}: not in the speeches table (counted as all missed)")
        rows = entities[entities["speech_id"] == speech_id] if speech_id else entities.iloc[0:0]
        scores, misses, false = score_speech(rows, g)
        for label in LABELS:
            totals[label].add(scores[label])
        lines += [f"{g['file']} missed: {m}" for m in misses]
        lines += [f"{g['file']} false positive: {f}" for f in false]
        if priorities is not None and speech_id:
            found_lists = extracted_lists(priorities, speech_id)
            lists_extracted += len(found_lists)
            for gl in g.get("lists", []):
                lists_gold += 1
                ok = list_found(gl, found_lists)
                lists_found += ok
                if not ok:
                    lines.append(f"{g['file']} missed list of {len(gl['items'])} items")
    if priorities is not None:
        lines.append(f"lists: {lists_found} of {lists_gold} gold lists found; "
                     f"{lists_extracted} lists extracted")
    return totals, lines


def main(processed_dir: Path, gold_path: Path = config.GOLD_PATH) -> int:
    """Print P/R/F1 per label, misses and false positives. Non-zero only on errors."""
    processed_dir = Path(processed_dir)
    try:
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
        entities = pd.read_parquet(processed_dir / f"{config.ENTITIES_TABLE}.parquet")
        speeches = pd.read_parquet(processed_dir / f"{config.SPEECHES_TABLE}.parquet")
    except (OSError, ValueError) as err:
        log.error("evaluate: %s", err)
        return 1
    prio_path = processed_dir / f"{PRIORITIES_TABLE}.parquet"
    priorities = pd.read_parquet(prio_path) if prio_path.exists() else None
    totals, lines = evaluate(entities, speeches, gold, priorities)
    print(format_scores(totals))
    for line in lines:
        print(line)
    return 0
