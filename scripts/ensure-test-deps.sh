#!/usr/bin/env bash
# Installs what the test suite needs from Debian's packages when it is missing: redis-server
# for the pipeline's integration tests and Chromium for the end-to-end tests. Never downloads a
# browser build of its own.
set -euo pipefail

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)

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
