from analysis.data import load
from analysis.data.sources.persent import paragraphs


def test_paragraph_spans_are_the_lines():
    text = "First line.\n Second one.\nThird"
    # "First line." is 0:11, the newline at 11, " Second one." 12:24, newline 24, "Third" 25:30
    assert paragraphs(text) == [(0, 11), (12, 24), (25, 30)]
    assert [text[a:b] for a, b in paragraphs(text)] == ["First line.", " Second one.", "Third"]
    assert paragraphs("") == [(0, 0)]


def test_dev_split_rows_labels_and_a_hand_checked_article(require):
    require("persent-dev")
    frame = load("persent-dev")
    # 578 data rows in dev.csv; TRUE_SENTIMENT counted with pandas: 304 Positive, 216 Neutral, 58 Negative.
    assert len(frame) == 578 and frame["doc_id"].is_unique
    assert frame["label"].value_counts().to_dict() == {1: 304, 0: 216, -1: 58}
    # First row of dev.csv, read by eye: DOCUMENT_INDEX 3360, "AS VALUES DROP MORE HOMEOWNERS ...",
    # target Benjamin Koellmann, Neutral, six paragraphs all Neutral.
    first = frame.iloc[0]
    assert (first["doc_id"], first["target"], first["label"]) == (3360, "Benjamin Koellmann", 0)
    assert first["title"].startswith("AS VALUES DROP MORE HOMEOWNERS")
    assert first["paragraph_labels"] == [0] * 6 and len(paragraphs(first["text"])) == 6
    assert first["text"].startswith("In 2006  Benjamin Koellmann bought")
    assert first["masked_text"].startswith("In 2006  [TGT] bought")
    # Last row: Mikheil Saakashvili, Positive, 16 paragraph labels (P N P P P P N P P P P N P P N P).
    last = frame.iloc[-1]
    assert (last["doc_id"], last["target"], last["label"]) == (3937, "Mikheil Saakashvili", 1)
    assert last["paragraph_labels"] == [1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 0, 1]
    # 45 articles carry no paragraph labels; the other 533 one label per line of the text.
    labelled = frame["paragraph_labels"].map(len)
    assert (labelled == 0).sum() == 45
    assert all(n == len(paragraphs(t)) for n, t in zip(labelled, frame["text"]) if n)
    assert labelled.sum() == 4169
