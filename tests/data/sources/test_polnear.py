import pytest

from analysis.data import load
from analysis.data.sources.polnear import parse_ann

TEXT = "The New York Post reports that she left. “It was hot,” sources said."
ANN = (
    "T1\tSource 0 17\tThe New York Post\n"
    "T2\tCue 18 25\treports\n"
    "T3\tContent 26 40\tthat she left.\n"
    "T4\tAttribution 18 25\treports\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 41 51;52 53\t“It was hot ”\n"
    "T6\tCue 63 67\tsaid\n"
    "T7\tAttribution-no-source 63 67\tsaid\n"
    "E2\tAttribution-no-source:T7 Content:T5 Cue:T6\n"
    "#1\tAnnotatorNotes T1\ta note\n"
    "T8\tDiscard 0 3\tThe\n"
)


def test_parse_ann_hand_written():
    rows = parse_ann(ANN, TEXT)
    assert [r["relation"] for r in rows] == ["E1", "E2"]
    first, second = rows
    assert (first["source"], first["source_start"], first["source_end"]) == ("The New York Post", 0, 17)
    assert (first["cue"], first["content_spans"]) == ("reports", [(26, 40)])
    # a relation without a source keeps NA there; a discontinuous content keeps its pieces
    assert second["label"] == "Attribution-no-source" and second["source"] is None
    assert second["content_spans"] == [(41, 51), (52, 53)]
    assert (second["content_start"], second["content_end"]) == (41, 53)


def test_parse_ann_rejects_offsets_that_do_not_match():
    with pytest.raises(ValueError, match="do not point"):
        parse_ann("T1\tSource 1 17\tThe New York Post\n", TEXT, "x.ann")


def test_dev_articles_and_relations(require):
    require("polnear-dev", "polnear")
    articles = load("polnear-dev")
    relations = load("polnear-dev-relations")
    # 84 text files and 94 .ann files in data/dev (two articles have six annotators each)
    assert len(articles) == 84 and articles["doc_id"].is_unique
    assert articles["annotators"].map(len).value_counts().to_dict() == {1: 82, 6: 2}
    assert relations.groupby(["doc_id", "annotator"]).ngroups == 94
    # counted from the E lines of the dev .ann files: 2,185 with a source, 134 without
    assert relations["label"].value_counts().to_dict() == {"Attribution": 2185, "Attribution-no-source": 134}
    assert relations["primary"].sum() == articles["n_relations"].sum() == 2192
    # first relation of breitbart_2016-09-12_..._ef2d.ann: "The New York Post" "reports" at 89:106 / 107:114
    doc = "breitbart_2016-09-12_stealth-over-health-hillary-clin"
    row = relations[(relations["doc_id"] == doc) & (relations["relation"] == "E1")].iloc[0]
    text = articles.set_index("doc_id").loc[doc, "text"]
    assert text[row["source_start"] : row["source_end"]] == "The New York Post"
    assert (row["cue_start"], row["cue_end"]) == (107, 114)
    assert articles.set_index("doc_id").loc[doc, "outlet"] == "breitbart"


def test_train_counts(require):
    require("polnear-train", "polnear")
    articles = load("polnear-train")
    relations = load("polnear-train-relations")
    assert len(articles) == 840
    assert len(relations) == 22457 and relations["primary"].sum() == 19831
