# govreport: `make report` builds a report's site (HTML pages and data), `make test` checks everything.
# Both set up the virtual environment (.venv) themselves on first use.

PYTHON  ?= python3
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.requirements-installed
REPORT  ?=
DATE    ?=
PLACE   ?=
PREVIOUS ?=
OUT     ?=
DIR     ?=
JOBS    ?=
# The browser of `make test-site`: Debian's chromium (Playwright's own download is not used).
CHROMIUM ?= $(firstword $(wildcard /usr/bin/chromium /usr/bin/chromium-browser) $(shell command -v chromium chromium-browser 2>/dev/null))
# Keep matplotlib's font cache inside the environment, so that it is built once at
# set-up time and never announces itself in a notebook's output.
export MPLCONFIGDIR := $(CURDIR)/$(VENV)/mplconfig
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.DEFAULT_GOAL := help
.PHONY: help setup report test test-site test-install docs lab notebooks clean freeze panel

help: ## Show this help
	@echo "govreport: a Chinese government work report as structured, checked, charted data"
	@echo
	@echo "Usage: make <target>   (the two you need: make report, make test)"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-10s %s\n", $$1, $$2}'

setup: $(STAMP) ## Create .venv and install requirements.txt (skipped when unchanged)

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -c "import matplotlib.pyplot"   # build the font cache now, not inside a notebook
	touch $(STAMP)

report: $(STAMP) ## Build sites in build/<slug>/ (bundled report; REPORT=file-or-folder/ [DATE= PLACE= PREVIOUS= JOBS=] for others)
	@$(PY) -m govreport site $(if $(REPORT),"$(REPORT)") $(if $(DATE),--date "$(DATE)") \
		$(if $(PLACE),--place "$(PLACE)") $(if $(PREVIOUS),--previous "$(PREVIOUS)") $(if $(OUT),--out "$(OUT)") \
		$(if $(JOBS),--jobs $(JOBS))

panel: $(STAMP) ## Build a panel's site in build/panel-<name>/ (the 31 provinces of 2025 + bundled report; DIR=folder for another)
	@$(PY) -m govreport site --panel $(if $(DIR),"$(DIR)") $(if $(OUT),--out "$(OUT)")

test: $(STAMP) ## Run the library tests and every notebook under nbval (strict: outputs compared)
	$(PY) -m pytest tests notebooks --ignore=tests/browser --ignore=tests/install --nbval --nbval-current-env -q -n 2 --dist loadfile

test-site: $(STAMP) ## Build sites (bundled + synthetic reports) and check them in headless chromium
	@test -n "$(CHROMIUM)" && test -x "$(CHROMIUM)" || { \
		echo "make test-site: chromium not found (looked for /usr/bin/chromium, chromium-browser and chromium on PATH)."; \
		echo "Install it (Debian/Ubuntu: apt-get install chromium) or point to it: make test-site CHROMIUM=/path/to/chromium"; \
		exit 1; } >&2
	GOVREPORT_CHROMIUM="$(CHROMIUM)" $(PY) -m pytest tests/browser -q

test-install: $(STAMP) ## Install the package with pip into a fresh venv (not editable) and run its command (slow)
	$(PY) -m pytest tests/install -q -n 0

docs: $(STAMP) ## Render the reference (the modules' docstrings) with pdoc into build/docs/; refresh the README's commands table
	$(PY) docs/readme.py
	$(PY) docs/build.py build/docs

lab: $(STAMP) ## Open JupyterLab on the notebooks
	$(VENV)/bin/jupyter lab notebooks

notebooks: $(STAMP) ## Re-execute the notebooks in place (ONLY=name to pick one) and refresh the README table
	$(PY) -m govreport notebooks $(if $(ONLY),--only $(ONLY))

freeze: $(STAMP) ## Rewrite requirements.txt pins from the current environment
	{ sed -n '/^#/p' requirements.txt; $(PY) -m pip freeze --exclude-editable | grep -v '^govreport'; echo "-e ."; } > requirements.tmp && mv requirements.tmp requirements.txt

clean: ## Remove build/, every report's site (keeps .venv)
	rm -rf build
