#!/usr/bin/env bash
# Sets up everything the system and its tests need. Idempotent: with nothing
# changed a second run only compares stamps and finishes in seconds.
#   scripts/setup.sh          Python environment, spaCy model attempt, front-end build
#   scripts/setup.sh --test   also test-only needs: Chromium, npm test peers
set -euo pipefail
export TF_CPP_MIN_LOG_LEVEL=2 PIP_DISABLE_PIP_VERSION_CHECK=1
cd "$(dirname "$0")/.."
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

say() { printf '[setup] %s\n' "$*"; }
stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }
hash_of() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }

# 1. Python 3.10 virtualenv with the pinned dependencies.
PY=$(scripts/find-python310.sh)
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; assert sys.version_info[:2]==(3,10)' 2>/dev/null; then
  say "creating .venv with $PY"
  rm -rf .venv
  "$PY" -m venv .venv
fi
lock_hash=$(hash_of requirements.lock)
if ! stamp_ok .venv/.lock-stamp "$lock_hash"; then
  say "installing pinned Python dependencies (requirements.lock)"
  # Every line of the lock carries its hashes: a tampered or substituted file fails here.
  .venv/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
  echo "$lock_hash" > .venv/.lock-stamp
  rm -f .venv/.spacy-stamp
else
  say "Python dependencies up to date"
fi

# 2. The spaCy model: used when it can be installed, otherwise the pipeline falls
#    back to spacy.blank("nl") (and says so loudly at training and start-up).
#    Never by bare name from a package index (nobody publishes it there; whoever
#    registers the name would run code here): only a wheel from SPACY_WHEEL_DIR or
#    spaCy's own release URL (SPACY_MODEL_URL).
SPACY_MODEL_URL=${SPACY_MODEL_URL:-https://github.com/explosion/spacy-models/releases/download/nl_core_news_sm-3.4.0/nl_core_news_sm-3.4.0-py3-none-any.whl}
if ! stamp_ok .venv/.spacy-stamp "$lock_hash"; then
  wheel=""
  if [ -n "${SPACY_WHEEL_DIR:-}" ]; then
    wheel=$(ls "$SPACY_WHEEL_DIR"/nl_core_news_sm-3.4*.whl 2>/dev/null | tail -1 || true)
  fi
  if .venv/bin/python -c "import spacy,sys; sys.exit(0 if spacy.util.is_package('nl_core_news_sm') else 1)"; then
    say "spaCy model nl_core_news_sm is installed"
  elif [ -n "$wheel" ] && .venv/bin/pip install --quiet --no-deps --no-index "$wheel" >/dev/null 2>&1; then
    say "installed spaCy model nl_core_news_sm from $wheel"
  elif timeout 120 .venv/bin/pip install --quiet --no-deps "$SPACY_MODEL_URL" >/dev/null 2>&1; then
    say "installed spaCy model nl_core_news_sm from spaCy's release"
  else
    say "WARNING: spaCy model nl_core_news_sm (3.4) could not be installed (no internet, or no"
    say "WARNING: wheel in SPACY_WHEEL_DIR). Continuing with the blank Dutch pipeline: tokenizer"
    say "WARNING: only, no lemmas. To use it: SPACY_WHEEL_DIR=<dir with the 3.4 wheel> make setup"
  fi
  echo "$lock_hash" > .venv/.spacy-stamp
fi

# 3. Front-end and test peers from npm (node_modules is never committed).
npm_ci() {
  local dir=$1
  [ -f "$dir/package-lock.json" ] || return 0
  command -v npm >/dev/null || { echo "ERROR: npm is needed for $dir (apt-get install nodejs npm)" >&2; exit 1; }
  local h; h=$(hash_of "$dir/package-lock.json")
  if ! stamp_ok "$dir/node_modules/.setup-stamp" "$h"; then
    say "npm ci in $dir"
    (cd "$dir" && npm ci --silent --no-audit --no-fund)
    echo "$h" > "$dir/node_modules/.setup-stamp"
  fi
}
npm_ci web/widget
if [ -f web/widget/package.json ]; then
  src_hash=$(hash_of web/widget/package-lock.json $(find web/widget/src web/widget/build.mjs -type f 2>/dev/null | sort))
  if [ ! -f web/widget/dist/widget.js ] || ! stamp_ok web/widget/dist/.build-stamp "$src_hash"; then
    say "building the widget"
    (cd web/widget && npm run --silent build)
    echo "$src_hash" > web/widget/dist/.build-stamp
  fi
fi

if [ "$want_test" = 1 ]; then
  npm_ci tests/web/webchat
  npm_ci tests/telegram/emulator
  npm_ci tests/a11y
  # Browser tests drive Debian's Chromium; install it when missing (needs root).
  # pdfinfo (poppler-utils) checks that the route card PDF is tagged.
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v pdfinfo >/dev/null || missing+=(poppler-utils)
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      say "installing Debian packages: ${missing[*]}"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "ERROR: browser tests need: ${missing[*]} (apt-get install ${missing[*]})" >&2
      exit 1
    fi
  fi
fi
say "done"
