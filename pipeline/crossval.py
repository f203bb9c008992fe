"""`make crossval`: cross-validate the entity recogniser and the rule layer on the `train` split.

    python -m pipeline.crossval [--folds 4] [--work DIR] [--reuse] [spaCy config overrides ...]

The `train` documents are dealt into K folds (by speech id). For each fold a recogniser is
trained, exactly as `make train` trains the shipped one (models/ner.cfg, plus any config
overrides such as `--training.dropout 0.1`), on the other folds; spaCy's trainer scores it on
the held-out fold. Then the whole pipeline (`python -m pipeline evaluate`) runs on the
held-out fold with that fold's recogniser. Summed over the folds, this measures on speeches
the recogniser has not seen:

- a training configuration (tune on these figures, never on `dev`);
- a repair rule or a gazetteer change (`--reuse` keeps the fold recognisers and re-runs only
  the pipeline's evaluation, about a minute).

The figures go to WORK/crossval.json, every miss and false positive to WORK/errors.txt.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from pipeline import annotations as ann
from pipeline import config, train
from pipeline.evaluate import LABELS, MENTION_LABELS, Counts, EntityCounts, errors_text

log = logging.getLogger(__name__)

DEFAULT_FOLDS = 4


def folds(docs: Sequence[dict], k: int) -> list[list[dict]]:
    """`docs` dealt into `k` folds in speech-id order (the same folds on every run)."""
    ordered = sorted(docs, key=lambda d: d["meta"]["speech_id"])
    return [ordered[i::k] for i in range(k)]


def train_fold(rest: Sequence[dict], held: Sequence[dict], fold_dir: Path, *, base: str,
               overrides: Sequence[str] = ()) -> Path:
    """Train a recogniser on `rest`, scored by spaCy on `held`; store it as fold_dir/ner with
    its scores (the layout `pipeline.nlp.trained_ner` reads); return that folder."""
    paths = train.prepare_docs({"train": rest, "dev": held}, fold_dir, base=base)
    train.run_spacy_train(train.CONFIG_PATH, fold_dir / "output", paths, base=base, overrides=overrides)
    target = fold_dir / "ner"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(fold_dir / "output" / "model-last" / "ner", target)  # as make train installs
    scores = train.dev_scores(base, target, paths["dev"])
    (target / train.SCORES_NAME).write_text(json.dumps({"base": base, "heldout": scores}, indent=1) + "\n",
                                            encoding="utf-8")
    return target


def evaluate_fold(held: Sequence[dict], fold_dir: Path, ner: Path | None) -> dict:
    """The pipeline's evaluation of the held-out documents with the recogniser `ner` (the base
    model's own when None), run in a fresh process so that it loads that recogniser."""
    gold = fold_dir / "heldout.jsonl"
    ann.write_jsonl(held, gold)
    out = fold_dir / "evaluation.json"
    env = {**os.environ, config.TRAINED_NER_ENV: str(ner) if ner is not None else "0"}
    subprocess.run([sys.executable, "-m", "pipeline", "--quiet", "evaluate", "--gold", str(gold),
                    "--work", str(fold_dir / "evaluate"), "--out", str(out)],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text(encoding="utf-8"))


def combine(evaluations: Sequence[dict]) -> dict:
    """Entity figures summed over the folds' evaluations: document level and mention level,
    per label and in total."""
    ents = {label: EntityCounts() for label in LABELS}
    mentions = {label: Counts() for label in MENTION_LABELS}
    for ev in evaluations:
        for label in LABELS:
            c = ev["entities"][label]
            ents[label].add(EntityCounts(c["tp"], c["fp"], c["fn"], c["correct"]))
        for label in MENTION_LABELS:
            c = ev["mentions"].get(label, {"tp": 0, "fp": 0, "fn": 0})
            mentions[label].add(Counts(c["tp"], c["fp"], c["fn"]))
    total_e, total_m = EntityCounts(), Counts()
    for c in ents.values():
        total_e.add(c)
    for c in mentions.values():
        total_m.add(c)
    return {"entities": {"all": total_e.as_dict(), **{k: c.as_dict() for k, c in ents.items()}},
            "mentions": {"all": total_m.as_dict(), **{k: c.as_dict() for k, c in mentions.items()}},
            "documents": sum(ev["documents"] for ev in evaluations)}


