"""Features stage: what each speech talks about, lists, addresses, and how it differs.

Reads PROCESSED/speeches (and PROCESSED/entities when present), takes each
speech's parsed Doc from the shared cache (pipeline.nlp.parsed_docs: nothing
is parsed twice) and writes, in PROCESSED:

- sentence_themes, themes, gcm_objectives, sdg_targets (pipeline/themes.py);
- priorities (pipeline/enumerations.py, items tagged with their themes);
- actors (pipeline/actors.py);
- keyness of lemmas and entities (pipeline/keyness.py);
- style, similarity, topics, topic_terms (pipeline/stylometry.py).

Every table is always written, empty with its columns when it does not apply
(topics below 10 speeches). Speeches that duplicate another keep their own
rows but count once in the cross-speech statistics (keyness reference,
similarity, topics).

Per-speech results come from a cache (only a new speech is analysed); the
corpus-wide steps count the lemmas once (keyness, similarity and topics share
the counts), and with more than one process allowed the topic model is fitted
in a forked process while the other tables are built and written.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from spacy.attrs import LEMMA as LEMMA_ATTR
from spacy.language import Language
from spacy.tokens import Doc
from tqdm import tqdm

from pipeline import config
from pipeline.actors import ACTOR_COLUMNS, actor_rows, load_actors
from pipeline.enumerations import PRIORITY_COLUMNS, doc_enumerations, priority_rows
from pipeline.keyness import KEYNESS_COLUMNS, count_matrix, keyness_table
from pipeline.nlp import cache_fingerprint, load_model, model_fingerprint, parsed_docs, statistical_components
from pipeline.sentences import (
    MIGRATION_COLUMNS,
    NAME_LABELS,
    SENTENCE_COLUMNS,
    SentenceModels,
    analyse_sentences,
    load_sentence_models,
)
from pipeline.speechcache import SpeechCache, fingerprint, modules
from pipeline.storage import read_table, write_table
from pipeline.stylometry import (
    SIMILARITY_COLUMNS,
    STYLE_COLUMNS,
    WORDS,
    WordInfo,
    similarity_table,
    style_row,
    tfidf_weights,
    topic_model,
)
from pipeline.themes import (
    SENTENCE_THEME_COLUMNS,
    THEME_COLUMNS,
    Lexicon,
    framework_table,
    load_frameworks,
    load_lexicon,
    sentence_bounds,
    sentence_rows,
    sentence_starts,
    theme_rows,
    themes_in_range,
)

log = logging.getLogger(__name__)

TABLES = ("sentences", "migration", "sentence_themes", "themes", "gcm_objectives", "sdg_targets", "priorities", "actors",
          "keyness", "style", "similarity", "topics", "topic_terms")
LEMMA = "lemma"
ENTITY = "entity"
# Entity labels that are quantities, not named things: left out of entity keyness.
NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})
# Per-speech results are cached under INTERIM/features/<version>/ (pipeline/speechcache.py);
# the version hashes these modules, the three lexicon files and the model.
CACHE_NAMESPACE = "features"
VERSION_MODULES = ("features", "themes", "sentences", "actors", "enumerations", "stylometry", "nlp")
# Fewer speeches to analyse than this: one process (starting workers costs more).
MIN_PARALLEL = 20
WORKER_CHUNK = 4
# From this many distinct speeches (and n_process > 1), similarity and the topic model are
# computed in a forked process while the other tables are built (the fit is about 0.7 s of
# 1.9 s at 500 speeches, and scikit-learn's import another 0.7 s).
PARALLEL_TOPICS_MIN = 100
ModelTables = Callable[[], dict[str, pd.DataFrame]]


@dataclass
class SpeechFeatures:
    """The per-speech rows of every table, and the content lemmas for corpus statistics."""

    sentences: list[dict] = field(default_factory=list)
    migration: dict = field(default_factory=dict)
    sentence_themes: list[dict] = field(default_factory=list)
    themes: list[dict] = field(default_factory=list)
    priorities: list[dict] = field(default_factory=list)
    actors: list[dict] = field(default_factory=list)
    style: dict = field(default_factory=dict)
    lemmas: list[str] = field(default_factory=list)


def content_lemmas(doc: Doc, infos: Sequence[WordInfo] | None = None) -> list[str]:
    """Lower-cased lemmas of the content words (no stop words, punctuation or bare numbers);
    `infos`: the tokens' `WordInfo`, when already computed."""
    infos = WORDS.infos(doc) if infos is None else infos
    strings = doc.vocab.strings
    lemma_ids = doc.to_array([LEMMA_ATTR]).ravel().tolist()
    out = []
    for info, lemma in zip(infos, lemma_ids, strict=True):
        if info.is_content:
            low = _LEMMA_LOWER.get(lemma)
            if low is None:
                low = _LEMMA_LOWER[lemma] = strings[lemma].lower() if lemma else ""
            out.append(low)
    return out


