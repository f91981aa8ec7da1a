"""featurize on bad input (no crash, no lost row) and hypothesis properties of its features."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.framing.hedging import hedging
from analysis.framing.quotes import quotes
from analysis.pipeline import featurize
from analysis.tokenize import sentence_spans, token_spans

NEWS = 'The minister said "prices may rise". Officials reportedly doubt it, according to Reuters.\n\n'
BAD = {
    "empty": "",
    "whitespace": " \t\r\n \u00a0",
    "none": None,
    "nan": float("nan"),
    "pd.NA": pd.NA,
    "bytes": "Café said “yes”.".encode("utf-8"),
    "bad bytes": b"\xff\xfe\x00 half",
    "html": '<html><body><p class="x">Kim said: &quot;Hi&quot;</p><script>var a = "<";</script></body></html>',
    "200k": NEWS * (200_000 // len(NEWS)),
    "russian": "Посольство России заявило: «Мы рады». Это было прекрасно.",
    "korean": "조선중앙통신은 “우리는 기쁘다”고 보도했다.",
    "emoji": "Great news 😀🎉👍🏽!! Terrible 😡.",
    "zero width": "Kim\u200bJong\u200cUn said\u200d \u2060\"hi\ufeff\".",
    "crlf": 'Line one said "yes".\r\n\r\nLine two.\r\nSame paragraph.',
    "lone surrogate": "Broken \ud800 text said \"ok\" and \udfff more.",
    "unbalanced": '"He said "she said "they said. ” ” “ « » \' ‘ ’',
    "control": "\x00\x01\x02 said \x1b[31m red \x7f",
    "int": 42,
    "list": ["a", "b"],
}
EXPECTED_STATUS = {"empty": "empty", "whitespace": "empty", "none": "missing", "nan": "missing",
                   "pd.NA": "missing", "int": "invalid", "list": "invalid"}


def test_bad_input_keeps_every_row_and_marks_it():
    df = pd.DataFrame({"text": pd.Series(list(BAD.values()), index=list(BAD), dtype=object)})
    out = featurize(df)
    assert out.index.equals(df.index)
    expected = [EXPECTED_STATUS.get(name, "ok") for name in BAD]
    assert out["status"].tolist() == expected
    assert out.loc["int", "reason"] == "expected str or bytes, got int"
    assert out.loc["bad bytes", "reason"].startswith("decoded from UTF-8 bytes; 2 invalid byte")
    assert out.loc["200k", "reason"] == "read in blocks of at most 20,000 characters"
    # 2,197 copies of a paragraph with one quotation, cut only at paragraph breaks
    assert out.loc["200k", "quotes"] == 2197
    assert out.loc["russian", "n_sentences"] == 2


@pytest.mark.slow
def test_two_megabyte_documents():
    texts = [NEWS * (2_000_000 // len(NEWS)), "x" * 2_000_000, "word " * 400_000]
    out = featurize(pd.DataFrame({"text": texts}))
    assert out["status"].tolist() == ["ok", "ok", "ok"]
    assert out["quotes"].tolist() == [21978, 0, 0]  # one per copy of NEWS


# --- properties ---------------------------------------------------------------------------------

PIECES = st.sampled_from([
    "The", "minister", "said", "Kim", "great", "terrible", "war", "may", "reportedly", "no", "sighting",
    "according", "to", "TASS", "Mr.", "U.S.", "prices", "rise", "doubt", "not", "good", "speculation",
    '"', "“", "”", "'", ",", ".", "!", "?", ":", ";", "…", "-", "(", ")", "😀", "\u200b", "é", "Россия",
])
TEXTS = st.lists(PIECES, max_size=40).map(" ".join) | st.text(max_size=200)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXTS)
def test_spans_index_the_original_text(text):
    for start, end in sentence_spans(text):
        assert 0 <= start < end <= len(text) and text[start:end] == text[start:end].strip()
    for start, end in token_spans(text):
        assert 0 <= start < end <= len(text) and text[start:end].strip()
    found = quotes(text)
    assert ((0 <= found["start"]) & (found["start"] < found["end"]) & (found["end"] <= len(text))).all()
    markers = hedging(text)
    assert all(text[s:e] == m for s, e, m in zip(markers["start"], markers["end"], markers["marker"]))


@SETTINGS
@given(st.lists(PIECES, min_size=1, max_size=40), st.randoms(use_true_random=False))
def test_features_ignore_spacing_within_a_paragraph(words, rng):
    # more spaces or tabs between words (never a new line, which could end a paragraph)
    text = " ".join(words)
    spaced = "".join(w + rng.choice([" ", "  ", "\t", " \t "]) for w in words).rstrip()
    a, b = (featurize(pd.DataFrame({"text": [t]})).drop(columns=["n_chars"]) for t in (text, spaced))
    pd.testing.assert_frame_equal(a, b)


@SETTINGS
@given(st.lists(TEXTS, min_size=1, max_size=4))
def test_scores_stay_in_range(texts):
    out = featurize(pd.DataFrame({"text": texts}))
    assert len(out) == len(texts) and out["status"].isin(["ok", "empty"]).all()
    scores = out.filter(regex=r"^sentiment_.*_(mean|min|max)$|^frame_.*_score$")
    shares = out.filter(regex=r"_share$|^frame_.*_score$")
    assert ((scores >= -1) & (scores <= 1) | scores.isna()).all().all()
    assert ((shares >= 0) & (shares <= 1) | shares.isna()).all().all()
    counts = out.select_dtypes("Int64")
    assert (counts.fillna(0) >= 0).all().all()
    assert np.all((out.filter(like="per_1000").fillna(0) >= 0).to_numpy())
