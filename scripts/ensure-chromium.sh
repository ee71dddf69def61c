#!/usr/bin/env bash
# The console's browser tests drive Debian's Chromium through playwright-core (Playwright's own
# browser download cannot work offline). Installs the `chromium` package when it is missing.
set -euo pipefail
bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$bin" ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing at $bin; install it with: sudo apt-get install -y chromium" >&2
  exit 1
fi
echo "installing Debian's chromium package for the browser tests"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
[ -x "$bin" ] || { echo "chromium installed but $bin is not there" >&2; exit 1; }
