#!/usr/bin/env bash
# Conversation tests: `rasa test core --e2e` over rasa-project/tests/test_*.yml with the real
# action server running next to it (started here on a free port with a throw-away database,
# stopped on exit). Fails when any conversation fails; failed stories are printed.
# Note: Rasa's story evaluation predicts each step on the recorded conversation; it parses every
# user line with the trained NLU but does not execute custom actions, so the action server is
# only a bystander here. scripts/rasa.sh e2e drives real conversations through both.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
project="$root/rasa-project"
venv="${RASA_VENV:-$root/.venv-rasa}"
model="${RASA_MODEL_DIR:-$project/models}/helpdesk.tar.gz"
actions_main="$root/actions-server/dist/main.js"

if [ ! -f "$actions_main" ]; then
  echo "rasa-test-conversations: $actions_main is missing; run 'npm run build' first." >&2
  exit 1
fi

tmp="$(mktemp -d)"
actions_pid=""
cleanup() {
  if [ -n "$actions_pid" ]; then kill "$actions_pid" 2>/dev/null || true; wait "$actions_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
ACTIONS_HOST=127.0.0.1 ACTIONS_PORT="$port" DATABASE_FILE="$tmp/helpdesk.sqlite" LOG_LEVEL=warn \
  node "$actions_main" >"$tmp/actions.log" 2>&1 &
actions_pid=$!
for _ in $(seq 1 50); do
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$actions_pid" 2>/dev/null; then
    echo "rasa-test-conversations: the action server did not start:" >&2; cat "$tmp/actions.log" >&2; exit 1
  fi
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/health" >/dev/null || { echo "action server not healthy" >&2; exit 1; }
export ACTION_ENDPOINT_URL="http://127.0.0.1:$port/webhook"
# endpoints.yml names a tracker database; a test never touches the real one in var/.
export RASA_TRACKER_DB="$tmp/rasa-tracker.sqlite"

cd "$project"
rm -rf results/core
LOG_LEVEL="${RASA_LOG_LEVEL:-INFO}" "$venv/bin/rasa" test core --stories tests --e2e -m "$model" --out results/core --no-plot "$@" \
  >"$tmp/rasa-test.log" 2>&1 || { cat "$tmp/rasa-test.log" >&2; exit 1; }
grep -A2 "Evaluation Results on CONVERSATION level" "$tmp/rasa-test.log" | sed -E 's/^.*rasa\.core\.test +- +//'
failed="results/core/failed_test_stories.yml"
if [ ! -f "$failed" ]; then echo "rasa-test-conversations: no $failed written" >&2; exit 1; fi
if grep -q '^- story:' "$failed"; then
  echo "rasa-test-conversations: failing conversations ($project/$failed):" >&2
  cat "$failed" >&2
  exit 1
fi
echo "rasa-test-conversations: all conversations passed"
