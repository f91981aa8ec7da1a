"""Hand-coding loop: export evidence units for human coders, read their codes back, measure agreement.

Content analysts validate an automatic instrument by having people code a sample of what it found
(and of what it passed over) and comparing (Krippendorff 2018, *Content Analysis*, 4th ed., ch.
12; Neuendorf 2017, *The Content Analysis Guidebook*, 2nd ed., ch. 6). Two steps:

0. :func:`units_from_evidence` turns an instrument's evidence table into units and adds, as
   negative units, the sentences where it found nothing.
1. :func:`export_for_coding` draws a stratified sample of *evidence units* (any tidy frame with
   ``doc_id``, ``instrument``, ``start``, ``end`` and ``prediction``: quotes with their speakers,
   attributions with source types, hedging markers, actor mentions with tone, frame cues) and
   writes one coding sheet per coder (CSV, the span marked ``[[ ]]`` in its context), a key file
   with the instruments' predictions and sampling weights (kept out of the sheets, so coders are
   blind to them), and a codebook in Markdown.
2. :func:`agreement` reads the coded sheets back and returns tidy rows (the columns of
   :data:`REPORT_COLUMNS`, the same as ``analysis.evaluate.report.COLUMNS``): Krippendorff's
   alpha between coders (nominal) and each instrument's precision, recall and F1 against the
   coders' majority, all with bootstrap intervals over documents (:mod:`analysis.stats`).
   :func:`coded_units` gives the unit-level table behind them (for reading the disagreements).

>>> from analysis import coding                                          # doctest: +SKIP
>>> units = coding.units_from_evidence(hits, "hedging", "category", texts=texts)  # doctest: +SKIP
>>> key = coding.export_for_coding(units, "coding/hedging.csv", n=200)   # doctest: +SKIP
>>> # ... two coders fill in coding/hedging.coder1.csv and coding/hedging.coder2.csv ...
>>> coding.agreement(key.attrs["paths"]["coders"])                       # doctest: +SKIP

A unit whose ``prediction`` is missing (NaN/None) or ``"none"`` is a *negative* unit: a place the
instrument looked at and found nothing (e.g. sentences without a marker). Include such units, or
recall cannot be measured: a sample of hits shows false positives, never misses.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis import stats

__all__ = [
    "NONE", "UNCLEAR", "UNIT_COLUMNS", "SHEET_COLUMNS", "KEY_COLUMNS", "REPORT_COLUMNS",
    "units_from_evidence", "export_for_coding", "coded_units", "agreement", "krippendorff_alpha",
]

#: The code for "not an instance of any category" (a false hit, or a correct negative unit).
NONE = "none"
#: The code for "cannot decide": treated as a missing value (not counted in alpha or the majority).
UNCLEAR = "unclear"
#: Columns the units frame must have (``prediction`` may be called ``label``).
UNIT_COLUMNS = ("doc_id", "instrument", "start", "end", "prediction")
#: Columns of a coding sheet (``prediction`` is added only with ``blind=False``).
SHEET_COLUMNS = ["unit_id", "doc_id", "instrument", "question", "span", "context", "categories", "code", "note"]
#: Columns of the key file.
KEY_COLUMNS = ["unit_id", "doc_id", "instrument", "start", "end", "prediction", "stratum",
               "stratum_size", "stratum_sample", "weight", "problem"]
#: The tidy evaluation columns (as ``analysis.evaluate.report.COLUMNS``, not imported: layers).
REPORT_COLUMNS = ["instrument", "benchmark", "system", "metric", "estimate", "low", "high", "n", "role",
                  "published", "note"]

_DEFAULT_QUESTION = ("Read the span in [[double brackets]] in its context. Which category does it "
                     "express? Choose one of the listed categories; '{none}' if it is not an instance "
                     "of any; '{unclear}' if you cannot decide.")
#: Instruments with more categories than this are coded by writing the value (e.g. a speaker's name).
MAX_LISTED = 12


# --- shared helpers ---------------------------------------------------------------------------


def _normalise(value) -> str | None:
    """A code or prediction as compared: stripped, case-folded, inner spaces collapsed; None if empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    text = " ".join(str(value).split()).casefold()
    return text or None


