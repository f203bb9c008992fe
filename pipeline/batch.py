"""Run the stage commands Make plans, in one Python process (`make all`, `make features`, ...).

Make knows the stages, their inputs and which outputs are out of date; this
module does not. `make -n TARGET...` prints the recipe of the first stale
stages; `python -m pipeline.batch --make MAKE TARGET...` runs the first of them
by calling the `python -m pipeline STAGE ...` command line in this process,
then asks Make again, until nothing is stale. The imports (pandas, spaCy,
scikit-learn, matplotlib) and the spaCy model are so paid once per run instead
of once per stage: adding one speech to a large corpus then costs about the
work on that speech plus the corpus-wide steps. Any other line runs in bash, as
Make would run it. The run stops at the first command that fails, with its
exit status.

Make is asked again after each stage because a dry run does not see past a
grouped target (`a b &: ...`) it would remake (GNU Make 4.3 then treats the
targets that depend on it as up to date), so one dry run can miss later stages.
For the same reason `make -n` (which prints one dry run's plan and runs
nothing) may list only the first stale stage; `make -q` and `make -t` are
answered by Make itself.

One run at a time: before planning, the batch takes the lock (`pipeline.runlock`) of
every folder the run's stage commands may use (`make -n -B` lists them all), and holds
it until the run ends, so a second `make all` on the same folders waits (or, with
`--no-wait`, exits with status 75) and then finds nothing left to do. Make's
`.DELETE_ON_ERROR` does not see the stages run here, so the batch does the same: the
outputs that a failed stage changed are deleted, and the next run makes them again.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Step:
    """One recipe line of the plan; `argv` is set when it is a `python -m pipeline` command."""

    line: str
    argv: tuple[str, ...] | None


def pipeline_argv(line: str) -> tuple[str, ...] | None:
    """The stage arguments of `<python> -m pipeline STAGE ...`, else None."""
    try:
        words = shlex.split(line)
    except ValueError:
        return None
    if len(words) >= 4 and os.path.basename(words[0]).startswith("python") \
            and words[1:3] == ["-m", "pipeline"]:
        return tuple(words[3:])
    return None


def parse_plan(lines: Iterable[str]) -> list[Step]:
    """The steps of `make -n` output: one per command, continuation lines joined."""
    steps: list[Step] = []
    pending = ""
    for raw in lines:
        line = raw.rstrip("\n")
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line, pending = (pending + line).strip(), ""
        if line:
            steps.append(Step(line, pipeline_argv(line)))
    if pending.strip():
        steps.append(Step(pending.strip(), pipeline_argv(pending)))
    return steps


def make_flags(env: Mapping[str, str]) -> str:
    """The single-letter flags Make passes down in MAKEFLAGS (e.g. "n" under `make -n`)."""
    words = env.get("MAKEFLAGS", "").split()
    if words and not words[0].startswith("-") and "=" not in words[0]:
        return words[0]
    return ""


def plan(make: str, targets: Sequence[str], *, every: bool = False) -> list[Step]:
    """The stale stage commands for `targets`, as `make -n` prints them (`every`: all the
    commands that make them, stale or not, as `make -n -B` prints them)."""
    result = subprocess.run([*shlex.split(make), "--no-print-directory", "--silent", "--dry-run",
                             *(["--always-make"] if every else []), *targets],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(result.returncode)
    return parse_plan(result.stdout.splitlines())


def _parsed(argv: Sequence[str]):
    from pipeline.__main__ import build_parser

    try:
        return build_parser().parse_args(list(argv))
    except SystemExit:  # not a command line the pipeline reads: it reports that when run
        return None


def locked_folders(steps: Iterable[Step]) -> list[Path]:
    """The folders the pipeline commands among `steps` use (see `pipeline.runlock`)."""
    from pipeline.__main__ import locked_folders as folders_of

    return sorted({f for s in steps if s.argv and (a := _parsed(s.argv)) for f in folders_of(a)})


def _state(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_ino


def _delete_changed(before: dict[Path, tuple[int, int] | None]) -> None:
    """Delete the outputs whose state changed since `before` (Make's .DELETE_ON_ERROR)."""
    changed = [path for path, state in before.items() if state != _state(path) and path.exists()]
    for path in changed:
        path.unlink()
    if changed:
        print(f"pipeline.batch: deleted what the failed step wrote (as Make's .DELETE_ON_ERROR would): "
              f"{', '.join(str(p) for p in changed)}", file=sys.stderr)


def run_step(step: Step) -> int:
    """Run one step: a pipeline command in this process, anything else in bash. Outputs a
    failed pipeline command changed are deleted, as Make's .DELETE_ON_ERROR would."""
    print(step.line, flush=True)
    if step.argv is None:
        return subprocess.run(step.line, shell=True, executable="/bin/bash", check=False).returncode
    from pipeline.__main__ import outputs

    args = _parsed(step.argv)
    before = {p: _state(p) for p in (outputs(args) if args else [])}
    status = _run_pipeline(step)
    if status:
        _delete_changed(before)
    return status


def _run_pipeline(step: Step) -> int:
    from pipeline.__main__ import main as pipeline_main

    try:
        return int(pipeline_main(list(step.argv)) or 0)
    except SystemExit as exc:  # argparse errors and explicit exits keep their status
        return exc.code if isinstance(exc.code, int) else 1
    except Exception:  # noqa: BLE001 - report like an uncaught exception in its own process
        traceback.print_exc()
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def run(steps: Sequence[Step]) -> int:
    """Run `steps` in order; the exit status of the first that fails, else 0."""
    for step in steps:
        status = run_step(step)
        if status:
            print(f"pipeline.batch: stopped: exit status {status} from: {step.line}", file=sys.stderr)
            return status
    return 0


def run_stale(next_steps: Callable[[], list[Step]]) -> int:
    """Run the first step `next_steps()` plans, and again, until it plans nothing; the exit
    status of the first step that fails, else 0. A step planned again after it ran (its
    outputs are still older than its inputs) is an error rather than an endless loop."""
    done: set[str] = set()
    while steps := next_steps():
        step = steps[0]
        if step.line in done:
            print(f"pipeline.batch: Make still plans this after it ran (its outputs are not newer "
                  f"than its inputs): {step.line}", file=sys.stderr)
            return 1
        status = run([step])
        if status:
            return status
        done.add(step.line)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.batch", description=__doc__.split("\n")[0])
    parser.add_argument("--make", default="make", help="the make command (Make passes $(MAKE))")
    parser.add_argument("--no-wait", action="store_true",
                        help="exit with status 75 at once when another run is using the same folders")
    parser.add_argument("targets", nargs="+", help="the file targets to bring up to date")
    args = parser.parse_args(argv)
    flags = make_flags(os.environ)
    if "q" in flags or "t" in flags:  # `make -q` / `make -t`: Make answers or touches itself
        return subprocess.run([*shlex.split(args.make), *args.targets], check=False).returncode
    if "n" in flags:
        for step in plan(args.make, args.targets):
            print(step.line)
        return 0
    from pipeline.__main__ import guarded_run

    folders = locked_folders(plan(args.make, args.targets, every=True))
    return guarded_run(lambda: run_stale(lambda: plan(args.make, args.targets)), folders,
                       wait=not args.no_wait)


if __name__ == "__main__":
    sys.exit(main())
