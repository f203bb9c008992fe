"""Style and comparison: length, lexical diversity, readability, similarity, topics.

- Per speech: words, sentences, mean sentence length, MATTR (moving-average
  type-token ratio, Covington and McFall 2010, window of 100 words), types, and
  the Flesch reading ease (Flesch 1948) with syllables counted by vowel groups.
- TF-IDF cosine similarity between speeches (scikit-learn) on content lemmas.
- For 10 or more distinct speeches, an NMF topic model (scikit-learn) on the
  TF-IDF of the lemmas in at least 2 (from 200 speeches, 5) and at most half of
  the speeches: top terms per topic and the topic mix of each speech.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity
from spacy.attrs import ORTH
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.keyness import tokens
from pipeline.tables import frame
from pipeline.themes import sentence_bounds

READABILITY_INDEX = "Flesch reading ease"
MATTR_WINDOW = 100
MIN_TOPIC_SPEECHES = 10
# Above this many distinct speeches, similarity keeps each speech's nearest neighbours only.
ALL_PAIRS_MAX = 300
NEAREST = 25
TOP_TOPIC_TERMS = 15
SEED = 0
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


def tfidf(documents: Sequence[Sequence[str]], *, min_df: int | float = 1,
          max_df: int | float = 1.0) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Sublinear TF-IDF (l2-normalised rows) of pre-tokenised documents, scikit-learn's
    `TfidfVectorizer`, and its terms: those in at least `min_df` and at most `max_df`
    documents (a number, or a share when a float).

    Raises ValueError when no term is left (or `max_df` allows fewer documents than `min_df`).
    """
    vectorizer = TfidfVectorizer(analyzer=tokens, lowercase=False, sublinear_tf=True,
                                 min_df=min_df, max_df=max_df)
    return vectorizer.fit_transform(documents), vectorizer.get_feature_names_out()


def similarity_table(matrix, speech_ids: Sequence[str], *, all_pairs_max: int = ALL_PAIRS_MAX,
                     nearest: int = NEAREST) -> pd.DataFrame:
    """Cosine similarity of every pair of speeches (diagonal included); for corpora larger
    than `all_pairs_max`, each speech's `nearest` neighbours and itself."""
    n = matrix.shape[0]
    if n == 0:
        return frame("similarity")
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


def topic_model(documents: Sequence[Sequence[str]], speech_ids: Sequence[str], *,
                n_topics: int | None = None, min_speeches: int = MIN_TOPIC_SPEECHES,
                top_terms: int = TOP_TOPIC_TERMS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """NMF topics of the speeches whose content lemmas are `documents`, on their `tfidf`:
    (topic mix per speech, top terms per topic); empty tables below `min_speeches` or with
    fewer terms than topics."""
    n = len(documents)
    if n < min_speeches:
        return frame("topics"), frame("topic_terms")
    k = n_topics or int(min(20, max(3, round(np.sqrt(n / 2)))))
    try:
        matrix, terms = tfidf(documents, min_df=2 if n < 200 else 5, max_df=0.5)
    except ValueError:  # no term in at least min_df and at most max_df of the speeches
        terms = ()
    if len(terms) < k:
        return frame("topics"), frame("topic_terms")
    model = NMF(n_components=k, init="nndsvda", random_state=SEED, max_iter=400)
    weights = model.fit_transform(matrix)
    totals = weights.sum(axis=1, keepdims=True)
    mix = np.divide(weights, totals, out=np.zeros_like(weights), where=totals > 0)
    topics = pd.DataFrame({"speech_id": np.repeat(np.asarray(speech_ids, dtype=object), k),
                           "topic": np.tile(np.arange(1, k + 1), n), "weight": mix.ravel()})
    rows = []
    for t, comp in enumerate(model.components_, start=1):
        for rank, j in enumerate(np.argsort(-comp, kind="stable")[:top_terms], start=1):
            rows.append({"topic": t, "rank": rank, "term": terms[j], "weight": float(comp[j])})
    return topics, frame("topic_terms", rows)
