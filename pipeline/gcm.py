"""Global Compact for Migration objectives and SDG targets, each found by its own evidence.

Every objective of the Compact (A/RES/73/195) and every migration-related SDG target
(A/RES/70/1) has its evidence in pipeline/resources/frameworks.yaml: the terms that show a
sentence addresses it, written from the objective's own subject (smuggling of migrants for
objective 9, trafficking in persons for 10, return, readmission and reintegration for 21 ...),
with `exclude` terms for the senses that are not it ("drug trafficking"). They are matched
like the theme lexicon (pipeline/themes.py's `Lexicon`: lemmas and word forms, exclusions)
and with the same sense handling as the themes: a term counts only in a sentence about
migration (the migration flag, pipeline/sentences.py) and not inside the name of an
organisation, agenda or event unless it is the whole name.

Where `make train` keeps one (models/sentences/gcm.json, only for the objectives where
cross-validation on the `train` annotations shows it helping), a logistic regression over the
sentence's words, the objectives' term hits in it and in its neighbours may also give an
objective to a migration sentence; its evidence is then the sentence's words that weigh most.

An objective's figures come only from its evidence sentences: `gcm_evidence` keeps one row per
(speech, sentence, objective) with the matched terms, and `gcm_objectives` counts them per
speech (`sentences`, their `share` of the speech's migration sentences, and per 1,000 words).
The themes an objective relates to are listed in the resource for the reader only. The SDG
targets work the same way (`sdg_evidence`, `sdg_targets`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import config
from pipeline.sentences import ThemeClassifier, new_paragraph, outside_names, sentence_words, weighty_words
from pipeline.themes import (
    Category,
    Lexicon,
    Match,
    build_lexicon,
    load_categories,
    sentence_index,
    sentence_rows,
)

OBJECTIVES = "gcm_objectives"
TARGETS = "sdg_targets"


@dataclass(frozen=True)
class FrameworkItem:
    """A GCM objective or SDG target: its key (objective number, target "10.7"), title, short
    name, and the themes it relates to (for the reader; they play no part in its score)."""

    key: int | str
    title: str
    short: str = ""
    themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Framework:
    """The objectives (or targets) of one framework and the compiled lexicon of their evidence.

    `section` is the resource's section and the summary table's name, `evidence` the evidence
    table's name, `key_name` the column that holds an item's key in both.
    """

    section: str
    evidence: str
    key_name: str
    items: tuple[FrameworkItem, ...]
    lexicon: Lexicon
    classifiers: tuple = ()

    def key(self, category: str) -> int | str:
        """The item key of a lexicon category id ("9" -> 9 for an objective)."""
        return int(category) if self.key_name == "objective" else category


# Per framework section: the evidence table, the key column, the field holding the key.
SECTIONS = {OBJECTIVES: ("gcm_evidence", "objective", "number"),
            TARGETS: ("sdg_evidence", "target", "target")}


def load_items(path: Path = config.FRAMEWORK_LINKS_PATH, section: str = OBJECTIVES) -> list[tuple[FrameworkItem, Category]]:
    """The items of `section` with their evidence as a lexicon category (id: the key as text,
    context: migration).

    Raises ValueError when an item has no terms, a key repeats, or it lists an unknown theme.
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    _, key_name, field_name = SECTIONS[section]
    known = {c.id for c in load_categories(config.THEMES_PATH)}
    seen: set[str] = set()
    out = []
    for entry in data.get(section) or []:
        key = int(entry[field_name]) if key_name == "objective" else str(entry[field_name])
        terms = tuple(str(t) for t in entry.get("terms") or [])
        themes = tuple(entry.get("themes") or [])
        if not terms or str(key) in seen or not set(themes) <= known:
            raise ValueError(f"{path}: {section} {key}: needs terms, a unique key and known themes "
                             f"(unknown: {sorted(set(themes) - known)})")
        seen.add(str(key))
        item = FrameworkItem(key, entry["title"], entry.get("short") or "", themes)
        out.append((item, Category(id=str(key), label=entry.get("short") or entry["title"], terms=terms,
                                   exclude=tuple(str(t) for t in entry.get("exclude") or []),
                                   context="migration")))
    return out


