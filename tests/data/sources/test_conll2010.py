from analysis.data import load
from analysis.data.sources.conll2010 import detokenise_ptb


def test_detokenise_ptb_by_hand():
    assert detokenise_ptb("HIV-1 -LRB- a -RRB- -LSB- b -RSB- -LCB- c -RCB-") == "HIV-1 ( a ) [ b ] { c }"
    # quote tokens only when they stand alone; a gene name like -TNF- stays
    assert detokenise_ptb("called `` x '' and it 's -TNF- ''.") == "called \" x \" and it 's -TNF- ''."
    assert detokenise_ptb("") == ""


def test_train_counts_and_cleaning(require):
    require("conll2010-train")
    frame = load("conll2010-train")
    assert list(frame.columns) == ["doc_id", "part", "text", "uncertain", "block"]
    assert frame["doc_id"].is_unique
    # Lines counted with wc -l; blanks and exact repeats within a file counted with collections.Counter.
    counts = frame.groupby(["part", "uncertain"]).size().to_dict()
    assert counts == {("bioscope", False): 9753, ("bioscope", True): 2101,
                      ("wikipedia", False): 5204, ("wikipedia", True): 2126}
    cleaning = frame.attrs["cleaning"]
    assert cleaning["wikipedia-certain"] == {"lines": 5232, "blank": 20, "repeated": 8, "kept": 5204}
    assert cleaning["wikipedia-uncertain"] == {"lines": 2131, "blank": 0, "repeated": 5, "kept": 2126}
    assert cleaning["bioscope-certain"]["repeated"] == 17
    assert not frame["text"].str.contains("-LRB-|-RRB-", regex=True).any()
    assert not frame["text"].duplicated().any()
    # blocks: five contiguous, near-equal fifths of each file
    wiki_uncertain = frame[(frame["part"] == "wikipedia") & frame["uncertain"]]
    assert wiki_uncertain["block"].tolist() == sorted(wiki_uncertain["block"])
    assert wiki_uncertain["block"].value_counts().sort_index().tolist() == [426, 425, 425, 425, 425]


def test_hand_checked_sentences(require):
    require("conll2010-train")
    frame = load("conll2010-train").set_index("doc_id")
    # Second line of train_wikiweasel_uncertain_sentences.txt, read by eye.
    row = frame.loc["wikipedia-uncertain-2"]
    assert row["text"] == ("' 2.5 D' ( two-and-a-half dimensional ) is an informal term used to describe visual "
                           "phenomena which are considered \" between \" 2D and 3D.")
    assert row["uncertain"] and row["part"] == "wikipedia"
    first = frame.loc["bioscope-certain-1"]
    assert first["text"] == "Induction of NF-KB during monocyte differentiation by HIV type 1 infection."
    assert not first["uncertain"]
