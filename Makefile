# Samenspraak: `make run` and `make test` are the two commands a newcomer needs.
# Every target installs what it needs first and reuses what already exists.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMENSPRAAK := $(BIN)/samenspraak
HOST ?= 127.0.0.1
PORT ?= 8000
# The NL API Design Rules' Spectral ruleset, in the shared folder beside the clone.
ADR_RULESET ?= ../shared/standards/adr-spectral.yml
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run serve test lint format install assets messages migrate demo worker bench clean check schema screenshots

# --- installation (stamp files make a second run fast) ----------------------------------------
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed assets messages

assets: $(VENV)/.installed node_modules/.installed
	$(BIN)/python scripts/build_assets.py

messages: $(VENV)/.installed
	$(BIN)/python scripts/compile_messages.py

# --- running --------------------------------------------------------------------------------
migrate: install
	$(SAMENSPRAAK) migrate --no-input

demo: migrate
	$(SAMENSPRAAK) demo --if-empty

run: demo
	@$(BIN)/python scripts/serve.py --host $(HOST) --port $(PORT)

worker: install
	$(SAMENSPRAAK) db_worker

# --- quality --------------------------------------------------------------------------------
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(SAMENSPRAAK) makemigrations --check --dry-run
	$(SAMENSPRAAK) check
	@if [ -f $(ADR_RULESET) ]; then \
		npx spectral lint docs/api/openapi.yaml --ruleset $(ADR_RULESET) --fail-severity error; \
	else echo "spectral: skipped, $(ADR_RULESET) (the NL API Design Rules) is absent"; fi

# The committed OpenAPI document of API v1 (a test fails when it drifts from the code).
schema: install
	$(SAMENSPRAAK) spectacular --file docs/api/openapi.yaml --validate --fail-on-warn

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install lint
	$(BIN)/pytest $(PYTEST_ARGS)

bench: install
	@ls benchmarks/*.py >/dev/null 2>&1 && for f in benchmarks/*.py; do $(BIN)/python $$f; done || echo "no benchmarks yet"

# The README's screenshots of a fresh demo (docs/screenshots/); look at them before committing.
screenshots: install
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) node_modules var src/samenspraak/web/static/vendor
