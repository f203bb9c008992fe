"""Command line: `python -m pipeline STAGE [options]`, one command per Make stage.

    python -m pipeline ingest   --raw DIR --out DIR [--interim DIR] [--strict]
    python -m pipeline entities --processed DIR --interim DIR
    python -m pipeline features --processed DIR --interim DIR
    python -m pipeline charts   --processed DIR --figures DIR
    python -m pipeline report   --processed DIR --figures DIR --out FILE
    python -m pipeline evaluate [--gold DIR|FILE] [--split dev] [--errors]
    python -m pipeline all      --raw DIR --interim DIR --processed DIR --figures DIR

Every stage module has the same shape: `main(inputs..., outputs..., *, interim_dir)`
(interim_dir for the stages that cache). Stage modules are imported only when their
command runs, so `ingest` starts without loading spaCy.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from pipeline import config


def _ingest(a: argparse.Namespace) -> int:
    return _stage("ingest").main(a.raw, a.out, interim_dir=a.interim, strict=a.strict)


def _entities(a: argparse.Namespace) -> int:
    return _stage("entities").main(a.processed, a.processed, interim_dir=a.interim) or 0


def _features(a: argparse.Namespace) -> int:
    return _stage("features").main(a.processed, a.processed, interim_dir=a.interim) or 0


def _charts(a: argparse.Namespace) -> int:
    return _stage("charts").main(a.processed, a.figures) or 0


def _report(a: argparse.Namespace) -> int:
    return _stage("report").main(a.processed, a.figures, a.out) or 0


def _evaluate(a: argparse.Namespace) -> int:
    return _stage("evaluate").main(a.gold, split=a.split, work_dir=a.work, out=a.out,
                                   show_errors=a.errors, readme=a.readme) or 0


def _all(a: argparse.Namespace) -> int:
    steps: list[tuple[str, Callable[[], int]]] = [
        ("ingest", lambda: _stage("ingest").main(a.raw, a.processed, interim_dir=a.interim, strict=a.strict)),
        ("entities", lambda: _stage("entities").main(a.processed, a.processed, interim_dir=a.interim)),
        ("features", lambda: _stage("features").main(a.processed, a.processed, interim_dir=a.interim)),
        ("charts", lambda: _stage("charts").main(a.processed, a.figures)),
        ("report", lambda: _stage("report").main(a.processed, a.figures, a.report)),
    ]
    for _name, step in steps:
        status = step() or 0
        if status:
            return status
    return 0


def _stage(name: str):
    return importlib.import_module(f"pipeline.{name}")


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser with one sub-command per stage."""
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.split("\n")[0])
    parser.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(func=func)
        return p

    def path_arg(p: argparse.ArgumentParser, flag: str, default: Path, help_: str) -> None:
        p.add_argument(flag, type=Path, default=default, help=f"{help_} (default: {default})")

    p = add("ingest", _ingest, "read raw speeches into the speeches table")
    path_arg(p, "--raw", config.RAW_DIR, "folder of speech files")
    path_arg(p, "--out", config.PROCESSED_DIR, "output folder for tables")
    p.add_argument("--strict", action="store_true", help="exit non-zero when any input has a problem")
    p.add_argument("--interim", type=Path, default=None,
                   help="folder for the ingest cache (unchanged files are not re-cleaned; default: none)")

    for name, func, help_ in (("entities", _entities, "extract and link entities"),
                              ("features", _features, "themes, priority lists, actors, keyness, style")):
        p = add(name, func, help_)
        path_arg(p, "--processed", config.PROCESSED_DIR, "folder of tables (input and output)")
        path_arg(p, "--interim", config.INTERIM_DIR, "folder for the parsed-document cache")

    p = add("charts", _charts, "draw the comparison charts")
    path_arg(p, "--processed", config.PROCESSED_DIR, "folder of tables")
    path_arg(p, "--figures", config.FIGURES_DIR, "output folder for PNG and SVG charts")

    p = add("report", _report, "write the self-contained HTML report")
    path_arg(p, "--processed", config.PROCESSED_DIR, "folder of tables")
    path_arg(p, "--figures", config.FIGURES_DIR, "folder of charts")
    path_arg(p, "--out", config.REPORT_PATH, "report file")

    p = add("evaluate", _evaluate, "run the pipeline on annotated speeches and score every extraction")
    path_arg(p, "--gold", config.ANNOTATIONS_DIR,
             "annotated corpus: a folder of JSONL documents, one JSONL file, or a gold.json-shaped file")
    p.add_argument("--split", default=None, help="score only documents of this split (train, dev)")
    p.add_argument("--work", type=Path, default=None,
                   help="work folder for the pipeline run (default: INTERIM/evaluate/SPLIT)")
    path_arg(p, "--out", config.EVALUATION_PATH, "scores as JSON")
    p.add_argument("--errors", action="store_true", help="also print every miss and false positive")
    p.add_argument("--readme", type=Path, default=None,
                   help="rewrite the accuracy section of this README with the figures")

    p = add("all", _all, "run every stage in order")
    path_arg(p, "--raw", config.RAW_DIR, "folder of speech files")
    path_arg(p, "--interim", config.INTERIM_DIR, "folder for the parsed-document cache")
    path_arg(p, "--processed", config.PROCESSED_DIR, "folder of tables")
    path_arg(p, "--figures", config.FIGURES_DIR, "folder of charts")
    path_arg(p, "--report", config.REPORT_PATH, "report file")
    p.add_argument("--strict", action="store_true", help="exit non-zero when any input has a problem")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(message)s", stream=sys.stderr)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
