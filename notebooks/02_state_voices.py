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
# # 2. The article against the two state voices
#
# How does *The Moscow Times*' report differ from the way the two governments themselves write, in
# English, about their relationship? The state voices are the Kremlin's news pages
# (en.kremlin.ru: every page that mentions Korea, and as a same-period baseline the other pages of
# 2019–2020) and KCNA, North Korea's state agency (its items on Russia, and as a baseline its other
# items of Dec 2023 – Nov 2024). Four comparisons: vocabulary (keyness), the labels attached to
# Kim Jong Un and Vladimir Putin, the tone towards them, and sourcing, hedging and generic frames.
#
# The groups are disjoint: a Korea page of 2019–2020 counts as a Korea page, not in the baseline;
# a KCNA item on Russia not in KCNA's baseline. All logic lives in `analysis` (mostly
# `analysis.compare`); this notebook only calls it.

# %% tags=["parameters"]
article_path = None  # None: the seed article committed under data/articles/
outlet = None  # None: looked up from the article's URL
n_docs = 80  # documents per state-voice group: a simple random sample when a group is larger
max_chars = 5000  # each document is read up to this many characters (bounds the cost of transcripts)
seed = 0  # random seed of the samples and bootstraps
min_count = 3  # a term must occur this often in a group to be tested for keyness
n_boot = 2000  # bootstrap resamples for the group intervals
actors = ["Kim Jong Un", "Vladimir Putin"]  # actors whose labels are compared

# %%
import warnings

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

import analysis
from analysis import compare, config, plots
from analysis.data import can_load
from analysis.keyness import compare as keyness_compare
from analysis.keyness import kwic

pd.set_option("display.max_colwidth", 90)
article = analysis.read_article(article_path or config.seed_article_path(), outlet=outlet)
article_group = article.outlet or "article"

groups = {article_group: article.text}
if can_load("kremlin"):
    kremlin = analysis.load("kremlin")
    groups["Kremlin: Korea"] = kremlin[kremlin["korea"]]
    groups["Kremlin: 2019-20 other"] = kremlin[kremlin["in_2019_2020"] & ~kremlin["korea"]]
else:
    print("The Kremlin corpus is not available here (run `make data`): its groups are skipped.")
if can_load("kcna-2024"):
    kcna = analysis.load("kcna-2024")
    groups["KCNA: Russia"] = kcna[kcna["about_russia"] & kcna["has_text"]]
    groups["KCNA: other"] = kcna[~kcna["about_russia"] & kcna["has_text"]]
else:
    print("The KCNA corpus is not available here (run `make data`): its groups are skipped.")

corpus = compare.stack_groups(groups, n=n_docs, seed=seed, max_chars=max_chars)
pd.DataFrame(corpus.attrs["groups"]).T.join(
    corpus.groupby("group").agg(truncated=("truncated", "sum"), characters_read=("text", lambda t: t.str.len().sum()))
)

# %% [markdown]
# The table lists, per group, the documents available, the documents kept (a seeded random sample
# when there are more than `n_docs`), how many were cut at `max_chars` and the characters read.
# The Kremlin's "Korea" pages are every page that *mentions* Korea, DPRK, Pyongyang or Kim Jong:
# they include South Korea (meetings with Moon Jae-in) and long transcripts (press conferences,
# summits) that mention Korea once. Reading the first `max_chars` characters of each page keeps a
# 30,000-word transcript from outweighing a 200-word telegram; the cost is that a transcript is
# represented by its opening. KCNA items are short and almost never cut.
#
# ## Vocabulary: what each voice uses more than the others
#
# Each group is compared with all the others pooled (one-vs-rest): the log-likelihood G² (Dunning
# 1993) with the effect size log-ratio (Hardie 2014) and its conservative bound LRC (Evert 2022),
# which is 0 when the interval, corrected for the number of terms tested, includes no
# difference. The bars show LRC; the labels give the raw counts (group / rest).

# %%
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    keys = keyness_compare(
        {g: part["text"] for g, part in corpus.groupby("group", sort=False)}, min_target=min_count
    )
for w in caught:
    print("warning:", str(w.message)[:160])
ax = plots.compare_plot(keys, n=8, title="Keywords of each voice against the other voices (LRC)")
plots.save(ax, "02_keyness_groups")
top = compare.keyword_ranks({g: part for g, part in keys.groupby("group", sort=False)}, n=12)
top.groupby("run", sort=False)["term"].agg(", ".join).to_frame("top keywords by LRC").join(
    pd.DataFrame(keys.attrs["groups"]).T)

