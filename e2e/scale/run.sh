#!/usr/bin/env bash
# Scale test (issue 13 item 3): two Rasa 3.6.21 processes sharing Rasa's SQL tracker store on
# PostgreSQL and its Redis lock store, two action servers sharing one store, conversations
# alternating between the Rasa processes. Needs `npm run build` and a trained model
# (rasa-project/models/helpdesk.tar.gz, or E2E_SCALE_MODEL); starts its own PostgreSQL and Redis
# when TEST_DATABASE_URL / TEST_REDIS_URL are not set (scripts/with-test-services.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
exec bash scripts/with-test-services.sh npx jest -c "$here/jest.config.js" --runInBand "$@"