def format_figures(s: dict) -> str:
    """The combined figures as a plain-text table."""
    lines = [f"{'cross-validated on train':<28} {'P':>6} {'R':>6} {'F1':>6} {'n gold':>7}"]
    for level, labels in (("entities", LABELS), ("mentions", MENTION_LABELS)):
        for key in ("all", *labels):
            d = s[level][key]
            name = f"{level}, {'document' if level == 'entities' else 'mention'} level" if key == "all" else f"  {key}"
            lines.append(f"{name:<28} {d['precision']:6.3f} {d['recall']:6.3f} {d['f1']:6.3f} {d['tp'] + d['fn']:7d}")
    lines.append(f"{s['documents']} documents")
    return "\n".join(lines)


def main(gold: Path = config.ANNOTATIONS_DIR, work: Path | None = None, *, k: int = DEFAULT_FOLDS,
         reuse: bool = False, base_only: bool = False, overrides: Sequence[str] = (),
         only: int | None = None) -> int:
    """Train (unless `reuse`) and evaluate every fold (or fold `only`, to run folds in parallel
    processes); print and save the combined figures. `base_only` evaluates the pipeline with
    the base model's recogniser instead."""
    from pipeline.nlp import model_name

    base = model_name()
    work = Path(work or config.INTERIM_DIR / "crossval")
    docs = [d for d in ann.load_corpus(gold, split="train") if "spans" in d]
    parts = folds(docs, k)
    evaluations, heldout_scores = [], []
    for i, held in enumerate(parts):
        if only is not None and i != only:
            continue
        fold_dir = work / f"fold{i}"
        rest = [d for j, part in enumerate(parts) if j != i for d in part]
        ner = fold_dir / "ner"
        if not base_only and not (reuse and (ner / "model").exists()):
            train_fold(rest, held, fold_dir, base=base, overrides=overrides)
        if not base_only:
            heldout_scores.append(json.loads((ner / train.SCORES_NAME).read_text(encoding="utf-8"))["heldout"])
        evaluations.append(evaluate_fold(held, fold_dir, None if base_only else ner))
        log.info("crossval: fold %d of %d: %d held-out documents, pipeline doc-level F1 %.3f", i + 1, k,
                 len(held), evaluations[-1]["entities"]["all"]["f1"])
    s = {**combine(evaluations), "folds": k, "overrides": list(overrides), "base_only": base_only,
         "recogniser_heldout": heldout_scores}
    print(format_figures(s))
    work.mkdir(parents=True, exist_ok=True)
    (work / "crossval.json").write_text(json.dumps(s, indent=1) + "\n", encoding="utf-8")
    errors = "\n".join(errors_text(ev) for ev in evaluations)
    (work / "errors.txt").write_text(errors + "\n", encoding="utf-8")
    return 0


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.crossval", description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=config.ANNOTATIONS_DIR)
    parser.add_argument("--work", type=Path, default=None, help="default: INTERIM/crossval")
    parser.add_argument("--folds", type=int, default=DEFAULT_FOLDS)
    parser.add_argument("--reuse", action="store_true", help="keep the fold recognisers already trained")
    parser.add_argument("--base", action="store_true", help="evaluate with the base model's recogniser")
    parser.add_argument("--fold", type=int, default=None, help="only this fold (0 to FOLDS-1)")
    args, overrides = parser.parse_known_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    return main(args.gold, args.work, k=args.folds, reuse=args.reuse, base_only=args.base, overrides=overrides,
                only=args.fold)


if __name__ == "__main__":
    sys.exit(cli())
