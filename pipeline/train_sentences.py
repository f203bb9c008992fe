"""`make train`, sentence part: the migration flag's model from the annotated sentences.

    python -m pipeline.train --sentences [--gold DIR] [--models DIR] [--tiny]

The `train` documents of `data/annotations/` whose sentences are annotated give, for each
sentence, the features `pipeline.sentences.cue_features` computes and the gold flag:

1. the local logistic regression (scikit-learn, L2) is fitted on them; its regularisation
   strength is chosen by leave-one-document-out cross-validation on `train`;
2. the transitions of the passage model are counted on the gold flags (within a paragraph,
   across a paragraph break; add-one smoothed);
3. the threshold on the smoothed score is the one that maximises the lower of precision and
   recall over the cross-validated scores of `train` (dev is never used to choose anything);
4. the model is scored on `dev` and written to models/sentences/migration.json with its
   figures, and the card models/sentences/README.md is rewritten.

A logistic regression over three named counts and a 2 x 2 x 2 transition table, stored as
JSON, is the whole model: a reader can see why a sentence is flagged (which cues, which
neighbours), it needs no library at run time beyond NumPy, and with ~1,000 training sentences
it does not overfit the way a bag of words does (on train cross-validation a bag of words
lost 4 to 5 points of precision and recall).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.language import Language

from pipeline import annotations as ann
from pipeline import config
from pipeline.sentences import (
    EVIDENCE_WORDS,
    FEATURES,
    NAME_LABELS,
    MigrationModel,
    ThemeClassifier,
    cue_features,
    lexicon_hits,
    load_cues,
    local_probability,
    new_paragraph,
    passage_probability,
    sentence_words,
    theme_features,
)
from pipeline.storage import write_text
from pipeline.themes import Lexicon, load_lexicon, sentence_index

log = logging.getLogger(__name__)

C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
THRESHOLDS = np.round(np.arange(0.05, 0.951, 0.025), 3)
TINY_DOCS = 2
CARD_NAME = "README.md"
# Theme classifiers: tried for the themes with at least MIN_THEME_POSITIVES train sentences, kept
# when cross-validation shows them beating the lexicon's F1 by MIN_F1_GAIN.
THEME_C_GRID = (1.0, 3.0, 10.0)
THEME_THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8)
MIN_THEME_POSITIVES = 30
MIN_F1_GAIN = 0.02
WEIGHT_DIGITS = 4
MIN_WEIGHT = 0.01  # smaller weights are left out of the stored model (and of its dev figures)


@dataclass(frozen=True)
class Annotated:
    """One annotated document's sentences: features, gold flags, paragraph breaks."""

    speech_id: str
    split: str
    X: np.ndarray
    y: np.ndarray
    breaks: np.ndarray


def annotated_documents(docs: Iterable[dict], nlp: Language, interim_dir: Path) -> list[Annotated]:
    """Features and gold flags of the documents with annotated sentences (every sentence
    annotated; sentences marked `?` left out of the features' document would shift the
    context, so documents with any are skipped with a warning)."""
    from pipeline.nlp import parsed_docs

    docs = [d for d in docs if d.get("sentences")]
    cues = load_cues(nlp)
    out = []
    for d, doc in zip(docs, parsed_docs([d["text"] for d in docs], interim_dir, nlp=nlp), strict=True):
        gold = sorted(d["sentences"], key=lambda s: s["start"])
        bounds = []
        for s in gold:
            span = doc.char_span(s["start"], s["end"], alignment_mode="expand")
            bounds.append((span.start, span.end))
        X = cue_features(doc, bounds, cues.matches(doc))
        out.append(Annotated(d["meta"]["speech_id"], d["meta"]["split"], X,
                             np.asarray([bool(s["migration"]) for s in gold]),
                             new_paragraph(doc.text, [s["start"] for s in gold])))
    return out


def count_transitions(items: Sequence[Annotated]) -> np.ndarray:
    """P(flag b | previous flag a), across a paragraph break [0] and within a paragraph [1]."""
    counts = np.ones((2, 2, 2))
    for it in items:
        for i in range(1, len(it.y)):
            counts[int(not it.breaks[i]), int(it.y[i - 1]), int(it.y[i])] += 1
    return counts / counts.sum(axis=2, keepdims=True)


