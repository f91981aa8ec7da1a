import numpy as np
import pandas as pd
import pytest

from analysis import coding
from analysis.evaluate.report import COLUMNS

TEXT = {
    "d1": "Officials may have met in Seoul. The talks reportedly failed.",
    "d2": "It is certain that the medal was given. Some speculate he is ill.",
    "d3": "Nothing happened today. The minister possibly resigned.",
}


def _span(doc, word):
    start = TEXT[doc].index(word)
    return start, start + len(word)


def _units(rows):
    out = []
    for doc, word, prediction in rows:
        start, end = _span(doc, word)
        out.append({"doc_id": doc, "instrument": "hedging", "start": start, "end": end, "prediction": prediction})
    return pd.DataFrame(out)


# six units of one instrument; the codes below are given per (doc, word)
SIX = [
    ("d1", "may", "hedge"),               # coders: hedge, hedge   -> TP
    ("d1", "reportedly", "hedge"),        # coders: hedge, none    -> no majority, left out
    ("d2", "certain", "hedge"),           # coders: none, none     -> FP
    ("d3", "possibly", None),             # coders: hedge, hedge   -> FN (a negative unit)
    ("d3", "Nothing", None),              # coders: none, none     -> TN
    ("d2", "speculate", "speculation"),   # coders: speculation x2 -> TP
]
CODES = {
    "may": ("hedge", "hedge"), "reportedly": ("hedge", "none"), "certain": ("none", "none"),
    "possibly": ("Hedge ", "hedge"), "Nothing": ("none", "none"), "speculate": ("speculation", "speculation"),
}


def _fill(key, path_for_coder, codes, texts=TEXT):
    """Write each coder's codes into their sheet, found by the unit's span."""
    for i, coder_path in enumerate(path_for_coder):
        sheet = pd.read_csv(coder_path, dtype=str, keep_default_na=False)
        spans = key.set_index("unit_id")
        sheet["code"] = [codes[texts[spans.loc[u, "doc_id"]][int(spans.loc[u, "start"]):int(spans.loc[u, "end"])]][i]
                         for u in sheet["unit_id"]]
        sheet.to_csv(coder_path, index=False)


def test_export_writes_blind_sheets_key_and_codebook(tmp_path):
    units = _units(SIX)
    key = coding.export_for_coding(units, tmp_path / "coding.csv", n=100, texts=TEXT)
    paths = key.attrs["paths"]
    assert paths["sheet"].exists() and paths["key"].exists() and paths["codebook"].exists()
    assert [p.name for p in paths["coders"]] == ["coding.coder1.csv", "coding.coder2.csv"]
    assert len(key) == 6 and key["unit_id"].is_unique and list(key.columns) == coding.KEY_COLUMNS
    sheet = pd.read_csv(paths["coders"][0], dtype=str, keep_default_na=False)
    assert list(sheet.columns) == coding.SHEET_COLUMNS
    assert "prediction" not in sheet.columns  # blind: predictions only in the key
    assert set(sheet["unit_id"]) == set(key["unit_id"])
    # the span is marked in its context; the question and the categories are on every row
    row = sheet.set_index("unit_id").loc[key.loc[key["prediction"] == "speculation", "unit_id"].item()]
    assert row["span"] == "speculate" and "Some [[speculate]] he is ill." in row["context"]
    assert row["categories"] == "hedge | speculation | none | unclear"
    # missing predictions are negative units, written as "none" in the key
    assert (key["prediction"] == "none").sum() == 2
    assert (key["weight"] == 1).all()  # every unit sampled
    codebook = paths["codebook"].read_text()
    assert "`hedge`" in codebook and "`speculation`" in codebook and "`none`" in codebook
    assert "coding.key.csv" in codebook
    # same seed, same sample and order
    again = coding.export_for_coding(units, tmp_path / "again.csv", n=100, texts=TEXT)
    assert again.drop(columns=[]).equals(key)


def test_stratified_allocation_by_hand(tmp_path):
    # strata of 5, 1 and 3 units, n = 6: equal shares of 2 -> 2, 1 (all), 2; the one left goes to
    # the first stratum with room -> 3, 1, 2
    units = pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(9)], "instrument": ["x"] * 9, "start": 0, "end": 1,
        "prediction": ["a"] * 5 + ["b"] + ["c"] * 3, "text": ["abc"] * 9,
    })
    key = coding.export_for_coding(units, tmp_path / "s.csv", n=6, coders=1)
    assert key.groupby("prediction").size().to_dict() == {"a": 3, "b": 1, "c": 2}
    weights = key.groupby("prediction")["weight"].first().to_dict()
    assert weights == pytest.approx({"a": 5 / 3, "b": 1.0, "c": 3 / 2})
    assert key.attrs["design"]["n_sampled"] == 6


