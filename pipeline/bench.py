"""Benchmark: the pipeline against plain `nlp.pipe`, in the same run (`make bench`).

On N speeches of the UN General Debate corpus (shared/corpus/ungd), measures:

1. full: the pipeline from raw files to every table (`make features` on a fresh
   INTERIM/PROCESSED: ingest, entities, features);
2. incremental: the same after adding one speech to RAW;
3. no-op: `make all` when everything is up to date (after one untimed run that
   also draws the charts and writes the report);
4. baseline: plain single-process `nlp.pipe` over the same raw texts with the same
   model, all its default components (what a user would write by hand).

Prints words per second for each, the pipeline/baseline ratio and peak RSS, and
writes the figures to reports/bench.json. Absolute times on shared machines are
noisy; the ratio, measured in the same run, is the number to watch.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

from pipeline import config
from pipeline.nlp import model_name
from pipeline.storage import write_text
from pipeline.textclean import count_words, decode_bytes


def pick_files(corpus: Path, n: int) -> list[Path]:
    """The first n+1 speech files of the corpus in name order (the last is the 'added' one)."""
    files = sorted(p for p in corpus.glob("*.txt"))
    if len(files) < n + 1:
        raise SystemExit(f"{corpus} has {len(files)} speeches; need at least {n + 1}")
    return files[: n + 1]


def baseline(texts: list[str], name: str) -> float:
    """Seconds for plain single-process `nlp.pipe` over `texts` (model load excluded)."""
    nlp = spacy.load(name)
    nlp.max_length = max(nlp.max_length, max(map(len, texts)) + 1)
    start = time.perf_counter()
    for _doc in nlp.pipe(texts):
        pass
    return time.perf_counter() - start


def run_make(target: str, dirs: dict[str, Path], *, extra_env: dict[str, str] | None = None) -> float:
    """Seconds for `make TARGET` with the benchmark's folders; raises on failure."""
    args = ["make", "--no-print-directory", target] + [f"{k}={v}" for k, v in dirs.items()]
    env = {**os.environ, **(extra_env or {})}
    start = time.perf_counter()
    result = subprocess.run(args, cwd=config.PROJ_ROOT, env=env, capture_output=True, text=True,
                            check=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise SystemExit(f"make {target} failed (exit {result.returncode})")
    return seconds


def peak_rss_mb() -> float:
    """Largest resident set size of any finished child process, in MB (Linux: kB units)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main(n: int, corpus: Path, out_path: Path, work: Path | None = None) -> dict:
    files = pick_files(corpus, n)
    bench_files, added = files[:n], files[n]
    texts = [decode_bytes(p.read_bytes()).text for p in bench_files]
    words = sum(count_words(t) for t in texts)
    name = model_name()

    work = Path(work or tempfile.mkdtemp(prefix="speeches-bench-"))
    raw = work / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for p in bench_files:
        shutil.copy2(p, raw / p.name)
    dirs = {"RAW": raw, "INTERIM": work / "interim", "PROCESSED": work / "processed",
            "FIGURES": work / "figures", "REPORT": work / "report.html"}

    print(f"bench: {n} speeches, {words:,} words, model {name}, {os.cpu_count()} cores", flush=True)
    # The pipeline runs first, while this process is still small: a child's peak RSS
    # counts the memory it shares with its parent between fork and exec.
    t_full = run_make("features", dirs)
    print(f"  pipeline raw -> all tables:     {t_full:7.1f} s  {words / t_full:9,.0f} words/s", flush=True)
    shutil.copy2(added, raw / added.name)
    t_inc = run_make("features", dirs)
    print(f"  + one speech (incremental):     {t_inc:7.1f} s  ({100 * t_inc / t_full:.1f}% of full run)",
          flush=True)
    run_make("all", dirs)
    t_noop = run_make("all", dirs)
    print(f"  no-op make all:                 {t_noop:7.2f} s", flush=True)
    rss = peak_rss_mb()
    print(f"  peak RSS (largest process):     {rss:7.0f} MB", flush=True)
    t_base = baseline(texts, name)
    print(f"  baseline nlp.pipe (1 process):  {t_base:7.1f} s  {words / t_base:9,.0f} words/s", flush=True)
    print(f"  pipeline / baseline:            {t_base / t_full:7.2f}x", flush=True)

    result = {
        "n_speeches": n, "words": words, "model": name, "cores": os.cpu_count(),
        "machine": platform.platform(), "python": platform.python_version(),
        "baseline_seconds": round(t_base, 2), "baseline_words_per_second": round(words / t_base),
        "pipeline_seconds": round(t_full, 2), "pipeline_words_per_second": round(words / t_full),
        "pipeline_over_baseline": round(t_base / t_full, 3),
        "incremental_seconds": round(t_inc, 2), "incremental_share_of_full": round(t_inc / t_full, 4),
        "noop_make_all_seconds": round(t_noop, 3), "peak_rss_mb": round(rss),
        "targets": {"pipeline_over_baseline": ">= 1.6", "incremental_share_of_full": "<= 0.05",
                    "noop_make_all_seconds": "< 1", "peak_rss_mb": "< 2000"},
    }
    write_text(out_path, json.dumps(result, indent=2) + "\n")
    print(f"bench: wrote {out_path}")
    return result


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=500, help="speeches to benchmark (default 500)")
    parser.add_argument("--corpus", type=Path, default=config.UNGD_DIR, help="folder of .txt speeches")
    parser.add_argument("--out", type=Path, default=config.REPORTS_DIR / "bench.json", help="results file")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a new temp dir)")
    args = parser.parse_args(argv)
    main(args.n, args.corpus, args.out, args.work)
    return 0


if __name__ == "__main__":
    sys.exit(cli())
