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
export CONSOLE_NLU_REVIEW_FILE="$tmp/nlu-review.yml"
# Issue 19: LOG_LEVEL=debug used to crash Rasa (it reads LOG_LEVEL in Python's spelling).
export LOG_LEVEL=debug
# No .env of the developer's: this run uses the embedded defaults only.
export START_ENV_FILE="$tmp/none.env"
unset TELEGRAM_BOT_TOKEN RASA_URL ACTION_ENDPOINT_URL ACTIONS_TOKEN RASA_AUTH_TOKEN GATEWAY_CALLBACK_TOKEN \
  ACTIONS_HOST RASA_HOST GATEWAY_HOST RASA_LOG_LEVEL

# Types "halo"; once the greeting is shown, probes Rasa's HTTP API without this run's token (it
# must refuse: npm start runs Rasa with a generated --auth-token), then ends the chat.
chat() {
  printf 'halo\n'
  for _ in $(seq 1 600); do
    grep -qi "apa yang bisa kami bantu" "$tmp/out.txt" 2>/dev/null && break
    grep -q "^npm start: \|\] stopping$" "$tmp/out.txt" 2>/dev/null && break   # start-up failed
    sleep 1
  done
  node -e 'fetch(process.argv[1]).then((r) => console.log(r.status), () => console.log("no answer"))' \
    "http://127.0.0.1:$RASA_PORT/status" >"$tmp/rasa-status-without-token.txt"
  # Keyboard mashing: the bot asks to try again. Then the staff console shows this chat on its
  # dashboard and review pages, and the misunderstood line becomes an NLU review entry (issue 16).
  printf 'qwzx vbnm plok\n'
  for _ in $(seq 1 120); do
    grep -q "Coba ulangi" "$tmp/out.txt" 2>/dev/null && break
    sleep 1
  done
  node scripts/lib/quickstart-console-probe.mjs "http://127.0.0.1:$CONSOLE_PORT" "$tmp/out.txt" \
    >"$tmp/console-probe.json" 2>&1 || true
  # Live takeover in the same terminal (issue 15): ask for a person, staff take over from the
  # console, reply and hand back; the survey's numbered buttons come, the one for 5 rates the help.
  printf 'saya mau bicara dengan petugas\n'
  for _ in $(seq 1 120); do
    grep -q "TIK-[0-9]\{8\}-[0-9]\{4\}" "$tmp/out.txt" 2>/dev/null && break
    sleep 1
  done
  node scripts/lib/quickstart-console-probe.mjs "http://127.0.0.1:$CONSOLE_PORT" "$tmp/out.txt" takeover \
    >"$tmp/takeover-probe.json" 2>&1 || true
  for _ in $(seq 1 60); do
    grep -q "Seberapa puas Anda" "$tmp/out.txt" 2>/dev/null && break
    sleep 1
  done
  # The terminal numbers every button since the user's last message: type the one shown for 5.
  printf '%s\n' "$(sed -n 's/^ *\[\([0-9]*\)\] 5 - Sangat puas$/\1/p' "$tmp/out.txt" | tail -n 1)"
  for _ in $(seq 1 60); do
    grep -q "Terima kasih atas penilaian Anda" "$tmp/out.txt" 2>/dev/null && break
    sleep 1
  done
}
status=0
chat | bash scripts/start.sh >"$tmp/out.txt" 2>&1 || status=$?

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
grep -q "Coba ulangi" "$tmp/out.txt" || fail "keyboard mashing was not answered with 'coba ulangi'"
# The staff console saw the terminal chat: dashboard, review list, NLU review entry (issue 16).
probe="$(cat "$tmp/console-probe.json")"
node -e 'const p = JSON.parse(process.argv[1]); process.exit(p.questions >= 2 && p.reviewEntry === "added" ? 0 : 1)' "$probe" 2>/dev/null \
  || fail "the staff console did not show the terminal chat (dashboard questions >= 2, review entry added): $probe"
