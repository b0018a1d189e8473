#!/usr/bin/env bash
# Benchmark of the recipient ledger: starts the service (embedded store in a fresh data directory,
# or the PostgreSQL database given), runs LedgerBench against it on loopback (recorded bounces per
# second, then suppressions/check for 10,000 addresses), and stops it. Bounded: about twice
# --seconds plus the check calls.
#
# usage: scripts/ledger-bench.sh [--db-url jdbc:postgresql://127.0.0.1:15432/bench] [LedgerBench options]
#   Needs target/bounce-classifier.jar (mvn -B -q package -DskipTests). BOUNCE_DB_USER and
#   BOUNCE_DB_PASSWORD are passed on. Use a database of its own: the benchmark fills it.
set -euo pipefail
cd "$(dirname "$0")/.."
DB_URL=""
if [ "${1:-}" = "--db-url" ]; then DB_URL="$2"; shift 2; fi
JAR=target/bounce-classifier.jar
[ -f "$JAR" ] || { echo "build the jar first: mvn -B -q package -DskipTests" >&2; exit 2; }

WORK=$(mktemp -d /tmp/ledger-bench-XXXXXX)
SERVICE_PID=""
cleanup() {
  [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

args=(serve --port 0 --data-dir "$WORK/data" --no-rules-gate)
[ -n "$DB_URL" ] && args+=(--db-url "$DB_URL")
java -jar "$JAR" "${args[@]}" >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 120); do
  PORT=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$WORK/service.log" | grep -o '[0-9]*$' || true)
  [ -n "$PORT" ] && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$WORK/service.log"; exit 1; }
  sleep 1
done
[ -n "$PORT" ] || { echo "the service did not start"; cat "$WORK/service.log"; exit 1; }
grep -o 'ledger: .*' "$WORK/service.log"
java src/test/java/org/bounceclassifier/ledger/LedgerBench.java --url "http://127.0.0.1:$PORT" "$@"
