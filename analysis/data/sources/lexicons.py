"""Readers for the word lists: one tidy entries frame per lexicon, loadable with ``load(name)``.

Every reader returns one row per lexicon entry with at least

* ``pattern``: the entry as written by its authors, lower-cased: a word, a glob (``abandon*``:
  ``*`` is any run of characters, ``?`` one character) or a phrase of such words separated by
  single spaces (``not good*``);
* ``category``: the entry's class (``positive``, ``care.virtue``, ``anger``, ...);
* ``weight``: the entry's number where the source has one (VADER valence, eMFD probability),
  else NaN.

Further columns keep what else the source says (MPQA strength and part of speech, LSD2015
polarity, ...). :mod:`analysis.lexicons` builds the versioned, matchable
:class:`~analysis.lexicons.Lexicon` on top of these frames; use that to score text.

Nothing is unpickled: LSD2015's ``.rda`` is read with the ``rdata`` package's non-executing
parser, the zips with :mod:`zipfile` in memory.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from importlib import metadata, resources
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.data.fetch import check_licence, fetch
from analysis.data.manifest import FileEntry, source
from analysis.data.sources import register

ENTRY_COLUMNS = ("pattern", "category", "weight")

_MPQA_FIELD = re.compile(r"(\w+)=(\S+)")
_MFD_FOUNDATIONS = ("care", "fairness", "loyalty", "authority", "sanctity")


def manifest_file(
    dataset: str, suffix: str, accept_licence: bool = False
) -> tuple[FileEntry, Path]:
    """The manifest entry of ``dataset`` whose URL ends with ``suffix``, and its local path.

    Opt-in datasets raise :class:`~analysis.data.LicenceNotAccepted` unless accepted.
    """
    src = source(dataset)
    check_licence(src, accept_licence)
    matching = [e for e in src.files if e.url.endswith(suffix)]
    if len(matching) != 1:
        raise LookupError(
            f"expected one file ending {suffix!r} in dataset {dataset!r}, got {len(matching)}"
        )
    return matching[0], fetch(matching[0])


def _frame(rows: dict[str, list] | pd.DataFrame) -> pd.DataFrame:
    """Entries with ``pattern, category, weight`` first, patterns lower-cased and stripped."""
    frame = pd.DataFrame(rows)
    frame["pattern"] = frame["pattern"].astype(str).str.strip().str.lower()
    if "weight" not in frame:
        frame["weight"] = np.nan
    frame["weight"] = frame["weight"].astype(float)
    rest = [c for c in frame.columns if c not in ENTRY_COLUMNS]
    return frame[list(ENTRY_COLUMNS) + rest].reset_index(drop=True)


def _zip_text(path: Path, member: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(member).decode("utf-8")


# --- VADER: shipped inside the vaderSentiment package ----------------------------------------


def vader_lexicon_path() -> Path:
    """The ``vader_lexicon.txt`` bundled with the installed ``vaderSentiment`` package (MIT)."""
    return Path(str(resources.files("vaderSentiment") / "vader_lexicon.txt"))


def vader_version() -> str:
    return metadata.version("vaderSentiment")


def read_vader(path: Path | None = None) -> pd.DataFrame:
    """VADER's lexicon (Hutto & Gilbert 2014, ICWSM): token, mean valence (-4..4), its SD.

    The file is ``token<TAB>mean<TAB>sd<TAB>[ten ratings]``. A token listed twice keeps its
    last line, as ``vaderSentiment`` does when it builds its dict. ``category`` is
    ``positive``/``negative`` by the sign of the mean (no entry has mean 0); ``weight`` is the
    mean valence.
    """
    text = (path or vader_lexicon_path()).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip()]
    bad = [r for r in rows if len(r) != 4]
    if bad:
        raise ValueError(f"VADER lexicon: expected 4 tab-separated fields per line, got {bad[:3]}")
    frame = pd.DataFrame(rows, columns=["token", "weight", "sd", "ratings"])
    frame = frame.drop_duplicates("token", keep="last")
    frame["weight"] = frame["weight"].astype(float)
    return _frame(
        {
            "pattern": frame["token"],
            "category": np.where(frame["weight"] > 0, "positive", "negative"),
            "weight": frame["weight"],
            "sd": frame["sd"].astype(float),
        }
    )


# --- NLTK data: Hu & Liu opinion lexicon, English stopwords -----------------------------------


@register("hu-liu", "nltk-data", kind="lexicon")
def load_hu_liu(accept_licence: bool = False) -> pd.DataFrame:
    """Hu & Liu (2004) opinion lexicon, positive and negative words (NLTK's opinion_lexicon.zip)."""
    _, path = manifest_file("nltk-data", "/opinion_lexicon.zip", accept_licence)
    parts = []
    for category in ("positive", "negative"):
        text = _zip_text(path, f"opinion_lexicon/{category}-words.txt")
        words = [w.strip() for w in text.splitlines() if w.strip() and not w.startswith(";")]
        parts.append(pd.DataFrame({"pattern": words, "category": category}))
    return _frame(pd.concat(parts))


@register("stopwords-en", "nltk-data", kind="lexicon")
def load_stopwords(accept_licence: bool = False) -> pd.DataFrame:
    """NLTK's English stopword list (stopwords.zip, ``stopwords/english``), one word a row."""
    _, path = manifest_file("nltk-data", "/stopwords.zip", accept_licence)
    words = [w.strip() for w in _zip_text(path, "stopwords/english").splitlines() if w.strip()]
    return _frame({"pattern": words, "category": "stopword"})


# --- Lexicoder Sentiment Dictionary 2015 (quanteda's .rda) ------------------------------------


def _read_rda_dictionary(path: Path) -> tuple[dict, dict]:
    """(keys -> patterns, meta) of a quanteda ``dictionary2`` object saved in an ``.rda``."""
    import rdata  # imported lazily: only this opt-in lexicon needs it

    parsed = rdata.parser.parse_file(path)
    with warnings.catch_warnings():  # R classes without a Python constructor: read as plain lists
        warnings.filterwarnings("ignore", message="Missing constructor", category=UserWarning)
        (obj,) = rdata.conversion.convert(parsed).values()
        meta = rdata.conversion.SimpleConverter().convert(parsed.object.value[0].attributes)["meta"]
    keys = {str(key): [str(p) for p in value[0]] for key, value in obj.items()}
    return keys, meta


@register("lexicoder-lsd2015", kind="lexicon")
def load_lsd2015(accept_licence: bool = False) -> pd.DataFrame:
    """Lexicoder Sentiment Dictionary 2015 (Young & Soroka 2012): glob patterns in 4 keys.

    Keys ``positive``, ``negative`` and the negation phrases ``neg_positive`` ("not good*")
    and ``neg_negative`` ("not bad*"). ``polarity`` is the dictionary's own assignment
    (quanteda.sentiment's ``meta$object$polarity``): positive and neg_negative count as
    positive, negative and neg_positive as negative. Non-commercial: opt-in.
    """
    _, path = manifest_file("lexicoder-lsd2015", ".rda", accept_licence)
    keys, meta = _read_rda_dictionary(path)
    polarity = {
        str(key): {"pos": "positive", "neg": "negative"}[str(side)]
        for side, members in meta["object"]["polarity"].items()
        for key in members
    }
    rows = [(p, key, polarity[key]) for key, patterns in keys.items() for p in patterns]
    return _frame(pd.DataFrame(rows, columns=["pattern", "category", "polarity"]))


# --- MPQA subjectivity clues ------------------------------------------------------------------


@register("mpqa-subjectivity", kind="lexicon")
def load_mpqa(accept_licence: bool = False) -> pd.DataFrame:
    """MPQA subjectivity clues (Wilson, Wiebe & Hoffmann 2005): one row per line of the .tff.

    ``category`` is the prior polarity (positive, negative, neutral, both); ``strength`` is
    ``strong``/``weak`` (strongsubj/weaksubj); ``pos`` the part of speech the clue holds for
    (``anypos`` = any); ``stemmed`` True where the clue matches any inflection, written as the
    glob ``word*`` in ``pattern`` (a prefix match, so it also catches derivations the authors'
    stemmer would not: ``abandon*`` matches "abandonment"). Two known slips in the file are
    read and flagged in ``source_note``: ``polarity=`` for ``priorpolarity=`` (impassive) and
    ``stemmed1=1`` (lugubrious, read as not stemmed).
    """
    _, path = manifest_file("mpqa-subjectivity", ".tff", accept_licence)
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        fields = dict(_MPQA_FIELD.findall(line))
        notes = []
        if "priorpolarity" not in fields and "polarity" in fields:
            fields["priorpolarity"] = fields["polarity"]
            notes.append("'polarity=' read as 'priorpolarity='")
        if fields.get("stemmed1") not in {"y", "n"}:
            notes.append(f"stemmed1={fields.get('stemmed1')!r} read as 'n'")
        missing = {"type", "word1", "pos1", "priorpolarity"} - set(fields)
        if missing:
            raise ValueError(f"{path}:{number}: MPQA clue without {sorted(missing)}: {line!r}")
        stemmed = fields.get("stemmed1") == "y"
        rows.append(
            {
                "pattern": fields["word1"] + ("*" if stemmed else ""),
                "category": fields["priorpolarity"],
                "word": fields["word1"],
                "strength": fields["type"].removesuffix("subj"),
                "pos": fields["pos1"],
                "stemmed": stemmed,
                "source_note": "; ".join(notes),
            }
        )
    return _frame(rows)


# --- Moral Foundations Dictionary 2.0 (LIWC-style .dic) ---------------------------------------


def read_dic(text: str) -> pd.DataFrame:
    """A LIWC-style ``.dic``: ``%``, ``id<TAB>name`` lines, ``%``, then ``word<TAB>id [id ...]``.

    Returns one row per (word, category). An id the category table lacks is an error.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines.count("%") < 2 or lines[0] != "%":
        raise ValueError("not a LIWC .dic: expected a category table between two '%' lines")
    end = lines.index("%", 1)
    names = dict(line.split(None, 1) for line in lines[1:end])
    rows = []
    for line in lines[end + 1 :]:
        word, *ids = line.split("\t")
        ids = " ".join(ids).split()
        unknown = [i for i in ids if i not in names]
        if not ids or unknown:
            raise ValueError(f".dic entry {line!r}: category ids {ids} not all in {sorted(names)}")
        rows.extend((word, names[i]) for i in ids)
    return pd.DataFrame(rows, columns=["pattern", "category"])


@register("moral-foundations-2.0", kind="lexicon")
def load_mfd2(accept_licence: bool = False) -> pd.DataFrame:
    """Moral Foundations Dictionary 2.0 (Frimer et al. 2019): words per foundation x virtue/vice.

    ``category`` is ``<foundation>.<virtue|vice>``, also split into ``foundation`` and
    ``valence``. A word listed under two categories (e.g. "vulnerable": care.virtue and
    care.vice) has one row for each. 110 entries are phrases ("civil rights").
    """
    _, path = manifest_file("moral-foundations-2.0", ".dic", accept_licence)
    frame = read_dic(path.read_text(encoding="utf-8"))
    frame[["foundation", "valence"]] = frame["category"].str.split(".", n=1, expand=True)
    unknown = set(frame["foundation"]) - set(_MFD_FOUNDATIONS)
    if unknown:
        raise ValueError(f"MFD 2.0: unexpected foundations {sorted(unknown)}")
    return _frame(frame)


# --- extended Moral Foundations Dictionary ----------------------------------------------------


@register("emfd", kind="lexicon")
def load_emfd(accept_licence: bool = False) -> pd.DataFrame:
    """eMFD scoring dictionary (Hopp et al. 2021), long: one row per word x foundation.

    ``category`` is the foundation, ``weight`` the probability that annotators highlighted the
    word for it (``<foundation>_p``), ``sentiment`` the mean VADER sentiment of the highlighted
    passages (``<foundation>_sent``). Non-commercial per the eMFD README: opt-in.
    """
    _, path = manifest_file("emfd", ".csv", accept_licence)
    wide = pd.read_csv(path, keep_default_na=False, dtype={"word": str})
    long = []
    for foundation in _MFD_FOUNDATIONS:
        part = wide[["word", f"{foundation}_p", f"{foundation}_sent"]]
        part.columns = ["pattern", "weight", "sentiment"]
        long.append(part.assign(category=foundation))
    return _frame(pd.concat(long))


# --- NRC Word-Emotion Association Lexicon -----------------------------------------------------


@register("nrc-emolex", kind="lexicon")
def load_nrc_emolex(accept_licence: bool = False) -> pd.DataFrame:
    """NRC EmoLex v0.92 word level (Mohammad & Turney 2013): the associated (word, emotion) pairs.

    The file lists every word x {8 emotions, positive, negative} with 0/1; only the rows with
    1 are kept (a word with no association has no row). Research use only: opt-in.
    """
    _, path = manifest_file("nrc-emolex", ".txt", accept_licence)
    frame = pd.read_csv(
        path,
        sep="\t",
        header=None,
        names=["pattern", "category", "associated"],
        keep_default_na=False,
        dtype={"pattern": str, "category": str, "associated": int},
    )
    return _frame(frame.loc[frame["associated"] == 1, ["pattern", "category"]])