def load_framework(nlp: Language, section: str = OBJECTIVES, *, path: Path = config.FRAMEWORK_LINKS_PATH,
                   classifiers: Sequence = ()) -> Framework:
    """The items of `section` and their compiled evidence (and learned `classifiers`)."""
    pairs = load_items(path, section)
    evidence, key_name, _ = SECTIONS[section]
    return Framework(section, evidence, key_name, tuple(i for i, _ in pairs),
                     build_lexicon([c for _, c in pairs], nlp), tuple(classifiers))


# ------------------------------------------------------------------ evidence

def term_hits(doc: Doc, framework: Framework, *, names: Sequence[tuple[int, int]] = ()) -> list[Match]:
    """The evidence terms of every item found in `doc`, those inside `names` (character spans of
    organisation, agenda and event names) dropped unless they are the whole name."""
    return outside_names(framework.lexicon.matches(doc), names)


def in_migration(matches: Sequence[Match], bounds: Sequence[tuple[int, int]], flags: Sequence[bool],
                 n_tokens: int) -> list[Match]:
    """`matches` in the sentences (`bounds`, token ranges) flagged as about migration."""
    sent_of = sentence_index(bounds, n_tokens)
    return [m for m in matches if flags[sent_of[m.start]]]


def find_evidence(doc: Doc, bounds: Sequence[tuple[int, int]], flags: Sequence[bool], framework: Framework, *,
                  names: Sequence[tuple[int, int]] = ()) -> list[Match]:
    """Every item's evidence in the migration sentences of `doc`: its terms, and the words of a
    learned classifier's sentences (source CLASSIFIER_SOURCE)."""
    hits = term_hits(doc, framework, names=names)
    learned = classifier_matches(doc, bounds, flags, hits, framework) if framework.classifiers else []
    return sorted(in_migration(hits, bounds, flags, len(doc)) + learned, key=lambda m: (m.start, m.end))


def evidence_rows(speech_id: str, doc: Doc, bounds: Sequence[tuple[int, int]], matches: Sequence[Match],
                  framework: Framework) -> list[dict]:
    """Rows of the evidence table: one per (sentence, item) with the matched terms (or a
    classifier's words) and the sentence."""
    rows = sentence_rows(speech_id, doc, matches, bounds=bounds)
    return [{"speech_id": r["speech_id"], "sentence_id": r["sentence_id"], "start_char": r["start_char"],
             "end_char": r["end_char"], framework.key_name: framework.key(r["theme"]),
             "matched_terms": r["matched_terms"], "source": r["source"], "sentence": r["sentence"]}
            for r in rows]


def summary_rows(speech_id: str, evidence: Sequence[dict], framework: Framework, *, n_migration: int,
                 n_words: int) -> list[dict]:
    """One row per item (zeros included): its evidence sentences, their share of the speech's
    `n_migration` migration sentences, and per 1,000 words."""
    counts: dict = {}
    for row in evidence:
        counts[row[framework.key_name]] = counts.get(row[framework.key_name], 0) + 1
    return [{"speech_id": speech_id, framework.key_name: item.key, "title": item.title,
             "sentences": counts.get(item.key, 0),
             "share": counts.get(item.key, 0) / n_migration if n_migration else 0.0,
             "per_1000_words": 1000.0 * counts.get(item.key, 0) / n_words if n_words else 0.0}
            for item in framework.items]


# ------------------------------------------------------------------ learned objectives

def load_classifiers(path: Path = config.GCM_MODEL_PATH) -> tuple[ThemeClassifier, ...]:
    """The shipped objective classifiers (models/sentences/gcm.json; `make train` keeps one only
    for the objectives where it beats their terms in cross-validation on `train`): the theme
    classifiers' logistic form (`sentences.ThemeClassifier`), keyed by the objective's category
    id ("2"). None when the file does not exist."""
    if not Path(path).exists():
        return ()
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return tuple(ThemeClassifier.from_dict(key, c) for key, c in data["objectives"].items())


