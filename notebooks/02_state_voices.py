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
# How does the article differ from the way the two governments themselves write, in English,
# about their relationship? The state voices are the Kremlin's news pages (en.kremlin.ru: every
# page of 2000–2020 that mentions Korea, and as a baseline the other pages of 2019–2020) and
# KCNA, North Korea's state agency, in its items published after the June 2024 Russia–DPRK
# Comprehensive Strategic Partnership treaty (its items on Russia, and as a baseline its other
# items). Neither is of the article's period: the same-period news comparison is notebook 5.
#
# One comparator group per question, the same throughout: **the article is compared with the
# Kremlin's Korea pages and KCNA's post-treaty items on Russia**, the two voices writing about
# the relationship. The baseline groups appear only in the keyness (one-vs-rest) and in the
# tables, to show what is specific to each voice's relationship pages; no finding about the
# article rests on them. The groups are disjoint. Each finding names its instrument and whether
# its accuracy was measured in notebook 4 on data it was not tuned on; otherwise it is
# **exploratory**. Prose that depends on the article or the data is written from the results.
# All logic lives in `analysis` (mostly `analysis.compare`); this notebook only calls it.

# %% tags=["parameters"]
article_path = None  # None: the seed article committed under data/articles/
outlet = None  # None: looked up from the article's URL
n_docs = 80  # documents per state-voice group: a simple random sample when a group is larger
max_chars = 5000  # each document is read up to this many characters (bounds the cost of transcripts)
seed = 0  # random seed of the samples and bootstraps
min_count = 3  # a term must occur this often in a group to be tested for keyness
n_boot = 2000  # bootstrap resamples for the group intervals
actors = ["Kim Jong Un", "Vladimir Putin"]  # actors whose labels are compared
tone_actors = ["Kim Jong Un", "Vladimir Putin", "Russia", "North Korea", "United States"]  # actors whose tone is shown
treaty_date = "2024-06-19"  # the Russia-DPRK Comprehensive Strategic Partnership treaty: KCNA items from then on
figures_dir = None  # where figures are saved; None: reports/figures/ (names carry the article's id)

# %%
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

import analysis
from analysis import compare, config, narrate, plots
from analysis.data import DataUnavailable, can_load
from analysis.keywords import compare as keyness_compare
from analysis.keywords import kwic

pd.set_option("display.max_colwidth", 90)
figures = Path(figures_dir) if figures_dir else None
article = analysis.read_article(article_path or config.seed_article_path(), outlet=outlet)
article_group = article.outlet or "article"

groups = {article_group: pd.DataFrame({"doc_id": [article.doc_id], "text": [article.text], "date": [article.date]})}
kremlin_korea = kcna_russia = None  # the two comparator groups, named from the data
if can_load("kremlin"):
    kremlin = analysis.load("kremlin")
    korea = kremlin[kremlin["korea"]]
    years = korea["date"].dt.year
    kremlin_korea = f"Kremlin: Korea {years.min()}-{years.max()}"
    groups[kremlin_korea] = korea
    groups["Kremlin: other 2019-20"] = kremlin[kremlin["in_2019_2020"] & ~kremlin["korea"]]
    print(f"Kremlin Korea pages: {len(korea)} from {years.min()} to {years.max()}; by year:",
          years.value_counts().sort_index().to_dict())
else:
    print("The Kremlin corpus is not available here (run `make data`): its groups are skipped.")
if can_load("kcna-2024"):
    kcna = analysis.load("kcna-2024")
    kcna = kcna[kcna["has_text"]]
    after = kcna["date"] >= pd.Timestamp(treaty_date)
    kcna_russia = "KCNA post-treaty: Russia"
    groups[kcna_russia] = kcna[after & kcna["about_russia"]]
    groups["KCNA post-treaty: other"] = kcna[after & ~kcna["about_russia"]]
    print(f"KCNA items with text: {len(kcna)} from {kcna['date'].min():%d %b %Y} to {kcna['date'].max():%d %b %Y}; "
          f"{int(after.sum())} published from the treaty ({treaty_date}) on are kept, {int((~after).sum())} "
          f"earlier ones ({int((~after & kcna['about_russia']).sum())} on Russia) are left out.")
else:
    print("The KCNA corpus is not available here (run `make data`): its groups are skipped.")
comparators = [g for g in (kremlin_korea, kcna_russia) if g]
if not comparators:
    print("No state voice is available: every comparison below is skipped.")

