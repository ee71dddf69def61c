#!/usr/bin/env bash
# Quick start, command 1 (`npm start`): brings the whole bot up with embedded defaults.
# Installs what is missing, trains the model when the data changed, starts the action server,
# Rasa, the staff console and the gateway. Without TELEGRAM_BOT_TOKEN the gateway opens the terminal chat here;
# with it, the bot answers on Telegram. Ctrl-C stops them all.
#
# Secure by default: every service listens on 127.0.0.1 only, and the tokens between them
# (ACTIONS_TOKEN, RASA_AUTH_TOKEN, GATEWAY_CALLBACK_TOKEN) are generated for this run unless
# .env or the shell sets them. Before anything starts, every port is checked to be free, so
# another program on a port stops the start with one line instead of answering in our place.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

step() { printf '\n[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() { echo "npm start: $*" >&2; exit 1; }

step "1/5 npm packages and build"
bash scripts/ensure-node-deps.sh

# A local .env (git-ignored; START_ENV_FILE names another file) is honoured, parsed like docker
# compose does (quotes, `export`, comments) by scripts/lib/env-file.mjs; the shell wins over it.
env_file="${START_ENV_FILE:-.env}"
if [ -f "$env_file" ]; then
  env_pairs="$(mktemp)"
  node scripts/lib/env-file.mjs "$env_file" >"$env_pairs" || { rm -f "$env_pairs"; exit 1; }
  while IFS= read -r -d '' pair; do
    key="${pair%%=*}"
    [ -n "${!key+x}" ] || export "$key=${pair#*=}"
  done <"$env_pairs"
  rm -f "$env_pairs"
fi

# Loopback only, unless the operator deliberately sets a host.
export ACTIONS_HOST="${ACTIONS_HOST:-127.0.0.1}" RASA_HOST="${RASA_HOST:-127.0.0.1}" \
  GATEWAY_HOST="${GATEWAY_HOST:-127.0.0.1}"
export ACTIONS_PORT="${ACTIONS_PORT:-5055}" RASA_PORT="${RASA_PORT:-5005}" GATEWAY_PORT="${GATEWAY_PORT:-8080}"

node scripts/lib/port-free.mjs ACTIONS_PORT "$ACTIONS_HOST" "$ACTIONS_PORT"
node scripts/lib/port-free.mjs RASA_PORT "$RASA_HOST" "$RASA_PORT"
export CONSOLE_HOST="${CONSOLE_HOST:-127.0.0.1}" CONSOLE_PORT="${CONSOLE_PORT:-8090}"
node scripts/lib/port-free.mjs CONSOLE_PORT "$CONSOLE_HOST" "$CONSOLE_PORT"
# The gateway listens in both modes: in the terminal chat for /rasa/callback (staff replies from
# the console printed in the terminal; GATEWAY_CALLBACK_TOKEN is always set below).
node scripts/lib/port-free.mjs GATEWAY_PORT "$GATEWAY_HOST" "$GATEWAY_PORT"

# Per-run secrets: nothing for the user to set, nothing reusable after the run.
new_token() { node -e 'process.stdout.write(require("node:crypto").randomBytes(24).toString("hex"))'; }
export ACTIONS_TOKEN="${ACTIONS_TOKEN:-$(new_token)}" RASA_AUTH_TOKEN="${RASA_AUTH_TOKEN:-$(new_token)}" \
  GATEWAY_CALLBACK_TOKEN="${GATEWAY_CALLBACK_TOKEN:-$(new_token)}"
export GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:$GATEWAY_PORT}"

npm run build --silent

step "2/5 Rasa 3.6.21 virtualenv (first time: about 1 GB download, 2.4 GB on disk, several minutes)"
bash scripts/rasa-setup.sh

step "3/5 training the model if the data changed (first time: a few minutes)"
bash scripts/rasa.sh train

