# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 5. The same weeks, and the same relationship over twenty years
#
# Framing is a choice among what else could have been said, so the fairest comparison for an
# article is other coverage of the same weeks. This notebook puts the article's headline and
# lead beside every item of the Guardian, BBC and CNN RSS feeds of April and May 2020 that names
# its main actor, and then follows how the Kremlin's English news pages named and labelled the
# leaders of North Korea from 2000 to 2020, split by period, so that pages of the Kim Jong Il
# years are not read as comments on Kim Jong Un.
#
# The instruments are the package's own (actor finder, hedging, attributions, labels); their
# accuracy on data they were not tuned on is in notebook 4. RSS items are a headline and a
# one- or two-sentence summary, not the whole story: counts here describe headlines and leads.

# %% tags=["parameters"]
article_path = None  # None: the seed article committed under data/articles/
outlet = None  # None: looked up from the article's URL
actor = None  # None: the person the article names most often
same_period_corpus = "rss-news-2020-04-05"  # dated news items of the article's weeks
state_corpus = "kremlin"  # dated pages of a government's own voice
state_filter = "korea"  # boolean column selecting the pages on the relationship (None: all)
leaders = ["Kim Il Sung", "Kim Jong Il", "Kim Jong Un"]  # actors followed over time in the state corpus
periods = {  # half-open date ranges [start, end) for the state corpus
    "2000-2011 (Kim Jong Il)": ("2000-01-01", "2011-12-17"),
    "2011-2017 (Kim Jong Un, before the summits)": ("2011-12-17", "2018-01-01"),
    "2018-2020 (summits and after)": ("2018-01-01", "2021-01-01"),
}

# %%
import pandas as pd
from IPython.display import display

import analysis
from analysis import config, coverage, plots, stats
from analysis.data import can_load
from analysis.framing.actors import mentions

article = analysis.read_article(article_path or config.seed_article_path(), outlet=outlet)
cast = mentions(article.text, date=article.date, discover=True)
people = cast[cast["actor_type"] == "person"]
if actor is None:
    actor = people["actor"].value_counts().index[0] if len(people) else None
lead = article.paragraphs[0] if article.paragraphs else ""
print(f"{article.title} ({article.outlet}, {article.date}); main actor: {actor}")
headline = pd.DataFrame({"title": [article.title], "text": [lead], "date": [article.date]})
own = coverage.item_evidence(headline, actor) if actor else None
own

# %% [markdown]
# ## The same weeks: every feed item that names the actor
#
# Each item's headline and summary go through the actor finder with the item's date (so "the
# North Korean leader" resolves to whoever led the country then). The bars count items per day
# and outlet; the dashed line is the article's publication date.

# %%
same = None
if actor is None:
    print("The article names no person: there is no actor to follow.")
elif not can_load(same_period_corpus):
    print(f"{same_period_corpus} is not available here (python -m analysis.data fetch): section skipped.")
else:
    feed = analysis.load(same_period_corpus)
    found = coverage.actor_items(feed, actor)
    same = found[found["names_actor"]].sort_values("date")
    counts = coverage.timeline(same, by="outlet", start=feed["date"].min(), end=feed["date"].max())
    events = pd.DataFrame({"date": [article.date], "label": [f"{article.outlet or 'article'}"]})
    ax = plots.timeline_plot(counts, by="outlet", events=events,
                             title=f"Feed items naming {actor}, per day ({same_period_corpus})")
    plots.save(ax, f"05_timeline_{article.doc_id}")
    print(f"{len(same)} of {len(feed):,} items name {actor}: "
          + ", ".join(f"{o} {n}" for o, n in same.groupby("outlet").size().items()))

# %% [markdown]
# What each of those items says, read by the same instruments as the article's own headline
# and lead (top of the notebook): the writer's epistemic markers (markers inside a quotation
# belong to its speaker and are not counted), the sources cited, and the labels attached to the
# actor.

# %%
evidence = None
if same is not None and len(same):
    evidence = pd.concat([same[["date", "outlet", "title"]], coverage.item_evidence(same, actor)], axis=1)
    display(evidence.style.set_properties(subset=["title", "markers", "sources", "labels"],
                                          **{"text-align": "left", "white-space": "normal"}))

# %% [markdown]
# ## The article against its weeks, as counts
#
# One article is one document: it is shown as its count, next to how many of the same-period
# items reach that count (a share with a Wilson interval), not as a percentile with an
# interval of its own.

# %%
if evidence is not None and own is not None:
    rows = []
    for column, meaning in [("n_markers", "writer's epistemic markers"), ("n_sources", "attributions"),
                            ("n_labels", f"labels attached to {actor}")]:
        share = stats.share_reaching(own[column].iloc[0], evidence[column])
        rows.append({"measure": meaning, "article (headline + lead)": int(own[column].iloc[0]),
                     "items reaching it": f"{share[0]:.0%} [{share[1]:.0%}, {share[2]:.0%}]",
                     "items": len(evidence)})
    comparison = pd.DataFrame(rows)
    display(comparison)

# %% [markdown]
# ## The Kremlin's pages on the relationship, 2000 to 2020
#
# The Kremlin's English news pages that mention Korea run from 2000 to 2020. Read together they
# would mix three different North Korean leaderships; split by period, they show whom the
# Kremlin's pages name and how. Each page is read with its own date, so "the leader" of 2002 is
# Kim Jong Il.

# %%
state = None
if not can_load(state_corpus):
    print(f"{state_corpus} is not available here (python -m analysis.data fetch): section skipped.")
else:
    state = analysis.load(state_corpus)
    if state_filter:
        state = state[state[state_filter]]
    state, state_labels = coverage.actor_counts(state, leaders, with_labels=True)
    state["year"] = pd.to_datetime(state["date"]).dt.year
    state["period"] = coverage.assign_periods(state["date"], periods)
    for name in leaders:
        state[f"names {name}"] = state[name] > 0
    yearly = state.groupby("year")[[f"names {n}" for n in leaders]].sum().astype(int)
    yearly.insert(0, "pages", state.groupby("year").size())
    display(yearly)

# %%
if state is not None:
    per_year = (state.melt(id_vars=["year"], value_vars=leaders, var_name="leader", value_name="n")
                .groupby(["year", "leader"], as_index=False)["n"].sum()
                .rename(columns={"year": "period"}))
    per_year["period"] = pd.to_datetime(per_year["period"].astype(str) + "-01-01")
    ax = plots.timeline_plot(per_year, by="leader", ylabel="mentions",
                             title=f"Mentions of North Korea's leaders in {state_corpus} pages, per year")
    ax.set_xlim(pd.Timestamp("1999-07-01"), pd.Timestamp("2021-07-01"))
    plots.save(ax, "05_state_leaders_by_year")

# %% [markdown]
# Which labels the pages attach to each leader, by period (titles, appositions, possessives, as
# found by `analysis.framing.actors.labels`):

# %%
if state is not None:
    labelled = state_labels.join(state["period"], on="item")
    top = (labelled.assign(label=labelled["label"].str.lower())
           .groupby(["period", "actor", "label"]).size().rename("n").reset_index()
           .sort_values(["period", "actor", "n"], ascending=[True, True, False])
           .groupby(["period", "actor"]).head(5))
    shares = coverage.actor_shares(state, [f"names {n}" for n in leaders], by="period")
    display(shares.round(3))
    display(top)
