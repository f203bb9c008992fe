"""Sentences, the migration flag, and the themes a sentence is given.

Every sentence of a speech (`pipeline.themes.sentence_bounds`: the statistical sentence
recogniser's sentences, also cut at paragraph breaks) gets a row in the `sentences` table
with `migration`: whether it is about migration, refugees, displacement, trafficking in
persons or smuggling of migrants, judged with its paragraph as context, as the annotation
guide asks (data/annotations/README.md).

The flag comes from a small learned model (models/sentences/migration.json, trained by
`make train` from the annotated sentences; pipeline/train_sentences.py):

1. each sentence's own evidence: a logistic regression over the counts of migration cues
   in it (pipeline/resources/migration.yaml: words that name migration, and words of
   migration passages such as "fleeing" or "the journey"), whether it is a fragment, and
   its content words (lemmas, weighed more weakly than the cues: "terrorism" or "nuclear"
   count against a migration sentence, "host" or "camps" for one);
2. its context: a two-state hidden Markov model over the speech's sentences turns those
   local probabilities into the probability that the sentence belongs to a migration passage
   (forward-backward). "These people risk everything at sea" after a sentence on refugees
   takes the passage's flag; a sentence on drug trafficking after one does not, unless the
   passage goes on. How likely a passage goes on (within a paragraph, across a paragraph
   break) depends on the speech's density, the mean of its local probabilities: a statement
   on migration stays in a migration passage across paragraphs, a General Debate speech that
   gives migration one paragraph leaves it at the paragraph's end.

`migration_score` is that probability (for a sentence that names migration itself, a `migration`
cue, at least its local probability: `flag_scores`); `migration` is the score at or above the
threshold chosen by cross-validation on the training documents (never on dev).

Themes: each lexicon hit (pipeline/themes.py) is kept unless it lies inside a name (an
organisation, agenda or event from the entities stage) without being the whole name (for the
themes whose `in_names` is false), or its
theme needs a migration context (`context: migration` in themes.yaml) and the sentence is not
a migration sentence. The kept hits are the evidence a reader sees (`matched_terms`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import config
from pipeline.themes import Lexicon, Match, load_lexicon, sentence_index

CLASSIFIER_SOURCE = "classifier"
EVIDENCE_WORDS = 3  # a classifier's theme shows the sentence's words that weigh most for it

CUE_KEY = "cues"
MIGRATION_CUE = "migration"
CONTEXT_CUE = "context"
FORMULA_CUE = "formula"
CUE_COLUMNS = {MIGRATION_CUE: 0, CONTEXT_CUE: 1, FORMULA_CUE: 3}
# Sentences with fewer words than this are fragments (headings, "However.", a sentence the
# recogniser cut in two): they carry little evidence of their own.
FRAGMENT_WORDS = 7
FEATURES = ("migration_cues", "context_cues", "fragment", "formula")
# The passage model's transitions as a logistic regression: the previous sentence's flag, whether
# the sentence is in the same paragraph, the speech's density (mean local probability), and their
# products; its intercept comes first in `transition_coef`.
TRANSITION_FEATURES = ("previous", "within", "previous_within", "density", "previous_density",
                       "within_density")
# Labels of the entities whose names mask theme terms inside them.
NAME_LABELS = frozenset({"ORG", "AGENDA", "EVENT"})


@dataclass(frozen=True)
class MigrationModel:
    """The migration flag's parameters (models/sentences/migration.json).

    `coef` weighs FEATURES in the local logistic regression and `words` the sentence's content
    lemmas; `prior` is the share of migration sentences it was trained on;
    `transitions[k][a][b]` is the probability that a sentence has flag b after one with flag a,
    k = 0 across a paragraph break, 1 within a paragraph; with `transition_coef` (weights of
    TRANSITION_FEATURES) those probabilities depend on the speech's density instead
    (`speech_transitions`); `threshold` cuts the smoothed score.
    """

    coef: tuple[float, ...]
    intercept: float
    prior: float
    transitions: tuple[tuple[tuple[float, float], tuple[float, float]], ...]
    threshold: float
    facts: dict = field(default_factory=dict, compare=False)
    words: dict[str, float] = field(default_factory=dict)
    transition_coef: tuple[float, ...] = ()

    @classmethod
    def from_dict(cls, data: dict) -> MigrationModel:
        """Read the JSON form; raises ValueError when its features are not FEATURES."""
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"migration model features {data['features']} are not {list(FEATURES)}: retrain")
        trans = tuple(tuple(tuple(float(x) for x in row) for row in block) for block in data["transitions"])
        return cls(coef=tuple(float(c) for c in data["coef"]), intercept=float(data["intercept"]),
                   prior=float(data["prior"]), transitions=trans, threshold=float(data["threshold"]),
                   facts=data.get("facts", {}), words={w: float(x) for w, x in (data.get("words") or {}).items()},
                   transition_coef=tuple(float(c) for c in data.get("transition_coef") or ()))

    def to_dict(self) -> dict:
        return {"features": list(FEATURES), "coef": list(self.coef), "intercept": self.intercept,
                "prior": self.prior, "transitions": [[list(r) for r in b] for b in self.transitions],
                "transition_features": list(TRANSITION_FEATURES), "transition_coef": list(self.transition_coef),
                "threshold": self.threshold, "facts": self.facts, "words": dict(sorted(self.words.items()))}


def load_migration_model(path: Path = config.MIGRATION_MODEL_PATH) -> MigrationModel:
    """The shipped migration model; raises FileNotFoundError when `make train` has not made one."""
    return MigrationModel.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def load_cues(nlp: Language, path: Path = config.MIGRATION_CUES_PATH) -> Lexicon:
    """The compiled migration cues."""
    return load_lexicon(nlp, path, key=CUE_KEY)


@dataclass(frozen=True)
class ThemeClassifier:
    """A learned theme (models/sentences/themes.json): a logistic regression over the sentence's
    words (`w=<lemma>`), its lexicon hits per theme (`lex=<theme>`, log(1 + n)), those of the
    sentences before and after it in its paragraph (`plex=`, `nlex=`) and its migration flag
    (`migration`); the theme is given when the score reaches `threshold`."""

    theme: str
    intercept: float
    weights: dict[str, float]
    threshold: float

    def score(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + np.exp(-z))

    def to_dict(self) -> dict:
        """Its stored form (an entry of themes.json's "themes" or gcm.json's "objectives")."""
        return {"intercept": self.intercept, "threshold": self.threshold, "weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_dict(cls, key: str, data: dict) -> ThemeClassifier:
        return cls(key, float(data["intercept"]), {k: float(w) for k, w in data["weights"].items()},
                   float(data["threshold"]))


def load_theme_classifiers(path: Path = config.THEME_MODEL_PATH) -> tuple[ThemeClassifier, ...]:
    """The shipped theme classifiers (`make train` keeps one only for the themes where it beats
    the lexicon in cross-validation)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return tuple(ThemeClassifier.from_dict(theme, c) for theme, c in data["themes"].items())


