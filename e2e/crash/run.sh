#!/usr/bin/env bash
# Crash rounds (issue 13 item 4): kill -9 of Rasa, the action server and the gateway in the middle
# of conversations, 20 seeded rounds; see README.md. Needs `npm run build` and a trained model (the
# newest in rasa-project/models/). CRASH_SEED=<n> replays a run, CRASH_ROUNDS=<n> changes the count.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
exec npx jest -c "$here/jest.config.js" --runInBand "$@"
