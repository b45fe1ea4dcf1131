# Samverkan — the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# uv must never download a Python of its own: the machine's Python 3.11 is used.
export UV_PYTHON_DOWNLOADS := never
DEMO_ENV := DEBUG=true
PYTEST_ARGS ?=


.PHONY: help system-deps install demo serve worker migrate test test-postgres lint fmt messages bench bench-smoke loadtest loadtest-smoke e2e security \
        backup restore clean

help:
	@echo "make demo      install, migrate SQLite, load reference and demo data, serve http://127.0.0.1:8000"
	@echo "make test      install and run the whole test suite (SQLite; DATABASE_URL selects PostgreSQL)"
	@echo "make lint      ruff and mypy"
	@echo "make bench     benchmark scripts; results in bench/results/ (SCALE=county|nation)"
	@echo "make bench-smoke   every benchmark at smoke scale, as CI runs them (nothing recorded)"
	@echo "make loadtest  50 users on gunicorn + PostgreSQL, national data; bench/results/loadtest.md"
	@echo "make e2e       real-browser journeys and accessibility checks (installs Chromium if missing)"
	@echo "make security  the security checks (URL/role walk, headers, API fuzzing)"
	@echo "make backup / make restore FILE=...   back up or restore the database"

# --- Environment ----------------------------------------------------------
# uv comes from PATH, or from pip into the user's site when it is missing.
UV := $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")

# Debian packages the project needs: Tesseract with its Swedish model (OCR of scanned
# decisions), Pango for WeasyPrint's PDFs, fonts. Installed with apt-get when missing
# and we may (root or sudo); otherwise the missing ones are named and the tests that
# need them say how to install them.
SYSTEM_PACKAGES := tesseract-ocr tesseract-ocr-swe libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
E2E_PACKAGES := chromium

define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if ! command -v apt-get >/dev/null 2>&1; then echo "Install these system packages:$$missing"; \
		elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
		elif command -v sudo >/dev/null 2>&1; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
		else echo "Install these system packages:$$missing"; fi; \
	fi
endef

system-deps:
	$(call apt_install,$(SYSTEM_PACKAGES))

$(VENV)/.installed: pyproject.toml uv.lock
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --user uv \
		|| $(PYTHON) -m pip install --quiet uv
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

install: system-deps $(VENV)/.installed

# --- Demo -----------------------------------------------------------------
migrate: install
	@mkdir -p var
	$(DEMO_ENV) $(MANAGE) migrate --noinput

demo: migrate
	$(DEMO_ENV) $(MANAGE) load_refdata
	$(DEMO_ENV) $(MANAGE) load_demo
	@echo "Samverkan: http://127.0.0.1:8000  (stop with Ctrl-C)"
	@$(DEMO_ENV) $(MANAGE) db_worker --interval 1 --no-reload & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(DEMO_ENV) $(MANAGE) runserver --noreload 127.0.0.1:8000

serve: install
	$(DEMO_ENV) $(MANAGE) runserver 127.0.0.1:8000

worker: install
	$(MANAGE) db_worker

# --- Checks ---------------------------------------------------------------
# The browser journeys and the security checks have targets of their own.
test: install
	$(PY) -m pytest -n 2 -m "not e2e and not security" $(PYTEST_ARGS)

# Real-browser journeys and axe-core against gunicorn on a fresh database (tests/e2e);
# screenshots in test-artifacts/. Debian's Chromium, installed when missing.
e2e: install
	$(call apt_install,$(E2E_PACKAGES))
	$(PY) -m pytest -p no:xdist -m e2e tests/e2e $(PYTEST_ARGS)

# tests/security (headers, CSRF, cookies, API fuzzing, uploads) and the URL/role walk.
security: install
	$(PY) -m pytest -n 2 tests/security tests/test_url_walk.py $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	TESTING=true $(PY) -m mypy samverkan

fmt: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

messages: install
	cd samverkan && ../$(PY) ../manage.py makemessages -l en --no-obsolete --no-location
	cd samverkan && ../$(PY) ../manage.py compilemessages -l en

# Every bench/bench_*.py; SCALE=smoke|county|nation (results are written except for smoke).
SCALE ?= county
bench: install
	@set -e; for script in bench/bench_*.py; do \
		[ -e "$$script" ] || continue; echo "== $$script"; $(PY) $$script --scale $(SCALE); done

# Back up the database named by DATABASE_URL (SQLite when unset) into var/backups/,
# or restore one: make restore FILE=var/backups/samverkan-....sqlite3|.dump
BACKUP_DIR ?= var/backups
backup: install
	$(PY) -m samverkan.core.backup backup --dir $(BACKUP_DIR)

restore: install
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=path/to/backup" >&2; exit 2; }
	$(PY) -m samverkan.core.backup restore "$(FILE)"

bench-smoke:
	$(MAKE) bench SCALE=smoke

# Needs PostgreSQL on 127.0.0.1:5432; see loadtest/run.sh for LOADTEST_* settings.
loadtest: install
	bash loadtest/run.sh

# CI: a few users for a few seconds on the smoke data set; fails when a journey raises,
# makes no request or has a request fail. 15 users are one of each journey at the
# locustfile's weights (they sum to 15): with fewer, locust leaves some journeys out.
loadtest-smoke: install
	LOADTEST_SCALE=smoke LOADTEST_USERS=$${LOADTEST_USERS:-15} LOADTEST_SPAWN_RATE=$${LOADTEST_SPAWN_RATE:-5} \
		LOADTEST_TIME=$${LOADTEST_TIME:-20s} \
		LOADTEST_WORKERS=2 LOADTEST_DB=$${LOADTEST_DB:-samverkan_loadtest_smoke} bash loadtest/run.sh

clean:
	rm -rf $(VENV) var/static
