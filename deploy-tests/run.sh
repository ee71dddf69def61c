#!/usr/bin/env bash
# `npm run test:deploy`: the deployment-artefact tests (jest: compose, Dockerfiles, .env.example,
# README configuration table, GitLab CI, Postman collection shape) and the Postman collection run
# by newman against the real action server (scripts/postman.sh). Both always run; fails if either does.
set -uo pipefail
cd "$(dirname "$0")/.."
npx --no-install jest -c deploy-tests/jest.config.js
jest_status=$?
bash scripts/postman.sh
newman_status=$?
[ "$jest_status" -eq 0 ] && [ "$newman_status" -eq 0 ]
