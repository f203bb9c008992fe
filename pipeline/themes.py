"""Theme lexicon: which sentences of a speech talk about which theme, with evidence.

The lexicon (pipeline/resources/themes.yaml) lists for each theme its terms,
written as ordinary words or dictionary forms ("human right", "remittance",
"whole-of-government"). Terms go into a spaCy `PhraseMatcher` that runs over
two key copies of the parsed Doc whose LEMMA is each token's match key: its
lemma or its lower-cased text, whichever the lexicon uses (lemma first in one
Doc, text first in the other; the text without a plural "s"/"es" as a last
resort). So "rights", "Remittances" and
"Governments" (tagged PROPN, lemma unchanged) are all found, on tokens and
lemmas, never by raw substring search. `exclude` terms veto overlapping matches ("Security
Council" is not the security theme).

The same `Lexicon` serves the actor groups (pipeline/actors.py).
Assignment is sentence-level and multi-label: a sentence belongs to every
theme one of whose terms it contains.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from spacy.attrs import IS_SPACE, LEMMA, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from pipeline import config

# Where a sentence's theme comes from: a lexicon term, or a learned classifier (its evidence
# is then the sentence's words that weigh most for the theme).
LEXICON_SOURCE = "lexicon"
# A theme's `context`: `any` sentence, or only sentences about `migration` (the migration flag).
CONTEXTS = ("any", "migration")
EXCLUDE_KEY = "__exclude__"
PLURAL_SUFFIXES = ("es", "s")


@dataclass(frozen=True)
class Category:
    """One theme (or actor group) of a lexicon."""

    id: str
    label: str
    terms: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    description: str = ""
    context: str = "any"
    in_names: bool = False  # its terms count inside an organisation's, agenda's or event's name


@dataclass(frozen=True)
class Match:
    """One lexicon hit (or, with another `source`, a classifier's evidence word): category,
    token span, character span and the matched text."""

    category: str
    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    source: str = LEXICON_SOURCE


@dataclass
class Lexicon:
    """Categories and the compiled Matcher that finds their terms in a Doc."""

    categories: dict[str, Category]
    matcher: PhraseMatcher
    excluder: PhraseMatcher | None = None
    order: list[str] = field(default_factory=list)
    vocabulary: frozenset[str] = frozenset()
    # (orth id, lemma id) -> hashes of the token's two match keys, filled as Docs are matched.
    key_cache: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict, repr=False,
                                                              compare=False)

    def matches(self, doc: Doc) -> list[Match]:
        """Non-overlapping-within-category hits in `doc`, in text order (longest wins)."""
        return find_matches(doc, self)


def load_categories(path: Path, key: str = "themes") -> list[Category]:
    """Read the categories under `key` of a lexicon YAML file.

    Raises ValueError when an entry has no id or no terms, an id repeats, or its context
    is not one of CONTEXTS.
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    seen: set[str] = set()
    out = []
    for entry in data.get(key) or []:
        cid = entry.get("id")
        terms = tuple(str(t) for t in entry.get("terms") or [])
        if not cid or not terms:
            raise ValueError(f"{path}: every entry under '{key}' needs an id and terms: {entry!r}")
        if cid in seen:
            raise ValueError(f"{path}: duplicate id '{cid}'")
        seen.add(cid)
        context = entry.get("context") or "any"
        if context not in CONTEXTS:
            raise ValueError(f"{path}: '{cid}' has context '{context}', not one of {CONTEXTS}")
        out.append(Category(id=cid, label=entry.get("label") or cid, terms=terms,
                            exclude=tuple(str(t) for t in entry.get("exclude") or []),
                            description=entry.get("description") or "", context=context,
                            in_names=bool(entry.get("in_names", False))))
    return out


def _words(term: str, nlp: Language) -> list[str]:
    return [t.text.lower() for t in nlp.make_doc(term) if not t.is_space]


def _key_pattern(words: list[str], nlp: Language) -> Doc:
    # The matchers compare LEMMA: the key Docs (`key_docs`) carry each token's key there.
    return Doc(nlp.vocab, words=words, lemmas=words)


def build_lexicon(categories: Iterable[Category], nlp: Language) -> Lexicon:
    """Compile categories into PhraseMatchers over token keys (terms tokenised with
    `nlp`'s tokenizer only, never parsed)."""
    categories = list(categories)
    matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
    excluder = PhraseMatcher(nlp.vocab, attr="LEMMA")
    vocabulary: set[str] = set()
    for cat in categories:
        terms = [_words(t, nlp) for t in cat.terms]
        vetoes = [_words(t, nlp) for t in cat.exclude]
        vocabulary.update(w for words in terms + vetoes for w in words)
        matcher.add(cat.id, [_key_pattern(w, nlp) for w in terms if w])
        if vetoes:
            excluder.add(f"{EXCLUDE_KEY}{cat.id}", [_key_pattern(w, nlp) for w in vetoes if w])
    return Lexicon(categories={c.id: c for c in categories}, matcher=matcher,
                   excluder=excluder if len(excluder) else None, order=[c.id for c in categories],
                   vocabulary=frozenset(vocabulary))


def load_lexicon(nlp: Language, path: Path = config.THEMES_PATH, key: str = "themes") -> Lexicon:
    """Read and compile the lexicon in `path` (default: the theme lexicon)."""
    return build_lexicon(load_categories(path, key), nlp)


def token_keys(text: str, lemma: str, vocabulary: frozenset[str]) -> tuple[str, str]:
    """The two forms a token is matched by: (lemma first, text first).

    Each is the token's lemma or lower-cased text, whichever the lexicon uses
    (the other one, or the text without a plural ending, as fall-backs), so a
    term whose words mix dictionary and inflected forms still matches.
    """
    low = text.lower()
    lem = lemma.lower() or low
    stripped = next((low[: -len(s)] for s in PLURAL_SUFFIXES
                     if low.endswith(s) and low[: -len(s)] in vocabulary), None)
    by_lemma = lem if lem in vocabulary else low if low in vocabulary else stripped or lem
    by_text = low if low in vocabulary else lem if lem in vocabulary else stripped or low
    return by_lemma, by_text


# The last Doc `key_docs` read and its distinct (ORTH, LEMMA) pairs: a speech is matched by
# several lexicons in turn (themes, migration cues, actors, GCM objectives, SDG targets).
_LAST_PAIRS: list = [None, None]


def _token_pairs(doc: Doc) -> tuple[list[list[int]], np.ndarray]:
    """The distinct (ORTH, LEMMA) pairs of `doc`'s tokens and each token's index among them."""
    if _LAST_PAIRS[0] is not doc:
        distinct, inverse = np.unique(doc.to_array([ORTH, LEMMA]), axis=0, return_inverse=True)
        _LAST_PAIRS[:] = [doc, (distinct.tolist(), inverse.ravel())]
    return _LAST_PAIRS[1]


def key_docs(doc: Doc, vocabulary: frozenset[str],
             cache: dict[tuple[int, int], tuple[int, int]] | None = None) -> tuple[Doc, Doc]:
    """Two copies of `doc` whose tokens' LEMMA holds their match keys (lemma first, text first).

    `cache` keeps the key hashes of each (text, lemma) pair seen before (they depend on
    nothing else), so a corpus computes each pair's keys once.
    """
    cache = {} if cache is None else cache
    if not len(doc):
        return doc.copy(), doc.copy()
    strings = doc.vocab.strings
    distinct, inverse = _token_pairs(doc)
    hashes = []
    for orth, lemma in distinct:
        pair = cache.get((orth, lemma))
        if pair is None:
            by_lemma, by_text = token_keys(strings[orth], strings[lemma] if lemma else "", vocabulary)
            pair = cache[(orth, lemma)] = (strings.add(by_lemma), strings.add(by_text))
        hashes.append(pair)
    keys = np.asarray(hashes, dtype=np.uint64)[inverse]
    out = []
    for column in (0, 1):
        copy = doc.copy()
        copy.from_array([LEMMA], keys[:, column:column + 1])
        out.append(copy)
    return out[0], out[1]


def find_matches(doc: Doc, lexicon: Lexicon) -> list[Match]:
    """Hits of every category in `doc`: within one category overlapping hits keep the longest;
    hits overlapping one of the category's `exclude` terms are dropped."""
    strings = doc.vocab.strings
    vetoes: dict[str, list[tuple[int, int]]] = {}
    by_cat: dict[str, list[tuple[int, int]]] = {}
    for keys in key_docs(doc, lexicon.vocabulary, lexicon.key_cache):
        if lexicon.excluder is not None:
            for key, s, e in lexicon.excluder(keys):
                vetoes.setdefault(strings[key][len(EXCLUDE_KEY):], []).append((s, e))
        for key, s, e in lexicon.matcher(keys):
            by_cat.setdefault(strings[key], []).append((s, e))
    out = []
    for cat, spans in by_cat.items():
        blocked = vetoes.get(cat, [])
        for s, e in _longest_first(spans):
            if any(s < be and bs < e for bs, be in blocked):
                continue
            span = doc[s:e]
            out.append(Match(cat, s, e, span.start_char, span.end_char, span.text))
    rank = {c: i for i, c in enumerate(lexicon.order)}
    out.sort(key=lambda m: (m.start, m.end, rank[m.category]))
    return out


def _longest_first(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    taken: set[int] = set()
    for s, e in sorted(set(spans), key=lambda x: (x[0] - x[1], x[0])):
        if taken.isdisjoint(range(s, e)):
            kept.append((s, e))
            taken.update(range(s, e))
    return sorted(kept)


def sentence_starts(doc: Doc) -> list[int]:
    """Token index where each of the Doc's marked sentences starts (as `doc.sents`);
    [0] when it has no sentence marks, [] for an empty Doc."""
    if not len(doc):
        return []
    if not doc.has_annotation("SENT_START"):
        return [0]
    marks = doc.to_array([SENT_START]).astype(np.int64).ravel()
    marks[0] = 1
    return np.flatnonzero(marks == 1).tolist()


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token (start, end) of each sentence, also split at paragraph breaks (a blank line:
    the statistical sentence recogniser sometimes runs over one); the whole Doc when it
    has no sentence marks."""
    starts = sentence_starts(doc)
    if not starts:
        return []
    n = len(doc)
    space = doc.to_array([IS_SPACE]).ravel().astype(bool)
    # solid[i]: non-space tokens before position i, so a range [a, b) holds one iff solid[b] > solid[a].
    solid = np.concatenate([[0], np.cumsum(~space)]).tolist()
    breaks = [i + 1 for i in np.flatnonzero(space).tolist() if "\n\n" in doc[i].text]
    cuts = sorted(set(starts[1:]) | {b for b in breaks if b < n})
    edges = [0, *cuts, n]
    return [(a, b) for a, b in zip(edges[:-1], edges[1:], strict=True) if solid[b] > solid[a]]


def sentence_index(bounds: Sequence[tuple[int, int]], n_tokens: int) -> list[int]:
    """For each token position, the index of its sentence."""
    out = [0] * n_tokens
    for i, (s, e) in enumerate(bounds):
        out[s:e] = [i] * (e - s)
    return out


def sentence_rows(speech_id: str, doc: Doc, matches: Sequence[Match], *,
                  bounds: Sequence[tuple[int, int]] | None = None,
                  migration: Sequence[bool] | None = None) -> list[dict]:
    """Rows of the sentence_themes table: one per (sentence, theme) with its matched terms
    and the sentence's migration flag (`bounds`: the Doc's `sentence_bounds`, when already
    computed; `migration`: the flag of each sentence, False when not given)."""
    bounds = sentence_bounds(doc) if bounds is None else bounds
    sent_of = sentence_index(bounds, len(doc))
    grouped: dict[tuple[int, str], list[Match]] = {}
    for m in matches:
        grouped.setdefault((sent_of[m.start], m.category), []).append(m)
    rows = []
    for (sid, theme), hits in sorted(grouped.items()):
        span = doc[bounds[sid][0]:bounds[sid][1]]
        lexical = [m for m in hits if m.source == LEXICON_SOURCE]
        rows.append({"speech_id": speech_id, "sentence_id": sid, "start_char": span.start_char,
                     "end_char": span.end_char, "theme": theme,
                     "matched_terms": "; ".join(dict.fromkeys(m.text.lower() for m in lexical or hits)),
                     "source": LEXICON_SOURCE if lexical else hits[0].source,
                     "sentence": span.text.strip(),
                     "migration": bool(migration[sid]) if migration is not None else False})
    return rows


def theme_rows(speech_id: str, sentence_table: pd.DataFrame | Sequence[dict], matches: Sequence[Match],
               lexicon: Lexicon, *, n_sentences: int, n_words: int, n_migration: int = 0) -> list[dict]:
    """One row per theme of the lexicon (zeros included): sentences, share, mentions (lexicon
    terms), rate, and the sentences among the speech's `n_migration` migration sentences and
    their share."""
    mentions = Counter(m.category for m in matches if m.source == LEXICON_SOURCE)
    records = sentence_table.to_dict("records") if isinstance(sentence_table, pd.DataFrame) \
        else list(sentence_table)
    sentences = Counter(row["theme"] for row in records)
    in_migration = Counter(row["theme"] for row in records if row.get("migration"))
    rows = []
    for theme in lexicon.order:
        n_sent = int(sentences.get(theme, 0))
        n_ment = int(mentions.get(theme, 0))
        n_mig = int(in_migration.get(theme, 0))
        rows.append({"speech_id": speech_id, "theme": theme,
                     "theme_label": lexicon.categories[theme].label, "sentences": n_sent,
                     "share": n_sent / n_sentences if n_sentences else 0.0, "mentions": n_ment,
                     "per_1000_words": 1000.0 * n_ment / n_words if n_words else 0.0,
                     "migration_sentences": n_mig,
                     "migration_share": n_mig / n_migration if n_migration else 0.0})
    return rows


def themes_in_range(matches: Sequence[Match], start_char: int, end_char: int,
                    order: Sequence[str]) -> list[str]:
    """Categories with a hit inside [start_char, end_char), in lexicon order."""
    found = {m.category for m in matches if m.start_char >= start_char and m.end_char <= end_char}
    return [c for c in order if c in found]