@dataclass(frozen=True)
class SentenceModels:
    """What the sentence analysis needs besides the theme lexicon: cues, the flag's model and
    the theme classifiers."""

    cues: Lexicon
    migration: MigrationModel
    themes: tuple[ThemeClassifier, ...] = ()


def load_sentence_models(nlp: Language) -> SentenceModels:
    """The migration cues and the shipped migration and theme models."""
    return SentenceModels(cues=load_cues(nlp), migration=load_migration_model(), themes=load_theme_classifiers())


@dataclass(frozen=True)
class SentenceAnalysis:
    """One speech's sentences: the sentences table's rows, each sentence's flag, the theme hits
    that stand (outside names, in their context) and the speech's migration row."""

    rows: list[dict]
    flags: list[bool]
    theme_matches: list[Match]
    migration: dict


def analyse_sentences(speech_id: str, doc: Doc, bounds: Sequence[tuple[int, int]], themes: Lexicon,
                      models: SentenceModels, *, names: Sequence[tuple[int, int]] = ()) -> SentenceAnalysis:
    """Flag each sentence of `doc` and keep the theme hits that apply (`names`: character spans
    of the speech's organisation, agenda and event names)."""
    scores = migration_scores(doc, bounds, models.cues, models.migration)
    flags = (scores >= models.migration.threshold).tolist()
    needs = frozenset(c.id for c in themes.categories.values() if c.context == "migration")
    hits = lexicon_hits(themes, doc, names)
    found = sorted(hits + classifier_matches(doc, bounds, hits, flags, models.themes),
                   key=lambda m: (m.start, m.end))
    kept = in_context(found, sentence_index(bounds, len(doc)), flags, needs)
    return SentenceAnalysis(rows=sentence_rows(speech_id, doc, bounds, scores, models.migration.threshold),
                            flags=flags, theme_matches=kept, migration=migration_row(speech_id, flags))


