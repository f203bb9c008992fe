"""`make train`, sentence part: the migration flag's model, the theme classifiers and the GCM
objective classifiers (pipeline/train_gcm.py) from the annotated sentences.

    python -m pipeline.train --sentences [--gold DIR] [--models DIR] [--tiny]

The `train` documents of `data/annotations/` whose sentences are annotated give, for each
sentence, the features `pipeline.sentences.cue_features` computes and the gold flag:

1. the local logistic regression (scikit-learn, L2) is fitted on them: the named cue
   features with C = CUE_C, the sentence's content lemmas more strongly regularised (C_words,
   chosen by cross-validation by document on `train`: FOLDS folds of whole documents);
2. the passage model's transitions are a logistic regression fitted on the gold flags of
   consecutive sentences: the previous flag, same paragraph or not, and the speech's density
   (the mean local probability of its sentences);
3. the threshold on the smoothed score is the one that maximises the lower of precision and
   recall over the cross-validated scores of `train` (dev is never used to choose anything);
4. the model is scored on `dev` and written to models/sentences/migration.json with its
   figures, and the card models/sentences/README.md is rewritten.

The model is stored as JSON and a reader can see why a sentence is flagged (which cues, which
words, which neighbours); it needs no library at run time beyond NumPy. Words were left out
while there were ~1,000 training sentences (a bag of words alone lost 4 to 5 points); with
2,578, words beside the cues, regularised more strongly than them, gain 2 to 3 points of
cross-validated precision and recall, and most of it on General Debate speeches, where a
migration paragraph's flag used to spill over into its neighbours.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
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
    flag_scores,
    lexicon_hits,
    load_cues,
    local_probability,
    neighbour_hits,
    new_paragraph,
    sentence_words,
    speech_transitions,
    theme_features,
    transition_inputs,
)
from pipeline.storage import write_text
from pipeline.themes import Lexicon, load_lexicon, sentence_index

log = logging.getLogger(__name__)

CUE_C = 30.0  # the cue features' C (chosen by cross-validation among 0.3 ... 100 before words joined)
C_WORDS_GRID = (0.03, 0.1, 0.3, 1.0)
TRANSITION_C = 1.0
FOLDS = 11  # cross-validation by document: document k goes to fold k % FOLDS
THRESHOLDS = np.round(np.arange(0.05, 0.951, 0.025), 3)
TINY_DOCS = 2
CARD_NAME = "README.md"
# Theme classifiers: tried for the themes with at least MIN_THEME_POSITIVES train sentences, kept
# when cross-validation shows them beating the lexicon's F1 by MIN_F1_GAIN.
THEME_C_GRID = (0.3, 1.0, 3.0)
THEME_THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)
MIN_THEME_POSITIVES = 30
MIN_F1_GAIN = 0.005
WEIGHT_DIGITS = 4
MIN_WEIGHT = 0.01  # smaller weights are left out of the stored model (and of its dev figures)
CARD_WORDS = 8
CARD_DENSITIES = (0.25, 0.55)


@dataclass(frozen=True)
class Annotated:
    """One annotated document's sentences: features, gold flags, paragraph breaks."""

    speech_id: str
    split: str
    X: np.ndarray
    y: np.ndarray
    breaks: np.ndarray
    words: tuple[tuple[str, ...], ...] = ()


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
                             new_paragraph(doc.text, [s["start"] for s in gold]),
                             tuple(tuple(w) for w in sentence_words(doc, bounds))))
    return out


def count_transitions(items: Sequence[Annotated]) -> np.ndarray:
    """P(flag b | previous flag a), across a paragraph break [0] and within a paragraph [1]."""
    counts = np.ones((2, 2, 2))
    for it in items:
        for i in range(1, len(it.y)):
            counts[int(not it.breaks[i]), int(it.y[i - 1]), int(it.y[i])] += 1
    return counts / counts.sum(axis=2, keepdims=True)


