"""Framing instruments (the instruments layer): each returns its findings with the text spans
that support them; :func:`analysis.featurize` turns them into document features.

* :mod:`analysis.framing.quotes` — quotations, speakers, attributions (sources), their kinds;
* :mod:`analysis.framing.attributions` — the learned attribution-cue model behind ``attributions``;
* :mod:`analysis.framing.hedging` — hedging, speculation and certainty markers;
* :mod:`analysis.framing.actors` — actors through an alias table, coreference, epithets, roles;
* :mod:`analysis.framing.generic` — Semetko & Valkenburg's generic frames, plus resolution;
* :mod:`analysis.framing.policy` — the Media Frames Corpus policy frames (a trained classifier).
"""