# Lemma id -> lower-cased lemma, filled as speeches are analysed.
_LEMMA_LOWER: dict[int, str] = {}


def analyse_speech(speech_id: str, doc: Doc, theme_lex: Lexicon, actor_lex: Lexicon,
                   sentence_models: SentenceModels, *, text: str | None = None,
                   names: Sequence[tuple[int, int]] = ()) -> SpeechFeatures:
    """Every per-speech feature of one parsed speech (`text`: the text `doc` was parsed from,
    when known, which spares rebuilding it from the tokens; `names`: character spans of its
    organisation, agenda and event names, inside which theme terms do not count)."""
    text = doc.text if text is None else text
    bounds = sentence_bounds(doc)
    infos = WORDS.infos(doc)
    style = style_row(speech_id, doc, bounds=bounds, infos=infos)
    n_words, n_sent = style["n_words"], style["n_sentences"]
    analysis = analyse_sentences(speech_id, doc, bounds, theme_lex, sentence_models, names=names)
    matches = analysis.theme_matches
    sentences = sentence_rows(speech_id, doc, matches, bounds=bounds, migration=analysis.flags)
    lists = doc_enumerations(doc, sent_starts=sentence_starts(doc), text=text)
    item_themes = [themes_in_range(matches, s, e, theme_lex.order)
                   for enum in lists for s, e in enum.items]
    return SpeechFeatures(
        sentences=analysis.rows, migration=analysis.migration, sentence_themes=sentences,
        themes=theme_rows(speech_id, sentences, matches, theme_lex, n_sentences=n_sent,
                          n_words=n_words, n_migration=analysis.migration["migration_sentences"]),
        priorities=priority_rows(speech_id, text, lists, item_themes),
        actors=actor_rows(speech_id, doc, actor_lex.matches(doc), actor_lex, n_words=n_words,
                          bounds=bounds),
        style=style, lemmas=content_lemmas(doc, infos))


def entity_documents(entities: pd.DataFrame | None, speech_ids: list[str]) -> list[list[str]] | None:
    """Per speech, the canonical names of its named-entity mentions (dates, numbers and
    amounts left out); None without an entities table."""
    if entities is None:
        return None
    if "label" in entities.columns:
        entities = entities[~entities["label"].isin(NUMERIC_LABELS)]
    name = "entity_name" if "entity_name" in entities.columns else "text"
    names = entities[name].fillna(entities.get("text", "")).astype(str).to_numpy(dtype=object)
    keys = pd.Index(pd.unique(np.asarray(speech_ids, dtype=object)))
    speech = keys.get_indexer(entities["speech_id"])
    order = np.argsort(speech, kind="stable")  # grouped by speech, in table order within one
    order = order[speech[order] >= 0]
    bounds = np.cumsum(np.bincount(speech[order], minlength=len(keys)))[:-1]
    grouped = dict(zip(keys, (part.tolist() for part in np.split(names[order], bounds)), strict=True))
    return [grouped[sid] for sid in speech_ids]


@dataclass(frozen=True)
class CorpusCounts:
    """The corpus's lemma counts (`count_matrix`): every speech, and the distinct speeches
    only (duplicates left out) with their ids."""

    counts: sparse.csr_matrix
    terms: np.ndarray
    unique_counts: sparse.csr_matrix
    unique_terms: np.ndarray
    unique_ids: list[str]


