#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for the store tests, installing the server
# when it is missing. Source it: it exports LOCALIAM_TEST_POSTGRES and defines stop_postgres.
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user.

find_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

start_postgres() {
  local bin
  bin=$(find_pg_bin)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "installing PostgreSQL (Debian package postgresql)"
    if [ "$(id -u)" -eq 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else
      sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    bin=$(find_pg_bin)
  fi

  PG_DIR=$(mktemp -d /tmp/localiam-pg.XXXXXX)
  PG_PORT=${LOCALIAM_TEST_POSTGRES_PORT:-54329}
  local as_owner=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$PG_DIR"
    as_owner=(su postgres -s /bin/bash -c)
  else
    as_owner=(bash -c)
  fi

  "${as_owner[@]}" "'$bin/initdb' -D '$PG_DIR/data' -A trust -U postgres -E UTF8 --locale=C >'$PG_DIR/initdb.log' 2>&1" \
    || { cat "$PG_DIR/initdb.log"; return 1; }
  "${as_owner[@]}" "'$bin/pg_ctl' -D '$PG_DIR/data' -l '$PG_DIR/server.log' -w -t 60 \
      -o \"-p $PG_PORT -k '$PG_DIR' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start >/dev/null" \
    || { cat "$PG_DIR/server.log"; return 1; }
  PG_STOP=("${as_owner[@]}" "'$bin/pg_ctl' -D '$PG_DIR/data' -m fast -w stop >/dev/null")
  export LOCALIAM_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') listening on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
  if [ -n "${PG_DIR:-}" ]; then
    "${PG_STOP[@]}" || true
    rm -rf "$PG_DIR"
    PG_DIR=
  fi
}