def fit(items: Sequence[Annotated], *, C: float = CUE_C, C_words: float | None = None,
        threshold: float = 0.5) -> MigrationModel:
    """The migration model fitted on `items`: cue features with `C`, content words (when
    `C_words` is given) as if with C_words; the transitions depend on the speech's density."""
    import scipy.sparse as sp
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    X = sp.csr_matrix(np.vstack([it.X for it in items]))
    vec = DictVectorizer()
    if C_words is not None:
        # Scaling a column by s regularises its weight as C * s^2 would: words as with C_words.
        scale = np.sqrt(C_words / C)
        W = vec.fit_transform([dict.fromkeys(ws, 1.0) for it in items for ws in it.words])
        X = sp.hstack([X, W * scale]).tocsr()
    y = np.concatenate([it.y for it in items])
    lr = LogisticRegression(C=C, max_iter=10_000).fit(X, y)
    coef = lr.coef_[0]
    words = {} if C_words is None else {
        w: round(float(c * scale), WEIGHT_DIGITS) for w, c in zip(vec.feature_names_, coef[len(FEATURES):], strict=True)
        if abs(c * scale) >= MIN_WEIGHT}
    local = MigrationModel(coef=tuple(round(float(c), 6) for c in coef[:len(FEATURES)]),
                           intercept=round(float(lr.intercept_[0]), 6), prior=round(float(y.mean()), 6),
                           transitions=tuple(tuple(tuple(round(float(x), 6) for x in row) for row in block)
                                             for block in count_transitions(items)),
                           threshold=threshold, words=words)
    return replace(local, transition_coef=fit_transitions(items, local))


def fit_transitions(items: Sequence[Annotated], local: MigrationModel) -> tuple[float, ...]:
    """The transition regression's intercept and weights (TRANSITION_FEATURES), fitted on the
    gold flags of consecutive sentences, the density from `local`'s probabilities."""
    from sklearn.linear_model import LogisticRegression

    rows, ys = [], []
    for it in items:
        density = float(np.mean(local_probability(it.X, local, it.words)))
        for i in range(1, len(it.y)):
            rows.append(transition_inputs(int(it.y[i - 1]), int(not it.breaks[i]), density))
            ys.append(int(it.y[i]))
    lr = LogisticRegression(C=TRANSITION_C, max_iter=10_000).fit(np.asarray(rows), np.asarray(ys))
    return tuple(round(float(c), 6) for c in (lr.intercept_[0], *lr.coef_[0]))


def scores(item: Annotated, model: MigrationModel) -> np.ndarray:
    """The smoothed migration score of each sentence of `item`."""
    return flag_scores(item.X, local_probability(item.X, model, item.words), item.breaks, model)


def folds(items: Sequence) -> list[list[int]]:
    """Cross-validation folds of whole documents: indices k, k + FOLDS, ... of `items`."""
    return [list(range(k, len(items), FOLDS)) for k in range(min(FOLDS, len(items)))]


def cross_validated(items: Sequence[Annotated], *, C_words: float | None) -> list[np.ndarray]:
    """Each item's scores from the model fitted on the other folds."""
    out: list[np.ndarray] = [np.zeros(0)] * len(items)
    for held in folds(items):
        model = fit([it for k, it in enumerate(items) if k not in held], C_words=C_words)
        for k in held:
            out[k] = scores(items[k], model)
    return out


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


