#!/usr/bin/env bash
# Scale test (issue 13 item 3): two Rasa 3.6.21 processes sharing Rasa's SQL tracker store on
# PostgreSQL and a Redis lock store, two action servers sharing one PostgreSQL store, conversations
# alternating between the Rasa processes (README.md here). Needs `npm run build` and a trained
# model (rasa-project/models/helpdesk.tar.gz, or E2E_SCALE_MODEL). Starts its own PostgreSQL and
# Redis (scripts/with-test-services.sh) unless TEST_DATABASE_URL / TEST_REDIS_URL are set.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
if [ -z "${TEST_DATABASE_URL:-}" ] || [ -z "${TEST_REDIS_URL:-}" ]; then
  exec bash scripts/with-test-services.sh bash "$0" "$@"
fi
# First the lock store alone: concurrent ticket changes on the real Redis (a few seconds).
venv="${RASA_VENV:-$root/.venv-rasa}"
PYTHONPATH="$root/rasa-project" PYTHONWARNINGS=ignore TF_CPP_MIN_LOG_LEVEL=3 \
  RASA_TELEMETRY_ENABLED=false "$venv/bin/python" "$here/lock_store_race.py"
exec npx jest -c "$here/jest.config.js" --runInBand "$@"
