"""Validation of :mod:`analysis.framing.actors`: who a mention refers to, and which names are found.

``python -m analysis.evaluate actors [--n-boot 1000]`` prints :func:`actor_results`.

Two benchmarks, both with 95 % percentile-bootstrap intervals that resample documents
(:func:`analysis.evaluate.bootstrap_ci`) and a baseline measured in the same run:

* **Kim Jong Un resolution** on a hand-annotated sample of candidate mentions from the Kremlin's
  Korea pages and KCNA (``data/annotations/kim_mentions.csv``, drawn by :func:`candidate_sample`
  with seed 0; how it was annotated: ``data/annotations/README.md``). A candidate counts as a
  predicted Kim Jong Un mention when :func:`analysis.framing.actors.mentions` (default table,
  the document's date) returns a Kim Jong Un mention overlapping it. Precision and recall of
  Kim Jong Un over the candidates; baseline: every candidate containing "Kim" is Kim Jong Un.
  Caveat: the sample is stratified by source and kind of candidate (names, bare surnames,
  titles, pronouns), so the figures weight the hard kinds more than a corpus would.
* **Proper-name discovery** on UD GUM dev's entity annotations (Zeldes 2017, *Language
  Resources and Evaluation* 51(3); CoNLL-U ``Entity=`` in MISC, the GUM 9 bracket format):
  gold are the person mentions whose tokens are all proper nouns (``PROPN``), i.e. named
  persons; see :func:`gum_person_mentions` and :func:`discovery_scores`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

#: Candidate referring expressions for the annotation sample (kind, pattern).
CANDIDATE_PATTERNS = {
    # "Kim" and up to two following name parts ("Kim Jong Un", "Kim Jong-un", "Kim Chaek University")
    "name": re.compile(r"\bKim(?:[ -][A-Z][a-z]+(?:-[a-z]+)?){1,2}\b"),
    "surname": re.compile(r"\bKim\b(?![ -][A-Z])"),
    # a title used to refer; one directly followed by a capitalised name is an epithet, not a candidate
    "title": re.compile(
        r"\b(?:[Tt]he (?:North Korean |DPRK |Korean |[Ss]upreme )?[Ll]eader|[Cc]hairman|"
        r"General Secretary|Supreme Leader)\b(?! [A-Z])"
    ),
}
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Hh]is|[Hh]im|[Hh]imself)\b")
#: How far after a "Kim" a pronoun may lie to be a candidate (characters).
PRONOUN_WINDOW = 250
#: Per (source, kind): how many candidates the sample draws (fewer if fewer exist).
QUOTAS = {
    ("kremlin", "name"): 16, ("kremlin", "surname"): 6, ("kremlin", "title"): 12, ("kremlin", "pronoun"): 12,
    ("kcna", "name"): 18, ("kcna", "surname"): 8, ("kcna", "title"): 10, ("kcna", "pronoun"): 12,
}
#: Context characters either side of a candidate in the committed annotation file.
CONTEXT = 90


def annotation_documents() -> pd.DataFrame:
    """The documents of the annotation sample: the Kremlin's Korea pages (``kremlin`` rows with
    ``korea``) and KCNA's items with text, as ``source``, ``doc_id``, ``date``, ``text``."""
    from analysis.data import load

    kremlin = load("kremlin")
    kremlin = kremlin[kremlin["korea"]].assign(source="kremlin")
    kcna = load("kcna-2024")
    kcna = kcna[kcna["has_text"]].assign(source="kcna")
    docs = pd.concat([kremlin, kcna], ignore_index=True)[["source", "doc_id", "date", "text"]]
    docs["date"] = pd.to_datetime(docs["date"]).dt.strftime("%Y-%m-%d")
    return docs


def candidates(docs: pd.DataFrame) -> pd.DataFrame:
    """Every candidate mention in ``docs`` (``source``, ``doc_id``, ``date``, ``text``): "Kim"
    with its name parts, a bare "Kim", referring titles, and he/his/him/himself within
    :data:`PRONOUN_WINDOW` characters after a "Kim". Columns ``source``, ``doc_id``, ``date``,
    ``kind``, ``start``, ``end``, ``surface``."""
    rows = []
    for source, doc_id, date, text in docs[["source", "doc_id", "date", "text"]].itertuples(index=False):
        text = text if isinstance(text, str) else ""
        for kind, pattern in CANDIDATE_PATTERNS.items():
            rows += [(source, doc_id, date, kind, m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
        kims = [m.end() for m in re.finditer(r"\bKim\b", text)]
        seen = set()
        for end in kims:
            for m in _PRONOUN.finditer(text, end, min(len(text), end + PRONOUN_WINDOW)):
                if m.start() not in seen:
                    seen.add(m.start())
                    rows.append((source, doc_id, date, "pronoun", m.start(), m.end(), m.group()))
    return pd.DataFrame(rows, columns=["source", "doc_id", "date", "kind", "start", "end", "surface"])


def candidate_sample(docs: pd.DataFrame | None = None, seed: int = 0) -> pd.DataFrame:
    """The annotation sample: per (source, kind) of :func:`candidates`, :data:`QUOTAS` candidates
    drawn without replacement with ``numpy.random.default_rng(seed)``, with a context window of
    :data:`CONTEXT` characters either side (``left``, ``right``). Sorted by source, doc, offset."""
    docs = annotation_documents() if docs is None else docs
    found = candidates(docs).sort_values(["source", "kind", "doc_id", "start"], ignore_index=True)
    rng = np.random.default_rng(seed)
    parts = []
    for (source, kind), quota in QUOTAS.items():
        pool = found[(found["source"] == source) & (found["kind"] == kind)]
        take = rng.choice(len(pool), size=min(quota, len(pool)), replace=False) if len(pool) else []
        parts.append(pool.iloc[np.sort(take)])
    sample = pd.concat(parts, ignore_index=True)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    sample["left"] = [texts[d][max(0, s - CONTEXT):s] for d, s in zip(sample["doc_id"], sample["start"])]
    sample["right"] = [texts[d][e:e + CONTEXT] for d, e in zip(sample["doc_id"], sample["end"])]
    return sample.sort_values(["source", "doc_id", "start"], ignore_index=True)
