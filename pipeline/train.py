"""`make train`: fine-tune the model's entity recogniser on the annotated corpus.

    python -m pipeline.train [--gold DIR] [--work DIR] [--models DIR] [--tiny]

1. The `train` and `dev` documents of `data/annotations/` with entity spans become spaCy
   DocBins, one Doc per paragraph: the annotated PERSON, ORG, AGENDA, EVENT, GPE, LOC and
   NORP spans, plus the base model's own DATE, TIME, number and LANGUAGE entities where they
   touch no annotated span (so that what the base model knows and we do not annotate is
   rehearsed, not forgotten).
2. `python -m spacy train models/ner.cfg` resumes the base model's `ner` component on them
   (fixed seed; the base vocabulary's norms and tokenizer are copied in first, since the
   recogniser's features read them).
3. The best component is stored in `models/ner/` (only the component: the rest of the
   pipeline is the installed base model), its dev scores in `models/ner/scores.json` and the
   model card `models/README.md` is rewritten.

`pipeline.nlp.load_model` puts the stored component in place of the base model's own.
`--tiny` trains on a small sample for one short run into a temporary folder (CI checks that
the command works; it installs nothing).
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

from pipeline import annotations as ann
from pipeline import config

log = logging.getLogger(__name__)

LABELS = ann.ENTITY_LABELS
# Base-model labels we do not annotate but keep (rehearsed from the base model's output).
REHEARSED_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
                              "LANGUAGE"})
CONFIG_PATH = config.MODELS_DIR / "ner.cfg"
SCORES_NAME = "scores.json"
TINY_DOCS = 2


# ------------------------------------------------------------------ the callback spaCy's trainer runs

@spacy.registry.callbacks("speeches.copy_base_vocab.v1")
def copy_base_vocab(base: str):
    """A `before_init` callback: give the pipeline being trained the base model's tokenizer
    and lexeme norms, which the sourced recogniser was trained with."""

    def copy(nlp: Language) -> Language:
        base_nlp = spacy.load(base, exclude=["tok2vec", "tagger", "parser", "senter", "attribute_ruler",
                                             "lemmatizer", "ner"])
        nlp.tokenizer.from_bytes(base_nlp.tokenizer.to_bytes())
        if base_nlp.vocab.lookups.has_table("lexeme_norm"):
            table = base_nlp.vocab.lookups.get_table("lexeme_norm")
            if nlp.vocab.lookups.has_table("lexeme_norm"):
                nlp.vocab.lookups.remove_table("lexeme_norm")
            nlp.vocab.lookups.set_table("lexeme_norm", table)
        return nlp

    return copy


# ------------------------------------------------------------------ data

def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, paragraph) for each blank-line separated paragraph of `text`."""
    pos = 0
    for part in text.split("\n\n"):
        if part.strip():
            yield pos, part
        pos += len(part) + 2


def training_docs(docs: Iterable[dict], nlp: Language, *, warn: list[str] | None = None) -> Iterator[Doc]:
    """One Doc per paragraph of each document with spans, its entities set from the gold spans
    and the base model's rehearsed labels. Spans that do not fall on token boundaries are
    shrunk to the tokens inside them ("contract"), and listed in `warn` when nothing is left."""
    for d in docs:
        if "spans" not in d:
            continue
        spans = sorted(d["spans"], key=lambda s: s["start"])
        for offset, para in paragraphs(d["text"]):
            end = offset + len(para)
            doc = nlp(para)
            gold = []
            for s in spans:
                if s["start"] >= offset and s["end"] <= end:
                    span = doc.char_span(s["start"] - offset, s["end"] - offset, label=s["label"],
                                         alignment_mode="contract")
                    if span is None or not len(span):
                        if warn is not None:
                            warn.append(f"{d['meta']['speech_id']}: span '{d['text'][s['start']:s['end']]}' "
                                        "is not on token boundaries")
                        continue
                    gold.append(span)
            taken = {i for span in gold for i in range(span.start, span.end)}
            kept = [Span(doc, e.start, e.end, label=e.label_) for e in doc.ents
                    if e.label_ in REHEARSED_LABELS and not taken & set(range(e.start, e.end))]
            out = nlp.make_doc(para)
            out.set_ents([Span(out, s.start, s.end, label=s.label_) for s in spacy.util.filter_spans(gold + kept)],
                         default="outside")
            yield out


def write_corpus(docs: Iterable[Doc], path: Path) -> int:
    """Save Docs as a DocBin at `path`; return how many."""
    db = DocBin(store_user_data=False)
    n = 0
    for doc in docs:
        db.add(doc)
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return n


