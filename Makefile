# Two commands for a new user: `make serve` and `make test`. See README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Material 9.8.2 prints an end-of-life banner on every run; README's "Decisions" says why we stay.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build offline test bench clean deps dev-deps browser

serve: deps ## Serve with live reload at http://127.0.0.1:8000/
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000 --livereload

build: deps ## Build the site into site/ (SITE_URL=https://org.github.io/repo/ to set the address)
	$(BIN)/mkdocs build --strict

offline: deps ## Build a file:// copy into site-offline/ and zip it for a USB key
	rm -rf site-offline
	OFFLINE=true SITE_DIR=site-offline $(BIN)/mkdocs build --strict
	$(BIN)/python scripts/offline_zip.py site-offline

test: dev-deps browser ## Install what the tests need, build strict, run every test
	$(BIN)/mkdocs build --strict -q -d build/strict-check
	$(BIN)/python -m pytest

bench: dev-deps browser ## Size, requests, Lighthouse and build time: see scripts/bench.py
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site site-offline build .bench .pytest_cache *.zip

deps: $(VENV)/.site-installed
dev-deps: $(VENV)/.dev-installed

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.site-installed: requirements.txt | $(VENV)/bin/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.site-installed

browser:
	@sh scripts/ensure_browser.sh