def fit(items: Sequence[Annotated], *, C: float, threshold: float = 0.5) -> MigrationModel:
    """The migration model fitted on `items`."""
    from sklearn.linear_model import LogisticRegression

    X = np.vstack([it.X for it in items])
    y = np.concatenate([it.y for it in items])
    lr = LogisticRegression(C=C, max_iter=10_000).fit(X, y)
    trans = count_transitions(items)
    return MigrationModel(coef=tuple(round(float(c), 6) for c in lr.coef_[0]),
                          intercept=round(float(lr.intercept_[0]), 6), prior=round(float(y.mean()), 6),
                          transitions=tuple(tuple(tuple(round(float(x), 6) for x in row) for row in block)
                                            for block in trans),
                          threshold=threshold)


def scores(item: Annotated, model: MigrationModel) -> np.ndarray:
    """The smoothed migration score of each sentence of `item`."""
    return passage_probability(local_probability(item.X, model), item.breaks, model)


def cross_validated(items: Sequence[Annotated], *, C: float) -> tuple[np.ndarray, np.ndarray]:
    """Gold flags and leave-one-document-out scores over `items`."""
    out = [scores(it, fit([o for o in items if o is not it], C=C)) for it in items]
    return np.concatenate([it.y for it in items]), np.concatenate(out)


def prf(y: np.ndarray, flags: np.ndarray) -> dict:
    """Precision, recall, F1 and counts of `flags` against gold `y`."""
    tp, fp, fn = int((y & flags).sum()), int((~y & flags).sum()), int((y & ~flags).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "tp": tp, "fp": fp, "fn": fn}


def best_threshold(y: np.ndarray, s: np.ndarray) -> tuple[float, dict]:
    """The threshold that maximises min(precision, recall) (then F1, then the higher threshold)."""
    def key(t: float) -> tuple:
        f = prf(y, s >= t)
        return min(f["p"], f["r"]), f["f1"], t

    t = max(THRESHOLDS.tolist(), key=key)
    return t, prf(y, s >= t)


def train_migration(items: Sequence[Annotated]) -> MigrationModel:
    """Choose C and the threshold by cross-validation on the `train` items, fit on all of them,
    score on the `dev` items; the figures go into the model's `facts`."""
    train = [it for it in items if it.split == "train"]
    dev = [it for it in items if it.split == "dev"]
    if len(train) < 2:
        raise SystemExit("train: fewer than two train documents with annotated sentences")
    cv = {}
    for C in C_GRID:
        y, s = cross_validated(train, C=C)
        cv[C] = best_threshold(y, s)
    C = max(C_GRID, key=lambda c: (min(cv[c][1]["p"], cv[c][1]["r"]), cv[c][1]["f1"]))
    threshold, cv_scores = cv[C]
    model = fit(train, C=C, threshold=threshold)
    facts = {"C": C, "train_documents": len(train), "train_sentences": int(sum(len(it.y) for it in train)),
             "train_migration": int(sum(it.y.sum() for it in train)), "cv": cv_scores,
             "dev_documents": len(dev), "dev_sentences": int(sum(len(it.y) for it in dev)),
             "dev_migration": int(sum(it.y.sum() for it in dev))}
    if dev:
        y = np.concatenate([it.y for it in dev])
        facts["dev"] = prf(y, np.concatenate([scores(it, model) for it in dev]) >= threshold)
    return MigrationModel(model.coef, model.intercept, model.prior, model.transitions, threshold, facts)


# ------------------------------------------------------------------ theme classifiers

@dataclass(frozen=True)
class ThemeDocument:
    """One annotated document's sentences for the theme classifiers: features, the themes the
    lexicon gives (in context), gold themes, predicted migration flags."""

    speech_id: str
    split: str
    features: list[dict[str, float]]
    lexicon: list[set[str]]
    gold: list[set[str]]
    migration: list[bool]


