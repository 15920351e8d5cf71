#!/usr/bin/env bash
# Starts a throwaway PostgreSQL (Debian's `postgresql` package) on 127.0.0.1 for the store tests
# and prints the environment lines that point Backstage's TestDatabases at it:
#   eval "$(scripts/test-postgres.sh)"
# Data lives in a temporary folder, named by KUBE_RESERVE_TEST_PGDATA; stop the server with
# scripts/test-postgres.sh --stop.
set -euo pipefail
if [ "${1:-}" = --stop ]; then
  data=${KUBE_RESERVE_TEST_PGDATA:?nothing to stop}
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/sh -c "$bin/pg_ctl -D $data -m fast stop" >/dev/null
  else
    "$bin/pg_ctl" -D "$data" -m fast stop >/dev/null
  fi
  rm -rf "$data"
  exit 0
fi
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
  echo "test-postgres: PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi
major=$(basename "$(dirname "$bin")")
port=${TEST_POSTGRES_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
data=$(mktemp -d /tmp/kube-reserve-pg.XXXXXX)
run=(env)
# initdb refuses to run as root: use the postgres account the package created.
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$data"
  run=(su postgres -s /bin/sh -c)
  "${run[@]}" "$bin/initdb -D $data -U postgres --auth=trust -E UTF8" >/dev/null
  "${run[@]}" "$bin/pg_ctl -D $data -o '-p $port -k $data -c listen_addresses=127.0.0.1' -l $data/log -w start" >/dev/null
else
  "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >/dev/null
  "$bin/pg_ctl" -D "$data" -o "-p $port -k $data -c listen_addresses=127.0.0.1" -l "$data/log" -w start >/dev/null
fi
echo "export BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=postgresql://postgres@127.0.0.1:${port}"
echo "export KUBE_RESERVE_TEST_PGDATA=$data"
