# Two commands matter: `make run` (the tracker on SQLite with demo data) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint format ci worker eval schema bench match-eval clean

STATIC_EMBEDDINGS := claims/ingest/data/minilm-static-128.npy

install: $(VENV)/.installed $(STATIC_EMBEDDINGS)

$(VENV)/.installed: requirements.txt requirements-dev.txt requirements-nodeps.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-nodeps.txt
	touch $@

# Claim matching's static embedding table, distilled from the installed MiniLM
# model (about a minute; not committed): claims/ingest/embed.py.
$(STATIC_EMBEDDINGS): $(VENV)/.installed
	$(BIN)/python manage.py build_embeddings --force

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Scores the analysis on ../shared/eval and writes docs/quality.md (a few minutes).
eval: install
	OMP_NUM_THREADS=1 $(BIN)/python manage.py evaluate

# The OpenAPI schema of /api/v1/, committed; tests/api/test_schema.py checks it.
schema: install
	$(BIN)/python manage.py spectacular --format openapi-json --validate --file docs/openapi.json

# Every benchmark on PostgreSQL + Redis (fills a `bench` database with 1M
# claims the first time, ~10 min; then ~15 min); writes bench/results.json.
bench: install
	$(BIN)/python bench/run_all.py

# Claim-matching precision/recall on bench/match_pairs.jsonl and the threshold sweep
# (reads ../shared/eval; bench/README.md, "Claim matching: labelled pairs").
match-eval: install
	$(BIN)/python bench/match_eval.py --tune

worker: install
	OMP_NUM_THREADS=1 $(BIN)/celery -A tracker worker --loglevel=INFO

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