corpus = compare.stack_groups(groups, n=n_docs, seed=seed, max_chars=max_chars)
pd.DataFrame(corpus.attrs["groups"]).T.join(
    corpus.groupby("group").agg(truncated=("truncated", "sum"), characters_read=("text", lambda t: t.str.len().sum()),
                                first=("date", "min"), last=("date", "max"))
)

# %% [markdown]
# The table lists, per group, the documents available, the documents kept (a seeded random sample
# when there are more than `n_docs`), how many were cut at `max_chars`, the characters read and
# the dates covered. The Kremlin's "Korea" pages are every page that *mentions* Korea, DPRK,
# Pyongyang or Kim Jong: they include South Korea (meetings with Kim Dae-jung or Moon Jae-in), the
# Kim Jong Il years, and long transcripts that mention Korea once. Reading the first `max_chars`
# characters keeps a 30,000-word transcript from outweighing a 200-word telegram; the cost is that
# a transcript is represented by its opening.
#
# ## Vocabulary: what each voice uses more than the others
#
# Each group is compared with all the others pooled (one-vs-rest): the log-likelihood G² (Dunning
# 1993) with the effect size log-ratio (Hardie 2014) and its conservative bound LRC (Evert 2022),
# which is 0 when the interval, corrected for the number of terms tested, includes no
# difference. The bars show LRC; the labels give the raw counts (group / rest). Keyness is a
# statistic of word counts (no accuracy figure applies): it says which words differ, not why.

# %%
keys = None
if comparators:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        keys = keyness_compare(
            {g: part["text"] for g, part in corpus.groupby("group", sort=False)}, min_target=min_count
        )
    for w in caught:
        print("warning:", str(w.message)[:160])
    ax = plots.compare_plot(keys, n=8, title="Keywords of each voice against the other voices (LRC)")
    plots.save(ax, f"02_keyness_groups_{article.doc_id}", folder=figures)
    plt.show()
    display(Markdown(compare.keyness_findings(keys, article_group)))
    columns = ["term", "count_target", "count_reference", "g2", "log_ratio", "log_ratio_low", "log_ratio_high", "lrc"]
    display(keys[(keys["group"] == article_group) & (keys["direction"] == "target")].nlargest(10, "lrc")[columns].round(2))
else:
    print("Skipped: no state voice.")

# %% [markdown]
# A short article can only be tested on the words it repeats (`min_count`), so its keyness says
# little beyond its subject; the state voices' lists say more about them. Keyword-in-context lines
# show how the article and the two comparator groups write about Kim Jong Un:

# %%
relationship = corpus[corpus["group"].isin([article_group, *comparators])]
pd.concat({g: kwic(part, r"Kim Jong[ -]?un", regex=True, window=8).head(4)[["left", "keyword", "right"]]
           for g, part in relationship.groupby("group", sort=False)})

# %% [markdown]
# ## Who is mentioned: one set of mentions for labels and tone
#
# `analysis.framing.actors` finds the mentions (aliases, titles such as "the North Korean
# leader", surnames, pronouns) with the package's actor table, which holds the other Kims (Kim
# Jong Il, Kim Il Sung, Kim Yo Jong, Kim Dae-jung, ...), and resolves a surname or a role with
# each document's **date**: "the North Korean leader" on a Kremlin page of 2002 is Kim Jong Il.
# Labels and tone below are read from these same mentions (`compare.actor_labels` and
# `compare.actor_mention_tone` call the same `mentions` with the same table and dates;
# `analysis.sentiment.actor_sentiment` finds its mentions without dates, so it is not used
# here). The counts of each Kim per group show whom the resolution separated. *Instrument:
# analysis.framing.actors.mentions; its precision and recall on a hand-annotated Kremlin/KCNA sample are in
# notebook 4.*

# %%
try:
    scored = compare.actor_mention_tone(relationship)
except DataUnavailable as error:  # the target model reads the VADER and Hu & Liu lexicons
    print(f"The target model's data are not available here, so mentions are not scored and the tone is skipped: {error}")
    scored = pd.DataFrame(columns=["group", "doc_id", "actor", "label", "score"])
kims = scored[scored["actor"].astype(str).str.startswith("Kim ")]
kims.groupby(["group", "actor"]).size().unstack(fill_value=0) if len(kims) else print("No Kim is mentioned.")