def prepare(gold: Path, work: Path, *, base: str, tiny: bool = False) -> dict[str, Path]:
    """Write train.spacy and dev.spacy under `work` from the corpus's splits; return their paths."""
    splits = {}
    for split in ann.SPLITS:
        docs = [d for d in ann.load_corpus(gold, split=split) if "spans" in d]
        splits[split] = docs[:TINY_DOCS] if tiny else docs
        if not splits[split]:
            raise SystemExit(f"train: no {split} document with entity spans in {gold}")
    return prepare_docs(splits, work, base=base)


def prepare_docs(splits: Mapping[str, Sequence[dict]], work: Path, *, base: str) -> dict[str, Path]:
    """Write one DocBin per split (`splits` maps its name to annotated documents) under `work`."""
    nlp = spacy.load(base, exclude=["parser", "senter", "lemmatizer", "attribute_ruler", "tagger"])
    warnings: list[str] = []
    paths = {}
    for split, docs in splits.items():
        paths[split] = work / f"{split}.spacy"
        n = write_corpus(training_docs(docs, nlp, warn=warnings), paths[split])
        log.info("train: %s: %d documents, %d paragraphs -> %s", split, len(docs), n, paths[split])
    for w in warnings:
        log.warning("train: %s", w)
    return paths


# ------------------------------------------------------------------ training

def run_spacy_train(cfg: Path, out: Path, paths: dict[str, Path], *, base: str,
                    overrides: Sequence[str] = ()) -> None:
    """`python -m spacy train` on `cfg` (raises CalledProcessError when it fails)."""
    cmd = [sys.executable, "-m", "spacy", "train", str(cfg), "--output", str(out),
           "--code", str(Path(__file__).resolve()),
           "--paths.train", str(paths["train"]), "--paths.dev", str(paths["dev"]),
           "--paths.base", base, *overrides]
    log.info("train: %s", " ".join(cmd))
    subprocess.run(cmd, check=True)


def dev_scores(base: str, ner_dir: Path, dev: Path) -> dict:
    """Entity precision, recall and F1 (overall and per label) of the base model with the
    recogniser in `ner_dir`, on the dev DocBin."""
    from spacy.training import Example

    from pipeline.nlp import use_recogniser

    nlp = spacy.load(base, exclude=["parser", "senter", "lemmatizer", "attribute_ruler", "tagger"])
    use_recogniser(nlp, ner_dir)
    examples = [Example(nlp.make_doc(d.text), d) for d in DocBin().from_disk(dev).get_docs(nlp.vocab)]
    scores = nlp.evaluate(examples)
    per_type = {k: {m: round(v[m], 4) for m in ("p", "r", "f")} for k, v in sorted(scores["ents_per_type"].items())
                if k in LABELS}
    return {"ents_p": round(scores["ents_p"], 4), "ents_r": round(scores["ents_r"], 4),
            "ents_f": round(scores["ents_f"], 4), "per_label": per_type}


def install(trained: Path, models: Path, scores: dict, facts: dict) -> Path:
    """Copy the trained recogniser into `models`/ner with its scores; rewrite the model card."""
    target = models / "ner"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(trained / "ner", target)
    (target / SCORES_NAME).write_text(json.dumps({**facts, "dev": scores}, indent=1) + "\n", encoding="utf-8")
    (models / "README.md").write_text(model_card({**facts, "dev": scores}), encoding="utf-8")
    return target


def training_line(facts: dict) -> str:
    """The hyper-parameters in one line of the card."""
    t = facts.get("training")
    if not t:
        return "settings in models/ner.cfg"
    return (f"{t['max_steps']} steps (chosen by `make crossval` on the train split; the last step's "
            f"weights are kept), dropout {t['dropout']}, Adam learning rate {t['learn_rate']}, batches "
            f"growing from {t['batch_words'][0]} to {t['batch_words'][1]} words")


