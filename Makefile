# Two commands for a new user: `make serve` and `make test`. See README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Zensical, Material's successor, in a venv of its own (requirements-zensical.txt).
ZVENV  := .venv-zensical
ZBIN   := $(ZVENV)/bin
# Material 9.8.2 prints an end-of-life banner on every run; README's "Decisions" says why we stay.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build build-zensical build-properdocs compare-zensical offline check test bench review watch clean deps dev-deps zensical-deps browser text-browsers node-deps html-checker lock

serve: deps ## Serve with live reload at http://127.0.0.1:8000/
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000 --livereload

# Without SITE_URL the address is this computer's (http://127.0.0.1:8000/): the build works, but
# prints a loud banner, since its QR codes and printed handout would point nowhere. The build is
# written beside site/ and replaces it only when it passed (sitebuild/publish.py): a failed
# build leaves site/ as the last good build.
build: deps ## Build the site into site/ (SITE_URL=https://org.github.io/repo/ to set the address)
	$(BIN)/mkdocs build --strict

# The same docs/, data/ and mkdocs.yml built with Zensical (through zensical-i18n, which reads the
# i18n plugin's settings) into site-zensical/. What it can't do yet: README, "Decisions".
# Built in a hidden folder, post-build step included, and put in place only when both passed
# (sitebuild/publish.py): site-zensical/ stays the last good build otherwise.
build-zensical: zensical-deps deps
	$(BIN)/python -m sitebuild.publish site-zensical --in build/site-zensical -- \
	  $(ZBIN)/zensical-i18n build --clean --strict

# Both builds, then page by page: headings, facts, checker, quick exit, CSP, search.
compare-zensical: build build-zensical
	$(BIN)/python scripts/compare_builds.py site site-zensical

# The same mkdocs.yml built with ProperDocs, the maintained continuation of MkDocs 1.x (installed
# with the test packages); tests/test_properdocs.py compares it with MkDocs' build.
build-properdocs: dev-deps
	SITE_DIR=site-properdocs $(BIN)/properdocs build --strict -f mkdocs.yml

# The USB copy goes to classrooms: its handout and slides carry QR codes to the public site, so it
# needs SITE_URL (REQUIRE_PUBLIC_URL stops the build at this computer's address).
# Like site/, site-offline/ and its zip are replaced only by a build that passed.
offline: deps ## Build a file:// copy into site-offline/ and zip it (SITE_URL=https://... make offline)
	REQUIRE_PUBLIC_URL=true OFFLINE=true SITE_DIR=site-offline $(BIN)/mkdocs build --strict
	$(BIN)/python scripts/offline_zip.py site-offline

# What must pass before anything is published, in a few minutes and without a browser: the
# strict build (data files, pages, templates, the post-build step's checks) and every test that
# needs no browser (tests/conftest.py marks the others). The Pages workflow runs it first.
check: dev-deps ## Strict build and the tests that need no browser (fast; run before publishing)
	$(BIN)/mkdocs build --strict -q -d build/strict-check
	$(BIN)/python -m pytest -m "not browser" -q

test: dev-deps browser text-browsers node-deps html-checker ## Install what the tests need, build strict, run every test
	$(BIN)/mkdocs build --strict -q -d build/strict-check
	$(MAKE) --no-print-directory compare-zensical
	$(BIN)/python -m pytest

bench: dev-deps ## Size, requests, Lighthouse and build time: see scripts/bench.py
	@TEST_ENGINES=chromium sh scripts/ensure_browser.sh
	@command -v npm >/dev/null || { echo "make bench needs Node.js 18+ and npm (Lighthouse)"; exit 1; }
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund
	$(BIN)/python scripts/bench.py

review: deps ## Every fact, the one checked longest ago first, with its sources and where it is used
	@$(BIN)/python scripts/review_facts.py

# Reads the live web: one request per source page (README, "Keeping it current"). Never part of
# `make test`, whose tests serve copies of pages on 127.0.0.1. WATCH_ARGS="--output report.md".
watch: deps ## Do the sources still say what the facts quote? Exit 1 when a person is needed
	@$(BIN)/python scripts/watch_facts.py $(WATCH_ARGS)

clean:
	rm -rf site site-offline site-zensical site-properdocs .*.partial .*.old .zensical-i18n build .bench .pytest_cache *.zip node_modules $(ZVENV) $(LOCKVENV)

