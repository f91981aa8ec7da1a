"""A Penn Treebank part-of-speech tagger, trained here, reproducibly, from gold tags in the mirror.

NLTK's pretrained tagger (``nltk.pos_tag``) is a download that is not available offline, so the
package trains NLTK's averaged perceptron (Collins 2002, EMNLP; Honnibal's implementation,
``nltk.tag.perceptron.PerceptronTagger``) on two gold-tagged samples:

* UD English-EWT dev (Silveira et al. 2014, LREC; CC-BY-SA-4.0): the XPOS column, which holds
  Penn Treebank tags (plus EWT's ``ADD``, ``NFP``, ``GW``, ``HYPH``, ``AFX``); syntactic words, so
  ``don't`` is ``do`` + ``n't``;
* NLTK's Penn Treebank WSJ sample (Marcus et al. 1993, *Computational Linguistics* 19(2);
  non-commercial LDC sample): leaves of ``combined/*.mrg``, empty elements dropped.

Escapes are read back (``-LRB-`` as ``(``, PTB quotes and curly quotes as ``"``/``'``) in training
and in tagging alike (:func:`normalise`). Documents, not sentences, are split: a fixed 10 % of
each source's documents (seeded) is held out, the model is trained on the rest (5 iterations,
seed 0), and its token accuracy on the held-out documents is stored with a 95 % bootstrap
interval that resamples documents (:func:`analysis.stats.bootstrap`). The model shipped is
the model evaluated.

The model is an artefact card (:mod:`analysis.artefacts`: weights, tag dictionary, classes, plus
provenance: each training file's URL, sha256 and licence, the split, the accuracy), committed in
``models/`` so tagging works offline with no data; it is never pickled, and NLTK's own pretrained
files are never looked for (``load=False``). ``python -m analysis.tagger build`` (``make models``)
rebuilds it byte for byte; :func:`get_tagger` rebuilds it when it is missing, corrupt or stale.

Caveats: about 108k training tokens (86k treebank, 23k EWT), a tenth of the full WSJ training
section that pretrained taggers use, so accuracy is lower than theirs (not measured here: their
models are not available offline); on the seed, the errors are verbs read as nouns or the
reverse ("agency reports/NNS", "photographs/VB") and past participles read as past tenses
("killed/VBD"). Held-out scores at build time: 0.945 overall, 0.957 on the treebank, 0.901 on
EWT (web text is harder). The treebank
sample is for non-commercial use, and so is a model trained on it.
"""

from __future__ import annotations

import random
import re
import sys
import zipfile
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from nltk.tag.perceptron import PerceptronTagger

from analysis import artefacts, config
from analysis.data.fetch import fetch_dataset, is_available
from analysis.data.manifest import source
from analysis.stats import bootstrap
from analysis.tokenize import sentence_spans, token_spans

MODEL_NAME = "pos-perceptron-ptb"
VERSION = 1  # of the model; the two-file layout has its own (analysis.artefacts.FORMAT)
SEED = 0
ITERATIONS = 5
HELD_OUT = 0.10

