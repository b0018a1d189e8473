#!/usr/bin/env bash
# Times a dry-run and an applied re-evaluation of the ledger over --events events (default
# 1,000,000, ten per recipient) in a JVM with a capped heap (default -Xmx256m: memory must not grow
# with the ledger). Runs ReevaluateBench (src/test/java/.../ledger) in-process on a fresh ledger:
# SQLite in a temporary directory, or PostgreSQL (--db-url URL, or --throwaway-pg for a cluster of
# its own, scripts/lib/pg.sh). Filling the ledger is part of the run and timed separately.
#
# usage: scripts/ledger-reevaluate-bench.sh [--events N] [--db-url URL | --throwaway-pg]
set -euo pipefail
cd "$(dirname "$0")/.."
ARGS=()
THROWAWAY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --throwaway-pg) THROWAWAY=1; shift ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
. scripts/lib/pg.sh
trap stop_throwaway_pg EXIT
if [ -n "$THROWAWAY" ]; then
  start_throwaway_pg
  ARGS+=(--db-url "$DB_URL")
fi
mvn -B -q -o test-compile
CP="target/test-classes:target/classes:$(mvn -B -q -o -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile=/dev/stdout | sed "s/\x1b\[[0-9;]*m//g")"
# shellcheck disable=SC2086
java ${JAVA_OPTS:--Xmx256m} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
  org.bounceclassifier.ledger.ReevaluateBench "${ARGS[@]}"
