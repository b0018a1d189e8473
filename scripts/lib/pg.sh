# A throwaway PostgreSQL cluster for the benchmark scripts (source it): start_throwaway_pg makes one
# with initdb under /tmp on a free loopback port (as the postgres user when run as root, since
# PostgreSQL refuses root), creates database "bench", sets DB_URL and BOUNCE_DB_USER, and stops and
# deletes it on exit (call stop_throwaway_pg from the script's own EXIT trap).
# Needs Debian's postgresql package (/usr/lib/postgresql/<version>/bin).
PG_DIR=""
PG_BIN=""
pg_run() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
start_throwaway_pg() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL is not installed: apt-get install postgresql" >&2; exit 2; }
  PG_DIR=$(mktemp -d /tmp/bench-pg-XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  pg_run "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
  pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -o "-p $port -h 127.0.0.1 -k $PG_DIR" start >/dev/null
  pg_run "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres bench
  DB_URL="jdbc:postgresql://127.0.0.1:$port/bench"
  export BOUNCE_DB_USER=postgres
  echo "throwaway PostgreSQL $(pg_run "$PG_BIN/postgres" --version 2>/dev/null | awk '{print $3}') at $DB_URL"
}
stop_throwaway_pg() {
  if [ -n "$PG_DIR" ]; then
    pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