# ------------------------------------------------------------------ features

def new_paragraph(text: str, starts: Sequence[int]) -> np.ndarray:
    """For each sentence (character `starts`), whether a blank line separates it from the one
    before (True for the first)."""
    out = np.ones(len(starts), dtype=bool)
    for i in range(1, len(starts)):
        before = text[starts[i - 1]:starts[i]]
        out[i] = before[len(before.rstrip()):].count("\n") >= 2
    return out


def cue_features(doc: Doc, bounds: Sequence[tuple[int, int]], cues: Sequence[Match]) -> np.ndarray:
    """Sentences x FEATURES: log(1 + count) of migration and context cues, 1 for a fragment, and
    1 for a formula of address or thanks ("Excellencies,", "Thank you."), which is about
    nothing even inside a migration passage."""
    X = np.zeros((len(bounds), len(FEATURES)))
    if not len(bounds):
        return X
    starts = np.asarray([s for s, _ in bounds])
    for m in cues:
        i = int(np.searchsorted(starts, m.start, side="right")) - 1
        X[i, CUE_COLUMNS[m.category]] += 1
    X[:, :2] = np.log1p(X[:, :2])
    words = np.asarray([sum(1 for t in doc[s:e] if not (t.is_punct or t.is_space)) for s, e in bounds])
    X[:, 2] = words < FRAGMENT_WORDS
    X[:, 3] = (X[:, 3] > 0) | np.asarray([_ends_with_comma(doc[s:e]) for s, e in bounds])
    return X


def _ends_with_comma(span) -> bool:
    """A line of address ("Mr. President,", "Excellencies,") ends with a comma."""
    words = [t for t in span if not t.is_space]
    return bool(words) and words[-1].text == ","


# ------------------------------------------------------------------ the flag

def local_probability(X: np.ndarray, model: MigrationModel,
                      words: Sequence[Iterable[str]] | None = None) -> np.ndarray:
    """Each sentence's probability of being about migration from its own features (`words`:
    each sentence's content lemmas, when the model weighs words)."""
    z = X @ np.asarray(model.coef) + model.intercept
    if words is not None and model.words:
        z = z + np.asarray([sum(model.words.get(w, 0.0) for w in ws) for ws in words])
    return 1.0 / (1.0 + np.exp(-z))


def transition_inputs(previous: int, within: int, density: float) -> list[float]:
    """TRANSITION_FEATURES of one step."""
    return [previous, within, previous * within, density, previous * density, within * density]


def speech_transitions(model: MigrationModel, density: float) -> np.ndarray:
    """The transition table `transitions[k][a][b]` for a speech of `density`: the model's own
    table when it has no `transition_coef`."""
    if not model.transition_coef:
        return np.asarray(model.transitions)
    w = np.asarray(model.transition_coef)
    out = np.zeros((2, 2, 2))
    for k in (0, 1):
        for a in (0, 1):
            p = 1.0 / (1.0 + np.exp(-(w[0] + np.dot(w[1:], transition_inputs(a, k, density)))))
            out[k, a] = (1.0 - p, p)
    return out


def passage_probability(local: np.ndarray, paragraph_break: np.ndarray, model: MigrationModel) -> np.ndarray:
    """Posterior probability of the migration state of each sentence (forward-backward over
    the speech), from the local probabilities and the model's transitions."""
    n = len(local)
    if not n:
        return np.zeros(0)
    p = np.clip(local, 1e-6, 1 - 1e-6)
    prior = np.array([1 - model.prior, model.prior])
    emit = np.stack([(1 - p) / prior[0], p / prior[1]], axis=1)
    trans = speech_transitions(model, float(np.mean(local)))
    within = (~paragraph_break).astype(int)
    alpha, beta = np.zeros((n, 2)), np.ones((n, 2))
    alpha[0] = prior * emit[0]
    alpha[0] /= alpha[0].sum()
    for i in range(1, n):
        alpha[i] = alpha[i - 1] @ trans[within[i]] * emit[i]
        alpha[i] /= alpha[i].sum()
    for i in range(n - 2, -1, -1):
        beta[i] = trans[within[i + 1]] @ (emit[i + 1] * beta[i + 1])
        beta[i] /= beta[i].sum()
    post = alpha * beta
    return post[:, 1] / post.sum(axis=1)


