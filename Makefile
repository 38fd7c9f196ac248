# vsv-analysis: run `make help` for the targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help setup report test lint validate clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

setup: $(STAMP) ## Create the local virtual environment in .venv (done by the other targets too)

report: $(STAMP) ## Set up, then build every report from the built-in data into reports/
	$(BIN)/vsv-analysis validate
	@mkdir -p reports/tables
	$(BIN)/vsv-analysis table involvements --output reports/tables/involvements.csv
	$(BIN)/vsv-analysis table initiatives --output reports/tables/initiatives.csv
	$(BIN)/vsv-analysis table municipalities --output reports/tables/municipalities.csv

test: $(STAMP) ## Set up, then run the linter and the test suite
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: $(STAMP) ## Run the linter only
	$(BIN)/ruff check .

validate: $(STAMP) ## Check the data files in data/
	$(BIN)/vsv-analysis validate

clean: ## Remove the virtual environment and caches (data/ and reports/ are kept)
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
