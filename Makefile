# sphinx-newsbrief: `make demo` builds the demo site and PDFs; `make test` runs every check.
# Both set up everything they need (virtualenv, package, TeX Live where apt can install it).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Print fonts of the briefs (Termes/Heros; Korean; Cyrillic and Greek; Arabic script):
# fonts-texgyre, fonts-nanum, fonts-freefont-otf, fonts-dejavu-core.
TEX_PACKAGES := latexmk texlive-latex-recommended texlive-latex-extra \
                texlive-fonts-recommended texlive-xetex tex-gyre poppler-utils \
                fonts-texgyre fonts-nanum fonts-freefont-otf fonts-dejavu-core
BROWSER_PACKAGES := chromium
SPHINXOPTS ?=
BENCH_N ?= 1000
NOX_SESSIONS ?= lowest newest
# pytest-xdist workers for the suite (here and in each nox session): `auto` is one per
# core; `make test TEST_JOBS=0` runs it in one process.
TEST_JOBS ?= auto
export TEST_JOBS

.PHONY: demo test matrix lint bench tex browser venv clean locale

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.demo-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[demo]"
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[test,demo,myst-nb,serve]"
	touch $@

venv: $(VENV)/.test-installed

# Install TeX Live and fonts from Debian packages when one is missing and apt is usable.
tex:
	@if command -v latexmk >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 \
	    && fc-list 2>/dev/null | grep -q NanumMyeongjo && fc-list 2>/dev/null | grep -q FreeSerif \
	    && fc-list : file 2>/dev/null | grep -q texgyretermes-regular.otf; then \
	  echo "TeX: latexmk, pdftotext and the fonts found."; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  echo "TeX: installing TeX Live from Debian packages (about 2 minutes): $(TEX_PACKAGES)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $(TEX_PACKAGES) >/dev/null; \
	elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	  echo "TeX: installing TeX Live with sudo apt-get (about 2 minutes): $(TEX_PACKAGES)"; \
	  sudo -n apt-get update -qq && sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $(TEX_PACKAGES) >/dev/null; \
	else \
	  echo "TeX: latexmk is missing and apt-get is not usable here; PDFs will be skipped."; \
	  echo "     Install: apt-get install --no-install-recommends $(TEX_PACKAGES)"; \
	fi

# Install Debian's Chromium for the browser tests (tests/test_browser.py drives
# /usr/bin/chromium through Playwright; Playwright's own browser download is never used).
browser:
	@if [ -x /usr/bin/chromium ]; then \
	  echo "Browser: /usr/bin/chromium found."; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  echo "Browser: installing Debian's Chromium (about a minute): $(BROWSER_PACKAGES)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $(BROWSER_PACKAGES) >/dev/null; \
	elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	  echo "Browser: installing Debian's Chromium with sudo apt-get: $(BROWSER_PACKAGES)"; \
	  sudo -n apt-get update -qq && sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $(BROWSER_PACKAGES) >/dev/null; \
	else \
	  echo "Browser: /usr/bin/chromium is missing and apt-get is not usable here;"; \
	  echo "         the browser tests will be skipped."; \
	  echo "         Install: apt-get install --no-install-recommends $(BROWSER_PACKAGES)"; \
	fi

demo: $(VENV)/.demo-installed tex
	$(BIN)/sphinx-build -b html $(SPHINXOPTS) demo demo/_build/html
	@if command -v latexmk >/dev/null 2>&1; then \
	  $(BIN)/sphinx-build -M latexpdf demo demo/_build $(SPHINXOPTS) -q && \
	  echo "PDFs:" && ls -1 demo/_build/latex/*.pdf; \
	else \
	  echo "Skipping PDFs: latexmk is not installed (see above)."; \
	fi
	@echo "Demo site: demo/_build/html/index.html"

lint: $(VENV)/.test-installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

test: $(VENV)/.test-installed tex browser lint
	$(BIN)/python -m pytest -q -p no:cacheprovider -n $(TEST_JOBS) --dist loadscope
	rm -rf $(VENV)/demo-check
	$(BIN)/sphinx-build -W --keep-going -q -b html demo $(VENV)/demo-check/html
	$(BIN)/sphinx-build -W --keep-going -q -b latex demo $(VENV)/demo-check/latex
	@if command -v latexmk >/dev/null 2>&1; then \
	  $(MAKE) -C $(VENV)/demo-check/latex all-pdf LATEXMKOPTS=-silent >/dev/null && \
	  echo "Demo PDFs compile: $$(ls $(VENV)/demo-check/latex/*.pdf | wc -l) files"; \
	else echo "Skipping the demo PDF compile: latexmk is not installed."; fi
	$(BIN)/nox -s $(NOX_SESSIONS)

# The test suite on the oldest and newest supported Python, Sphinx, MyST-Parser and
# docutils (noxfile.py; a virtualenv per session under .nox/). `make test` runs it too.
matrix: $(VENV)/.test-installed tex
	$(BIN)/nox -s $(NOX_SESSIONS)

bench: $(VENV)/.test-installed
	$(BIN)/python bench/run.py --n $(BENCH_N)

clean:
	rm -rf demo/_build bench/_work $(VENV)/demo-check

# Recompile the shipped translations after editing a .po file.
locale: $(VENV)/.test-installed
	$(BIN)/pybabel compile -d src/sphinx_newsbrief/locale -D sphinx_newsbrief
