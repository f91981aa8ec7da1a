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
# By default the study's subject, *The Moscow Times* of 5 May 2020 ("Putin Hands World War II Medal
# to North Korea's Kim Jong Un"); the parameters point it at any article. This notebook reads the
# article as it was scraped, separates the body from everything around
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
focus_actors = None  # actors whose labels are shown; None: the four the article names most
min_count = 3  # a term must occur at least this often in the article to be tested for keyness
figures_dir = None  # where figures are saved; None: reports/figures/ (names carry the article's id)

# %%
from pathlib import Path

import pandas as pd
from IPython.display import Markdown, display

import analysis
from analysis import config, narrate, plots

figures = Path(figures_dir) if figures_dir else None
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
# A photo caption, its credit and "Related article" lines are metadata here, kept apart from the
# body, so that a sentence the caption repeats is counted once, where the journalist placed it;
# a paragraph broken inside a quotation is rejoined (`analysis.read_article`).

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
# In this article, by the instruments above:

# %%
display(Markdown(narrate.sourcing(attribution_table, quote_table)))

# %% [markdown]
# Who is let speak, and whether the sources are official, independent or anonymous, is the
# sourcing side of framing. The quotation and attribution instruments are measured on PolNeAR,
# hand-annotated US election news (notebook 4 gives their precision and recall: about one speech
# quotation in six gets a wrong or no speaker there); read the table as evidence to check against
# the text, each row with its offsets.
#
# ## Hedging, speculation and (un)certainty
#
# The article's own framing shows most in its epistemic markers: where it speculates, where it
# notes what was *not* seen. Markers inside a quotation belong to the quoted source, not the writer.

# %%
hedging(article.text)

# %%
display(Markdown(narrate.markers(hedging(article.text))))
hedging_summary(article.text)

# %% [markdown]
# ## Actors, the labels attached to them, and their roles
#
# Actors are found through an extendable alias table (`analysis.framing.actors.DEFAULT_ACTORS`),
# with titles resolved by the nearest full name and the article's date ("the North Korean leader"
# of 2002 is not the leader of 2020), a surname after a full name, and "he/his" after a named
# person; names the table does not know are discovered as proper names (`discover=True`). For each mention, `labels` collects titles, appositions and possessives
# ("his sanctioned regime"), and `roles` says whether the actor acts (agent) or is acted upon
# (patient), from part-of-speech patterns (an averaged-perceptron tagger trained at build time on
# the UD EWT and Penn Treebank samples; its held-out accuracy is in notebook 4).

# %%
from analysis.framing.actors import labels, mentions, roles

mention_table = mentions(article.text, date=article.date, discover=True)
if focus_actors is None:  # the table's actors first, then names the finder discovered
    ranked = mention_table.assign(known=mention_table["found"] != "discovered")
    ranked = ranked.groupby("actor").agg(known=("known", "max"), n=("actor", "size"))
    focus_actors = ranked.sort_values(["known", "n"], ascending=False).index[:4].tolist()
print("actors shown:", ", ".join(focus_actors))
mention_table.groupby("actor")["found"].value_counts().unstack(fill_value=0)

# %%
label_table = labels(article.text, date=article.date, discover=True)
display(Markdown("\n\n".join(narrate.labels(label_table, a) for a in focus_actors)))
label_table[label_table["actor"].isin(focus_actors)][["actor", "kind", "label", "surface", "sentence"]]

# %%
role_table = roles(article.text, date=article.date, discover=True)
role_table[role_table["role"] != "other"][["actor", "role", "verb", "via", "surface", "sentence"]]

# %% [markdown]
# Labels are where framing is most explicit: a title ("leader") is neutral, a possessive or an
# apposition ("his sanctioned regime") chooses what to tie an actor to. Roles say who acts and
# who is acted upon. Both are rule-based readings of a tagged sentence, not a parser (the actor
# finder's precision and recall and the tagger's accuracy are in notebook 4): check them against
# the sentence numbers before quoting them.
#
# ## Tone, sentence by sentence
#
# Dictionary sentiment is scored per sentence (VADER, Hutto & Gilbert 2014, the package's default
# sentence instrument after validation on news headlines, notebook 4) and then aggregated, because
# scored as one block a whole article saturates. The band is the document mean with a bootstrap
# 95% interval over sentences.

