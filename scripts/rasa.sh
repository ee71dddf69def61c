#!/usr/bin/env bash
# One entry point for everything Rasa (npm run rasa:<cmd> calls it):
#   setup | validate | train | test | test-nlu | cross-validate | run | e2e
# Runs the pinned Rasa 3.6.21 from .venv-rasa with telemetry off and TF quiet.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
project="$root/rasa-project"
venv="${RASA_VENV:-$root/.venv-rasa}"
rasa="$venv/bin/rasa"
model_name="helpdesk"
# Where trained models go: rasa-project/models by default; the compose `rasa-train` service
# points it at the model volume, which cannot be mounted inside the read-only project bind.
model_dir="${RASA_MODEL_DIR:-$project/models}"
model="$model_dir/$model_name.tar.gz"

export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3 TF_ENABLE_ONEDNN_OPTS=0 \
  CUDA_VISIBLE_DEVICES=-1 PYTHONWARNINGS=ignore SQLALCHEMY_SILENCE_UBER_WARNING=1 \
  LOG_LEVEL_LIBRARIES=ERROR LOG_LEVEL_MATPLOTLIB=ERROR TF_INTRA_OP_PARALLELISM_THREADS=2 \
  TF_INTER_OP_PARALLELISM_THREADS=2 SANIC_WORKERS=1 MPLBACKEND=Agg
