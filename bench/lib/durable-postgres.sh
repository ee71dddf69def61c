#!/usr/bin/env bash
# The benchmark's own PostgreSQL, with a production server's durability (fsync,
# synchronous_commit and full_page_writes at their defaults, on). scripts/with-test-services.sh
# starts its server with them off on the command line, where no ALTER SYSTEM can switch them
# back, and comparing that with SQLite, which syncs its WAL, would flatter PostgreSQL.
#   durable-postgres.sh start <dir> <port>   → prints the superuser URL
#   durable-postgres.sh stop <dir>
# Same Debian binaries and the same root handling as the test services (scripts/lib/test-services.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/scripts/lib/test-services.sh"
cmd="$1" dir="$2"
bin="$(pg_bin_dir)"
[ -n "$bin" ] || { echo "no PostgreSQL server binaries (apt-get install postgresql)" >&2; exit 1; }
case "$cmd" in
  start)
    port="$3"
    mkdir -p "$dir/pg"
    chmod 755 "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir/pg"; fi
    chmod 700 "$dir/pg"
    as_db_user "$bin/initdb" -D "$dir/pg" -U helpdesk -A trust -E UTF8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_db_user "$bin/pg_ctl" -D "$dir/pg" -l "$dir/pg/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/pg -c max_connections=200" \
      start >/dev/null || { cat "$dir/pg/server.log" >&2; exit 1; }
    echo "postgres://helpdesk@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_db_user "$bin/pg_ctl" -D "$dir/pg" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: durable-postgres.sh start <dir> <port> | stop <dir>" >&2; exit 2 ;;
esac
