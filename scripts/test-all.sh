#!/usr/bin/env bash
# The one test command (README quick start, command 2; .ci/run calls it).
# Installs what is missing, then runs every suite in order and prints a summary line.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

passed=0; failed=0; failures=()
stage() {
  local name="$1"; shift
  echo
  echo "=== $name ==="
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1)); echo "=== $name: ok ($((SECONDS - start)) s) ==="
  else
    failed=$((failed + 1)); failures+=("$name"); echo "=== $name: FAILED ($((SECONDS - start)) s) ==="
  fi
}

bash scripts/ensure-node-deps.sh || { echo "npm install failed"; exit 1; }
stage "build" npm run build
stage "lint" npm run lint
stage "unit and integration tests (jest)" npm run test:unit
stage "end to end through Telegram (gateway + Rasa + action server)" bash e2e/telegram/run.sh
stage "deployment artefacts and Postman collection (jest + newman)" npm run test:deploy

echo
if [ "$failed" -gt 0 ]; then echo "failed stages: ${failures[*]}"; fi
echo "stages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