def theme_documents(docs: Sequence[dict], items: Sequence[Annotated], nlp: Language, interim_dir: Path,
                    model: MigrationModel, themes: Lexicon) -> list[ThemeDocument]:
    """ThemeDocuments of `docs` (those with annotated sentences, in the order of `items`); names
    are the gold organisation, agenda and event spans, flags the migration model's."""
    from pipeline.nlp import parsed_docs

    docs = [d for d in docs if d.get("sentences")]
    needs = {c.id for c in themes.categories.values() if c.context == "migration"}
    out = []
    parsed = parsed_docs([d["text"] for d in docs], interim_dir, nlp=nlp)
    for d, doc, item in zip(docs, parsed, items, strict=True):
        gold = sorted(d["sentences"], key=lambda g: g["start"])
        bounds = [(sp.start, sp.end) for sp in (doc.char_span(g["start"], g["end"], alignment_mode="expand")
                                               for g in gold)]
        names = [(sp["start"], sp["end"]) for sp in d.get("spans", []) if sp["label"] in NAME_LABELS]
        hits = lexicon_hits(themes, doc, names)
        flags = (scores(item, model) >= model.threshold).tolist()
        sent_of = sentence_index(bounds, len(doc))
        by_sentence: list[list] = [[] for _ in bounds]
        for m in hits:
            by_sentence[sent_of[m.start]].append(m)
        out.append(ThemeDocument(
            d["meta"]["speech_id"], d["meta"]["split"],
            [theme_features(w, h, f) for w, h, f in zip(sentence_words(doc, bounds), by_sentence, flags, strict=True)],
            [{m.category for m in h if m.category not in needs or f} for h, f in zip(by_sentence, flags, strict=True)],
            [set(g["themes"]) for g in gold], flags))
    return out


