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
# # 3. Is the article unusual for news at all?
#
# Notebook 2 set the article beside the two state voices. Here the question is whether its
# tone, sourcing, hedging, frames and vocabulary are unusual for *news*. One comparator group
# per question, the same throughout: three general-news corpora, BBC News 2004–05, Reuters-21578
# (1987 newswire) and the news section of the Brown corpus (1961 US press), each in turn, every
# finding reported against all three. None is of the article's period or subject: the
# same-period comparison (Guardian, BBC and CNN items of April–May 2020) is notebook 5.
#
# Claims discipline: for a single document against a corpus, the notebook gives the article's
# count or rate and the **share of the corpus's documents reaching it** (with a Wilson
# interval), not a percentile. Each (measure, corpus) is a one-sided empirical test, p = (k+1) /
# (n+1) with k of n documents reaching the article's value, and all p-values are adjusted
# together (Benjamini–Hochberg), so the number of comparisons looked at is accounted for; the
# whole table is shown. Each finding names its instrument and whether its accuracy was measured
# on data it was not tuned on (notebook 4); otherwise it is **exploratory**. Hedging counts the
# writer's markers only: a marker inside a quotation belongs to the quoted source.
#
# All logic lives in `analysis` (mostly `analysis.compare`); this notebook only calls it.

# %% tags=["parameters"]
article_path = None  # None: the seed article committed under data/articles/
outlet = None  # None: looked up from the article's URL
corpora = ["bbc-news-2005", "reuters-21578", "brown-news"]  # news baselines (skipped if unavailable)
n_docs = 150  # documents per corpus for the distributions: a seeded random sample when larger
n_keyness_docs = 500  # documents per corpus for the keyness references (a larger seeded sample)
max_chars = 6000  # each document is read up to this many characters
seed = 0  # random seed of the samples and bootstraps
min_count = 3  # a term must occur this often in the article to be tested for keyness
n_keywords = 12  # keywords compared across references and tokenisers
alpha = 0.05  # false discovery rate at which an adjusted p-value is said to stand out
figures_dir = None  # where figures are saved; None: reports/figures/ (names carry the article's id)

# %%
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

import analysis
from analysis import compare, config, narrate, plots
from analysis.data import can_load
from analysis.framing.generic import FRAMES
from analysis.framing.hedging import hedging
from analysis.keywords import keyness
from analysis.tokenize import tokens

pd.set_option("display.max_colwidth", 80)
figures = Path(figures_dir) if figures_dir else None
article = analysis.read_article(article_path or config.seed_article_path(), outlet=outlet)
article_group = article.outlet or "article"

# Which documents of each corpus count as news items: BBC without its flagged duplicates,
# Reuters items with a body, every Brown news sample.
keep = {"bbc-news-2005": lambda d: d[~d["duplicate"]], "reuters-21578": lambda d: d[d["has_body"]]}
baselines = {}
for name in corpora:
    if not can_load(name):
        print(f"{name} is not available here (run `make data`): it is skipped.")
        continue
    frame = analysis.load(name)
    baselines[name] = keep.get(name, lambda d: d)(frame)
if not baselines:
    print("No news baseline is available: every comparison below is skipped.")

mine = pd.DataFrame({"doc_id": [article.doc_id], "text": [article.text], "date": [article.date]})
corpus = compare.stack_groups({article_group: mine, **baselines}, n=n_docs, seed=seed, max_chars=max_chars)
pd.DataFrame(corpus.attrs["groups"]).T.join(corpus.groupby("group").agg(truncated=("truncated", "sum")))

# %% [markdown]
# Each corpus is represented by a seeded random sample of `n_docs` documents (smaller corpora,
# such as Brown's 44 news samples, are kept whole), each read up to `max_chars` characters.
#
# ## The article's measures against each corpus
#
# Per document, from the package's one feature layer (`analysis.featurize`, one call over the
# article and every sampled document): the style and sourcing measures of notebook 2, the mean
# sentence tone under each sentence instrument, and the generic frame rule scores. For each
# measure and corpus: the article's
# value, the number `k` of the `n` sampled documents reaching it, that share with its Wilson 95 %
# interval, the empirical p-value and the p-value adjusted over the whole table
# (`compare.reaching_table`).

