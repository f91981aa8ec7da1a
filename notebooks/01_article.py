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
# ## Which comparison corpora are available here
#
# The state voices and news baselines are fetched from their public URLs (or a local mirror) and
# checked against their sha256. Where a corpus is missing, the notebooks say so and carry on
# with what is there.

# %%
analysis.available()[["name", "kind", "local", "opt_in", "licence"]]
