#!/usr/bin/env bash
# `npm run postman`: runs the Postman collection with newman against the real action server.
# Builds the action server if its sources are newer than dist/, starts it on a free loopback port
# with a throw-away SQLite file and the token from postman/local.postman_environment.json, runs
# newman (offline: the collection only calls that server), stops the server and exits non-zero on
# any failed assertion. Extra arguments go to newman (e.g. --folder "Custom actions").
# POSTMAN_JUNIT=<file> also writes a JUnit report (the GitLab test job uses it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

collection=postman/helpdesk-actions.postman_collection.json
environment=postman/local.postman_environment.json
main=actions-server/dist/main.js

if [ ! -f "$main" ] || [ -n "$(find actions-server/src actions-server/package.json actions-server/tsconfig.build.json packages/helpdesk-core/src -newer "$main" -print -quit)" ]; then
  echo "postman: building the core package and the action server"
  npm run build -w @helpdesk/core --silent
  npm run build -w actions-server --silent
fi

token="$(node -e '
  const env = require(process.argv[1]);
  const v = env.values.find((x) => x.key === "actionsToken");
  if (!v) { console.error("postman: no actionsToken in " + process.argv[1]); process.exit(1); }
  process.stdout.write(v.value);
' "$root/$environment")"
port="$(node -e '
  const s = require("net").createServer();
  s.listen(0, "127.0.0.1", () => { process.stdout.write(String(s.address().port)); s.close(); });
')"

tmp="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# The shipped example data and the defaults, whatever the caller's shell has set.
env -u DIRECTORY_FILE -u KNOWLEDGE_FILE -u HELPDESK_WHATSAPP -u WHATSAPP_API_URL \
  -u WHATSAPP_PHONE_NUMBER_ID -u WHATSAPP_TOKEN -u RESET_API_URL -u RESET_API_TOKEN \
  ACTIONS_HOST=127.0.0.1 ACTIONS_PORT="$port" ACTIONS_TOKEN="$token" \
  DATABASE_FILE="$tmp/helpdesk.sqlite" WHATSAPP_MODE=outbox RESET_PROVIDER=manual LOG_LEVEL=warn \
  node "$main" >"$tmp/server.log" 2>&1 &
server=$!

base="http://127.0.0.1:$port"
if ! node -e '
  const url = process.argv[1] + "/health";
  const deadline = Date.now() + 20000;
  (async () => {
    while (Date.now() < deadline) {
      try { if ((await fetch(url)).ok) return; } catch {}
      await new Promise((r) => setTimeout(r, 100));
    }
    process.exit(1);
  })();
' "$base"; then
  echo "postman: the action server did not answer $base/health within 20 s; its output:" >&2
  cat "$tmp/server.log" >&2
  exit 1
fi

reporters=(--reporters cli)
if [ -n "${POSTMAN_JUNIT:-}" ]; then
  mkdir -p "$(dirname "$POSTMAN_JUNIT")"
  reporters=(--reporters cli,junit --reporter-junit-export "$POSTMAN_JUNIT")
fi

status=0
npx --no-install newman run "$collection" -e "$environment" \
  --env-var "baseUrl=$base" --working-dir "$root/postman" --no-insecure-file-read \
  --timeout-request 10000 --color off "${reporters[@]}" "$@" || status=$?

if [ "$status" -ne 0 ]; then
  echo "postman: newman failed (exit $status); action server output:" >&2
  tail -n 50 "$tmp/server.log" >&2
fi
exit "$status"