def model_card(facts: dict) -> str:
    """The model card (models/README.md) from the training facts and dev scores."""
    dev = facts["dev"]
    rows = "\n".join(f"| {label} | {v['p']:.3f} | {v['r']:.3f} | {v['f']:.3f} |"
                     for label, v in dev["per_label"].items())
    return f"""# Trained components

## `ner/`: the entity recogniser

Fine-tuned from the `ner` component of `{facts['base']}` (spaCy {facts['spacy']}) on the
project's annotated corpus (`data/annotations/`, guide in its README): {facts['train_docs']}
`train` documents ({facts['train_paragraphs']} paragraphs), evaluated on {facts['dev_docs']} `dev`
documents ({facts['dev_paragraphs']} paragraphs). Only the component is stored here; the rest of
the pipeline is the installed base model, and `pipeline.nlp.load_model` puts this component in
place of the base model's own `ner`.

- Labels learned from the annotations: {', '.join(LABELS)}. The base model's DATE, TIME,
  PERCENT, MONEY, QUANTITY, ORDINAL, CARDINAL and LANGUAGE entities are rehearsed (kept as
  training targets where they touch no annotated span), so they still come out.
- Data: {', '.join(f"`{c}`" for c in facts.get('corpora', []))} (one Doc per paragraph).
- Training: `python -m spacy train models/ner.cfg` (seed {facts['seed']}): {training_line(facts)};
  {facts['seconds'] / 60:.0f} min on {facts['cores']} CPU cores; size {facts['size_mb']:.1f} MB (the
  component's weights only).
- Dev scores (exact span and label, from `{SCORES_NAME}`; a test checks the stored component
  still gives them): precision {dev['ents_p']:.3f}, recall {dev['ents_r']:.3f}, F1 {dev['ents_f']:.3f}.

| label | precision | recall | F1 |
|---|---|---|---|
{rows}

These are the recogniser's own figures; what the pipeline delivers after its rule layer
(gazetteer, repairs, linking) is in the README's "How accurate is it" (`make evaluate`).

## Retraining

Add or correct annotations in `data/annotations/` (see its README), then

```bash
make crossval              # optional: K recognisers on folds of train; figures on the held-out folds
make train                 # prepare, train, install into models/, rewrite this card
make evaluate SPLIT=dev    # the pipeline's figures with the new component
make test                  # includes the check that the stored component gives the scores above
```

Change the settings in `models/ner.cfg` only on `make crossval`'s figures (never on dev's).
Commit `models/ner/` and this card together. `make all` then re-parses every speech once (the
parse cache is keyed by the component's weights).
"""


def training_settings(cfg: Path) -> dict:
    """The hyper-parameters of `cfg` that the model card reports."""
    t = spacy.util.load_config(cfg, interpolate=False)["training"]
    return {"max_steps": t["max_steps"], "dropout": t["dropout"], "learn_rate": t["optimizer"]["learn_rate"],
            "batch_words": [t["batcher"]["size"]["start"], t["batcher"]["size"]["stop"]]}


def _size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def main(gold: Path = config.ANNOTATIONS_DIR, work: Path | None = None, models: Path = config.MODELS_DIR,
         *, tiny: bool = False, cfg: Path = CONFIG_PATH) -> int:
    """Prepare, train and (unless `tiny`) install the recogniser; return the exit status."""
    import os

    from pipeline.nlp import model_name

    base = model_name()
    work = Path(work or (tempfile.mkdtemp(prefix="train-tiny-") if tiny else config.INTERIM_DIR / "train"))
    start = time.perf_counter()
    paths = prepare(Path(gold), work, base=base, tiny=tiny)
    overrides = ["--training.max_steps", "2", "--training.eval_frequency", "1"] if tiny else []
    run_spacy_train(cfg, work / "output", paths, base=base, overrides=overrides)
    # The last step's weights, not the trainer's "best" (that checkpoint is picked by the dev
    # score, and dev is for measuring only): the number of steps is chosen by `make crossval`.
    last = work / "output" / "model-last"
    if tiny:
        log.info("train: tiny run done -> %s (nothing installed)", last)
        return 0 if (last / "ner").is_dir() else 1
    seconds = time.perf_counter() - start
    scores = dev_scores(base, last / "ner", paths["dev"])
    count = {s: len(list(DocBin().from_disk(paths[s]).get_docs(spacy.blank("en").vocab))) for s in ann.SPLITS}
    facts = {"base": base, "spacy": spacy.__version__, "seed": 0, "seconds": seconds, "cores": os.cpu_count(),
             "train_docs": len([d for d in ann.load_corpus(gold, split="train") if "spans" in d]),
             "dev_docs": len([d for d in ann.load_corpus(gold, split="dev") if "spans" in d]),
             "train_paragraphs": count["train"], "dev_paragraphs": count["dev"],
             "corpora": sorted(p.name for p in ann.annotation_files(gold)),
             "training": training_settings(cfg), "size_mb": _size_mb(last / "ner")}
    target = install(last, Path(models), scores, facts)
    log.info("train: dev ents P %.3f R %.3f F %.3f, %.0f s -> %s", scores["ents_p"], scores["ents_r"],
             scores["ents_f"], seconds, target)
    return 0


def cli(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if "--sentences" in argv:  # the sentence classifiers: pipeline/train_sentences.py
        from pipeline import train_sentences

        return train_sentences.cli([a for a in argv if a != "--sentences"])
    parser = argparse.ArgumentParser(prog="python -m pipeline.train", description=__doc__.split("\n")[0],
                                     epilog="--sentences: train the sentence classifiers instead "
                                            "(python -m pipeline.train --sentences --help)")
    parser.add_argument("--gold", type=Path, default=config.ANNOTATIONS_DIR)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--models", type=Path, default=config.MODELS_DIR)
    parser.add_argument("--tiny", action="store_true", help="one short run on a small sample; installs nothing")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    return main(args.gold, args.work, args.models, tiny=args.tiny)


if __name__ == "__main__":
    sys.exit(cli())
