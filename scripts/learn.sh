#!/usr/bin/env bash
# `make learn` (issue 25): export the corrections advisers approved in the console's learning
# inbox, retrain, and print intent and entity F1 before and after on the same test messages
# (tests/bot/nlu_test.yml plus the held-out share of the corrections).
#
#   scripts/learn.sh            export, train (twice when the data is stale: ~10 min of CPU)
#   scripts/learn.sh --dry-run  export to a temporary folder and print what would run
set -euo pipefail
cd "$(dirname "$0")/.."
export TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1 PYTHONPATH=.
PY=.venv/bin/python
RASA=.venv/bin/rasa
dry=0
[[ "${1:-}" == "--dry-run" ]] && dry=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# 1. Export to a temporary folder first: the "before" model must not see the new examples.
$PY -m console export-training --out "$work/nlu_learned.yml" \
  --test-out "$work/nlu_learned_test.yml"
mkdir -p "$work/test"
cp tests/bot/nlu_test.yml "$work/test/nlu_test.yml"
cp "$work/nlu_learned_test.yml" "$work/test/nlu_learned_test.yml"

evaluate() {  # $1 = model, $2 = output folder
  if [[ $dry -eq 1 ]]; then
    echo "would run: $RASA test nlu --model $1 --nlu $work/test --out $2"
    return
  fi
  "$RASA" test nlu --model "$1" --nlu "$work/test" --out "$2" >"$2.log" 2>&1 \
    || { echo "rasa test nlu failed, see $2.log" >&2; exit 1; }
}

mkdir -p results
if [[ $dry -eq 1 ]]; then
  echo "would run: $PY -m runner.model (before)"
  evaluate MODEL_BEFORE results/learn-before
  echo "would copy the export to bot/data/nlu_learned.yml and tests/bot/nlu_learned_test.yml"
  echo "would run: $PY -m runner.model (after)"
  evaluate MODEL_AFTER results/learn-after
  exit 0
fi

echo "=== model before (trains only when the data changed since the last training)"
before=$($PY -m runner.model | tail -n 1)
evaluate "$before" results/learn-before
cp "$work/nlu_learned.yml" bot/data/nlu_learned.yml
cp "$work/nlu_learned_test.yml" tests/bot/nlu_learned_test.yml
echo "=== model after (with the exported examples)"
after=$($PY -m runner.model | tail -n 1)
evaluate "$after" results/learn-after
echo "=== before"
$PY bench/nlu_report.py results/learn-before
echo "=== after"
$PY bench/nlu_report.py results/learn-after
echo "Commit bot/data/nlu_learned.yml and tests/bot/nlu_learned_test.yml when the numbers are better."
