"""SemEval-2023 Task 3, subtask 2 (framing): English training articles with their frames.

433 articles (``article<ID>.txt``: the title on the first line, a blank line, then the body) and
``train-labels-subtask-2.txt`` (``<ID><TAB><frame>,<frame>,...``). The frames are the 14 of the
Media Frames Corpus (Card et al. 2015, after Boydstun et al.'s Policy Frames Codebook); an
article has one or more. Spellings are the labels file's own (checked against :data:`FRAMES`:
an unknown frame is an error, not a new column).

Rows: ``doc_id`` (the article ID, a string), ``outlet`` ("SemEval-2023 T3": the task does not
say which outlet), ``date`` (NaT: not given), ``title``, ``text`` (the body), ``frames`` (list,
in the labels file's order), one boolean column per frame, ``label_status``: ``"ok"``,
``"no_label"`` (an article without a label line: frame columns all False, ``frames`` empty) or
``"no_article"`` (a label line without an article: title and text empty). Nothing is dropped;
on the mirrored data every article has exactly one label line. ``title_separated`` is False
for the 3 files without a blank line after the title (see :func:`parse_article`).
``text_group`` is the first ``doc_id`` (in ID order) with the same title and text: two IDs
(698092698 and 999000878) hold the same article with different frames, so cross-validation
should split by ``text_group`` (e.g. ``GroupKFold``) to keep copies on one side.

Reference: Piskorski, J., Stefanovitch, N., Da San Martino, G. & Nakov, P. (2023). SemEval-2023
Task 3: Detecting the category, the framing, and the persuasion techniques in online news in a
multi-lingual setup. SemEval 2023. Frames: Card, D., Boydstun, A. E., Gross, J. H., Resnik, P.
& Smith, N. A. (2015). The Media Frames Corpus. ACL 2015.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.data.fetch import fetch_dataset
from analysis.data.sources import register

DATASET = "semeval2023-t3-frames-en"
OUTLET = "SemEval-2023 T3"

#: The 14 Media Frames Corpus frames, spelled as in the task's labels file.
FRAMES = (
    "Economic",
    "Capacity_and_resources",
    "Morality",
    "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence",
    "Policy_prescription_and_evaluation",
    "Crime_and_punishment",
    "Security_and_defense",
    "Health_and_safety",
    "Quality_of_life",
    "Cultural_identity",
    "Public_opinion",
    "Political",
    "External_regulation_and_reputation",
)

_ARTICLE = re.compile(r"article(\d+)\.txt$")


def parse_article(text: str) -> tuple[str, str, bool]:
    """(title, body, separated) of an article file: first line, blank line, body.

    Where the second line is not blank (3 files: hard-wrapped text whose first line runs on
    into the body), ``separated`` is False, the first line is still the title and the body is
    the whole file, so no text is lost.
    """
    lines = text.replace("\r\n", "\n").split("\n")
    separated = len(lines) > 1 and not lines[1].strip()
    body = "\n".join(lines[1:] if separated else lines)
    return lines[0].strip(), body.strip(), separated


def parse_labels(text: str) -> dict[str, list[str]]:
    """``{article ID: [frames]}`` from the labels file; unknown frames or repeated IDs raise."""
    labels: dict[str, list[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        doc_id, _, field = line.partition("\t")
        frames = [f.strip() for f in field.split(",") if f.strip()]
        unknown = sorted(set(frames) - set(FRAMES))
        if unknown:
            raise ValueError(f"labels line {number}: unknown frame(s) {unknown}; expected {FRAMES}")
        if doc_id.strip() in labels:
            raise ValueError(f"labels line {number}: article {doc_id!r} is labelled twice")
        labels[doc_id.strip()] = frames
    return labels


@register(DATASET, kind="benchmark")
def load_semeval2023_frames(accept_licence: bool = False) -> pd.DataFrame:
    """SemEval-2023 Task 3 subtask 2, English train: 433 articles, 14 MFC frames (multi-label)."""
    articles: dict[str, tuple[str, str, bool]] = {}
    labels: dict[str, list[str]] = {}
    for url, path in fetch_dataset(DATASET, accept_licence).items():
        name = Path(url).name
        if match := _ARTICLE.match(name):
            articles[match.group(1)] = parse_article(path.read_text(encoding="utf-8"))
        elif name == "train-labels-subtask-2.txt":
            labels = parse_labels(path.read_text(encoding="utf-8"))
        else:
            raise ValueError(f"{DATASET}: unexpected file {url}")
    rows = []
    for doc_id in sorted(set(articles) | set(labels), key=int):
        title, text, separated = articles.get(doc_id, ("", "", False))
        frames = labels.get(doc_id, [])
        status = "ok" if doc_id in articles and doc_id in labels else (
            "no_label" if doc_id in articles else "no_article"
        )
        rows.append(
            {
                "doc_id": doc_id,
                "title": title,
                "text": text,
                "frames": frames,
                "label_status": status,
                "title_separated": separated,
            }
        )
    frame = pd.DataFrame(rows)
    frame.insert(1, "outlet", OUTLET)
    frame.insert(2, "date", pd.NaT)
    for name in FRAMES:
        frame[name] = frame["frames"].map(lambda fs, name=name: name in fs)
    same_text = frame.groupby(["title", "text"])["doc_id"].transform("first")
    frame["text_group"] = same_text.where(frame["label_status"] != "no_article", frame["doc_id"])
    frame.attrs["frames"] = list(FRAMES)
    return frame
