"""Tests of analysis.tagger: normalisation, JSON round trip (no pickle), the built model."""

from __future__ import annotations

import nltk.data
import pytest

from analysis import artefacts, config
from analysis import tagger as T

# Two tiny hand-tagged sentences: "the" is always DT, "dog"/"cat" NN, "barks"/"sleeps" VBZ.
TINY = [
    [("the", "DT"), ("dog", "NN"), ("barks", "VBZ"), (".", ".")],
    [("the", "DT"), ("cat", "NN"), ("sleeps", "VBZ"), (".", ".")],
] * 15


def test_normalise_reads_back_escapes_and_straightens_quotes():
    assert [T.normalise(w) for w in ["-LRB-", "``", "''", "“", "’s", "1\\/2", "Kim"]] == [
        "(", '"', '"', '"', "'s", "1/2", "Kim"
    ]


def test_train_is_reproducible():
    a, b = T.train(TINY, iterations=3), T.train(TINY, iterations=3)
    assert a.model.weights == b.model.weights


def _forbid_nltk_data(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"NLTK data lookup attempted: {args}")

    monkeypatch.setattr(nltk.data, "find", refuse)
    monkeypatch.setattr(nltk.data, "load", refuse)


def test_card_round_trip_gives_the_same_tags_and_no_pickle(tmp_path, monkeypatch):
    _forbid_nltk_data(monkeypatch)
    perceptron = T.train(TINY, iterations=3)
    monkeypatch.setattr(config, "models_dir", lambda: tmp_path)
    path = artefacts.save("tiny", {**T.Tagger(perceptron, {"note": "tiny"}).card(), "version": 1})
    card, arrays = artefacts.read("tiny", version=1)
    loaded = T.Tagger.from_card(card)
    words = ["the", "cat", "barks", "."]
    assert loaded.tag(words) == T.Tagger(perceptron, {}).tag(words) == ["DT", "NN", "VBZ", "."]
    assert loaded.meta == {"note": "tiny"} and arrays == {}
    assert [p.name for p in tmp_path.iterdir()] == [path.name] == ["tiny.json"]  # no .pickle, no temp file


def test_gold_documents_split(require):
    require("ud-ewt-dev", "nltk-data")
    docs = T.gold_documents()
    # measured: 318 "# newdoc" lines in EWT dev, 199 wsj_*.mrg files; 10 % of each held out
    counts = docs.groupby(["source", "held_out"]).size().to_dict()
    assert counts == {
        ("treebank", False): 179,
        ("treebank", True): 20,
        ("ud-ewt-dev", False): 286,
        ("ud-ewt-dev", True): 32,
    }
    # wsj_0001 sentence 1 begins "Pierre/NNP Vinken/NNP ,/," in combined/wsj_0001.mrg
    first = docs.set_index("doc_id").loc["wsj_0001", "sentences"][0]
    assert first[:3] == [("Pierre", "NNP"), ("Vinken", "NNP"), (",", ",")]


def test_built_model(require, monkeypatch):
    require("ud-ewt-dev", "nltk-data")
    tagger = T.get_tagger()
    meta = tagger.meta
    assert {f["dataset"] for f in meta["training_files"]} == {"ud-ewt-dev", "nltk-data"}
    assert all(len(f["sha256"]) == 64 and f["licence"] for f in meta["training_files"])
    # a stored, honest held-out score: the interval brackets the estimate
    score = meta["held_out_accuracy"]["all"]
    assert score["ci95"][0] <= score["accuracy"] <= score["ci95"][1]
    _forbid_nltk_data(monkeypatch)  # reloading reads only our JSON
    card, _ = artefacts.read(T.MODEL_NAME, version=T.VERSION, data_sha256=T.training_sha256())
    reloaded = T.Tagger.from_card(card)
    # the seed's first words, tagged by hand following the PTB guidelines
    words = "Russian President Vladimir Putin has given North Korean leader".split()
    expected = ["JJ", "NNP", "NNP", "NNP", "VBZ", "VBN", "NNP", "NNP", "NN"]
    assert reloaded.tag(words) == tagger.tag(words) == expected


def test_tag_frame_offsets(require):
    require("ud-ewt-dev", "nltk-data")
    text = "Kim was awarded. He smiled."
    frame = T.tag(text)
    assert list(frame.columns) == ["sent_id", "token_id", "start", "end", "token", "tag"]
    assert frame["sent_id"].tolist() == [0, 0, 0, 0, 1, 1, 1]
    assert all(text[s:e] == t for s, e, t in zip(frame["start"], frame["end"], frame["token"]))
    # hand tags: Kim/NNP was/VBD awarded/VBN ./. He/PRP smiled/VBD ./.
    assert frame["tag"].tolist() == ["NNP", "VBD", "VBN", ".", "PRP", "VBD", "."]
