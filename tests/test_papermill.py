"""Notebook 1 runs under papermill on another article saved the way the seed article is.

The other article is a real document: the Kremlin's page on the Russian-North Korean talks of
25 April 2019 (``kremlin-60363``), written at test time in the seed file's layout (title, date
line, body paragraphs, "Original url:" block), so nothing third-party is committed.
"""

from __future__ import annotations

import json

import papermill

import analysis
from analysis import config

NOTEBOOK = config.PROJECT_DIR / "notebooks" / "01_article.ipynb"
DOC_ID = "kremlin-60363"  # "Russian-North Korean talks", 781 characters: quick to analyse


def save_like_seed(doc, path) -> None:
    """Write ``doc`` (a corpus row) as data/articles/*.txt files are laid out."""
    date = doc["date"].strftime("%B %d, %Y")  # "May 05, 2020", as in the seed
    path.write_text(f"{doc['title']}\n\n{date}\n\n{doc['text']}\n\nOriginal url:\n\n<{doc['url']}>\n",
                    encoding="utf-8")


def test_notebook_1_runs_on_another_article(require, tmp_path):
    require("kremlin-korea", "kremlin-2019-2020", "nltk-data")
    kremlin = analysis.load("kremlin").set_index("doc_id")
    doc = kremlin.loc[DOC_ID]
    article_path = tmp_path / "kremlin-2019-04-25-talks.txt"
    save_like_seed(doc, article_path)
    assert analysis.read_article(article_path).title == doc["title"]  # the layout parses as intended

    output = tmp_path / "01_article_kremlin.ipynb"
    papermill.execute_notebook(
        NOTEBOOK,
        output,
        parameters={"article_path": str(article_path), "outlet": "Kremlin"},
        kernel_name="python3",
        cwd=NOTEBOOK.parent,
        progress_bar=False,
    )

    cells = json.loads(output.read_text())["cells"]
    outputs = [o for c in cells if c["cell_type"] == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]
    shown = json.dumps(outputs)
    assert json.dumps(doc["title"])[1:-1] in shown
    assert "Putin Hands World War II Medal" not in shown  # the seed article was not read instead
