# vsv-analysis: run `make help` for the targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
KERNEL := $(VENV)/share/jupyter/kernels/vsv-analysis/kernel.json
# make lab: the project's Jupyter configuration (report notebooks saved without outputs) beside the user's own
LAB_ENV := JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}"

.DEFAULT_GOAL := help
.PHONY: help setup report tables lab test lint validate benchmark clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

$(KERNEL): $(STAMP)
	$(BIN)/vsv-analysis kernel install

setup: $(STAMP) $(KERNEL) ## Create the local virtual environment in .venv, with the Jupyter kernel vsv-analysis

report: $(STAMP) ## Set up, then render every report from the built-in data into reports/<date>/ (and reports/latest)
	$(BIN)/vsv-analysis validate
	$(BIN)/vsv-analysis render --output-dir reports
	$(BIN)/vsv-analysis maps --output-dir reports/latest

tables: $(STAMP) ## Write every table into reports/tables/: one Dutch Excel workbook, and a plain CSV per table
	$(BIN)/vsv-analysis table all --labels nl --output reports/tables/vsv-tabellen.xlsx
	@for name in involvements initiatives municipalities centrality overlap coverage unreached co_involvement \
		groups specialisation; do \
		$(BIN)/vsv-analysis table $$name --output reports/tables/$$name.csv || exit 1; done

lab: $(KERNEL) ## Open the notebooks in JupyterLab (kernel vsv-analysis; report notebooks saved without outputs)
	@if [ "$$(id -u)" = 0 ]; then \
		echo "note: running as root (a container or CI machine?): JupyterLab refuses root unless told, so it is"; \
		echo "      started with --allow-root. As a normal user it is not needed."; fi
	$(LAB_ENV) $(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks \
		$$(if [ "$$(id -u)" = 0 ]; then echo --allow-root; fi)

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