# var/ holds the database and the logs: readable by this user only, and so is every file the
# services create from here on (logs, the SQLite file and its -wal/-shm).
logs="$root/var/log"
mkdir -p "$logs"
chmod 700 "$root/var" "$logs"
umask 077
rm -f "$logs/actions-server.log" "$logs/rasa.log" "$logs/console.log"   # per-run logs, recreated owner-only

pids=()
names=()
stop_all() {
  trap - INT TERM EXIT
  step "stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

# Names the service that stopped and shows the end of its log: the one-line configuration
# error (or Rasa's traceback) is there, so nobody has to go looking in var/log.
service_stopped() {
  local name="$1"
  echo >&2
  echo "npm start: the $name stopped during start-up; last lines of var/log/$name.log:" >&2
  tail -n 8 "$logs/$name.log" | sed 's/^/  | /' >&2
  exit 1
}
check_services_alive() {
  local i
  for i in "${!pids[@]}"; do
    kill -0 "${pids[$i]}" 2>/dev/null || service_stopped "${names[$i]}"
  done
}

# --- staff console (issue 14): session secret and first admin account, once -----------------
node scripts/console-first-run.mjs
export CONSOLE_SESSION_SECRET="${CONSOLE_SESSION_SECRET:-$(cat var/console-session-secret)}"
# ------------------------------------------------------------------------------------------------

step "4/5 starting the action server ($ACTIONS_HOST:$ACTIONS_PORT) and Rasa ($RASA_HOST:$RASA_PORT); logs in var/log/"
node actions-server/dist/main.js >"$logs/actions-server.log" 2>&1 &
pids+=($!); names+=(actions-server)
bash scripts/rasa.sh run >"$logs/rasa.log" 2>&1 &
pids+=($!); names+=(rasa)
# Where to reach a service listening on host $1 (a wildcard address is reached over loopback).
reach() { case "$1" in 0.0.0.0|::|'[::]') echo 127.0.0.1 ;; *) echo "$1" ;; esac; }
# The gateway and the console (takeover: pause/resume, transcript) follow RASA_PORT when RASA_URL
# is not given, so moving Rasa moves both.
export RASA_URL="${RASA_URL:-http://$(reach "$RASA_HOST"):$RASA_PORT}"
# --- staff console (issue 14) -------------------------------------------------------------------
node console/dist/main.js >"$logs/console.log" 2>&1 &
pids+=($!); names+=(console)
echo "staff console: http://${CONSOLE_HOST:-127.0.0.1}:${CONSOLE_PORT:-8090} (log: var/log/console.log)"
# ------------------------------------------------------------------------------------------------

# Node is always there (curl may not be): one GET, success on any 2xx. /status needs the token.
answers() { node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1" 2>/dev/null; }
rasa_up() { answers "$RASA_URL/status?token=$RASA_AUTH_TOKEN"; }
actions_up() { answers "http://$(reach "$ACTIONS_HOST"):$ACTIONS_PORT/health"; }
printf 'waiting for Rasa to load the model'
for _ in $(seq 1 300); do
  check_services_alive
  if rasa_up && actions_up; then break; fi
  printf '.'; sleep 1
done
echo
rasa_up || fail "Rasa did not answer at $RASA_URL within 5 minutes; see var/log/rasa.log"
actions_up || fail "the action server did not answer on port $ACTIONS_PORT; see var/log/actions-server.log"
# The ports were free before the start, and the processes we started are still the ones
# running: whoever answers now is ours (Rasa also proved it by accepting this run's token).
check_services_alive

if [ -n "${TELEGRAM_BOT_TOKEN:-}" ]; then
  step "5/5 starting the Telegram gateway ($GATEWAY_HOST:$GATEWAY_PORT); Ctrl-C stops everything"
else
  step "5/5 no TELEGRAM_BOT_TOKEN: opening the terminal chat (type a message; Ctrl-C stops everything)"
fi
# Each user turn's response time goes to the shared store's turn_timings (the console's dashboard).
DATABASE_FILE="${DATABASE_FILE:-$PWD/var/helpdesk.sqlite}" node gateway/dist/main.js
