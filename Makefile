# Two commands on a fresh machine: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PY := .venv/bin/python

.PHONY: safe setup setup-test train run test lint bench bench-scale lock clean

safe:             ## refuse an exposed start with development secrets (runner/startup_checks.py)
	@python3 -m runner.startup_checks all

setup:            ## Python env, spaCy model attempt, widget build
	scripts/setup.sh

setup-test:       ## setup plus test-only needs (Chromium, npm test peers)
	scripts/setup.sh --test

train: setup      ## train the Rasa model if no model matches the inputs
	$(PY) -m runner.model

run: safe setup   ## set up, train when stale, start every service (Ctrl-C stops all)
	$(PY) -m runner

test: setup-test setup-prod ## lint, data checks, unit + integration + browser tests, Rasa test stories
	scripts/test.sh

lint: setup
	.venv/bin/ruff check .

.PHONY: learn
learn: setup      ## export approved console corrections, retrain, print NLU F1 before and after
	scripts/learn.sh

bench: setup-test ## run every benchmark and rewrite docs/benchmarks.md
	$(PY) -m bench

lock:             ## re-resolve requirements*.in into the hashed locks (uv pip compile)
	scripts/lock.sh

clean:            ## remove trained models and local data (keeps .venv)
	rm -rf models var results .rasa test-artifacts

.PHONY: prod-local
prod-local: setup ## production topology on one machine: PostgreSQL, Redis, nginx :8080, 2x Rasa
	scripts/setup-prod.sh
	$(PY) -m runner.prod_local

bench-scale: setup ## people at once with p95 < 1 s: 1 instance, 2 instances, moodbot (~10 min)
	scripts/setup-prod.sh
	$(PY) -m bench bench_scale

.PHONY: setup-prod
setup-prod:       ## Debian packages for the production topology tests
	scripts/setup-prod.sh
