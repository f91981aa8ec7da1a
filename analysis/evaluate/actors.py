"""Validation of :mod:`analysis.framing.actors`: who a mention refers to, and which names are found.

``python -m analysis.evaluate actors [--n-boot 1000]`` prints :func:`actor_results`.

Two benchmarks, both with 95 % percentile-bootstrap intervals that resample documents
(:func:`analysis.evaluate.bootstrap_ci`) and a baseline measured in the same run:

* **Kim Jong Un resolution** on two hand-annotated samples of candidate mentions from the
  Kremlin's Korea pages and KCNA, drawn by :func:`candidate_sample` (how they were annotated:
  ``data/annotations/README.md``): the held-out sample (``kim_mentions_heldout.csv``, seed 1,
  54 candidates, annotated after the rules were final: the untuned figure) and the
  development sample (``kim_mentions.csv``, seed 0, 87 candidates). A candidate counts as a
  predicted Kim Jong Un mention when :func:`analysis.framing.actors.mentions` (default table,
  the document's date) returns a Kim Jong Un mention overlapping it. Precision and recall of
  Kim Jong Un over the candidates; baseline: every candidate containing "Kim" is Kim Jong Un.
  Caveats: the samples are stratified by source and kind of candidate (names, bare surnames,
  titles, pronouns), so the figures weight the hard kinds more than a corpus would; one
  annotator. The development sample's figures are **development figures**: the first run of
  the resolver on it gave precision 0.818 [0.577, 0.902] and recall 0.818 [0.694, 0.936]
  (bootstrap, 200 resamples); its errors then led to rule changes (a surname goes to the
  nearest full name even when the table does not know that name; persons the table does not
  know take pronouns; a transcript's speaker label is no antecedent; a pronoun keeps its person
  salient into the next sentence; titles alone are no names). The held-out sample was drawn
  and annotated after that and never tuned on.
* **Proper-name discovery** on UD GUM dev's entity annotations (Zeldes 2017, *Language
  Resources and Evaluation* 51(3); CoNLL-U ``Entity=`` in MISC, read by
  :func:`analysis.framing.actors.gum_entities`): gold are the person mentions whose tokens are
  all proper nouns (``PROPN``), i.e. named persons (279 in 30 documents). A gold person is found
  when a name :func:`analysis.framing.actors.proper_names` types "person" overlaps it; a
  predicted person is right when it overlaps any gold person mention. The type model
  (:class:`~analysis.framing.actors.NameTypeClassifier`) is trained on GUM dev itself, so its
  rows are out-of-fold: 5-fold ``GroupKFold`` by document, fixed defaults (C 1, min_df 2),
  nothing tuned. Same-run comparisons: the type rules alone, the name finder with any type
  (recall only), and "every capitalised run is a person". Caveat: overlap, not exact span, is
  scored; GUM's genres (fiction, conversation, academic, ...) are not only news.

The annotated sample's first-run figures, before the rule changes named above, and the
previous version of the package (one alias table, "Kim" always Kim Jong Un, same sample, same
bootstrap): precision 0.652 [0.468, 0.793], recall 0.682 [0.544, 0.811].
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
#: The second, held-out sample (seed 1, none of the first sample's candidates): smaller.
HELD_OUT_QUOTAS = {
    ("kremlin", "name"): 8, ("kremlin", "surname"): 0, ("kremlin", "title"): 10, ("kremlin", "pronoun"): 10,
    ("kcna", "name"): 8, ("kcna", "surname"): 0, ("kcna", "title"): 8, ("kcna", "pronoun"): 10,
}
#: Context characters either side of a candidate in the committed annotation file.
CONTEXT = 90


def annotation_documents(with_title: bool = False) -> pd.DataFrame:
    """The documents of the annotation sample: the Kremlin's Korea pages (``kremlin`` rows with
    ``korea``) and KCNA's items with text, as ``source``, ``doc_id``, ``date``, ``text`` (and
    ``title`` with ``with_title``)."""
    from analysis.data import load

    kremlin = load("kremlin")
    kremlin = kremlin[kremlin["korea"]].assign(source="kremlin")
    kcna = load("kcna-2024")
    kcna = kcna[kcna["has_text"]].assign(source="kcna")
    columns = ["source", "doc_id", "date", "text"] + (["title"] if with_title else [])
    docs = pd.concat([kremlin, kcna], ignore_index=True)[columns]
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


def candidate_sample(docs: pd.DataFrame | None = None, seed: int = 0, exclude: pd.DataFrame | None = None,
                     quotas: dict | None = None) -> pd.DataFrame:
    """The annotation sample: per (source, kind) of :func:`candidates`, ``quotas`` (default
    :data:`QUOTAS`) candidates drawn without replacement with ``numpy.random.default_rng(seed)``,
    leaving out the ``(doc_id, start)`` pairs of ``exclude`` (an earlier sample), with a
    context window of :data:`CONTEXT` characters either side (``left``, ``right``). Sorted by
    source, document and offset."""
    docs = annotation_documents() if docs is None else docs
    found = candidates(docs).sort_values(["source", "kind", "doc_id", "start"], ignore_index=True)
    if exclude is not None:
        taken = set(zip(exclude["doc_id"], exclude["start"]))
        found = found[[pair not in taken for pair in zip(found["doc_id"], found["start"])]]
    rng = np.random.default_rng(seed)
    parts = []
    for (source, kind), quota in (quotas or QUOTAS).items():
        pool = found[(found["source"] == source) & (found["kind"] == kind)]
        take = rng.choice(len(pool), size=min(quota, len(pool)), replace=False) if len(pool) else []
        parts.append(pool.iloc[np.sort(take)])
    sample = pd.concat(parts, ignore_index=True)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    sample["left"] = [texts[d][max(0, s - CONTEXT):s] for d, s in zip(sample["doc_id"], sample["start"])]
    sample["right"] = [texts[d][e:e + CONTEXT] for d, e in zip(sample["doc_id"], sample["end"])]
    return sample.sort_values(["source", "doc_id", "start"], ignore_index=True)


# --- Kim Jong Un resolution on the annotated sample ------------------------------------------

#: The committed annotation file (see ``data/annotations/README.md``).
ANNOTATIONS = "data/annotations/kim_mentions.csv"
TARGET = "Kim Jong Un"


#: The held-out sample (seed 1), annotated after the rules were final.
HELD_OUT_ANNOTATIONS = "data/annotations/kim_mentions_heldout.csv"


def read_annotations(path=None) -> pd.DataFrame:
    """Hand-annotated candidates: ``path`` relative to the repository root, default
    :data:`ANNOTATIONS` (the development sample); :data:`HELD_OUT_ANNOTATIONS` is the other."""
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / (ANNOTATIONS if path is None else path)
    return pd.read_csv(path, keep_default_na=False, dtype={"doc_id": str, "date": str})


def resolve_sample(sample: pd.DataFrame, docs: pd.DataFrame, actors=None) -> pd.DataFrame:
    """``sample`` with ``predicted`` (the actor of the instrument's mention overlapping each
    candidate, "" if none), ``predicted_target`` and ``baseline_target`` ("Kim" in the surface).

    Each document is read as its title, a blank line, then its text (a headline names who the
    page is about), with its date; the instrument is :func:`analysis.framing.actors.mentions`
    with ``actors`` (default :data:`~analysis.framing.actors.DEFAULT_ACTORS`)."""
    from analysis.framing.actors import DEFAULT_ACTORS, mentions

    table = DEFAULT_ACTORS if actors is None else actors
    docs = docs.set_index("doc_id")
    predicted = []
    cache: dict[str, pd.DataFrame] = {}
    for doc_id, start, end in zip(sample["doc_id"], sample["start"], sample["end"]):
        if doc_id not in cache:
            title = docs.at[doc_id, "title"] if "title" in docs else ""
            head = f"{title}\n\n" if isinstance(title, str) and title.strip() else ""
            found = mentions(head + docs.at[doc_id, "text"], table, date=docs.at[doc_id, "date"])
            cache[doc_id] = found.assign(start=found["start"] - len(head), end=found["end"] - len(head))
        found = cache[doc_id]
        hits = found[(found["start"] < end) & (found["end"] > start)]
        predicted.append(hits["actor"].iloc[0] if len(hits) else "")
    out = sample.copy()
    out["predicted"] = predicted
    out["predicted_target"] = out["predicted"].eq(TARGET)
    out["baseline_target"] = out["surface"].str.contains(r"\bKim\b", regex=True)
    return out


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> float:
    total = denominator.sum()
    return float(numerator.sum() / total) if total else float("nan")


def resolution_scores(resolved: pd.DataFrame, n_boot: int = 1000, benchmark: str = "kim-mentions",
                      note: str = "") -> pd.DataFrame:
    """Precision and recall of Kim Jong Un over the candidates of :func:`resolve_sample`, for the
    instrument and the baseline, with percentile-bootstrap intervals resampling documents.
    Rows in :data:`analysis.evaluate.report.COLUMNS`."""
    from analysis.evaluate import bootstrap_ci

    gold = resolved["gold_kim_jong_un"].astype(str).str.lower().eq("true")
    rows = []
    for system, column, role in (("actor table + resolution rules", "predicted_target", "instrument"),
                                 ('any "Kim" is Kim Jong Un', "baseline_target", "baseline")):
        predicted = resolved[column].astype(bool)
        per_doc = pd.DataFrame({"doc": resolved["doc_id"], "tp": predicted & gold, "pred": predicted, "gold": gold})
        per_doc = per_doc.groupby("doc").sum()
        for metric, denominator in (("precision", "pred"), ("recall", "gold")):
            estimate, low, high = bootstrap_ci(_ratio, per_doc["tp"].to_numpy(), per_doc[denominator].to_numpy(),
                                               n_boot=n_boot)
            rows.append(dict(instrument="actor resolution", benchmark=benchmark,
                             system=system, metric=f"{metric} (Kim Jong Un)", estimate=estimate, low=low, high=high,
                             n=len(per_doc), role=role, published=False,
                             note=f"{len(resolved)} hand-annotated candidates ({int(gold.sum())} Kim Jong Un), "
                                  f"stratified sample of Kremlin Korea pages and KCNA; documents resampled; {note}"))
    return pd.DataFrame(rows)


# --- proper-name discovery on GUM dev ----------------------------------------------------------

_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’.-]*(?:[ ]+[A-Z][\w'’.-]*)*")
#: Folds of the grouped cross-validation of the name type model (documents kept together).
FOLDS = 5


def overlapping(spans: np.ndarray, others: np.ndarray) -> np.ndarray:
    """For each span ``[s, e)`` of ``spans``: does it overlap any span of ``others``?"""
    if not len(spans):
        return np.zeros(0, dtype=bool)
    if not len(others):
        return np.zeros(len(spans), dtype=bool)
    return ((spans[:, None, 0] < others[None, :, 1]) & (spans[:, None, 1] > others[None, :, 0])).any(axis=1)


def cross_validated_types(examples: pd.DataFrame, folds: int = FOLDS) -> np.ndarray:
    """Out-of-fold types of :func:`analysis.framing.actors.gum_name_examples` from
    :class:`~analysis.framing.actors.NameTypeClassifier` (fixed defaults), ``GroupKFold`` by
    document: no document's names are typed by a model that saw them."""
    from sklearn.model_selection import GroupKFold

    from analysis.framing.actors import NameTypeClassifier

    predicted = np.empty(len(examples), dtype=object)
    features = examples["features"].tolist()
    for train, test in GroupKFold(n_splits=folds).split(features, groups=examples["doc_id"]):
        model = NameTypeClassifier().fit([features[k] for k in train], examples["label"].iloc[train])
        predicted[test] = model.predict([features[k] for k in test])
    return predicted