_ESCAPES = {"-LRB-": "(", "-RRB-": ")", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"', "`": "'"}
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})
_LEAF = re.compile(r"\(([^\s()]+) ([^\s()]+)\)")
_TREE_START = re.compile(r"^\(", re.M)
_TREEBANK_FILE = re.compile(r"treebank/combined/(wsj_\d{4})\.mrg")


def normalise(word: str) -> str:
    """The form the tagger sees: PTB escapes read back (``\\/`` as ``/``), curly quotes straight."""
    return _ESCAPES.get(word, word).translate(_QUOTES).replace("\\/", "/").replace("\\*", "*")


# --- gold data -------------------------------------------------------------------------------

Sentence = list[tuple[str, str]]


def _ewt_documents() -> dict[str, list[Sentence]]:
    """EWT dev as ``{doc_id: [[(word, xpos), ...], ...]}``: syntactic words (no multiword-token
    ranges, no empty nodes)."""
    (path,) = fetch_dataset("ud-ewt-dev").values()
    docs: dict[str, list[Sentence]] = {}
    doc_id, sentence = "", []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc"):
            doc_id = line.split("=", 1)[1].strip()
        elif not line.strip():
            if sentence:
                docs.setdefault(doc_id, []).append(sentence)
            sentence = []
        elif not line.startswith("#"):
            ident, form, _, _, xpos = line.split("\t")[:5]
            if ident.isdigit():
                sentence.append((normalise(form), xpos))
    if sentence:
        docs.setdefault(doc_id, []).append(sentence)
    return docs


def _treebank_documents() -> dict[str, list[Sentence]]:
    """The treebank sample as ``{file id: [[(word, tag), ...], ...]}``, no ``-NONE-`` leaves."""
    path = _treebank_zip()
    docs = {}
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if match := _TREEBANK_FILE.fullmatch(name):
                trees = _TREE_START.split(archive.read(name).decode("latin-1"))[1:]
                docs[match[1]] = [
                    [(normalise(word), tag) for tag, word in _LEAF.findall(tree) if tag != "-NONE-"]
                    for tree in trees
                ]
    return docs


def _treebank_zip() -> Path:
    return next(p for url, p in fetch_dataset("nltk-data").items() if url.endswith("/treebank.zip"))


def _training_files() -> list[dict]:
    """URL, sha256 and licence of each file the model learns from (from the manifest)."""
    entries = [*source("ud-ewt-dev").files, *source("nltk-data").files]
    return [
        {"dataset": e.dataset, "url": e.url, "sha256": e.sha256, "licence": e.licence}
        for e in entries
        if e.dataset == "ud-ewt-dev" or e.url.endswith("/treebank.zip")
    ]


def gold_documents() -> pd.DataFrame:
    """Every gold document: ``source`` ("ud-ewt-dev" or "treebank"), ``doc_id``, ``sentences``
    (lists of ``(word, tag)``), ``held_out`` (the seeded 10 % of each source's documents)."""
    rows = []
    rng = np.random.default_rng(SEED)
    for name, docs in (("ud-ewt-dev", _ewt_documents()), ("treebank", _treebank_documents())):
        ids = sorted(docs)
        held = set(rng.choice(ids, size=round(HELD_OUT * len(ids)), replace=False))
        rows += [(name, doc_id, docs[doc_id], doc_id in held) for doc_id in ids]
    return pd.DataFrame(rows, columns=["source", "doc_id", "sentences", "held_out"])


# --- training, evaluation, storage -----------------------------------------------------------


def train(
    sentences: list[Sentence], iterations: int = ITERATIONS, seed: int = SEED
) -> PerceptronTagger:
    """An averaged perceptron trained on ``sentences``: NLTK's trainer, its shuffles seeded.

    NLTK shuffles with the global :mod:`random` generator; its state is saved and restored, so
    the caller's random stream is untouched and the same data give the same weights.
    """
    tagger = PerceptronTagger(load=False)
    state = random.getstate()
    random.seed(seed)
    try:
        tagger.train([list(s) for s in sentences], nr_iter=iterations)
    finally:
        random.setstate(state)
    return tagger


def accuracy_by_document(tagger: Tagger, docs: pd.DataFrame) -> pd.DataFrame:
    """``source``, ``doc_id``, ``correct``, ``tokens`` for each row of ``docs`` (gold sentences)."""
    rows = []
    for name, doc_id, sentences in zip(docs["source"], docs["doc_id"], docs["sentences"]):
        correct = total = 0
        for sentence in sentences:
            words, gold = zip(*sentence)
            correct += sum(p == g for p, g in zip(tagger.tag(list(words)), gold))
            total += len(gold)
        rows.append((name, doc_id, correct, total))
    return pd.DataFrame(rows, columns=["source", "doc_id", "correct", "tokens"])


def _pooled(correct: np.ndarray, tokens: np.ndarray) -> float:
    return correct.sum() / tokens.sum()


def summarise(scores: pd.DataFrame, n_boot: int = 1000) -> dict:
    """Token accuracy with a 95 % document-bootstrap interval, overall and per source."""
    out = {}
    for name, part in [("all", scores), *scores.groupby("source")]:
        estimate, low, high = bootstrap(_pooled, part["correct"], part["tokens"], n_boot=n_boot)
        out[name] = {
            "accuracy": round(estimate, 4),
            "ci95": [round(low, 4), round(high, 4)],
            "documents": len(part),
            "tokens": int(part["tokens"].sum()),
        }
    return out


def training_sha256() -> dict[str, str]:
    """The sha256 of each training file by URL, as the manifest pins them (checked on load)."""
    return {entry["url"]: entry["sha256"] for entry in _training_files()}


def _can_build() -> bool:
    return all(is_available(name) for name in ("ud-ewt-dev", "nltk-data"))


def build() -> tuple[dict, dict]:
    """Train on 90 % of the documents, score the other 10 %; returns the artefact ``(card, {})``.

    Defaults: :data:`SEED` 0, :data:`ITERATIONS` 5, :data:`HELD_OUT` 10 % of each source's
    documents. The card holds ``weights``, ``tagdict``, ``classes`` and ``meta`` (training files
    with sha256 and licence, split sizes, held-out accuracy with its bootstrap interval).
    """
    docs = gold_documents()
    training = docs[~docs["held_out"]]
    perceptron = train([s for doc in training["sentences"] for s in doc])
    scores = accuracy_by_document(Tagger(perceptron, {}), docs[docs["held_out"]])
    meta = {
        "method": "averaged perceptron (nltk.tag.perceptron.PerceptronTagger), Penn Treebank tags",
        "seed": SEED,
        "iterations": ITERATIONS,
        "held_out_fraction": HELD_OUT,
        "training_files": _training_files(),
        "training_documents": training.groupby("source").size().to_dict(),
        "held_out_accuracy": summarise(scores),
    }
    return Tagger(perceptron, meta).card(), {}


class Tagger:
    """A trained tagger: :meth:`tag` a token list; :attr:`meta` says how it was made."""

    def __init__(self, perceptron: PerceptronTagger, meta: dict):
        self._perceptron = perceptron
        self.meta = meta

    def card(self) -> dict:
        """The artefact card (:mod:`analysis.artefacts`): weights, tag dictionary, classes, meta."""
        return {
            "class": "Tagger",
            "meta": self.meta,
            "classes": sorted(self._perceptron.classes),
            "tagdict": self._perceptron.tagdict,
            "weights": self._perceptron.model.weights,
        }

    @classmethod
    def from_card(cls, card: dict) -> Tagger:
        """A tagger from :meth:`card` (JSON only; NLTK's own files are never read)."""
        perceptron = PerceptronTagger(load=False)
        perceptron.decode_json_params((card["weights"], card["tagdict"], card["classes"]))
        return cls(perceptron, card["meta"])

    def tag(self, words: list[str]) -> list[str]:
        """Penn Treebank tags of ``words`` (one sentence, PTB-style tokens), in order."""
        return [tag for _, tag in self._perceptron.tag([normalise(w) for w in words])]

    def __repr__(self) -> str:
        acc = self.meta.get("held_out_accuracy", {}).get("all", {})
        return f"Tagger(held-out accuracy {acc.get('accuracy')} {acc.get('ci95')})"


@lru_cache(maxsize=1)
def get_tagger() -> Tagger:
    """The package's tagger: the committed artefact ``pos-perceptron-ptb`` (see
    :mod:`analysis.artefacts`), rebuilt from the pinned data (about a minute) when it is missing,
    corrupt or stale and the data is local."""
    card, _ = artefacts.load_or_build(
        MODEL_NAME, build, version=VERSION, data_sha256=training_sha256(),
        what="part-of-speech tagger", data_available=_can_build,
    )
    return Tagger.from_card(card)


def tag(text: str) -> pd.DataFrame:
    """Tagged tokens of ``text``: ``sent_id``, ``token_id``, ``start``, ``end``, ``token``, ``tag``.

    Sentences by :func:`analysis.tokenize.sentence_spans`, Penn Treebank tokens
    (``style="ptb"``: clitics split, hyphenated words whole, as the treebank has them) by
    :func:`analysis.tokenize.token_spans`, tags by :func:`get_tagger`; ``token_id`` counts
    within the sentence. Caveat: tags are greedy left to right, with no parse behind them.
    """
    tagger, rows = get_tagger(), []
    for sent_id, (start, end) in enumerate(sentence_spans(text)):
        spans = token_spans(text, style="ptb", start=start, end=end)
        words = [text[s:e] for s, e in spans]
        for token_id, ((s, e), word, pos) in enumerate(zip(spans, words, tagger.tag(words))):
            rows.append((sent_id, token_id, s, e, word, pos))
    return pd.DataFrame(rows, columns=["sent_id", "token_id", "start", "end", "token", "tag"])


def packaged_artefact() -> tuple[dict, dict]:
    """The committed artefact, complete with its version and training data (``make models``)."""
    card, arrays = build()
    datasets = ["ud-ewt-dev", "nltk-data"]
    return {**card, "version": VERSION, "data_sha256": training_sha256(), "datasets": datasets}, arrays


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis.tagger build [--into DIR]``: rebuild the artefact (default: the
    packaged ``models/``) and print its held-out accuracy."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] != "build" or len(argv) not in (1, 3) or (len(argv) == 3 and argv[1] != "--into"):
        print("usage: python -m analysis.tagger build [--into DIR]", file=sys.stderr)
        return 2
    (path,) = artefacts.build_packaged([MODEL_NAME], Path(argv[2]) if len(argv) == 3 else None)
    get_tagger.cache_clear()
    card, _ = artefacts.read_at(path.with_suffix(""))
    for name, score in card["meta"]["held_out_accuracy"].items():
        low, high = score["ci95"]
        print(f"{name:12} accuracy {score['accuracy']:.4f} [{low:.4f}, {high:.4f}] "
              f"({score['documents']} documents, {score['tokens']} tokens)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
