# One command to run the explorer, one to run the tests; each sets up what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
AXE_VERSION := 4.14.1
ADDRESS ?= 127.0.0.1

.PHONY: run serve test lint bench check

run: $(VENV)/.run-deps  ## Start the explorer on the article's graph (http://localhost:8501; ADDRESS=0.0.0.0 to let others on the network in)
	mkdir -p static  # served by Streamlit; the graph view copies vis-network into it when it first draws
	$(BIN)/python -m streamlit run app.py --server.address $(ADDRESS)

serve: $(VENV)/.run-deps  ## For a class: one process per core behind HAProxy (apt-get install haproxy) on http://localhost:8501
	$(BIN)/python -m deploy.serve start

test: $(VENV)/.dev-deps  ## Run every test, browser tests included (they need Debian's chromium)
	# Unit and app tests on one process per core (pytest-xdist; each has its own PostgreSQL database, see conftest.py).
	$(BIN)/python -m pytest -n auto --ignore=tests/browser
	# Browser tests one at a time: each drives Chromium against a Streamlit server, which already use both cores.
	$(BIN)/python -m pytest tests/browser

lint: $(VENV)/.dev-deps node_modules/.installed  ## ruff (rules, formatting), mypy, the library's examples, eslint: as CI checks them
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -q -p no:cacheprovider --doctest-modules graph --ignore=graph/classroom/migrations $(addprefix --deselect ,$(EXAMPLES_TO_FIX))
	node_modules/.bin/eslint explorer/components

# Docstring examples that do not run as written yet (issue 14, item 8); each is checked again once it
# is removed from this list. None today.
EXAMPLES_TO_FIX :=

bench: $(VENV)/.dev-deps  ## Measure speed and memory against naive pyvis
	$(BIN)/python -m bench

check: $(VENV)/.run-deps  ## Validate data/edges.csv
	$(BIN)/python -m graph check data/edges.csv

# The package is installed editable (pyproject.toml): graph, explorer and deploy import from
# anywhere, and `kg` (python -m graph) is on the venv's path.
# eslint and its recommended rules, pinned in package.json (package-lock.json), from the npm registry.
node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

$(VENV)/.run-deps: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -r requirements.txt
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	$(BIN)/python -m pip install -q -e .
	# axe-core, the accessibility checker the browser tests run in each page (from the npm registry, pinned)
	npm install --silent --no-audit --no-fund --prefix $(VENV)/npm axe-core@$(AXE_VERSION)
	touch $@ $(VENV)/.run-deps