# %%
columns = ["term", "count_target", "count_reference", "g2", "log_ratio", "log_ratio_low", "log_ratio_high", "lrc"]
mine = keys[(keys["group"] == article_group) & (keys["direction"] == "target")]
mine.nlargest(10, "lrc")[columns].round(2)

# %% [markdown]
# Against the state voices pooled, five of the article's words have an LRC above zero, and they
# are its story: "Soviet", "soldiers", "victory" (the medal, for the Soviet soldiers buried in
# North Korea), "North" — and "his", the possessive that carries its epithets ("his sanctioned
# regime", "his health", "his nuclear stalemate"; see the labels below). "Kim", "Korean",
# "Putin" are more frequent in the article too (log-ratio 1.9–3.0), but with three to six
# occurrences their corrected interval reaches zero. With 306 tokens only words used three or more
# times can be tested (19 terms), so keyness cannot say more about the article than that. The state
# voices' keywords say more about them: the Kremlin's "Korea" pages are about energy, talks and
# sport ("athletes", "Paralympic") as much as Korea, in the first person ("we"); KCNA's Russia
# items are about the U.S., NATO, "confrontation" and the "puppet" Zelenskiy, its other items about
# provinces, houses, coal and the revolution. Keyword-in-context lines show how the three write
# about Kim himself:

# %%
relationship = corpus[corpus["group"].isin([article_group, "Kremlin: Korea", "KCNA: Russia"])]
pd.concat({g: kwic(part, r"Kim Jong[ -]?un", regex=True, window=8).head(4)[["left", "keyword", "right"]]
           for g, part in relationship.groupby("group", sort=False)})

# %% [markdown]
# ## Labels: how each voice names Kim Jong Un and Vladimir Putin
#
# `analysis.framing.actors.labels` finds the titles before a name ("North Korean leader Kim Jong
# Un"), descriptions used to refer to him ("the North Korean leader"), appositions and possessives
# ("his sanctioned regime"). The actor table is extended with the other Kims of these corpora, so
# "Kim" in "Kim Dae-jung" or "Kim Tok Hun" is not read as Kim Jong Un. Labels are read in the
# paragraphs that mention an actor, in the sampled documents (see `compare.actor_labels`).

# %%
from analysis.framing.actors import DEFAULT_ACTORS, ActorTable

table = ActorTable(DEFAULT_ACTORS)
for name, variants in {
    "Kim Dae-jung": ["Kim Dae Jung", "Kim Dae-Jung"], "Kim Tok Hun": [], "Kim Jong Gyu": [],
    "Kim Song Il": [], "Kim Yong Chol": [], "Kim Hwa Sik": [], "Kim Myong Chol": [],
    "Kim Jong Suk": [], "Kim Kyong Ryol": [], "Kim Yong Nam": ["Kim Yong-nam"],
}.items():
    table.add(name, variants, type="person")
labelled = compare.actor_labels(relationship, actors=actors, table=table)
label_table = compare.label_counts(labelled, top=3)
label_table[label_table["kind"].isin(["title", "description", "apposition"])].set_index(["group", "actor", "kind"])

# %%
mine_labels = labelled[labelled["group"] == article_group]
mine_labels[["actor", "kind", "label", "label_start", "label_end"]]

# %% [markdown]
# The contrast is in the words, not in any score. KCNA calls Kim "Comrade" (42 times in 35 of the
# sampled items, from "respected Comrade Kim Jong Un") and "General Secretary", gives him "president
# of the State Affairs of the DPRK" as apposition, and his possessions are praise ("his brilliant
# wisdom", "his energetic work", "his beloved daughter"); Putin is "President". The Kremlin calls
# Putin "Mr", "President", "the Russian President", and Kim "Chairman", "State Affairs Commission
# Chairman" or "the North Korean leader": the protocol voice of meetings. The article uses the
# neutral descriptions too ("North Korean leader", "Russian President"); its framing is in the
# possessives listed in full above: "his health", "his first public appearance", "his sanctioned
# regime", "his nuclear stalemate", beside the award's own "his great personal contribution"
# (quoted from the embassy). Tagging errors show in the state voices' rows: a "title" like "HE",
# "V." or "APEC summit", or "good evening" as an apposition, is a mistagged neighbour of the name,
# so read labels counted once or twice as examples, not as patterns.
#
# ## Tone towards the actors
#
# Actor-level sentiment: each mention of an actor gets the NewsMTSC-trained target model's
# score (p(positive) − p(negative), in [−1, 1]; Hamborg & Donnay 2021), averaged per group.
# Mentions are found as in the labels above (aliases, titles, surnames, pronouns). Mentions in
# one text are not independent, so the 95 % interval is a cluster bootstrap that resamples
# documents; the article is one document and has none. The model's own accuracy is in notebook 04.

