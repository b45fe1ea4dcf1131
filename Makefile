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

.PHONY: help install demo serve worker migrate test test-postgres lint fmt messages bench e2e security \
        backup restore clean

help:
	@echo "make demo      install, migrate SQLite, load reference and demo data, serve http://127.0.0.1:8000"
	@echo "make test      install and run the whole test suite (SQLite; DATABASE_URL selects PostgreSQL)"
	@echo "make lint      ruff and mypy"
	@echo "make bench     benchmark scripts; results in bench/results/"
	@echo "make e2e       real-browser journeys and accessibility checks (installs Chromium if missing)"
	@echo "make security  the security checks (URL/role walk, headers, API fuzzing)"
	@echo "make backup / make restore FILE=...   back up or restore the database"

# --- Environment ----------------------------------------------------------
# uv comes from PATH, or from pip into the user's site when it is missing.
UV := $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")

$(VENV)/.installed: pyproject.toml uv.lock
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --user uv \
		|| $(PYTHON) -m pip install --quiet uv
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

install: $(VENV)/.installed

# --- Demo -----------------------------------------------------------------
migrate: install
	@mkdir -p var
	$(DEMO_ENV) $(MANAGE) migrate --noinput

demo: migrate
	$(DEMO_ENV) $(MANAGE) load_refdata
	$(DEMO_ENV) $(MANAGE) load_demo
	@echo "Samverkan: http://127.0.0.1:8000  (stop with Ctrl-C)"
	@$(DEMO_ENV) $(MANAGE) db_worker --interval 1 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(DEMO_ENV) $(MANAGE) runserver --noreload 127.0.0.1:8000

serve: install
	$(DEMO_ENV) $(MANAGE) runserver 127.0.0.1:8000

worker: install
	$(MANAGE) db_worker

# --- Checks ---------------------------------------------------------------
test: install
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	TESTING=true $(PY) -m mypy samverkan

fmt: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

messages: install
	cd samverkan && ../$(MANAGE) makemessages -l en --no-obsolete --no-location
	cd samverkan && ../$(MANAGE) compilemessages -l en

clean:
	rm -rf $(VENV) var/static
