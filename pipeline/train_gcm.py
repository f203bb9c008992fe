"""`make train`, GCM part: objective classifiers beside the objectives' own terms.

    python -m pipeline.train_gcm     # only these (the flag and theme models stay as they are)

`python -m pipeline.train --sentences` (`make train`) runs it after the flag and the themes. It
installs models/sentences/gcm.json and the last section of the card models/sentences/README.md.

The annotated migration sentences of `data/annotations/` carry the GCM objectives they address
(`gcm`). For each objective with at least MIN_POSITIVES `train` sentences, a logistic regression
over the sentence's words, the objectives' term hits in it and in its neighbours
(`pipeline.gcm.objective_features`) is tried beside the objective's terms (frameworks.yaml): the
objective is given when a term is found or the classifier's score reaches a threshold. C and
the threshold are chosen by FOLDS-fold cross-validation over whole `train` documents (best F1), and
the classifier is kept only when its cross-validated F1 beats the terms' by MIN_F1_GAIN. Dev is
never used to choose anything; its figures go on the card.

Sentences are the annotated ones (gold bounds), names the annotated organisation, agenda and
event spans, and the neighbours that count for `near=` the annotated migration sentences: the
figures measure the objectives given a sentence is about migration (the flag's own errors are
measured by the flag's figures, and `make evaluate` measures both together).
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.language import Language

from pipeline import annotations as ann
from pipeline import config
from pipeline.gcm import Framework, load_framework, sentence_features, term_hits
from pipeline.sentences import NAME_LABELS, ThemeClassifier
from pipeline.storage import write_text
from pipeline.train_sentences import stored_classifier

log = logging.getLogger(__name__)

C_GRID = (0.3, 1.0, 3.0)
FOLDS = 10
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)
MIN_POSITIVES = 10
MIN_F1_GAIN = 0.02
CARD_NAME = "README.md"  # the sentence models' card, whose last section this module writes
CARD_HEADING = "\n## `gcm.json`"


@dataclass(frozen=True)
class GcmDocument:
    """One annotated document's migration sentences: classifier features, the objectives their
    terms give (category ids), the gold objectives (category ids)."""

    speech_id: str
    split: str
    features: list[dict[str, float]]
    terms: list[set[str]]
    gold: list[set[str]]


def gcm_documents(docs: Sequence[dict], nlp: Language, interim_dir: Path, framework: Framework) -> list[GcmDocument]:
    """GcmDocuments of the `docs` with annotated sentences, their migration sentences only."""
    from pipeline.nlp import parsed_docs

    docs = [d for d in docs if d.get("sentences")]
    out = []
    for d, doc in zip(docs, parsed_docs([d["text"] for d in docs], interim_dir, nlp=nlp), strict=True):
        gold = sorted(d["sentences"], key=lambda g: g["start"])
        bounds = [(sp.start, sp.end) for sp in (doc.char_span(g["start"], g["end"], alignment_mode="expand")
                                               for g in gold)]
        flags = [g["migration"] is True for g in gold]
        names = [(sp["start"], sp["end"]) for sp in d.get("spans", []) if sp["label"] in NAME_LABELS]
        _, hits, features = sentence_features(doc, bounds, flags, term_hits(doc, framework, names=names))
        keep = [i for i, g in enumerate(gold) if flags[i] and "gcm" in g]
        out.append(GcmDocument(d["meta"]["speech_id"], d["meta"]["split"], [features[i] for i in keep],
                               [{m.category for m in hits[i]} for i in keep],
                               [{str(o) for o in gold[i]["gcm"]} for i in keep]))
    return out


def _fit(docs: Sequence[GcmDocument], key: str, C: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    X = vec.fit_transform([f for d in docs for f in d.features])
    y = np.asarray([key in g for d in docs for g in d.gold])
    if y.all() or not y.any():  # a fold without both classes: no classifier
        return None
    return vec, LogisticRegression(C=C, max_iter=5000).fit(X, y)


def _probabilities(fitted, doc: GcmDocument) -> np.ndarray:
    if fitted is None or not doc.features:
        return np.zeros(len(doc.features))
    vec, lr = fitted
    return lr.predict_proba(vec.transform(doc.features))[:, 1]


def counts(docs: Sequence[GcmDocument], key: str, probs: Sequence[np.ndarray] | None, threshold: float) -> dict:
    """True positives, false positives, false negatives of objective `key`: its terms', or with
    `probs` its terms' or the classifier's."""
    tp = fp = fn = 0
    for k, d in enumerate(docs):
        for i, gold in enumerate(d.gold):
            hit = key in d.terms[i] or (probs is not None and probs[k][i] >= threshold)
            tp += int(hit and key in gold)
            fp += int(hit and key not in gold)
            fn += int(not hit and key in gold)
    return {"tp": tp, "fp": fp, "fn": fn}


def prf(c: dict) -> dict:
    """Precision, recall and F1 of counts `c` (with the counts)."""
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4), **c}


def out_of_fold(docs: Sequence[GcmDocument], key: str, C: float) -> list[np.ndarray]:
    """Each document's probabilities from a classifier fitted on the other folds (FOLDS folds of
    whole documents, every FOLDS-th document in a fold)."""
    out: list[np.ndarray] = [np.zeros(0)] * len(docs)
    for k in range(FOLDS):
        held = range(k, len(docs), FOLDS)
        fitted = _fit([d for i, d in enumerate(docs) if i % FOLDS != k], key, C)
        for i in held:
            out[i] = _probabilities(fitted, docs[i])
    return out


def choose(docs: Sequence[GcmDocument], key: str) -> dict | None:
    """Cross-validation (by document) of the terms with a classifier, over C and the threshold:
    the best choice (C, threshold, its counts) when its F1 beats the terms' alone by MIN_F1_GAIN,
    else None (the terms learn nothing, so their counts on `train` are their cross-validated ones)."""
    best = None
    for C in C_GRID:
        oof = out_of_fold(docs, key, C)
        for t in THRESHOLDS:
            f = prf(counts(docs, key, oof, t))
            if best is None or (f["f1"], f["p"]) > (best[0]["f1"], best[0]["p"]):
                best = (f, {"C": C, "threshold": t, "cv": counts(docs, key, oof, t)})
    keep = best and best[0]["f1"] >= prf(counts(docs, key, None, 1.0))["f1"] + MIN_F1_GAIN
    return best[1] if keep else None


def train_classifiers(docs: Sequence[GcmDocument], framework: Framework) -> tuple[list[ThemeClassifier], dict]:
    """The kept classifiers, fitted on the `train` documents, and the facts for the card: per
    objective the cross-validated and dev counts of its terms alone and with the classifier."""
    train = [d for d in docs if d.split == "train"]
    dev = [d for d in docs if d.split == "dev"]
    kept, facts = [], {"objectives": {}}
    for item in framework.items:
        key = str(item.key)
        positives = sum(key in g for d in train for g in d.gold)
        entry = {"train_positives": positives, "cv_terms": counts(train, key, None, 1.0),
                 "dev_terms": counts(dev, key, None, 1.0)}
        facts["objectives"][key] = entry
        if positives < MIN_POSITIVES:
            continue
        choice = choose(train, key)
        if choice is None:
            continue
        clf = stored_classifier(key, _fit(train, key, choice["C"]), choice["threshold"])
        entry.update({"C": choice["C"], "threshold": choice["threshold"], "cv_classifier": choice["cv"],
                      "dev_classifier": counts(dev, key, dev_probabilities(dev, clf), clf.threshold)})
        kept.append(clf)
    facts["train_documents"], facts["dev_documents"] = len(train), len(dev)
    facts["train_sentences"] = sum(len(d.gold) for d in train)
    facts["dev_sentences"] = sum(len(d.gold) for d in dev)
    return kept, facts


def dev_probabilities(docs: Sequence[GcmDocument], classifier: ThemeClassifier) -> list[np.ndarray]:
    """The shipped form's scores (rounded weights) of each document's sentences."""
    return [np.asarray([classifier.score(f) for f in d.features]) for d in docs]


def micro(facts: dict, *, part: str) -> dict:
    """Micro counts over every objective, each with its classifier where one is kept (`part`:
    `cv` or `dev`)."""
    total = {"tp": 0, "fp": 0, "fn": 0}
    for entry in facts["objectives"].values():
        c = entry.get(f"{part}_classifier") or entry[f"{part}_terms"]
        for k in total:
            total[k] += c[k]
    return prf(total)


def gcm_json(classifiers: Sequence[ThemeClassifier], facts: dict) -> dict:
    """The JSON form of models/sentences/gcm.json."""
    return {"features": "w=<lemma> (binary), lex=<objective> (log(1 + term hits)), "
                        "near=<objective> (a term in a neighbouring migration sentence of the paragraph)",
            "objectives": {c.theme: c.to_dict() for c in classifiers},
            "facts": facts}


def card(facts: dict) -> str:
    """The card's section on the objective classifiers."""
    def cell(c: dict | None) -> str:
        if not c:
            return "-"
        f = prf(c)
        return f"{f['p']:.3f} / {f['r']:.3f} / {f['f1']:.3f}"

    rows = "\n".join(
        f"| {key} | {e['train_positives']} | {cell(e['cv_terms'])} | {cell(e.get('cv_classifier'))} | "
        f"{cell(e['dev_terms'])} | {cell(e.get('dev_classifier'))} |"
        for key, e in facts["objectives"].items() if e["train_positives"] or e["dev_terms"]["fn"])
    kept = ", ".join(k for k, e in facts["objectives"].items() if "C" in e) or "none"
    cv, dev = micro(facts, part="cv"), micro(facts, part="dev")
    return f"""{CARD_HEADING}: GCM objective classifiers beside the objectives' terms

An objective of the Global Compact for Migration is given to a migration sentence by its own
terms (`pipeline/resources/frameworks.yaml`); for the objectives kept here ({kept}), a logistic
regression over the sentence's words, the objectives' term hits in it and in the migration
sentences next to it may also give it. Its evidence in `gcm_evidence` is then the sentence's words
that weigh most for the objective (`source` `classifier`).

`make train` tries a classifier for each objective with at least {MIN_POSITIVES} `train` sentences,
chooses C and the threshold by {FOLDS}-fold cross-validation over whole `train` documents (best
F1), and keeps it when its cross-validated F1 beats the terms' by {MIN_F1_GAIN}. Trained on
{facts['train_documents']} `train` documents ({facts['train_sentences']} annotated migration
sentences), scored on {facts['dev_documents']} `dev` documents ({facts['dev_sentences']}), on the
annotated sentences and their migration flags (`make evaluate` adds the pipeline's own sentences
and flag). Precision / recall / F1:

The terms were written from the objectives' subjects while reading the `train` sentences, so
their `train` figures ("CV, terms": they learn nothing, so these are their counts on `train`) are
optimistic; their `dev` figures are not.

| objective | train sentences | CV, terms | CV, terms + classifier | dev, terms | dev, terms + classifier |
|---|---|---|---|---|---|
{rows}

Micro, each objective with its classifier where one is kept: cross-validated on `train`
{cv['p']:.3f} / {cv['r']:.3f} / {cv['f1']:.3f}; `dev` {dev['p']:.3f} / {dev['r']:.3f} / {dev['f1']:.3f}.
A test checks that the shipped classifiers still give these dev figures.
"""


