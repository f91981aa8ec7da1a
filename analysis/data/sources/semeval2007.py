"""SemEval-2007 Task 14 "Affective Text": news headlines rated for valence and six emotions.

The trial set has 250 headlines (``affectivetext_trial.xml``), a valence in -100..100 per headline
(``.valence.gold``) and six emotion intensities in 0..100 (``.emotions.gold``: anger, disgust,
fear, joy, sadness, surprise), averaged over six annotators. The README says 0 means the emotion
is absent and 100 its maximum.

Reference: Strapparava, C. & Mihalcea, R. (2007). SemEval-2007 Task 14: Affective Text.
SemEval 2007.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from analysis.data.fetch import fetch_dataset
from analysis.data.sources import register

EMOTIONS = ("anger", "disgust", "fear", "joy", "sadness", "surprise")
_INSTANCE = re.compile(r'<instance id="(\d+)">(.*?)</instance>')


def _gold(path, names: tuple[str, ...]) -> pd.DataFrame:
    rows = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split()
        if len(fields) != len(names) + 1:
            raise ValueError(f"{path}:{line_no}: expected id and {len(names)} scores, got {line!r}")
        rows.append([int(f) for f in fields])
    return pd.DataFrame(rows, columns=["id", *names]).set_index("id")


@register("semeval2007-affective-trial", "semeval2007-affective-trial", kind="benchmark")
def load_trial(accept_licence: bool = False) -> pd.DataFrame:
    """SemEval-2007 Affective Text trial: 250 headlines, valence -100..100, six emotions 0..100."""
    paths = {url.rsplit("/", 1)[-1]: path for url, path in fetch_dataset("semeval2007-affective-trial").items()}
    xml = paths["affectivetext_trial.xml"].read_text(encoding="utf-8")
    text = pd.DataFrame(
        [(int(i), html.unescape(t).strip()) for i, t in _INSTANCE.findall(xml)], columns=["id", "text"]
    ).set_index("id")
    valence = _gold(paths["affectivetext_trial.valence.gold"], ("valence",))
    emotions = _gold(paths["affectivetext_trial.emotions.gold"], EMOTIONS)
    if not (text.index.equals(valence.index) and text.index.equals(emotions.index)):
        raise ValueError("headline ids differ between the xml and the gold files")
    frame = text.join(valence).join(emotions).reset_index()
    frame.insert(0, "doc_id", "semeval2007-trial-" + frame.pop("id").astype(str))
    return frame