grep -q "qwzx vbnm plok" "$CONSOLE_NLU_REVIEW_FILE" && grep -q "intent: out_of_scope" "$CONSOLE_NLU_REVIEW_FILE" \
  || fail "the NLU review file has no entry for the misunderstood message"
# Live takeover through npm start: staff took over, their reply and the hand-back reached the
# terminal, then the survey, and the button for 5 was taken as the rating (issue 15).
node -e 'const p = JSON.parse(process.argv[1]); process.exit(p.takeover === 303 && p.reply === 303 && p.handBack === 303 ? 0 : 1)' \
  "$(cat "$tmp/takeover-probe.json")" 2>/dev/null \
  || fail "the console could not take over the terminal chat: $(cat "$tmp/takeover-probe.json")"
grep -q "Halo, ini petugas uji dari konsol." "$tmp/out.txt" || fail "the staff reply did not reach the terminal chat"
grep -q "kembali dilayani bot helpdesk" "$tmp/out.txt" || fail "the hand-back to the bot was not shown in the terminal chat"
grep -q "Terima kasih atas penilaian Anda" "$tmp/out.txt" || fail "the rating chosen as 5 was not taken"
rating="$(node -e 'const db = new (require("better-sqlite3"))(process.argv[1], { readonly: true })
console.log(db.prepare("SELECT rating FROM csat_surveys WHERE source = ?").pluck().get("ambil_alih") ?? "none")' "$DATABASE_FILE" 2>&1)"
[ "$rating" = 5 ] || fail "the takeover's satisfaction rating is $rating, not 5"

# Secure by default: loopback only, Rasa's API closed without the per-run token.
grep -q "Starting Rasa server on http://127.0.0.1:$RASA_PORT" var/log/rasa.log || fail "Rasa did not listen on 127.0.0.1 only"
grep -q "Server listening at http://127.0.0.1:$ACTIONS_PORT" var/log/actions-server.log || fail "the action server did not listen on 127.0.0.1 only"
[ "$(cat "$tmp/rasa-status-without-token.txt")" = "401" ] \
  || fail "Rasa's /status answered $(cat "$tmp/rasa-status-without-token.txt") without the token (expected 401)"

[ "$(stat -c %a var)" = 700 ] && [ "$(stat -c %a var/log/actions-server.log)" = 600 ] \
  || fail "var/ and its logs are not owner-only (0700 / 0600)"

# After the chat ends, nothing may still listen on the three ports.
for port in "$ACTIONS_PORT" "$RASA_PORT" "$CONSOLE_PORT"; do
  for _ in $(seq 1 20); do
    node -e 'fetch(process.argv[1]).then(() => process.exit(1), () => process.exit(0))' "http://127.0.0.1:$port/" && continue 2
    sleep 0.5
  done
  fail "a service still answers on port $port after the chat ended"
done
# A configuration error in a service is shown in the terminal, not only in var/log.
status=0
printf 'halo\n' | WHATSAPP_MODE=sms bash scripts/start.sh >"$tmp/out-bad.txt" 2>&1 || status=$?
[ "$status" -ne 0 ] || fail "npm start with WHATSAPP_MODE=sms exited 0"
grep -q "the actions-server stopped during start-up" "$tmp/out-bad.txt" \
  || { cp "$tmp/out-bad.txt" "$tmp/out.txt"; fail "the stopped service was not named"; }
grep -q "Invalid configuration: WHATSAPP_MODE must be one of: outbox, cloud" "$tmp/out-bad.txt" \
  || { cp "$tmp/out-bad.txt" "$tmp/out.txt"; fail "the action server's one-line configuration error was not shown in the terminal"; }
echo "quickstart-smoke: npm start showed its steps, greeted in the terminal chat (LOG_LEVEL=debug), asked to try again after keyboard mashing, showed the chat on the console's dashboard and review pages (one misunderstood line added to the NLU review file), let staff take the chat over from the console, reply and hand back, and took the rating 5, listened on loopback with Rasa's API closed to callers without the token, stopped all services, and showed a service's configuration error in the terminal"