# %%
from analysis.sentiment import arc, score_documents

tone_arc = arc(article.text)
document_tone = score_documents(pd.DataFrame({"doc_id": [article.doc_id], "text": [article.text]})).iloc[0]
ax = plots.arc_plot(tone_arc, document_tone, title="Tone of the article, sentence by sentence (VADER)")
plots.save(ax, f"01_tone_arc_{article.doc_id}", folder=figures)
display(Markdown(narrate.tone(tone_arc, document_tone)))
tone_arc[["sentence", "score", "text"]].style.format({"score": "{:+.3f}"}).set_properties(
    subset=["text"], **{"text-align": "left", "white-space": "normal"})

# %% [markdown]
# A dictionary scores words, not stances: a sentence reporting deaths reads negative, and a quoted
# statement carries its speaker's tone, not the writer's. This is the known weakness of
# dictionaries on news (van Atteveldt et al. 2021): read the arc together with the quote table,
# and see the actor-level tone in notebook 2.
#
# ## Generic frames, with their evidence
#
# Semetko & Valkenburg's (2000) frames are operationalised as their yes/no indicator questions,
# each answered by a documented rule (`analysis.framing.generic.QUESTIONS`), and every "yes" points
# at the words that triggered it. A calibrated model (logistic regression per frame over the rule
# answers, keyword rates and topic-free word rates, trained on the Narrative Frames Corpus with
# every setting chosen by cross-validation on its training fold; Frermann et al. 2023) turns them
# into a probability and a yes/no at a threshold chosen the same way. Its macro-F1 on the corpus's
# dev fold, never used to choose anything, is in notebook 4 (mean 0.66 over five frames; conflict
# 0.67, above a keyword list's 0.61): read a "yes" as a lead, and check its evidence.

# %%
from analysis.framing.generic import CALIBRATED_FRAMES, generic_frame_evidence, generic_frames

frames = generic_frames([article.text])
thresholds = frames.attrs["model_thresholds"]
display(Markdown(narrate.frames(frames.iloc[0], article.text, thresholds)))
pd.DataFrame({
    "rule score (share of questions yes)": [frames.loc[0, f"{f}_score"] for f in CALIBRATED_FRAMES],
    "probability": [frames.loc[0, f"{f}_probability"] for f in CALIBRATED_FRAMES],
    "threshold": [thresholds[f] for f in CALIBRATED_FRAMES],
    "frame": [bool(frames.loc[0, f"{f}_calibrated"]) for f in CALIBRATED_FRAMES],
}, index=list(CALIBRATED_FRAMES)).round(3)

# %%
generic_frame_evidence([article.text])[["frame", "indicator", "sentence", "text"]]

# %% [markdown]
# The rules say where a frame's vocabulary appears; the calibrated model says whether an annotator
# would likely have coded the frame, given how such vocabulary is spread over whole articles. A
# single cue word ("sanctioned") can answer a rule question without making the article a conflict
# story, which is why findings rest on the calibrated decision, not on the rule score.
#
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

from analysis.data import can_load
from analysis.keywords import frequencies, keyness, kwic

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
    plots.save(ax, f"01_keyness_{reference_name}_{article.doc_id}", folder=figures)
    display_columns = ["term", "count_target", "count_reference", "g2", "p_bh", "log_ratio",
                       "log_ratio_low", "log_ratio_high", "lrc"]
    display(keys[keys["direction"] == "target"].nlargest(12, "lrc")[display_columns].round(3))

# %% [markdown]
# At this sample size only words that occur several times can be key at all, so a short article's
# keywords are mostly its cast and its subject; evaluative framing is better read from the labels
# and hedging tables above than from keyness. Keyword-in-context lines show how the article
# names its most frequent actor:

# %%
named = mention_table[(mention_table["actor"] == focus_actors[0]) & ~mention_table["found"].str.contains("pronoun")]
node = named["surface"].value_counts().index[0] if len(named) else None  # its most frequent name form
kwic(article.text, node, window=6)[["left", "keyword", "right"]] if node else None

# %% [markdown]
# ## Which comparison corpora are available here
#
# The state voices and news baselines are fetched from their public URLs (or a local mirror) and
# checked against their sha256. Where a corpus is missing, the notebooks say so and carry on
# with what is there.

# %%
analysis.available()[["name", "kind", "local", "opt_in", "licence"]]
