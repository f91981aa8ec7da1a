import math

import pandas as pd
import pytest

import analysis
from analysis.framing.generic import FRAMES, QUESTIONS, generic_frame_evidence, generic_frames


def answered(sentence: str) -> set[str]:
    """The indicator questions a single text answers yes."""
    return set(generic_frame_evidence([sentence])["indicator"])


def evidence_words(sentence: str, indicator: str) -> list[str]:
    ev = generic_frame_evidence([sentence])
    return ev.loc[ev["indicator"] == indicator, "text"].tolist()


# Each sentence was read against the question's wording; the expected set lists every question
# it answers yes by hand (so a rule firing on something else fails the test too).
CASES = [
    # conflict
    ("The opposition accused the government of lying.", {"reproach", "government_responsible"}),
    ("The two countries confirmed their intention to strengthen cooperation.", set()),
    ("Russia marks the victory over the Nazis with a massive military parade and troops.", set()),
    ("The unions and the employers remain at odds over pay.", {"disagreement"}),
    ("There was no disagreement between the leaders.", set()),  # negated cue
    ("Protesters clashed with the Police on Sunday.", {"disagreement", "two_sides"}),
    ("Supporters on both sides gathered outside.", {"two_sides"}),
    ("Labour won the election by a wide margin.", {"winners_losers"}),
    # economic
    ("The plan will cost $2 billion.", {"costs"}),
    ("Delegates paid tribute to the founder.", set()),
    ("The firm reported a record profit this year.", {"financial_loss_gain"}),
    ("The tariffs will hurt the economy.", {"economic_consequences"}),
    # responsibility
    (
        "The ministry must act now to fix the crisis.",
        {"government_can_alleviate", "urgency", "solution"},
    ),
    ("The driver was to blame for the crash.", {"individual_responsible"}),
    ("Experts called for stricter checks.", {"solution"}),
    # human interest
    ("Maria Lopez, 34, lost her home in the flood.", {"human_example"}),
    ("Families were forced to leave their homes.", {"people_affected"}),
    ("The tragic accident left the village in mourning.", {"emotional_language"}),
    ("Rumours swirled about his health.", {"private_lives"}),
    # morality
    ("It is morally wrong to abandon refugees.", {"moral_message"}),
    ("The bishop led prayers in the cathedral.", {"religion"}),
    ("We should all respect our neighbours.", {"social_prescription"}),
    # resolution
    ("Both sides reached a ceasefire after weeks of fighting.", {"two_sides", "agreement_reached"}),
    ("The dispute was finally settled in court.", {"disagreement", "problem_resolved"}),
    ("The two countries signed an agreement on cultural cooperation.", set()),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_each_question_by_hand(sentence, expected):
    assert answered(sentence) == expected


def test_evidence_spans_point_at_the_words():
    text = "The opposition accused the government of lying."
    ev = generic_frame_evidence([text])
    reproach = ev[ev["indicator"] == "reproach"]
    # "accused" is text[15:22] and "lying" text[41:46] (counted by hand)
    assert list(zip(reproach["start"], reproach["end"])) == [(15, 22), (41, 46)]
    assert all(text[s:e] == t for s, e, t in zip(ev["start"], ev["end"], ev["text"]))
    assert evidence_words("The plan will cost $2 billion.", "costs") == ["cost", "$2 billion"]
    sentence = "Kim met Putin to discuss his nuclear stalemate with the United States."
    assert evidence_words(sentence, "two_sides") == ["stalemate with the United States"]


def test_text_that_cannot_be_lower_cased_in_place_gives_the_same_evidence():
    # "İ" lower-cases to two characters, so this text takes the exact (whole-text) scans instead of
    # the lower-case twins; the evidence is the same words, two characters further on.
    text = "The opposition accused the government of lying."
    shifted = "İ. " + text
    plain, other = generic_frame_evidence([text]), generic_frame_evidence([shifted])
    assert other["text"].tolist() == plain["text"].tolist()
    assert (other["start"] - plain["start"]).tolist() == [3] * len(plain)


def test_scores_and_threshold():
    texts = [
        "The opposition accused the government of lying.",  # conflict: reproach = 1 of 4 questions
        "The ministry must act now to fix the crisis.",  # responsibility: 3 of 5 questions
        "The president said the agency was responsible for the failure.",  # responsibility: 1 of 5
        "   ",
    ]
    out = generic_frames(texts)
    assert out.loc[0, "conflict_score"] == 0.25 and out.loc[0, "conflict"]
    assert out.loc[1, "responsibility_score"] == pytest.approx(3 / 5)
    assert out.loc[1, "responsibility"]
    # one responsibility question of five (0.2) is under the 0.25 threshold
    assert out.loc[2, "responsibility_score"] == pytest.approx(1 / 5)
    assert not out.loc[2, "responsibility"]
    assert out.loc[3, "blank"] and math.isnan(out.loc[3, "conflict_score"])
    assert not out.loc[3, "conflict"]
    assert out.loc[0, "conflict_evidence"] == [(15, 22, "reproach"), (41, 46, "reproach")]
    assert not generic_frames(texts[:1], threshold=0.5).loc[0, "conflict"]
    assert list(out.columns[:7]) == ["blank", *FRAMES]


def test_bad_input_is_an_error():
    # the input contract (analysis.inputs): one text is one document; a non-text is named
    assert len(generic_frames("a single string")) == 1
    with pytest.raises(TypeError, match=r"generic_frames\(\): document 1 is float; expected a text"):
        generic_frames(["fine", float("nan")])
    with pytest.raises(ValueError, match="threshold"):
        generic_frames(["fine"], threshold=0)


def test_every_frame_has_questions():
    asked = pd.Series([q.frame for q in QUESTIONS]).value_counts().to_dict()
    # Semetko & Valkenburg: 5 responsibility, 5 human interest (the visual one not asked),
    # 4 conflict, 3 morality, 3 economic; Frermann et al.: resolution, here as 2 questions
    assert asked == {
        "responsibility": 5, "human_interest": 4, "conflict": 4, "morality": 3, "economic": 3,
        "resolution": 2,
    }


def test_seed_article():
    seed = analysis.seed_article()
    ev = generic_frame_evidence([seed.text])
    # read by hand: "his sanctioned regime" and "his nuclear stalemate with the United States"
    # (disagreement, two sides), "speculation about his health" (private lives); the embassy's
    # cooperation quote, the medal, the soldiers and the military parade answer nothing
    assert sorted(set(zip(ev["indicator"], ev["text"]))) == [
        ("disagreement", "sanctioned"),
        ("disagreement", "stalemate"),
        ("private_lives", "his health"),
        ("two_sides", "stalemate with the United States"),
    ]
    row = generic_frames([seed.text]).iloc[0]
    assert row["conflict"] and row["conflict_score"] == 0.5 and row["human_interest"]
    assert not (row["economic"] or row["morality"] or row["responsibility"] or row["resolution"])


# --- the calibrated model ------------------------------------------------------------------------

import time  # noqa: E402
from collections import Counter  # noqa: E402

import numpy as np  # noqa: E402

from analysis.framing import generic  # noqa: E402


def test_text_lemmas_lower_case_dictionary_forms():
    # simplemma, word by word: protesters -> protester, were/weren't -> be, criticizing -> criticize
    assert generic.text_lemmas("The protesters were criticizing higher taxes, weren't they?") == [
        "the", "protester", "be", "criticize", "high", "tax", "be", "they"
    ]
    assert generic.text_lemmas("") == [] and generic.text_lemmas("1999 — !!") == []


def test_rule_features_by_hand():
    text = "The opposition accused the government of lying."  # 47 characters, 7 words
    features = generic.frame_features([text])
    row = dict(zip(generic.RULE_FEATURES, features.rules[0]))
    # reproach: "accused" at 15 and "lying" at 41 -> answered, log(1 + 2 x 1000 / 7), first at 15/47
    assert row["rule:reproach"] == 1
    assert row["rule:reproach:per_1000"] == pytest.approx(np.log1p(2000 / 7))
    assert row["rule:reproach:first"] == pytest.approx(15 / 47)
    # government_responsible: the cue "accused" (15) with the context "government" (27) -> 2 spans
    assert row["rule:government_responsible:first"] == pytest.approx(15 / 47)
    # unanswered questions: 0, 0 and position 1; length log(1 + 7)
    assert (row["rule:costs"], row["rule:costs:per_1000"], row["rule:costs:first"]) == (0, 0, 1)
    assert row["log_words"] == pytest.approx(np.log(8))
    # keyword rates (KEYWORDS): "opposition" and "accused" are conflict keywords -> log(1 + 2000 / 7)
    assert row["keywords:conflict"] == pytest.approx(np.log1p(2000 / 7))
    assert row["keywords:economic"] == row["keywords:morality"] == 0
    assert sum(1 for name, value in row.items() if name.count(":") == 1 and name.startswith("rule:") and value) == 2


def test_topic_words_by_hand():
    # corpus: climate x6, say x2, moral x6 (14 lemmas); reference: say x50, climate x1, moral x1,
    # other x48 (100). log2((6.5/14) / (1.5/100)) = 4.95 for climate and moral, log2((2.5/14) /
    # (50.5/100)) = -1.50 for say. "moral" answers a morality question, so it is kept.
    corpus = [["climate"] * 3 + ["say", "moral", "moral", "moral"], ["climate"] * 3 + ["say"] + ["moral"] * 3]
    reference = Counter({"say": 50, "climate": 1, "moral": 1, "other": 48})
    table = generic.topic_words(corpus, reference).set_index("lemma")
    assert table.loc["climate", "log_ratio"] == pytest.approx(np.log2((6.5 / 14) / (1.5 / 100)))
    assert table.loc["say", "log_ratio"] == pytest.approx(np.log2((2.5 / 14) / (50.5 / 100)))
    assert table["topic"].to_dict() == {"climate": True, "moral": False, "say": False}
    assert table.loc["moral", "cue"] and not table.loc["climate", "cue"]
    # under the minimum count (5) nothing is topical
    assert not generic.topic_words(corpus, reference, min_count=7)["topic"].any()


# A small hand-written training set: conflict texts reproach or dispute, the others do not; the
# economic label follows money words. Both are learnable from the rule answers.
CONFLICT = [
    "The senator accused the governor of lying about the budget.",
    "Critics condemned the plan and protesters clashed with police.",
    "The two parties remain at odds and traded accusations all week.",
    "Opponents denounced the decision as a disgrace.",
    "The union rejected the offer and the dispute continues.",
    "Rivals slammed the mayor, who hit out at his critics.",
]
CALM = [
    "The museum opened a new wing on Sunday.",
    "Visitors enjoyed the sunny weather in the park.",
    "The choir sang three songs at the festival.",
    "A new bridge crosses the river near the old mill.",
    "Students planted trees along the school fence.",
    "The library extended its opening hours in summer.",
]


def _toy():
    texts = CONFLICT + CALM
    Y = np.zeros((len(texts), len(generic.CALIBRATED_FRAMES)), dtype=bool)
    Y[: len(CONFLICT), generic.CALIBRATED_FRAMES.index("conflict")] = True
    Y[[0, 6, 7], generic.CALIBRATED_FRAMES.index("economic")] = True  # any labels: only shape matters
    for j, frame in enumerate(generic.CALIBRATED_FRAMES):
        if frame not in ("conflict", "economic"):
            Y[[1, 8], j] = True
    return texts, Y


def test_classifier_fits_contract_and_round_trips_through_its_card():
    texts, Y = _toy()
    model = generic.GenericFrameClassifier(Cs=(0.1, 1.0), min_df=2, n_splits=2, n_repeats=1)
    params = model.get_params()
    assert model.fit(texts, Y) is model and model.get_params() == params
    conflict = generic.CALIBRATED_FRAMES.index("conflict")
    probability = model.predict_proba(texts)
    assert probability.shape == (12, 5) and ((probability > 0) & (probability < 1)).all()
    # every conflict text is more likely conflict than every calm one (reproach/dispute rules)
    assert probability[:6, conflict].min() > probability[6:, conflict].max()
    assert model.settings_[conflict]["cv_macro_f1"] > 0.5  # out of fold, 6 texts per fold
    before = model.coef_.copy()
    model.predict(texts)
    np.testing.assert_array_equal(model.coef_, before)  # predicting changes nothing
    card, arrays = model.card()
    again = generic.GenericFrameClassifier.from_card(card, arrays)
    np.testing.assert_allclose(again.predict_proba(texts), probability)
    assert again.vocabulary_ == model.vocabulary_ and again.settings_ == model.settings_
    # "the" occurs in 2+ texts and is a feature; excluded words are not
    assert "the" in model.vocabulary_
    excluded = generic.GenericFrameClassifier(Cs=(1.0,), min_df=2, n_splits=2, n_repeats=1, exclude=("the",))
    assert "the" not in excluded.fit(texts, Y).vocabulary_
    with pytest.raises(ValueError, match="Y must be"):
        model.fit(texts, Y[:3])


def test_generic_frames_adds_calibrated_columns_and_marks_blank_texts():
    texts = ["The opposition accused the government of lying.", "  ", "The choir sang."]
    out = generic_frames(texts)
    for frame in generic.CALIBRATED_FRAMES:
        assert {f"{frame}_probability", f"{frame}_calibrated", f"{frame}_weights"} <= set(out.columns)
        assert math.isnan(out.loc[1, f"{frame}_probability"]) and not out.loc[1, f"{frame}_calibrated"]
        probability = out.loc[[0, 2], f"{frame}_probability"]
        assert ((probability > 0) & (probability < 1)).all()
        threshold = out.attrs["model_thresholds"][frame]
        assert (out.loc[[0, 2], f"{frame}_calibrated"] == (probability >= threshold)).all()
        # weights only for a "yes", each a positive contribution
        for decided, weights in zip(out[f"{frame}_calibrated"], out[f"{frame}_weights"]):
            assert (len(weights) > 0) == decided and all(w > 0 for _, w in weights)
    assert "responsibility_probability" not in out.columns
    rules_only = generic_frames(texts, model=None)
    assert not any(c.endswith("_probability") for c in rules_only.columns)
    pd.testing.assert_frame_equal(rules_only, out[rules_only.columns], check_like=False)
    with pytest.raises(ValueError, match="model"):
        generic_frames(texts, model="other")


def test_time_is_linear_in_text_length():
    # the same paragraph repeated 40 and 80 times (about 2,400 and 4,800 words); best of 3 runs
    paragraph = " ".join(CONFLICT + CALM) + " "
    generic_frames([paragraph])  # load the model and warm the lemma memo

    def best(text):
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            generic_frames([text])
            timings.append(time.perf_counter() - start)
        return min(timings)

    small, large = best(paragraph * 40), best(paragraph * 80)
    assert large / small < 3.0  # linear: about 2; quadratic: about 4


def test_packaged_model_on_the_dev_split(require):
    require("narrative-frames-dev")
    from analysis.data import load

    dev = load("narrative-frames-dev")
    out = generic_frames(dev["text"])
    frames = list(generic.CALIBRATED_FRAMES)
    Y, P = dev[frames].to_numpy(), out[[f"{f}_calibrated" for f in frames]].to_numpy()
    from sklearn.metrics import f1_score

    scores = [f1_score(Y[:, j], P[:, j], average="macro") for j in range(5)]
    # measured with the committed artefact (generic-frames v3): 0.569 0.723 0.695 0.793 0.806
    np.testing.assert_allclose(scores, [0.569, 0.723, 0.695, 0.793, 0.806], atol=0.001)


def test_keyword_rates_by_hand():
    rates = generic.keyword_rates(["Jobs and the economy: the cost.", "", "War is war, not a debate"])
    # 6 words, 3 economic keywords (jobs, economy, cost) -> 500 per 1,000; 6 words, 3 conflict -> 500
    assert rates.loc[0, "economic"] == pytest.approx(500.0) and rates.loc[0, "conflict"] == 0
    assert rates.loc[1].tolist() == [0.0] * 5  # empty text: no words, no keywords
    assert rates.loc[2, "conflict"] == pytest.approx(500.0)
    assert list(rates.columns) == list(generic.CALIBRATED_FRAMES)


def test_feature_sets_keywords_alone_and_lemma_document_frequency():
    texts, Y = _toy()
    conflict = generic.CALIBRATED_FRAMES.index("conflict")
    alone = generic.GenericFrameClassifier(Cs=(1.0,), feature_sets=("keywords",), combine="select", min_df=2,
                                           n_splits=2, n_repeats=1).fit(texts, Y)
    # one feature per frame: that frame's keyword rate, nothing else
    for j, frame in enumerate(generic.CALIBRATED_FRAMES):
        used = [alone.feature_names_[i] for i in np.flatnonzero(alone.coef_[j])]
        assert used in ([f"keywords:{frame}"], [])
    # "accused", "dispute" are conflict keywords, in 2 of the 6 conflict texts and no calm one
    assert alone.coef_[conflict, generic.RULE_FEATURES.index("keywords:conflict")] > 0
    # "the" is the one lemma in all 12 texts: with df >= 12 it is the only lemma used
    the_only = generic.GenericFrameClassifier(Cs=(1.0,), feature_sets=("rules+lemmas(df>=12)",), combine="select",
                                              min_df=2, n_splits=2, n_repeats=1).fit(texts, Y)
    used = {the_only.feature_names_[i] for i in np.flatnonzero(the_only.coef_.any(axis=0))}
    assert {name for name in used if name.startswith("lemma:")} == {"lemma:the"}
    assert the_only.settings_[conflict]["features"] == "rules+lemmas(df>=12)"
    with pytest.raises(ValueError, match="feature set"):
        generic.GenericFrameClassifier(Cs=(1.0,), feature_sets=("words",), min_df=2, n_splits=2,
                                       n_repeats=1).fit(texts, Y)


def test_averaged_models_are_one_linear_model_with_the_mean_coefficients():
    from sklearn.linear_model import LogisticRegression

    texts, Y = _toy()
    sets = ("rules", "rules+lemmas(df>=12)")
    model = generic.GenericFrameClassifier(Cs=(0.1, 1.0), feature_sets=sets, min_df=2, n_splits=2,
                                           n_repeats=1).fit(texts, Y)
    assert model.combine == "average"
    features = generic.frame_features(texts)
    X = np.hstack([features.rules, generic.lemma_rates(features.lemmas, model.vocabulary_).toarray()])
    Z = (X - model.mean_) / model.scale_
    n_rules = len(generic.RULE_FEATURES)
    columns = {"rules": np.arange(n_rules), "rules+lemmas(df>=12)": np.r_[np.arange(n_rules), n_rules +
                                                                          model.vocabulary_.index("the")]}
    for j, setting in enumerate(model.settings_):
        members = setting["members"]
        assert [m["features"] for m in members] == list(sets) and all(m["C"] in (0.1, 1.0) for m in members)
        # the frame's log-odds are the mean of the two members' log-odds, refitted at their C
        logits = [LogisticRegression(C=m["C"], max_iter=5000).fit(Z[:, columns[m["features"]]], Y[:, j])
                  .decision_function(Z[:, columns[m["features"]]]) for m in members]
        np.testing.assert_allclose(Z @ model.coef_[j] + model.intercept_[j], np.mean(logits, axis=0), atol=1e-6)
        assert setting["threshold"] in generic.THRESHOLD_GRID
    with pytest.raises(ValueError, match="combine"):
        generic.GenericFrameClassifier(Cs=(1.0,), combine="vote", min_df=2, n_splits=2, n_repeats=1).fit(texts, Y)
