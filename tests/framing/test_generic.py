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
    with pytest.raises(TypeError, match="not one string"):
        generic_frames("a single string")
    with pytest.raises(TypeError, match=r"texts\[1\] is float"):
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