deps: $(VENV)/.site-installed $(VENV)/.project-on-path
dev-deps: $(VENV)/.dev-installed $(VENV)/.project-on-path
zensical-deps: $(ZVENV)/.installed $(ZVENV)/.project-on-path

# pip itself is pinned and hash-checked too (requirements-pip.txt), before anything else.
$(VENV)/.pip-installed: requirements-pip.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --require-hashes -r requirements-pip.txt
	touch $@

# Installs come from the locks (requirements*.txt: every package, with its hashes): pip stops
# on any package or file that is not exactly the one locked.
$(VENV)/.site-installed: requirements.txt | $(VENV)/.pip-installed
	$(BIN)/pip install -q --require-hashes -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(VENV)/.pip-installed
	$(BIN)/pip install -q --require-hashes -r requirements-dev.txt
	touch $@ $(VENV)/.site-installed

$(ZVENV)/.installed: requirements-zensical.txt requirements-pip.txt
	$(PYTHON) -m venv $(ZVENV)
	$(ZBIN)/python -m pip install -q --require-hashes -r requirements-pip.txt
	$(ZBIN)/pip install -q --require-hashes -r requirements-zensical.txt
	touch $@

# The locks, from the lists of what we choose (requirements*.in), with pip-tools' pip-compile in
# a venv of its own, itself installed from a lock (requirements-lock.txt: pip-tools and what it
# needs, hash-checked). Versions already locked are kept when they still fit; to move a
# package, change its line in the .in file (delete a .txt to re-resolve everything in it).
LOCKVENV := .venv-lock
LOCK := $(LOCKVENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --no-emit-trusted-host
$(LOCKVENV)/.installed: requirements-pip.txt requirements-lock.txt
	$(PYTHON) -m venv $(LOCKVENV)
	$(LOCKVENV)/bin/python -m pip install -q --require-hashes -r requirements-pip.txt
	$(LOCKVENV)/bin/python -m pip install -q --require-hashes -r requirements-lock.txt
	touch $@
lock: $(LOCKVENV)/.installed ## Regenerate requirements*.txt (hash-locked) from requirements*.in
	$(LOCK) --output-file=requirements-pip.txt requirements-pip.in
	$(LOCK) --output-file=requirements-lock.txt requirements-lock.in
	$(LOCK) --output-file=requirements.txt requirements.in
	$(LOCK) --output-file=requirements-dev.txt requirements-dev.in
	$(LOCK) --output-file=requirements-zensical.txt requirements-zensical.in

# The site's build code (sitebuild/) is imported by name (hooks, Markdown extensions), from any
# folder: a .pth file in the venv puts this project's folder on Python's path, like an editable
# install without a build step.
$(VENV)/.project-on-path: | $(VENV)/.pip-installed
$(ZVENV)/.project-on-path: $(ZVENV)/.installed
%/.project-on-path:
	$*/bin/python -c 'import sys, sysconfig, pathlib; pathlib.Path(sysconfig.get_paths()["purelib"], "images-intimes-project.pth").write_text(sys.argv[1] + "\n")' "$(CURDIR)"
	touch $@

# The browsers of the engines in TEST_ENGINES (default: chromium webkit firefox), from Debian's
# packages: chromium, webkit2gtk-driver and xvfb, firefox-esr (tests/engines.py).
browser:
	@sh scripts/ensure_browser.sh

# lynx and w3m, Debian's, for the checker's text-browser test (skipped where apt can't install them).
text-browsers:
	@sh scripts/ensure_text_browsers.sh

# The npm packages the tests use (package.json "dependencies", locked in package-lock.json):
# puppeteer-core, which drives Firefox, and the Nu HTML Checker (vnu-jar). --ignore-scripts:
# vnu-jar's postinstall would download a Java runtime; PUPPETEER_SKIP_DOWNLOAD: no browser is
# ever downloaded (puppeteer-core doesn't; the variable says so to any package that would).
# --omit=dev leaves Lighthouse (bench only) out. Reinstalled only when the lock changes.
node-deps: node_modules/.tests-installed
node_modules/.tests-installed: package-lock.json
	@command -v npm >/dev/null || { echo "The tests need Node.js 18+ and npm (Firefox's driver, the HTML check)"; exit 1; }
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# The Nu HTML Checker runs on the machine's Java; without Java its test skips and says so.
html-checker: node-deps
	@command -v java >/dev/null 2>&1 || \
	  echo "No Java runtime: the HTML validity test will be skipped (apt-get install default-jre-headless)"
