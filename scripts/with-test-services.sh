#!/usr/bin/env bash
# Runs a command with a real PostgreSQL and a real Redis on loopback, started for it and removed
# after it: `bash scripts/with-test-services.sh npx jest packages/helpdesk-core`.
# The command sees TEST_DATABASE_URL (a superuser URL; suites create their own databases) and
# TEST_REDIS_URL. When both are already set (a nested call), the command just runs.
#
# Why Debian's packages: they are the same servers an agency installs, apt reaches them on a
# fresh machine of this kind, and they need no download at run time. Missing ones are installed
# when running as root (CI); otherwise the script says what to install.
set -euo pipefail
if [ "$#" -eq 0 ]; then echo "usage: with-test-services.sh <command> [args...]" >&2; exit 2; fi
if [ -n "${TEST_DATABASE_URL:-}" ] && [ -n "${TEST_REDIS_URL:-}" ]; then exec "$@"; fi

root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/lib/test-services.sh"
ensure_test_service_packages
start_test_services
trap stop_test_services EXIT INT TERM
export TEST_DATABASE_URL TEST_REDIS_URL
set +e
"$@"
status=$?
exit "$status"
