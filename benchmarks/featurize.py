"""Benchmark: analysis.pipeline.featurize against the naive loop a user would write.

    .venv/bin/python -m analysis.data nltk          # once: Punkt for nltk.sent_tokenize
    .venv/bin/python benchmarks/featurize.py        # 6,000 Reuters-21578 articles, scaling 1x 2x 4x
    .venv/bin/python benchmarks/featurize.py --docs 1000 --scaling 1 --profile

After the main table, what each feature group costs: ``featurize(groups=["size", group])`` for
each group of :data:`analysis.pipeline.GROUPS` in its own process, as a ratio to the same naive
loop (``size``, always computed, alone first), so a study that needs only some instruments
knows what it pays for them.

The naive loop: ``nltk.sent_tokenize`` (Punkt), ``NLTKWordTokenizer`` and vaderSentiment's
``polarity_scores`` per sentence. Every measurement runs in its own subprocess, so peak memory
(``ru_maxrss``, which includes the interpreter and the loaded corpus) and warm caches do not
leak between them; the time covers the analysis only, not loading the corpus. Documents are the
Reuters-21578 items with a body, in corpus order; a run larger than the corpus repeats it.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import resource
import subprocess
import sys
import time


def _corpus(n_docs: int):
    import pandas as pd

    import analysis

    df = analysis.load("reuters-21578")
    df = df.loc[df["has_body"], ["doc_id", "text"]].reset_index(drop=True)
    copies = -(-n_docs // len(df))
    return pd.concat([df] * copies, ignore_index=True).head(n_docs)


def _naive(texts: list[str]) -> int:
    import nltk
    from nltk.tokenize import NLTKWordTokenizer
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    words, vader, n_tokens = NLTKWordTokenizer(), SentimentIntensityAnalyzer(), 0
    for text in texts:
        for sentence in nltk.sent_tokenize(text):
            n_tokens += len(words.tokenize(sentence))
            vader.polarity_scores(sentence)
    return n_tokens


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def measure(kind: str, n_docs: int, n_jobs: int, groups: list[str] | None = None) -> dict:
    """One measurement in this process: seconds, tokens and peak memory (``groups``: the feature
    groups featurize computes, all when None)."""
    from analysis.pipeline import featurize

    df = _corpus(n_docs)
    loaded = _rss_mb()
    start = time.perf_counter()
    if kind == "naive":
        n_tokens = _naive(df["text"].tolist())
    else:
        out = featurize(df, n_jobs=n_jobs, progress=False, groups=groups)
        n_tokens = int(out["n_tokens"].sum())
        assert len(out) == n_docs and (out["status"] == "ok").all()
    seconds = time.perf_counter() - start
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"kind": kind, "docs": n_docs, "n_jobs": n_jobs, "groups": groups, "seconds": seconds, "tokens": n_tokens,
            "rss_after_load_mb": loaded, "peak_rss_mb": _rss_mb(), "peak_worker_rss_mb": children}


def _run(kind: str, n_docs: int, n_jobs: int = 1, groups: list[str] | None = None) -> dict:
    command = [sys.executable, __file__, "--measure", kind, "--docs", str(n_docs), "--n-jobs", str(n_jobs)]
    command += ["--groups", ",".join(groups)] if groups else []
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def _best(results: list[dict]) -> dict:
    """The fastest of repeated measurements (the least disturbed), with the highest peak memory."""
    best = dict(min(results, key=lambda r: r["seconds"]))
    for key in ("peak_rss_mb", "peak_worker_rss_mb"):
        best[key] = max(r[key] for r in results)
    return best


def _machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
                 platform.processor())
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def _line(r: dict) -> str:
    return (f"{r['kind']:>8} n_jobs={r['n_jobs']} {r['docs']:>6} docs {r['seconds']:8.1f} s "
            f"{r['docs'] / r['seconds']:7.1f} docs/s {r['tokens'] / r['seconds']:9.0f} tokens/s "
            f"peak {r['peak_rss_mb']:6.0f} MB (after loading the corpus {r['rss_after_load_mb']:.0f} MB"
            + (f"; largest worker {r['peak_worker_rss_mb']:.0f} MB)" if r["n_jobs"] > 1 else ")"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=6000)
    parser.add_argument("--scaling", default="1,2,4", help="corpus multiples for the scaling run")
    parser.add_argument("--n-jobs", type=int, default=2, help="processes for the parallel run")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved repetitions; the fastest counts")
    parser.add_argument("--profile", action="store_true", help="cProfile featurize on --docs documents")
    parser.add_argument("--no-groups", action="store_true", help="skip the per-group table")
    parser.add_argument("--measure", choices=["pipeline", "naive"], help=argparse.SUPPRESS)
    parser.add_argument("--groups", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        groups = args.groups.split(",") if args.groups else None
        print(json.dumps(measure(args.measure, args.docs, args.n_jobs, groups)))
        return
    print(f"machine: {_machine()}")
    if args.profile:
        from analysis.pipeline import featurize

        df = _corpus(args.docs)
        profile = cProfile.Profile()
        profile.runcall(featurize, df, progress=False)
        pstats.Stats(profile).sort_stats("tottime").print_stats(20)
        return
    runs = {"naive": [], "pipeline": [], "parallel": []}
    for _ in range(args.repeat):  # interleaved, so a slow spell of a shared machine hits all three
        runs["naive"].append(_run("naive", args.docs))
        runs["pipeline"].append(_run("pipeline", args.docs))
        runs["parallel"].append(_run("pipeline", args.docs, args.n_jobs))
    naive, pipeline, parallel = (_best(runs[kind]) for kind in ("naive", "pipeline", "parallel"))
    print(f"best of {args.repeat} interleaved runs each (all times: "
          + "; ".join(f"{k} " + " ".join(f"{r['seconds']:.1f}" for r in v) for k, v in runs.items()) + " s)")
    for r in (naive, pipeline, parallel):
        print(_line(r))
    print(f"speed ratio featurize / naive loop (docs/s): {naive['seconds'] / pipeline['seconds']:.2f} "
          f"(n_jobs={args.n_jobs}: {naive['seconds'] / parallel['seconds']:.2f})")
    print("scaling (featurize, n_jobs=1):")
    base = None
    for multiple in map(int, args.scaling.split(",")):
        r = pipeline if multiple == 1 else _run("pipeline", args.docs * multiple)
        base = base or r["seconds"] / r["docs"]
        print(f"  {multiple}x " + _line(r) + f"  time per doc vs 1x: {r['seconds'] / r['docs'] / base:.2f}")
    if not args.no_groups:
        _group_table(args.docs, naive["seconds"])


def _group_table(n_docs: int, naive_seconds: float) -> None:
    """What each feature group costs: size alone, then size plus one group (n_jobs=1)."""
    from analysis.pipeline import GROUPS

    print("per feature group (featurize(groups=[...]), n_jobs=1, one run each; ratio to the naive loop above):")
    size = None
    for group in GROUPS:
        groups = ["size"] if group == "size" else ["size", group]
        r = _run("pipeline", n_docs, 1, groups)
        size = size if size is not None else r["seconds"]
        extra = "" if group == "size" else f"  the group itself {r['seconds'] - size:6.1f} s"
        print(f"  {'+'.join(groups):<18} {r['seconds']:7.1f} s  ratio {naive_seconds / r['seconds']:5.2f}{extra}")


if __name__ == "__main__":
    main()