def flag_scores(X: np.ndarray, local: np.ndarray, paragraph_break: np.ndarray, model: MigrationModel) -> np.ndarray:
    """The passage probability of each sentence, except that a sentence that names migration itself
    (a `migration` cue) keeps at least its own local probability: its neighbours may lend a flag to a
    sentence, they do not take away the evidence of one that names migration among other subjects
    (the guide: such a sentence is about migration)."""
    post = passage_probability(local, paragraph_break, model)
    if not len(post):
        return post
    return np.where(X[:, CUE_COLUMNS[MIGRATION_CUE]] > 0, np.maximum(post, local), post)


def migration_scores(doc: Doc, bounds: Sequence[tuple[int, int]], cues: Lexicon,
                     model: MigrationModel) -> np.ndarray:
    """The migration score of each sentence of `doc` (`bounds`: its sentences as token ranges)."""
    if not len(bounds):
        return np.zeros(0)
    spans = [doc[s:e] for s, e in bounds]
    breaks = new_paragraph(doc.text, [s.start_char for s in spans])
    X = cue_features(doc, bounds, cues.matches(doc))
    words = sentence_words(doc, bounds) if model.words else None
    return flag_scores(X, local_probability(X, model, words), breaks, model)


# ------------------------------------------------------------------ themes

def outside_names(matches: Sequence[Match], names: Sequence[tuple[int, int]]) -> list[Match]:
    """`matches` without those inside a name (character spans `names`) that are not the whole
    name: "cooperation" in "Organisation for Economic Co-operation", "regular migration" in the
    Global Compact's title; "Paris Agreement" as the whole name stays."""
    if not names:
        return list(matches)
    spans = sorted(set(names))
    whole = set(spans)
    starts = np.asarray([s for s, _ in spans])
    kept = []
    for m in matches:
        k = int(np.searchsorted(starts, m.start_char, side="right"))
        inside = any(s <= m.start_char and m.end_char <= e for s, e in spans[max(0, k - 8):k])
        if not inside or (m.start_char, m.end_char) in whole:
            kept.append(m)
    return kept


def lexicon_hits(themes: Lexicon, doc: Doc, names: Sequence[tuple[int, int]]) -> list[Match]:
    """The theme lexicon's hits in `doc`, those inside `names` dropped (for the themes whose
    terms do not count inside names)."""
    hits = themes.matches(doc)
    named = [m for m in hits if themes.categories[m.category].in_names]
    kept = outside_names([m for m in hits if not themes.categories[m.category].in_names], names)
    return sorted(kept + named, key=lambda m: (m.start, m.end))


def sentence_words(doc: Doc, bounds: Sequence[tuple[int, int]]) -> list[dict[str, list[int]]]:
    """Per sentence, its content lemmas (lower-cased, alphabetic, no stop words) and the
    positions of their tokens."""
    out = []
    for s, e in bounds:
        words: dict[str, list[int]] = {}
        for t in doc[s:e]:
            if t.is_alpha and not t.is_stop:
                words.setdefault(t.lemma_.lower() or t.lower_, []).append(t.i)
        out.append(words)
    return out


def _hit_counts(hits: Sequence[Match], prefix: str) -> dict[str, float]:
    counts: dict[str, int] = {}
    for m in hits:
        counts[m.category] = counts.get(m.category, 0) + 1
    return {f"{prefix}={t}": float(np.log1p(n)) for t, n in counts.items()}


