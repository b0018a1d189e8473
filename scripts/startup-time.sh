#!/usr/bin/env bash
# Time from `java -jar target/bounce-classifier.jar serve` to the first answered request (a 200 from
# POST /v1/classify), and the time of a full reload (compile and gate) through the admin API, RUNS
# times each (default 3). Extra JVM options in JAVA_OPTS (e.g. the CDS archive, see README).
# Loopback only: PORT (default 18093).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
port=${PORT:-18093}
java_opts=${JAVA_OPTS:-}
[ -f target/bounce-classifier.jar ] || mvn -B -q package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
body='{"diagnostic": "550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown"}'
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  BOUNCE_ADMIN_TOKEN=bench java $java_opts -jar target/bounce-classifier.jar serve --port "$port" --no-watch --data-dir "$work/data" \
    > "$work/service.log" 2>&1 &
  service=$!
  until curl -sf -o /dev/null -X POST "http://127.0.0.1:$port/v1/classify" -H 'Content-Type: application/json' \
      -d "$body" 2>/dev/null; do
    kill -0 $service 2>/dev/null || { cat "$work/service.log"; exit 1; }
    sleep 0.01
  done
  first=$(( ($(date +%s%N) - start) / 1000000 ))
  loaded=$(grep -o 'loaded (startup) in [0-9]* ms' "$work/service.log" | awk '{print $4}')
  reloads=""
  for _ in 1 2 3; do
    ms=$(curl -sf -X POST "http://127.0.0.1:$port/v1/rules/reload" -H 'Authorization: Bearer bench' \
      | grep -o '"durationMillis":[0-9]*' | cut -d: -f2)
    reloads="$reloads $ms"
  done
  echo "run $run: first answer after ${first} ms (rules loaded and gated in ${loaded} ms); reloads:${reloads} ms"
  kill $service; wait $service 2>/dev/null || true
done
