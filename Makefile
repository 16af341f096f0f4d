# The whole set-up: `make build` and `make test`. The virtual environment is made on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test bench check clean preview

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
