"""Each stage's inputs are declared once (pipeline/stages.py, pipeline/tables.py): the Makefile's
rules and the per-speech cache versions are checked against that declaration."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from pipeline import config, entities, features, ingest, stages
from pipeline.nlp import cache_fingerprint

# The Make targets of the stages that write no table.
TARGETS = {"charts": "reports/figures/charts.json", "report": "reports/report.html"}
_RULE = re.compile(r"^([^\s:#=]+):(?:\s+(.*))?$")


@pytest.fixture(scope="module")
def rules() -> dict[str, set[str]]:
    """Every rule of the Makefile with the default folders: target -> its prerequisites
    (order-only ones left out), from Make's own database (`make -pq`, which runs nothing)."""
    database = subprocess.run(["make", "-pq", "--no-print-directory"], cwd=config.PROJ_ROOT,
                              capture_output=True, text=True, check=False).stdout
    found = {}
    for line in database.splitlines():
        rule = _RULE.match(line)
        if rule:
            found[rule.group(1)] = set((rule.group(2) or "").split("|")[0].split())
    return found


def _relative(path: Path) -> str:
    return str(path.relative_to(config.PROJ_ROOT))


def _target(stage: stages.Stage) -> str:
    return TARGETS.get(stage.name) or f"data/processed/{stage.writes[0]}.parquet"


@pytest.mark.parametrize("name", list(stages.STAGES))
def test_make_rule_lists_exactly_the_stage_inputs(name: str, rules: dict[str, set[str]]) -> None:
    stage = stages.STAGES[name]
    listed = {p for p in rules[_target(stage)] if p.startswith(("pipeline/", "models/"))}
    declared = {_relative(p) for p in stage.sources}
    assert listed == declared, (f"Makefile: the {name} rule's prerequisites differ from its inputs "
                                f"(pipeline/stages.py): add {sorted(declared - listed)}, "
                                f"remove {sorted(listed - declared)}")
    missing = {f"data/processed/{t}.parquet" for t in stage.reads} - rules[_target(stage)]
    assert not missing, f"Makefile: the {name} rule reads {sorted(missing)} without listing them"


@pytest.mark.parametrize("name", [s for s in stages.STAGES if stages.STAGES[s].writes])
def test_make_rule_makes_exactly_the_declared_tables(name: str, rules: dict[str, set[str]]) -> None:
    stage = stages.STAGES[name]
    group = rules[_target(stage)]
    made = {t for t, prereqs in rules.items() if prereqs == group and t.startswith("data/processed/")}
    declared = {f"data/processed/{t}.{ext}" for t in stage.writes for ext in ("parquet", "csv")}
    assert made == declared, (f"Makefile: {name.upper()}_OUT differs from the tables pipeline/tables.py "
                              f"says it writes: add {sorted(declared - made)}, remove {sorted(made - declared)}")


def test_stage_code_is_its_module_and_everything_it_imports() -> None:
    ingest_code = {p.name for p in stages.STAGES["ingest"].modules}
    assert {"ingest.py", "textclean.py", "header.py", "headerparse.py", "speechcache.py", "storage.py"} <= ingest_code
    assert "nlp.py" in ingest_code  # header names are read with the model, imported inside a function
    assert "entities.py" not in ingest_code and "features.py" not in ingest_code


def test_cache_versions_are_the_declared_inputs(tmp_path: Path) -> None:
    model = cache_fingerprint()
    assert ingest.row_cache(tmp_path).dir.name == stages.version("ingest")
    assert entities.cache_version() == stages.version("entities", model)
    assert features.features_version() == stages.version("features", model)
    assert len({stages.version(name, model) for name in ("ingest", "entities", "features")}) == 3
