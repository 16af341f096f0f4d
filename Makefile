# The whole set-up: `make build` and `make test`. The virtual environment is made on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test bench check clean preview messages

build: $(STAMP)
	$(BIN)/packgen build

check: $(STAMP)
	$(BIN)/packgen check --strict

test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto

bench: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python scripts/bench.py

preview: build
	$(BIN)/python scripts/preview.py

clean:
	rm -rf build

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	$(BIN)/python -m compileall -q src
	touch $(STAMP)

# packgen's own words: find every message in the code and templates (babel.cfg), bring the
# catalogues up to date with them, and compile the .mo files that ship in the package.
# Translate the new or changed entries in src/packgen/locales/*/LC_MESSAGES/packgen.po, then
# run it again; tests/test_translations.py fails until every entry is translated and compiled.
LOCALES := src/packgen/locales
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k pgettext:1c,2 --add-location=file \
	    --sort-by-file --no-wrap --omit-header -o $(LOCALES)/packgen.pot .
	$(BIN)/pybabel update -i $(LOCALES)/packgen.pot -d $(LOCALES) -D packgen \
	    --no-wrap --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date
	$(BIN)/pybabel compile -d $(LOCALES) -D packgen --statistics
