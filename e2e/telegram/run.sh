#!/usr/bin/env bash
# The Telegram end-to-end stage: compiles the runner and plays every script in scripts/ against
# the real gateway, Rasa and action server (built beforehand by `npm run build`; the Rasa model by
# `npm run rasa:train`). Arguments go to the runner, e.g. --only 03,16 or --validate.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
rm -rf "$here/dist"
npx tsc -p "$here/tsconfig.json"
if [ "${1:-}" != "--validate" ] && [ -z "${E2E_SKIP_SELF_TEST:-}" ]; then
  # The runner's own unit tests (script format, matching) first: a few seconds.
  npx jest -c "$here/jest.config.js" --silent
fi
exec node "$here/dist/e2e/telegram/src/run.js" "$@"