def corpus_counts(speech_ids: Sequence[str], lemmas: Sequence[Sequence[str]],
                  unique: Sequence[bool]) -> CorpusCounts:
    """Count the lemma lists once for keyness, similarity and topics (a second count of the
    distinct speeches only when there are duplicates: one can change which terms a row
    lists first, and so the order TF-IDF sums add up in)."""
    counts, terms = count_matrix(lemmas)
    counts_u, terms_u = (counts, terms) if all(unique) else \
        count_matrix([d for d, u in zip(lemmas, unique, strict=True) if u])
    return CorpusCounts(counts, terms, counts_u, terms_u,
                        [s for s, u in zip(speech_ids, unique, strict=True) if u])


def corpus_tables(speech_ids: list[str], corpus: CorpusCounts, unique: list[bool],
                  entity_docs: list[list[str]] | None) -> dict[str, pd.DataFrame]:
    """Keyness of lemmas and entities over the corpus (duplicates counted once)."""
    parts = [keyness_table(corpus.counts, corpus.terms, speech_ids, kind=LEMMA, in_reference=unique)]
    if entity_docs is not None:
        ecounts, eterms = count_matrix(entity_docs)
        parts.append(keyness_table(ecounts, eterms, speech_ids, kind=ENTITY, in_reference=unique))
    keyness = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) \
        else pd.DataFrame(columns=KEYNESS_COLUMNS)
    return {"keyness": keyness}


def model_tables(corpus: CorpusCounts) -> dict[str, pd.DataFrame]:
    """The scikit-learn tables of the distinct speeches: similarity (cosine of the TF-IDF
    weights of the same counts, `tfidf_weights`) and the topic model (topics, topic_terms)."""
    if corpus.unique_counts.nnz:
        similarity = similarity_table(tfidf_weights(corpus.unique_counts)[0], corpus.unique_ids)
    else:
        similarity = pd.DataFrame(columns=SIMILARITY_COLUMNS)
    topics, topic_terms = topic_model(corpus.unique_counts, corpus.unique_terms, corpus.unique_ids)
    return {"similarity": similarity, "topics": topics, "topic_terms": topic_terms}


def _model_worker(conn: Connection) -> None:
    """In the forked process: import scikit-learn, wait for a corpus, send back its
    `model_tables` (or the exception they raised)."""
    import sklearn.decomposition  # noqa: F401 - imported while the parent reads its inputs
    import sklearn.feature_extraction.text  # noqa: F401
    import sklearn.metrics.pairwise  # noqa: F401

    try:
        corpus = conn.recv()
    except EOFError:  # the parent computed them itself, or stopped
        return
    try:
        conn.send((True, model_tables(corpus)))
    except Exception as exc:  # handed to the parent, which raises it
        conn.send((False, exc))
    finally:
        conn.close()


StartModels = Callable[[CorpusCounts], ModelTables]


def _send_quietly(conn: Connection, corpus: CorpusCounts) -> None:
    """Send `corpus`; a process that died meanwhile shows as EOF when its result is read."""
    with suppress(OSError, ValueError):
        conn.send(corpus)


def start_here(corpus: CorpusCounts) -> ModelTables:
    """`model_tables` of `corpus`, computed in this process when asked for."""
    return partial(model_tables, corpus)


@contextmanager
def models_in_background(*, parallel: bool) -> Iterator[StartModels]:
    """Yields `start(corpus)`, which starts `model_tables(corpus)` and returns the function
    that returns them.

    With `parallel` and a platform that can fork, a process is forked at once: it imports
    scikit-learn (about 0.7 s) while this process reads its inputs, then computes the
    tables of the corpus it is sent (the topic model fit is the longest corpus step) while
    this process builds and writes the others. The same computation either way; the
    process is stopped when the block exits, and should it die the tables are computed
    here instead. Without `parallel`, `start_here`.
    """
    if not parallel or "fork" not in multiprocessing.get_all_start_methods() \
            or multiprocessing.current_process().daemon:  # a daemon process cannot have children
        yield start_here
        return
    context = multiprocessing.get_context("fork")
    conn, child_conn = context.Pipe(duplex=True)
    worker = context.Process(target=_model_worker, args=(child_conn,), daemon=True)
    try:
        worker.start()
    except OSError as exc:  # no process to be had (memory, process limits): compute them here
        log.warning("features: cannot start the model process (%s): computing the models here", exc)
        conn.close()
        child_conn.close()
        yield start_here
        return
    child_conn.close()

    def start(corpus: CorpusCounts) -> ModelTables:
        # Sent from a thread: the pipe holds 64 KiB and the process reads only once its
        # imports are done, which this process need not wait for.
        sender = threading.Thread(target=_send_quietly, args=(conn, corpus), daemon=True)
        sender.start()

        def result() -> dict[str, pd.DataFrame]:
            sender.join()
            try:
                ok, value = conn.recv()
            except EOFError:
                worker.join()
                log.warning("features: model process ended without a result (exit code %s): "
                            "computing the models here", worker.exitcode)
                return model_tables(corpus)
            if not ok:
                raise value
            return value

        return result

    try:
        yield start
    finally:
        conn.close()
        worker.join(timeout=1)
        if worker.is_alive():
            worker.terminate()
            worker.join()


