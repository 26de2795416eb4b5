#!/usr/bin/env bash
# Installs what the test suite needs from Debian's packages when it is missing: redis-server
# for the pipeline's integration tests, Chromium for the end-to-end tests and PostgreSQL 15 for
# the PostgreSQL run (test/support/postgres.ts starts a private cluster with its programs, from
# /usr/lib/postgresql/15/bin). Never downloads a browser build of its own.
set -euo pipefail

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing test dependencies: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
fi

redis-server --version
/usr/bin/chromium --version 2>/dev/null || true
/usr/lib/postgresql/15/bin/postgres --version