def _prediction(value) -> str:
    text = _normalise(value)
    return NONE if text is None else text


def _paths(path) -> dict:
    path = Path(path)
    stem = path.name[:-4] if path.name.lower().endswith(".csv") else path.name
    return {"sheet": path, "key": path.with_name(f"{stem}.key.csv"),
            "codebook": path.with_name(f"{stem}.codebook.md"), "stem": stem}


def _allocate(sizes: Sequence[int], n: int) -> list[int]:
    """Equal allocation of ``n`` over strata, capped by each stratum's size, remainder passed on."""
    alloc = [0] * len(sizes)
    remaining = min(int(n), int(sum(sizes)))
    while remaining > 0:
        open_ = [i for i, size in enumerate(sizes) if alloc[i] < size]
        share = max(1, remaining // len(open_))
        for i in open_:
            take = min(share, sizes[i] - alloc[i], remaining)
            alloc[i] += take
            remaining -= take
            if remaining == 0:
                break
    return alloc


def _context(text: str, start: int, end: int, width: int) -> str:
    left, right = max(0, start - width), min(len(text), end + width)
    # widen to whole words at both edges
    while left > 0 and not text[left - 1].isspace() and start - left < width + 30:
        left -= 1
    while right < len(text) and not text[right].isspace() and right - end < width + 30:
        right += 1
    snippet = ("... " if left > 0 else "") + f"{text[left:start]}[[{text[start:end]}]]{text[end:right]}" + \
        (" ..." if right < len(text) else "")
    return " ".join(snippet.split())


# --- units ------------------------------------------------------------------------------------


def units_from_evidence(
    found: pd.DataFrame,
    instrument: str,
    prediction: str | None = None,
    *,
    texts: Mapping | pd.Series | None = None,
    negatives: bool = True,
    start: str = "start",
    end: str = "end",
) -> pd.DataFrame:
    """``units_from_evidence(found, instrument, prediction=None, texts=None, negatives=True)``.

    Turns one instrument's evidence table (one row per hit, with ``doc_id`` and character offsets
    in the columns ``start`` and ``end``) into the units :func:`export_for_coding` takes:
    ``doc_id``, ``instrument`` (the name given), ``start``, ``end``, ``prediction`` (the values of
    the column ``prediction``, e.g. ``"category"`` or ``"source_type"``; without it every hit
    predicts ``instrument`` itself, i.e. "this is an instance") and ``text`` when ``texts``
    (doc_id -> text) is given. With ``texts`` and ``negatives=True`` (default), every sentence
    (:func:`analysis.tokenize.sentence_spans`) that overlaps no hit is added as a negative unit
    (prediction missing): without them the coders can only find false positives, never misses.
    A document of ``texts`` with no sentence (empty, non-text) adds nothing; hits of a document
    missing from ``texts`` keep no text and are marked by :func:`export_for_coding`.
    """
    found = pd.DataFrame(found)
    for column in ("doc_id", start, end):
        if len(found) and column not in found.columns:
            raise ValueError(f"the evidence table has no {column!r} column (columns: {list(found.columns)})")
    if prediction is not None and len(found) and prediction not in found.columns:
        raise ValueError(f"the evidence table has no {prediction!r} column")
    units = pd.DataFrame({
        "doc_id": found["doc_id"] if len(found) else pd.Series(dtype=object),
        "instrument": instrument,
        "start": found[start] if len(found) else pd.Series(dtype="int64"),
        "end": found[end] if len(found) else pd.Series(dtype="int64"),
        "prediction": (found[prediction] if prediction is not None and len(found)
                       else pd.Series([instrument] * len(found), index=found.index, dtype=object)),
    }).reset_index(drop=True)
    if texts is None:
        return units
    lookup = dict(texts.items())
    parts = [units]
    if negatives:
        from analysis.tokenize import sentence_spans  # text layer, below this one

        hits = {doc: list(zip(part["start"], part["end"])) for doc, part in units.groupby("doc_id", sort=False)}
        rows = []
        for doc_id, text in lookup.items():
            if not isinstance(text, str) or not text.strip():
                continue
            spans = hits.get(doc_id, [])
            for sentence in sentence_spans(text):
                s, e = int(sentence[0]), int(sentence[1])
                if not any(a < e and s < b for a, b in spans):
                    rows.append({"doc_id": doc_id, "instrument": instrument, "start": s, "end": e,
                                 "prediction": None})
        parts.append(pd.DataFrame(rows, columns=units.columns))
    out = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else units
    out["text"] = [lookup.get(d) for d in out["doc_id"]]
    return out


# --- export -----------------------------------------------------------------------------------


def export_for_coding(
    units: pd.DataFrame,
    path,
    n: int = 200,
    strata: Sequence[str] = ("instrument", "prediction"),
    seed: int = 0,
    coders: int = 2,
    *,
    texts: Mapping | pd.Series | None = None,
    categories: Mapping[str, Iterable[str]] | None = None,
    questions: Mapping[str, str] | None = None,
    definitions: Mapping[str, str] | None = None,
    blind: bool = True,
    width: int = 150,
) -> pd.DataFrame:
    """``export_for_coding(units, path, n=200, strata=("instrument", "prediction"), seed=0, coders=2)``.

    Draws a stratified random sample of ``n`` evidence units and writes, next to ``path``:

    * ``path`` (e.g. ``coding.csv``): the blank coding sheet (:data:`SHEET_COLUMNS`), and one copy
      per coder, ``coding.coder1.csv`` ... ``coding.coder<coders>.csv``, to be filled in
      independently (column ``code``, optional ``note``);
    * ``coding.key.csv``: per unit the instrument's ``prediction``, offsets, stratum and sampling
      weight (:data:`KEY_COLUMNS`); not for coders;
    * ``coding.codebook.md``: what coders judge, the categories (with ``definitions`` where
      given), the codes ``none`` and ``unclear``, the sample design.

    ``units``: one row per evidence unit with ``doc_id``, ``instrument``, ``start``, ``end`` (character
    offsets into the document text) and ``prediction`` (or ``label``): the instrument's claim, e.g. a
    hedging category, a source type, a tone, a frame, a speaker. A missing prediction means the
    instrument found nothing there (a negative unit, needed for recall). Document text comes from
    ``texts`` (doc_id -> text), else a ``text`` column; a ``context`` column is used as given; a
    unit without text is kept with the ``problem`` column saying so (never dropped).

    Sampling (Neuendorf 2017, ch. 6): the rows are grouped by the ``strata`` columns; ``n`` is
    divided equally among strata (a stratum smaller than its share gives all its rows, the rest
    goes to the others); rows are drawn without replacement with ``numpy.random.default_rng(seed)``,
    then shuffled, so that coders do not see strata in blocks. Each unit's ``weight`` is its
    stratum's size over its sample size (inverse inclusion probability), which :func:`agreement`
    uses to estimate precision and recall for the whole set of units rather than for the
    (deliberately unbalanced) sample. Categories per instrument: ``categories[instrument]``, else
    the distinct predictions of that instrument in ``units``; with more than 12 the sheet asks
    coders to write the value. ``blind=True`` (default) keeps predictions out of the sheets (set
    ``False`` for a verification design where coders judge a shown prediction; then agreement
    with the instrument is inflated by anchoring).

    Returns the key (one row per sampled unit) with ``attrs["paths"]`` (the files written) and
    ``attrs["design"]``. Empty ``units`` write header-only files and return an empty key.
    Reference: Krippendorff 2018, *Content Analysis*, 4th ed., ch. 12 (reliability data).
    """
    if coders < 1:
        raise ValueError(f"coders must be at least 1, got {coders}")
    units = pd.DataFrame(units).copy()
    if "prediction" not in units.columns and "label" in units.columns:
        units = units.rename(columns={"label": "prediction"})
    missing = [c for c in UNIT_COLUMNS if c not in units.columns]
    if missing and len(units):
        raise ValueError(f"units lack the columns {missing}; need {list(UNIT_COLUMNS)} (prediction may be 'label')")
    for column in UNIT_COLUMNS:
        if column not in units.columns:
            units[column] = pd.Series(dtype=object)
    strata = list(strata)
    absent = [c for c in strata if c not in units.columns]
    if absent:
        raise ValueError(f"strata columns {absent} are not in units")
    units = units.reset_index(drop=True)
    units["prediction"] = [_prediction(v) for v in units["prediction"]]
    units["instrument"] = units["instrument"].astype(str)

    # stratified sample
    if strata:
        keys = [" / ".join(str(v) for v in row) for row in units[strata].astype(object).itertuples(index=False)]
    else:
        keys = ["all"] * len(units)
    units["stratum"] = keys
    order = sorted(set(keys))
    members = {k: np.flatnonzero(units["stratum"].to_numpy() == k) for k in order}
    alloc = _allocate([len(members[k]) for k in order], n)
    rng = np.random.default_rng(seed)
    chosen, size_of, sample_of = [], {}, {}
    for k, take in zip(order, alloc):
        rows = members[k]
        size_of[k], sample_of[k] = len(rows), take
        if take:
            chosen.extend(sorted(rng.choice(rows, size=take, replace=False).tolist()))
    chosen = np.asarray(chosen, dtype=int)
    sample = units.iloc[rng.permutation(chosen)].reset_index(drop=True) if len(chosen) else units.iloc[:0].copy()
    digits = max(4, len(str(len(sample))))
    sample.insert(0, "unit_id", [f"u{i + 1:0{digits}d}" for i in range(len(sample))])
    sample["stratum_size"] = [size_of[k] for k in sample["stratum"]]
    sample["stratum_sample"] = [sample_of[k] for k in sample["stratum"]]
    sample["weight"] = sample["stratum_size"] / sample["stratum_sample"].where(sample["stratum_sample"] > 0)

    # spans and contexts
    lookup = dict(texts.items()) if texts is not None else None
    spans, contexts, problems = [], [], []
    for row in sample.to_dict("records"):
        text = lookup.get(row["doc_id"]) if lookup is not None else row.get("text")
        start, end = row["start"], row["end"]
        ok_offsets = all(isinstance(v, (int, np.integer, float)) and not pd.isna(v) for v in (start, end))
        problem = ""
        if isinstance(text, str) and ok_offsets and 0 <= int(start) <= int(end) <= len(text):
            start, end = int(start), int(end)
            span = text[start:end]
            context = row["context"] if isinstance(row.get("context"), str) else _context(text, start, end, width)
        else:
            span = row.get("span") if isinstance(row.get("span"), str) else ""
            context = row["context"] if isinstance(row.get("context"), str) else ""
            problem = ("no text for this document" if not isinstance(text, str)
                       else "offsets missing or outside the text")
            if not context:
                context = f"[[{span}]]" if span else ""
        spans.append(" ".join(span.split()))
        contexts.append(context)
        problems.append(problem)
    sample["span"], sample["context"], sample["problem"] = spans, contexts, problems

    # categories and questions per instrument
    categories = {k: [_prediction(c) for c in v] for k, v in (categories or {}).items()}
    per_instrument = {}
    for instrument in sorted(units["instrument"].unique()):
        listed = categories.get(instrument)
        if listed is None:
            listed = sorted(set(units.loc[units["instrument"] == instrument, "prediction"]) - {NONE})
        per_instrument[instrument] = [c for c in listed if c not in {NONE, UNCLEAR}]
    questions = dict(questions or {})

    def question(instrument: str) -> str:
        return questions.get(instrument, _DEFAULT_QUESTION.format(none=NONE, unclear=UNCLEAR))

    def options(instrument: str) -> str:
        listed = per_instrument.get(instrument, [])
        if len(listed) > MAX_LISTED:
            return f"write the value as in the text | {NONE} | {UNCLEAR}"
        return " | ".join([*listed, NONE, UNCLEAR])

    sheet = pd.DataFrame({
        "unit_id": sample["unit_id"], "doc_id": sample["doc_id"], "instrument": sample["instrument"],
        "question": [question(i) for i in sample["instrument"]], "span": sample["span"],
        "context": sample["context"], "categories": [options(i) for i in sample["instrument"]],
        "code": "", "note": "",
    }, columns=SHEET_COLUMNS)
    if not blind:
        sheet.insert(SHEET_COLUMNS.index("categories"), "prediction", sample["prediction"])
    key = sample.reindex(columns=KEY_COLUMNS)

    paths = _paths(path)
    paths["sheet"].parent.mkdir(parents=True, exist_ok=True)
    sheet.to_csv(paths["sheet"], index=False)
    coder_paths = []
    for i in range(1, coders + 1):
        coder_path = paths["sheet"].with_name(f"{paths['stem']}.coder{i}.csv")
        sheet.to_csv(coder_path, index=False)
        coder_paths.append(coder_path)
    key.to_csv(paths["key"], index=False)
    design = {"n_requested": int(n), "n_sampled": len(sample), "n_units": len(units), "strata": strata,
              "seed": seed, "coders": coders, "blind": blind,
              "strata_table": [{"stratum": k, "size": size_of[k], "sample": sample_of[k]} for k in order]}
    paths["codebook"].write_text(_codebook(paths, coder_paths, per_instrument, question, definitions or {},
                                           sample, design), encoding="utf-8")
    key.attrs["paths"] = {"sheet": paths["sheet"], "coders": coder_paths, "key": paths["key"],
                          "codebook": paths["codebook"]}
    key.attrs["design"] = design
    return key


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _codebook(paths, coder_paths, per_instrument, question, definitions, sample, design) -> str:
    lines = [
        f"# Codebook: {paths['stem']}",
        "",
        f"{design['n_sampled']} evidence units drawn from {design['n_units']} (seed {design['seed']}), "
        f"for {design['coders']} coder(s). Each coder fills in their own sheet "
        f"({', '.join(p.name for p in coder_paths)}) alone: do not discuss units, do not look at the "
        f"other sheets or at `{paths['key'].name}` (it holds what the instruments predicted).",
        "",
        "## Procedure",
        "",
        "- One row is one unit: a span of a news text, shown in `span` and, marked [[like this]], in its "
        "`context`. Judge the span as it is used in that context (read the whole context).",
        "- Write exactly one code in `code`, copied from the row's `categories` (case does not matter).",
        f"- `{NONE}`: the span is not an instance of any category (e.g. not a marker, not a quotation, no frame).",
        f"- `{UNCLEAR}`: you cannot decide from the context; say why in `note`. Counted as missing.",
        "- Do not skip rows: leave `code` empty only if the row cannot be read at all (say so in `note`).",
        "- Text inside a quotation belongs to the quoted source, not to the writer.",
        "",
        "## Instruments and categories",
        "",
    ]
    counts = sample["instrument"].value_counts()
    for instrument, listed in per_instrument.items():
        lines += [f"### {instrument} ({int(counts.get(instrument, 0))} units)", "", question(instrument), ""]
        if len(listed) > MAX_LISTED:
            lines += [f"Open categories ({len(listed)} seen): write the value as it appears in the text "
                      f"(e.g. the speaker's name), or `{NONE}` / `{UNCLEAR}`.", ""]
        else:
            for category in listed:
                definition = definitions.get(category, "")
                lines.append(f"- `{category}`" + (f": {definition}" if definition else ""))
            lines += [f"- `{NONE}`: not an instance of any of these.", f"- `{UNCLEAR}`: cannot decide.", ""]
    lines += [
        "## Sample design",
        "",
        f"Stratified by {', '.join(design['strata']) or 'nothing'}; equal allocation, capped by stratum size. "
        "Weights (stratum size / stratum sample) turn sample counts into estimates for all units.",
        "",
        "| stratum | units | sampled |",
        "|---|---|---|",
        *[f"| {_cell(row['stratum'])} | {row['size']} | {row['sample']} |" for row in design["strata_table"]],
        "",
        "Agreement: Krippendorff's alpha, nominal (Krippendorff 2018, *Content Analysis*, ch. 12); "
        "accepted reliability is usually alpha >= 0.800, tentative conclusions from 0.667.",
        "",
    ]
    return "\n".join(lines)


# --- reading codes back -----------------------------------------------------------------------


def _read(item) -> pd.DataFrame:
    if isinstance(item, pd.DataFrame):
        return item.copy()
    return pd.read_csv(item, dtype=str, keep_default_na=False)


def _coder_name(item, position: int) -> str:
    if isinstance(item, (str, Path)):
        match = re.search(r"\.(coder[^.]*)\.csv$", str(item), re.IGNORECASE)
        if match:
            return match.group(1)
        return Path(item).stem
    return f"coder{position + 1}"


def _key_path(item) -> Path | None:
    if isinstance(item, (str, Path)):
        match = re.match(r"(.*)\.coder[^.]*\.csv$", str(item), re.IGNORECASE)
        if match:
            return Path(f"{match.group(1)}.key.csv")
    return None


def coded_units(coded, key=None, *, min_codes: int = 1) -> pd.DataFrame:
    """``coded_units(coded, key=None)``: one row per unit with every coder's code and the majority.

    ``coded``: a coded sheet (path or DataFrame) or a list of them, one per coder (the coder is
    named by the frame's ``coder`` column, else by the file name ``*.coder1.csv``, else by
    position); or one long frame with ``unit_id``, ``coder``, ``code``. ``key``: the key file (path
    or frame) written by :func:`export_for_coding`; by default the ``*.key.csv`` next to the first
    coded path. Codes are compared stripped and case-folded; empty and ``unclear`` are missing.

    Columns: ``unit_id``, ``doc_id``, ``instrument``, ``prediction`` and ``weight`` (from the key,
    else NaN / 1), one ``code_<coder>`` column per coder, ``n_codes``, ``majority`` (the code given
    by more than half of the coders who coded the unit, with at least ``min_codes`` codes; else
    missing), ``agrees`` (majority equals prediction; missing without a majority or key) and
    ``in_key`` (False for a coded unit the key does not list: kept for alpha, no prediction).
    """
    items = list(coded) if isinstance(coded, (list, tuple)) else [coded]
    frames = []
    for position, item in enumerate(items):
        frame = _read(item)
        if "unit_id" not in frame.columns or "code" not in frame.columns:
            raise ValueError(f"coded sheet {position + 1} lacks 'unit_id' or 'code' (columns: {list(frame.columns)})")
        if "coder" not in frame.columns:
            frame["coder"] = _coder_name(item, position)
        keep = [c for c in ("unit_id", "doc_id", "instrument", "coder", "code") if c in frame.columns]
        frames.append(frame[keep])
    long = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["unit_id", "coder", "code"])
    long["unit_id"] = long["unit_id"].astype(str)
    long["coder"] = long["coder"].astype(str)
    codes = [_normalise(v) for v in long["code"]]
    long["code"] = [None if c == UNCLEAR else c for c in codes]
    if long.duplicated(["unit_id", "coder"]).any():
        raise ValueError("a coder coded the same unit twice")
    coders = list(dict.fromkeys(long["coder"]))
    wide = long.pivot(index="unit_id", columns="coder", values="code").reindex(columns=coders)
    wide.columns = [f"code_{c}" for c in coders]

    if key is None and items:
        key = _key_path(items[0])
        key = key if key is not None and key.exists() else None
    meta = long.drop_duplicates("unit_id").set_index("unit_id")
    sheet_meta = pd.DataFrame({
        "doc_id": meta["doc_id"] if "doc_id" in meta else meta.index.to_series(),
        "instrument": meta["instrument"] if "instrument" in meta else "all",
    }, index=meta.index)
    if key is not None:
        key_frame = _read(key)
        key_frame["unit_id"] = key_frame["unit_id"].astype(str)
        key_frame["prediction"] = [_prediction(v) for v in key_frame["prediction"]]
        key_frame["weight"] = pd.to_numeric(key_frame.get("weight", 1.0), errors="coerce").fillna(1.0)
        base = key_frame[["unit_id", "doc_id", "instrument", "prediction", "weight"]]
        # a coded unit missing from the key is kept (for alpha) with no prediction, never dropped
        extra = sheet_meta.loc[~sheet_meta.index.isin(base["unit_id"])]
        if len(extra):
            base = pd.concat([base, extra.reset_index(names="unit_id").assign(prediction=None, weight=1.0)],
                             ignore_index=True)
    else:
        base = sheet_meta.reset_index(names="unit_id").assign(prediction=None, weight=1.0)
    out = base.merge(wide, left_on="unit_id", right_index=True, how="left")
    out["in_key"] = out["prediction"].notna()
    code_columns = list(wide.columns)
    majorities, n_codes = [], []
    for values in out[code_columns].itertuples(index=False):
        given = [v for v in values if isinstance(v, str)]
        n_codes.append(len(given))
        top = Counter(given).most_common(2)
        if len(given) >= max(1, min_codes) and top and top[0][1] * 2 > len(given):
            majorities.append(top[0][0])
        else:
            majorities.append(None)
    out["n_codes"] = n_codes
    out["majority"] = majorities
    out["agrees"] = [pd.NA if m is None or p is None else bool(m == p)
                     for m, p in zip(out["majority"], out["prediction"])]
    out.attrs["coders"] = coders
    return out.reset_index(drop=True)


