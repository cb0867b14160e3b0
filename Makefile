# make demo: set up .venv with form8k alone, store the shipped examples in form8k.duckdb, print the headline card of
#            each, report on them, say how to browse them.
# make test: add the dev tools (pytest, ruff, mypy, playwright) to .venv and run the whole test suite.
# make bench: install the bench extra (edgartools) and time parse and ingest (by hand; slow).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.program-stamp
DEV_STAMP := $(VENV)/.dev-stamp

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# the program and what it needs to run, nothing else
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $(STAMP)

# the program with its dev tools
$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(DEV_STAMP)

# the database every command uses unless --db or FORM8K_DB names another; ingest skips what it already holds
DEMO_DB := form8k.duckdb

demo: $(STAMP)
	$(BIN)/form8k ingest examples --db $(DEMO_DB) --no-progress
	@echo; echo "The headline card of each example release (the period reported, against the year before):"
	@$(BIN)/form8k facts --headline --db $(DEMO_DB)
	@echo; echo "Filings, facts and failed checks:"
	@$(BIN)/form8k sql "SELECT company, date_of_report, status, n_items AS items, n_tables AS tables, \
		n_facts AS facts, n_checks_failed AS failed_checks FROM filings ORDER BY date_of_report" --db $(DEMO_DB)
	@echo; echo "Failed checks by rule:"
	@$(BIN)/form8k sql "SELECT rule, count(*) AS failed FROM checks WHERE status = 'fail' GROUP BY rule \
		ORDER BY failed DESC" --db $(DEMO_DB)
	@echo; echo "A sample time series: quarterly revenues and net income of every company:"
	@$(BIN)/form8k sql "SELECT company, period_end, \
		max(value) FILTER (WHERE concept = 'Revenues') AS revenues, \
		max(value) FILTER (WHERE concept = 'NetIncomeLoss') AS net_income \
		FROM fact_series WHERE period_months = 3 GROUP BY company, period_end \
		HAVING revenues IS NOT NULL ORDER BY company, period_end" --db $(DEMO_DB)
	@echo; echo "Try: $(BIN)/form8k facts --company apple --concept revenue"
	@echo "     $(BIN)/form8k parse examples/adobe_2023-03-15_8-K_earnings.txt   (its headline card first)"
	@echo; echo "Browse them in the viewer: $(BIN)/form8k serve"
	@echo "                     then open http://127.0.0.1:8008/"

test: $(DEV_STAMP)
	$(BIN)/python -m pytest

bench: $(DEV_STAMP)
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	$(BIN)/python bench/throughput.py

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
