"""CoNLL-2010 shared task 1: sentences labelled certain or uncertain (hedged, weasel-worded).

The mirrored copy (PAJEAN/uncertaintyDetection, MIT) holds the training sentences of both
domains of the task, one sentence per line in four files: Wikipedia ("WikiWeasel": weasel words
and hedges) and BioScope (biomedical abstracts and papers: speculation), each split into a
``certain`` and an ``uncertain`` file. :func:`load_train` returns one row per sentence with the
columns ``doc_id`` (``"<part>-<certain|uncertain>-<line>"``, line numbers 1-based in the source
file, unique), ``part`` (``"wikipedia"`` or ``"bioscope"``), ``text`` and ``uncertain`` (bool),
and a ``block`` column: the sentence's position in its file cut into five equal contiguous
blocks (0-4). The files keep the corpus order, in which neighbouring sentences come from the same
article (the certain and uncertain files walk the articles in the same order), so ``block`` is a
ready grouping for 5-fold cross-validation that keeps most of an article in one fold.

Cleaning, all counted in ``frame.attrs["cleaning"]``:

* The text is Penn-Treebank tokenised. The bracket tokens ``-LRB-``/``-RRB-`` (and ``-LSB-``,
  ``-RSB-``, ``-LCB-``, ``-RCB-``) are mapped back to ``( ) [ ] { }`` and the PTB quote tokens
  ````` and ``''`` (as whole tokens) to a straight double quote ``"``, so that the quotation rules of
  :mod:`analysis.framing.quotes` see the marks; the spaces of the tokenisation stay (``is n't``,
  ``( HIV-1 )``). BioScope gene names such as ``-TNF-`` are left alone.
* Blank lines (20 in the Wikipedia certain file) are dropped.
* Exact repeats of a sentence within one file (8 in the Wikipedia certain file, 5 in the
  uncertain one, 17 in the BioScope certain one: "Copyright 1999 Academic Press.", "The pain
  may be intense.") keep their first occurrence only, so that no sentence is in two folds of a
  cross-validation. No sentence is in both the certain and the uncertain file of a part, nor in
  both parts (checked on load; a conflict raises).

Sizes after cleaning: Wikipedia 5,204 certain + 2,126 uncertain; BioScope 9,753 + 2,101. (The
full CoNLL-2010 training release has 11,110 Wikipedia and 14,541 BioScope sentences; this copy
is a subset.)

Reference: Farkas, R., Vincze, V., Móra, G., Csirik, J. & Szarvas, G. (2010). The CoNLL-2010
shared task: learning to detect hedges and their scope in natural language text. Proc. CoNLL-2010
Shared Task, 1-12.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.data.fetch import fetch_dataset
from analysis.data.sources import register

COLUMNS = ("doc_id", "part", "text", "uncertain", "block")
N_BLOCKS = 5
_FILES = {  # file name ending -> (part, uncertain)
    "train_wikiweasel_certain_sentences.txt": ("wikipedia", False),
    "train_wikiweasel_uncertain_sentences.txt": ("wikipedia", True),
    "train_bioscope_certain_sentences.txt": ("bioscope", False),
    "train_bioscope_uncertain_sentences.txt": ("bioscope", True),
}
_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_PTB_TOKEN = re.compile(r"-(?:LRB|RRB|LSB|RSB|LCB|RCB)-|(?<!\S)(?:``|'')(?!\S)")


def detokenise_ptb(text: str) -> str:
    """``text`` with the Penn Treebank bracket tokens (``-LRB-`` ...) back as brackets and the
    quote tokens ````` and ``''`` (standing alone) as ``"``; everything else unchanged.

    >>> detokenise_ptb("a -LRB- b -RRB- `` c ''")
    'a ( b ) " c "'
    """
    return _PTB_TOKEN.sub(lambda m: _BRACKETS.get(m.group(), '"'), text)


@register("conll2010-train", "conll2010-train", kind="benchmark")
def load_train(accept_licence: bool = False) -> pd.DataFrame:
    """CoNLL-2010 task 1 training sentences (Wikipedia and BioScope), certain/uncertain."""
    files = fetch_dataset("conll2010-train")
    rows, cleaning = [], {}
    for url, path in sorted(files.items()):
        name = url.rsplit("/", 1)[-1]
        part, uncertain = _FILES[name]
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().split("\n")
        if lines and lines[-1] == "":
            lines.pop()  # the final newline
        seen, kept, blank, repeated = set(), [], 0, 0
        for line_no, line in enumerate(lines, 1):
            if not line.strip():
                blank += 1
            elif line in seen:
                repeated += 1
            else:
                seen.add(line)
                kept.append((line_no, line))
        label = "uncertain" if uncertain else "certain"
        cleaning[f"{part}-{label}"] = {"lines": len(lines), "blank": blank, "repeated": repeated, "kept": len(kept)}
        for i, (line_no, line) in enumerate(kept):
            rows.append({
                "doc_id": f"{part}-{label}-{line_no}", "part": part, "text": detokenise_ptb(line.strip()),
                "uncertain": uncertain, "block": i * N_BLOCKS // len(kept), "_raw": line,
            })
    frame = pd.DataFrame(rows)
    clash = frame[frame.duplicated("_raw", keep=False)]
    if len(clash):
        raise ValueError(
            f"{clash['_raw'].nunique()} sentences stand in two CoNLL-2010 files: {clash['doc_id'].tolist()[:6]}"
        )
    order = {"wikipedia": 0, "bioscope": 1}
    frame = frame.sort_values(["part", "uncertain"], key=lambda s: s.map(order) if s.name == "part" else s,
                              kind="stable").reset_index(drop=True)
    frame = frame[list(COLUMNS)].astype({"uncertain": "bool", "block": "int64"})
    frame.attrs["cleaning"] = cleaning
    return frame
