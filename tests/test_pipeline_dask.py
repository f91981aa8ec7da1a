"""featurize on a Dask DataFrame: same numbers as pandas, on a small distributed LocalCluster."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.pipeline import featurize

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

TEXTS = [
    'The embassy said "We are pleased." Officials reportedly doubt it.',
    None,
    "",
    "Putin met Kim Jong Un. He said the talks may fail, according to TASS.",
    "Zero\u200bwidth and emoji \U0001f600 text.",  # (no bytes: dd.from_pandas converts object columns to str)
    "Workers fear job losses as the government raises taxes.",
    "It was a great, terrible war.",
]


def test_dask_gives_the_pandas_numbers_on_a_local_cluster():
    df = pd.DataFrame({"text": TEXTS, "outlet": list("abcdefg")}, index=range(100, 107))
    expected = featurize(df)
    ddf = dd.from_pandas(df, npartitions=3)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        with distributed.Client(cluster):
            lazy = featurize(ddf)
            assert isinstance(lazy, dd.DataFrame) and lazy.npartitions == 3
            pd.testing.assert_frame_equal(lazy._meta, expected.iloc[:0])
            got = lazy.compute()
    pd.testing.assert_frame_equal(got, expected, check_like=False, check_flags=False)


def test_dask_errors_are_raised_before_computing():
    ddf = dd.from_pandas(pd.DataFrame({"body": ["a"]}), npartitions=1)
    with pytest.raises(KeyError, match="no text column 'text'"):
        featurize(ddf)