def features_version(nlp: Language | None = None) -> str:
    """Version of the per-speech results: the code and resources that decide them, and the
    model (the configured one, read without loading it, when `nlp` is None)."""
    paths = [*modules(*VERSION_MODULES), config.THEMES_PATH, config.ACTORS_PATH,
             config.FRAMEWORK_LINKS_PATH, config.LIST_MARKERS_PATH, config.MIGRATION_CUES_PATH,
             config.MIGRATION_MODEL_PATH, config.THEME_MODEL_PATH]
    model = cache_fingerprint() if nlp is None else model_fingerprint(nlp, statistical_components(nlp))
    return fingerprint(paths, model)


def relabel(feats: SpeechFeatures, speech_id: str) -> SpeechFeatures:
    """`feats` with every row under `speech_id` (a cached result of the same text stored
    under another speech's id)."""
    if feats.style.get("speech_id") == speech_id:
        return feats

    def rows(items: list[dict]) -> list[dict]:
        return [{**row, "speech_id": speech_id} for row in items]

    return SpeechFeatures(sentences=rows(feats.sentences), migration={**feats.migration, "speech_id": speech_id},
                          sentence_themes=rows(feats.sentence_themes), themes=rows(feats.themes),
                          priorities=rows(feats.priorities), actors=rows(feats.actors),
                          style={**feats.style, "speech_id": speech_id}, lemmas=feats.lemmas)


# State of a worker process: the model and lexicons, loaded once by `_init_worker`.
_WORKER: dict = {}


def _init_worker(interim_dir: str) -> None:
    nlp = load_model()
    _WORKER.update(nlp=nlp, interim_dir=Path(interim_dir), theme_lex=load_lexicon(nlp),
                   actor_lex=load_actors(nlp), sentence_models=load_sentence_models(nlp))


def _analyse_in_worker(item: tuple[str, str, Sequence[tuple[int, int]]]) -> SpeechFeatures:
    speech_id, text, names = item
    doc = next(parsed_docs([text], _WORKER["interim_dir"], nlp=_WORKER["nlp"]))
    return analyse_speech(speech_id, doc, _WORKER["theme_lex"], _WORKER["actor_lex"],
                          _WORKER["sentence_models"], text=text, names=names)


def analyse_texts(speech_ids: Sequence[str], texts: Sequence[str], interim_dir: Path, *,
                  nlp: Language, n_process: int = 1,
                  names: Sequence[Sequence[tuple[int, int]]] | None = None) -> Iterator[SpeechFeatures]:
    """`analyse_speech` of each text, in order, its Doc taken from `parsed_docs` (`names`: each
    text's name spans).

    With `n_process` > 1 and at least MIN_PARALLEL texts, worker processes do the work,
    each loading the default model (`load_model()`) and the lexicons once.
    """
    names = [()] * len(texts) if names is None else names
    if n_process <= 1 or len(texts) < MIN_PARALLEL:
        theme_lex, actor_lex, models = load_lexicon(nlp), load_actors(nlp), load_sentence_models(nlp)
        docs = parsed_docs(list(texts), Path(interim_dir), nlp=nlp)
        for sid, text, doc, found in zip(speech_ids, texts, docs, names, strict=True):
            yield analyse_speech(sid, doc, theme_lex, actor_lex, models, text=text, names=found)
        return
    with ProcessPoolExecutor(max_workers=n_process, initializer=_init_worker,
                             initargs=(str(interim_dir),)) as pool:
        yield from pool.map(_analyse_in_worker, zip(speech_ids, texts, names, strict=True),
                            chunksize=WORKER_CHUNK)


