#!/usr/bin/env bash
# Nothing acknowledged is lost: records bounces and deliveries from several concurrent clients,
# kills the service with SIGKILL in the middle of that load, starts it again on the same ledger,
# and checks that every event that got a 2xx answer before the kill is in the ledger. The check
# sends each acknowledged event again with its eventId: the ledger must answer "duplicate": true
# (an event it had lost would be recorded now and answer false).
#
# usage: scripts/ledger-kill-test.sh [--db-url jdbc:postgresql://...] [--seconds N] [--clients N] [--min-acked N]
#   The kill comes after --seconds of load (default 5) once at least --min-acked events (default
#   200) have been acknowledged, so a slow, busy machine still kills in the middle of real
#   traffic; it waits at most MAX_LOAD_SECONDS for them. Without --db-url the embedded store in a fresh data directory is used. BOUNCE_DB_USER and
#   BOUNCE_DB_PASSWORD are passed on. Needs target/bounce-classifier.jar (mvn -B -q package
#   -DskipTests), curl and jq. The service listens on a free loopback port.
set -euo pipefail
cd "$(dirname "$0")/.."

DB_URL=""
SECONDS_OF_LOAD=5
CLIENTS=8
MIN_ACKED=200
MAX_LOAD_SECONDS=180
while [ $# -gt 0 ]; do
  case "$1" in
    --db-url) DB_URL="$2"; shift 2 ;;
    --seconds) SECONDS_OF_LOAD="$2"; shift 2 ;;
    --clients) CLIENTS="$2"; shift 2 ;;
    --min-acked) MIN_ACKED="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
JAR=target/bounce-classifier.jar
[ -f "$JAR" ] || { echo "build the jar first: mvn -B -q package -DskipTests" >&2; exit 2; }
command -v jq >/dev/null || { echo "jq is needed (apt-get install jq)" >&2; exit 2; }
# recipients the load spreads over: enough to run many recipients at once, few enough that runs
# of soft bounces reach the threshold and suppress during the load
RECIPIENTS=40
STARTUP_TIMEOUT=120

WORK=$(mktemp -d /tmp/ledger-kill-test-XXXXXX)
SERVICE_PID=""
cleanup() {
  [ -n "$SERVICE_PID" ] && kill -9 "$SERVICE_PID" 2>/dev/null || true
  jobs -p | xargs -r kill 2>/dev/null || true
  if [ "${KEEP_WORK:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

start_service() {
  local log="$WORK/service-$1.log"
  # the rule gate (every rule case at start) is not what this tests, and takes seconds per start
  local args=(serve --port 0 --data-dir "$WORK/data" --no-rules-gate)
  [ -n "$DB_URL" ] && args+=(--db-url "$DB_URL")
  java -jar "$JAR" "${args[@]}" >"$log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 "$STARTUP_TIMEOUT"); do
    PORT=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    [ -n "$PORT" ] && return 0
    kill -0 "$SERVICE_PID" 2>/dev/null || { echo "the service did not start:"; cat "$log"; exit 1; }
    sleep 1
  done
  echo "the service did not start within ${STARTUP_TIMEOUT}s:"; cat "$log"; exit 1
}

# the request for event <client>-<n>: deterministic, so the check can send the very same one again
request_for() {
  local client=$1 n=$2 r="kill$(( (client * 7 + n) % RECIPIENTS ))@example.jp"
  if [ $(( n % 10 )) -eq 9 ]; then
    echo "/v1/deliveries {\"eventId\":\"k$client-$n\",\"recipient\":\"$r\"}"
  elif [ $(( n % 10 )) -eq 5 ]; then
    echo "/v1/bounces {\"eventId\":\"k$client-$n\",\"recipient\":\"$r\",\"smtpCode\":550,\"enhancedStatus\":\"5.1.1\",\"diagnostic\":\"550 5.1.1 <$r>: User unknown\"}"
  else
    echo "/v1/bounces {\"eventId\":\"k$client-$n\",\"recipient\":\"$r\",\"smtpCode\":452,\"enhancedStatus\":\"4.2.2\",\"diagnostic\":\"452 4.2.2 <$r>: Mailbox full\"}"
  fi
}

load_client() {
  local client=$1 n=0 path body status
  while [ ! -f "$WORK/stop" ]; do
    n=$((n + 1))
    read -r path body <<<"$(request_for "$client" "$n")"
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H 'Content-Type: application/json' \
      -d "$body" "http://127.0.0.1:$PORT$path" || true)
    case "$status" in 2*) echo "$client $n" >>"$WORK/acked.$client" ;; esac
  done
}

start_service first
echo "service on port $PORT ($( [ -n "$DB_URL" ] && echo "PostgreSQL" || echo "embedded store" )); load from $CLIENTS clients for at least ${SECONDS_OF_LOAD}s and $MIN_ACKED acknowledged events"
for c in $(seq 1 "$CLIENTS"); do load_client "$c" & done
acked_so_far() { cat "$WORK"/acked.* 2>/dev/null | wc -l; }
sleep "$SECONDS_OF_LOAD"
waited=$SECONDS_OF_LOAD
while [ "$(acked_so_far)" -lt "$MIN_ACKED" ] && [ "$waited" -lt "$MAX_LOAD_SECONDS" ]; do
  sleep 1
  waited=$((waited + 1))
done
kill -9 "$SERVICE_PID"
wait "$SERVICE_PID" 2>/dev/null || true
SERVICE_PID=""
touch "$WORK/stop"
wait
cat "$WORK"/acked.* >"$WORK/acked" 2>/dev/null || true
ACKED=$(wc -l <"$WORK/acked")
[ "$ACKED" -gt 0 ] || { echo "FAIL: no event was acknowledged before the kill"; exit 1; }
echo "killed with SIGKILL after ${waited}s of load and $ACKED acknowledged events; starting again"

start_service second
check_one() {
  local path body answer
  read -r path body <<<"$(request_for "$1" "$2")"
  answer=$(curl -s --max-time 10 -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$PORT$path")
  [ "$(jq -r .duplicate <<<"$answer")" = true ] || echo "LOST k$1-$2: $answer"
}
export -f check_one request_for
export PORT RECIPIENTS
xargs -P "$CLIENTS" -L 1 bash -c 'check_one "$0" "$1"' <"$WORK/acked" >"$WORK/lost"
LOST=$(wc -l <"$WORK/lost")
if [ "$LOST" -ne 0 ]; then
  head -20 "$WORK/lost"
  echo "FAIL: $LOST of $ACKED acknowledged events are not in the ledger after the restart"
  KEEP_WORK=1
  exit 1
fi
echo "PASS: all $ACKED acknowledged events are in the ledger after SIGKILL and restart"