# %%
names = {"hedging_per_1000": "the writer's hedging markers per 1,000 words",
         "hedging_hedge_per_1000": "plain hedges per 1,000 words",
         "hedging_speculation_per_1000": "speculation markers per 1,000 words",
         "hedging_absence_uncertainty_of_evidence_per_1000": "absence-of-evidence markers per 1,000 words",
         "hedging_certainty_per_1000": "the writer's certainty markers per 1,000 words",
         "hedging_quoted_per_1000": "markers inside quotations per 1,000 words",
         "quoted_share": "the share of words in quotation", "mattr": "lexical diversity (MATTR)",
         "attributions_per_1000": "attributions per 1,000 words",
         "attributions_government_per_1000": "government attributions per 1,000 words",
         "attributions_state_media_per_1000": "state-media attributions per 1,000 words",
         "sentiment_news_lr_mean": "mean sentence tone (news-lr)", "sentiment_vader_mean": "mean sentence tone (VADER)",
         "sentiment_hu_liu_mean": "mean sentence tone (Hu & Liu)",
         "frame_conflict_score": "the conflict frame rule score",
         "frame_human_interest_score": "the human-interest frame rule score"}
table = reaching = None
if baselines:
    table = compare.document_features(corpus, columns=None, groups=["sentiment", "frames", "quotes",
                                                                    "attributions", "hedging"])
    target = table[table["group"] == article_group].iloc[0]
    news = table[table["group"] != article_group]
    measures = [m for m in compare.DOCUMENT_MEASURES if m != "n_words"]
    measures += [c for c in table.columns if c.startswith("sentiment_") and c.endswith("_mean")]
    measures += [f"frame_{f}_score" for f in FRAMES]
    reaching = compare.reaching_table(target, news, columns=measures)
    display(Markdown(compare.reaching_findings(reaching, names=names, alpha=alpha)))
    shown_table = reaching.assign(
        cell=lambda t: t["k"].astype("Int64").astype(str) + "/" + t["n"].astype(str) + " ("
        + (100 * t["share"]).round(0).astype("Int64").astype(str) + " %), p_adj "
        + t["p_adjusted"].round(2).astype(str))
    wide = shown_table.pivot(index="feature", columns="group", values="cell").loc[measures]
    wide.insert(0, "article", reaching.drop_duplicates("feature").set_index("feature")["value"].round(3))
    wide.insert(0, "accuracy", [compare.instrument_status(m) for m in wide.index])
    display(wide)
else:
    print("Skipped: no news baseline to compare with.")

# %% [markdown]
# Read a cell as "k of the n sampled documents reach the article's value (that share), and the
# p-value after adjustment over the whole table"; the accuracy column says on which data notebook
# 4 measures the instrument behind the row, or that the row is exploratory. A share near 100 % for a value of zero means
# "tied with most documents", not "typical in every respect". The test is one-sided upwards: an
# article *low* on a measure shows it as a high share, never as a small p-value.
#
# The article's own markers, with whose they are (the instrument's reading, not hand-checked):

# %%
display(Markdown(narrate.markers(hedging(article.text))))

# %%
shown = {"hedging_per_1000": "writer's hedging markers per 1,000 words", "quoted_share": "share of words in quotation",
         "attributions_per_1000": "attributions per 1,000 words", "mattr": "lexical diversity (MATTR)",
         "sentiment_news_lr_mean": "mean sentence tone (news-lr)", "frame_conflict_score": "conflict frame rule score"}
if table is not None:
    fig, axes = plt.subplots(3, 2, figsize=(11, 8.5), constrained_layout=True)
    for ax, (feature, label) in zip(axes.flat, shown.items()):
        plots.distribution_plot(news, feature, target=target[feature], ax=ax, xlabel=label,
                                target_label=article_group)
    fig.suptitle("The article (line) in each corpus's distribution", x=0.01, ha="left", fontweight="bold")
    plots.save(axes[0, 0], f"03_distributions_{article.doc_id}", folder=figures)
    plt.show()

