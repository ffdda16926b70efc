#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, on a free port of 127.0.0.1.
#   eval "$(.ci/postgres.sh start)"   # prints: export KG_TEST_POSTGRES_URL=… KG_PG_DIR=…
#   .ci/postgres.sh stop              # stops the cluster in $KG_PG_DIR and deletes it
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user
# (made by Debian's package). Authentication is "trust": the cluster listens on 127.0.0.1 only
# and is deleted at the end.
set -euo pipefail

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

start() {
  if [ -z "$(pg_bin)" ]; then
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
  local bin dir port
  bin=$(pg_bin)
  dir=$(mktemp -d /tmp/kg-postgres.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >&2 \
    || { cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres kg_test >&2
  echo "export KG_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:$port/kg_test KG_PG_DIR=$dir"
}

stop() {
  local dir=${KG_PG_DIR:?"KG_PG_DIR is not set: eval the output of '$0 start' first"}
  as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
