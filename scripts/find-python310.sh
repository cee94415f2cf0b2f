#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter that actually runs.
# Rasa 3.6 supports Python 3.8-3.10 only; we standardise on 3.10.
# Order: $PYTHON310 (explicit override), python3.10 on PATH, pyenv's 3.10.x.
set -u

works() { "$1" -c 'import sys, venv; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; }

if [ -n "${PYTHON310:-}" ] && works "$PYTHON310"; then
  echo "$PYTHON310"; exit 0
fi
if command -v python3.10 >/dev/null 2>&1 && works python3.10; then
  command -v python3.10; exit 0
fi
if command -v pyenv >/dev/null 2>&1; then
  for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.[0-9]+)?$' | sort -t. -k3,3nr); do
    prefix=$(pyenv prefix "$v" 2>/dev/null) || continue
    if works "$prefix/bin/python3.10"; then
      echo "$prefix/bin/python3.10"; exit 0
    fi
  done
fi
cat >&2 <<MSG
ERROR: no working Python 3.10 interpreter found.
Rasa Open Source 3.6 runs on Python 3.8-3.10 only; this project uses 3.10.
Install one, for example:
  - Debian/Ubuntu:  apt-get install python3.10 python3.10-venv
  - pyenv:          pyenv install 3.10
or point PYTHON310 at an existing interpreter.
MSG
exit 1
