"""Tests of analysis.tokenize: spans worked out by hand (offsets counted on the strings shown)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import config
from analysis.tokenize import (
    MAX_SENTENCE_CHARS,
    AliasTable,
    Span,
    ngram_frame,
    ngrams,
    sentence_spans,
    sentences,
    split_sentences,
    stop_words,
    token_spans,
    tokenize_frame,
    tokens,
)


def test_sentence_spans_are_offsets_without_outer_whitespace():
    text = "  One. Two!\n\nThree  "
    # "One." is 2..6, "Two!" 7..11, "Three" 13..18 (counted by hand)
    assert sentence_spans(text) == [Span(2, 6), Span(7, 11), Span(13, 18)]


def test_abbreviations_titles_and_initials_do_not_end_sentences():
    text = "Mr. Putin met Dr. J. R. Smith in the U.S. on Nov. 5 at 3 p.m. in Moscow."
    assert sentences(text) == [text]


def test_abbreviation_before_a_sentence_starter_ends_the_sentence():
    text = "He lives in the U.S. The rest live in Moscow."
    assert sentences(text) == ["He lives in the U.S.", "The rest live in Moscow."]


def test_quotes_close_the_sentence_and_ellipsis_in_quotes_is_no_boundary():
    text = (
        "“They will implement the agreements... aimed at cooperation,” the embassy said. "
        'Kim was awarded "for his contribution." Russia says so. "Stop!" he said.'
    )
    assert sentences(text) == [
        "“They will implement the agreements... aimed at cooperation,” the embassy said.",
        'Kim was awarded "for his contribution."',
        "Russia says so.",
        '"Stop!" he said.',
    ]


def test_headlines_datelines_and_captions_are_paragraphs_of_their_own():
    text = "Putin Hands Medal to Kim\n\nMay 05, 2020\n\nMOSCOW (Reuters) - Kim met Putin. Then he left"
    assert sentences(text) == [
        "Putin Hands Medal to Kim",
        "May 05, 2020",
        "MOSCOW (Reuters) - Kim met Putin.",
        "Then he left",
    ]


def test_single_newlines_inside_a_paragraph_are_spaces():
    assert sentences("the talks ended\nin Moscow. Kim left.") == ["the talks ended\nin Moscow.", "Kim left."]


def seed_body() -> str:
    """The seed article's body as read_article will return it, built by hand from the file:
    no title/date, caption, credit, "Related article" or "Original url" lines; "[said](#)" ->
    "said"; the paragraph break inside the medal's quoted name rejoined."""
    return "\n\n".join(
        [
            "Russian President Vladimir Putin has given North Korean leader Kim Jong Un a commemorative "
            "World War II medal for his role in preserving the memory of Soviet soldiers killed in North "
            "Korea, Russia's Embassy in Pyongyang said Tuesday.",
            "The ceremony took place at the Mansudae Assembly Hall, where Kim reshuffled North Korea's "
            "highest decision-making body last month. The North Korean leader made his first public "
            "appearance in three weeks Saturday following an absence that sparked intense speculation "
            "about his health and the future of his sanctioned regime.",
            'Russia\'s ambassador handed the commemorative medal dubbed "75 Years of Victory in the Great '
            "Patriotic War 1941-1945” to Kim’s foreign minister, according to a statement and photographs "
            "published on the embassy’s Facebook page. There was no sighting of Kim Jong Un himself.",
            "Kim was awarded “for his great personal contribution to the commemoration of dead and buried "
            "Soviet citizens on the territory of the DPRK and showing concern about the safety of the "
            "Soviet soldiers’ graves and memorial sites.” Russia’s state-run TASS news agency reports "
            "that 1,375 Soviet soldiers are buried in North Korea.",
            "Russian Ambassador Alexander Matsegora and North Korean foreign minister Ri Son Gwon held a "
            "brief sit-down following the ceremony.",
            "“They confirmed their intention to continue active efforts to consistently implement the "
            "agreements... aimed at further developing and strengthening multifaceted Russian-Korean "
            "cooperation,” the embassy said.",
            "Kim visited Russia for the first time in April 2019, where he met with Putin to discuss his "
            "nuclear stalemate with the United States.",
            "Russia commemorates the Soviet Union's victory over the Nazis each year on May 9 with a "
            "massive military parade through Moscow’s Red Square. While Putin postponed this year’s "
            "parade due to the coronavirus, military jets are still scheduled to fly in formation over "
            "the capital to mark the 75th anniversary of Victory Day.",
        ]
    )