# %%
from analysis import sentiment

tone = sentiment.actor_sentiment(relationship, by="group", n_boot=n_boot)
tone = tone[tone["actor"].isin(["Kim Jong Un", "Vladimir Putin", "Russia", "North Korea", "United States"])]
fig, ax = plt.subplots(figsize=(7, 4.5))
plots.interval_plot(tone.assign(row=tone["actor"] + " — " + tone["group"] + " (n=" + tone["n_mentions"].astype(str) + ")"),
                    "row", estimate="mean_score", low="mean_low", high="mean_high", group="group", ax=ax,
                    title="Tone towards each actor, by voice", xlabel="mean target sentiment (−1 to 1)")
ax.axvline(0, color="black", linewidth=0.8)
plots.save(ax, "02_actor_tone")
tone.round(3)

# %% [markdown]
# KCNA writes about Kim Jong Un (mean +0.54 [0.44, 0.62] over 152 mentions in 52 items, 79 %
# labelled positive) and Putin (+0.52 [0.34, 0.60], 23 mentions) with the clearest positive tone,
# and about the United States with the clearest negative one (−0.32 [−0.41, −0.24], 189
# mentions). The Kremlin's pages are mildly positive about Russia (+0.26 [0.21, 0.30]) and Putin
# (+0.23 [0.18, 0.28]) and neutral about North Korea (−0.01 [−0.09, 0.06]) and Kim (+0.09
# [−0.07, 0.31], 21 mentions in 10 pages). In the article each actor has one to fifteen mentions
# in one document, so it has no interval, and its tone towards every actor is within about 0.2 of
# neutral (Kim −0.05, Putin −0.06, Russia +0.17). That itself is the finding at
# this level: the article's framing is not carried by evaluative words around the names, but by
# what it chooses to say about them (the possessives above, the hedging below).
#
# ## Sourcing, hedging and style, per voice
#
# Per document: attributions per 1,000 words by source type, speech quotations, the share of words
# inside them, hedging markers, and lexical diversity (MATTR, window 100: a type-token ratio that
# does not fall with length). Each group's value is the mean over its documents with a 95 %
# bootstrap interval over documents; the article is one document, so it has no interval.

# %%
features = compare.document_features(corpus)
summary = compare.group_summary(features, n_boot=n_boot, seed=seed)
shown = {"attributions_per_1000": "attributions per 1,000 words", "quoted_share": "share of words in quotation",
         "hedging_per_1000": "hedging markers per 1,000 words", "mattr": "lexical diversity (MATTR)"}
fig, axes = plt.subplots(2, 2, figsize=(11, 6), constrained_layout=True)
for ax, (feature, label) in zip(axes.flat, shown.items()):
    plots.interval_plot(summary[summary["feature"] == feature], "group", estimate="mean", ax=ax, xlabel=label)
fig.suptitle("Sourcing, quotation, hedging and diversity by voice (mean, 95% bootstrap CI)", x=0.01, ha="left",
             fontweight="bold")
plots.save(axes[0, 0], "02_sourcing_style")
if article_path is None:  # the seed article's figure is also the README's, kept in git under docs/
    plots.save(axes[0, 0], "02_sourcing_style", folder=config.PROJECT_DIR / "docs")
summary[summary["feature"].isin(shown)].set_index(["feature", "group"])[["n", "mean", "low", "high"]].round(3)

# %%
by_type = summary.pivot(index="group", columns="feature", values="mean").reset_index()
types = [f"attributions_{t.replace(' ', '_')}_per_1000" for t in compare.SOURCE_TYPES]
ax = plots.stacked_plot(by_type, "group", types, names=list(compare.SOURCE_TYPES),
                        title="Attributions by source type (mean per 1,000 words)", xlabel="per 1,000 words")
plots.save(ax, "02_source_types")
categories = [c for c in by_type.columns if c.startswith("hedging_") and c != "hedging_per_1000"]
by_type.set_index("group")[types + ["attributions_anonymous_per_1000", "quotes_direct_per_1000",
                                    "quotes_partial_per_1000", *categories]].round(2).T