def speech_features(speech_ids: Sequence[str], texts: Sequence[str], cache: SpeechCache,
                    interim_dir: Path, *, nlp: Language | None = None, n_process: int | None = None,
                    names: Sequence[Sequence[tuple[int, int]]] | None = None) -> tuple[list[SpeechFeatures], int]:
    """Each speech's features, from `cache` or analysed now (and stored); and how many came
    from the cache (`names`: each speech's name spans, part of its cache key). Only the
    speeches not in the cache have their Doc loaded, and the model (`load_model()` when `nlp`
    is None) only when some speech needs it."""
    names = [()] * len(texts) if names is None else names
    keys = [SpeechCache.key(t, repr(sorted(found))) for t, found in zip(texts, names, strict=True)]
    results: list[SpeechFeatures | None] = []
    for sid, key in zip(speech_ids, keys, strict=True):
        hit = cache.get(key)
        results.append(relabel(hit, sid) if isinstance(hit, SpeechFeatures) else None)
    todo = [i for i, r in enumerate(results) if r is None]
    if not todo:
        return results, len(texts)
    nlp = nlp or load_model()
    n_process = config.n_process_default() if n_process is None else n_process
    fresh = analyse_texts([speech_ids[i] for i in todo], [texts[i] for i in todo], interim_dir,
                          nlp=nlp, n_process=n_process, names=[names[i] for i in todo])
    progress = tqdm(fresh, total=len(todo), desc="features", unit="speech",
                    disable=None if len(todo) >= MIN_PARALLEL else True)
    for i, feats in zip(todo, progress, strict=True):
        cache.put(keys[i], feats)
        results[i] = feats
    return results, len(texts) - len(todo)


