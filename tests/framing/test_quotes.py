"""Quotations and attributions. Expected offsets are ``text.index(...)`` of literal strings that
were read off the texts by hand; expected kinds and speakers follow the rules in the docstrings."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.framing.quotes import (
    ATTRIBUTION_COLUMNS,
    QUOTE_COLUMNS,
    attributions,
    is_named,
    quotes,
    source_class,
    source_type,
)

SEED = analysis.seed_article().text
MEDAL = '"75 Years of Victory in the Great Patriotic War 1941-1945”'  # straight open, curly close
CITATION_START = "“for his great personal contribution"
CITATION_END = "graves and memorial sites.”"
STATEMENT_START = "“They confirmed their intention"
STATEMENT_END = "multifaceted Russian-Korean cooperation,”"


def test_seed_has_exactly_three_quotations_of_three_kinds():
    found = quotes(SEED)
    assert found[["start", "end", "kind"]].values.tolist() == [
        [SEED.index(MEDAL), SEED.index(MEDAL) + len(MEDAL), "name"],
        [SEED.index(CITATION_START), SEED.index(CITATION_END) + len(CITATION_END), "partial"],
        [SEED.index(STATEMENT_START), SEED.index(STATEMENT_END) + len(STATEMENT_END), "direct"],
    ]
    assert found["quote"][0] == MEDAL[1:-1]
    assert pd.isna(found["speaker"][0])
    # the citation's source is a sentence away (the embassy's statement): the rules leave it without
    # a speaker; the speaker ranker, whose "no speaker" threshold grouped CV set to 0 (the benchmark
    # counts a wrong speaker and a missing one alike), takes its best candidate, the passive subject
    # "Kim" (probability below 0.3): a known error of the ranker
    assert pd.isna(quotes(SEED, model=None)["speaker"][1])
    assert found["speaker"][1] == "Kim"
    statement = found.iloc[2]
    speaker = SEED.index("the embassy said.")
    assert (statement["speaker"], statement["speaker_start"], statement["speaker_end"]) == (
        "the embassy", speaker, speaker + len("the embassy")
    )
    assert (statement["verb"], statement["verb_start"]) == ("said", speaker + len("the embassy "))
    assert found["balanced"].all() and (found["depth"] == 0).all()


def test_seed_has_four_attributions_with_types():
    found = attributions(SEED, model=None)
    embassy = SEED.index("Russia's Embassy in Pyongyang said")
    statement = SEED.index("a statement and photographs published on the embassy’s Facebook page")
    tass = SEED.index("Russia’s state-run TASS news agency reports")
    quoted = SEED.index("the embassy said.")
    assert found[["source", "cue", "start", "source_type", "via"]].values.tolist() == [
        ["Russia's Embassy in Pyongyang", "said", embassy, "government", "cue"],
        [SEED[statement : SEED.index(" page.", statement) + 5], "according to", statement - len("according to "),
         "government", "cue"],
        ["Russia’s state-run TASS news agency", "reports", tass, "state media", "cue"],
        ["the embassy", "said", quoted, "government", "quote"],
    ]
    assert found["named"].tolist() == [True, True, True, True]
    assert found["quote"][:3].isna().all()
    assert found["quote"][3] == 2  # the embassy's statement is row 2 of quotes(SEED): counted once
    # the sentence each attribution governs: sentence 0 is the lead, up to "said Tuesday."
    assert (found["sentence"][0], found["sentence_start"][0], found["sentence_end"][0]) == (
        0, 0, SEED.index("Tuesday.") + len("Tuesday.")
    )


def test_speaker_before_with_colon():
    text = "Kim said: “We will never give up.”"
    row = quotes(text).iloc[0]
    assert (row["speaker"], row["speaker_start"], row["verb"], row["kind"]) == ("Kim", 0, "said", "direct")
    assert (row["start"], row["end"]) == (text.index("“"), len(text))


def test_said_x_inversion_stops_before_time_phrase():
    text = "“We will win,” said Russian Foreign Minister Sergei Lavrov on Tuesday."
    row = quotes(text).iloc[0]
    assert (row["speaker"], row["speaker_start"], row["kind"]) == (
        "Russian Foreign Minister Sergei Lavrov", text.index("Russian"), "direct"
    )


def test_quote_over_two_sentences_and_told_reporters():
    text = "“The talks went well. We agreed on much,” Kim told reporters."
    row = quotes(text).iloc[0]
    assert row["quote"] == "The talks went well. We agreed on much,"
    assert (row["speaker"], row["verb"], row["kind"]) == ("Kim", "told", "direct")


def test_quote_over_two_paragraphs_reopens_without_closing():
    text = '"First paragraph of a long quote.\n\n"Second paragraph," she added.'
    found = quotes(text)
    assert len(found) == 1
    assert (found["start"][0], found["end"][0], found["speaker"][0]) == (0, text.index(" she"), "she")


def test_nested_single_quotes_are_depth_one_rows():
    text = 'The spokesman said: "The so-called \'peace plan\' is a fraud. We reject it."'
    found = quotes(text)
    assert found[["kind", "depth"]].values.tolist() == [["direct", 0], ["name", 1]]
    assert found["speaker"][0] == "The spokesman" and pd.isna(found["speaker"][1])
    assert (found["start"][1], found["end"][1]) == (text.index("'peace"), text.index(" is a fraud"))
    assert found["quote"][1] == "peace plan"


def test_apostrophes_are_not_nested_quotes():
    text = "He said: “Kim’s soldiers’ graves are Russia's concern.”"
    assert quotes(text)["depth"].tolist() == [0]


def test_unbalanced_quote_is_marked_and_ends_at_its_paragraph():
    text = 'He left. "This never closes.\n\nNext paragraph.'
    found = quotes(text)
    assert found[["start", "end", "balanced"]].values.tolist() == [
        [text.index('"'), text.index("\n"), False]
    ]
    stray = quotes("stray close” here")
    assert (stray["start"][0], stray["end"][0], stray["balanced"][0]) == (0, len("stray close”"), False)


def test_scare_quotes_and_naming_cues():
    # "called" with a subject reports the subject's word; a short quote with no speaker is a scare quote
    text = 'The regime called the drills a "provocation" and the "special military operation" continues.'
    found = quotes(text, model=None)  # the rules (the learned speech decision may differ)
    assert found["kind"].tolist() == ["partial", "scare"]
    assert found["speaker"].tolist()[0] == "The regime"
    assert quotes('The so-called "deal" failed.')["kind"].tolist() == ["name"]


def test_second_and_third_quotes_of_one_speaker():
    text = '"We will win," said Sen. Ben Sasse (R-Neb.). "They will lose."\n\n"And that is all."'
    found = quotes(text)
    assert found["speaker"].tolist() == ["Sen. Ben Sasse (R-Neb.)"] * 3
    assert found["speaker_name"].tolist() == ["Ben Sasse"] * 3
    # another attribution in between stops the inheritance (the rules alone leave no speaker) ...
    text = '"We will win," she said. Officials said nothing. "They will lose."'
    speakers = quotes(text, model=None)["speaker"]
    assert speakers[0] == "she" and pd.isna(speakers[1])
    # ... the learned speaker ranker weighs both candidates (the previous speaker "she", the
    # attribution's source "Officials", said nothing) and takes the previous speaker
    speakers = quotes(text)["speaker"]
    assert speakers.tolist() == ["she", "she"]


def test_apposition_between_commas_before_the_verb():
    text = '"It is over," Hope Hicks, his campaign spokeswoman, said.'
    row = quotes(text).iloc[0]
    assert (row["speaker"], row["speaker_name"]) == ("Hope Hicks, his campaign spokeswoman", "Hope Hicks")


def test_partial_quote_after_a_verb_of_saying_in_the_sentence():
    text = 'The ministry said the talks were "very productive and useful for both sides".'
    row = quotes(text).iloc[0]
    assert (row["kind"], row["speaker"], row["verb"]) == ("partial", "The ministry", "said")


def test_second_part_of_a_broken_quote_takes_the_same_speaker():
    text = "“We will fight,” he said, “and we will win.”"
    found = quotes(text)
    assert found[["speaker", "speaker_start", "kind"]].values.tolist() == [["he", 17, "direct"]] * 2


def test_quoted_sentence_ended_by_a_period_takes_no_speaker_from_the_next_sentence():
    text = "“It is over.” He said nothing else."
    assert quotes(text, model=None)["speaker"].isna().all()  # the rules: the sentence ended at the mark
    # the learned speaker ranker reads the next sentence's subject and its verb of saying
    assert quotes(text)["speaker"].tolist() == ["He"]


def test_empty_text_gives_empty_frames_with_columns():
    assert quotes("").columns.tolist() == QUOTE_COLUMNS and quotes("").empty
    assert attributions("").columns.tolist() == ATTRIBUTION_COLUMNS and attributions("").empty


def test_non_text_is_a_clear_error():
    with pytest.raises(TypeError, match="expects the text as a str"):
        quotes(None)


def test_anonymous_pronoun_and_inverted_attributions():
    text = ("Officials said the deal was dead, according to sources familiar with the matter. "
            "The talks will go on, said Lavrov. He said so.")
    found = attributions(text, model=None)
    assert found[["source", "cue", "named", "source_type"]].astype(object).values.tolist() == [
        ["Officials", "said", False, "government"],
        ["sources familiar with the matter", "according to", False, "other"],
        ["Lavrov", "said", True, "other"],  # no personal names in the default type table
        ["He", "said", pd.NA, "other"],  # a bare pronoun: unresolved
    ]
    assert found["source_class"].tolist() == ["anonymous", "anonymous", "person", "person"]


def test_cues_inside_quotations_and_noun_uses_are_not_attributions():
    text = "“They said no,” the embassy said. The member states met. Media reports said it rained."
    found = attributions(text, model=None)
    assert found["source"].tolist() == ["the embassy", "Media reports"]


def test_source_type_table_is_extendable_and_ordered():
    assert source_type("Russia’s state-run TASS news agency") == "state media"
    assert source_type("the Associated Press") == "independent media"
    assert source_type("a rapper") == "other"  # "AP" matches as written only, not inside words
    assert source_type("the Brookings Institution", {"think tank": ["Brookings"]}) == "think tank"
    assert is_named("a North Korean official") is False and is_named("NK News") is True


def test_kcna_russia_items(require):
    require("kcna-2024")
    kcna = analysis.load("kcna-2024")
    texts = kcna.loc[kcna["has_text"] & kcna["about_russia"], "text"]
    found = pd.concat([quotes(t, model=None) for t in texts])
    sources = pd.concat([attributions(t, model=None) for t in texts])
    # measured on the 110 de-duplicated KCNA stories about Russia (rule version of this commit):
    # KCNA quotes titles and scare quotes far more than speech
    assert len(texts) == 110
    # KCNA quotes titles and scare quotes far more than speech
    # (2026-12-01: two partial quotations whose only "speaker" was the sentence's "It" are scare
    # quotes now; partial quotations without a verb of saying take their sentence's subject)
    assert found["kind"].value_counts().to_dict() == {"scare": 95, "partial": 56, "name": 55, "direct": 1}
    assert found["balanced"].all() and found["speaker"].notna().sum() == 37
    assert sources["via"].value_counts().to_dict() == {"cue": 119, "quote": 20}
    # no personal names in the default type table: a leader quoted by name is "other" here
    assert sources["source_type"].value_counts().to_dict() == {"other": 127, "government": 11, "state media": 1}


def test_partial_quotation_takes_the_subject_of_its_sentence():
    text = "Rubio also bemoaned a climate in which people “literally hate each other” over politics."
    row = quotes(text, model=None).iloc[0]
    assert (row["kind"], row["speaker"], row["speaker_start"]) == ("partial", "Rubio", 0)
    assert pd.isna(row["verb"])  # no verb of saying: the subject is the writer's attribution
    # after a leading phrase, the subject after its comma; a determiner phrase up to its verb
    text = "At a rally on Saturday, Trump defended the guards against “a very obnoxious protester”."
    assert quotes(text, model=None)["speaker"].tolist() == ["Trump"]
    text = "The GOP presidential candidate asked supporters to “win my engraved shotgun” now."
    assert quotes(text, model=None)["speaker"].tolist() == ["The GOP presidential candidate"]
    # a passive or copular subject is no source; nor is "it"
    for text in ("Kim was awarded “for his great personal contribution to peace”.",
                 "It is meant for “defending freedom and peace”."):
        assert quotes(text, model=None)["speaker"].isna().all()


def test_participle_cue_after_a_comma_takes_the_clause_subject():
    text = "Trump defended the incident, calling the protester “a very obnoxious guy who was a troublemaker”."
    row = quotes(text, model=None).iloc[0]
    assert (row["speaker"], row["verb"]) == ("Trump", "calling")


def test_no_break_space_between_speaker_and_verb():
    text = "“I would be very firm,” Trump\xa0said. “Frankly, that will work.”"
    assert quotes(text, model=None)["speaker"].tolist() == ["Trump", "Trump"]


def test_an_opening_mark_typed_for_a_closing_one_closes():
    text = "They were “criminals” and “rapists“ while he spoke."
    found = quotes(text, model=None)
    assert found["quote"].tolist() == ["criminals", "rapists"]
    assert found["balanced"].all()
    assert found["end"].tolist() == [text.index("” and") + 1, text.index("“ while") + 1]


def test_speech_features_by_hand():
    from analysis.framing.quotes import speech_features

    text = 'Trump said: "I will win." The "Meet the Press." show aired.'
    first, second = speech_features(text)
    assert first["k=direct"] == 1 and first["nw=3"] == 1 and first["first_person"] == 1
    assert first["colon"] == 1 and first["verb_near"] == 1 and first["pw=said"] == 1 and first["sp"] == 1
    assert second["title"] == 0 and second["title_loose"] == 1  # the final period aside
    assert second["pw=the"] == 1 and second["nx=show"] == 1 and second["first_person"] == 0


def test_learned_speech_decision_changes_kinds():
    import numpy as np

    from analysis.framing.attributions import CueModel

    # a hand-set model: speech exactly when the rules said "scare" (score +5 or -5)
    model = CueModel(speech_threshold=0.5)
    model.vocabulary_, model.feature_names_, model.coef_, model.intercept_ = [], [], np.zeros(0), np.zeros(1)
    model.speech_feature_names_, model.speech_coef_, model.speech_intercept_ = ["k=scare"], np.array([10.0]), np.array([-5.0])
    text = 'He said: "We will win." It was a "sham" vote.'
    assert quotes(text, model=None)["kind"].tolist() == ["direct", "scare"]
    found = quotes(text, model=model)
    assert found["kind"].tolist() == ["scare", "partial"]
    # the demoted one loses its speaker "He"; the promoted one finds none ("It" is no source)
    assert found["speaker"].isna().all()


def test_speakers_are_not_carried_over_a_line_of_symbols():
    # the pipeline joins documents with a paragraph of "§": a speaker stays in its document
    text = '"We will win," she said.\n\n' + "\u00a7" * 200 + '\n\n"They will lose."'
    assert quotes(text)["speaker"].tolist()[0] == "she"
    assert pd.isna(quotes(text)["speaker"].tolist()[1])
    assert quotes('"We will win," she said.\n\n"They will lose."')["speaker"].tolist() == ["she", "she"]


def test_partial_quotation_takes_the_speaker_before_it_in_its_paragraph():
    text = "“We will win,” she said. It is a “historic moment for all of us” in any case.\n\nIt is “a new day for them”."
    found = quotes(text, model=None)
    assert found["kind"].tolist() == ["direct", "partial", "partial"]
    # the second quotation's sentence opens with "It" (no source): the speaker before it, same paragraph
    assert found["speaker"].tolist()[:2] == ["she", "she"]
    assert pd.isna(found["speaker"][2])  # not over a paragraph break


def test_speaker_candidates_by_hand():
    from analysis.framing.quotes import quote_rows, speaker_candidates

    text = "Jane Smith spoke in Ohio.\n\n“We will win this fight for all of us.”"
    rows = quote_rows(text)
    assert [(r["start"], r["kind"], r["speaker"]) for r in rows] == [(27, "direct", None)]
    scored = [((11, 16), (0, 10), 0.8)]  # a candidate cue "spoke" with source "Jane Smith", p = 0.8
    found = speaker_candidates(text, rows, scored, [0])[0]
    # the cue's source and the mention "Jane Smith" are one candidate; "Ohio" another; "We" is quoted
    assert [span for span, _ in found] == [(0, 10), (20, 24)]
    smith, ohio = found[0][1], found[1][1]
    for key in ("t=cue", "t=mention", "cue_p=>.7", "cue_side=before", "side=before", "dist=<40", "rank=before1",
                "named", "nw=2", "cls=person", "sent_start", "kind=direct", "t=cue|direct", "salience=1"):
        assert smith[key] == 1, key
    assert smith["cue_p"] == 0.8
    assert smith["cue_same_sent"] == smith["same_sent"] == smith["same_para"] == smith["is_pron"] == 0
    assert smith["verb_next"] == smith["verb_prev"] == 0  # "spoke" is no verb of saying
    assert "t=cue" not in ohio and ohio["dist=<10"] == ohio["rank=before0"] == 1 and ohio["sent_start"] == 0
    # the quotation's own paragraph and the one before only; nothing inside quotation marks
    far = "Old Name spoke.\n\nBob Lee ran.\n\nMore text here.\n\n“We will win this fight for all of us.”"
    rows = quote_rows(far)
    spans = [span for span, _ in speaker_candidates(far, rows, [], [0])[0]]
    assert [far[a:b] for a, b in spans] == ["More"]  # "More text here." is the paragraph before


def test_ranked_speakers_stay_in_their_document():
    # the pipeline's separator paragraph: no candidate of one document serves a quotation of the next
    sep = "\n\n" + "\u00a7" * 200 + "\n\n"
    doc = "Jane Smith spoke in Ohio on Monday.\n\n“We will win this fight for all of us.”"
    alone = quotes(doc)
    joined = quotes("Bob Lee said so." + sep + doc)
    shift = len("Bob Lee said so." + sep)
    assert (joined["start"] - shift).tolist() == alone["start"].tolist()
    assert joined["speaker"].tolist() == alone["speaker"].tolist()
    assert (joined["speaker_start"] - shift).tolist() == alone["speaker_start"].tolist()


@pytest.mark.parametrize("source, expected", [
    ("Clinton's campaign", ("other", None, "Clinton")),  # the name as a possessive before a noun
    ("Clinton’s campaign", ("other", None, "Clinton")),  # typographic apostrophe
    ("the State Department's spokesman", ("government", None, "State Department")),
    ("Clinton's", ("person", None, "Clinton")),  # a possessive before nothing: the person
])
def test_source_class_reads_a_possessive_name_as_its_owner(source, expected):
    assert source_class(source) == expected