def theme_features(words: dict[str, list[int]], hits: Sequence[Match], migration: bool,
                   before: Sequence[Match] = (), after: Sequence[Match] = ()) -> dict[str, float]:
    """A sentence's features for the theme classifiers: its content lemmas, its lexicon hits per
    theme, its migration flag, and the lexicon hits of the sentences before and after it in its
    paragraph (`before`, `after`: a passage on refugees goes on about refugees)."""
    features = {f"w={w}": 1.0 for w in words}
    features.update(_hit_counts(hits, "lex"))
    features.update(_hit_counts(before, "plex"))
    features.update(_hit_counts(after, "nlex"))
    features["migration"] = float(migration)
    return features


def neighbour_hits(by_sentence: Sequence[Sequence[Match]], paragraph_break: Sequence[bool]
                   ) -> list[tuple[Sequence[Match], Sequence[Match]]]:
    """Per sentence, the hits of the sentence before it and of the one after it when they are in
    its paragraph (`paragraph_break[i]`: sentence i starts a paragraph)."""
    n = len(by_sentence)
    return [(by_sentence[i - 1] if i > 0 and not paragraph_break[i] else (),
             by_sentence[i + 1] if i + 1 < n and not paragraph_break[i + 1] else ()) for i in range(n)]


def classifier_matches(doc: Doc, bounds: Sequence[tuple[int, int]], hits: Sequence[Match],
                       flags: Sequence[bool], classifiers: Sequence[ThemeClassifier]) -> list[Match]:
    """Themes the classifiers give to sentences the lexicon did not give them to, each as the
    sentence's EVIDENCE_WORDS words that weigh most for it (source CLASSIFIER_SOURCE)."""
    if not classifiers:
        return []
    sent_of = sentence_index(bounds, len(doc))
    by_sentence: list[list[Match]] = [[] for _ in bounds]
    for m in hits:
        by_sentence[sent_of[m.start]].append(m)
    breaks = new_paragraph(doc.text, [doc[s].idx for s, _ in bounds])
    near = neighbour_hits(by_sentence, breaks)
    out = []
    for i, words in enumerate(sentence_words(doc, bounds)):
        features = theme_features(words, by_sentence[i], flags[i], *near[i])
        for c in classifiers:
            if any(m.category == c.theme for m in by_sentence[i]) or c.score(features) < c.threshold:
                continue
            out.extend(weighty_words(doc, words, c))
    return out


def weighty_words(doc: Doc, words: dict[str, list[int]], classifier: ThemeClassifier) -> list[Match]:
    """A classifier's evidence in a sentence (`words`: its content lemmas and their tokens): the
    EVIDENCE_WORDS words that weigh most for its category (the first word when none weighs for it)."""
    ranked = sorted((w for w in words if classifier.weights.get(f"w={w}", 0.0) > 0),
                    key=lambda w: -classifier.weights[f"w={w}"])[:EVIDENCE_WORDS]
    return [Match(classifier.theme, tok.i, tok.i + 1, tok.idx, tok.idx + len(tok.text), tok.text,
                  source=CLASSIFIER_SOURCE)
            for tok in (doc[words[w][0]] for w in ranked or list(words)[:1])]


def in_context(matches: Sequence[Match], sentence_of: Sequence[int], migration: Sequence[bool],
               needs_migration: frozenset[str]) -> list[Match]:
    """`matches` whose theme applies to their sentence: themes in `needs_migration` only in
    migration sentences."""
    return [m for m in matches if m.category not in needs_migration or migration[sentence_of[m.start]]]


# ------------------------------------------------------------------ rows

def sentence_rows(speech_id: str, doc: Doc, bounds: Sequence[tuple[int, int]], scores: np.ndarray,
                  threshold: float) -> list[dict]:
    """Rows of the sentences table: one per sentence, with its flag and score."""
    rows = []
    for i, ((s, e), score) in enumerate(zip(bounds, scores.tolist(), strict=True)):
        span = doc[s:e]
        rows.append({"speech_id": speech_id, "sentence_id": i, "start_char": span.start_char,
                     "end_char": span.end_char, "sentence": span.text.strip(),
                     "migration": bool(score >= threshold), "migration_score": round(float(score), 4)})
    return rows


def migration_row(speech_id: str, flags: Sequence[bool]) -> dict:
    """The speech's row of the migration table: sentences, migration sentences, their share."""
    n, k = len(flags), int(sum(flags))
    return {"speech_id": speech_id, "sentences": n, "migration_sentences": k,
            "migration_share": k / n if n else 0.0}
