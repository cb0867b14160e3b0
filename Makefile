# make demo: set up .venv, run form8k on the shipped examples, store them in demo.duckdb for the viewer.
# make test: set up .venv and run the whole test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	@for f in examples/*; do $(BIN)/form8k parse "$$f" || exit 1; echo; done
	$(BIN)/form8k ingest examples --db demo.duckdb --no-progress
	@echo
	@echo "Browse the demo corpus:  $(BIN)/form8k serve --db demo.duckdb"
	@echo "then open:               http://127.0.0.1:8008/"

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