def train_migration(items: Sequence[Annotated]) -> tuple[MigrationModel, list[np.ndarray]]:
    """Choose C_words and the threshold by cross-validation on the `train` items, fit on all of
    them, score on the `dev` items (the figures go into the model's `facts`); also the
    cross-validated scores of the `train` items (for the theme classifiers' training)."""
    train = [it for it in items if it.split == "train"]
    dev = [it for it in items if it.split == "dev"]
    if len(train) < 2:
        raise SystemExit("train: fewer than two train documents with annotated sentences")
    y = np.concatenate([it.y for it in train])
    cv, oof = {}, {}
    for c in C_WORDS_GRID:
        oof[c] = cross_validated(train, C_words=c)
        cv[c] = best_threshold(y, np.concatenate(oof[c]))
    c = max(C_WORDS_GRID, key=lambda k: (min(cv[k][1]["p"], cv[k][1]["r"]), cv[k][1]["f1"]))
    threshold, cv_scores = cv[c]
    model = fit(train, C_words=c, threshold=threshold)
    facts = {"C": CUE_C, "C_words": c, "words": len(model.words), "train_documents": len(train),
             "train_sentences": int(sum(len(it.y) for it in train)),
             "train_migration": int(sum(it.y.sum() for it in train)), "cv": cv_scores,
             "cv_grid": {str(k): v[1] for k, v in cv.items()},
             "dev_documents": len(dev), "dev_sentences": int(sum(len(it.y) for it in dev)),
             "dev_migration": int(sum(it.y.sum() for it in dev))}
    if dev:
        y = np.concatenate([it.y for it in dev])
        facts["dev"] = prf(y, np.concatenate([scores(it, model) for it in dev]) >= threshold)
    return replace(model, facts=facts), oof[c]


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
        near = neighbour_hits(by_sentence, item.breaks)
        out.append(ThemeDocument(
            d["meta"]["speech_id"], d["meta"]["split"],
            [theme_features(w, h, f, *n) for w, h, f, n in zip(sentence_words(doc, bounds), by_sentence, flags, near,
                                                               strict=True)],
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
    """Cross-validation by document (FOLDS folds) over C and the threshold (best F1: unlike the migration flag, a
    theme starts from a lexicon whose precision is already high, and F1 weighs what the
    classifier adds against what it costs); the choice (C, threshold, CV figures with and
    without the classifier) when it beats the lexicon's F1 by MIN_F1_GAIN, else None."""
    lexicon = theme_prf(docs, theme, None, 1.0, context=context)
    best = None
    for C in THEME_C_GRID:
        oof: list[np.ndarray] = [np.zeros(0)] * len(docs)
        for held in folds(docs):
            fitted = _fit_theme([d for k, d in enumerate(docs) if k not in held], theme, C)
            for k in held:
                oof[k] = _probabilities(fitted, docs[k])
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
        clf = stored_classifier(theme, _fit_theme(train, theme, choice["C"]), choice["threshold"])
        if dev:
            probs = [np.asarray([clf.score(f) for f in d.features]) for d in dev]
            choice["dev"] = theme_prf(dev, theme, probs, clf.threshold, context=context)
            choice["dev_lexicon"] = theme_prf(dev, theme, None, 1.0, context=context)
        kept.append(clf)
        facts["kept"][theme] = choice
    return kept, facts


def stored_classifier(category: str, fitted, threshold: float) -> ThemeClassifier:
    """The stored form of a fitted (DictVectorizer, LogisticRegression): weights rounded to
    WEIGHT_DIGITS, those under MIN_WEIGHT left out."""
    vec, lr = fitted
    weights = {name: round(float(w), WEIGHT_DIGITS) for name, w in zip(vec.feature_names_, lr.coef_[0], strict=True)
               if abs(w) >= MIN_WEIGHT}
    return ThemeClassifier(category, round(float(lr.intercept_[0]), WEIGHT_DIGITS), weights, threshold)


def themes_json(classifiers: Sequence[ThemeClassifier], facts: dict) -> dict:
    """The JSON form of models/sentences/themes.json."""
    return {"features": "w=<lemma> (binary), lex=<theme> (log(1 + lexicon hits)), plex=<theme> and nlex=<theme> "
                        "(the same in the sentence before and after it in its paragraph), migration (flag)",
            "themes": {c.theme: c.to_dict() for c in classifiers},
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
below, a logistic regression over the sentence's words (content lemmas), its lexicon hits, those of
the sentences before and after it in its paragraph and its migration flag may also give it, when its score reaches the threshold. Its evidence in
`sentence_themes` is then the sentence's {EVIDENCE_WORDS} words that weigh most for the theme (`source`
`classifier`); lexicon matches stay the evidence wherever there are any.

`make train` tries a classifier for each theme with at least {MIN_THEME_POSITIVES} `train`
sentences ({tried}), chooses C and the threshold by {FOLDS}-fold cross-validation by document on
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
    ranked = sorted(model.words.items(), key=lambda kv: kv[1])
    against = ", ".join(f"{w} {x:+.2f}" for w, x in ranked[:CARD_WORDS])
    towards = ", ".join(f"{w} {x:+.2f}" for w, x in reversed(ranked[-CARD_WORDS:]))
    low, high = (speech_transitions(model, d) for d in CARD_DENSITIES)
    grid = ", ".join(f"C_words {k}: P {v['p']:.3f} R {v['r']:.3f}" for k, v in f.get("cv_grid", {}).items())
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

1. Local evidence: a logistic regression over the sentence's own features (counts of the cues
   in `pipeline/resources/migration.yaml`, log(1 + n); a fragment of fewer than 7 words; a
   formula of address or thanks) with C = {f['C']}, intercept {model.intercept:+.3f}:

| feature | weight |
|---|---|
{weights}

   and its content lemmas ({len(model.words)} words kept), regularised more strongly (C_words =
   {f.get('C_words')}, chosen by {FOLDS}-fold cross-validation by document on `train`: {grid}).
   Words that weigh most against a migration sentence: {against}; for one: {towards}.

2. Passage: a two-state hidden Markov model over the speech's sentences (forward-backward),
   prior {model.prior:.3f}. Its transitions are a logistic regression (C = {TRANSITION_C}) over the
   previous sentence's flag, same paragraph or not, and the speech's density (the mean local
   probability of its sentences), fitted on consecutive gold flags. At density {CARD_DENSITIES[0]}
   (a General Debate speech with little on migration) and {CARD_DENSITIES[1]} (a statement on
   migration):

| | P(migration after migration) | P(migration after other) |
|---|---|---|
| within a paragraph, density {CARD_DENSITIES[0]} | {low[1][1][1]:.3f} | {low[1][0][1]:.3f} |
| across a paragraph break, density {CARD_DENSITIES[0]} | {low[0][1][1]:.3f} | {low[0][0][1]:.3f} |
| within a paragraph, density {CARD_DENSITIES[1]} | {high[1][1][1]:.3f} | {high[1][0][1]:.3f} |
| across a paragraph break, density {CARD_DENSITIES[1]} | {high[0][1][1]:.3f} | {high[0][0][1]:.3f} |

3. A sentence is flagged when its passage probability (`migration_score`) is at least
   {model.threshold:.3f}; a sentence that names migration itself (a `migration` cue) keeps at
   least its local probability, so that neighbours on other subjects do not take its flag away
   (the guide: a sentence naming migration among other problems is about migration). The threshold is the one that maximises the lower of precision and recall in
   {FOLDS}-fold cross-validation by document on `train`.

| | precision | recall | F1 |
|---|---|---|---|
| `train`, cross-validated | {cv['p']:.3f} | {cv['r']:.3f} | {cv['f1']:.3f} |
| `dev` | {dev.get('p', float('nan')):.3f} | {dev.get('r', float('nan')):.3f} | {dev.get('f1', float('nan')):.3f} |

Dev: {dev_line}. A test checks that the shipped model still gives these dev figures.

Why this model: named weights and a transition regression that a reader can check, no
library beyond NumPy at run time. On ~1,000 training sentences a bag of words alone overfit
(it lost 4 to 5 points of cross-validated precision and recall); beside the cues and more
strongly regularised, words help on 2,578. Retrain after editing the cues or the
annotations: `make train`, then `make evaluate SPLIT=dev`.
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
    model, _ = train_migration(items)
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
    from pipeline import train_gcm  # imported here: it builds on this module

    gcm_classifiers, gcm_facts = train_gcm.main(docs=docs, nlp=nlp, interim_dir=Path(interim_dir), install=False)
    if tiny:
        return 0
    models = Path(models)
    write_text(models / config.MIGRATION_MODEL_PATH.name, json.dumps(model.to_dict(), indent=1) + "\n")
    write_text(models / config.THEME_MODEL_PATH.name,
               json.dumps(themes_json(classifiers, theme_facts), indent=1, ensure_ascii=False) + "\n")
    write_text(models / CARD_NAME, model_card(model, theme_facts))
    train_gcm.write_model(models, gcm_classifiers, gcm_facts)
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
