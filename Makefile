# papergraph: two commands on a fresh machine.
#   make build   create .venv if needed, install papergraph, build bib/ and graphs/
#   make test    install test tools and system packages (LaTeX, Chromium), run the suite
#   make docs    build the documentation site (docs/, mkdocs.yml) into site/
# With no network, `make build` uses the data the package ships; with network access
# (and an optional S2_API_KEY) the same command fills its cache from Semantic Scholar
# and dblp first. BUILD_FLAGS=--offline never opens a socket.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
BUILD_FLAGS ?=

.PHONY: build bytecode test lint docs bench system-deps snapshot model clean

build: $(VENV)/.installed bytecode
	$(BIN)/papergraph build $(BUILD_FLAGS)

# pip byte-compiles what it installs, but not an editable install's sources; with
# PYTHONDONTWRITEBYTECODE set nothing else would, and every run would compile them again.
bytecode: $(VENV)/.installed
	$(BIN)/python -m compileall -q src

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The graph and export tests run on the lowest networkx pyproject.toml allows as well:
# that networkx alone in a folder of its own, ahead of $(VENV)'s on PYTHONPATH.
NX_LOWEST := $(shell sed -n 's/^ *"networkx>=\([0-9.]*\)".*/\1/p' pyproject.toml)
NX_DIR := .networkx-$(NX_LOWEST)
NX_TESTS := tests/test_exports.py tests/test_graph.py tests/test_graph_cli.py

$(NX_DIR)/.installed: $(VENV)/.test-installed
	$(BIN)/python -m pip install --quiet --no-deps --upgrade --target $(NX_DIR) 'networkx==$(NX_LOWEST)'
	touch $@

system-deps:
	bash scripts/install-system-deps.sh

# axe-core for the page's accessibility tests, pinned by tests/js/package-lock.json
# (its newest release: axe-playwright-python bundles an older one). Not in the page.
AXE_JS := tests/js/node_modules/axe-core/axe.min.js
$(AXE_JS): tests/js/package-lock.json | system-deps
	npm ci --prefix tests/js --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

lint: $(VENV)/.test-installed
	$(BIN)/ruff check src tests scripts training

# --strict: a broken link, a missing page or anchor fails the build (and so make test).
docs: $(VENV)/.test-installed
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

test: $(VENV)/.test-installed $(NX_DIR)/.installed system-deps $(AXE_JS) lint docs
	PAPERGRAPH_REQUIRE_SYSTEM_DEPS=1 $(BIN)/pytest
	PYTHONPATH=$(NX_DIR) $(BIN)/python -c "import networkx as nx; \
	  assert nx.__version__ == '$(NX_LOWEST)', nx.__version__; print('networkx', nx.__version__)"
	PAPERGRAPH_REQUIRE_SYSTEM_DEPS=1 PYTHONPATH=$(NX_DIR) $(BIN)/pytest -p no:cacheprovider \
	  -m 'not jgrapht' $(NX_TESTS)

bench: $(VENV)/.test-installed system-deps bytecode
	$(BIN)/python benchmarks/run.py

# Rebuild the importer's shipped models (tagger, finder, names) with training/ (its data
# and its code) and the import corpus, fixed seeds (maintainers; minutes on two cores).
model: $(VENV)/.installed
	$(BIN)/python scripts/make_model.py

# Rebuild the shipped offline snapshot from the verified facts (maintainers only).
snapshot: $(VENV)/.installed
	$(BIN)/python scripts/build_snapshot.py tests/seminar/seminar-facts.json

clean:
	rm -rf $(VENV) .networkx-* .pytest_cache .ruff_cache tests/artifacts tests/js/node_modules site
