"""Shared fixtures: paths to the embedded corpus, the model (session-scoped), a run."""

from __future__ import annotations

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
