#!/usr/bin/env bash
# Imports a suppression list of --rows rows (default 100,000) through POST /v1/suppressions/import
# into a fresh ledger, then the same list again (idempotent: nothing to do), and prints the times.
#
# usage: scripts/ledger-import-bench.sh [--rows N] [--db-url URL | --throwaway-pg]
#   Without --db-url the embedded store (SQLite) in a temporary directory; --throwaway-pg starts a
#   PostgreSQL cluster of its own (scripts/lib/pg.sh). Needs target/bounce-classifier.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=100000
DB_URL=""
THROWAWAY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS="$2"; shift 2 ;;
    --db-url) DB_URL="$2"; shift 2 ;;
    --throwaway-pg) THROWAWAY=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
JAR=target/bounce-classifier.jar
[ -f "$JAR" ] || { echo "build the jar first: mvn -B -q package -DskipTests" >&2; exit 2; }
. scripts/lib/pg.sh
WORK=$(mktemp -d /tmp/ledger-import-bench-XXXXXX)
SERVICE_PID=""
cleanup() {
  [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  stop_throwaway_pg
  rm -rf "$WORK"
}
trap cleanup EXIT
[ -n "$THROWAWAY" ] && start_throwaway_pg

# a list as another platform exports it: address, reason, date, category, and a column we ignore
awk -v n="$ROWS" 'BEGIN {
  print "address,reason,date,category,source"
  for (i = 0; i < n; i++) {
    printf "user%d@list%d.example,\"hard bounce, old platform\",2025-%02d-%02d,%s,old-esp\n",
      i, i % 997, 1 + i % 12, 1 + i % 28, (i % 4 == 0 ? "bad_mailbox" : "")
  }
}' > "$WORK/list.csv"
echo "list: $ROWS rows, $(du -h "$WORK/list.csv" | cut -f1)"

args=(serve --port 0 --data-dir "$WORK/data" --no-rules-gate)
[ -n "$DB_URL" ] && args+=(--db-url "$DB_URL")
BOUNCE_ADMIN_TOKEN=bench-token java ${JAVA_OPTS:--Xmx512m} -jar "$JAR" "${args[@]}" >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
PORT=""
for _ in $(seq 1 120); do
  PORT=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$WORK/service.log" | grep -o '[0-9]*$' || true)
  [ -n "$PORT" ] && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$WORK/service.log"; exit 1; }
  sleep 1
done
[ -n "$PORT" ] || { echo "the service did not start"; cat "$WORK/service.log"; exit 1; }
grep -o 'ledger: .*' "$WORK/service.log"

import() {
  curl -s -o "$WORK/answer.json" -w '%{http_code} %{time_total}\n' -X POST "http://127.0.0.1:$PORT/v1/suppressions/import" \
    -H 'Authorization: Bearer bench-token' -H 'Content-Type: text/csv' -H 'X-Actor: bench' \
    --data-binary @"$WORK/list.csv"
}
read -r code seconds < <(import)
echo "first import:  HTTP $code in ${seconds} s: $(cat "$WORK/answer.json")"
echo "rate: $(awk -v n="$ROWS" -v s="$seconds" 'BEGIN { printf "%.0f rows/s", n / s }')"
read -r code seconds < <(import)
echo "second import: HTTP $code in ${seconds} s: $(cat "$WORK/answer.json")"
total=$(curl -s "http://127.0.0.1:$PORT/v1/suppressions?limit=1" | grep -o '"total":[0-9]*')
echo "suppression list: $total"