def krippendorff_alpha(codes: np.ndarray) -> float:
    """Krippendorff's alpha, nominal, of a units x coders array of codes (strings; None = missing).

    Computed by the ``krippendorff`` package (Castro 2017; Krippendorff 2011, "Computing
    Krippendorff's alpha-reliability"): ``alpha = 1 - D_o / D_e`` over the units with at least two
    codes. NaN when it is undefined: fewer than two pairable codes, or one category only (no
    expected disagreement).
    """
    import krippendorff  # a light, pure-numpy dependency; imported here so `import analysis.coding` stays light

    codes = np.asarray(codes, dtype=object)
    if codes.ndim != 2 or codes.size == 0:
        return float("nan")
    values = sorted({v for v in codes.ravel().tolist() if isinstance(v, str)})
    index = {v: i for i, v in enumerate(values)}
    numeric = np.array([[index[v] if isinstance(v, str) else np.nan for v in row] for row in codes], dtype=float)
    if len(values) < 2 or (np.sum(~np.isnan(numeric), axis=1) >= 2).sum() == 0:
        return float("nan")
    try:
        return float(krippendorff.alpha(reliability_data=numeric.T, level_of_measurement="nominal"))
    except (ValueError, ZeroDivisionError):
        return float("nan")


def _precision_recall(prediction, majority, weight) -> tuple[float, float, float, float, float]:
    prediction = np.asarray(prediction, dtype=object)
    majority = np.asarray(majority, dtype=object)
    weight = np.asarray(weight, dtype=float)
    predicted, true = prediction != NONE, majority != NONE
    right = prediction == majority
    tp = weight[predicted & right].sum()
    fp = weight[predicted & ~right].sum()
    fn = weight[true & ~right].sum()
    return tp, fp, fn, stats.precision(tp, fp), stats.recall(tp, fn)