def _fit_theme(docs: Sequence[ThemeDocument], theme: str, C: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    X = vec.fit_transform([f for d in docs for f in d.features])
    y = np.asarray([theme in g for d in docs for g in d.gold])
    return vec, LogisticRegression(C=C, max_iter=5000).fit(X, y)


def _probabilities(fitted, doc: ThemeDocument) -> np.ndarray:
    vec, lr = fitted
    return lr.predict_proba(vec.transform(doc.features))[:, 1]


def theme_prf(docs: Sequence[ThemeDocument], theme: str, probs: Sequence[np.ndarray] | None, threshold: float,
              *, context: bool) -> dict:
    """P/R/F1 of `theme`: the lexicon's, or with `probs` the lexicon's or the classifier's (a
    migration-context theme only in migration sentences)."""
    y, pred = [], []
    for k, d in enumerate(docs):
        for i, gold in enumerate(d.gold):
            hit = theme in d.lexicon[i]
            if probs is not None and (d.migration[i] or not context):
                hit = hit or probs[k][i] >= threshold
            y.append(theme in gold)
            pred.append(hit)
    return prf(np.asarray(y), np.asarray(pred))


def choose_theme_classifier(docs: Sequence[ThemeDocument], theme: str, *, context: bool) -> dict | None:
    """Leave-one-document-out CV over C and the threshold (best F1: unlike the migration flag, a
    theme starts from a lexicon whose precision is already high, and F1 weighs what the
    classifier adds against what it costs); the choice (C, threshold, CV figures with and
    without the classifier) when it beats the lexicon's F1 by MIN_F1_GAIN, else None."""
    lexicon = theme_prf(docs, theme, None, 1.0, context=context)
    best = None
    for C in THEME_C_GRID:
        oof = [_probabilities(_fit_theme([o for o in docs if o is not d], theme, C), d) for d in docs]
        for t in THEME_THRESHOLDS:
            f = theme_prf(docs, theme, oof, t, context=context)
            key = (f["f1"], min(f["p"], f["r"]))
            if best is None or key > best[0]:
                best = (key, {"C": C, "threshold": t, "cv": f, "cv_lexicon": lexicon})
    return best[1] if best and best[1]["cv"]["f1"] >= lexicon["f1"] + MIN_F1_GAIN else None


def train_theme_classifiers(docs: Sequence[ThemeDocument], themes: Lexicon) -> tuple[list[ThemeClassifier], dict]:
    """The kept classifiers, fitted on the `train` documents, and the facts for the card."""
    train = [d for d in docs if d.split == "train"]
    dev = [d for d in docs if d.split == "dev"]
    kept, facts = [], {"tried": {}, "kept": {}}
    for theme, cat in themes.categories.items():
        positives = sum(theme in g for d in train for g in d.gold)
        if positives < MIN_THEME_POSITIVES:
            continue
        context = cat.context == "migration"
        choice = choose_theme_classifier(train, theme, context=context)
        facts["tried"][theme] = positives
        if choice is None:
            continue
        vec, lr = _fit_theme(train, theme, choice["C"])
        weights = {name: round(float(w), WEIGHT_DIGITS) for name, w in zip(vec.feature_names_, lr.coef_[0], strict=True)
                   if abs(w) >= MIN_WEIGHT}
        clf = ThemeClassifier(theme, round(float(lr.intercept_[0]), WEIGHT_DIGITS), weights, choice["threshold"])
        if dev:
            probs = [np.asarray([clf.score(f) for f in d.features]) for d in dev]
            choice["dev"] = theme_prf(dev, theme, probs, clf.threshold, context=context)
            choice["dev_lexicon"] = theme_prf(dev, theme, None, 1.0, context=context)
        kept.append(clf)
        facts["kept"][theme] = choice
    return kept, facts


def themes_json(classifiers: Sequence[ThemeClassifier], facts: dict) -> dict:
    """The JSON form of models/sentences/themes.json."""
    return {"features": "w=<lemma> (binary), lex=<theme> (log(1 + lexicon hits)), migration (flag)",
            "themes": {c.theme: {"intercept": c.intercept, "threshold": c.threshold,
                                 "weights": dict(sorted(c.weights.items()))} for c in classifiers},
            "facts": facts}


def theme_card(facts: dict) -> str:
    """The card's section on the theme classifiers."""
    def cell(f: dict) -> str:
        return f"{f['p']:.3f} / {f['r']:.3f} / {f['f1']:.3f}"

    rows = "\n".join(f"| `{t}` | {c['C']} | {c['threshold']} | {cell(c['cv_lexicon'])} | {cell(c['cv'])} | "
                     f"{cell(c['dev_lexicon']) if 'dev' in c else '-'} | {cell(c['dev']) if 'dev' in c else '-'} |"
                     for t, c in facts["kept"].items())
    tried = ", ".join(f"`{t}` ({n})" for t, n in facts["tried"].items())
    return f"""
## `themes.json`: theme classifiers beside the lexicon

A theme is given by its lexicon terms (`pipeline/resources/themes.yaml`); for the themes
below, a logistic regression over the sentence's words (content lemmas), its lexicon hits and
its migration flag may also give it, when its score reaches the threshold. Its evidence in
`sentence_themes` is then the sentence's {EVIDENCE_WORDS} words that weigh most for the theme (`source`
`classifier`); lexicon matches stay the evidence wherever there are any.

`make train` tries a classifier for each theme with at least {MIN_THEME_POSITIVES} `train`
sentences ({tried}), chooses C and the threshold by leave-one-document-out cross-validation on
`train` (best F1), and keeps it only when its
cross-validated F1 beats the lexicon's by {MIN_F1_GAIN}. Precision / recall / F1 of the theme:

| theme | C | threshold | CV, lexicon | CV, lexicon + classifier | dev, lexicon | dev, lexicon + classifier |
|---|---|---|---|---|---|---|
{rows}

For the other themes the classifier did not beat the lexicon, which stays their only source.
"""


def model_card(model: MigrationModel, theme_facts: dict | None = None) -> str:
    """models/sentences/README.md from the models' facts."""
    f = model.facts
    weights = "\n".join(f"| {name} | {c:+.3f} |" for name, c in zip(FEATURES, model.coef, strict=True))
    t = model.transitions
    dev = f.get("dev") or {}
    dev_line = (f"precision {dev['p']:.3f}, recall {dev['r']:.3f}, F1 {dev['f1']:.3f} "
                f"({dev['tp']} found, {dev['fp']} false, {dev['fn']} missed)") if dev else "no dev documents"
    cv = f["cv"]
    return f"""# Sentence classifiers

## `migration.json`: the migration flag

Whether a sentence is about migration, refugees, displacement, trafficking in persons or
smuggling of migrants, judged with its paragraph (the annotation guide,
`data/annotations/README.md`). Applied by `pipeline/sentences.py`, trained by
`pipeline/train_sentences.py` (`make train`) on {f['train_documents']} `train` documents
({f['train_sentences']} sentences, {f['train_migration']} about migration); scored on
{f['dev_documents']} `dev` documents ({f['dev_sentences']} sentences, {f['dev_migration']} about migration).

1. Local evidence: a logistic regression (C = {f['C']}) over the sentence's own features
   (counts of the cues in `pipeline/resources/migration.yaml`, log(1 + n); a fragment of fewer
   than 7 words), intercept {model.intercept:+.3f}:

| feature | weight |
|---|---|
{weights}

2. Passage: a two-state hidden Markov model over the speech's sentences (forward-backward),
   prior {model.prior:.3f}, transitions counted on the annotations:

| | P(migration after migration) | P(migration after other) |
|---|---|---|
| within a paragraph | {t[1][1][1]:.3f} | {t[1][0][1]:.3f} |
| across a paragraph break | {t[0][1][1]:.3f} | {t[0][0][1]:.3f} |

3. A sentence is flagged when its passage probability (`migration_score`) is at least
   {model.threshold:.3f}, the threshold that maximises the lower of precision and recall in
   leave-one-document-out cross-validation on `train`.

| | precision | recall | F1 |
|---|---|---|---|
| `train`, cross-validated | {cv['p']:.3f} | {cv['r']:.3f} | {cv['f1']:.3f} |
| `dev` | {dev.get('p', float('nan')):.3f} | {dev.get('r', float('nan')):.3f} | {dev.get('f1', float('nan')):.3f} |

Dev: {dev_line}. A test checks that the shipped model still gives these dev figures.

Why this model: a few named weights and a transition table that a reader can check, no
library beyond NumPy at run time, and on ~1,000 training sentences a bag of words overfits
(it lost 4 to 5 points of cross-validated precision and recall). Retrain after editing the
cues or the annotations: `make train`, then `make evaluate SPLIT=dev`.
""" + (theme_card(theme_facts) if theme_facts else "")


def main(gold: Path = config.ANNOTATIONS_DIR, models: Path = config.SENTENCE_MODELS_DIR, *,
         interim_dir: Path = config.INTERIM_DIR, tiny: bool = False) -> int:
    """Train the sentence classifiers and (unless `tiny`) install them; return the exit status."""
    from pipeline.nlp import load_model

    start = time.perf_counter()
    docs = ann.load_corpus(Path(gold))
    if tiny:
        docs = [d for d in docs if d.get("sentences") and d["meta"]["split"] == "train"][:TINY_DOCS] + \
            [d for d in docs if d.get("sentences") and d["meta"]["split"] == "dev"][:1]
    nlp = load_model()
    items = annotated_documents(docs, nlp, Path(interim_dir))
    model = train_migration(items)
    themes = load_lexicon(nlp)
    theme_docs = theme_documents(docs, items, nlp, Path(interim_dir), model, themes)
    classifiers, theme_facts = train_theme_classifiers(theme_docs, themes)
    seconds = time.perf_counter() - start
    cv, dev = model.facts["cv"], model.facts.get("dev", {})
    log.info("train: migration flag: cv P %.3f R %.3f, dev P %.3f R %.3f, threshold %.3f, %.0f s",
             cv["p"], cv["r"], dev.get("p", float("nan")), dev.get("r", float("nan")), model.threshold, seconds)
    for theme, c in theme_facts["kept"].items():
        log.info("train: theme classifier %s: cv F1 %.3f (lexicon %.3f), threshold %.2f", theme, c["cv"]["f1"],
                 c["cv_lexicon"]["f1"], c["threshold"])
    if tiny:
        return 0
    models = Path(models)
    write_text(models / config.MIGRATION_MODEL_PATH.name, json.dumps(model.to_dict(), indent=1) + "\n")
    write_text(models / config.THEME_MODEL_PATH.name,
               json.dumps(themes_json(classifiers, theme_facts), indent=1, ensure_ascii=False) + "\n")
    write_text(models / CARD_NAME, model_card(model, theme_facts))
    return 0


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.train --sentences",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=config.ANNOTATIONS_DIR)
    parser.add_argument("--models", type=Path, default=config.SENTENCE_MODELS_DIR)
    parser.add_argument("--interim", type=Path, default=config.INTERIM_DIR)
    parser.add_argument("--tiny", action="store_true", help="train on a small sample; installs nothing")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    return main(args.gold, args.models, interim_dir=args.interim, tiny=args.tiny)


if __name__ == "__main__":
    sys.exit(cli())
