# Two commands for a new user: `make serve` and `make test`. See README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Zensical, Material's successor, in a venv of its own (requirements-zensical.txt).
ZVENV  := .venv-zensical
ZBIN   := $(ZVENV)/bin
# Material 9.8.2 prints an end-of-life banner on every run; README's "Decisions" says why we stay.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build build-zensical build-properdocs compare-zensical offline test bench review clean deps dev-deps zensical-deps browser text-browsers html-checker lock

serve: deps ## Serve with live reload at http://127.0.0.1:8000/
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000 --livereload

# Without SITE_URL the address is this computer's (http://127.0.0.1:8000/): the build works, but
# prints a loud banner, since its QR codes and printed handout would point nowhere.
build: deps ## Build the site into site/ (SITE_URL=https://org.github.io/repo/ to set the address)
	$(BIN)/mkdocs build --strict

# The same docs/, data/ and mkdocs.yml built with Zensical (through zensical-i18n, which reads the
# i18n plugin's settings) into site-zensical/. What it can't do yet: README, "Decisions".
build-zensical: zensical-deps deps
	rm -rf site-zensical
	SITE_DIR=site-zensical $(ZBIN)/zensical-i18n build --clean --strict
	$(BIN)/python -m sitebuild.postbuild site-zensical

# Both builds, then page by page: headings, facts, checker, quick exit, CSP, search.
compare-zensical: build build-zensical
	$(BIN)/python scripts/compare_builds.py site site-zensical

# The same mkdocs.yml built with ProperDocs, the maintained continuation of MkDocs 1.x (installed
# with the test packages); tests/test_properdocs.py compares it with MkDocs' build.
build-properdocs: dev-deps
	rm -rf site-properdocs
	SITE_DIR=site-properdocs $(BIN)/properdocs build --strict -f mkdocs.yml

# The USB copy goes to classrooms: its handout and slides carry QR codes to the public site, so it
# needs SITE_URL (REQUIRE_PUBLIC_URL stops the build at this computer's address).
offline: deps ## Build a file:// copy into site-offline/ and zip it (SITE_URL=https://... make offline)
	rm -rf site-offline
	REQUIRE_PUBLIC_URL=true OFFLINE=true SITE_DIR=site-offline $(BIN)/mkdocs build --strict
	$(BIN)/python scripts/offline_zip.py site-offline

test: dev-deps browser text-browsers html-checker ## Install what the tests need, build strict, run every test
	$(BIN)/mkdocs build --strict -q -d build/strict-check
	$(MAKE) --no-print-directory compare-zensical
	$(BIN)/python -m pytest

bench: dev-deps browser ## Size, requests, Lighthouse and build time: see scripts/bench.py
	@command -v npm >/dev/null || { echo "make bench needs Node.js 18+ and npm (Lighthouse)"; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund
	$(BIN)/python scripts/bench.py

review: deps ## Every fact, the one checked longest ago first, with its sources and where it is used
	@$(BIN)/python scripts/review_facts.py

clean:
	rm -rf site site-offline site-zensical site-properdocs .zensical-i18n build .bench .pytest_cache *.zip node_modules $(ZVENV) $(LOCKVENV)

deps: $(VENV)/.site-installed $(VENV)/.project-on-path
dev-deps: $(VENV)/.dev-installed $(VENV)/.project-on-path
zensical-deps: $(ZVENV)/.installed $(ZVENV)/.project-on-path

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Installs come from the locks (requirements*.txt: every package, with its hashes): pip stops
# on any package or file that is not exactly the one locked.
$(VENV)/.site-installed: requirements.txt | $(VENV)/bin/python
	$(BIN)/pip install -q --require-hashes -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/pip install -q --require-hashes -r requirements-dev.txt
	touch $@ $(VENV)/.site-installed

$(ZVENV)/.installed: requirements-zensical.txt
	$(PYTHON) -m venv $(ZVENV)
	$(ZBIN)/python -m pip install -q --upgrade pip
	$(ZBIN)/pip install -q --require-hashes -r requirements-zensical.txt
	touch $@

# The locks, from the lists of what we choose (requirements*.in), with pip-tools' pip-compile in
# a venv of its own. Versions already locked are kept when they still fit; to move a package,
# change its line in the .in file (delete a .txt to re-resolve everything in it).
LOCKVENV := .venv-lock
LOCK := $(LOCKVENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --no-emit-trusted-host
lock: ## Regenerate requirements*.txt (hash-locked) from requirements*.in
	test -x $(LOCKVENV)/bin/pip-compile || { $(PYTHON) -m venv $(LOCKVENV) && \
	  $(LOCKVENV)/bin/pip install -q pip-tools==7.6.2; }
	$(LOCK) --output-file=requirements.txt requirements.in
	$(LOCK) --output-file=requirements-dev.txt requirements-dev.in
	$(LOCK) --output-file=requirements-zensical.txt requirements-zensical.in

# The site's build code (sitebuild/) is imported by name (hooks, Markdown extensions), from any
# folder: a .pth file in the venv puts this project's folder on Python's path, like an editable
# install without a build step.
$(VENV)/.project-on-path: | $(VENV)/bin/python
$(ZVENV)/.project-on-path: $(ZVENV)/.installed
%/.project-on-path:
	$*/bin/python -c 'import sys, sysconfig, pathlib; pathlib.Path(sysconfig.get_paths()["purelib"], "images-intimes-project.pth").write_text(sys.argv[1] + "\n")' "$(CURDIR)"
	touch $@

browser:
	@sh scripts/ensure_browser.sh

# lynx and w3m, Debian's, for the checker's text-browser test (skipped where apt can't install them).
text-browsers:
	@sh scripts/ensure_text_browsers.sh

# The Nu HTML Checker (npm vnu-jar, pinned in package.json) runs on the machine's Java; without
# Java its test skips and says so. --ignore-scripts: its postinstall would download a Java runtime.
# --omit=dev leaves Lighthouse (bench only) out.
html-checker:
	@if command -v java >/dev/null 2>&1; then \
	  command -v npm >/dev/null || { echo "Java is here but npm is not: install Node.js 18+ for the HTML check"; exit 1; }; \
	  npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else echo "No Java runtime: the HTML validity test will be skipped (apt-get install default-jre-headless)"; fi
