"""Keyness: which lemmas (and entities) a speech uses more, or less, than the others.

Each speech (the target) is compared with the rest of the corpus (the
reference: corpus totals minus the target's own counts, so the work is one
sparse matrix and a few vectorised operations, whatever the corpus size; with
two speeches it is one against the other). Speeches that duplicate another
are left out of the corpus totals; each is compared with the corpus minus the
speech it copies, so it gets the same keyness as its original. Only terms a
speech uses are scored (a sparse matrix): "reference" rows are terms it uses
less than the others, not terms it never uses.

Two measures per term:
- log-likelihood G2 (Dunning 1993; Rayson and Garside 2000) with its p-value
  (chi-squared, one degree of freedom) and the log ratio effect size
  (Hardie 2014: log2 of the ratio of relative frequencies, 0.5 added to a
  zero count);
- the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi
  and Quinn 2008, "Fightin' words"), as a z-score; the prior is the corpus
  frequency of each term scaled to `prior_size` pseudo-counts.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.special import chdtrc
from sklearn.feature_extraction.text import CountVectorizer

from pipeline.tables import columns, frame

DEFAULT_PRIOR_SIZE = 1000.0
DEFAULT_TOP_N = 50


def tokens(document: Sequence[str]) -> Sequence[str]:
    """The analyzer of pre-tokenised documents: the document itself."""
    return document


def count_matrix(documents: Sequence[Sequence[str]]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Sparse document x term counts of pre-tokenised documents (scikit-learn's
    `CountVectorizer`), and the terms (sorted); no columns when there is no token."""
    if not any(documents):
        return sparse.csr_matrix((len(documents), 0), dtype=np.int64), np.array([], dtype=object)
    vectorizer = CountVectorizer(analyzer=tokens, lowercase=False)
    return vectorizer.fit_transform(documents), vectorizer.get_feature_names_out()


def log_likelihood(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """G2 for counts `a` (target) and `b` (reference) out of totals `c` and `d`."""
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(a / e1), 0.0)
        t2 = np.where(b > 0, b * np.log(b / e2), 0.0)
    return 2.0 * (t1 + t2)


def log_ratio(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Hardie's log ratio: log2 of the relative-frequency ratio (0.5 for a zero count)."""
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    return np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d))


def log_odds_z(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray, prior: np.ndarray,
               prior_total: float) -> np.ndarray:
    """Monroe et al. (2008) z-score of the log-odds ratio with Dirichlet prior `prior`
    (pseudo-counts per term, summing to `prior_total`)."""
    a, b, c, d, prior = (np.asarray(x, dtype=float) for x in (a, b, c, d, prior))
    delta = (np.log((a + prior) / (c + prior_total - a - prior))
             - np.log((b + prior) / (d + prior_total - b - prior)))
    variance = 1.0 / (a + prior) + 1.0 / (b + prior)
    return delta / np.sqrt(variance)


def keyness_table(counts: sparse.csr_matrix, terms: np.ndarray, speech_ids: Sequence[str], *,
                  kind: str, in_reference: Sequence[bool] | None = None,
                  prior_size: float = DEFAULT_PRIOR_SIZE, top_n: int = DEFAULT_TOP_N) -> pd.DataFrame:
    """Keyness of every term of every speech against the rest of the corpus.

    `in_reference[i]` says whether speech i counts in the corpus totals (False
    for duplicates, whose text equals a speech that counts). Keeps the `top_n` terms by G2 in each direction per speech.
    """
    n_docs = counts.shape[0]
    if n_docs < 2 or counts.shape[1] == 0:
        return frame("keyness")
    mask = np.ones(n_docs, bool) if in_reference is None else np.asarray(in_reference, bool)
    total_terms = np.asarray(counts[mask].sum(axis=0)).ravel().astype(float)
    grand = total_terms.sum()
    prior = prior_size * total_terms / grand
    doc_totals = np.asarray(counts.sum(axis=1)).ravel().astype(float)
    coo = counts.tocoo()
    rows, cols, a = coo.row, coo.col, coo.data.astype(float)
    # A duplicate has the same counts as the speech it copies, so subtracting its
    # own counts removes that original from its reference as well.
    b = total_terms[cols] - a
    c = doc_totals[rows]
    d = grand - c
    keep = (b >= 0) & (d > 0) & (c > 0)
    rows, cols, a, b, c, d = rows[keep], cols[keep], a[keep], b[keep], c[keep], d[keep]
    g2 = log_likelihood(a, b, c, d)
    is_target = a >= c * (a + b) / (c + d)
    speech_rank = np.unique(np.asarray(speech_ids, dtype=object), return_inverse=True)[1]
    term_rank = np.unique(np.asarray(terms, dtype=object), return_inverse=True)[1]
    keep = top_rows(speech_rank[rows], is_target, g2, term_rank[cols], top_n)
    rows, cols, a, b, c, d, g2, is_target = (x[keep] for x in (rows, cols, a, b, c, d, g2, is_target))
    table = pd.DataFrame({
        "speech_id": np.asarray(speech_ids, dtype=object)[rows], "kind": kind,
        "term": terms[cols], "count_target": a.astype(np.int64), "count_reference": b.astype(np.int64),
        "g2": g2, "p_value": chdtrc(1, g2), "log_ratio": log_ratio(a, b, c, d),
        "log_odds_z": log_odds_z(a, b, c, d, prior[cols], prior_size),
        "direction": np.where(is_target, "target", "reference")})
    return table[columns("keyness")]


def top_rows(speech_rank: np.ndarray, is_target: np.ndarray, g2: np.ndarray, term: np.ndarray,
             top_n: int) -> np.ndarray:
    """Positions of the `top_n` rows by G2 per speech and direction, in output order: speech
    (`speech_rank`: the rank of its id), "target" before "reference", G2 descending, term
    (`term`: its rank) ascending. Only the kept rows are ever turned into a table."""
    group = np.asarray(speech_rank, dtype=np.int64) * 2 + ~np.asarray(is_target, dtype=bool)
    order = np.lexsort((term, -g2, group))
    group = group[order]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    position = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    return order[position < top_n]
