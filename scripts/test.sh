#!/usr/bin/env bash
# Everything `make test` checks, in order of cost. Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1 PYTHONPATH=.
step() { printf '\n=== %s\n' "$*"; }

step "ruff"
.venv/bin/ruff check .

step "knowledge base data"
.venv/bin/python -m knowledge validate

step "rasa data validate"
.venv/bin/rasa data validate --data bot/data --domain domain.yml --config config.yml \
  --fail-on-warnings

step "train (only when the inputs changed)"
model=$(.venv/bin/python -m runner.model | tail -n 1)

step "rasa test stories (tests/bot)"
rm -rf results/core
.venv/bin/rasa test core --model "$model" --stories tests/bot --out results/core \
  --fail-on-prediction-errors

step "rasa test nlu (tests/bot/nlu_test.yml, not training data)"
rm -rf results/nlu
.venv/bin/rasa test nlu --model "$model" --nlu tests/bot/nlu_test.yml --out results/nlu \
  >results/nlu.log 2>&1 || { cat results/nlu.log; exit 1; }
.venv/bin/python -m bench.nlu_report results/nlu

step "pytest"
export TRAINED_MODEL="$model"
.venv/bin/pytest tests -q -p no:cacheprovider
