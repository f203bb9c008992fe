"""Shared fixtures: paths to the embedded corpus, the model (session-scoped), a run."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline import config


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """The embedded default corpus (read-only)."""
    return config.RAW_DIR


@pytest.fixture(scope="session")
def speeches(tmp_path_factory: pytest.TempPathFactory, raw_dir: Path) -> pd.DataFrame:
    """The speeches table of the embedded corpus, ingested into a temporary folder."""
    from pipeline import ingest

    out = tmp_path_factory.mktemp("processed")
    assert ingest.main(raw_dir, out) == 0
    return pd.read_parquet(out / "speeches.parquet").set_index("speech_id", drop=False)


@pytest.fixture(scope="session")
def nlp():
    """The statistical model, loaded once per test session."""
    from pipeline.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def processed_dir() -> Path:
    """PROCESSED of the pipeline run that `make test` does before pytest."""
    path = config.PROCESSED_DIR
    if not (path / "speeches.parquet").exists():
        pytest.skip("no pipeline run in data/processed: run `make all` first")
    return path


# Twelve short General Debate speeches of four regions, 2014 to 2019 (train and dev files: none
# of the reserved split), for tests that need countries and years.
SMALL_CORPUS = ("RWA_69_2014", "CMR_69_2014", "RWA_70_2015", "ERI_74_2019", "LTU_69_2014", "SVN_69_2014",
                "LTU_72_2017", "CZE_72_2017", "HND_70_2015", "PER_72_2017", "KHM_70_2015", "JOR_69_2014")
SMALL_CORPUS_GROUP_BY = "region period:2015"


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of a `python -m pipeline all --group-by "region period:2015"` run on
    SMALL_CORPUS (from ../shared/corpus/ungd, with their metadata.csv rows): raw/, processed/,
    figures/, report.html."""
    if not (config.UNGD_DIR / "metadata.csv").exists():
        pytest.skip("../shared/corpus/ungd not available")
    root = tmp_path_factory.mktemp("small_corpus")
    raw = root / "raw"
    raw.mkdir()
    files = [f"{stem}.txt" for stem in SMALL_CORPUS]
    for name in files:
        shutil.copy2(config.UNGD_DIR / name, raw / name)
    metadata = pd.read_csv(config.UNGD_DIR / "metadata.csv", dtype=str, keep_default_na=False)
    metadata[metadata["file"].isin(files)].to_csv(raw / "metadata.csv", index=False)
    result = subprocess.run([sys.executable, "-m", "pipeline", "all", "--raw", "raw", "--interim", "interim",
                             "--processed", "processed", "--figures", "figures", "--report", "report.html",
                             "--group-by", SMALL_CORPUS_GROUP_BY],
                            cwd=root, capture_output=True, text=True, check=False, timeout=1200)
    assert result.returncode == 0, result.stderr[-3000:]
    return root


@pytest.fixture
def record_texts(monkeypatch: pytest.MonkeyPatch):
    """`record_texts(owner, name)` wraps the function `owner.name` (e.g. a module's
    `parsed_docs`) so that every text it is called with is appended to the returned list."""

    def install(owner: object, name: str) -> list[str]:
        seen: list[str] = []
        original = getattr(owner, name)

        def recording(texts, *args, **kwargs):
            texts = list(texts)
            seen.extend(texts)
            return original(texts, *args, **kwargs)

        monkeypatch.setattr(owner, name, recording)
        return seen

    return install


@pytest.fixture(scope="module")
def gaz():
    """The project's gazetteer."""
    from pipeline import entities

    return entities.load_gazetteer()


@pytest.fixture(scope="module")
def blank(gaz):
    """A blank English pipeline with a sentencizer and the gazetteer's rulers: (nlp, rules).
    Modules that need another blank pipeline define their own `blank`."""
    import spacy

    from pipeline import entities

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp, entities.add_rules(nlp, gaz)
