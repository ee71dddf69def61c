#!/usr/bin/env bash
# Live takeover end to end (issue 15 items 1 and 4): user asks for a person → ticket → staff take
# over in the console → messages both ways → hand back → the bot answers again; plus the failure
# cases (two staff at once, Telegram 403, gateway down, the user's /reset, idle hand-back). Needs
# `npm run build` and a trained model (the newest in rasa-project/models/, or E2E_TAKEOVER_MODEL).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
exec npx jest -c "$here/jest.config.js" --runInBand "$@"