# %% [markdown]
# ## Labels: how each voice names Kim Jong Un and Vladimir Putin
#
# `analysis.framing.actors.labels` finds the titles before a name ("North Korean leader Kim Jong
# Un"), descriptions used to refer to him ("the North Korean leader"), appositions and
# possessives ("his sanctioned regime"). *Instrument: analysis.framing.actors.labels; exploratory:
# no accuracy figure* (tagging errors show as odd labels, so read a label counted once or twice
# as an example, not a pattern).

# %%
labelled = compare.actor_labels(relationship, actors=actors)
label_table = compare.label_counts(labelled, top=3) if len(labelled) else labelled
display(label_table[label_table["kind"].isin(["title", "description", "apposition"])].set_index(["group", "actor", "kind"])
        if len(label_table) else "No label found.")
display(Markdown("\n".join(
    f"* **{g}**: " + " ".join(narrate.labels(labelled[labelled["group"] == g], a) for a in actors)
    for g in [article_group, *comparators])))

# %%
labelled[labelled["group"] == article_group][["actor", "kind", "label", "label_start", "label_end"]]

# %% [markdown]
# The contrast to look for is in the words, not in any score: the titles and appositions a state
# voice gives by protocol against the possessives a news report attaches to a leader (what is
# "his": a regime, a health, a stalemate, or a wisdom and a greeting).
#
# ## Tone towards the actors
#
# Each of the mentions above gets the NewsMTSC-trained target model's score (p(positive) −
# p(negative), in [−1, 1]; Hamborg & Donnay 2021), averaged per group (`compare.tone_summary`).
# Mentions in one text are not independent, so the 95 % interval is a cluster bootstrap that
# resamples documents; the article is one document and has none. *Instrument: the target model
# (analysis.sentiment.target_sentiment); its accuracy is measured on NewsMTSC dev in notebook 4,
# on named people in US news, not on pronouns, countries or state media.*

# %%
tone = compare.tone_summary(scored[scored["actor"].isin(tone_actors)], n_boot=n_boot, seed=seed)
if len(tone):
    fig, ax = plt.subplots(figsize=(7, 4.5))
    plots.interval_plot(tone.assign(row=tone["actor"] + " — " + tone["group"] + " (n=" + tone["n_mentions"].astype(str) + ")",
                                    low=tone["low"].fillna(tone["mean_score"]), high=tone["high"].fillna(tone["mean_score"])),
                        "row", estimate="mean_score", group="group", ax=ax,
                        title="Tone towards each actor, by voice", xlabel="mean target sentiment (−1 to 1)")
    ax.axvline(0, color="black", linewidth=0.8)
    plots.save(ax, f"02_actor_tone_{article.doc_id}", folder=figures)
    plt.show()
    display(Markdown(compare.tone_findings(tone, [article_group, *comparators], tone_actors)))
tone.round(3)

# %% [markdown]
# An actor with a few mentions in one document has no interval: the article's values are single
# readings. A tone near zero in the article beside clearly positive or negative state voices
# would mean that its framing is carried less by evaluative words around the names than by what
# it chooses to say about them (the labels above, the hedging below).
#
# ## Sourcing, hedging and style, per voice
#
# Per document: attributions per 1,000 words by source type, speech quotations, the share of words
# inside them, the writer's hedging markers (markers inside quotations are the quoted source's and
# counted apart), and lexical diversity (MATTR, window 100). Each group's value is the mean over its
# documents with a 95 % bootstrap interval over documents; the article is one document.

# %%
features = compare.document_features(corpus, groups=["quotes", "attributions", "hedging"])
summary = compare.group_summary(features, n_boot=n_boot, seed=seed)
shown = {"attributions_per_1000": "attributions per 1,000 words", "quoted_share": "share of words in quotation",
         "hedging_per_1000": "writer's hedging markers per 1,000 words", "mattr": "lexical diversity (MATTR)"}
fig, axes = plt.subplots(2, 2, figsize=(11, 6), constrained_layout=True)
for ax, (feature, label) in zip(axes.flat, shown.items()):
    plots.interval_plot(summary[summary["feature"] == feature], "group", estimate="mean", ax=ax, xlabel=label)
fig.suptitle("Sourcing, quotation, hedging and diversity by voice (mean, 95% bootstrap CI)", x=0.01, ha="left",
             fontweight="bold")
plots.save(axes[0, 0], f"02_sourcing_style_{article.doc_id}", folder=figures)
if article_path is None and comparators:  # the seed article's figure is also the README's, kept in git under docs/
    plots.save(axes[0, 0], "02_sourcing_style", folder=config.PROJECT_DIR / "docs")
