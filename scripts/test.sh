#!/usr/bin/env bash
# Everything `make test` checks. Stops at the first failure; prints the time of each step.
#
# The Rasa test commands (`rasa test core`, `rasa test nlu`) only read the trained model,
# so they run in the background while pytest runs (pytest spends much of its time waiting
# for servers and browsers); their output is shown when they fail.
# New test files need nothing here: pytest collects everything under tests/.
set -euo pipefail
cd "$(dirname "$0")/.."
export TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1 PYTHONPATH=.
started=$SECONDS
last=$SECONDS
step() {
  printf '\n=== %s  (previous step %ds, total %ds)\n' "$*" $((SECONDS - last)) $((SECONDS - started))
  last=$SECONDS
}

step "ruff"
.venv/bin/ruff check .

step "knowledge base data"
.venv/bin/python -m knowledge validate

step "rasa data validate"
.venv/bin/rasa data validate --data bot/data --domain domain.yml --config config.yml \
  --fail-on-warnings

step "train (only when the inputs changed)"
model=$(.venv/bin/python -m runner.model | tail -n 1)

step "rasa test stories and nlu (background) + pytest"
rm -rf results/core results/nlu results/failed
mkdir -p results
(
  .venv/bin/rasa test core --model "$model" --stories tests/bot --out results/core \
    --fail-on-prediction-errors >results/core.log 2>&1 || { echo core >>results/failed; }
  # NLU evaluated on tests/bot/nlu_test.yml, not on the training data.
  .venv/bin/rasa test nlu --model "$model" --nlu tests/bot/nlu_test.yml --out results/nlu \
    >results/nlu.log 2>&1 || { echo nlu >>results/failed; }
) &
rasa_tests=$!
cleanup() { kill "$rasa_tests" 2>/dev/null || true; }
trap cleanup EXIT

export TRAINED_MODEL="$model"
# TEST_WORKERS pytest processes (pytest-xdist); a test file stays in one worker, see
# pytest_collection_modifyitems in tests/conftest.py. 1 runs everything in this process.
workers=${TEST_WORKERS:-2}
if [[ "$workers" -gt 1 ]]; then
  parallel=(-n "$workers" --dist loadgroup --no-loadscope-reorder)
else
  parallel=()
fi
.venv/bin/pytest tests -q -p no:cacheprovider "${parallel[@]}"

step "waiting for rasa test stories and nlu"
wait "$rasa_tests"
trap - EXIT
if [[ -s results/failed ]]; then
  for part in $(cat results/failed); do
    echo "--- rasa test $part failed:"
    cat "results/$part.log"
  done
  exit 1
fi
grep -E 'Finished evaluation|correct|Failed' results/core.log | tail -n 3 || true
.venv/bin/python -m bench.nlu_report results/nlu
step "done"
