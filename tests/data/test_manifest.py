"""The committed manifest describes every dataset and pins every file."""

from __future__ import annotations

import re

import pytest

from analysis.data.manifest import UnknownDataset, source, sources


def test_every_dataset_is_described_with_licence_and_citation():
    known = sources()
    # the 27 datasets of the mirror's MANIFEST.tsv plus the committed seed article
    assert len(known) == 28
    for src in known.values():
        assert src.licence and src.citation and src.title, src.name
        for entry in src.files:
            assert re.fullmatch(r"[0-9a-f]{64}", entry.sha256)
            assert entry.url.startswith("https://") and entry.bytes >= 0
            if entry.bytes == 0:  # one PolNeAR article has an empty annotation file: sha256 of b""
                assert entry.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_file_counts_match_the_manifest():
    assert len(source("kremlin-korea").files) == 192
    assert len(source("kremlin-2019-2020").files) == 1184
    assert len(source("reuters-21578").files) == 22
    assert len(source("bbc-news-2005").files) == 2226  # 2,225 articles and a README
    assert source("seed").files == ()


def test_non_commercial_lexicons_are_opt_in():
    assert {n for n, s in sources().items() if s.opt_in} == {"lexicoder-lsd2015", "emfd", "nrc-emolex"}


def test_provenance_is_small_and_stable():
    prov = source("kcna-2024").provenance()
    assert prov["n_files"] == 1 and len(prov["sha256"]) == 64
    assert prov == source("kcna-2024").provenance()


def test_unknown_dataset_suggests():
    with pytest.raises(UnknownDataset, match="kcna-2024"):
        source("kcna2024")
