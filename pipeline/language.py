"""The language a speech is written in, so that a speech the English model cannot read is
flagged (ingest's `not_english` warning and the speeches table's `language` column).

Detected offline by py3langid (a maintained fork of langid.py: a naive Bayes model over
byte n-grams of 97 languages, shipped inside the package, about 5 MB; nothing is
downloaded), on the first `SAMPLE_CHARS` characters of the cleaned body. A text with
too few letters (only numbers, a table of figures) or on which the model is unsure has
no language.
"""

from __future__ import annotations

import functools

ENGLISH = "en"
SAMPLE_CHARS = 5_000
MIN_LETTERS = 200
MIN_CONFIDENCE = 0.9


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is written in ("en", "fr"), or None when it
    has fewer than MIN_LETTERS letters or the model gives no language MIN_CONFIDENCE."""
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return None
    code, confidence = _identifier().classify(sample)
    return code if confidence >= MIN_CONFIDENCE else None


def name(code: str) -> str:
    """The language's English name ("French"), else its code."""
    import pycountry

    found = pycountry.languages.get(alpha_2=code)
    return found.name if found is not None else code
