# Sourced: starts and stops the PostgreSQL and Redis servers of a test run (with-test-services.sh).

pg_bin_dir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; fi
  done | sort -V | tail -n 1
}

ensure_test_service_packages() {
  local missing=()
  [ -n "$(pg_bin_dir)" ] || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${missing[*]} (Debian packages) for the tests"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
      || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
  else
    echo "The tests need a PostgreSQL server and redis-server: sudo apt-get install -y ${missing[*]}" >&2
    return 1
  fi
}

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# initdb and postgres refuse to run as root: as root they run as the `postgres` user.
as_db_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_test_services() {
  local bin
  bin="$(pg_bin_dir)"
  TEST_SERVICES_DIR="$(mktemp -d "${TMPDIR:-/tmp}/helpdesk-test-services.XXXXXX")"
  chmod 755 "$TEST_SERVICES_DIR"
  local pgdata="$TEST_SERVICES_DIR/pg"
  mkdir -p "$pgdata"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$pgdata"; fi
  chmod 700 "$pgdata"
  local pg_port redis_port
  pg_port="$(free_port)"
  as_db_user "$bin/initdb" -D "$pgdata" -U helpdesk -A trust --no-sync -E UTF8 >"$TEST_SERVICES_DIR/initdb.log" 2>&1 \
    || { cat "$TEST_SERVICES_DIR/initdb.log" >&2; return 1; }
  # fsync off: a test server's data is thrown away; max_connections covers several services.
  as_db_user "$bin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pgdata -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$pgdata/server.log" >&2; return 1; }
  TEST_PG_BIN="$bin"; TEST_PGDATA="$pgdata"
  TEST_DATABASE_URL="postgres://helpdesk@127.0.0.1:$pg_port/postgres"

  redis_port="$(free_port)"
  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
    --daemonize yes --pidfile "$TEST_SERVICES_DIR/redis.pid" --logfile "$TEST_SERVICES_DIR/redis.log" \
    --dir "$TEST_SERVICES_DIR"
  local tries=0
  until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do
    tries=$((tries + 1)); [ "$tries" -gt 100 ] && { cat "$TEST_SERVICES_DIR/redis.log" >&2; return 1; }
    sleep 0.1
  done
  TEST_REDIS_URL="redis://127.0.0.1:$redis_port"
  echo "test services: PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port"
}

stop_test_services() {
  if [ -n "${TEST_PGDATA:-}" ]; then
    as_db_user "$TEST_PG_BIN/pg_ctl" -D "$TEST_PGDATA" -m immediate stop >/dev/null 2>&1 || true
  fi
  if [ -f "${TEST_SERVICES_DIR:-/nonexistent}/redis.pid" ]; then
    kill "$(cat "$TEST_SERVICES_DIR/redis.pid")" 2>/dev/null || true
  fi
  [ -n "${TEST_SERVICES_DIR:-}" ] && rm -rf "$TEST_SERVICES_DIR"
  TEST_PGDATA=""; TEST_SERVICES_DIR=""
}
