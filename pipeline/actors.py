"""Actor groups a speech names: States, local authorities, civil society, migrants ...

The groups and their terms live in pipeline/resources/actors.yaml and are
matched with the theme lexicon's matcher (pipeline/themes.py: lemmas or
lower-cased text, never raw substrings). Each speech gets one row per group,
zeros included, with the terms found and example sentences as evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline import config
from pipeline.themes import Lexicon, Match, load_lexicon, sentence_bounds, sentence_index

EVIDENCE_SENTENCES = 2
MAX_TERMS = 10


def load_actors(nlp: Language, path: Path = config.ACTORS_PATH) -> Lexicon:
    """The compiled actor lexicon."""
    return load_lexicon(nlp, path, key="actors")


def actor_rows(speech_id: str, doc: Doc, matches: Sequence[Match], lexicon: Lexicon, *,
               n_words: int, n_evidence: int = EVIDENCE_SENTENCES,
               bounds: Sequence[tuple[int, int]] | None = None) -> list[dict]:
    """One row per actor group (zeros included): mentions, rate, sentences, terms, evidence
    (`bounds`: the Doc's `sentence_bounds`, when already computed)."""
    bounds = sentence_bounds(doc) if bounds is None else bounds
    sent_of = sentence_index(bounds, len(doc))
    rows = []
    for actor in lexicon.order:
        hits = [m for m in matches if m.category == actor]
        sents = list(dict.fromkeys(sent_of[m.start] for m in hits))
        terms = list(dict.fromkeys(m.text.lower() for m in hits))[:MAX_TERMS]
        evidence = [doc[bounds[i][0]:bounds[i][1]].text.strip() for i in sents[:n_evidence]]
        rows.append({"speech_id": speech_id, "actor": actor,
                     "actor_label": lexicon.categories[actor].label, "mentions": len(hits),
                     "per_1000_words": 1000.0 * len(hits) / n_words if n_words else 0.0,
                     "sentences": len(sents), "terms": "; ".join(terms),
                     "evidence": " | ".join(evidence)})
    return rows
