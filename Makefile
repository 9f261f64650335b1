# `make run` sets everything up and serves the site; `make test` sets up the same and runs the tests.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1
export FLASK_APP := app

PO_FILES := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: setup setup-dev run test lint bench system-deps test-system-deps translations extract-messages db clean

setup: $(VENV)/.installed system-deps translations

setup-dev: setup $(VENV)/.installed-dev test-system-deps node_modules/.installed

$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

# Tests, browser tests and lint: pinned apart from what the site needs to run.
$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# axe-core, injected into pages by the accessibility browser tests; pinned by package-lock.json.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the accessibility tests (apt-get install npm)."; exit 1; }
	npm ci --no-audit --no-fund --silent
	@touch $@

system-deps:
	@bash scripts/system-deps.sh run

test-system-deps:
	@bash scripts/system-deps.sh test

translations: $(MO_FILES)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(VENV)/.installed
	@$(BIN)/pybabel compile --statistics -i $< -o $@

# Re-extract the messages after changing texts in code or templates, then translate the .po files.
extract-messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_pgettext:1c,2 -k message_format -o translations/messages.pot --no-location --sort-output --ignore-dirs ".* tests" .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete

db: setup
	$(BIN)/flask db upgrade

run: db
	@$(BIN)/flask seed-demo --if-empty
	@echo "Serving on http://$(HOST):$(PORT)"
	$(BIN)/flask run --host $(HOST) --port $(PORT)

test: setup-dev
	$(BIN)/python -m pytest

# The checks CI runs besides the tests: ruff's lint rules and its formatting.
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) $(MO_FILES) .pytest_cache node_modules