def test_seed_body_has_twelve_sentences():
    body = seed_body()
    # every body line of the file, checked by hand against the committed article
    raw = config.seed_article_path().read_text(encoding="utf-8")
    assert "There was no sighting of Kim Jong Un himself." in raw
    found = sentences(body)
    # counted by hand: 1 + 2 + 2 + 2 + 1 + 1 + 1 + 2 = 12 (paragraphs in the order above)
    assert len(found) == 12
    assert found[5] == (
        "Kim was awarded “for his great personal contribution to the commemoration of dead and buried "
        "Soviet citizens on the territory of the DPRK and showing concern about the safety of the "
        "Soviet soldiers’ graves and memorial sites.”"
    )
    assert found[8].startswith("“They confirmed") and found[8].endswith("the embassy said.")


def test_token_spans_ud_style():
    text = "Russia's U.S.-based e-mail didn't cost $1,375.50 (15-year)... Mr. Kim"
    assert tokens(text) == [
        "Russia's", "U.S.", "-", "based", "e-mail", "didn't", "cost", "$", "1,375.50",
        "(", "15", "-", "year", ")", "...", "Mr.", "Kim",
    ]  # fmt: skip
    assert token_spans("Kim's way.") == [Span(0, 5), Span(6, 9), Span(9, 10)]


def test_token_spans_ptb_style_splits_clitics_and_keeps_hyphenated_words():
    text = "Russia's New York-based firm can't go."
    assert tokens(text, style="ptb") == ["Russia", "'s", "New", "York-based", "firm", "ca", "n't", "go", "."]
    with pytest.raises(ValueError, match="style"):
        token_spans(text, style="spacy")


ALIASES = {"Kim Jong Un": ["Kim Jong Un", "Kim Jong-un"], "Vladimir Putin": ["Putin"], "North Korea": []}


def test_aliases_are_single_tokens_case_sensitive_on_word_boundaries():
    text = "Kim Jong-un met Putin in North Korea; KIM JONG UN and North Koreans did not."
    # "Kim Jong-un" 0..11, "Putin" 16..21, "North Korea" 25..36; "North Koreans" is no match
    spans = token_spans(text, aliases=ALIASES)
    assert spans[0] == Span(0, 11) and spans[2] == Span(16, 21) and spans[4] == Span(25, 36)
    assert tokens(text, aliases=ALIASES)[:5] == ["Kim Jong Un", "met", "Vladimir Putin", "in", "North Korea"]
    assert "North" in tokens(text, aliases=ALIASES)[5:]


def test_alias_table_is_extensible_and_refuses_conflicts():
    table = AliasTable(ALIASES).add("Ri Son Gwon", "Ri Son-gwon")
    assert tokens("Ri Son-gwon spoke", aliases=table) == ["Ri Son Gwon", "spoke"]
    with pytest.raises(ValueError, match="already an alias"):
        table.add("Someone Else", "Putin")


def test_normalisation_options_are_off_by_default():
    text = "The Soviets were buried there"
    assert tokens(text) == ["The", "Soviets", "were", "buried", "there"]
    assert tokens(text, lower=True) == ["the", "soviets", "were", "buried", "there"]
    # NLTK's list holds "the", "were", "there"
    assert tokens(text, stopwords=True) == ["Soviets", "buried"]
    assert tokens(text, lemmas=True, lower=True) == ["the", "soviet", "be", "bury", "there"]


def test_stop_words_nltk_list_and_fallback(require):
    assert "the" in stop_words("sklearn") and len(stop_words("sklearn")) == 318
    require("nltk-data")
    nltk = stop_words()
    assert len(nltk) == 179 and {"the", "not", "he"} <= nltk


def test_ngrams():
    assert ngrams(["a", "b", "c"], 2) == [("a", "b"), ("b", "c")]
    assert ngrams(["a", "b"], 3) == []
    with pytest.raises(ValueError):
        ngrams(["a"], 0)