plt.show()
details = {**shown, "hedging_speculation_per_1000": "speculation markers per 1,000 words",
           "hedging_absence_uncertainty_of_evidence_per_1000": "absence-of-evidence markers per 1,000 words",
           "hedging_certainty_per_1000": "the writer's certainty markers per 1,000 words",
           "hedging_quoted_per_1000": "markers inside quotations per 1,000 words"}
display(Markdown(compare.contrast_findings(summary, article_group, comparators, details)))
summary[summary["feature"].isin(shown)].set_index(["feature", "group"])[["n", "mean", "low", "high"]].round(3)

# %%
by_type = summary.pivot(index="group", columns="feature", values="mean").reindex(list(groups)).dropna(how="all").reset_index()
types = [f"attributions_{t.replace(' ', '_')}_per_1000" for t in compare.SOURCE_TYPES]
ax = plots.stacked_plot(by_type, "group", types, names=list(compare.SOURCE_TYPES),
                        title="Attributions by source type (mean per 1,000 words)", xlabel="per 1,000 words")
plots.save(ax, f"02_source_types_{article.doc_id}", folder=figures)
plt.show()
categories = [c for c in by_type.columns if c.startswith("hedging_") and c != "hedging_per_1000"]
by_type.set_index("group")[types + ["attributions_anonymous_per_1000", "quotes_direct_per_1000",
                                    "quotes_partial_per_1000", *categories]].round(2).T

# %% [markdown]
# *Instruments:* quotations and attributions, `analysis.framing.quotes` (measured on PolNeAR dev,
# notebook 4); the split by source type is exploratory (its lists know ministries and named
# officials, not "the spokesman" or "the delegation", so most state-voice sources fall under
# "other"); hedging, `analysis.framing.hedging` (its markers' uncertainty detection is measured on
# CoNLL-2010 Wikipedia; certainty markers are exploratory). The article's rates rest on a few
# events: one marker in a 300-word text is about 3 per 1,000 words.
#
# The absence and speculation markers of the two comparator groups, in context, with whose they
# are (a false positive such as "Unknown" in "the Tomb of the Unknown Soldier" shows the limits
# of a lexicon):

# %%
from analysis.framing.hedging import hedging

examples = []
for row in relationship[relationship["group"] != article_group].itertuples():
    for marker in hedging(row.text).itertuples():
        if marker.category in ("speculation", "absence/uncertainty of evidence"):
            examples.append({"group": row.group, "category": marker.category, "marker": marker.marker,
                             "whose": marker.whose,
                             "context": row.text[max(marker.start - 45, 0): marker.end + 40].replace("\n", " ")})
pd.DataFrame(examples).groupby("group").head(4) if examples else print("No such marker in the comparator groups.")

# %% [markdown]
# ## Generic frames
#
# Semetko & Valkenburg's (2000) indicator questions, answered by sentence rules, plus
# Frermann et al.'s (2023) resolution frame: a frame's score is the share of its questions
# answered yes. *Instrument: analysis.framing.generic rules, measured on Narrative Frames dev
# (climate news) in notebook 4, where the rules alone score well below the calibrated model; the
# responsibility frame has no such figure (exploratory).* Read the comparison as how often the
# same rules fire, not as validated frames.

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
plots.save(axes[0, 0], f"02_generic_frames_{article.doc_id}", folder=figures)
plt.show()
display(Markdown(compare.contrast_findings(frame_summary, article_group, comparators,
                                           {f"{f}_score": f"{f.replace('_', ' ')} frame score" for f in FRAMES})))
frame_summary.pivot(index="group", columns="feature", values="mean").round(2)

# %% [markdown]
# A frame score of one short text moves in steps of one question (0.25 or 0.33), so read the
# pattern across frames, not single values.
#
# ## What this comparison can and cannot say
#
# * The groups are samples (`n_docs` per group, seed `seed`) of documents cut at `max_chars`;
#   another seed moves the group means within their intervals, which cover document sampling
#   only, not instrument error.
# * Every instrument is rule-based or trained on other news; each finding above names its
#   instrument, and those without an accuracy figure on data they were not tuned on (labels,
#   source typing, certainty markers, the responsibility frame) are exploratory.
# * The article is one text: its values are counts of a few events, its keyness can only test
#   words it repeats, and it has no interval of its own.
# * The state voices differ in period (Kremlin Korea pages 2000–2020, KCNA items after the June
#   2024 treaty) and genre (transcripts, telegrams, commentaries): compare the voices' habits, not
#   their news of the same day; the same-period news comparison is notebook 5.