def discovery_counts(texts: pd.DataFrame, entities: pd.DataFrame, examples: pd.DataFrame,
                     model_types: np.ndarray) -> pd.DataFrame:
    """Per GUM document: named gold persons (``gold``), and for each system the named persons it
    finds (overlapped by a name it types "person"), its person names (``*_pred``) and those
    overlapping a gold person mention of any form (``*_right``). Systems: ``model`` (the name
    runs typed by ``model_types``, out of fold, then name parts linked), ``rules`` (typed by the
    rules of :func:`analysis.framing.actors.proper_names`), ``any`` (every name run, any type:
    recall only) and ``base`` (baseline: every capitalised run is a person)."""
    from analysis.framing.actors import link_name_parts, name_runs

    examples = examples.assign(model_type=model_types)
    rows = []
    for doc_id, text in zip(texts["doc_id"], texts["text"]):
        doc = entities[(entities["doc_id"] == doc_id) & (entities["type"] == "person")]
        named = doc.loc[doc["proper"], ["start", "end"]].to_numpy()
        every = doc[["start", "end"]].to_numpy()
        runs = name_runs(text)
        typed = dict(zip(zip(examples.loc[examples["doc_id"] == doc_id, "start"],
                             examples.loc[examples["doc_id"] == doc_id, "end"]),
                         examples.loc[examples["doc_id"] == doc_id, "model_type"]))
        by_model = link_name_parts([[*r[:4], typed[(r[0], r[1])], "model", r[6]] for r in runs])
        by_rules = link_name_parts([list(r) for r in runs])
        spans = {
            "model": np.array([r[:2] for r in by_model if r[4] == "person"]).reshape(-1, 2),
            "rules": np.array([r[:2] for r in by_rules if r[4] == "person"]).reshape(-1, 2),
            "any": np.array([r[:2] for r in runs]).reshape(-1, 2),
            "base": np.array([(m.start(), m.end()) for m in _CAPITALISED_RUN.finditer(text)]).reshape(-1, 2),
        }
        row = {"doc_id": doc_id, "gold": len(named)}
        for system, predicted in spans.items():
            row[f"{system}_found"] = int(overlapping(named, predicted).sum())
            row[f"{system}_pred"] = len(predicted)
            row[f"{system}_right"] = int(overlapping(predicted, every).sum())
        rows.append(row)
    return pd.DataFrame(rows)