# %% [markdown]
# ## Robustness 1: tone under other sentiment instruments
#
# The same reading of the article's mean sentence tone under each sentence instrument of
# `analysis.sentiment` (rows of the table above, adjusted with it; their validation is in
# notebook 4). A tone that is ordinary under every instrument does not depend on the choice of
# one; a lexicon does not see the evaluative choice of facts and epithets (notebooks 1 and 2).

# %%
if reaching is not None:
    tone_lines = [f"* **{names.get(f, f)}**: {compare.reaching_phrase(reaching, f)}. "
                  f"*Instrument: {compare.instrument_note(f)}.*"
                  for f in reaching["feature"].drop_duplicates() if f.startswith("sentiment_")]
    display(Markdown("\n".join(tone_lines)))
else:
    print("Skipped: no news baseline.")

# %% [markdown]
# ## Robustness 2 and 3: keywords against other references and with another tokeniser
#
# Keyness of the article (log-likelihood G², log-ratio and its conservative bound LRC; see
# notebook 1) against each news corpus as reference, read from a larger seeded sample of
# `n_keyness_docs` documents per corpus, once with Universal Dependencies tokens (the package
# default: "Russia's" is one token) and once with Penn Treebank tokens ("Russia" + "'s"). If the
# article's keywords are a property of the article, not of a reference or a tokeniser, the same
# terms should come out each time. Keyness is a statistic of word counts, not an instrument with
# an accuracy figure.

# %%
keyword_table = None
if baselines:
    references = compare.stack_groups(baselines, n=n_keyness_docs, seed=seed, max_chars=max_chars)
    runs = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the small-sample warning: said once below, not per run
        for style in ("ud", "ptb"):
            target_tokens = [tokens(article.text, style=style)]
            for name, part in references.groupby("group", sort=False):
                reference_tokens = [tokens(text, style=style) for text in part["text"]]
                runs[f"{name} ({style})"] = keyness(target_tokens, reference_tokens, min_target=min_count)
    print(f"Every run: a {runs[next(iter(runs))].attrs['target_tokens']:.0f}-token target; keyness warns "
          "about small samples, and the ranking by LRC accounts for it.")
    keyword_table = compare.keyword_ranks(runs, n=n_keywords)
    ax = plots.rank_plot(keyword_table, title="Rank of the article's keywords (LRC) by reference and tokeniser")
    plots.save(ax, f"03_keyword_robustness_{article.doc_id}", folder=figures)
    plt.show()
else:
    print("Skipped: no news baseline.")

# %%
if keyword_table is not None:
    overlap = compare.keyword_overlap(keyword_table)
    display(Markdown(compare.keyword_findings(keyword_table, overlap)))
    display(overlap[["run_a", "run_b", "n_a", "n_b", "shared", "jaccard", "only_a", "only_b"]].round(2))

# %% [markdown]
# With one tokeniser, the reference corpus should hardly change the list if the keywords belong
# to the article; between tokenisers, terms at the boundary move (UD keeps "Russia's" whole, PTB
# splits the possessive). A term's rank also moves with the reference's period (a 1961 or 1987
# reference wrote about its own present), so read the shared list, not single ranks.
#
# ## What this comparison can and cannot say
#
# * A single document is compared by its count or rate and the share of reference documents
#   reaching it; for counts of rare events (one speculation marker), most documents have none,
#   so one marker is already reached by few. The adjusted p-values account for how many
#   comparisons were looked at, not for instrument error.
# * The intervals cover the sampling of `n_docs` documents, not instrument error; the
#   instruments' own accuracy is in notebook 4, and measures without such a figure
#   (source typing, certainty markers, the responsibility frame, news-lr tone) are exploratory.
# * The baselines are English news of 1961, 1987 and 2004–05, not of 2020 nor about North
#   Korea (BBC 2004–05 hardly covers foreign affairs): "unusual for news" means unusual against
#   these. The same-period comparison is notebook 5.
