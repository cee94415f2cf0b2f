#!/usr/bin/env bash
# Debian packages for the local production topology (make prod-local, tests/prod).
set -euo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "[setup] installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  # The packages start system services we do not use; stop them to free ports.
  for svc in postgresql redis-server nginx; do
    (command -v service >/dev/null && service "$svc" stop >/dev/null 2>&1) || true
  done
else
  echo "ERROR: the production topology needs: ${missing[*]} (apt-get install ${missing[*]})" >&2
  exit 1
fi