def discovery_scores(counts: pd.DataFrame, n_boot: int = 1000) -> pd.DataFrame:
    """Recall and precision rows (:data:`analysis.evaluate.report.COLUMNS`) from
    :func:`discovery_counts`, intervals resampling documents."""
    from analysis.evaluate import bootstrap_ci

    systems = [
        ("model", "proper_names: GUM-trained type model (cross-validated)", "instrument",
         "out-of-fold types, 5-fold GroupKFold by document; fixed defaults (one extra feature group, "
         "document context, was tried in this cross-validation and dropped)"),
        ("rules", "proper_names: type rules", "baseline", "rules not tuned on GUM"),
        ("any", "proper_names: any name, any type", "baseline", "recall of the name finder alone"),
        ("base", "every capitalised run a person", "baseline", "same run"),
    ]
    rows = []
    for key, system, role, note in systems:
        metrics = [("recall (named persons)", f"{key}_found", "gold")]
        if key != "any":
            metrics.append(("precision (persons)", f"{key}_right", f"{key}_pred"))
        for metric, num, den in metrics:
            estimate, low, high = bootstrap_ci(_ratio, counts[num].to_numpy(), counts[den].to_numpy(), n_boot=n_boot)
            rows.append(dict(instrument="proper-name discovery", benchmark="ud-gum-dev", system=system, metric=metric,
                             estimate=estimate, low=low, high=high, n=len(counts), role=role, published=False,
                             note=f"{note}; {int(counts['gold'].sum())} named person mentions; a hit is any "
                                  "character overlap; documents resampled"))
    return pd.DataFrame(rows)