# %% [markdown]
# The article attributes about twice as often per word as the Kremlin's Korea pages and four
# times as often as KCNA (13.1 per 1,000 words against 2.8–6.7), all to government and state media
# (the embassy, TASS). The rule-based source typing files most state-voice sources under "other"
# (its lists know ministries and named officials, not "the spokesman" or "the delegation"), so
# the split by type is rough. KCNA almost never quotes speech (under 1 % of words in quotation);
# the Kremlin's pages quote more (6–15 %), mostly transcribed speech. The article's hedging rate
# (three markers in 306 words: "intense speculation", "no sighting", and one "certainty" marker)
# is about three times the Kremlin's mean (3.4) and thirteen times KCNA's other items (0.8); its
# speculation and absence-of-evidence markers have almost no counterpart in the state voices,
# which assert where the article doubts. One marker more or less moves the article's rate by 3.3
# per 1,000, so read its value as a count of three. Its lexical diversity (MATTR 0.78) is above
# every group's interval (0.67–0.73): a short report repeats fewer formulas than protocol pages.
#
# The few absence and uncertainty markers in the state voices, in context. Most Kremlin ones
# are spoken (transcripts); "Unknown" in "the Tomb of the Unknown Soldier" is a false positive of
# the lexicon:

# %%
from analysis.framing.hedging import hedging

examples = []
for row in relationship[relationship["group"] != article_group].itertuples():
    for marker in hedging(row.text).itertuples():
        if marker.category in ("speculation", "absence/uncertainty of evidence"):
            examples.append({"group": row.group, "category": marker.category, "marker": marker.marker,
                             "context": row.text[max(marker.start - 45, 0): marker.end + 40].replace("\n", " ")})
pd.DataFrame(examples).groupby("group").head(4)

# %% [markdown]
# ## Generic frames
#
# Semetko & Valkenburg's (2000) indicator questions, answered by sentence rules, plus
# Frermann et al.'s (2023) resolution frame: a frame's score is the share of its questions
# answered yes. The rules have no measured accuracy on these corpora (see notebook 04), so the
# comparison is of how often the same rules fire, not of validated frames.

# %%
from analysis.framing.generic import FRAMES, generic_frames

frames = generic_frames(corpus["text"].tolist())
frame_scores = pd.concat([corpus[["group", "doc_id"]], frames[[f"{f}_score" for f in FRAMES]]], axis=1)
frame_summary = compare.group_summary(frame_scores, n_boot=n_boot, seed=seed)
fig, axes = plt.subplots(2, 3, figsize=(12, 5.5), constrained_layout=True, sharey=True)
for ax, frame in zip(axes.flat, FRAMES):
    plots.interval_plot(frame_summary[frame_summary["feature"] == f"{frame}_score"], "group", estimate="mean",
                        ax=ax, xlabel=frame.replace("_", " "))
fig.suptitle("Generic frame scores by voice (mean, 95% bootstrap CI)", x=0.01, ha="left", fontweight="bold")
plots.save(axes[0, 0], "02_generic_frames")
frame_summary.pivot(index="group", columns="feature", values="mean").round(2)

# %% [markdown]
# The article answers two conflict questions (score 0.50) and one human-interest question (0.25),
# and none of the economic, morality, responsibility or resolution questions. No state-voice
# group averages above 0.16 on any frame: the Kremlin's pages lean economic (0.14–0.16) and
# responsibility/resolution (about 0.09), KCNA's Russia items lean conflict (0.12). The scores are
# coarse for one short text (0.25 is one question answered yes) and the rules are unvalidated, so
# the robust reading is the pattern, not the values: the article frames the medal as part of a
# conflict story with a human angle; the state voices rarely trigger any frame question at all.
#
# ## What this comparison can and cannot say
#
# * The groups are samples (`n_docs` per group, seed `seed`) of documents cut at `max_chars`;
#   another seed moves the group means within their intervals, which cover document sampling
#   only, not instrument error.
# * Every instrument is rule-based or trained on other news (quotes, attributions, hedging,
#   labels, frames) and has its own caveats in its docstring; the sentiment and frame
#   benchmarks are in notebook 04.
# * The article is one text of 306 words: its values are counts of a few events, its keyness
#   can only test words it repeats, and it has no interval of its own.
# * The state voices differ in period (Kremlin 2000–2020, KCNA 2023–2024) and genre (transcripts,
#   telegrams, commentaries): compare the voices' habits, not their news of the same day.