def build_tables(speeches: pd.DataFrame, per_speech: Sequence[SpeechFeatures], *,
                 entities: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Every features table for `speeches` from their per-speech features (same order)."""
    tables = dict(iter_tables(speeches, per_speech, entities=entities))
    return {name: tables[name] for name in TABLES}


def iter_tables(speeches: pd.DataFrame, per_speech: Sequence[SpeechFeatures], *,
                entities: pd.DataFrame | None = None,
                start_models: StartModels = start_here) -> Iterator[tuple[str, pd.DataFrame]]:
    """Every features table as (name, table), each as soon as it is ready, the similarity and
    topic tables last: `start_models` (see `models_in_background`) may compute them in a
    second process while the other tables are built and used (written)."""
    speech_ids = speeches["speech_id"].astype(str).tolist()
    unique = speeches["duplicate_of"].isna().tolist() if "duplicate_of" in speeches else \
        [True] * len(speech_ids)
    corpus = corpus_counts(speech_ids, [feats.lemmas for feats in per_speech], unique)
    models = start_models(corpus)
    for name, table in speech_tables(per_speech).items():
        yield name, _sorted(name, table)
    for name, table in corpus_tables(speech_ids, corpus, unique,
                                     entity_documents(entities, speech_ids)).items():
        yield name, _sorted(name, table)
    for name, table in models().items():
        yield name, _sorted(name, table)


def speech_tables(per_speech: Sequence[SpeechFeatures]) -> dict[str, pd.DataFrame]:
    """The tables made of per-speech rows, and the framework links of the themes."""
    rows: dict[str, list] = {k: [] for k in ("sentences", "migration", "sentence_themes", "themes",
                                             "priorities", "actors", "style")}
    for feats in per_speech:
        rows["sentences"].extend(feats.sentences)
        rows["migration"].append(feats.migration)
        rows["sentence_themes"].extend(feats.sentence_themes)
        rows["themes"].extend(feats.themes)
        rows["priorities"].extend(feats.priorities)
        rows["actors"].extend(feats.actors)
        rows["style"].append(feats.style)
    tables = {
        "sentences": pd.DataFrame(rows["sentences"], columns=SENTENCE_COLUMNS),
        "migration": pd.DataFrame(rows["migration"], columns=MIGRATION_COLUMNS),
        "sentence_themes": pd.DataFrame(rows["sentence_themes"], columns=SENTENCE_THEME_COLUMNS),
        "themes": pd.DataFrame(rows["themes"], columns=THEME_COLUMNS),
        "priorities": _priorities_frame(rows["priorities"]),
        "actors": pd.DataFrame(rows["actors"], columns=ACTOR_COLUMNS),
        "style": pd.DataFrame(rows["style"], columns=STYLE_COLUMNS),
    }
    frameworks = load_frameworks()
    tables["gcm_objectives"] = framework_table(tables["themes"], tables["sentence_themes"],
                                               frameworks["objectives"], key_name="objective")
    tables["sdg_targets"] = framework_table(tables["themes"], tables["sentence_themes"],
                                            frameworks["targets"], key_name="target")
    return tables


def _priorities_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=PRIORITY_COLUMNS)
    frame["announced"] = frame["announced"].astype("Int64")
    frame["count_mismatch"] = frame["count_mismatch"].astype(bool)
    return frame


SORT_KEYS = {
    "sentences": ["speech_id", "sentence_id"],
    "migration": ["speech_id"],
    "sentence_themes": ["speech_id", "sentence_id", "theme"],
    "priorities": ["speech_id", "list_id", "rank"],
    "style": ["speech_id"],
}


def _sorted(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    keys = SORT_KEYS.get(name)
    if keys and len(frame):
        frame = frame.sort_values(keys, kind="mergesort")
    return frame.reset_index(drop=True)


def entity_names(entities: pd.DataFrame | None, speech_ids: Sequence[str]) -> list[list[tuple[int, int]]]:
    """Per speech, the character spans of its organisation, agenda and event names in the text."""
    if entities is None or not len(entities):
        return [[] for _ in speech_ids]
    names = entities[entities["label"].isin(NAME_LABELS) & (entities["section"] == "text")]
    spans: dict[str, list[tuple[int, int]]] = {}
    for sid, s, e in zip(names["speech_id"], names["start_char"], names["end_char"], strict=True):
        spans.setdefault(sid, []).append((int(s), int(e)))
    return [sorted(set(spans.get(sid, []))) for sid in speech_ids]


def read_entities(processed_dir: Path) -> pd.DataFrame | None:
    """PROCESSED/entities when the entities stage has written it, else None (with a warning)."""
    try:
        return read_table(processed_dir, config.ENTITIES_TABLE)
    except FileNotFoundError:
        log.warning("features: no %s table in %s: entity keyness skipped",
                    config.ENTITIES_TABLE, processed_dir)
        return None


def main(processed_dir: Path, out_dir: Path, *, interim_dir: Path = config.INTERIM_DIR,
         n_process: int | None = None) -> int:
    """Run the features stage; return the exit status."""
    start = time.perf_counter()
    speeches = read_table(Path(processed_dir), config.SPEECHES_TABLE)
    cache = SpeechCache(Path(interim_dir), CACHE_NAMESPACE, features_version())
    n_process = config.n_process_default() if n_process is None else n_process
    n_distinct = int(speeches["duplicate_of"].isna().sum()) if "duplicate_of" in speeches else len(speeches)
    tables = {}
    entities = read_entities(Path(processed_dir))
    speech_ids = speeches["speech_id"].astype(str).tolist()
    with models_in_background(parallel=n_process > 1 and n_distinct >= PARALLEL_TOPICS_MIN) as start_models:
        per_speech, n_cached = speech_features(speech_ids, speeches["text"].fillna("").tolist(), cache,
                                               Path(interim_dir), n_process=n_process,
                                               names=entity_names(entities, speech_ids))
        with closing(iter_tables(speeches, per_speech, entities=entities,
                                 start_models=start_models)) as ready:
            for name, frame in ready:
                write_table(frame, Path(out_dir), name)
                tables[name] = frame
    cache.prune()
    seconds = time.perf_counter() - start
    words = int(tables["style"]["n_words"].sum()) if len(tables["style"]) else 0
    n_lists = tables["priorities"][["speech_id", "list_id"]].drop_duplicates().shape[0]
    log.info("features: %d speeches (%d from cache), %d words, %d theme sentences, %d lists, "
             "%.1f s (%.0f words/s) -> %s", len(speeches), n_cached, words,
             len(tables["sentence_themes"]), n_lists, seconds, words / seconds if seconds else 0.0,
             out_dir)
    return 0