def write_model(models: Path, classifiers: Sequence[ThemeClassifier], facts: dict) -> None:
    """Install models/sentences/gcm.json and put its section at the end of the card
    (models/sentences/README.md), in place of the one there."""
    models = Path(models)
    write_text(models / config.GCM_MODEL_PATH.name,
               json.dumps(gcm_json(classifiers, facts), indent=1, ensure_ascii=False) + "\n")
    card_path = models / CARD_NAME
    text = card_path.read_text(encoding="utf-8") if card_path.exists() else ""
    write_text(card_path, text.split(CARD_HEADING)[0].rstrip("\n") + "\n" + card(facts))


def main(gold: Path = config.ANNOTATIONS_DIR, models: Path = config.SENTENCE_MODELS_DIR, *,
         interim_dir: Path = config.INTERIM_DIR, nlp: Language | None = None, docs: Sequence[dict] | None = None,
         install: bool = True) -> tuple[list[ThemeClassifier], dict]:
    """Train the objective classifiers on the annotations in `gold` (or `docs`) and, with `install`,
    install them into `models`; return them and their facts."""
    from pipeline.nlp import load_model

    start = time.perf_counter()
    nlp = nlp or load_model()
    docs = ann.load_corpus(Path(gold)) if docs is None else docs
    framework = load_framework(nlp)
    classifiers, facts = train_classifiers(gcm_documents(docs, nlp, Path(interim_dir), framework), framework)
    cv, dev = micro(facts, part="cv"), micro(facts, part="dev")
    log.info("train: GCM objectives: classifiers for %s; micro cv P %.3f R %.3f, dev P %.3f R %.3f, %.0f s",
             ", ".join(c.theme for c in classifiers) or "none", cv["p"], cv["r"], dev["p"], dev["r"],
             time.perf_counter() - start)
    if install:
        write_model(Path(models), classifiers, facts)
    return classifiers, facts


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    main()
    sys.exit(0)
