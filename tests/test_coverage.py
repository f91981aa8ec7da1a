"""Coverage over time: items naming an actor, timelines with zeros, periods, shares."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.coverage import actor_items, actor_shares, assign_periods, timeline


def test_timeline_counts_every_period_and_group_with_zeros():
    frame = pd.DataFrame({"date": ["2020-04-01", "2020-04-01", "2020-04-03", None],
                          "outlet": ["BBC", "CNN", "BBC", "BBC"]})
    out = timeline(frame, by="outlet")
    # 3 days x 2 outlets; 1 April: BBC 1, CNN 1; 2 April: zeros; 3 April: BBC 1
    assert out["n"].tolist() == [1, 1, 0, 0, 1, 0]
    assert out["outlet"].tolist() == ["BBC", "CNN"] * 3
    assert out["period"].dt.day.tolist() == [1, 1, 2, 2, 3, 3]
    assert out.attrs["undated"] == 1
    total = timeline(frame, start="2020-03-31", end="2020-04-02")
    assert total["n"].tolist() == [0, 2, 0]


def test_periods_are_half_open_and_leave_outsiders_missing():
    labels = assign_periods(["1999-12-31", "2000-01-01", "2011-12-17", "2011-12-18", None],
                            {"Kim Jong Il era": ("2000-01-01", "2011-12-18"), "after": ("2011-12-18", None)})
    assert labels.tolist()[:4] == [pd.NA, "Kim Jong Il era", "Kim Jong Il era", "after"]
    assert labels.isna().tolist() == [True, False, False, False, True]
    with pytest.raises(ValueError, match="overlap"):
        assign_periods([], {"a": ("2000", "2002"), "b": ("2001", "2003")})


def test_shares_with_wilson_intervals():
    frame = pd.DataFrame({"period": ["a"] * 4 + ["b"] * 2, "x": [True, True, False, False, False, False]})
    out = actor_shares(frame, ["x"], by="period")
    assert out["n_naming"].tolist() == [2, 0] and out["n_items"].tolist() == [4, 2]
    # Wilson, 2 of 4, z = 1.96: centre 0.5, half-width 1.96/(1+3.8416/4)*sqrt(0.0625+0.0600) = 0.3506
    np.testing.assert_allclose(out.loc[0, ["share", "low", "high"]].astype(float), [0.5, 0.1500, 0.8500], atol=1e-3)
    assert out.loc[1, "share"] == 0 and out.loc[1, "low"] == 0


def test_actor_items_counts_title_and_body_with_the_items_date():
    corpus = pd.DataFrame({
        "title": ["Kim Jong Un reappears", "Weather", None],
        "text": ["The North Korean leader opened a factory. He smiled.", "Rain in Seoul.", "Kim Jong Il visited Moscow."],
        "date": ["2020-05-02", "2020-05-02", "2001-08-04"],
    })
    out = actor_items(corpus, "Kim Jong Un")
    assert out["n_title"].tolist() == [1, 0, 0]
    # "the North Korean leader" in 2020 is Kim Jong Un, and so is "He"; in 2001 Kim Jong Il is not him
    assert out["n_text"].tolist() == [2, 0, 0]
    assert out["names_actor"].tolist() == [True, False, False]
    assert out.index.equals(corpus.index)


def test_item_evidence_keeps_the_writers_markers_and_the_actors_labels():
    from analysis.coverage import item_evidence

    items = pd.DataFrame({
        "title": ["Dictator Kim Jong Un may be ill, officials said", ""],
        "text": ['Seoul said "he may be fine".', None],
        "date": ["2020-04-21", "2020-04-21"],
    })
    out = item_evidence(items, "Kim Jong Un")
    assert out.index.equals(items.index)
    # the writer's "may" counts; the "may" inside Seoul's quotation is Seoul's
    assert out.loc[0, "n_markers"] == 1 and out.loc[0, "markers"] == "hedge: may"
    assert "dictator" in out.loc[0, "labels"].lower()
    assert out.loc[0, "n_sources"] >= 1 and "officials" in out.loc[0, "sources"]
    assert out.loc[1].tolist() == [0, "", 0, "", 0, ""]


def test_actor_counts_resolve_titles_by_date_and_collect_labels():
    from analysis.coverage import actor_counts

    corpus = pd.DataFrame({
        "text": ["The North Korean leader met Putin.", "The North Korean leader met Putin.", ""],
        "date": ["2002-08-23", "2019-04-25", "2019-04-25"],
    }, index=[10, 11, 12])
    counts, labelled = actor_counts(corpus, ["Kim Jong Il", "Kim Jong Un"], with_labels=True)
    # the same words name Kim Jong Il in 2002 and Kim Jong Un in 2019
    assert counts["Kim Jong Il"].tolist() == [1, 0, 0] and counts["Kim Jong Un"].tolist() == [0, 1, 0]
    assert labelled["item"].tolist() == [10, 11]
    assert labelled["label"].str.lower().tolist() == ["north korean leader"] * 2