def agreement(
    coded,
    key=None,
    *,
    benchmark: str = "hand-coding",
    n_boot: int = 1000,
    level: float = 0.95,
    seed: int = 0,
    weighted: bool = True,
    min_codes: int = 1,
) -> pd.DataFrame:
    """``agreement(coded, key=None, benchmark="hand-coding", n_boot=1000)``: reliability and accuracy rows.

    Reads the coded sheet(s) (see :func:`coded_units`) and returns tidy rows
    (:data:`REPORT_COLUMNS`):

    * ``system="coders"``, ``metric="krippendorff_alpha"``, ``role="agreement"``: alpha (nominal;
      :func:`krippendorff_alpha`) between the coders, per instrument and over all units
      (``instrument="all"``); ``n`` = units with at least two codes.
    * ``system=<instrument>``, ``metric`` ``precision`` / ``recall`` / ``f1``, ``role="instrument"``:
      the instrument's predictions against the coders' majority (units without a majority are left
      out and counted in ``note``). A predicted category is right when the majority gives the same
      code; a unit predicted ``c`` but coded ``d`` counts as a false positive for the prediction and,
      if ``d`` is not ``none``, a false negative (micro-averaged over categories, as span-labelling
      F1). Recall needs negative units in the sample (see the module docstring). With
      ``weighted=True`` (default) every unit counts with its sampling weight from the key (stratum
      size / sample size), so the figures estimate precision and recall over all exported units,
      not over the stratified sample; with equal weights this is the plain count. Negative units
      are usually many and sparsely sampled, so each carries a large weight and recall rests on
      few of them: its interval shows how little is known; sample more negatives to narrow it.

    Intervals: 95 % bootstrap (:func:`analysis.stats.bootstrap`, documents resampled: units of one
    document are not independent; BCa from 20 documents, percentile below), ``n_boot`` resamples,
    ``seed``. Caveat: with few units (tens) intervals are wide and alpha's bootstrap can be
    degenerate; report ``n``. References: Krippendorff 2018, *Content Analysis*, 4th ed., ch. 12;
    Hayes & Krippendorff 2007, *Communication Methods and Measures* 1 (bootstrapping alpha).
    """
    units = coded_units(coded, key, min_codes=min_codes)
    code_columns = [c for c in units.columns if c.startswith("code_")]
    rows = []

    def row(instrument, system, metric, interval, n, role, note):
        estimate, low, high = interval
        rows.append({"instrument": instrument, "benchmark": benchmark, "system": system, "metric": metric,
                     "estimate": estimate, "low": low, "high": high, "n": n, "role": role,
                     "published": False, "note": note})

    groups = [("all", units)] + [(name, part) for name, part in units.groupby("instrument", sort=True)]
    for instrument, part in groups:
        matrix = part[code_columns].to_numpy(dtype=object)
        pairable = int((part["n_codes"] >= 2).sum())
        if len(code_columns) >= 2 and pairable:
            interval = stats.bootstrap(krippendorff_alpha, matrix, groups=part["doc_id"].astype(str).to_numpy(),
                                       n_boot=n_boot, level=level, seed=seed)
            note = (f"nominal, {len(code_columns)} coders, {interval.method} bootstrap over "
                    f"{interval.n_units} documents")
            row(instrument, "coders", "krippendorff_alpha", interval, pairable, "agreement", note)
        else:
            row(instrument, "coders", "krippendorff_alpha", (np.nan, np.nan, np.nan), pairable, "agreement",
                "needs two coders and a unit coded by both")
    if units["prediction"].isna().all():
        return pd.DataFrame(rows, columns=REPORT_COLUMNS)
    for instrument, part in units.groupby("instrument", sort=True):
        decided = part[part["majority"].notna() & part["prediction"].notna()]
        left_out = len(part) - len(decided)
        if decided.empty:
            for metric in ("precision", "recall", "f1"):
                row(instrument, instrument, metric, (np.nan, np.nan, np.nan), 0, "instrument",
                    f"no unit with a coders' majority ({left_out} without)")
            continue
        weight = decided["weight"].to_numpy(dtype=float) if weighted else np.ones(len(decided))
        arrays = (decided["prediction"].to_numpy(dtype=object), decided["majority"].to_numpy(dtype=object), weight)
        doc_groups = decided["doc_id"].astype(str).to_numpy()
        metrics = {
            "precision": lambda p, m, w: _precision_recall(p, m, w)[3],
            "recall": lambda p, m, w: _precision_recall(p, m, w)[4],
            "f1": lambda p, m, w: stats.f1_from_counts(*_precision_recall(p, m, w)[:3]),
        }
        tp, fp, fn, _, _ = _precision_recall(*arrays)
        varied = weighted and not np.allclose(weight, weight[0])
        for metric, function in metrics.items():
            interval = stats.bootstrap(function, *arrays, groups=doc_groups, n_boot=n_boot, level=level, seed=seed)
            note = (f"against the coders' majority; TP {tp:g}, FP {fp:g}, FN {fn:g}"
                    + (" (sampling-weighted)" if varied else "")
                    + f"; {left_out} unit(s) without majority left out; {interval.method} bootstrap over "
                    f"{interval.n_units} documents")
            row(instrument, instrument, metric, interval, len(decided), "instrument", note)
    return pd.DataFrame(rows, columns=REPORT_COLUMNS)
