# libya-conflict — every target sets up what it needs by itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SAMPLE := data/sample/acled_libya_sample.csv data/sample/ucdp_ged_libya_sample.csv

.PHONY: setup test lint bench briefing clean-sample sample lab plotlyjs help

help:
	@echo "make setup     create .venv and install the package with its test tools"
	@echo "make test      run the whole test suite"
	@echo "make briefing  clean the sample, then build the default briefings into reports/"
	@echo "make lint      ruff, and the import contracts (import-linter)"
	@echo "make bench     benchmarks (figures go in docs/benchmarks.md)"
	@echo "make lab       JupyterLab on notebooks/ with the project's kernel"
	@echo "make plotlyjs  rebuild the partial plotly.js bundle (after upgrading plotly; needs npm)"

$(STAMP): pyproject.toml scripts/setup.sh
	PYTHON=$(PYTHON) bash scripts/setup.sh
	touch $(STAMP)

setup: $(STAMP)

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports

bench: setup
	$(BIN)/python benchmarks/bench_clean.py
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_fetch.py

clean-sample: setup
	$(BIN)/libya-conflict clean $(SAMPLE) --out data/processed/sample_events.parquet

briefing: clean-sample
	$(BIN)/libya-conflict schedule config/briefings.yaml

sample: setup
	$(BIN)/libya-conflict sample --out data/sample

plotlyjs: setup
	PY=$(BIN)/python bash scripts/build_plotlyjs.sh

# JupyterLab for analysts: the lab extra, and the venv's Python registered as the notebooks'
# kernel (python3) so a notebook opened by hand runs on the sample with its defaults.
# JupyterLab refuses to run as root without --allow-root, and root is who runs it in most
# containers: given only then. LAB_ARGS adds options, e.g. in a container
#   make lab LAB_ARGS="--ip=0.0.0.0 --no-browser"     (and docker run -p 8888:8888 ...)
LAB_ARGS ?=
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
lab: setup
	$(BIN)/python -c "import jupyterlab" 2>/dev/null || $(BIN)/python -m pip install --quiet -e '.[lab]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (libya-conflict)"
	$(BIN)/jupyter lab --notebook-dir=notebooks $(LAB_ROOT) $(LAB_ARGS)
