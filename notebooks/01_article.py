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
# # 1. The article
#
# *The Moscow Times*, 5 May 2020: "Putin Hands World War II Medal to North Korea's Kim Jong Un".
# This notebook reads the article as it was scraped, separates the body from everything around
# it (photo caption and credit, a "Related article" link, the original URL), and splits the body
# into sentences and tokens with character offsets, so every later figure can point back to the
# exact words it rests on.
#
# All logic lives in the `analysis` package; this notebook only calls it. To run it on another
# article saved the same way, change the parameters below (or use papermill:
# `papermill 01_article.ipynb out.ipynb -p article_path path/to/article.txt`).

# %% tags=["parameters"]
article_path = None  # None: the seed article committed under data/articles/
outlet = None  # None: looked up from the article's URL
reference_corpora = ["bbc-news-2005", "brown-news"]  # general-news references, first available used
min_count = 3  # a term must occur at least this often in the article to be tested for keyness

# %%
import pandas as pd

import analysis
from analysis import config

article = analysis.read_article(article_path or config.seed_article_path(), outlet=outlet)
pd.Series(
    {
        "title": article.title,
        "date": article.date,
        "outlet": article.outlet,
        "url": article.url,
        "photo caption": article.caption,
        "photo credit": article.credit,
        "related article (navigation)": "; ".join(article.related),
    }
).to_frame("value")

# %% [markdown]
# ## What counts as the article's text
#
# The caption repeats a sentence of the body ("made his first public appearance in three weeks
# ... his sanctioned regime"); it is metadata here, so the body counts that framing once, where the
# journalist placed it. The scraper also broke a paragraph inside the medal's quoted name; the
# parser rejoins it.

# %%
paragraphs = pd.DataFrame({"paragraph": article.paragraphs})
paragraphs.index.name = "paragraph_no"
paragraphs.style.set_properties(**{"text-align": "left", "white-space": "normal"})

# %% [markdown]
# ## Sentences and tokens
#
# The sentence splitter is paragraph-aware (headlines and captions end without a period) and keeps
# an ellipsis inside a quotation inside its sentence. Each sentence is a span of character offsets
# into the body, so it can be highlighted in place.

# %%
spans = analysis.sentence_spans(article.text)
sentence_table = pd.DataFrame(
    {
        "start": [s.start for s in spans],
        "end": [s.end for s in spans],
        "sentence": [article.text[s.start : s.end] for s in spans],
        "tokens": [len(analysis.tokens(article.text[s.start : s.end])) for s in spans],
    }
)
sentence_table.index.name = "sentence_no"
print(f"{len(spans)} sentences, {sentence_table['tokens'].sum()} tokens in {len(article.paragraphs)} paragraphs")
sentence_table.style.set_properties(subset=["sentence"], **{"text-align": "left", "white-space": "normal"})

# %% [markdown]
# ## Sources and quotations
#
# Who does the article let speak, and how? `quotes` finds every quotation and classifies it as
# direct speech, a partial quote embedded in the writer's sentence, or a quoted name that is not
# speech at all; `attributions` finds who the information is attributed to, and what kind of
# source that is. Each row carries the character offsets of its evidence.

# %%
from analysis.framing.hedging import hedging, hedging_summary
from analysis.framing.quotes import attributions, quotes

quote_table = quotes(article.text)
quote_table[["kind", "quote", "speaker", "verb", "start", "end"]]

# %%
attribution_table = attributions(article.text)
attribution_table[["source", "cue", "named", "source_type", "via", "sentence"]]

# %% [markdown]
# In the seed, all sourcing is official or state media: the embassy (three times: its statement,
# its Facebook page, its quoted words) and TASS. No independent, North Korean or anonymous source
# appears. Only one quotation is speech (the embassy's cooperation language); the award citation
# is a partial quote the writer embeds, and the medal's name is a name. The rules behind these
# labels are documented in `analysis.framing.quotes`; they are heuristics, not a trained model,
# and have no benchmark in the mirror, so read the table as evidence to check, not as a measurement.
#
# ## Hedging, speculation and (un)certainty
#
# The article's own framing shows most in its epistemic markers: where it speculates, where it
# notes what was *not* seen. Markers inside a quotation belong to the quoted source, not the writer.

# %%
hedging(article.text)

# %%
hedging_summary(article.text)

# %% [markdown]
# ## Vocabulary: what is unusual for news?
#
# Keyness compares the article's word frequencies with a reference corpus of general news: the
# log-likelihood G² (Dunning 1993) tests whether a difference is more than chance, and the
# log-ratio (Hardie 2014) says how large it is, with a 95% interval; LRC is the conservative
# end of that interval, corrected for the number of words tested. One short article against a
# corpus is a small-sample problem: the table shows the raw counts, terms need at least
# `min_count` occurrences in the article, and the package warns that the sample is small.

# %%
import warnings

from IPython.display import display

from analysis import plots
from analysis.data import can_load
from analysis.keyness import frequencies, keyness, kwic

reference_name = next((n for n in reference_corpora if can_load(n)), None)
if reference_name is None:
    print(f"None of {reference_corpora} is available here: keyness is skipped "
          "(run `make data` with network access, or set ANALYSIS_MIRROR).")
else:
    reference = analysis.load(reference_name)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        keys = keyness(article.text, frequencies(reference["text"]), min_target=min_count)
    for w in caught:
        print("warning:", w.message)
    print(f"article: {keys.attrs['target_tokens']:,.0f} tokens; "
          f"{reference_name}: {keys.attrs['reference_tokens']:,.0f} tokens")
    ax = plots.keyness_plot(keys, n=12, title=f"Keywords of the article against {reference_name}")
    plots.save(ax, f"01_keyness_{reference_name}")
    display_columns = ["term", "count_target", "count_reference", "g2", "p_bh", "log_ratio",
                       "log_ratio_low", "log_ratio_high", "lrc"]
    display(keys[keys["direction"] == "target"].nlargest(12, "lrc")[display_columns].round(3))

# %% [markdown]
# The article's key vocabulary is its cast (Kim, Jong, Putin, Korean, North, Russia's) and its
# object (Soviet soldiers, the medal), not evaluative words: at this sample size only words that
# occur several times can be key at all, so the evaluative framing ("sanctioned regime",
# "speculation") is better read from the epithets and hedging tables above than from keyness.
# Keyword-in-context lines show how a key word is used:

# %%
kwic(article.text, "Kim", window=6)[["left", "keyword", "right"]]

# %% [markdown]
# ## Which comparison corpora are available here
#
# The state voices and news baselines are fetched from their public URLs (or a local mirror) and
# checked against their sha256. Where a corpus is missing, the notebooks say so and carry on
# with what is there.

# %%
analysis.available()[["name", "kind", "local", "opt_in", "licence"]]