def actor_results(n_boot: int = 1000) -> pd.DataFrame:
    """Both benchmarks of this module as rows of :data:`analysis.evaluate.report.COLUMNS`."""
    from analysis.evaluate.report import COLUMNS

    docs = annotation_documents(with_title=True)
    development = resolve_sample(read_annotations(), docs)
    held_out = resolve_sample(read_annotations(HELD_OUT_ANNOTATIONS), docs)
    from analysis.framing.actors import gum_documents, gum_name_examples

    texts, entities = gum_documents()
    examples = gum_name_examples(texts, entities)
    counts = discovery_counts(texts, entities, examples, cross_validated_types(examples))
    table = pd.concat([
        resolution_scores(held_out, n_boot, "kim-mentions held-out (seed 1)",
                          "held out: annotated after the rules were final, never tuned on"),
        resolution_scores(development, n_boot, "kim-mentions development (seed 0)",
                          "development figure: the rules were revised after a first run on this sample"),
        discovery_scores(counts, n_boot),
    ], ignore_index=True)
    return table[COLUMNS]


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis.evaluate actors [--n-boot N] [--errors]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m analysis.evaluate actors", description=__doc__.split("\n")[0])
    parser.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples (default %(default)s)")
    parser.add_argument("--errors", action="store_true", help="also list the annotated candidates resolved wrongly")
    args = parser.parse_args(argv)
    table = actor_results(args.n_boot)
    with pd.option_context("display.width", 220, "display.max_colwidth", 60, "display.precision", 3):
        print(table.drop(columns=["published", "note"]).to_string(index=False))
        if args.errors:
            docs = annotation_documents(with_title=True)
            for path in (HELD_OUT_ANNOTATIONS, ANNOTATIONS):
                resolved = resolve_sample(read_annotations(path), docs)
                gold = resolved["gold_kim_jong_un"].astype(str).str.lower().eq("true")
                wrong = resolved[gold != resolved["predicted_target"]]
                print(f"\n{path}: candidates resolved wrongly")
                print(wrong[["item", "doc_id", "kind", "surface", "gold_referent", "predicted"]].to_string(index=False))
    return 0
