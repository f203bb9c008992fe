"""Per-speech guards for the stages that analyse speeches one by one (entities, features).

A speech that makes its stage raise is left out of that stage's tables and reported, as
ingest reports a bad file: one line on stderr, `<speech_id>: <stage>: <problem>: <message>`,
and one row of the `stage_errors` table (`stage, speech_id, problem, message`). The other
speeches are processed; with `--strict` (`make all STRICT=1`) the stage then fails.

A speech longer than `MAX_CHARS` is not parsed at all (`too_long`): the model's memory
grows with the length of a text (about 2 GB per million characters), and a run the system
kills for memory cannot report anything.

The features stage writes `stage_errors`; the entities stage, which runs before it, hands
its rows over in INTERIM (`handoff_path`, one of its Make targets, so it is never stale).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TextIO, TypeVar

import pandas as pd

from pipeline.errors import OutputError
from pipeline.storage import atomic_path
from pipeline.tables import frame, to_arrow

STAGE_ERRORS = "stage_errors"
# spaCy's own default `nlp.max_length`; the longest General Debate speech has 49,000.
MAX_CHARS = 1_000_000
TOO_LONG = "too_long"
# Errors that are about the run, not the speech: they stop the stage as before.
NOT_THE_SPEECH = (OutputError,)

Item = TypeVar("Item")
Result = TypeVar("Result")


@dataclass(frozen=True)
class Failure:
    """A speech a stage could not analyse: a row of `stage_errors`."""

    stage: str
    speech_id: str
    problem: str
    message: str


def failure(stage: str, speech_id: str, err: BaseException) -> Failure:
    """The `Failure` of `speech_id` that raised `err` in `stage`."""
    text = " ".join(str(err).split())
    text = text if len(text) <= 300 else text[:299] + "…"
    return Failure(stage, speech_id, type(err).__name__,
                   f"{text or 'no message'}; the speech is left out of the {stage} tables (a bug, or "
                   "text the stage cannot read: please report it with the file)")


def too_long(stage: str, speech_id: str, text: str) -> Failure | None:
    """The `too_long` Failure of a text over MAX_CHARS characters, else None."""
    if len(text) <= MAX_CHARS:
        return None
    return Failure(stage, speech_id, TOO_LONG,
                   f"{len(text):,} characters, over the {MAX_CHARS:,} the model parses in one piece; "
                   "split the file if it holds several speeches, or check that it is a speech")


def guarded(stage: str, speech_ids: Sequence[str], positions: Sequence[int],
            stream: Callable[[list[int]], Iterable[Item]], analyse: Callable[[int, Item], Result], *,
            texts: Sequence[str] | None = None) -> Iterator[tuple[int, Result | Failure]]:
    """(position, `analyse(position, item)` or the speech's `Failure`) for each of `positions`.

    `stream(positions)` yields one item per position, in order (a parsed Doc, a result from
    a worker process); it runs once over all of them. When it raises, the speech it was at
    is tried alone (the fault may lie with another speech of the same batch), and the
    stream starts again after it. With `texts`, a text over MAX_CHARS is reported without
    being streamed. An OutputError is not the speech's fault: it is raised.
    """
    todo = []
    for pos in positions:
        long = too_long(stage, speech_ids[pos], texts[pos]) if texts is not None else None
        if long is not None:
            yield pos, long
        else:
            todo.append(pos)
    while todo:
        items = iter(stream(todo))
        for n, pos in enumerate(todo):
            try:
                item = next(items)
            except NOT_THE_SPEECH:
                raise
            except Exception:  # noqa: BLE001 - the stream broke at this speech
                yield pos, _alone(stage, speech_ids[pos], pos, stream, analyse)
                todo = todo[n + 1:]
                break
            yield pos, _analysed(stage, speech_ids[pos], pos, item, analyse)
        else:
            todo = []


def _analysed(stage: str, speech_id: str, pos: int, item: Item,
              analyse: Callable[[int, Item], Result]) -> Result | Failure:
    try:
        return analyse(pos, item)
    except NOT_THE_SPEECH:
        raise
    except Exception as err:  # noqa: BLE001 - one speech's failure is reported, not raised
        return failure(stage, speech_id, err)


def _alone(stage: str, speech_id: str, pos: int, stream: Callable[[list[int]], Iterable[Item]],
           analyse: Callable[[int, Item], Result]) -> Result | Failure:
    try:
        item = next(iter(stream([pos])))
    except NOT_THE_SPEECH:
        raise
    except Exception as err:  # noqa: BLE001
        return failure(stage, speech_id, err)
    return _analysed(stage, speech_id, pos, item, analyse)


def partition(results: Sequence[object]) -> tuple[list[int], list[Failure]]:
    """The positions of the `results` that are not a `Failure`, and the failures, each said on
    stderr (`report`)."""
    failures = [r for r in results if isinstance(r, Failure)]
    report(failures)
    return [i for i, r in enumerate(results) if not isinstance(r, Failure)], failures


def report(failures: Iterable[Failure], stream: TextIO | None = None) -> None:
    """One line per failure on `stream` (stderr): `<speech_id>: <stage>: <problem>: <message>`."""
    for f in failures:
        print(f"{f.speech_id}: {f.stage}: {f.problem}: {f.message}", file=stream or sys.stderr)


def strict_failure(stage: str, failures: Sequence[Failure], stream: TextIO | None = None) -> int:
    """The exit status of a `--strict` stage: 1 (said on `stream`) when a speech failed, else 0."""
    if not failures:
        return 0
    print(f"{stage}: --strict: {len(failures)} speech(es) could not be analysed (see the lines above)",
          file=stream or sys.stderr)
    return 1


def table(failures: Iterable[Failure]) -> pd.DataFrame:
    """`failures` as the stage_errors table."""
    return frame(STAGE_ERRORS, [asdict(f) for f in failures])


def handoff_path(interim_dir: Path, stage: str) -> Path:
    """Where `stage` leaves its failures for the features stage."""
    return Path(interim_dir) / f"{stage}_{STAGE_ERRORS}.parquet"


def write_handoff(failures: Iterable[Failure], interim_dir: Path, stage: str) -> None:
    """Leave `stage`'s failures in INTERIM for the features stage (atomically)."""
    import pyarrow.parquet as pq

    data = to_arrow(STAGE_ERRORS, table(failures))
    with atomic_path(handoff_path(interim_dir, stage)) as tmp:
        pq.write_table(data, tmp)


def read_handoff(interim_dir: Path, stage: str) -> list[Failure]:
    """The failures `stage` left in INTERIM (none when it left no file)."""
    path = handoff_path(interim_dir, stage)
    if not path.exists():
        return []
    return [Failure(**row) for row in pd.read_parquet(path).to_dict("records")]