def test_tokenize_frame_rows_and_ngrams_do_not_cross_sentences_or_gaps():
    df = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["Kim met Putin. He left.", "", None]})
    frame = tokenize_frame(df, aliases=ALIASES)
    assert list(frame.columns) == ["doc_id", "sent_id", "token_id", "start", "end", "token"]
    # "Kim" "met" "Putin"->"Vladimir Putin" "." | "He" "left" "."
    assert frame["token"].tolist() == ["Kim", "met", "Vladimir Putin", ".", "He", "left", "."]
    assert frame["sent_id"].tolist() == [0, 0, 0, 0, 1, 1, 1]
    assert frame[["start", "end"]].iloc[2].tolist() == [8, 13]
    bigrams = ngram_frame(frame, 2)["ngram"].tolist()
    assert bigrams == ["Kim met", "met Vladimir Putin", "Vladimir Putin .", "He left", "left ."]
    dropped = tokenize_frame(df.iloc[:1], stopwords={"met"})
    assert ngram_frame(dropped, 2)["ngram"].tolist() == ["Putin .", "He left", "left ."]


def test_tokenize_frame_bad_input_is_an_error():
    with pytest.raises(ValueError, match="duplicate"):
        tokenize_frame(pd.DataFrame({"doc_id": [1, 1], "text": ["a", "b"]}))
    with pytest.raises(TypeError, match="document 1"):
        tokenize_frame(pd.DataFrame({"doc_id": [1], "text": [3.5]}))


# --- over-long sentences and backtracking-safe patterns (issue 15) ----------------------------


def test_over_long_sentence_is_split_at_line_breaks_and_counted():
    # three 4-character headlines joined by single line breaks: one sentence of 14 characters
    text = "Aaaa\nBbbb\nCccc"
    assert sentence_spans(text) == [Span(0, 14)]
    # at most 10 characters: cut at the line break in the second half (5..10) of the first
    # piece, "Aaaa\nBbbb" (0..9); the rest "Cccc" (10..14)
    assert sentence_spans(text, max_chars=10) == [Span(0, 9), Span(10, 14)]
    assert split_sentences(text, max_chars=10) == 1 and split_sentences(text) == 0
    # no line break in the second half: the last whitespace, else anywhere
    assert sentence_spans("ab cd ef", max_chars=4) == [Span(0, 2), Span(3, 5), Span(6, 8)]
    assert sentence_spans("abcdefghij", max_chars=4) == [Span(0, 4), Span(4, 8), Span(8, 10)]
    assert sentence_spans("One. Two three four five.", max_chars=None) == [Span(0, 4), Span(5, 25)]
    with pytest.raises(ValueError, match="max_chars"):
        sentence_spans("text", max_chars=0)


def test_sixty_kilobytes_without_punctuation_are_pieces_of_bounded_size():
    text = "\n".join(["Markets rally as talks resume"] * 2000)  # 61,999 characters, no full stop
    spans = sentence_spans(text)
    assert max(e - s for s, e in spans) <= MAX_SENTENCE_CHARS
    assert split_sentences(text) == 1
    # every piece is whole headlines: cut at line breaks, nothing lost but the breaks
    assert all(text[s:e].split("\n")[0] == "Markets rally as talks resume" for s, e in spans)
    assert sum(e - s for s, e in spans) + len(spans) - 1 == len(text)


def test_runs_of_marks_split_as_before():
    # the candidate is tried at the run's first mark only; same sentences as the full search
    assert sentences("Wait... What?! No.") == ["Wait...", "What?!", "No."]
    assert sentences("a" + "." * 500 + "a") == ["a" + "." * 500 + "a"]
    assert sentences("He paused . . . Then left.") == ["He paused . . .", "Then left."]


def test_tokens_of_long_runs_stay_correct():
    # "a.a.a.bb": no e-mail, file name or initialism: letters and periods one by one
    assert tokens("a.a.a.bb") == ["a", ".", "a", ".", "a", ".", "bb"]
    assert tokens("a-a-a-") == ["a", "-", "a", "-", "a", "-"]
    assert tokens("Mail j.doe+news@mail.bbc.co.uk or see report.pdf, U.S.A. and e-mail.") == [
        "Mail", "j.doe+news@mail.bbc.co.uk", "or", "see", "report.pdf", ",", "U.S.A.", "and",
        "e-mail", ".",
    ]


def test_is_word_is_a_letter_or_a_digit_of_any_script():
    from analysis.tokenize import is_word

    assert [is_word(t) for t in ("3.5", "U.S.", "don't", "e-mail", "Ким", "中国")] == [True] * 6
    assert [is_word(t) for t in ("--", '"', "___", "%", "…", "")] == [False] * 6
