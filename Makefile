# vsv-analysis: run `make help` for the targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help setup report tables lab test lint validate benchmark clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

setup: $(STAMP) ## Create the local virtual environment in .venv (done by the other targets too)

report: $(STAMP) ## Set up, then render every report from the built-in data into reports/<date>/ (and reports/latest)
	$(BIN)/vsv-analysis validate
	$(BIN)/vsv-analysis render --output-dir reports
	$(BIN)/vsv-analysis maps --output-dir reports/latest

tables: $(STAMP) ## Write every table into reports/tables/: one Dutch Excel workbook, and a plain CSV per table
	$(BIN)/vsv-analysis table all --labels nl --output reports/tables/vsv-tabellen.xlsx
	@for name in involvements initiatives municipalities centrality overlap coverage unreached; do \
		$(BIN)/vsv-analysis table $$name --output reports/tables/$$name.csv || exit 1; done

lab: $(STAMP) ## Open the notebooks in JupyterLab with the project's environment
	$(BIN)/jupyter lab notebooks/

test: $(STAMP) ## Set up, then run the linter and the test suite
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: $(STAMP) ## Run the linter only
	$(BIN)/ruff check .

validate: $(STAMP) ## Check the data files in data/
	$(BIN)/vsv-analysis validate

benchmark: $(STAMP) ## Time the measures at national scale and the report suite (see benchmarks/README.md)
	$(BIN)/python benchmarks/bench_measures.py
	$(BIN)/python benchmarks/bench_render.py

clean: ## Remove the virtual environment and caches (data/ and reports/ are kept)
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