def test_bad_units_are_kept_and_marked(tmp_path):
    units = pd.DataFrame({"doc_id": ["d1", "gone"], "instrument": ["q", "q"], "start": [0, 0],
                          "end": [9, 3], "label": ["gov", "gov"]})
    key = coding.export_for_coding(units, tmp_path / "b.csv", texts={"d1": "Officials said so."})
    assert len(key) == 2
    assert key.set_index("doc_id").loc["gone", "problem"] == "no text for this document"
    assert key.set_index("doc_id").loc["d1", "problem"] == ""
    empty = coding.export_for_coding(pd.DataFrame(), tmp_path / "e.csv")
    assert empty.empty and (tmp_path / "e.coder1.csv").exists()
    with pytest.raises(ValueError):
        coding.export_for_coding(pd.DataFrame({"doc_id": ["a"]}), tmp_path / "x.csv")


def test_agreement_by_hand(tmp_path):
    key = coding.export_for_coding(_units(SIX), tmp_path / "coding.csv", n=100, texts=TEXT)
    _fill(key, key.attrs["paths"]["coders"], CODES)
    table = coding.agreement(key.attrs["paths"]["coders"], n_boot=200)  # key found next to the sheets
    assert list(table.columns) == COLUMNS
    rows = table.set_index(["instrument", "system", "metric"])
    # alpha by hand: pairs per unit (hedge,hedge) x2 units, (hedge,none), (none,none) x2,
    # (spec,spec): n_hedge 5, n_none 5, n_spec 2, n 12; off-diagonal coincidences 2;
    # alpha = 1 - (n - 1) * 2 / (2 (5*5 + 5*2 + 5*2)) = 1 - 22/90
    alpha = rows.loc[("hedging", "coders", "krippendorff_alpha")]
    assert alpha["estimate"] == pytest.approx(1 - 22 / 90)
    assert alpha["n"] == 6 and alpha["low"] <= alpha["estimate"] <= alpha["high"]
    assert rows.loc[("all", "coders", "krippendorff_alpha"), "estimate"] == pytest.approx(1 - 22 / 90)
    # majority: "reportedly" has none (1-1), left out; TP may + speculate, FP certain, FN possibly:
    # precision 2/3, recall 2/3, F1 2/3
    for metric in ("precision", "recall", "f1"):
        found = rows.loc[("hedging", "hedging", metric)]
        assert found["estimate"] == pytest.approx(2 / 3)
        assert found["n"] == 5 and found["role"] == "instrument"
        assert "1 unit(s) without majority" in found["note"]
    units = coding.coded_units(key.attrs["paths"]["coders"])
    assert units.attrs["coders"] == ["coder1", "coder2"]
    # agreeing with the prediction: may, speculate and the true negative "Nothing"
    assert units["majority"].isna().sum() == 1 and units["agrees"].sum() == 3


def test_agreement_weights_by_stratum(tmp_path):
    # four "hedge" hits and two negative units; n = 4 -> two of each stratum, weights 2 and 1
    rows = [("d1", "may", "hedge"), ("d1", "reportedly", "hedge"), ("d2", "certain", "hedge"),
            ("d2", "speculate", "hedge"), ("d3", "possibly", None), ("d3", "Nothing", None)]
    key = coding.export_for_coding(_units(rows), tmp_path / "w.csv", n=4, texts=TEXT, coders=1)
    sampled = key.set_index("unit_id")
    spans = {u: TEXT[r["doc_id"]][int(r["start"]):int(r["end"])] for u, r in sampled.iterrows()}
    # both sampled hits coded hedge (TP, weight 2 each); of the negatives, "possibly" coded
    # hedge (a miss, weight 1) and "Nothing" none
    codes = {u: "none" if spans[u] == "Nothing" else "hedge" for u in sampled.index}
    sheet = pd.DataFrame({"unit_id": list(codes), "code": list(codes.values()), "coder": "a"})
    negatives = [spans[u] for u in sampled.index if sampled.loc[u, "prediction"] == "none"]
    assert sorted(negatives) == ["Nothing", "possibly"]
    table = coding.agreement(sheet, key=tmp_path / "w.key.csv", n_boot=100).set_index("metric")
    # weighted: TP 4, FP 0, FN 1 -> precision 1, recall 4/5; unweighted recall would be 2/3
    assert table.loc["precision", "estimate"] == pytest.approx(1.0)
    assert table.loc["recall", "estimate"] == pytest.approx(4 / 5)
    plain = coding.agreement(sheet, key=tmp_path / "w.key.csv", n_boot=100, weighted=False).set_index("metric")
    assert plain.loc["recall", "estimate"] == pytest.approx(2 / 3)
    # one coder: no alpha, said so
    alpha = table.loc["krippendorff_alpha"]
    assert np.isnan(alpha["estimate"].iloc[0]) and "two coders" in alpha["note"].iloc[0]


