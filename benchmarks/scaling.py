"""Benchmark: how each text instrument's time grows with the length of one text.

    .venv/bin/python benchmarks/scaling.py                 # every instrument, prose and worst cases
    .venv/bin/python benchmarks/scaling.py --only tokens --start 20000
    .venv/bin/python benchmarks/scaling.py --skip-5mb

For each instrument and each text, the time of one call is measured at n, 2n and 4n characters
(best of ``--repeat`` runs, each on a fresh text so that no memo answers; n is doubled from
``--start`` until one call takes 0.1 s, shorter times being mostly noise; ``featurize`` starts at
40,000, above its fixed cost per call; the cyclic garbage collector is paused during each call,
as ``featurize`` does, since its full passes over a growing heap add bumps that are not the
instrument's) and the growth exponent is the least-squares slope of log(time) on log(n): about 1 is linear, about 2
quadratic. A size whose first run takes more than ``--budget`` seconds ends the series (the
exponent is then taken from the sizes measured). Texts:

* ``prose``: news paragraphs (Reuters-21578 bodies joined by blank lines when the corpus is
  available, else a hand-written paragraph with numbered variations);
* ``headlines``: headlines joined by single line breaks with every sentence mark removed (RSS
  items of April-May 2020 when ``rss-news-2020-04-05`` is available, else generated): no
  sentence end at all, the case that made ``featurize`` quadratic;
* the worst cases of issue 15 for the instrument (runs of ``.`` and ``!``, ``"a." * n``,
  ``"a-" * n``, runs of quotation marks, ``\\r``-only line ends, a long dash inside a quote,
  ``"officials said " * n``).

Last, ``featurize`` on a 5 MB document without punctuation in a subprocess: its time and peak
resident memory (``ru_maxrss`` of the child, interpreter and models included).
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import math
import random
import re
import resource
import subprocess
import sys
import time

WORDS = (
    "government minister officials police court election talks markets rally shares fall rise "
    "virus lockdown hospital deaths cases health workers schools reopen borders trade deal "
    "sanctions Russia China Britain Kim Putin Trump president parliament vote protest army war "
    "peace summit crisis economy jobs oil prices record warns says urges plans new first after "
    "over amid as in on for with to of the"
).split()
PARAGRAPH = (
    'The minister said on Tuesday that talks with China would resume, according to state media. '
    '"We are ready," he told reporters {i}. Officials reportedly doubt it. Prices may rise by '
    '{i}.5 percent, analysts said, and Mr. Smith of the U.S. firm Acme Corp. was not available.'
)


def _generated_headlines(n_chars: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    out, size = [], 0
    while size < n_chars:
        line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 11))).capitalize()
        out.append(line)
        size += len(line) + 1
    return out


def _headlines() -> list[str]:
    try:
        import analysis

        df = analysis.load("rss-news-2020-04-05")
        column = "title" if "title" in df else "text"
        return [t for t in df[column].dropna().astype(str) if t.strip()]
    except Exception:  # noqa: BLE001 - the data is optional: generated headlines instead
        return _generated_headlines(400_000)


def _prose() -> list[str]:
    try:
        import analysis

        df = analysis.load("reuters-21578")
        return df.loc[df["has_body"], "text"].tolist()
    except Exception:  # noqa: BLE001
        return [PARAGRAPH.format(i=i) for i in range(5_000)]


def _cycle(pieces: list[str], joiner: str, n: int) -> str:
    out, size, i = [], 0, 0
    while size < n:
        out.append(pieces[i % len(pieces)])
        size += len(out[-1]) + len(joiner)
        i += 1
    return joiner.join(out)[:n]


def texts() -> dict[str, callable]:
    headlines = [re.sub(r"[.!?…]", "", h) for h in _headlines()]
    prose = _prose()
    return {
        "prose": lambda n: _cycle(prose, "\n\n", n),
        "headlines": lambda n: _cycle(headlines, "\n", n),
        "periods": lambda n: "a" + "." * n + "a",
        "exclamations": lambda n: "a" + "!" * n + "a",
        "a.": lambda n: "a." * (n // 2) + "bb",
        "a-": lambda n: "a-" * (n // 2),
        'quote marks': lambda n: '"' * n,
        "cr only": lambda n: _cycle(prose, "\r", n).replace("\n", "\r"),
        "dash in quote": lambda n: '"' + "said — " * (n // 7) + '"',
        "officials said": lambda n: "officials said " * (n // 15),
    }


def instruments() -> dict[str, tuple[callable, list[str]]]:
    """Instrument -> (one call on a text, the texts it is measured on)."""
    import pandas as pd

    from analysis.framing import actors, generic, hedging, quotes
    from analysis.pipeline import featurize
    from analysis.sentiment import target_sentiment
    from analysis.tokenize import sentence_spans, token_spans

    def target(text: str):
        found = actors.mentions(text)
        return target_sentiment([text] * len(found), found["start"].tolist(), found["end"].tolist())

    common = ["prose", "headlines"]
    return {
        "tokens": (token_spans, common + ["a.", "a-"]),
        "sentences": (sentence_spans, common + ["periods", "exclamations"]),
        "quotes": (quotes.quotes, common + ["quote marks", "cr only", "dash in quote"]),
        "attributions": (quotes.attributions, common + ["officials said", "cr only"]),
        "hedging": (hedging.hedging, common),
        "actors mentions": (actors.mentions, common),
        "target sentiment": (target, common),
        "generic frames": (lambda t: generic.generic_frame_evidence([t]), common),
        "featurize": (lambda t: featurize(pd.DataFrame({"text": [t]}), progress=False), common + ["periods", "a."]),
    }


def exponent(sizes: list[int], times: list[float]) -> float:
    """Least-squares slope of log(time) on log(size)."""
    x = [math.log(s) for s in sizes]
    y = [math.log(max(t, 1e-6)) for t in times]
    mx, my = sum(x) / len(x), sum(y) / len(y)
    return sum((a - mx) * (b - my) for a, b in zip(x, y)) / sum((a - mx) ** 2 for a in x)


_FRESH = itertools.count(1)


def _best(call, make, n: int, repeat: int, budget: float) -> float:
    times = []
    for _ in range(repeat):
        text = make(n) + " " * next(_FRESH)  # a text never seen before: no memo answers
        gc.collect()
        gc.disable()  # the cyclic collector's full passes over a growing heap are noise here
        try:
            t0 = time.perf_counter()
            call(text)
            times.append(time.perf_counter() - t0)
        finally:
            gc.enable()
        if times[-1] > budget:
            break
    return min(times)


def series(call, make, start: int, repeat: int, budget: float, least: float = 0.1,
           most: int = 4_000_000) -> tuple[list[int], list[float]]:
    """Times at n, 2n and 4n characters; n is ``start`` doubled until one call takes at least
    ``least`` seconds (shorter times are mostly noise), at most ``most`` characters."""
    n = start
    while n < most and _best(call, make, n, 1, budget) < least:
        n *= 2
    sizes, best = [], []
    for size in (n, 2 * n, 4 * n):
        sizes.append(size)
        best.append(_best(call, make, size, repeat, budget))
        if best[-1] > budget:
            break
    return sizes, best


def five_megabytes(chars: int) -> dict:
    """featurize on one document without punctuation, in this process (run as a child)."""
    import pandas as pd

    from analysis.pipeline import featurize

    text = texts()["headlines"](chars)
    featurize(pd.DataFrame({"text": ["Warm up: the minister said so."]}), progress=False)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    out = featurize(pd.DataFrame({"text": [text]}), progress=False)
    seconds = time.perf_counter() - t0
    return {
        "chars": len(text), "seconds": round(seconds, 1), "status": out["status"].iloc[0],
        "reason": out["reason"].iloc[0], "rss_before_mb": round(before),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--start", type=int, default=10_000, help="first size in characters")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--budget", type=float, default=20.0, help="seconds: stop a series above this")
    parser.add_argument("--only", action="append", help="instrument(s) to measure")
    parser.add_argument("--skip-5mb", action="store_true")
    parser.add_argument("--big-chars", type=int, default=5_000_000)
    parser.add_argument("--child-5mb", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_5mb:
        print(json.dumps(five_megabytes(args.child_5mb)))
        return 0
    makers = texts()
    print(f"{'instrument':<18} {'text':<15} {'sizes (chars)':<22} {'seconds':<28} exponent", flush=True)
    flagged = []
    for name, (call, cases) in instruments().items():
        if args.only and name not in args.only:
            continue
        call(makers["prose"](2_000))  # load models and lexicons first
        for case in cases:
            start = max(args.start, 40_000) if name == "featurize" else args.start
            sizes, times = series(call, makers[case], start, args.repeat, args.budget)
            k = exponent(sizes, times) if len(sizes) > 1 else float("nan")
            if not k < 1.4:
                flagged.append((name, case, k))
            print(
                f"{name:<18} {case:<15} {'/'.join(f'{s // 1000:,}k' for s in sizes):<22} "
                f"{' '.join(f'{t:.3f}' for t in times):<28} {k:.2f}", flush=True,
            )
    if flagged:
        print("\nsuper-linear (exponent >= 1.4 or unmeasured):")
        for name, case, k in flagged:
            print(f"  {name} on {case}: {k:.2f}")
    if not args.skip_5mb and (not args.only or "featurize" in args.only):
        child = subprocess.run(
            [sys.executable, __file__, "--child-5mb", str(args.big_chars)],
            capture_output=True, text=True, check=False,
        )
        if child.returncode:
            print(f"\n5 MB case failed (exit {child.returncode}): {child.stderr[-2000:]}")
        else:
            result = json.loads(child.stdout.strip().splitlines()[-1])
            print(
                f"\nfeaturize, one document of {result['chars']:,} characters without punctuation: "
                f"{result['seconds']} s, peak memory {result['peak_rss_mb']} MB "
                f"({result['rss_before_mb']} MB after loading), status {result['status']}: {result['reason']}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
