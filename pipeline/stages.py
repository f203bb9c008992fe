"""Each stage's inputs, declared once.

A stage's inputs are its code, the resource files it reads, and the tables it reads.
Its code is its module and every module of the package that module imports,
directly or not (found from the `import` statements, so the imports are the only
list of them). Its outputs are the tables `pipeline.tables` says it writes.

The same inputs version each stage's per-speech cache (`version`), and
tests/test_stages.py checks that each Makefile rule lists exactly these files as
prerequisites, so a new import or resource that is left out of the Makefile fails a
test instead of leaving a stale output behind.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

from pipeline import config, tables
from pipeline.speechcache import fingerprint

PACKAGE = "pipeline"


@dataclass(frozen=True)
class Stage:
    """One stage: `python -m pipeline NAME` runs `pipeline/NAME.py`'s `main`."""

    name: str
    resources: tuple[Path, ...] = ()
    reads: tuple[str, ...] = ()  # tables

    @property
    def writes(self) -> list[str]:
        """The tables it writes (pipeline/tables.py)."""
        return tables.written_by(self.name)

    @property
    def modules(self) -> list[Path]:
        """Its module and the package modules it imports, directly or not (sorted)."""
        return sorted(import_closure(self.name))

    @property
    def sources(self) -> list[Path]:
        """Its code and resource files: the files that decide its outputs (sorted)."""
        return sorted({*self.modules, *self.resources})


# The trained recogniser (models/ner, written by `make train`) decides the parse, which ingest
# (names in headers) and entities read; it is an input only once it exists.
TRAINED = tuple(p for p in (config.TRAINED_NER_DIR / "model",) if p.exists())

STAGES: dict[str, Stage] = {s.name: s for s in (
    Stage("ingest", resources=(config.OFFICEHOLDERS_PATH, config.GAZETTEER_PATH, *TRAINED)),
    Stage("entities", resources=(config.GAZETTEER_PATH, config.NICKNAMES_PATH, config.OFFICEHOLDERS_PATH,
                                 *TRAINED), reads=("speeches",)),
    Stage("features", resources=(config.THEMES_PATH, config.ACTORS_PATH, config.FRAMEWORK_LINKS_PATH,
                                 config.LIST_MARKERS_PATH, config.MIGRATION_CUES_PATH, config.MIGRATION_MODEL_PATH,
                                 config.THEME_MODEL_PATH), reads=("speeches", "entities")),
    Stage("charts", reads=tuple(tables.TABLES)),
    Stage("report", reads=tuple(tables.TABLES)),  # and the charts' index
)}


def version(stage: str, *extra: str) -> str:
    """The version of `stage`'s per-speech cache: a hash of its `sources` and `extra`
    strings (e.g. the model's name and version)."""
    return fingerprint(STAGES[stage].sources, *extra)


@functools.cache
def imports(module: str) -> frozenset[str]:
    """The package modules `pipeline/<module>.py` imports, anywhere in the file."""
    path = config.PACKAGE_DIR / f"{module}.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module == PACKAGE:
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(PACKAGE + "."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith(PACKAGE + "."))
    return frozenset(m for m in found if (config.PACKAGE_DIR / f"{m}.py").exists())


def import_closure(module: str) -> set[Path]:
    """`pipeline/<module>.py` and every package module it imports, directly or not."""
    seen, todo = set(), [module]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(imports(name))
    return {config.PACKAGE_DIR / f"{name}.py" for name in seen}
