#!/usr/bin/env bash
# Deploys the stack to a Docker host over SSH (the GitLab job `deploy:production` runs this; an
# operator can run it by hand the same way). See docs/deploy.md.
#
#   DEPLOY_HOST=bot.example.go.id DEPLOY_USER=deploy IMAGE_TAG=1a2b3c4d \
#   REGISTRY_IMAGE=registry.example.go.id/helpdesk/helpdesk-bot bash scripts/deploy.sh
#
# 1. copies docker-compose.yml and the Rasa project (config, domain, data, endpoints, credentials)
#    to DEPLOY_PATH on the target, plus rasa-project/models/helpdesk.tar.gz when present;
# 2. on the target: records REGISTRY_IMAGE/IMAGE_TAG in its .env (which the operator created from
#    .env.example), logs in to the registry when deploy credentials are given, pulls the images,
#    puts the new model into the `rasa-models` volume, `docker compose up -d`, and restarts Rasa
#    so that it loads the new model.
#
# Variables: DEPLOY_HOST (required), DEPLOY_USER (default deploy), DEPLOY_PATH (default
# /opt/helpdesk-bot), DEPLOY_SERVICES (services to start; default: the default stack; for the
# scale profile "gateway-scaled console-scaled" with COMPOSE_PROFILES=scale and RASA_SERVICE=rasa-scaled in
# the target's .env), SSH_PRIVATE_KEY and SSH_KNOWN_HOSTS (a file path, as GitLab "File"
# variables give, or the content itself), IMAGE_TAG and REGISTRY_IMAGE (default: GitLab's
# CI_COMMIT_SHORT_SHA and CI_REGISTRY_IMAGE), CI_REGISTRY + CI_DEPLOY_USER + CI_DEPLOY_PASSWORD
# (a GitLab deploy token with read_registry; optional when the target is already logged in).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

fail() { echo "deploy: $*" >&2; exit 1; }
host="${DEPLOY_HOST:-}"
[ -n "$host" ] || fail "DEPLOY_HOST is required (the Docker host to deploy to)"
user="${DEPLOY_USER:-deploy}"
path="${DEPLOY_PATH:-/opt/helpdesk-bot}"
tag="${IMAGE_TAG:-${CI_COMMIT_SHORT_SHA:-}}"
[ -n "$tag" ] || fail "IMAGE_TAG is required (the image tag pushed by the pipeline)"
image="${REGISTRY_IMAGE:-${CI_REGISTRY_IMAGE:-}}"
[ -n "$image" ] || fail "REGISTRY_IMAGE is required (e.g. registry.example.go.id/helpdesk/helpdesk-bot)"
services="${DEPLOY_SERVICES:-}"
[[ "$services" =~ ^[a-z0-9\ _-]*$ ]] || fail "DEPLOY_SERVICES may only list compose service names"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# SSH material: a GitLab "File" variable holds a path; a plain variable holds the content.
as_file() {
  local value="$1" name="$2"
  if [ -f "$value" ]; then cp "$value" "$tmp/$name"; else printf '%s\n' "$value" > "$tmp/$name"; fi
  chmod 600 "$tmp/$name"
  echo "$tmp/$name"
}
ssh_opts=(-o BatchMode=yes -o ConnectTimeout=20)
if [ -n "${SSH_PRIVATE_KEY:-}" ]; then ssh_opts+=(-i "$(as_file "$SSH_PRIVATE_KEY" id_deploy)" -o IdentitiesOnly=yes); fi
if [ -n "${SSH_KNOWN_HOSTS:-}" ]; then
  ssh_opts+=(-o StrictHostKeyChecking=yes -o UserKnownHostsFile="$(as_file "$SSH_KNOWN_HOSTS" known_hosts)")
fi
target="$user@$host"
rsh="ssh ${ssh_opts[*]}"

echo "deploy: copying docker-compose.yml, scripts/rasa.sh and rasa-project/ to $target:$path"
ssh "${ssh_opts[@]}" "$target" "mkdir -p $(printf '%q ' "$path/rasa-project" "$path/incoming" "$path/scripts")"
rsync -rtz --delete -e "$rsh" \
  --exclude 'models/' --exclude 'results/' --exclude '.rasa/' --exclude 'tests/' \
  rasa-project/ "$target:$path/rasa-project/"
rsync -tz -e "$rsh" docker-compose.yml "$target:$path/docker-compose.yml"
# rasa-train runs the same scripts/rasa.sh train as developers and CI
rsync -tz -e "$rsh" scripts/rasa.sh "$target:$path/scripts/rasa.sh"
model=0
if [ -f rasa-project/models/helpdesk.tar.gz ]; then
  rsync -tz -e "$rsh" rasa-project/models/helpdesk.tar.gz "$target:$path/incoming/helpdesk.tar.gz"
  model=1
else
  echo "deploy: no rasa-project/models/helpdesk.tar.gz; the target keeps its model (or rasa-train trains one)"
fi

if [ -n "${CI_DEPLOY_USER:-}" ] && [ -n "${CI_DEPLOY_PASSWORD:-}" ] && [ -n "${CI_REGISTRY:-}" ]; then
  echo "deploy: logging the target in to $CI_REGISTRY"
  printf '%s' "$CI_DEPLOY_PASSWORD" | ssh "${ssh_opts[@]}" "$target" \
    "docker login --username $(printf '%q' "$CI_DEPLOY_USER") --password-stdin $(printf '%q' "$CI_REGISTRY") >/dev/null"
fi

echo "deploy: updating the stack to $image/*:$tag"
# ssh joins its arguments into one remote shell command: quote them for that shell.
ssh "${ssh_opts[@]}" "$target" "bash -s -- $(printf '%q ' "$path" "$image" "$tag" "$model" "$services")" <<'REMOTE'
set -euo pipefail
path="$1" image="$2" tag="$3" model="$4" services="$5"
cd "$path"
[ -f .env ] || { echo "deploy: $path/.env is missing: copy .env.example there and fill it in" >&2; exit 1; }
# Keep the image coordinates in .env so later `docker compose ps/logs/up` use the same images.
sed -i -e '/^REGISTRY_IMAGE=/d' -e '/^IMAGE_TAG=/d' .env
printf 'REGISTRY_IMAGE=%s\nIMAGE_TAG=%s\n' "$image" "$tag" >> .env
# shellcheck disable=SC2086 # $services is a list of service names
docker compose pull --quiet $services
rasa_service="$(sed -n 's/^RASA_SERVICE=//p' .env | tail -n 1)"
rasa_service="${rasa_service:-rasa}"
if [ "$model" = 1 ]; then
  docker compose run --rm --no-deps -v "$path/incoming:/incoming:ro" --entrypoint sh rasa-train \
    -c 'cp /incoming/helpdesk.tar.gz /app/models/helpdesk.tar.gz && chown 1001:0 /app/models/helpdesk.tar.gz'
fi
# shellcheck disable=SC2086
docker compose up -d --remove-orphans $services
if [ "$model" = 1 ]; then docker compose restart "$rasa_service"; fi
docker compose ps
REMOTE
echo "deploy: done"