def objective_features(words: Sequence[dict[str, list[int]]], hits: Sequence[Sequence[Match]],
                       flags: Sequence[bool], paragraph_break: Sequence[bool]) -> list[dict[str, float]]:
    """Per sentence, the objective classifiers' features: its content lemmas (`w=<lemma>`), the
    objectives' term hits in it (`lex=<key>`, log(1 + n)) and whether a migration sentence next to
    it in the same paragraph has a term of the objective (`near=<key>`: a passage on trafficking
    goes on about trafficking)."""
    out = []
    for i, sentence in enumerate(words):
        features = {f"w={w}": 1.0 for w in sentence}
        counts: dict[str, int] = {}
        for m in hits[i]:
            counts[m.category] = counts.get(m.category, 0) + 1
        features.update({f"lex={k}": float(np.log1p(n)) for k, n in counts.items()})
        for j in (i - 1, i + 1):
            if 0 <= j < len(words) and flags[j] and not paragraph_break[max(i, j)]:
                features.update({f"near={m.category}": 1.0 for m in hits[j]})
        out.append(features)
    return out


def sentence_features(doc: Doc, bounds: Sequence[tuple[int, int]], flags: Sequence[bool],
                      hits: Sequence[Match]) -> tuple[list[dict[str, list[int]]], list[list[Match]], list[dict[str, float]]]:
    """Each sentence's content lemmas, its term hits and its classifier features."""
    words = sentence_words(doc, bounds)
    sent_of = sentence_index(bounds, len(doc))
    by_sentence: list[list[Match]] = [[] for _ in bounds]
    for m in hits:
        by_sentence[sent_of[m.start]].append(m)
    breaks = new_paragraph(doc.text, [doc[s].idx for s, _ in bounds])
    return words, by_sentence, objective_features(words, by_sentence, flags, breaks)


def classifier_matches(doc: Doc, bounds: Sequence[tuple[int, int]], flags: Sequence[bool], hits: Sequence[Match],
                       framework: Framework) -> list[Match]:
    """Objectives the classifiers give to migration sentences without a term of theirs, each as
    the sentence's words that weigh most for it (source CLASSIFIER_SOURCE)."""
    words, by_sentence, features = sentence_features(doc, bounds, flags, hits)
    out = []
    for i, feats in enumerate(features):
        if not flags[i]:
            continue
        for c in framework.classifiers:
            if all(m.category != c.theme for m in by_sentence[i]) and c.score(feats) >= c.threshold:
                out.extend(weighty_words(doc, words[i], c))
    return out


# ------------------------------------------------------------------ per speech

def load_frameworks(nlp: Language) -> tuple[Framework, Framework]:
    """The GCM objectives (with the shipped classifiers, models/sentences/gcm.json, when there
    are any) and the SDG targets."""
    return (load_framework(nlp, OBJECTIVES, classifiers=load_classifiers()), load_framework(nlp, TARGETS))


def speech_rows(speech_id: str, doc: Doc, bounds: Sequence[tuple[int, int]], flags: Sequence[bool],
                frameworks: Sequence[Framework], *, names: Sequence[tuple[int, int]] = (),
                n_words: int) -> dict[str, list[dict]]:
    """The speech's rows of each framework's evidence and summary tables, by table name."""
    n_migration = int(sum(flags))
    out: dict[str, list[dict]] = {}
    for fw in frameworks:
        evidence = evidence_rows(speech_id, doc, bounds, find_evidence(doc, bounds, flags, fw, names=names), fw)
        out[fw.evidence] = evidence
        out[fw.section] = summary_rows(speech_id, evidence, fw, n_migration=n_migration, n_words=n_words)
    return out
