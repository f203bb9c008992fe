"""Features stage: what each speech talks about, lists, addresses, and how it differs.

Reads PROCESSED/speeches and PROCESSED/entities, takes each speech's parsed Doc
from the shared cache (pipeline.nlp.parsed_docs: nothing is parsed twice) and
writes, in PROCESSED:

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
corpus-wide steps (keyness, similarity, topics) run on the cached results.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from spacy.attrs import LEMMA as LEMMA_ATTR
from spacy.language import Language
from spacy.tokens import Doc
from tqdm import tqdm

from pipeline import config, stages
from pipeline.actors import actor_rows, load_actors
from pipeline.enumerations import doc_enumerations, priority_rows
from pipeline.keyness import count_matrix, keyness_table
from pipeline.nlp import cache_fingerprint, load_model, model_fingerprint, parsed_docs, statistical_components
from pipeline.sentences import NAME_LABELS, SentenceModels, analyse_sentences, load_sentence_models
from pipeline.speechcache import SpeechCache
from pipeline.storage import read_table, write_tables
from pipeline.stylometry import WORDS, WordInfo, similarity_table, style_row, tfidf, topic_model
from pipeline.tables import frame, written_by
from pipeline.themes import (
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

LEMMA = "lemma"
ENTITY = "entity"
# Entity labels that are quantities, not named things: left out of entity keyness.
NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})
# Per-speech results are cached under INTERIM/features/<version>/ (pipeline/speechcache.py);
# the version hashes the stage's inputs (pipeline/stages.py) and the model.
CACHE_NAMESPACE = "features"
# Fewer speeches to analyse than this: one process (starting workers costs more).
MIN_PARALLEL = 20
WORKER_CHUNK = 4


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


def entity_documents(entities: pd.DataFrame, speech_ids: list[str]) -> list[list[str]]:
    """Per speech, the canonical names of its named-entity mentions, in table order (dates,
    numbers and amounts left out)."""
    named = entities[~entities["label"].isin(NUMERIC_LABELS)]
    grouped = named.groupby("speech_id", sort=False)["entity_name"].agg(list)
    return [grouped.get(sid, []) for sid in speech_ids]


def corpus_tables(speech_ids: list[str], lemmas: Sequence[list[str]], unique: list[bool],
                  entity_docs: list[list[str]]) -> dict[str, pd.DataFrame]:
    """Keyness of lemmas and entities over the corpus (duplicates count once in the reference),
    and the similarity and topics of the distinct speeches."""
    parts = [keyness_table(*count_matrix(docs), speech_ids, kind=kind, in_reference=unique)
             for kind, docs in ((LEMMA, lemmas), (ENTITY, entity_docs))]
    parts = [p for p in parts if len(p)]
    distinct_ids = [s for s, u in zip(speech_ids, unique, strict=True) if u]
    distinct = [d for d, u in zip(lemmas, unique, strict=True) if u]
    topics, topic_terms = topic_model(distinct, distinct_ids)
    return {"keyness": pd.concat(parts, ignore_index=True) if parts else frame("keyness"),
            "similarity": similarity_table(tfidf(distinct)[0], distinct_ids) if any(distinct)
            else frame("similarity"),
            "topics": topics, "topic_terms": topic_terms}


def features_version(nlp: Language | None = None) -> str:
    """Version of the per-speech results: the stage's inputs (`stages.version`) and the
    model (the configured one, read without loading it, when `nlp` is None)."""
    model = cache_fingerprint() if nlp is None else model_fingerprint(nlp, statistical_components(nlp))
    return stages.version("features", model)


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


def build_tables(speeches: pd.DataFrame, entities: pd.DataFrame,
                 per_speech: Sequence[SpeechFeatures]) -> dict[str, pd.DataFrame]:
    """Every features table for `speeches` from their per-speech features (same order) and
    their `entities`."""
    speech_ids = speeches["speech_id"].tolist()
    unique = speeches["duplicate_of"].isna().tolist()
    tables = {**speech_tables(per_speech),
              **corpus_tables(speech_ids, [feats.lemmas for feats in per_speech], unique,
                              entity_documents(entities, speech_ids))}
    return {name: _sorted(name, tables[name]) for name in written_by("features")}


def speech_tables(per_speech: Sequence[SpeechFeatures]) -> dict[str, pd.DataFrame]:
    """The tables made of per-speech rows, and the framework links of the themes."""
    names = ("sentences", "sentence_themes", "themes", "priorities", "actors")
    tables = {name: frame(name, (row for feats in per_speech for row in getattr(feats, name)))
              for name in names}
    tables["migration"] = frame("migration", (feats.migration for feats in per_speech))
    tables["style"] = frame("style", (feats.style for feats in per_speech))
    frameworks = load_frameworks()
    tables["gcm_objectives"] = framework_table(tables["themes"], tables["sentence_themes"],
                                               frameworks["objectives"], key_name="objective")
    tables["sdg_targets"] = framework_table(tables["themes"], tables["sentence_themes"],
                                            frameworks["targets"], key_name="target")
    return tables


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


def main(processed_dir: Path, out_dir: Path, *, interim_dir: Path = config.INTERIM_DIR,
         n_process: int | None = None) -> int:
    """Read PROCESSED/speeches and PROCESSED/entities, write the features tables; return the
    exit status."""
    start = time.perf_counter()
    speeches = read_table(Path(processed_dir), "speeches")
    entities = read_table(Path(processed_dir), "entities")
    cache = SpeechCache(Path(interim_dir), CACHE_NAMESPACE, features_version())
    speech_ids = speeches["speech_id"].tolist()
    per_speech, n_cached = speech_features(speech_ids, speeches["text"].tolist(),
                                           cache, Path(interim_dir), n_process=n_process,
                                           names=entity_names(entities, speech_ids))
    tables = build_tables(speeches, entities, per_speech)
    write_tables(tables, Path(out_dir))
    cache.prune()
    seconds = time.perf_counter() - start
    words = int(tables["style"]["n_words"].sum())
    n_lists = tables["priorities"][["speech_id", "list_id"]].drop_duplicates().shape[0]
    log.info("features: %d speeches (%d from cache), %d words, %d theme sentences, %d lists, "
             "%.1f s (%.0f words/s) -> %s", len(speeches), n_cached, words,
             len(tables["sentence_themes"]), n_lists, seconds, words / seconds if seconds else 0.0,
             out_dir)
    return 0
