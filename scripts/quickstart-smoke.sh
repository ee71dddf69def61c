#!/usr/bin/env bash
# Proves quick-start command 1 (`npm start` = scripts/start.sh) as a newcomer meets it: the
# steps are shown, the terminal chat answers a typed "halo" with the greeting, the conversation is
# in Rasa's tracker database (owner-only), and when the chat ends all three services are stopped.
# Runs on its own ports and throw-away databases.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
export ACTIONS_PORT="$(free_port)" RASA_PORT="$(free_port)" GATEWAY_PORT="$(free_port)" CONSOLE_PORT="$(free_port)"
export DATABASE_FILE="$tmp/helpdesk.sqlite" RASA_TRACKER_DB="$tmp/rasa-tracker.sqlite"
unset TELEGRAM_BOT_TOKEN RASA_URL ACTION_ENDPOINT_URL

status=0
printf 'halo\n' | bash scripts/start.sh >"$tmp/out.txt" 2>&1 || status=$?

fail() {
  echo "quickstart-smoke: $*" >&2
  echo "--- output of npm start ---" >&2
  tail -n 40 "$tmp/out.txt" >&2
  exit 1
}
[ "$status" -eq 0 ] || fail "npm start exited with $status"
for step in "1/5 npm packages" "2/5 Rasa 3.6.21 virtualenv" "3/5 training" "4/5 starting" "5/5 no TELEGRAM_BOT_TOKEN"; do
  grep -q "$step" "$tmp/out.txt" || fail "progress step '$step' was not shown"
done
grep -qi "apa yang bisa kami bantu" "$tmp/out.txt" || fail "the terminal chat did not answer 'halo' with the greeting"
grep -q "\[1\] Lupa password" "$tmp/out.txt" || fail "the greeting's buttons were not shown as numbered choices"
grep -q "created the first admin account" "$tmp/out.txt" || fail "the staff console's first admin account was not announced"
grep -q "staff console: http://127.0.0.1:$CONSOLE_PORT" "$tmp/out.txt" || fail "the staff console's address was not shown"
# Rasa kept the conversation in its SQL tracker store (RASA_TRACKER_DB), readable by the owner only.
[ -f "$RASA_TRACKER_DB" ] || fail "Rasa's tracker database $RASA_TRACKER_DB was not created"
[ "$(stat -c %a "$RASA_TRACKER_DB")" = 600 ] || fail "the tracker database is not owner-only ($(stat -c %a "$RASA_TRACKER_DB"))"
user_events="$(node -e 'const db = new (require("better-sqlite3"))(process.argv[1], { readonly: true })
console.log(db.prepare("SELECT count(*) AS n FROM events WHERE type_name = ?").get("user").n)' "$RASA_TRACKER_DB" 2>&1)" \
  || fail "could not read Rasa's tracker database: $user_events"
[ "$user_events" -ge 1 ] || fail "Rasa's tracker database holds no user message"

# After the chat ends, nothing may still listen on the three ports.
for port in "$ACTIONS_PORT" "$RASA_PORT" "$CONSOLE_PORT"; do
  for _ in $(seq 1 20); do
    node -e 'fetch(process.argv[1]).then(() => process.exit(1), () => process.exit(0))' "http://127.0.0.1:$port/" && continue 2
    sleep 0.5
  done
  fail "a service still answers on port $port after the chat ended"
done
echo "quickstart-smoke: npm start showed its steps, greeted in the terminal chat and stopped all services"