def test_coded_units_long_frame_unclear_is_missing():
    long = pd.DataFrame({"unit_id": ["u1", "u1", "u1", "u2", "u2"], "coder": ["a", "b", "c", "a", "b"],
                         "code": ["x", "Y", "unclear", "y", "y"], "doc_id": ["d", "d", "d", "e", "e"]})
    units = coding.coded_units(long).set_index("unit_id")
    # u1: x and y, unclear missing -> no majority of the two codes; u2: y, y
    assert units.loc["u1", "n_codes"] == 2 and pd.isna(units.loc["u1", "majority"])
    assert units.loc["u2", "majority"] == "y"
    # alpha: units u1 (x, y) and u2 (y, y): n_x 1, n_y 3, n 4; off-diagonal 2;
    # alpha = 1 - 3 * 2 / (2 * 1 * 3) = 0
    assert coding.krippendorff_alpha(units[["code_a", "code_b", "code_c"]].to_numpy()) == pytest.approx(0.0)
    assert np.isnan(coding.krippendorff_alpha(np.array([["x", "x"], ["x", "x"]], dtype=object)))
    with pytest.raises(ValueError):
        coding.coded_units(pd.DataFrame({"unit_id": ["u1"]}))


def test_report_columns_match_the_evaluation_package():
    assert coding.REPORT_COLUMNS == COLUMNS


def test_units_from_evidence_adds_unflagged_sentences_as_negatives(tmp_path):
    text = "Officials may have met. Nothing happened. It is certain."
    # sentences by hand: [0, 23), [24, 41), [42, 56); hits "may" (10-13) and "certain" (48-55)
    found = pd.DataFrame({"doc_id": ["d1", "d1", "gone"], "start": [10, 48, 0], "end": [13, 55, 3],
                          "category": ["hedge", "certainty", "hedge"]})
    units = coding.units_from_evidence(found, "hedging", "category", texts={"d1": text, "d2": "", "d3": None})
    assert units[["doc_id", "start", "end", "prediction"]].values.tolist() == [
        ["d1", 10, 13, "hedge"], ["d1", 48, 55, "certainty"], ["gone", 0, 3, "hedge"], ["d1", 24, 41, None],
    ]
    assert (units["instrument"] == "hedging").all()
    assert units["text"].tolist()[:2] == [text, text] and pd.isna(units["text"].iloc[2])
    # without a prediction column every hit claims "this is an instance"; without texts, no negatives
    bare = coding.units_from_evidence(found, "hedging")
    assert bare["prediction"].tolist() == ["hedging"] * 3 and "text" not in bare.columns
    key = coding.export_for_coding(units, tmp_path / "u.csv", n=10)
    assert len(key) == 4 and key.set_index("doc_id").loc["gone", "problem"] == "no text for this document"
    sheet = pd.read_csv(key.attrs["paths"]["coders"][0], dtype=str, keep_default_na=False).set_index("unit_id")
    negative = key.loc[key["prediction"] == "none", "unit_id"].item()
    assert sheet.loc[negative, "span"] == "Nothing happened."


def test_units_missing_from_the_key_are_kept_for_alpha(tmp_path):
    key = pd.DataFrame({"unit_id": ["u1", "u2"], "doc_id": ["d1", "d2"], "instrument": ["x", "x"],
                        "prediction": ["a", None], "weight": [1.0, 1.0]})
    coded = pd.DataFrame({"unit_id": ["u1", "u1", "u3", "u3"], "coder": ["p", "q", "p", "q"],
                          "code": ["a", "a", "b", "b"], "doc_id": ["d1", "d1", "d3", "d3"],
                          "instrument": ["x"] * 4})
    units = coding.coded_units(coded, key=key).set_index("unit_id")
    assert list(units.index) == ["u1", "u2", "u3"]
    assert units.loc["u3", "in_key"] == False and units.loc["u3", "majority"] == "b"  # noqa: E712
    assert units.loc["u2", "n_codes"] == 0 and pd.isna(units.loc["u2", "majority"])
    table = coding.agreement(coded, key=key, n_boot=50).set_index(["instrument", "metric"])
    # alpha over u1 (a, a) and u3 (b, b): perfect agreement, 1.0; precision over u1 only: 1/1
    assert table.loc[("x", "krippendorff_alpha"), "estimate"] == pytest.approx(1.0)
    assert table.loc[("x", "precision"), "estimate"] == 1.0 and table.loc[("x", "precision"), "n"] == 1
