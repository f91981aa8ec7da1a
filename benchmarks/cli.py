"""Time ``python -m analysis run`` over the 84 PolNeAR dev articles (goal: under two minutes).

    .venv/bin/python benchmarks/cli.py [--n-jobs 1 2] [--repeat 1]

Each run is a fresh process (``python -m analysis run <84 files> --out <empty folder>``), so the
time includes starting Python, importing the package and loading every model, reading the
articles and writing all the tables (CSV and Parquet); a second run on the same output folder
measures the rerun, which finds every file done. The articles come through the fetcher
(``analysis.data.fetch.fetch_dataset("polnear-dev")``: mirror or cache, sha256-checked); the
benchmark stops with the fetcher's message when they are not local. Models must already be
built (``make models`` or one earlier run): the first use of a model builds it and that is not
what is timed here (a warm-up run on two articles is made first).

Printed: the machine (CPU, cores, load average: the machine may be shared), and per run the
wall time, documents per second and peak resident memory of the child process.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DATASET = "polnear-dev"


def article_files() -> list[Path]:
    sys.path.insert(0, str(PROJECT))
    from analysis.data.fetch import fetch_dataset

    paths = fetch_dataset(DATASET)
    return sorted(p for url, p in paths.items() if "/data/dev/text/" in url and url.endswith(".txt"))


def cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def timed_run(files: list[Path], out: Path, n_jobs: int) -> tuple[float, float, str]:
    """Wall seconds, peak RSS of the children (MB) and the run's summary line."""
    command = [sys.executable, "-m", "analysis", "run", *map(str, files), "--out", str(out),
               "--n-jobs", str(n_jobs), "--no-progress"]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"run failed ({done.returncode}):\n{done.stderr}")
    summary = next((l for l in done.stderr.splitlines() if l.startswith("analysis run:")), "")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return elapsed, peak, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="runs per setting; the fastest counts")
    args = parser.parse_args(argv)
    files = article_files()
    print(f"machine: {cpu()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"input: {len(files)} {DATASET} articles, {sum(p.stat().st_size for p in files) / 1e3:.0f} KB")
    with tempfile.TemporaryDirectory() as tmp:
        timed_run(files[:2], Path(tmp) / "warm-up", 1)  # builds any missing model, untimed
        for n_jobs in args.n_jobs:
            times = []
            for i in range(args.repeat):
                out = Path(tmp) / f"out-{n_jobs}-{i}"
                elapsed, peak, summary = timed_run(files, out, n_jobs)
                times.append(elapsed)
                print(f"  n_jobs={n_jobs} run {i + 1}: {elapsed:.1f} s ({len(files) / elapsed:.2f} docs/s), "
                      f"peak RSS of children so far {peak:.0f} MB")
            rerun, _, summary = timed_run(files, out, n_jobs)
            best = min(times)
            verdict = "under" if best < 120 else "OVER"
            print(f"python -m analysis run, {len(files)} articles, n_jobs={n_jobs}: best {best:.1f} s "
                  f"({verdict} the two-minute goal); rerun with everything done: {rerun:.1f} s")
            print(f"  {summary}")
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
