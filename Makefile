# Everything a fresh machine needs goes through these targets: `make run` and `make test` create their own venv.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
# localhost only by default; `make run ADDRESS=0.0.0.0` serves the network on purpose (better: deploy/README.md)
ADDRESS ?= 127.0.0.1

.PHONY: run test test-fast lint test-js validate stats bench bench-quick vendor browser sheet-deps axe clean

run: $(VENV)/.runtime
	$(PY) -m c2c validate
	$(PY) -m ui.serve app.py --server.address $(ADDRESS) --server.port $(PORT)

test: $(VENV)/.dev browser axe lint test-js
	$(PY) -m pytest -q

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .

# The map's JavaScript (static/js) has its own unit tests, run by Node's built-in runner (Node from Debian).
test-js:
	@command -v node >/dev/null 2>&1 || { [ "$$(id -u)" = "0" ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null; }
	node --test tests/js/

test-fast: $(VENV)/.dev
	$(PY) -m pytest -q -m "not browser"

validate: $(VENV)/.runtime
	$(PY) -m c2c validate

stats: $(VENV)/.runtime
	$(PY) -m c2c stats --json

bench: $(VENV)/.dev browser
	$(PY) -m bench.run --json bench/results.json

bench-quick: $(VENV)/.dev browser
	$(PY) -m bench.run --quick

vendor: $(VENV)/.runtime
	$(PY) -m scripts.vendor_assets

$(VENV)/.runtime: requirements.txt pyproject.toml
	@$(MAKE) --no-print-directory sheet-deps
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Browser tests drive Debian's Chromium (Playwright's own browser download does not work offline) and need CJK fonts;
# the deployment tests run Debian's nginx in front of replicas on loopback.
browser:
	@if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "Noto Sans CJK" && test -x /usr/sbin/nginx; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk nginx >/dev/null; \
	else echo "note: Chromium, Noto CJK fonts or nginx missing and not root: browser and deployment tests will be skipped"; fi

# WeasyPrint (the A4 sheet) needs Pango, HarfBuzz's subsetter and CJK fonts from Debian; poppler-utils for the sheet
# tests (pdfinfo, pdffonts, pdftotext). Installed when run as root (CI on a fresh clone), else only checked.
SHEET_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk poppler-utils
sheet-deps:
	@if ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 && ldconfig -p | grep -q libharfbuzz-subset \
		&& fc-list 2>/dev/null | grep -qi "Noto Sans CJK" && command -v pdftotext >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SHEET_DEBS) >/dev/null; \
	else echo "note: $(SHEET_DEBS) missing and not root: the PDF sheet will not render"; fi

# axe-core from npm (version pinned in package.json, checksum in package-lock.json): the accessibility browser tests
# (tests/browser/test_a11y*.py) inject node_modules/axe-core/axe.min.js into every page and the map's frame.
AXE := node_modules/axe-core/axe.min.js
axe: $(AXE)

$(AXE): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { [ "$$(id -u)" = "0" ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache node_modules
