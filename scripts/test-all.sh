#!/usr/bin/env bash
# The one test command (README quick start, command 2; .ci/run calls it).
# Installs what is missing, then runs every suite in order and prints a summary line.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

passed=0; failed=0; failures=()
# The abuse suite's log scan looks only at logs written from here on (e2e/abuse/scan).
export HELPDESK_TEST_RUN_STARTED="$(date +%s)"
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
# One PostgreSQL and one Redis for every stage (store suites on both engines, scale and crash tests).
if [ -z "${TEST_DATABASE_URL:-}" ] || [ -z "${TEST_REDIS_URL:-}" ]; then
  exec bash scripts/with-test-services.sh bash "$0" "$@"
fi
stage "build" npm run build
stage "lint" npm run lint
stage "unit and integration tests (jest)" npm run test:unit
stage "staff console in a real browser (Playwright + Debian Chromium)" npm run test:browser -w console
stage "npm start checks and the .env reader (jest, scripts/test)" npm run test:scripts
stage "Rasa 3.6.21 virtualenv (scripts/rasa-setup.sh)" bash scripts/rasa-setup.sh
stage "Rasa data validation" bash scripts/rasa.sh validate
stage "Rasa training (skipped when the data did not change)" bash scripts/rasa.sh train --quiet
stage "staff console review against real Rasa (its tracker store, YAML readers, rasa test core)" npm run test:rasa -w console
stage "Rasa conversation tests (rasa test, action server running)" bash scripts/rasa.sh test
stage "Rasa NLU evaluation on the two held-out sets" bash scripts/rasa.sh test-nlu
stage "end to end over the Rasa REST channel (Rasa + action server + fakes)" bash scripts/rasa.sh e2e
stage "end to end through Telegram (gateway + Rasa + action server)" bash e2e/telegram/run.sh
stage "scale: two Rasa processes (PostgreSQL tracker store, Redis lock store) and two action servers, conversations alternating between them" bash e2e/scale/run.sh
stage "crash rounds: kill -9 of Rasa, action server and gateway mid-conversation (e2e/crash)" bash e2e/crash/run.sh
stage "live takeover end to end (gateway + Rasa HTTP API + action server + console)" bash e2e/takeover/run.sh
stage "quick start: npm start brings the bot up and the terminal chat answers" bash scripts/quickstart-smoke.sh
stage "deployment artefacts and Postman collection (jest + newman)" npm run test:deploy
# Last: it scans the logs every stage above wrote.
stage "abuse suite: forged trackers, 10,000 fuzzed webhook bodies, enumeration, log scan" bash e2e/abuse/run.sh

echo
if [ "$failed" -gt 0 ]; then echo "failed stages: ${failures[*]}"; fi
echo "stages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
