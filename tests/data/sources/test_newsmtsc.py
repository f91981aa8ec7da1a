from analysis.data import load


def test_rw_dev_rows_and_a_hand_checked_target(require):
    require("newsmtsc-rw-dev")
    frame = load("newsmtsc-rw-dev")
    # 320 jsonl lines carry 343 targets (counted with json.loads over the file).
    assert len(frame) == 343
    assert frame["sentence_id"].nunique() == 320
    assert frame["doc_id"].is_unique
    # Fourth line of dev.jsonl, read by eye: "Then Trump didn’t actually let Priebus be a real chief
    # of staff So Priebus ..."; target Priebus at 31:38, polarity 2.0 (negative), one further mention.
    row = frame.set_index("doc_id").loc["allsides_775_313_30_Reince Priebus_31_38"]
    assert (row["start"], row["end"], row["mention"], row["label"]) == (31, 38, "Priebus", -1)
    assert row["sentence"][row["start"] : row["end"]] == "Priebus"
    assert row["further_mentions"] == [(67, 74, "Priebus")]
    # Polarity 2/4/6 counted in the file: 134 / 136 / 73.
    assert frame["label"].value_counts().to_dict() == {0: 136, -1: 134, 1: 73}


def test_mt_dev_and_train_row_counts(require):
    require("newsmtsc-mt-dev", "newsmtsc-train")
    mt = load("newsmtsc-mt-dev")
    assert len(mt) == 442 and mt["sentence_id"].nunique() == 216
    assert set(mt["label"]) == {-1, 0, 1}
    train = load("newsmtsc-train")
    assert len(train) == 8739 and train["sentence_id"].nunique() == 7758
    first = train.iloc[0]
    # First line of train.jsonl: "Winner wrote that she had a 30-minute private meeting ...", 0:6, 4.0.
    assert (first["mention"], first["start"], first["end"], first["label"]) == ("Winner", 0, 6, 0)
