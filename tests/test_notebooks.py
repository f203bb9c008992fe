"""Every notebook runs top to bottom with a real Jupyter kernel against the pipeline's outputs."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from pipeline import config, explore

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))


def test_notebooks_are_named_in_order_and_stored_without_outputs() -> None:
    assert len(NOTEBOOKS) >= 3
    for path in NOTEBOOKS:
        assert path.name[0].isdigit() and ".0-" in path.name, path.name
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: outputs not stripped"


def execute(path: Path, processed: Path, monkeypatch: pytest.MonkeyPatch) -> nbformat.NotebookNode:
    """Run the notebook at `path` on the tables in `processed`; check it raised nothing and
    displayed results; return it with its outputs."""
    monkeypatch.setenv(explore.PROCESSED_ENV, str(processed))
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="python3", timeout=180,
                            resources={"metadata": {"path": str(config.PROJ_ROOT)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    shown = [c for c in nb.cells if c.cell_type == "code" and c.outputs]
    assert len(shown) >= 3, "the notebook should display results"
    return nb


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes(path: Path, processed_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not (processed_dir / "themes.parquet").exists():
        pytest.skip("the features stage has not run: `make all` first")
    execute(path, processed_dir, monkeypatch)


def test_group_notebook_regroups_a_small_corpus(small_corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nb = execute(config.NOTEBOOKS_DIR / "4.0-compare-groups.ipynb", small_corpus / "processed", monkeypatch)
    shown = "".join(str(o) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "Southern Europe" in shown and "Eastern Africa" in shown  # regrouped by sub-region
    assert "image/png" in shown  # its charts drew
    assert "2015–2019" in shown  # salience before and after 2015, by region
