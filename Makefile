# The two commands a newcomer needs: `make run` and `make test`.
# Everything else (venv, install, migrate, content) happens on the way.

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

# Test processes (pytest-xdist); TEST_WORKERS=0 runs the suite in this process.
TEST_WORKERS ?= 2

# Extras for `make serve`, e.g. EXTRAS=redis for a cache shared by several app servers.
EXTRAS ?=

.PHONY: install migrate content run serve test lint reset-db reset-content

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Development: the portal plus the test and lint tools.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Production: the portal and what it needs to run, no test or lint tools.
$(VENV)/.installed-serve: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.$(if $(EXTRAS),[$(EXTRAS)])'
	touch $@

install: $(VENV)/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput

# Adds the shipped records the database has never had; never overwrites an editor's change.
content: migrate
	$(BIN)/python manage.py load_content

run: content
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Optional: production-style serving (gunicorn, hashed and compressed static files, DEBUG off).
# Needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS; see docs/deployment.md.
serve: export DJANGO_DEBUG = false
serve: $(VENV)/.installed-serve
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	PORT=$(PORT) $(BIN)/gunicorn portal.wsgi

test: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --durations=10 $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

reset-db:
	rm -f db.sqlite3
	$(MAKE) content

# Puts the shipped text back over editors' changes; asks first (the history keeps their versions).
reset-content: migrate
	$(BIN)/python manage.py reset_content
