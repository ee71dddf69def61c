#!/usr/bin/env bash
# Creates .venv-rasa with a Python 3.10 interpreter and installs rasa==3.6.21 with pinned
# constraints. Idempotent: when the venv already reports the right version it returns at once.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${RASA_VENV:-$root/.venv-rasa}"
constraints="$root/scripts/constraints-rasa-3.6.21.txt"
want="3.6.21"

if [ -x "$venv/bin/rasa" ] && [ -f "$venv/.rasa-installed" ] \
  && [ "$(cat "$venv/.rasa-installed")" = "$want $(sha1sum "$constraints" | cut -c1-40)" ]; then
  echo "rasa-setup: Rasa $want already installed in $venv"
  exit 0
fi

find_python() {
  if [ -n "${RASA_PYTHON:-}" ]; then echo "$RASA_PYTHON"; return; fi
  if command -v pyenv >/dev/null 2>&1; then
    local p
    p="$(ls -d "$(pyenv root)"/versions/3.10.*/bin/python 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -n "$p" ]; then echo "$p"; return; fi
  fi
  for candidate in python3.10 "$HOME/.pyenv/versions/3.10"*/bin/python; do
    if command -v "$candidate" >/dev/null 2>&1; then command -v "$candidate"; return; fi
  done
}

py="$(find_python || true)"
if [ -z "$py" ] || ! "$py" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; then
  echo "rasa-setup: Rasa 3.6.21 needs Python 3.10 and none was found." >&2
  echo "  Install it (e.g. 'pyenv install 3.10.13') or put python3.10 on PATH, or set RASA_PYTHON=/path/to/python3.10." >&2
  exit 1
fi

echo "rasa-setup: creating $venv with $("$py" --version) (downloads about 1 GB the first time)"
"$py" -m venv "$venv"
"$venv/bin/python" -m pip install --disable-pip-version-check -q --upgrade "pip<25" wheel
"$venv/bin/python" -m pip install --disable-pip-version-check --progress-bar off \
  -c "$constraints" "rasa==$want"
# Rasa reads LOG_LEVEL in Python's spelling; the Node services' `LOG_LEVEL=warn` would crash it.
LOG_LEVEL=INFO RASA_TELEMETRY_ENABLED=false "$venv/bin/rasa" --version >/dev/null
echo "$want $(sha1sum "$constraints" | cut -c1-40)" > "$venv/.rasa-installed"
echo "rasa-setup: Rasa $want ready in $venv"