# endpoints.yml reads these; Rasa has no ${VAR:-default} syntax and refuses to start when a
# referenced variable is unset. An empty ACTIONS_TOKEN means "send no token".
# (the default follows ACTIONS_PORT, so `npm start` with another action-server port still connects)
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://127.0.0.1:${ACTIONS_PORT:-5055}/webhook}"
export ACTIONS_TOKEN="${ACTIONS_TOKEN:-}"
# The SQLite file of Rasa's SQL tracker store (endpoints.yml): conversations survive a restart.
# Rasa opens a relative path against its working directory (rasa-project/), so a relative value
# is resolved against the repository root here; tests point it at a temp file.
RASA_TRACKER_DB="${RASA_TRACKER_DB:-$root/var/rasa-tracker.sqlite}"
case "$RASA_TRACKER_DB" in /*) ;; *) RASA_TRACKER_DB="$root/$RASA_TRACKER_DB" ;; esac
export RASA_TRACKER_DB

# Rasa reads LOG_LEVEL itself and accepts only Python's upper-case names, while the Node
# services read LOG_LEVEL in pino's spelling (warn, debug). So Rasa gets its own variable,
# RASA_LOG_LEVEL, and every Rasa command below runs with LOG_LEVEL set from it.
rasa_log_level="$(printf '%s' "${RASA_LOG_LEVEL:-INFO}" | tr '[:lower:]' '[:upper:]' | tr -d '[:space:]')"
case "$rasa_log_level" in
  DEBUG|INFO|WARNING|ERROR|CRITICAL) ;;
  WARN) rasa_log_level=WARNING ;;
  *) echo "rasa.sh: RASA_LOG_LEVEL must be one of: DEBUG, INFO, WARNING, ERROR, CRITICAL" >&2; exit 1 ;;
esac
export RASA_LOG_LEVEL="$rasa_log_level"
rasa_cli() { LOG_LEVEL="$rasa_log_level" "$rasa" "$@"; }

need_rasa() {
  if [ ! -x "$rasa" ]; then
    echo "rasa.sh: Rasa is not installed in $venv; run 'npm run rasa:setup' first." >&2
    exit 1
  fi
}

# Creates the tracker database's folder and an empty file, owner-only, when they are missing
# (SQLite gives its journal files the database file's permissions). Existing ones are left as
# they are, never loosened.
prepare_tracker_db() {
  local dir
  dir="$(dirname "$RASA_TRACKER_DB")"
  [ -d "$dir" ] || (umask 077 && mkdir -p "$dir")
  [ -e "$RASA_TRACKER_DB" ] || (umask 077 && : >>"$RASA_TRACKER_DB")
}

need_model() {
  if [ ! -f "$model" ]; then
    echo "rasa.sh: no trained model at $model; run 'npm run rasa:train' first." >&2
    exit 1
  fi
}

cmd="${1:-}"
[ $# -gt 0 ] && shift
case "$cmd" in
  setup)
    exec bash "$root/scripts/rasa-setup.sh"
    ;;
  validate)
    need_rasa
    cd "$project"
    # Fails on errors and on any warning except the documented one (rasa-project/README.md):
    # Rasa 3.6's validator does not see that forms use utter_ask_<slot>/utter_ask_<form>_<slot>.
    out="$(mktemp)"
    status=0
    rasa_cli data validate "$@" >"$out" 2>&1 || status=$?
    # held-out examples must stay out of the training data, also as near-duplicates
    "$venv/bin/python" "$root/scripts/nlu-near-duplicates.py" || status=$?
    grep -v 'pkg_resources\|declare_namespace\|Implementing implicit namespace\|Processed story blocks' "$out" || true
    unexpected="$(grep 'UserWarning' "$out" \
      | grep -v "The utterance 'utter_ask_[a-z_]*' is not used in any story or rule" || true)"
    rm -f "$out"
    if [ "$status" -ne 0 ]; then echo "rasa.sh: rasa data validate failed" >&2; exit "$status"; fi
    if [ -n "$unexpected" ]; then
      echo "rasa.sh: unexpected validation warnings:" >&2; echo "$unexpected" >&2; exit 1
    fi
    echo "rasa.sh: data valid (only the documented utter_ask_* warnings)"
    ;;
  train)
    need_rasa
    cd "$project"
    mkdir -p "$model_dir"
    start=$SECONDS
    # Rasa fingerprints config, domain and data against its training cache (.rasa/cache, or
    # RASA_CACHE_DIRECTORY): `--dry-run` exits 0 when nothing would be retrained, and then the
    # model is kept as is. The model archive records fingerprints of the config and the labels
    # only, not of the training examples, so without that cache (a model downloaded from CI or
    # copied from a colleague) nothing can tell whether the model matches the data, and it is
    # retrained: say so.
    cache_dir="${RASA_CACHE_DIRECTORY:-$project/.rasa/cache}"
    if [ -f "$model" ] && [ ! -d "$cache_dir" ]; then
      echo "rasa.sh: $model exists but there is no training cache ($cache_dir), so Rasa cannot prove it matches the data: retraining (a few minutes). Keep the cache to skip this next time."
    elif [ -f "$model" ] && rasa_cli train --dry-run --augmentation 0 --fixed-model-name "$model_name" \
        --out "$model_dir" >/dev/null 2>&1; then
      echo "rasa.sh: config, domain and data unchanged; keeping $model ($((SECONDS - start)) s)"
      exit 0
    elif [ -f "$model" ]; then
      echo "rasa.sh: config, domain or data changed since $model was trained: retraining"
    fi
    rasa_cli train --augmentation 0 --num-threads 2 --fixed-model-name "$model_name" \
      --out "$model_dir" "$@"
    echo "rasa.sh: train finished in $((SECONDS - start)) s -> $model"
    ;;
  test)
    # Conversation tests (tests/test_*.yml) with the real action server running.
    need_rasa; need_model
    exec bash "$root/scripts/rasa-test-conversations.sh" "$@"
    ;;
  test-nlu)
    # Held-out NLU evaluation on both held-out files of tests/ (docs/nlu-evaluation.md): the
    # project's de-duplicated one and the independent one written without seeing data/.
    need_rasa; need_model
    cd "$project"
    "$venv/bin/python" "$root/scripts/nlu-near-duplicates.py"
    rm -rf results/nlu
    for set in heldout:nlu-heldout.yml independent:nlu-heldout-independent.yml; do
      rasa_cli test nlu --nlu "tests/${set#*:}" -m "$model" --out "results/nlu/${set%%:*}" --no-plot \
        --successes --quiet "$@" 2>&1 | grep -v 'Warning\|warn\|declare_namespace\|pkg_resources\|it/s\]' || true
      [ -f "results/nlu/${set%%:*}/intent_report.json" ] \
        || { echo "rasa.sh: rasa test nlu produced no report for ${set#*:}" >&2; exit 1; }
    done
    # UPDATE_NLU_DOC=1 also rewrites the generated part of the committed docs/nlu-evaluation.md
    exec "$venv/bin/python" "$root/scripts/rasa-nlu-summary.py" "$project/results/nlu" \
      "$root/docs/nlu-evaluation.md" ${UPDATE_NLU_DOC:+--write-doc}
    ;;
  cross-validate)
    # k-fold cross-validation of the NLU training data (slow: trains one model per fold; not part
    # of npm test). Figures are recorded by hand in docs/nlu-evaluation.md.
    need_rasa
    cd "$project"
    rm -rf results/cross-validation
    rasa_cli test nlu --nlu data --config config.yml --cross-validation --folds "${FOLDS:-3}" \
      --out results/cross-validation --no-plot "$@" 2>&1 \
      | grep -v 'Warning\|warn\|declare_namespace\|pkg_resources\|it/s\]' || true
    [ -f results/cross-validation/intent_report.json ] \
      || { echo "rasa.sh: cross-validation produced no report" >&2; exit 1; }
    ;;
  run)
    need_rasa; need_model
    prepare_tracker_db
    cd "$project"
    # Loopback by default; the HTTP API (conversations, model) only with RASA_AUTH_TOKEN, which
    # npm start generates per run.
    auth=()
    if [ -n "${RASA_AUTH_TOKEN:-}" ]; then auth=(--auth-token "$RASA_AUTH_TOKEN"); fi
    LOG_LEVEL="$rasa_log_level" exec "$rasa" run --enable-api "${auth[@]}" -i "${RASA_HOST:-127.0.0.1}" \
      -p "${RASA_PORT:-5005}" -m "$model" --endpoints endpoints.yml --credentials credentials.yml "$@"
    ;;
  e2e)
    need_rasa; need_model
    cd "$root"
    exec npx jest -c e2e/rest/jest.config.js "$@"
    ;;
  *)
    echo "usage: scripts/rasa.sh setup|validate|train|test|test-nlu|cross-validate|run|e2e [rasa options]" >&2
    exit 2
    ;;
esac
