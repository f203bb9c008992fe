"""Style and comparison: length, lexical diversity, readability, similarity, topics.

- Per speech: words, sentences, mean sentence length, MATTR (moving-average
  type-token ratio, Covington and McFall 2010, window of 100 words), types, and
  the Flesch reading ease (Flesch 1948) with syllables counted by vowel groups.
- TF-IDF cosine similarity between speeches (scikit-learn) on content lemmas.
- For 10 or more distinct speeches, an NMF topic model (scikit-learn) on the
  same TF-IDF matrix: top terms per topic and the topic mix of each speech.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Integral

import numpy as np
import pandas as pd
from scipy import sparse
from spacy.attrs import ORTH
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.keyness import count_matrix
from pipeline.themes import sentence_bounds

STYLE_COLUMNS = ["speech_id", "n_words", "n_sentences", "mean_sentence_length", "mattr",
                 "n_types", "syllables_per_word", "readability", "readability_index"]
SIMILARITY_COLUMNS = ["speech_a", "speech_b", "cosine"]
TOPIC_COLUMNS = ["speech_id", "topic", "weight"]
TOPIC_TERM_COLUMNS = ["topic", "rank", "term", "weight"]
READABILITY_INDEX = "Flesch reading ease"
MATTR_WINDOW = 100
MIN_TOPIC_SPEECHES = 10
# Above this many distinct speeches, similarity keeps each speech's nearest neighbours only.
ALL_PAIRS_MAX = 300
NEAREST = 25
TOP_TOPIC_TERMS = 15
SEED = 0
# SKLEARN_IMPORT: scikit-learn is imported inside the functions that use it. Its import
# (about 0.7 s, mostly scipy.stats) is then paid only where the similarity and topic tables
# are computed, which for large corpora is a second process (pipeline.features).
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def is_word(token) -> bool:
    """A token that counts as a word: letters or a number, not punctuation or space."""
    return not (token.is_punct or token.is_space) and (token.is_alpha or token.like_num
                                                      or any(ch.isalpha() for ch in token.text))


@dataclass(frozen=True)
class WordInfo:
    """What the style and lemma measures need to know of one token text (a lexeme)."""

    is_word: bool
    lower: str
    syllables: int
    is_content: bool  # a word, not a stop word, with a letter and more than one character


def word_info(lexeme) -> WordInfo:
    """The `WordInfo` of a spaCy Lexeme (or Token: the attributes are the lexeme's)."""
    word = is_word(lexeme)
    lower = lexeme.text.lower()
    has_alpha = any(ch.isalpha() for ch in lexeme.text)
    return WordInfo(is_word=word, lower=lower, syllables=syllables(lower) if lower.isalpha() else 1,
                    is_content=word and not lexeme.is_stop and has_alpha and len(lexeme.text) > 1)


class WordTable:
    """`WordInfo` per lexeme id, computed once per process and token text."""

    def __init__(self) -> None:
        self._info: dict[int, WordInfo] = {}

    def infos(self, doc: Doc) -> list[WordInfo]:
        """The `WordInfo` of each token of `doc`."""
        return [self.get(orth, doc.vocab) for orth in doc.to_array([ORTH]).ravel().tolist()]

    def get(self, orth: int, vocab: Vocab) -> WordInfo:
        """The `WordInfo` of the lexeme `orth` of `vocab`."""
        info = self._info.get(orth)
        if info is None:
            info = self._info[orth] = word_info(vocab[orth])
        return info


WORDS = WordTable()


def syllables(word: str) -> int:
    """Syllables of an English word by vowel groups (a silent final 'e' dropped), at least 1."""
    w = word.lower()
    n = len(_VOWEL_GROUPS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee")) and n > 1:
        n -= 1
    return max(1, n)


def mattr(words: Sequence[str], window: int = MATTR_WINDOW) -> float:
    """Moving-average type-token ratio; the plain ratio when the text is shorter than `window`.

    Counted without sliding a window: a word at position i is new in every window
    [j, j + window) that starts after its previous occurrence p and at or before i,
    so the sum of the windows' type counts is a sum over positions.
    """
    if not words:
        return 0.0
    n = len(words)
    if n <= window:
        return len(set(words)) / n
    last: dict[str, int] = {}
    previous = np.empty(n, dtype=np.int64)
    for i, w in enumerate(words):
        previous[i] = last.get(w, -1)
        last[w] = i
    pos = np.arange(n, dtype=np.int64)
    first = np.maximum(previous + 1, pos - window + 1)
    final = np.minimum(pos, n - window)
    total = int(np.clip(final - first + 1, 0, None).sum())
    return total / ((n - window + 1) * window)


def flesch_reading_ease(n_words: int, n_sentences: int, n_syllables: int) -> float:
    """206.835 - 1.015 words/sentence - 84.6 syllables/word (NaN for an empty text)."""
    if not n_words or not n_sentences:
        return float("nan")
    return 206.835 - 1.015 * n_words / n_sentences - 84.6 * n_syllables / n_words


def style_row(speech_id: str, doc: Doc, *, bounds: Sequence[tuple[int, int]] | None = None,
              infos: Sequence[WordInfo] | None = None) -> dict:
    """The style measures of one parsed speech (`bounds`: its `sentence_bounds`, `infos`: its
    tokens' `WordInfo`, when already computed)."""
    bounds = sentence_bounds(doc) if bounds is None else bounds
    infos = WORDS.infos(doc) if infos is None else infos
    is_w = [i.is_word for i in infos]
    words = [i.lower for i, w in zip(infos, is_w, strict=True) if w]
    # before[k]: words among the first k tokens, so sentence [s, e) has one iff before[e] > before[s].
    before = np.concatenate([[0], np.cumsum(is_w, dtype=np.int64)]).tolist()
    n_sent = sum(1 for s, e in bounds if before[e] > before[s])
    n_syll = sum(i.syllables for i, w in zip(infos, is_w, strict=True) if w)
    n = len(words)
    return {"speech_id": speech_id, "n_words": n, "n_sentences": n_sent,
            "mean_sentence_length": n / n_sent if n_sent else 0.0, "mattr": mattr(words),
            "n_types": len(set(words)), "syllables_per_word": n_syll / n if n else 0.0,
            "readability": flesch_reading_ease(n, n_sent, n_syll),
            "readability_index": READABILITY_INDEX}


def tfidf_weights(counts: sparse.csr_matrix, *, min_df: int | float = 1,
                  max_df: int | float = 1.0) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Sublinear TF-IDF (l2-normalised rows) of a document x term count matrix
    (`pipeline.keyness.count_matrix`), and the positions of the terms it keeps: those in
    at least `min_df` and at most `max_df` documents (a number, or a share when a float).

    The same matrix, entry for entry, as scikit-learn's `TfidfVectorizer(sublinear_tf=True)`
    fitted on the documents, so one count matrix serves keyness, similarity and topics.
    Raises ValueError when `max_df` allows fewer documents than `min_df`.
    """
    n_docs, n_terms = counts.shape
    high = max_df if isinstance(max_df, Integral) else max_df * n_docs
    low = min_df if isinstance(min_df, Integral) else min_df * n_docs
    if high < low:
        raise ValueError("max_df corresponds to < documents than min_df")
    df = np.bincount(counts.indices, minlength=n_terms)
    kept = (df <= high) & (df >= low)
    if not kept.any():
        return sparse.csr_matrix((n_docs, 0), dtype=np.float64), np.flatnonzero(kept)
    # Drop the other columns entry by entry, so each row keeps its entries' order.
    entry_kept = kept[counts.indices]
    indptr = np.concatenate([[0], np.cumsum(entry_kept)])[counts.indptr]
    pruned = sparse.csr_matrix((counts.data[entry_kept].astype(np.float64),
                                (np.cumsum(kept) - 1)[counts.indices[entry_kept]], indptr),
                               shape=(n_docs, int(kept.sum())))
    from sklearn.feature_extraction.text import TfidfTransformer  # see SKLEARN_IMPORT

    return TfidfTransformer(sublinear_tf=True).fit_transform(pruned), np.flatnonzero(kept)


def tfidf(documents: Sequence[Sequence[str]], *, min_df: int | float = 1,
          max_df: int | float = 1.0) -> tuple[sparse.csr_matrix, np.ndarray]:
    """A TF-IDF matrix (`tfidf_weights`) of pre-tokenised documents, and its terms."""
    counts, terms = count_matrix(documents)
    matrix, kept = tfidf_weights(counts, min_df=min_df, max_df=max_df)
    return matrix, terms[kept]


def similarity_table(matrix, speech_ids: Sequence[str], *, all_pairs_max: int = ALL_PAIRS_MAX,
                     nearest: int = NEAREST) -> pd.DataFrame:
    """Cosine similarity of every pair of speeches (diagonal included); for corpora larger
    than `all_pairs_max`, each speech's `nearest` neighbours and itself."""
    n = matrix.shape[0]
    if n == 0:
        return pd.DataFrame(columns=SIMILARITY_COLUMNS)
    from sklearn.metrics.pairwise import cosine_similarity  # see SKLEARN_IMPORT

    ids = np.asarray(speech_ids, dtype=object)
    sims = cosine_similarity(matrix, dense_output=True)
    if n <= all_pairs_max:
        a, b = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
        a, b = a.ravel(), b.ravel()
    else:
        k = min(nearest + 1, n)
        order = np.argsort(-sims, axis=1, kind="stable")[:, :k]
        a = np.repeat(np.arange(n), k)
        b = order.ravel()
        diag = np.arange(n)
        missing = ~(order == diag[:, None]).any(axis=1)
        a = np.concatenate([a, diag[missing]])
        b = np.concatenate([b, diag[missing]])
    table = pd.DataFrame({"speech_a": ids[a], "speech_b": ids[b], "cosine": sims[a, b]})
    return table.sort_values(["speech_a", "speech_b"], kind="mergesort").reset_index(drop=True)


def topic_model(counts: sparse.csr_matrix, terms: np.ndarray, speech_ids: Sequence[str], *,
                n_topics: int | None = None, min_speeches: int = MIN_TOPIC_SPEECHES,
                top_terms: int = TOP_TOPIC_TERMS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """NMF topics of the speeches whose term counts (`pipeline.keyness.count_matrix`) are
    the rows of `counts`: (topic mix per speech, top terms per topic); empty tables below
    `min_speeches` or with fewer terms than topics."""
    n = counts.shape[0]
    if n < min_speeches:
        return pd.DataFrame(columns=TOPIC_COLUMNS), pd.DataFrame(columns=TOPIC_TERM_COLUMNS)
    k = n_topics or int(min(20, max(3, round(np.sqrt(n / 2)))))
    matrix, kept = tfidf_weights(counts, min_df=2 if n < 200 else 5, max_df=0.5)
    if matrix.shape[1] < k:
        return pd.DataFrame(columns=TOPIC_COLUMNS), pd.DataFrame(columns=TOPIC_TERM_COLUMNS)
    from sklearn.decomposition import NMF  # see SKLEARN_IMPORT

    model = NMF(n_components=k, init="nndsvda", random_state=SEED, max_iter=400)
    weights = model.fit_transform(matrix)
    totals = weights.sum(axis=1, keepdims=True)
    mix = np.divide(weights, totals, out=np.zeros_like(weights), where=totals > 0)
    topics = pd.DataFrame({"speech_id": np.repeat(np.asarray(speech_ids, dtype=object), k),
                           "topic": np.tile(np.arange(1, k + 1), n), "weight": mix.ravel()})
    terms = np.asarray(terms, dtype=object)[kept]
    rows = []
    for t, comp in enumerate(model.components_, start=1):
        for rank, j in enumerate(np.argsort(-comp, kind="stable")[:top_terms], start=1):
            rows.append({"topic": t, "rank": rank, "term": terms[j], "weight": float(comp[j])})
    return topics, pd.DataFrame(rows, columns=TOPIC_TERM_COLUMNS)
