#!/usr/bin/env bash
# Quick start, command 1 (`npm start`): brings the whole bot up with embedded defaults.
# Installs what is missing, trains the model when the data changed, starts the action server,
# Rasa and the gateway. Without TELEGRAM_BOT_TOKEN the gateway opens the terminal chat here;
# with it, the bot answers on Telegram. Ctrl-C stops all three.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# A local .env (git-ignored) is honoured; the shell environment wins over it.
if [ -f .env ]; then
  while IFS='=' read -r key value; do
    [[ "$key" =~ ^[A-Z_][A-Z0-9_]*$ ]] || continue
    [ -n "${!key+x}" ] || export "$key=$value"
  done < <(grep -v '^\s*#' .env)
fi

step() { printf '\n[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
logs="$root/var/log"
mkdir -p "$logs"

step "1/5 npm packages and build"
bash scripts/ensure-node-deps.sh
npm run build --silent

step "2/5 Rasa 3.6.21 virtualenv (first time: about 1 GB download, several minutes)"
bash scripts/rasa-setup.sh

step "3/5 training the model if the data changed (first time: a few minutes)"
bash scripts/rasa.sh train

pids=()
stop_all() {
  trap - INT TERM EXIT
  step "stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

# --- staff console (issue 14): session secret and first admin account, once -----------------
node scripts/console-first-run.mjs
export CONSOLE_SESSION_SECRET="${CONSOLE_SESSION_SECRET:-$(cat var/console-session-secret)}"
# ------------------------------------------------------------------------------------------------

step "4/5 starting the action server (:${ACTIONS_PORT:-5055}) and Rasa (:${RASA_PORT:-5005}); logs in var/log/"
node actions-server/dist/main.js >"$logs/actions-server.log" 2>&1 &
pids+=($!)
bash scripts/rasa.sh run >"$logs/rasa.log" 2>&1 &
pids+=($!)
# --- staff console (issue 14) -------------------------------------------------------------------
node console/dist/main.js >"$logs/console.log" 2>&1 &
pids+=($!)
echo "staff console: http://${CONSOLE_HOST:-127.0.0.1}:${CONSOLE_PORT:-8090} (log: var/log/console.log)"
# ------------------------------------------------------------------------------------------------

# The gateway follows RASA_PORT when RASA_URL is not given, so moving Rasa moves both.
export RASA_URL="${RASA_URL:-http://localhost:${RASA_PORT:-5005}}"
rasa_url="$RASA_URL"
# Node is always there (curl may not be): one GET, success on any 2xx.
rasa_up() { node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$rasa_url/status" 2>/dev/null; }
printf 'waiting for Rasa to load the model'
for _ in $(seq 1 180); do
  if rasa_up; then break; fi
  for pid in "${pids[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo; echo "A service stopped during start-up; see var/log/actions-server.log and var/log/rasa.log" >&2
      exit 1
    fi
  done
  printf '.'; sleep 1
done
echo
rasa_up || { echo "Rasa did not answer at $rasa_url within 3 minutes; see var/log/rasa.log" >&2; exit 1; }

if [ -n "${TELEGRAM_BOT_TOKEN:-}" ]; then
  step "5/5 starting the Telegram gateway (:${GATEWAY_PORT:-8080}); Ctrl-C stops everything"
else
  step "5/5 no TELEGRAM_BOT_TOKEN: opening the terminal chat (type a message; Ctrl-C stops everything)"
fi
node gateway/dist/main.js
