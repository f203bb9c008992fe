"""Command line: `python -m pipeline [--no-wait] STAGE [options]`, one command per Make stage.

    python -m pipeline ingest   --raw DIR --out DIR [--interim DIR] [--strict]
    python -m pipeline entities --processed DIR --interim DIR [--strict]
    python -m pipeline features --processed DIR --interim DIR [--strict]
    python -m pipeline groups   --processed DIR [--group-by "region period:2015"]
    python -m pipeline charts   --processed DIR --figures DIR
    python -m pipeline report   --processed DIR --figures DIR --out FILE
    python -m pipeline evaluate [--gold DIR|FILE] [--split dev] [--errors]
    python -m pipeline all      --raw DIR --interim DIR --processed DIR --figures DIR [--strict] [--group-by ...]

Every stage module has the same shape: `main(inputs..., outputs..., *, interim_dir)`
(interim_dir for the stages that cache). Stage modules are imported only when their
command runs, so `ingest` starts without loading spaCy.

A stage command holds the lock of the folders it reads and writes while it runs
(`pipeline.runlock`: one run at a time per folder; `--no-wait` exits with status 75
instead of waiting for another run). An output that cannot be written (no space left,
permission denied, a read-only folder) ends the command with one line naming the file
and the cause, and exit status 1; the outputs are left as they were.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from pipeline import config, runlock
from pipeline.errors import OutputError

EXIT_WRITE_ERROR = 1
EXIT_USAGE = 2


def _ingest(a: argparse.Namespace) -> int:
    if not _raw_exists(a.raw):
        return EXIT_USAGE
    return _stage("ingest").main(a.raw, a.out, interim_dir=a.interim, strict=a.strict)


def _entities(a: argparse.Namespace) -> int:
    return _stage("entities").main(a.processed, a.processed, interim_dir=a.interim, strict=a.strict) or 0


def _features(a: argparse.Namespace) -> int:
    return _stage("features").main(a.processed, a.processed, interim_dir=a.interim, strict=a.strict) or 0


def _groups(a: argparse.Namespace) -> int:
    return _stage("groups").main(a.processed, a.processed, group_by=a.group_by) or 0


def _charts(a: argparse.Namespace) -> int:
    return _stage("charts").main(a.processed, a.figures) or 0


def _report(a: argparse.Namespace) -> int:
    return _stage("report").main(a.processed, a.figures, a.out) or 0


def _evaluate(a: argparse.Namespace) -> int:
    return _stage("evaluate").main(a.gold, split=a.split, work_dir=a.work, out=a.out,
                                   show_errors=a.errors, readme=a.readme) or 0


def _all(a: argparse.Namespace) -> int:
    if not _raw_exists(a.raw):
        return EXIT_USAGE
    steps: list[tuple[str, Callable[[], int]]] = [
        ("ingest", lambda: _stage("ingest").main(a.raw, a.processed, interim_dir=a.interim, strict=a.strict)),
        ("entities", lambda: _stage("entities").main(a.processed, a.processed, interim_dir=a.interim,
                                                     strict=a.strict)),
        ("features", lambda: _stage("features").main(a.processed, a.processed, interim_dir=a.interim,
                                                     strict=a.strict)),
        ("groups", lambda: _stage("groups").main(a.processed, a.processed, group_by=a.group_by)),
        ("charts", lambda: _stage("charts").main(a.processed, a.figures)),
        ("report", lambda: _stage("report").main(a.processed, a.figures, a.report)),
    ]
    for _name, step in steps:
        status = step() or 0
        if status:
            return status
    return 0


def _raw_exists(raw: Path) -> bool:
    """True when `raw` is a folder; else says so on stderr."""
    if raw.is_dir():
        return True
    what = "is not a folder" if raw.exists() else "does not exist"
    print(f"pipeline: the RAW folder {raw} {what}: point RAW (--raw) at the folder of speech files",
          file=sys.stderr)
    return False


# The folders each command reads tables from or writes to: it holds their locks while it runs.
LOCKED_FOLDERS: dict[str, Callable[[argparse.Namespace], list[Path | None]]] = {
    "ingest": lambda a: [a.out, a.interim],
    "entities": lambda a: [a.processed, a.interim],
    "features": lambda a: [a.processed, a.interim],
    "groups": lambda a: [a.processed],
    "charts": lambda a: [a.processed, a.figures],
    "report": lambda a: [a.processed, a.figures, a.out.parent],
    "all": lambda a: [a.processed, a.interim, a.figures, a.report.parent],
}


def locked_folders(args: argparse.Namespace) -> list[Path]:
    """The folders whose locks the command of `args` holds (none for `evaluate`)."""
    return [f for f in LOCKED_FOLDERS.get(args.command, lambda a: [])(args) if f is not None]


def _handoff(interim: Path, stage: str) -> Path:
    from pipeline.speechguard import handoff_path

    return handoff_path(interim, stage)


def _tables(stage: str, folder: Path) -> list[Path]:
    from pipeline.tables import written_by

    return [folder / f"{name}.{ext}" for name in written_by(stage) for ext in ("parquet", "csv")]


# The files each command writes (what Make's rules name as their targets).
OUTPUTS: dict[str, Callable[[argparse.Namespace], list[Path]]] = {
    "ingest": lambda a: _tables("ingest", a.out),
    "entities": lambda a: [*_tables("entities", a.processed), _handoff(a.interim, "entities")],
    "features": lambda a: _tables("features", a.processed),
    "groups": lambda a: _tables("groups", a.processed),
    "charts": lambda a: [a.figures / "charts.json"],
    "report": lambda a: [a.out],
}


def outputs(args: argparse.Namespace) -> list[Path]:
    """The files the command of `args` writes (none listed for `all` and `evaluate`)."""
    return OUTPUTS.get(args.command, lambda a: [])(args)


def _stage(name: str):
    return importlib.import_module(f"pipeline.{name}")


def group_by_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--group-by", default="auto",
                   help="groupings, separated by spaces: region, subregion, un_group, role, period, period:2015,2020, "
                        "speech, or a column of speeches (default: auto, speech up to 6 speeches, period beyond)")


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser with one sub-command per stage."""
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.split("\n")[0])
    parser.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    parser.add_argument("--no-wait", action="store_true",
                        help=f"when another run is using the same folders, exit with status {runlock.EXIT_BUSY} "
                             "at once instead of waiting for it")
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
        p.add_argument("--strict", action="store_true",
                       help="exit non-zero when a speech could not be analysed (stage_errors)")

    p = add("groups", _groups, "compare groups of speeches (region, period, speaker role ...)")
    path_arg(p, "--processed", config.PROCESSED_DIR, "folder of tables (input and output)")
    group_by_arg(p)

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
    group_by_arg(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(message)s", stream=sys.stderr)
    return guarded_run(lambda: args.func(args), locked_folders(args), wait=not args.no_wait)


def guarded_run(run: Callable[[], int], folders: list[Path], *, wait: bool = True) -> int:
    """`run()` holding the locks of `folders`; its exit status, or one line on stderr and
    status 75 when another run holds them (`wait=False`), or 1 when an output cannot be
    written."""
    try:
        with runlock.hold(folders, wait=wait):
            return run()
    except runlock.Busy as busy:
        print(f"pipeline: {busy}", file=sys.stderr)
        return runlock.EXIT_BUSY
    except OutputError as err:
        print(f"pipeline: {err}", file=sys.stderr)
        return EXIT_WRITE_ERROR


if __name__ == "__main__":
    sys.exit(main())
