import pandas as pd
import pytest

from analysis.data import load
from analysis.data.sources.kcna import clean_headline, clean_story, deduplicate


def test_clean_story_moves_dateline_strips_sign_off_and_restores_spaces():
    raw = (
        "Pyongyang, December 24 (KCNA) -- The respected ComradeKim Jong Unvisited a farm.\n"
        "He  said\xa0so.\n\n -0-"
    )
    # By hand: the dateline ends before "--"; spaces go back on both sides of the glued name;
    # the double space and the no-break space collapse; the empty line and "-0-" disappear.
    assert clean_story(raw) == (
        "Pyongyang, December 24 (KCNA)",
        "The respected Comrade Kim Jong Un visited a farm.\n\nHe said so.",
    )
    # An anecdote without a dateline, and the en-dash variant seen on November 3.
    assert clean_story("One day in May, PresidentKim Il Sungmet workers. -0-") == (
        None,
        "One day in May, President Kim Il Sung met workers.",
    )
    assert clean_story("Pyongyang, November 3 (KCNA) – Avengers visit. -0-")[0] == (
        "Pyongyang, November 3 (KCNA)"
    )


def test_clean_headline_drops_juche_date_tag():
    assert clean_headline("Historical Relics in Mt Songak\r\n\t\t[Juche113.7.24.]") == (
        "Historical Relics in Mt Songak"
    )
    assert clean_headline("Test-fire of ICBM\n\n[2024.11.01.]") == "Test-fire of ICBM"


def test_deduplicate_joins_equal_text_same_date_and_same_link():
    item = {"topic": "T", "headline": "H", "link": "l1", "date_str": "2024-01-01"}
    items = [
        {**item, "story_text": "Same “text”."},
        {**item, "link": "l2", "story_text": "same  \"TEXT\". "},  # equal after normalising
        {**item, "link": "l2", "story_text": "Revised text."},  # same link as item 1
        {**item, "link": "l3", "date_str": "2024-01-02", "story_text": "Same “text”."},  # day 2
        {**item, "link": "l4", "story_text": ""},  # photo item: keyed by headline + date
        {**item, "link": "l5", "headline": "H\n[Juche113.1.1.]", "story_text": ""},
    ]
    # Worked by hand: 0~1 (text), 1~2 (link l2); 3 differs by date; 4~5 (headline + date).
    assert deduplicate(items) == [[0, 1, 2], [3], [4, 5]]


@pytest.fixture
def kcna(require):
    require("kcna-2024")
    return load("kcna-2024")  # parsed once per process (functools.cache), copied per call


def test_kcna_counts_after_deduplication(kcna):
    # 2,111 JSON items -> 1,275 stories (measured); 1,039 with text, 236 photo/video/empty rows.
    assert kcna.attrs["deduplication"]["items_in_file"] == 2111
    assert len(kcna) == 1275 and kcna["doc_id"].is_unique
    assert kcna["n_copies"].sum() == 2111  # every item is accounted for in exactly one row
    assert kcna["has_text"].sum() == 1039
    assert kcna["kind"].value_counts().to_dict() == {"article": 1046, "photo": 170, "video": 59}
    assert kcna["n_copies"].value_counts().sort_index().to_dict() == {
        1: 698, 2: 422, 3: 88, 4: 32, 5: 33, 6: 2
    }
    assert (kcna["n_versions"] > 1).sum() == 20  # stories revised under the same link
    assert kcna["about_russia"].sum() == 123
    # 58 texts have no "(KCNA) --" dateline: the historical anecdotes ("One day in May ...").
    assert kcna.loc[kcna["has_text"], "dateline"].isna().sum() == 58
    assert kcna["date"].min() == pd.Timestamp("2023-12-24")
    assert kcna["date"].max() == pd.Timestamp("2024-11-10")
    assert not kcna["text"].str.contains("-0-", regex=False).any()


def test_kcna_spot_check_of_a_story_listed_five_times(kcna):
    # JSON items 1926, 1946, 1947, 1949, 1952 (read in the file): one 2,587-character text under
    # Latest News, World, Documents, Top News and External, each with its own link.
    title = "Press Statement on Strategic Dialogue between DPRK and Russian FMs Released"
    row = kcna[kcna["title"] == title]
    assert len(row) == 1
    row = row.iloc[0]
    assert row["topics"] == ["Latest News", "World", "Documents", "Top News", "External"]
    assert row["n_copies"] == 5 and len(row["links"]) == 5 and row["n_versions"] == 1
    assert row["date"] == pd.Timestamp("2024-11-02")
    assert row["dateline"] == "Pyongyang, November 2 (KCNA)"
    assert row["text"].startswith(
        "A press statement on strategic dialogue between Choe Son Hui, foreign minister"
    )
    assert row["text"].endswith("the ministerial strategic dialogue, at various levels.")
    assert row["about_russia"]


def test_kcna_load_returns_a_copy_of_the_cached_parse(kcna):
    # Mutating one load (a cell and a list inside a cell) must not leak into the next one.
    kcna.loc[0, "title"] = "changed"
    kcna["topics"].iloc[0].append("changed")
    fresh = load("kcna-2024")
    assert fresh.loc[0, "title"] != "changed" and "changed" not in fresh["topics"].iloc[0]
