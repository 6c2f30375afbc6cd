#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests, on 127.0.0.1 only.
#
#   scripts/test-postgres.sh start DIR   # prints the admin URL (TEST_DATABASE_URL)
#   scripts/test-postgres.sh stop DIR
#
# Runs initdb/pg_ctl as user `postgres` when started as root (initdb refuses root).
set -euo pipefail

cmd=${1:?usage: test-postgres.sh start|stop DIR}
dir=${2:?usage: test-postgres.sh start|stop DIR}

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pgbin" ] || { echo "test-postgres.sh: PostgreSQL binaries not found under /usr/lib/postgresql" >&2; exit 1; }

as_pg() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case $cmd in
start)
    mkdir -p "$dir"
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_pg "$pgbin/initdb" -A trust -U postgres -D "$dir/data" >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    # fsync off: a test cluster holds nothing worth a crash-safe write.
    as_pg "$pgbin/pg_ctl" -D "$dir/data" -w -l "$dir/postgres.log" \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >/dev/null || { cat "$dir/postgres.log" >&2; exit 1; }
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
stop)
    [ -d "$dir/data" ] && as_pg "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
*)
    echo "usage: test-postgres.sh start|stop DIR" >&2
    exit 2
    ;;
esac
